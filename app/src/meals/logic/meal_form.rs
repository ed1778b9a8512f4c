//! The meal form's rules: what a posted meal means, or what is wrong with it. Pure.

use chrono::NaiveDate;

use super::intake::MealItem;
use super::nutrition_grade::{nutrition_grade, Category, NutritionFacts, NutritionGrade};
use crate::error::FieldErrors;
use crate::meals::model::{MealDraft, MealEdit, MealEditForm, MealForm, MealType, KJ_PER_KCAL};

/// The meal type a form chose, or an error next to the field.
pub fn parse_meal_type(raw: &str, errors: &mut FieldErrors) -> Option<MealType> {
    crate::input::choice(errors, "meal_type", raw, "Choose breakfast, lunch, dinner or snack.")
}

/// A meal's date: empty means `today`; never in the future. `None` (with an error) otherwise.
pub fn parse_meal_date(raw: &str, today: NaiveDate, errors: &mut FieldErrors) -> Option<NaiveDate> {
    let range = crate::input::DateRange::up_to(today, "The date cannot be in the future.");
    crate::input::date(errors, "meal_date", raw, range, Some(today))
}

/// A [`CATEGORIES`](crate::meals::model::CATEGORIES) value (empty means general); `None` for anything else.
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

/// The [`CATEGORIES`](crate::meals::model::CATEGORIES) value of a category.
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
        let name = meal_name(&self.name, &mut errors);
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
            name,
            meal_type: meal_type.unwrap_or(MealType::Snack),
            meal_date: meal_date.unwrap_or(today),
            facts,
        })
    }
}

fn meal_name(raw: &str, errors: &mut FieldErrors) -> String {
    let name = raw.trim();
    if name.is_empty() {
        errors.add("name", "Enter what you ate.");
    } else if name.chars().count() > 120 {
        errors.add("name", "Use at most 120 characters.");
    }
    name.to_owned()
}

impl MealEditForm {
    /// The meal's own fields: name, meal, date (never in the future), a rating of 1–5 stars
    /// (empty for none) and notes.
    pub fn parse(&self, today: NaiveDate) -> Result<MealEdit, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = meal_name(&self.name, &mut errors);
        let meal_type = parse_meal_type(&self.meal_type, &mut errors);
        let meal_date = parse_meal_date(&self.meal_date, today, &mut errors);
        let rating = match self.rating.trim() {
            "" => None,
            r => match r.parse::<i32>() {
                Ok(v) if (1..=5).contains(&v) => Some(v),
                _ => {
                    errors.add("rating", "Choose 1 to 5 stars, or none.");
                    None
                }
            },
        };
        let notes = self.notes.trim();
        if notes.chars().count() > 2000 {
            errors.add("notes", "Use at most 2000 characters.");
        }
        match (meal_type, meal_date) {
            (Some(meal_type), Some(meal_date)) if errors.is_empty() => Ok(MealEdit {
                name,
                meal_type,
                meal_date,
                rating,
                notes: (!notes.is_empty()).then(|| notes.to_owned()),
            }),
            _ => Err(errors),
        }
    }
}

/// Something eaten that no food matches: what it was and, when known, its energy.
pub fn parse_other_item(description: &str, energy_kcal: &str) -> Result<MealItem, FieldErrors> {
    let mut errors = FieldErrors::new();
    let description = description.trim();
    if description.is_empty() {
        errors.add("description", "Say what it was.");
    } else if description.chars().count() > 200 {
        errors.add("description", "Use at most 200 characters.");
    }
    let energy = number(energy_kcal, "energy_kcal", 5000.0, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(MealItem { description: description.to_owned(), energy_kcal: energy, ..Default::default() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_meals_own_fields_are_checked_and_a_rating_is_one_to_five() {
        let form = MealEditForm {
            name: " Porridge ".into(),
            meal_type: "breakfast".into(),
            meal_date: "2026-11-20".into(),
            rating: "4".into(),
            notes: " with honey ".into(),
        };
        let e = form.parse(today()).unwrap();
        assert_eq!((e.name.as_str(), e.rating, e.notes.as_deref()), ("Porridge", Some(4), Some("with honey")));
        let none = MealEditForm { rating: "".into(), notes: "".into(), ..form.clone() }.parse(today()).unwrap();
        assert_eq!((none.rating, none.notes), (None, None));
        for rating in ["0", "6", "4.5", "five"] {
            let e = MealEditForm { rating: rating.into(), ..form.clone() }.parse(today()).unwrap_err();
            assert!(e.get("rating").is_some(), "{rating}");
        }
        let e = MealEditForm { name: "".into(), notes: "x".repeat(2001), meal_date: "2026-11-24".into(), ..form }
            .parse(today())
            .unwrap_err();
        for f in ["name", "notes", "meal_date"] {
            assert!(e.get(f).is_some(), "{f}");
        }
    }

    #[test]
    fn a_free_text_item_needs_words_and_at_most_a_sane_energy() {
        let item = parse_other_item(" Grandma's cake ", "350").unwrap();
        assert_eq!(
            (item.description.as_str(), item.energy_kcal, item.food_ndb_no),
            ("Grandma's cake", Some(350.0), None)
        );
        assert_eq!(parse_other_item("Tea", "").unwrap().energy_kcal, None);
        assert!(parse_other_item(" ", "").unwrap_err().get("description").is_some());
        assert!(parse_other_item("Cake", "-5").unwrap_err().get("energy_kcal").is_some());
        assert!(parse_other_item("Cake", "9000").unwrap_err().get("energy_kcal").is_some());
    }

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
