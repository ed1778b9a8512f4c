//! Meals, recipes and nutrients: logging meals (graded with WellTrack's
//! nutrition grade when label values are given, or from a recipe), recipes
//! built from USDA SR28 foods, the pure nutrition logic (grade, recipe
//! nutrition, energy needs, default targets) and a profile's default targets.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod logic;
pub mod model;
pub mod recipes;
pub mod views;
