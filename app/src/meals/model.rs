//! Logged meals as the browser sees them, and the meal form as posted. The
//! form's rules are in `logic/meal_form.rs`, the tile's wording in `logic/tile.rs`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use uuid::Uuid;

use super::logic::intake::{IntakeBar, MealItem};
use super::logic::nutrition_grade::{Category, NutritionFacts};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MealEntry {
    pub id: Uuid,
    pub meal_date: NaiveDate,
    pub meal_type: MealType,
    pub name: String,
    /// The spec's A–D column (E folded into D).
    pub score: Option<String>,
    /// The true A–E grade kept in `nutrition_info`.
    pub grade: Option<String>,
    /// What it gave, from its breakdown.
    pub energy_kcal: Option<f64>,
}

/// The meals page: today's and this week's intake against the profile's targets, and the
/// latest meals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MealsPageData {
    pub intake: Vec<IntakeBar>,
    /// Days of the last seven with a meal that counted.
    pub days_logged: i64,
    pub meals: Vec<MealEntry>,
}

/// One meal with what it was made of and what it gave.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MealDetail {
    pub id: Uuid,
    pub meal_date: NaiveDate,
    pub meal_type: MealType,
    pub name: String,
    pub rating: Option<i32>,
    pub notes: Option<String>,
    /// `/media/<id>` when a photo was added.
    pub photo_url: Option<String>,
    pub recipe: Option<(Uuid, String)>,
    pub servings_consumed: Option<f64>,
    pub items: Vec<MealItem>,
    /// (label, amount, unit) in the order of `intake::TRACKED`.
    pub nutrients: Vec<(String, f64, String)>,
    pub not_counted: Vec<String>,
    pub grade: Option<String>,
}

/// The meal page: the meal and the foods found for its search form's `q`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MealPageData {
    pub meal: MealDetail,
    pub q: String,
    pub results: Vec<crate::meals::recipes::model::FoodMatch>,
}

/// The meal's own fields as edited (a missing field reads as empty).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MealEditForm {
    pub name: String,
    pub meal_type: String,
    pub meal_date: String,
    pub rating: String,
    pub notes: String,
}

/// A validated [`MealEditForm`].
#[derive(Clone, Debug, PartialEq)]
pub struct MealEdit {
    pub name: String,
    pub meal_type: MealType,
    pub meal_date: NaiveDate,
    pub rating: Option<i32>,
    pub notes: Option<String>,
}

/// `wt_meal_type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "wt_meal_type", rename_all = "snake_case"))]
#[serde(rename_all = "snake_case")]
pub enum MealType {
    Breakfast,
    Lunch,
    Dinner,
    Snack,
}

impl crate::input::Choice for MealType {
    const ALL: &'static [Self] = &[MealType::Breakfast, MealType::Lunch, MealType::Dinner, MealType::Snack];
    fn value(self) -> &'static str {
        match self {
            MealType::Breakfast => "breakfast",
            MealType::Lunch => "lunch",
            MealType::Dinner => "dinner",
            MealType::Snack => "snack",
        }
    }
    fn label(self) -> &'static str {
        match self {
            MealType::Breakfast => "Breakfast",
            MealType::Lunch => "Lunch",
            MealType::Dinner => "Dinner",
            MealType::Snack => "Snack",
        }
    }
}

pub const CATEGORIES: [(&str, &str); 6] = [
    ("general", "Food or dish"),
    ("beverage", "Drink"),
    ("water", "Water"),
    ("cheese", "Cheese"),
    ("red_meat", "Red meat product"),
    ("fats_oils_nuts_seeds", "Oil, fat, nuts or seeds"),
];

pub const KJ_PER_KCAL: f64 = 4.184;

/// The raw meal form, as posted (a missing field reads as empty).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MealForm {
    pub name: String,
    pub meal_type: String,
    pub meal_date: String,
    pub category: String,
    pub energy_kcal: String,
    pub sugars_g: String,
    pub saturated_fat_g: String,
    pub fat_g: String,
    pub salt_g: String,
    pub fibre_g: String,
    pub protein_g: String,
    pub fruit_veg_pct: String,
}

/// A validated meal: what to store, and its grade when the label values were given.
#[derive(Clone, Debug, PartialEq)]
pub struct MealDraft {
    pub name: String,
    pub meal_type: MealType,
    pub meal_date: NaiveDate,
    pub facts: Option<(Category, NutritionFacts)>,
}

/// What the meals tile shows, read in one query.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MealTileFigures {
    pub any_meal: bool,
    pub meals_today: i64,
    pub last_meal: Option<String>,
    pub energy_today: Option<f64>,
    pub energy_target: Option<f64>,
}
