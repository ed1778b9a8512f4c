//! The recipe forms' rules: what a posted recipe, ingredient, step or
//! "log this recipe" means, or what is wrong with it; the food search's words. Pure.

use uuid::Uuid;

use super::model::*;
use crate::error::FieldErrors;
use crate::meals::logic::meal_form::parse_category;
use crate::meals::logic::nutrition_grade::Category;
use crate::meals::logic::recipe::{grams_of, parse_quantity, Portion};

fn whole_number(raw: &str, field: &str, range: std::ops::RangeInclusive<i32>, errors: &mut FieldErrors) -> Option<i32> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match raw.parse::<i32>() {
        Ok(v) if range.contains(&v) => Some(v),
        _ => {
            errors.add(field, format!("Enter a whole number from {} to {}.", range.start(), range.end()));
            None
        }
    }
}

impl RecipeForm {
    pub fn parse(&self) -> Result<RecipeDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = self.title.trim();
        if title.is_empty() {
            errors.add("title", "Enter the recipe's name.");
        } else if title.chars().count() > 120 {
            errors.add("title", "Use at most 120 characters.");
        }
        let description = self.description.trim();
        if description.chars().count() > 2000 {
            errors.add("description", "Use at most 2000 characters.");
        }
        let servings = whole_number(&self.servings, "servings", 1..=100, &mut errors);
        if self.servings.trim().is_empty() {
            errors.add("servings", "Enter how many servings the recipe makes.");
        }
        let prep = whole_number(&self.prep_time_min, "prep_time_min", 0..=1440, &mut errors);
        let cook = whole_number(&self.cook_time_min, "cook_time_min", 0..=1440, &mut errors);
        let category = parse_category(&self.grade_category);
        if category.is_none() {
            errors.add("grade_category", "Choose a kind of dish from the list.");
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(RecipeDraft {
            title: title.to_owned(),
            description: (!description.is_empty()).then(|| description.to_owned()),
            servings: servings.unwrap_or(1),
            prep_time_min: prep,
            cook_time_min: cook,
            grade_category: crate::meals::logic::meal_form::category_value(category.unwrap_or(Category::General)),
        })
    }
}

/// Checks an ingredient's amount and unit against the food's measures.
pub fn parse_ingredient(quantity: &str, unit: &str, portions: &[Portion]) -> Result<IngredientDraft, FieldErrors> {
    let mut errors = FieldErrors::new();
    let q = parse_quantity(quantity).map_err(|e| errors.add("quantity", e.to_string())).ok();
    let grams = q.and_then(|q| grams_of(q, unit, portions).map_err(|e| errors.add("unit", e.to_string())).ok());
    if q.is_none() && grams_of(1.0, unit, portions).is_err() {
        errors.add("unit", "Choose a unit from the list.");
    }
    match (q, grams) {
        (Some(quantity), Some(grams)) if errors.is_empty() => {
            Ok(IngredientDraft { quantity, unit: unit.to_owned(), grams })
        }
        _ => Err(errors),
    }
}

/// Checks a step's instruction and optional timer.
pub fn parse_step(instruction: &str, duration_minutes: &str) -> Result<(String, Option<i32>), FieldErrors> {
    let mut errors = FieldErrors::new();
    let text = instruction.trim();
    if text.is_empty() {
        errors.add("instruction", "Describe the step.");
    } else if text.chars().count() > 2000 {
        errors.add("instruction", "Use at most 2000 characters.");
    }
    let minutes = whole_number(duration_minutes, "duration_minutes", 0..=1440, &mut errors);
    if errors.is_empty() {
        Ok((text.to_owned(), minutes))
    } else {
        Err(errors)
    }
}

/// Cleans a food search: at most 8 words of letters and digits, each at least 2 characters.
pub fn search_words(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .take(8)
        .map(|w| w.to_lowercase())
        .collect()
}

/// Checks the "log as a meal" form: servings eaten (0.25–20, fractions allowed), the meal and
/// its date (empty for today, never in the future).
pub fn parse_meal_log(
    servings: &str,
    meal_type: &str,
    meal_date: &str,
    today: chrono::NaiveDate,
) -> Result<(f64, crate::meals::model::MealType, chrono::NaiveDate), FieldErrors> {
    let mut errors = FieldErrors::new();
    let servings = match parse_quantity(servings) {
        Ok(s) if (0.25..=20.0).contains(&s) => Some(s),
        _ => {
            errors.add("servings", "Enter the servings eaten, from 1/4 to 20.");
            None
        }
    };
    let meal_type = crate::meals::logic::meal_form::parse_meal_type(meal_type, &mut errors);
    let date = crate::meals::logic::meal_form::parse_meal_date(meal_date, today, &mut errors);
    match (servings, meal_type, date) {
        (Some(s), Some(m), Some(d)) if errors.is_empty() => Ok((s, m, d)),
        _ => Err(errors),
    }
}

/// `wt_meals.nutrition_info` for servings of a recipe: what was eaten (the per-serving values
/// times the servings), the dish's per-100 g values and its grade (per 100 g, so unscaled).
pub fn meal_nutrition_info(
    recipe_id: Uuid,
    servings: f64,
    recipe_info: Option<&serde_json::Value>,
) -> serde_json::Value {
    let view = recipe_info.and_then(|v| serde_json::from_value::<NutritionView>(v.clone()).ok());
    let eaten = view.as_ref().and_then(|n| n.per_serving).map(|p| p.scaled(servings));
    serde_json::json!({
        "source": "recipe",
        "recipe_id": recipe_id,
        "servings_consumed": servings,
        "consumed": eaten,
        "per_100g": view.as_ref().and_then(|n| n.per_100g),
        "grade": recipe_info.and_then(|v| v.get("grade")).filter(|g| !g.is_null()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> RecipeForm {
        RecipeForm {
            title: " Lentil soup ".into(),
            description: "".into(),
            servings: "4".into(),
            prep_time_min: "10".into(),
            cook_time_min: "".into(),
            grade_category: "general".into(),
        }
    }

    #[test]
    fn a_valid_recipe_is_trimmed_and_optional_fields_stay_empty() {
        let d = form().parse().unwrap();
        assert_eq!(d.title, "Lentil soup");
        assert_eq!((d.servings, d.prep_time_min, d.cook_time_min), (4, Some(10), None));
        assert_eq!(d.description, None);
        assert_eq!(d.grade_category, "general");
    }

    #[test]
    fn each_bad_field_gets_its_own_message() {
        let bad = RecipeForm {
            title: "".into(),
            servings: "0".into(),
            prep_time_min: "ten".into(),
            grade_category: "soup".into(),
            ..form()
        };
        let e = bad.parse().unwrap_err();
        for field in ["title", "servings", "prep_time_min", "grade_category"] {
            assert!(e.get(field).is_some(), "{field}: {e:?}");
        }
        assert!(RecipeForm { servings: "".into(), ..form() }.parse().unwrap_err().get("servings").is_some());
    }

    #[test]
    fn ingredient_amounts_are_checked_against_the_foods_measures() {
        let cup = Portion { seq: 1, amount: 1.0, description: "cup".into(), grams: 198.0 };
        let d = parse_ingredient("1 1/2", "portion:1", std::slice::from_ref(&cup)).unwrap();
        assert_eq!((d.quantity, d.grams, d.unit.as_str()), (1.5, 297.0, "portion:1"));
        let e = parse_ingredient("lots", "g", &[]).unwrap_err();
        assert!(e.get("quantity").is_some() && e.get("unit").is_none());
        let e = parse_ingredient("2", "portion:7", &[cup]).unwrap_err();
        assert!(e.get("unit").is_some() && e.get("quantity").is_none());
        let e = parse_ingredient("", "bucket", &[]).unwrap_err();
        assert!(e.get("unit").is_some() && e.get("quantity").is_some());
    }

    #[test]
    fn steps_need_text_and_a_sensible_timer() {
        assert_eq!(parse_step(" Simmer ", "20"), Ok(("Simmer".into(), Some(20))));
        assert_eq!(parse_step("Serve", ""), Ok(("Serve".into(), None)));
        assert!(parse_step("", "").unwrap_err().get("instruction").is_some());
        assert!(parse_step("Wait", "-1").unwrap_err().get("duration_minutes").is_some());
    }

    #[test]
    fn search_words_drop_punctuation_and_short_words() {
        assert_eq!(search_words("Lentils, boiled!"), vec!["lentils", "boiled"]);
        assert_eq!(search_words("a % _"), Vec::<String>::new());
        assert_eq!(search_words("1 2 3 4 5 6 7 8 9 10 11 12").len(), 3, "only words of 2+ characters");
    }

    #[test]
    fn a_meal_from_a_recipe_scales_what_was_eaten_but_not_the_grade() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(
            parse_meal_log("1 1/2", "dinner", "", today),
            Ok((1.5, crate::meals::model::MealType::Dinner, today))
        );
        let e = parse_meal_log("0", "brunch", "2026-11-24", today).unwrap_err();
        for field in ["servings", "meal_type", "meal_date"] {
            assert!(e.get(field).is_some(), "{field}");
        }
        let lentils = crate::meals::logic::recipe::RecipeIngredient {
            name: "lentils".into(),
            grams: Some(400.0),
            food: Some(crate::meals::logic::recipe::FoodFacts {
                energy_kcal: Some(116.0),
                protein_g: Some(9.0),
                fruit_veg_legumes_pct: 100.0,
                ..Default::default()
            }),
        };
        let n = crate::meals::logic::recipe::recipe_nutrition(&[lentils], Some(4), Category::General).unwrap();
        let info = meal_nutrition_info(Uuid::nil(), 2.0, Some(&n.to_json()));
        assert!((info["consumed"]["energy_kcal"].as_f64().unwrap() - 232.0).abs() < 1e-9, "{info}");
        assert_eq!(info["grade"]["grade"], n.to_json()["grade"]["grade"]);
        assert!(info["grade"]["grade"].is_string());
        let bare = meal_nutrition_info(Uuid::nil(), 1.0, None);
        assert!(bare["consumed"].is_null() && bare["grade"].is_null());
    }
}
