//! Meals, recipes and nutrients. So far: the pure nutrition logic (WellTrack's
//! nutrition grade, energy needs, default nutrient targets).

pub mod logic;
