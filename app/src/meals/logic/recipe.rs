//! A recipe's nutrition from its ingredients (issue 3, item 7; engine-methods.md §7,
//! "Recipes and meals"): quantities to grams, nutrients summed over ingredients, per serving
//! and per 100 g of the dish, and WellTrack's nutrition grade of the dish.
//!
//! Rules, stated so the numbers can be explained:
//! - An ingredient weighs `quantity × unit` grams: g, kg, oz (28.349523125 g), lb
//!   (453.59237 g), or one of the food's SR28 household measures (`amount` of `description`
//!   weighs `grams`).
//! - Per 100 g is over the raw ingredient weight (no cooking-yield factor, which SR28 gives
//!   only for some foods); per serving divides the totals by the recipe's servings.
//! - The grade is computed only when every ingredient is matched to a food and weighed: an
//!   unmatched ingredient could be anything, so no grade is better than a wrong one.
//! - A nutrient missing for a matched food counts 0, as Open Food Facts does for a missing
//!   value, and the food is listed under that nutrient so the page can say so.
//! - The grading table is the person's choice; a "general" dish whose protein comes mostly
//!   (≥ 50 %) from red meat is graded as a red-meat product (protein points capped at 2).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::nutrition_grade::{
    dish_per_100g, kj_from_kcal, nutrition_grade, salt_from_sodium, Category, IngredientPortion, NutritionFacts,
    NutritionGrade,
};

/// Version of these aggregation rules; stored with the result.
pub const RECIPE_NUTRITION_VERSION: &str = "recipe-v1";

pub const GRAMS_PER_OUNCE: f64 = 28.349523125;
pub const GRAMS_PER_POUND: f64 = 453.59237;

/// A food's nutrients per 100 g (SR28), `None` where the database has no value.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FoodFacts {
    pub energy_kcal: Option<f64>,
    pub energy_kj: Option<f64>,
    pub protein_g: Option<f64>,
    pub fat_g: Option<f64>,
    pub saturated_fat_g: Option<f64>,
    pub carbohydrate_g: Option<f64>,
    pub sugars_g: Option<f64>,
    pub fibre_g: Option<f64>,
    pub sodium_mg: Option<f64>,
    pub calcium_mg: Option<f64>,
    pub iron_mg: Option<f64>,
    pub potassium_mg: Option<f64>,
    pub vitamin_c_mg: Option<f64>,
    pub vitamin_d_mcg: Option<f64>,
    pub fruit_veg_legumes_pct: f64,
    pub red_meat: bool,
}

/// One household measure of a food.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Portion {
    pub seq: i32,
    pub amount: f64,
    pub description: String,
    pub grams: f64,
}

impl Portion {
    /// "1 cup, chopped (160 g)".
    pub fn label(&self) -> String {
        format!("{} {} ({} g)", trim_number(self.amount), self.description, trim_number(self.grams))
    }
}

/// `12.5` → "12.5", `3.0` → "3".
pub fn trim_number(v: f64) -> String {
    let s = format!("{:.2}", v);
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// The weight units every food has.
pub const MASS_UNITS: [(&str, &str); 4] = [("g", "grams"), ("kg", "kilograms"), ("oz", "ounces"), ("lb", "pounds")];

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QuantityError {
    #[error("Enter an amount such as 200, 1.5 or 1 1/2.")]
    NotANumber,
    #[error("Enter an amount above 0 and at most 10000.")]
    OutOfRange,
    #[error("Choose a unit from the list.")]
    UnknownUnit,
}

/// Parses "200", "1.5", "1,5", "1/2" and "1 1/2".
pub fn parse_quantity(raw: &str) -> Result<f64, QuantityError> {
    let raw = raw.trim().replace(',', ".");
    let mut total = 0.0;
    let mut parts = 0;
    for part in raw.split_whitespace() {
        parts += 1;
        let value = match part.split_once('/') {
            Some((n, d)) => {
                let (n, d): (f64, f64) = (
                    n.parse().map_err(|_| QuantityError::NotANumber)?,
                    d.parse().map_err(|_| QuantityError::NotANumber)?,
                );
                if d == 0.0 {
                    return Err(QuantityError::NotANumber);
                }
                n / d
            }
            None => part.parse::<f64>().map_err(|_| QuantityError::NotANumber)?,
        };
        total += value;
    }
    if parts == 0 || parts > 2 || !total.is_finite() {
        return Err(QuantityError::NotANumber);
    }
    if total <= 0.0 || total > 10_000.0 {
        return Err(QuantityError::OutOfRange);
    }
    Ok(total)
}

/// Grams of `quantity` `unit`, where `unit` is a mass unit of [`MASS_UNITS`] or
/// `portion:<seq>` naming one of `portions`.
pub fn grams_of(quantity: f64, unit: &str, portions: &[Portion]) -> Result<f64, QuantityError> {
    let per_unit = match unit {
        "g" => 1.0,
        "kg" => 1000.0,
        "oz" => GRAMS_PER_OUNCE,
        "lb" => GRAMS_PER_POUND,
        other => {
            let seq: i32 =
                other.strip_prefix("portion:").and_then(|s| s.parse().ok()).ok_or(QuantityError::UnknownUnit)?;
            let p = portions.iter().find(|p| p.seq == seq).ok_or(QuantityError::UnknownUnit)?;
            p.grams / p.amount
        }
    };
    Ok(quantity * per_unit)
}

/// How a unit reads next to its quantity: "g", or the portion's description ("cup, chopped").
pub fn unit_text(unit: &str, portions: &[Portion]) -> String {
    match unit.strip_prefix("portion:").and_then(|s| s.parse::<i32>().ok()) {
        Some(seq) => portions.iter().find(|p| p.seq == seq).map(|p| p.description.clone()).unwrap_or_default(),
        None => unit.to_owned(),
    }
}

/// One ingredient as stored: its name, its weight when known, and its food when matched.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RecipeIngredient {
    pub name: String,
    pub grams: Option<f64>,
    pub food: Option<FoodFacts>,
}

/// Energy and macronutrients of an amount of food.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Nutrients {
    pub energy_kcal: f64,
    pub protein_g: f64,
    pub fat_g: f64,
    pub saturated_fat_g: f64,
    pub carbohydrate_g: f64,
    pub sugars_g: f64,
    pub fibre_g: f64,
    pub salt_g: f64,
}

impl Nutrients {
    /// Every value times `factor`.
    pub fn scaled(&self, factor: f64) -> Nutrients {
        Nutrients {
            energy_kcal: self.energy_kcal * factor,
            protein_g: self.protein_g * factor,
            fat_g: self.fat_g * factor,
            saturated_fat_g: self.saturated_fat_g * factor,
            carbohydrate_g: self.carbohydrate_g * factor,
            sugars_g: self.sugars_g * factor,
            fibre_g: self.fibre_g * factor,
            salt_g: self.salt_g * factor,
        }
    }
}

/// Everything the recipe page shows and `wt_recipes.nutrition_info` stores.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RecipeNutrition {
    pub method: &'static str,
    /// Weight of the weighed, matched ingredients.
    pub total_grams: f64,
    pub servings: Option<u32>,
    /// Sums over the matched, weighed ingredients.
    pub totals: Nutrients,
    pub per_serving: Option<Nutrients>,
    pub per_100g: Option<Nutrients>,
    /// Ingredients without a food or a weight (nothing is graded while there are any).
    pub unmatched: Vec<String>,
    /// Nutrient → matched foods that have no value for it (counted as 0).
    pub missing_values: BTreeMap<&'static str, Vec<String>>,
    /// The table the grade used, and why when it is not the person's choice.
    pub category: Category,
    pub category_reason: Option<&'static str>,
    pub grade: Option<NutritionGrade>,
}

impl RecipeNutrition {
    /// The object for `wt_recipes.nutrition_info`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        if let (Some(map), Some(grade)) = (value.as_object_mut(), &self.grade) {
            map.insert("grade".into(), grade.to_json());
        }
        value
    }
}

/// A recipe's nutrition. `None` when it has no ingredients.
pub fn recipe_nutrition(
    ingredients: &[RecipeIngredient],
    servings: Option<u32>,
    chosen: Category,
) -> Option<RecipeNutrition> {
    if ingredients.is_empty() {
        return None;
    }
    let mut totals = Nutrients::default();
    let mut total_grams = 0.0;
    let mut unmatched = Vec::new();
    let mut missing_values: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    let mut portions = Vec::new();
    let mut red_meat_protein = 0.0;
    for ing in ingredients {
        let (Some(grams), Some(food)) = (ing.grams.filter(|g| g.is_finite() && *g >= 0.0), ing.food.as_ref()) else {
            unmatched.push(ing.name.clone());
            continue;
        };
        let mut value = |name: &'static str, v: Option<f64>| -> f64 {
            v.unwrap_or_else(|| {
                let foods = missing_values.entry(name).or_default();
                if !foods.contains(&ing.name) {
                    foods.push(ing.name.clone());
                }
                0.0
            })
        };
        let energy_kcal = value("energy", food.energy_kcal.or(food.energy_kj.map(|kj| kj / 4.184)));
        let per_100 = Nutrients {
            energy_kcal,
            protein_g: value("protein", food.protein_g),
            fat_g: value("fat", food.fat_g),
            saturated_fat_g: value("saturated_fat", food.saturated_fat_g),
            carbohydrate_g: value("carbohydrate", food.carbohydrate_g),
            sugars_g: value("sugars", food.sugars_g),
            fibre_g: value("fibre", food.fibre_g),
            salt_g: value("salt", food.sodium_mg.map(|mg| salt_from_sodium(mg / 1000.0))),
        };
        let part = per_100.scaled(grams / 100.0);
        totals = Nutrients {
            energy_kcal: totals.energy_kcal + part.energy_kcal,
            protein_g: totals.protein_g + part.protein_g,
            fat_g: totals.fat_g + part.fat_g,
            saturated_fat_g: totals.saturated_fat_g + part.saturated_fat_g,
            carbohydrate_g: totals.carbohydrate_g + part.carbohydrate_g,
            sugars_g: totals.sugars_g + part.sugars_g,
            fibre_g: totals.fibre_g + part.fibre_g,
            salt_g: totals.salt_g + part.salt_g,
        };
        if food.red_meat {
            red_meat_protein += part.protein_g;
        }
        total_grams += grams;
        portions.push(IngredientPortion {
            grams,
            per_100g: NutritionFacts {
                energy_kj: food.energy_kj.unwrap_or_else(|| kj_from_kcal(energy_kcal)),
                sugars_g: per_100.sugars_g,
                saturated_fat_g: per_100.saturated_fat_g,
                fat_g: food.fat_g,
                salt_g: per_100.salt_g,
                fibre_g: per_100.fibre_g,
                protein_g: per_100.protein_g,
                fruit_veg_legumes_pct: food.fruit_veg_legumes_pct,
                non_nutritive_sweeteners: false,
            },
        });
    }

    let (category, category_reason) =
        if chosen == Category::General && totals.protein_g > 0.0 && red_meat_protein / totals.protein_g >= 0.5 {
            (Category::RedMeat, Some("most of the protein comes from red meat"))
        } else {
            (chosen, None)
        };
    let grade = if unmatched.is_empty() {
        dish_per_100g(&portions, None).map(|facts| nutrition_grade(&facts, category))
    } else {
        None
    };
    let servings = servings.filter(|s| *s > 0);
    Some(RecipeNutrition {
        method: RECIPE_NUTRITION_VERSION,
        total_grams,
        servings,
        totals,
        per_serving: servings.map(|s| totals.scaled(1.0 / s as f64)),
        per_100g: (total_grams > 0.0).then(|| totals.scaled(100.0 / total_grams)),
        unmatched,
        missing_values,
        category,
        category_reason,
        grade,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meals::logic::nutrition_grade::Grade;

    fn lentils() -> FoodFacts {
        // SR28 16070 "Lentils, mature seeds, cooked, boiled, without salt", per 100 g.
        FoodFacts {
            energy_kcal: Some(116.0),
            energy_kj: Some(487.0),
            protein_g: Some(9.02),
            fat_g: Some(0.38),
            saturated_fat_g: Some(0.053),
            carbohydrate_g: Some(20.13),
            sugars_g: Some(1.8),
            fibre_g: Some(7.9),
            sodium_mg: Some(2.0),
            fruit_veg_legumes_pct: 100.0,
            red_meat: false,
            ..Default::default()
        }
    }

    fn beef() -> FoodFacts {
        // SR28 23567 "Beef, ground, 85% lean meat / 15% fat, raw", with sugars (0.00 in SR28) removed
        // to stand for a food without that value.
        FoodFacts {
            energy_kcal: Some(215.0),
            energy_kj: Some(898.0),
            protein_g: Some(18.59),
            fat_g: Some(15.0),
            saturated_fat_g: Some(5.715),
            carbohydrate_g: Some(0.0),
            sugars_g: None,
            fibre_g: Some(0.0),
            sodium_mg: Some(66.0),
            fruit_veg_legumes_pct: 0.0,
            red_meat: true,
            ..Default::default()
        }
    }

    fn ing(name: &str, grams: f64, food: FoodFacts) -> RecipeIngredient {
        RecipeIngredient { name: name.into(), grams: Some(grams), food: Some(food) }
    }

    #[test]
    fn quantities_parse_decimals_commas_and_fractions() {
        assert_eq!(parse_quantity("200"), Ok(200.0));
        assert_eq!(parse_quantity(" 1,5 "), Ok(1.5));
        assert_eq!(parse_quantity("1/2"), Ok(0.5));
        assert_eq!(parse_quantity("1 1/2"), Ok(1.5));
        assert_eq!(parse_quantity(""), Err(QuantityError::NotANumber));
        assert_eq!(parse_quantity("a pinch"), Err(QuantityError::NotANumber));
        assert_eq!(parse_quantity("1/0"), Err(QuantityError::NotANumber));
        assert_eq!(parse_quantity("1 2 3"), Err(QuantityError::NotANumber));
        assert_eq!(parse_quantity("0"), Err(QuantityError::OutOfRange));
        assert_eq!(parse_quantity("-3"), Err(QuantityError::OutOfRange));
        assert_eq!(parse_quantity("20000"), Err(QuantityError::OutOfRange));
        assert_eq!(parse_quantity("NaN"), Err(QuantityError::NotANumber));
    }

    #[test]
    fn units_convert_by_mass_or_by_the_foods_own_measures() {
        let cup = Portion { seq: 1, amount: 1.0, description: "cup".into(), grams: 198.0 };
        let tbsp = Portion { seq: 2, amount: 2.0, description: "tbsp".into(), grams: 24.8 };
        let portions = [cup, tbsp];
        assert_eq!(grams_of(250.0, "g", &portions), Ok(250.0));
        assert_eq!(grams_of(0.5, "kg", &portions), Ok(500.0));
        assert!((grams_of(1.0, "lb", &portions).unwrap() - 453.59237).abs() < 1e-9);
        assert!((grams_of(16.0, "oz", &portions).unwrap() - 453.59237).abs() < 1e-9);
        assert_eq!(grams_of(1.5, "portion:1", &portions), Ok(297.0));
        assert!((grams_of(1.0, "portion:2", &portions).unwrap() - 12.4).abs() < 1e-9, "2 tbsp weigh 24.8 g");
        assert_eq!(grams_of(1.0, "portion:9", &portions), Err(QuantityError::UnknownUnit));
        assert_eq!(grams_of(1.0, "cups", &portions), Err(QuantityError::UnknownUnit));
        assert_eq!(unit_text("portion:1", &portions), "cup");
        assert_eq!(portions[0].label(), "1 cup (198 g)");
        assert_eq!(portions[1].label(), "2 tbsp (24.8 g)");
    }

    #[test]
    fn totals_per_serving_and_per_100g_are_weighted_by_grams() {
        let n = recipe_nutrition(&[ing("lentils", 300.0, lentils())], Some(3), Category::General).unwrap();
        assert_eq!(n.total_grams, 300.0);
        assert!((n.totals.energy_kcal - 348.0).abs() < 1e-9);
        assert!((n.per_serving.unwrap().protein_g - 9.02).abs() < 1e-9);
        assert!((n.per_100g.unwrap().fibre_g - 7.9).abs() < 1e-9);
        assert!((n.totals.salt_g - 0.015).abs() < 1e-12, "salt = sodium × 2.5");
        assert!(n.missing_values.is_empty() && n.unmatched.is_empty());
    }

    #[test]
    fn a_dish_of_pulses_grades_a_and_matches_the_single_food_grade() {
        let n = recipe_nutrition(&[ing("lentils", 200.0, lentils())], Some(2), Category::General).unwrap();
        let g = n.grade.unwrap();
        assert_eq!(g.grade, Grade::A);
        // A one-ingredient dish grades exactly like that food.
        let direct = nutrition_grade(
            &NutritionFacts {
                energy_kj: 487.0,
                sugars_g: 1.8,
                saturated_fat_g: 0.053,
                fat_g: Some(0.38),
                salt_g: 0.005,
                fibre_g: 7.9,
                protein_g: 9.02,
                fruit_veg_legumes_pct: 100.0,
                non_nutritive_sweeteners: false,
            },
            Category::General,
        );
        assert_eq!(g, direct);
    }

    #[test]
    fn an_unmatched_ingredient_means_no_grade_but_the_known_part_still_adds_up() {
        let ings = [
            ing("lentils", 200.0, lentils()),
            RecipeIngredient { name: "secret sauce".into(), grams: None, food: None },
        ];
        let n = recipe_nutrition(&ings, Some(2), Category::General).unwrap();
        assert_eq!(n.unmatched, vec!["secret sauce".to_owned()]);
        assert!(n.grade.is_none());
        assert!((n.totals.energy_kcal - 232.0).abs() < 1e-9);
    }

    #[test]
    fn missing_values_count_zero_and_are_listed() {
        let n = recipe_nutrition(&[ing("mince", 500.0, beef())], Some(4), Category::General).unwrap();
        assert_eq!(n.missing_values.get("sugars"), Some(&vec!["mince".to_owned()]));
        assert_eq!(n.totals.sugars_g, 0.0);
        assert!(n.grade.is_some());
    }

    #[test]
    fn protein_mostly_from_red_meat_uses_the_red_meat_table_unless_another_was_chosen() {
        let ings = [ing("mince", 400.0, beef()), ing("lentils", 200.0, lentils())];
        let n = recipe_nutrition(&ings, Some(4), Category::General).unwrap();
        assert_eq!(n.category, Category::RedMeat);
        assert!(n.category_reason.is_some());
        assert!(n.grade.unwrap().points.protein <= 2, "red-meat protein cap");
        let chosen = recipe_nutrition(&ings, Some(4), Category::Cheese).unwrap();
        assert_eq!(chosen.category, Category::Cheese);
        // Mostly lentils: stays general.
        let ings = [ing("mince", 50.0, beef()), ing("lentils", 400.0, lentils())];
        assert_eq!(recipe_nutrition(&ings, None, Category::General).unwrap().category, Category::General);
    }

    #[test]
    fn no_ingredients_no_nutrition_and_zero_servings_mean_unknown_servings() {
        assert!(recipe_nutrition(&[], Some(2), Category::General).is_none());
        let n = recipe_nutrition(&[ing("lentils", 100.0, lentils())], Some(0), Category::General).unwrap();
        assert!(n.per_serving.is_none() && n.servings.is_none());
    }

    #[test]
    fn stored_json_carries_the_grade_label_and_method() {
        let n = recipe_nutrition(&[ing("lentils", 100.0, lentils())], Some(1), Category::General).unwrap();
        let j = n.to_json();
        assert_eq!(j["method"], RECIPE_NUTRITION_VERSION);
        assert_eq!(j["grade"]["grade"], "A");
        assert_eq!(j["grade"]["label"], crate::meals::logic::nutrition_grade::GRADE_LABEL);
        assert_eq!(j["grade"]["spec_score"], "A");
    }
}
