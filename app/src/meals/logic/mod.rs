//! Pure meal logic (issue 3, items 7 and 8): WellTrack's versioned nutrition grade for recipes
//! and meals, recipe nutrition from SR28 ingredients, energy expenditure and workout calories,
//! and default nutrient targets. No I/O,
//! no clock; compiled for the server and the browser.
//!
//! Oracles: `tools/oracles/nutrition/make_fixtures.py` writes `fixtures/*.json` (Open Food Facts'
//! published expected results transcribed as facts, an independent Python Nutri-Score 2023
//! implementation, and hand-checkable energy and target values).

pub mod energy;
pub mod ingredient_line;
pub mod intake;
pub mod meal_form;
pub mod nutrition_grade;
pub mod recipe;
pub mod sr28;
pub mod targets;
pub mod tile;
pub mod units;

#[cfg(test)]
mod energy_tests;
#[cfg(test)]
mod nutrition_grade_tests;
