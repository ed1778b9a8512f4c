//! Logged meals as the browser sees them, and the meal form's rules. Pure.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::logic::nutrition_grade::{nutrition_grade, Category, NutritionFacts, NutritionGrade};
use crate::error::FieldErrors;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MealEntry {
    pub meal_date: NaiveDate,
    pub meal_type: MealType,
    pub name: String,
    /// The spec's A–D column (E folded into D).
    pub score: Option<String>,
    /// The true A–E grade kept in `nutrition_info`.
    pub grade: Option<String>,
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

/// The meal type a form chose, or an error next to the field.
pub fn parse_meal_type(raw: &str, errors: &mut FieldErrors) -> Option<MealType> {
    crate::input::choice(errors, "meal_type", raw, "Choose breakfast, lunch, dinner or snack.")
}

/// A meal's date: empty means `today`; never in the future. `None` (with an error) otherwise.
pub fn parse_meal_date(raw: &str, today: NaiveDate, errors: &mut FieldErrors) -> Option<NaiveDate> {
    let range = crate::input::DateRange::up_to(today, "The date cannot be in the future.");
    crate::input::date(errors, "meal_date", raw, range, Some(today))
}

/// A [`CATEGORIES`] value (empty means general); `None` for anything else.
pub fn parse_category(raw: &str) -> Option<Category> {
    Some(match raw {
        "" | "general" => Category::General,
        "beverage" => Category::Beverage,
        "water" => Category::Water,
        "cheese" => Category::Cheese,
        "red_meat" => Category::RedMeat,
        "fats_oils_nuts_seeds" => Category::FatsOilsNutsSeeds,
        _ => return None,
    })
}

/// The [`CATEGORIES`] value of a category.
pub fn category_value(category: Category) -> &'static str {
    match category {
        Category::General => "general",
        Category::Beverage => "beverage",
        Category::Water => "water",
        Category::Cheese => "cheese",
        Category::RedMeat => "red_meat",
        Category::FatsOilsNutsSeeds => "fats_oils_nuts_seeds",
    }
}

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

impl MealDraft {
    pub fn grade(&self) -> Option<NutritionGrade> {
        self.facts.as_ref().map(|(category, facts)| nutrition_grade(facts, *category))
    }

    /// `wt_meals.nutrition_info`: the per-100 g values and the full grade.
    pub fn nutrition_info(&self) -> Option<serde_json::Value> {
        let (category, facts) = self.facts.as_ref()?;
        Some(serde_json::json!({
            "per_100g": facts,
            "category": category,
            "grade": self.grade()?.to_json(),
        }))
    }
}

fn number(raw: &str, field: &str, max: f64, errors: &mut FieldErrors) -> Option<f64> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match raw.replace(',', ".").parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=max).contains(&v) => Some(v),
        _ => {
            errors.add(field, format!("Enter a number from 0 to {max}."));
            None
        }
    }
}

impl MealForm {
    pub fn parse(&self, today: NaiveDate) -> Result<MealDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = self.name.trim();
        if name.is_empty() {
            errors.add("name", "Enter what you ate.");
        } else if name.chars().count() > 120 {
            errors.add("name", "Use at most 120 characters.");
        }
        let meal_type = parse_meal_type(&self.meal_type, &mut errors);
        let meal_date = parse_meal_date(&self.meal_date, today, &mut errors);
        let category = parse_category(&self.category).unwrap_or_else(|| {
            errors.add("category", "Choose a kind of food from the list.");
            Category::General
        });
        let energy = number(&self.energy_kcal, "energy_kcal", 900.0, &mut errors);
        let sugars = number(&self.sugars_g, "sugars_g", 100.0, &mut errors);
        let saturated = number(&self.saturated_fat_g, "saturated_fat_g", 100.0, &mut errors);
        let fat = number(&self.fat_g, "fat_g", 100.0, &mut errors);
        let salt = number(&self.salt_g, "salt_g", 100.0, &mut errors);
        let fibre = number(&self.fibre_g, "fibre_g", 100.0, &mut errors);
        let protein = number(&self.protein_g, "protein_g", 100.0, &mut errors);
        let fruit_veg = number(&self.fruit_veg_pct, "fruit_veg_pct", 100.0, &mut errors);

        // Grading needs the four values every label has; the rest default to 0.
        let required =
            [("energy_kcal", energy), ("sugars_g", sugars), ("saturated_fat_g", saturated), ("salt_g", salt)];
        let any_given =
            required.iter().any(|(_, v)| v.is_some()) || [fat, fibre, protein, fruit_veg].iter().any(Option::is_some);
        if any_given {
            for (field, value) in required {
                if value.is_none() && errors.get(field).is_none() {
                    errors.add(field, "Needed for the nutrition grade (per 100 g, from the label).");
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let facts = match (energy, sugars, saturated, salt) {
            (Some(kcal), Some(sugars_g), Some(saturated_fat_g), Some(salt_g)) => Some((
                category,
                NutritionFacts {
                    energy_kj: kcal * KJ_PER_KCAL,
                    sugars_g,
                    saturated_fat_g,
                    fat_g: fat,
                    salt_g,
                    fibre_g: fibre.unwrap_or(0.0),
                    protein_g: protein.unwrap_or(0.0),
                    fruit_veg_legumes_pct: fruit_veg.unwrap_or(0.0),
                    non_nutritive_sweeteners: false,
                },
            )),
            _ => None,
        };
        Ok(MealDraft {
            name: name.to_owned(),
            meal_type: meal_type.unwrap_or(MealType::Snack),
            meal_date: meal_date.unwrap_or(today),
            facts,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn a_meal_without_label_values_is_logged_ungraded() {
        let form = MealForm { name: "Porridge".into(), meal_type: "breakfast".into(), ..Default::default() };
        let d = form.parse(today()).unwrap();
        assert_eq!((d.meal_date, d.grade()), (today(), None));
    }

    #[test]
    fn label_values_give_the_grade_with_e_kept_and_folded_for_the_spec_column() {
        // OFF's cookies.json: 3460 kJ, 0 sugars, 15 g saturated fat, 0 salt → 20 points, E.
        let form = MealForm {
            name: "Butter cookies".into(),
            meal_type: "snack".into(),
            energy_kcal: format!("{}", 3460.0 / KJ_PER_KCAL),
            sugars_g: "0".into(),
            saturated_fat_g: "15".into(),
            salt_g: "0".into(),
            ..Default::default()
        };
        let grade = form.parse(today()).unwrap().grade().unwrap();
        assert_eq!((grade.score, grade.grade.as_str(), grade.grade.spec_score()), (20, "E", "D"));
    }

    #[test]
    fn partial_label_values_ask_for_the_missing_ones() {
        let form =
            MealForm { name: "Soup".into(), meal_type: "lunch".into(), sugars_g: "2".into(), ..Default::default() };
        let e = form.parse(today()).unwrap_err();
        for f in ["energy_kcal", "saturated_fat_g", "salt_g"] {
            assert!(e.get(f).is_some(), "{f}");
        }
        assert!(e.get("sugars_g").is_none());
    }

    #[test]
    fn bad_input_is_reported_per_field() {
        let form = MealForm {
            name: " ".into(),
            meal_type: "brunch".into(),
            meal_date: "2027-01-01".into(),
            salt_g: "-1".into(),
            ..Default::default()
        };
        let e = form.parse(today()).unwrap_err();
        for f in ["name", "meal_type", "meal_date", "salt_g"] {
            assert!(e.get(f).is_some(), "{f}");
        }
    }
}

/// What the meals tile shows, read in one query.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MealTileFigures {
    pub any_meal: bool,
    pub meals_today: i64,
    pub last_meal: Option<String>,
}

pub fn tile_summary(metric: &str, f: &MealTileFigures) -> crate::modules::TileSummary {
    use crate::modules::TileSummary;
    let href = Some("/meals");
    match metric {
        _ if !f.any_meal => TileSummary::empty("No meals logged yet: log breakfast to start your food diary.", href),
        "last_meal" => TileSummary::figure(f.last_meal.clone().unwrap_or_default(), "Last meal logged", href),
        _ => TileSummary::figure(f.meals_today.to_string(), "Meals logged today", href),
    }
}

#[cfg(test)]
mod tile_tests {
    use super::*;

    #[test]
    fn the_meals_tile_follows_its_configured_metric() {
        let f = MealTileFigures { any_meal: true, meals_today: 2, last_meal: Some("Porridge".into()) };
        assert_eq!(tile_summary("today_count", &f).value.as_deref(), Some("2"));
        assert_eq!(tile_summary("last_meal", &f).value.as_deref(), Some("Porridge"));
        assert!(tile_summary("today_count", &MealTileFigures::default()).value.is_none());
    }
}
