//! Meals, recipes and nutrients. So far: logging meals (graded with
//! WellTrack's nutrition grade when label values are given), the pure
//! nutrition logic (grade, energy needs, default targets) and saving a
//! profile's default targets.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod logic;
pub mod model;
pub mod views;
