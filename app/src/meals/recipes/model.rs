//! Recipes as the browser sees them, and the recipe forms as posted. The
//! forms' rules are in `logic.rs`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::meals::logic::nutrition_grade::Category;
use crate::meals::logic::recipe::{Nutrients, Portion};

/// A recipe in the household's list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct RecipeSummary {
    pub id: Uuid,
    pub title: String,
    pub servings: Option<i32>,
    pub ingredient_count: i64,
    /// The true A–E grade, when every ingredient is matched.
    pub grade: Option<String>,
    pub kcal_per_serving: Option<f64>,
    pub created_by: Option<String>,
    pub tags: Vec<String>,
    pub rating: Option<i32>,
    pub is_favorite: bool,
}

/// The recipes page: the household's recipes matching the search, and the search.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecipeList {
    pub recipes: Vec<RecipeSummary>,
    /// The search as typed (words of the title or tags).
    pub q: String,
    /// Only this tag, when chosen.
    pub tag: Option<String>,
    pub favourites: bool,
    /// The household's tags, most used first.
    pub tags: Vec<String>,
    /// Which page of the list this is (from 1), and whether another follows.
    pub page: i64,
    pub more: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct IngredientRow {
    pub id: Uuid,
    pub ingredient_name: String,
    pub quantity: Option<f64>,
    pub unit: Option<String>,
    pub grams: Option<f64>,
    pub food_ndb_no: Option<String>,
    /// The food's SR28 description, when matched.
    pub food: Option<String>,
    /// `false` for the importer's proposal, until the person confirms it.
    pub food_confirmed: bool,
    pub notes: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct StepRow {
    pub step_number: i32,
    pub instruction: String,
    pub duration_minutes: Option<i32>,
}

/// The stored grade, as much as the page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GradeView {
    pub grade: String,
    pub score: i32,
    pub negative_points: i32,
    pub positive_points: i32,
}

/// `wt_recipes.nutrition_info`, read back for the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NutritionView {
    pub total_grams: f64,
    pub servings: Option<u32>,
    pub totals: Nutrients,
    pub per_serving: Option<Nutrients>,
    pub per_100g: Option<Nutrients>,
    #[serde(default)]
    pub unmatched: Vec<String>,
    #[serde(default)]
    pub missing_values: BTreeMap<String, Vec<String>>,
    pub category: Category,
    pub category_reason: Option<String>,
    pub grade: Option<GradeView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecipeDetail {
    pub id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub servings: Option<i32>,
    pub prep_time_min: Option<i32>,
    pub cook_time_min: Option<i32>,
    pub grade_category: String,
    pub tags: Vec<String>,
    pub rating: Option<i32>,
    pub is_favorite: bool,
    pub is_public: bool,
    pub image_url: Option<String>,
    pub source_url: Option<String>,
    /// Whether this household may change it (a public recipe of another is read-only).
    pub editable: bool,
    pub ingredients: Vec<IngredientRow>,
    pub steps: Vec<StepRow>,
    pub nutrition: Option<NutritionView>,
}

/// A food found by the ingredient search, with its household measures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FoodMatch {
    pub ndb_no: String,
    pub description: String,
    pub food_group: String,
    pub energy_kcal: Option<f64>,
    pub portions: Vec<Portion>,
}

/// Everything the recipe page shows: the recipe, and the foods found for its search form's `q`
/// (only searched when the household may change the recipe).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecipePageData {
    pub recipe: RecipeDetail,
    /// The search as typed.
    pub q: String,
    pub results: Vec<FoodMatch>,
}

/// The recipe form (create and edit), as posted (a missing field reads as empty).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RecipeForm {
    pub title: String,
    pub description: String,
    pub servings: String,
    pub prep_time_min: String,
    pub cook_time_min: String,
    pub grade_category: String,
    /// Comma-separated ("soup, vegetarian").
    pub tags: String,
    /// Empty, or 1 to 5 stars.
    pub rating: String,
    /// "on" when ticked.
    pub is_favorite: String,
    /// "on": anyone with the link may read it (no account; no profile or household shown).
    pub is_public: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RecipeDraft {
    pub title: String,
    pub description: Option<String>,
    pub servings: i32,
    pub prep_time_min: Option<i32>,
    pub cook_time_min: Option<i32>,
    pub grade_category: &'static str,
    pub tags: Vec<String>,
    pub rating: Option<i32>,
    pub is_favorite: bool,
    pub is_public: bool,
}

/// A validated ingredient: the amount as written and its weight.
#[derive(Clone, Debug, PartialEq)]
pub struct IngredientDraft {
    pub quantity: f64,
    pub unit: String,
    pub grams: f64,
}

/// "I cooked this", as posted: the servings made, each profile's portion (keyed by profile
/// id: `portions[<id>]=1.5`), when it was eaten, and where what is left goes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CookForm {
    pub recipe_id: String,
    pub servings_made: String,
    pub portions: BTreeMap<String, String>,
    pub meal_type: String,
    pub meal_date: String,
    /// "fridge", "freezer" or "none" (nothing kept).
    pub leftover_location: String,
    /// Empty for the food-safety default.
    pub leftover_expiry: String,
    /// "on" to take the ingredients from the pantry.
    pub deduct: String,
}

/// A cook that passed every rule.
#[derive(Clone, Debug, PartialEq)]
pub struct CookDraft {
    pub servings_made: f64,
    /// (profile, servings eaten), only portions above zero, in the household's order.
    pub portions: Vec<(Uuid, f64)>,
    pub meal_type: crate::meals::model::MealType,
    pub meal_date: chrono::NaiveDate,
    /// The leftover: servings, where, eat by. `None` when nothing is left or nothing kept.
    pub leftover: Option<(f64, crate::pantry::logic::Location, chrono::NaiveDate)>,
    pub deduct: bool,
}

/// The "I cooked this" page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CookPage {
    pub recipe_id: Uuid,
    pub title: String,
    /// The recipe's own servings (what its amounts are for).
    pub recipe_servings: Option<i32>,
    /// The servings the check below is for.
    pub servings_made: f64,
    /// What the pantry has and lacks for them.
    pub check: crate::pantry::logic::deduct::Deduction,
}
