//! Meals, recipes and nutrients. So far: the pure nutrition logic (WellTrack's
//! nutrition grade, energy needs, default nutrient targets) and saving a
//! profile's default targets.

#[cfg(feature = "ssr")]
pub mod db;
pub mod logic;
