//! Recipes: the household's recipe library with ingredients matched to USDA SR28 foods,
//! steps, computed nutrition and WellTrack's nutrition grade (logic in `meals::logic::recipe`).

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod import;
pub mod logic;
pub mod model;
