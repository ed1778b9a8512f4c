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
        let tags = parse_tags(&self.tags, &mut errors);
        let rating = whole_number(&self.rating, "rating", 1..=5, &mut errors);
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
            tags,
            rating,
            is_favorite: self.is_favorite == "on",
            is_public: self.is_public == "on",
        })
    }
}

/// At most this many tags a recipe, each at most [`MAX_TAG_CHARS`].
pub const MAX_TAGS: usize = 20;
pub const MAX_TAG_CHARS: usize = 40;

/// A tag as stored: trimmed, lower case, inner spaces single ("Quick  Dinner" → "quick dinner").
pub fn normal_tag(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Comma-separated tags, deduplicated in their order; too many or too long is an error.
pub fn parse_tags(raw: &str, errors: &mut FieldErrors) -> Vec<String> {
    if raw.len() > (MAX_TAGS + 1) * MAX_TAG_CHARS * 4 {
        errors.add("tags", format!("Use at most {MAX_TAGS} tags."));
        return Vec::new();
    }
    let mut tags: Vec<String> = Vec::new();
    for tag in raw.split(',').map(normal_tag).filter(|t| !t.is_empty()) {
        if tag.chars().count() > MAX_TAG_CHARS {
            errors.add("tags", format!("Keep each tag to {MAX_TAG_CHARS} characters."));
            return Vec::new();
        }
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if tags.len() > MAX_TAGS {
        errors.add("tags", format!("Use at most {MAX_TAGS} tags."));
        return Vec::new();
    }
    tags
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

/// The most steps a recipe has.
pub const MAX_STEPS: usize = 100;

/// A change to one step (`change` as the step's form posts it).
#[derive(Clone, Debug, PartialEq)]
pub enum StepChange {
    Edit(String, Option<i32>),
    Up,
    Down,
    Remove,
}

impl StepChange {
    /// `action` is "edit" (with the step's text and minutes), "up", "down" or "remove".
    pub fn parse(action: &str, instruction: &str, duration_minutes: &str) -> Result<Self, FieldErrors> {
        match action {
            "edit" => parse_step(instruction, duration_minutes).map(|(t, m)| StepChange::Edit(t, m)),
            "up" => Ok(StepChange::Up),
            "down" => Ok(StepChange::Down),
            "remove" => Ok(StepChange::Remove),
            _ => {
                let mut errors = FieldErrors::new();
                errors.add("action", "Choose edit, up, down or remove.");
                Err(errors)
            }
        }
    }
}

/// The steps after `change` to step `number` (from 1), numbered in their new order; `None`
/// when there is no such step. Moving the first up or the last down changes nothing.
pub fn change_steps(
    mut steps: Vec<(String, Option<i32>)>,
    number: usize,
    change: StepChange,
) -> Option<Vec<(String, Option<i32>)>> {
    let i = number.checked_sub(1).filter(|i| *i < steps.len())?;
    match change {
        StepChange::Edit(text, minutes) => steps[i] = (text, minutes),
        StepChange::Up if i > 0 => steps.swap(i - 1, i),
        StepChange::Down if i + 1 < steps.len() => steps.swap(i, i + 1),
        StepChange::Up | StepChange::Down => {}
        StepChange::Remove => {
            steps.remove(i);
        }
    }
    Some(steps)
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

/// A portion's key in the cook form is this and the profile's id (`portions[p<id>]`): a key
/// starting with a digit would read as a list index to the form decoder.
pub const PORTION_KEY_PREFIX: &str = "p";

/// The cook form's field for a profile's portion.
pub fn portion_field(profile: Uuid) -> String {
    format!("portions[{PORTION_KEY_PREFIX}{profile}]")
}

/// The most servings one cook makes.
pub const MAX_SERVINGS_MADE: f64 = 100.0;
/// The most one person eats at one meal, in servings.
pub const MAX_PORTION: f64 = 20.0;

/// The servings of a "check the pantry" link or the cook form: 1/4 to 100, else `default`.
pub fn servings_made_or(raw: &str, default: f64) -> f64 {
    if raw.len() > 16 {
        return default;
    }
    parse_quantity(raw).ok().filter(|s| (0.25..=MAX_SERVINGS_MADE).contains(s)).unwrap_or(default)
}

/// Checks "I cooked this". `household` is the account's profiles in their order: a portion
/// for any other id is refused. Portions are servings (a child's half portion is 0.5); their
/// sum may not pass the servings made, and what is left (when kept) becomes a leftover with
/// the food-safety default expiry unless one is given (from the meal's day to a year on).
pub fn parse_cook(form: &CookForm, household: &[Uuid], today: chrono::NaiveDate) -> Result<CookDraft, FieldErrors> {
    use crate::pantry::logic::{leftover_expiry, Location};
    let mut errors = FieldErrors::new();
    let servings_made = match parse_quantity(&form.servings_made) {
        Ok(s) if (0.25..=MAX_SERVINGS_MADE).contains(&s) => Some(s),
        _ => {
            errors.add("servings_made", "Enter the servings made, from 1/4 to 100.");
            None
        }
    };
    let mut portions = Vec::new();
    if form.portions.len() > household.len() {
        errors.add("portions", "Give a portion for the household's profiles only.");
    } else {
        for (key, raw) in &form.portions {
            let field = format!("portions[{key}]");
            let id = key.strip_prefix(PORTION_KEY_PREFIX).unwrap_or_default();
            let Some(profile) = Uuid::parse_str(id).ok().filter(|id| household.contains(id)) else {
                errors.add("portions", "Give a portion for the household's profiles only.");
                break;
            };
            if raw.trim().is_empty() || raw.trim() == "0" {
                continue;
            }
            match parse_quantity(raw) {
                Ok(s) if s <= MAX_PORTION => portions.push((profile, s)),
                _ => errors.add(&field, "Enter the servings eaten, from 1/4 to 20, or leave it empty."),
            }
        }
    }
    portions.sort_by_key(|(id, _)| household.iter().position(|h| h == id));
    let eaten: f64 = portions.iter().map(|p| p.1).sum();
    if let Some(made) = servings_made {
        if eaten > made + 1e-9 {
            errors
                .add("portions", format!("The portions add up to {}, more than the {} made.", trim(eaten), trim(made)));
        }
    }
    let meal_type = crate::meals::logic::meal_form::parse_meal_type(&form.meal_type, &mut errors);
    let meal_date = crate::meals::logic::meal_form::parse_meal_date(&form.meal_date, today, &mut errors);
    let location = match form.leftover_location.trim() {
        "" | "fridge" => Some(Location::Fridge),
        "freezer" => Some(Location::Freezer),
        "none" => None,
        _ => {
            errors.add("leftover_location", "Choose fridge, freezer or not kept.");
            None
        }
    };
    let expiry = match (meal_date, form.leftover_expiry.trim()) {
        (Some(_), "") | (None, _) => None,
        (Some(day), raw) => {
            let range = crate::input::DateRange {
                earliest: day,
                latest: day.checked_add_days(chrono::Days::new(366)).unwrap_or(day),
                too_late: "Enter a date within a year of the meal.",
            };
            crate::input::date(&mut errors, "leftover_expiry", raw, range, None)
        }
    };
    match (servings_made, meal_type, meal_date) {
        (Some(made), Some(meal_type), Some(meal_date)) if errors.is_empty() => {
            let left = ((made - eaten) * 1000.0).round() / 1000.0;
            let leftover = location
                .filter(|_| left > 0.0)
                .map(|loc| (left, loc, expiry.unwrap_or_else(|| leftover_expiry(meal_date, loc))));
            Ok(CookDraft { servings_made: made, portions, meal_type, meal_date, leftover, deduct: form.deduct == "on" })
        }
        _ => Err(errors),
    }
}

fn trim(v: f64) -> String {
    crate::meals::logic::recipe::trim_number(v)
}

/// An ingredient's amount for `factor` times the recipe, as a cook in `system` reads it:
/// masses in g/kg or oz/lb, volumes in ml/l or cups, spoons and counts as written; a volume
/// whose weight the recipe knows (from the food's own measure) also shows that weight. A unit
/// WellTrack does not know is scaled as written, with its weight when known.
pub fn shown_amount(
    quantity: Option<f64>,
    unit: Option<&str>,
    grams: Option<f64>,
    factor: f64,
    system: crate::meals::logic::units::UnitSystem,
) -> String {
    use crate::meals::logic::units::{kitchen_fraction, Dimension, Measure, Unit, UnitSystem};
    let weight = |g: f64| {
        let unit = if system == UnitSystem::Metric { Unit::Gram } else { Unit::Ounce };
        Measure::new(g * factor, Unit::Gram).to(unit, None).map(|m| m.for_system(system).display()).unwrap_or_default()
    };
    let written = unit.map(str::trim).filter(|u| !u.is_empty());
    let Some(q) = quantity.filter(|q| *q > 0.0) else {
        return grams.filter(|g| *g > 0.0).map(weight).unwrap_or_default();
    };
    let amount = q * factor;
    match written.map(|w| (w, Unit::parse(w))) {
        None => kitchen_fraction(amount),
        Some((_, Some(u))) => {
            let m = Measure::new(amount, u).for_system(system);
            match (u.dimension(), grams.filter(|g| *g > 0.0)) {
                (Dimension::Volume, Some(g)) if !matches!(u, Unit::Pinch | Unit::Dash) => {
                    format!("{} ({})", m.display(), weight(g))
                }
                _ => m.display(),
            }
        }
        Some((w, None)) => match grams.filter(|g| *g > 0.0) {
            Some(g) => format!("{} {w} ({})", kitchen_fraction(amount), weight(g)),
            None => format!("{} {w}", kitchen_fraction(amount)),
        },
    }
}

/// `?servings=` of a recipe page: 1/4 to 100 servings, else the recipe's own.
pub fn scale_factor(raw: &str, recipe_servings: Option<i32>) -> (f64, f64) {
    let base = f64::from(recipe_servings.unwrap_or(1).max(1));
    let servings = servings_made_or(raw, base);
    (servings, servings / base)
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
            ..Default::default()
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

    fn cook(made: &str, portions: &[(Uuid, &str)]) -> CookForm {
        CookForm {
            servings_made: made.into(),
            portions: portions.iter().map(|(id, p)| (format!("p{id}"), p.to_string())).collect(),
            meal_type: "dinner".into(),
            meal_date: "2026-12-03".into(),
            deduct: "on".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_cook_logs_each_portion_and_keeps_the_rest() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let (parent, child) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let household = [parent, child];
        let draft = parse_cook(&cook("4", &[(child, "1/2"), (parent, "1.5")]), &household, today).unwrap();
        assert_eq!(draft.portions, [(parent, 1.5), (child, 0.5)], "in the household's order");
        let (left, location, expiry) = draft.leftover.unwrap();
        assert_eq!((left, location), (2.0, crate::pantry::logic::Location::Fridge));
        assert_eq!(expiry, chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(), "USDA's 3 days");
        assert!(draft.deduct);
        let mut form = cook("4", &[(parent, "1")]);
        form.leftover_location = "freezer".into();
        form.leftover_expiry = "2027-01-15".into();
        let (_, location, expiry) = parse_cook(&form, &household, today).unwrap().leftover.unwrap();
        assert_eq!((location, expiry.to_string().as_str()), (crate::pantry::logic::Location::Freezer, "2027-01-15"));
        form.leftover_location = "none".into();
        assert_eq!(parse_cook(&form, &household, today).unwrap().leftover, None);
        let all_eaten = parse_cook(&cook("2", &[(parent, "1"), (child, "1")]), &household, today).unwrap();
        assert_eq!(all_eaten.leftover, None);
        assert_eq!(parse_cook(&cook("2", &[(parent, ""), (child, "0")]), &household, today).unwrap().portions, []);
    }

    #[test]
    fn a_bad_cook_says_which_field() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let (parent, other) = (Uuid::from_u128(1), Uuid::from_u128(3));
        let household = [parent];
        let err = parse_cook(&cook("2", &[(parent, "3")]), &household, today).unwrap_err();
        assert!(err.get("portions").unwrap().contains("more than the 2 made"), "{err:?}");
        let err = parse_cook(&cook("0", &[]), &household, today).unwrap_err();
        assert!(err.get("servings_made").is_some());
        let err = parse_cook(&cook("2", &[(other, "1")]), &household, today).unwrap_err();
        assert!(err.get("portions").is_some(), "another household's profile");
        let err = parse_cook(&cook("2", &[(parent, "lots")]), &household, today).unwrap_err();
        assert!(err.get(&portion_field(parent)).is_some());
        let mut form = cook("2", &[]);
        form.leftover_expiry = "2026-12-01".into();
        form.leftover_location = "garage".into();
        let err = parse_cook(&form, &household, today).unwrap_err();
        assert!(err.get("leftover_expiry").is_some() && err.get("leftover_location").is_some());
        form.leftover_location = String::new();
        form.leftover_expiry = String::new();
        form.meal_date = "2026-12-04".into();
        assert!(parse_cook(&form, &household, today).unwrap_err().get("meal_date").is_some(), "not in the future");
        assert_eq!(servings_made_or("6", 4.0), 6.0);
        assert_eq!(servings_made_or("1000", 4.0), 4.0);
        assert_eq!(servings_made_or(&"9".repeat(100), 4.0), 4.0);
    }

    #[test]
    fn tags_rating_and_favourite_are_read() {
        let draft = RecipeForm {
            tags: " Soup, quick  Dinner,soup,, ".into(),
            rating: "4".into(),
            is_favorite: "on".into(),
            ..form()
        }
        .parse()
        .unwrap();
        assert_eq!(draft.tags, ["soup", "quick dinner"]);
        assert_eq!((draft.rating, draft.is_favorite, draft.is_public), (Some(4), true, false));
        let err = RecipeForm { rating: "6".into(), tags: "x".repeat(41), ..form() }.parse().unwrap_err();
        assert!(err.get("rating").is_some() && err.get("tags").is_some());
        let many = (0..21).map(|i| format!("t{i}")).collect::<Vec<_>>().join(",");
        assert!(RecipeForm { tags: many, ..form() }.parse().unwrap_err().get("tags").is_some());
        assert!(RecipeForm { tags: ",".repeat(100_000), ..form() }.parse().unwrap_err().get("tags").is_some());
    }

    #[test]
    fn amounts_scale_and_convert_between_systems() {
        use crate::meals::logic::units::UnitSystem::{Imperial, Metric};
        // 200 g for 4, shown for 6: 300 g, or 10.6 oz (to the nearest eighth: 10 ⅝).
        assert_eq!(shown_amount(Some(200.0), Some("g"), Some(200.0), 1.5, Metric), "300 g");
        assert_eq!(shown_amount(Some(200.0), Some("g"), Some(200.0), 1.5, Imperial), "10 ⅝ oz");
        assert_eq!(shown_amount(Some(1.5), Some("lb"), None, 1.0, Metric), "680 g");
        assert_eq!(shown_amount(Some(1.5), Some("kg"), None, 1.0, Imperial), "3 ⅓ lb");
        // Two cups of lentils weighing 396 g: ml with the weight, or cups with ounces.
        assert_eq!(shown_amount(Some(2.0), Some("cup"), Some(396.0), 1.0, Metric), "473 ml (396 g)");
        assert_eq!(shown_amount(Some(2.0), Some("cup"), Some(396.0), 0.5, Imperial), "1 cup (7 oz)");
        // Spoons, counts and unknown units keep their unit.
        assert_eq!(shown_amount(Some(1.0), Some("tbsp"), Some(13.5), 2.0, Metric), "2 tbsp (27 g)");
        assert_eq!(shown_amount(Some(3.0), None, None, 0.5, Metric), "1 ½");
        assert_eq!(shown_amount(Some(2.0), Some("cloves"), None, 1.5, Imperial), "3 cloves");
        assert_eq!(shown_amount(Some(1.0), Some("medium"), Some(182.0), 2.0, Metric), "2 medium (364 g)");
        assert_eq!(shown_amount(None, None, Some(50.0), 2.0, Metric), "100 g");
        assert_eq!(shown_amount(None, Some("to taste"), None, 2.0, Metric), "");
    }

    #[test]
    fn scaling_round_trips_between_systems() {
        use crate::meals::logic::units::{Measure, Unit, UnitSystem};
        for grams in [5.0, 28.0, 250.0, 454.0, 1234.0] {
            let imperial = Measure::new(grams, Unit::Gram).for_system(UnitSystem::Imperial);
            let back = imperial.for_system(UnitSystem::Metric);
            assert!((back.amount * back.unit.base() - grams).abs() < 1e-9, "{grams} g → {imperial:?} → {back:?}");
        }
        assert_eq!(scale_factor("8", Some(4)), (8.0, 2.0));
        assert_eq!(scale_factor("", Some(4)), (4.0, 1.0));
        assert_eq!(scale_factor("-1", None), (1.0, 1.0));
    }

    #[test]
    fn steps_are_edited_moved_and_removed_in_place() {
        let steps = || vec![("a".to_owned(), None), ("b".to_owned(), Some(5)), ("c".to_owned(), None)];
        let texts = |s: Option<Vec<(String, Option<i32>)>>| s.unwrap().into_iter().map(|(t, _)| t).collect::<Vec<_>>();
        assert_eq!(texts(change_steps(steps(), 2, StepChange::Up)), ["b", "a", "c"]);
        assert_eq!(texts(change_steps(steps(), 2, StepChange::Down)), ["a", "c", "b"]);
        assert_eq!(texts(change_steps(steps(), 1, StepChange::Up)), ["a", "b", "c"], "the first stays first");
        assert_eq!(texts(change_steps(steps(), 3, StepChange::Down)), ["a", "b", "c"]);
        assert_eq!(texts(change_steps(steps(), 1, StepChange::Remove)), ["b", "c"]);
        let edited = change_steps(steps(), 3, StepChange::Edit("C".into(), Some(10))).unwrap();
        assert_eq!(edited[2], ("C".to_owned(), Some(10)));
        assert_eq!(change_steps(steps(), 0, StepChange::Remove), None);
        assert_eq!(change_steps(steps(), 4, StepChange::Up), None);
        assert!(StepChange::parse("edit", "", "").unwrap_err().get("instruction").is_some());
        assert!(StepChange::parse("explode", "", "").unwrap_err().get("action").is_some());
    }
}
