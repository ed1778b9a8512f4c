//! What a meal gave, nutrient by nutrient (`wt_meal_nutrient_breakdown`), and a profile's
//! intake set against its daily targets (`wt_nutrient_targets`). Pure (issue 9, item 1).
//!
//! Rules, stated so the numbers can be explained:
//! - A food item weighs `grams`; it gives its SR28 values per 100 g × grams / 100. A value
//!   SR28 lacks counts 0, as for recipes, and the food is listed under that nutrient.
//! - A free-text item (nothing matched) gives only the energy the person stated, if any, and
//!   is listed as not counted for the rest.
//! - Servings of a recipe give servings eaten ÷ the recipe's servings of its weighed, matched
//!   ingredients (a recipe without servings is one serving).
//! - A meal logged with label values per 100 g (the grade form) has no weight, so it adds no
//!   intake; its grade stays.
//! - Salt is sodium × 2.5 (EU 1169/2011). SR28 has total sugars only, not added sugars, so an
//!   added-sugars target gets no bar.
//! - The week is the seven days ending on the household's today, averaged over the days that
//!   have at least one meal: a day nobody logged is not a day of eating nothing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::recipe::{FoodFacts, RecipeIngredient};
use super::targets::TargetKind;

/// A nutrient of the breakdown: its `wt_nutrients` name and unit, and its value per 100 g of
/// a food.
pub struct Tracked {
    pub name: &'static str,
    pub unit: &'static str,
    /// How the bar is labelled.
    pub label: &'static str,
    per_100g: fn(&FoodFacts) -> Option<f64>,
}

/// Every nutrient a meal's breakdown stores, in the order the bars show them.
pub const TRACKED: [Tracked; 14] = [
    Tracked {
        name: "Energy",
        unit: "kcal",
        label: "Energy",
        per_100g: |f| f.energy_kcal.or(f.energy_kj.map(|kj| kj / 4.184)),
    },
    Tracked { name: "Protein", unit: "g", label: "Protein", per_100g: |f| f.protein_g },
    Tracked { name: "Total Carbohydrate", unit: "g", label: "Carbohydrate", per_100g: |f| f.carbohydrate_g },
    Tracked { name: "Total Fat", unit: "g", label: "Fat", per_100g: |f| f.fat_g },
    Tracked { name: "Saturated Fat", unit: "g", label: "Saturated fat", per_100g: |f| f.saturated_fat_g },
    Tracked { name: "Total Sugars", unit: "g", label: "Sugars", per_100g: |f| f.sugars_g },
    Tracked { name: "Dietary Fibre", unit: "g", label: "Fibre", per_100g: |f| f.fibre_g },
    Tracked { name: "Sodium", unit: "mg", label: "Sodium", per_100g: |f| f.sodium_mg },
    Tracked { name: "Salt", unit: "g", label: "Salt", per_100g: |f| f.sodium_mg.map(|mg| mg * 2.5 / 1000.0) },
    Tracked { name: "Calcium", unit: "mg", label: "Calcium", per_100g: |f| f.calcium_mg },
    Tracked { name: "Iron", unit: "mg", label: "Iron", per_100g: |f| f.iron_mg },
    Tracked { name: "Potassium", unit: "mg", label: "Potassium", per_100g: |f| f.potassium_mg },
    Tracked { name: "Vitamin C", unit: "mg", label: "Vitamin C", per_100g: |f| f.vitamin_c_mg },
    Tracked { name: "Vitamin D", unit: "mcg", label: "Vitamin D", per_100g: |f| f.vitamin_d_mcg },
];

const ENERGY: usize = 0;

/// At most this many items make one meal.
pub const MAX_ITEMS: usize = 30;

/// One thing a meal was made of, as kept in `wt_meals.nutrition_info.items`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MealItem {
    /// The SR28 food, or `None` for free text.
    pub food_ndb_no: Option<String>,
    pub description: String,
    /// The amount as the person chose it ("1.5" "cup, chopped"), for showing.
    pub quantity: Option<f64>,
    pub unit: Option<String>,
    pub grams: Option<f64>,
    /// A free-text item's stated energy.
    pub energy_kcal: Option<f64>,
}

/// What a meal gave: one amount per [`TRACKED`] nutrient, and what could not be counted.
#[derive(Clone, Debug, PartialEq)]
pub struct Breakdown {
    pub amounts: [f64; TRACKED.len()],
    /// Nutrient name → foods that have no value for it (counted 0).
    pub missing: BTreeMap<&'static str, Vec<String>>,
    /// Items counted for their stated energy at most.
    pub not_counted: Vec<String>,
}

impl Breakdown {
    fn empty() -> Self {
        Breakdown { amounts: [0.0; TRACKED.len()], missing: BTreeMap::new(), not_counted: Vec::new() }
    }

    fn add_food(&mut self, name: &str, grams: f64, food: &FoodFacts) {
        for (slot, tracked) in TRACKED.iter().enumerate() {
            match (tracked.per_100g)(food) {
                Some(v) if v.is_finite() && v >= 0.0 => self.amounts[slot] += v * grams / 100.0,
                _ => {
                    let foods = self.missing.entry(tracked.name).or_default();
                    if !foods.iter().any(|f| f == name) {
                        foods.push(name.to_owned());
                    }
                }
            }
        }
    }

    fn scale(&mut self, factor: f64) {
        for a in &mut self.amounts {
            *a *= factor;
        }
    }

    /// The rows for `wt_meal_nutrient_breakdown`: (nutrient name, unit, amount), rounded to
    /// what a label shows (0.01), zero amounts kept (a meal with no fibre had 0 g of it).
    pub fn rows(&self) -> Vec<(&'static str, &'static str, f64)> {
        TRACKED.iter().zip(self.amounts).map(|(t, a)| (t.name, t.unit, (a * 100.0).round() / 100.0)).collect()
    }

    pub fn energy_kcal(&self) -> f64 {
        self.amounts[ENERGY]
    }
}

/// The breakdown of a meal of items, each with its food's values when it names one.
pub fn meal_breakdown(items: &[(MealItem, Option<FoodFacts>)]) -> Breakdown {
    let mut b = Breakdown::empty();
    for (item, food) in items {
        match (item.grams.filter(|g| g.is_finite() && *g >= 0.0), food) {
            (Some(grams), Some(food)) => b.add_food(&item.description, grams, food),
            _ => {
                if let Some(kcal) = item.energy_kcal.filter(|k| k.is_finite() && *k >= 0.0) {
                    b.amounts[ENERGY] += kcal;
                }
                b.not_counted.push(item.description.clone());
            }
        }
    }
    b
}

/// Version of the diary's rules; stored with each meal's nutrition.
pub const MEAL_NUTRITION_VERSION: &str = "meal-v1";

/// What a meal of items stores: `wt_meals.nutrition_info` (its items, what they gave, what
/// was missing, and the grade of the whole plate when every item is a weighed food), the
/// spec's A–D score, and the breakdown rows.
pub struct DiaryMeal {
    pub nutrition_info: serde_json::Value,
    pub score: Option<&'static str>,
    pub breakdown: Breakdown,
}

pub fn diary_meal(items: &[(MealItem, Option<FoodFacts>)]) -> DiaryMeal {
    let breakdown = meal_breakdown(items);
    let ingredients: Vec<RecipeIngredient> = items
        .iter()
        .map(|(item, food)| RecipeIngredient { name: item.description.clone(), grams: item.grams, food: food.clone() })
        .collect();
    let plate = super::recipe::recipe_nutrition(&ingredients, Some(1), super::nutrition_grade::Category::General);
    let grade = plate.as_ref().and_then(|p| p.grade.as_ref());
    let only: Vec<&MealItem> = items.iter().map(|(i, _)| i).collect();
    let nutrition_info = serde_json::json!({
        "source": "foods",
        "method": MEAL_NUTRITION_VERSION,
        "items": only,
        "consumed": plate.as_ref().map(|p| p.totals),
        "energy_kcal": (!items.is_empty()).then(|| breakdown.energy_kcal()),
        "missing_values": breakdown.missing,
        "not_counted": breakdown.not_counted,
        "grade": grade.map(|g| g.to_json()),
    });
    DiaryMeal { nutrition_info, score: grade.map(|g| g.grade.spec_score()), breakdown }
}

/// The items kept in a meal's `nutrition_info` (none for a meal logged otherwise).
pub fn stored_items(nutrition_info: Option<&serde_json::Value>) -> Vec<MealItem> {
    nutrition_info
        .and_then(|v| v.get("items"))
        .and_then(|items| serde_json::from_value(items.clone()).ok())
        .unwrap_or_default()
}

/// The breakdown of `servings_eaten` servings of a recipe.
pub fn recipe_breakdown(
    ingredients: &[RecipeIngredient],
    recipe_servings: Option<u32>,
    servings_eaten: f64,
) -> Breakdown {
    let mut b = Breakdown::empty();
    for ing in ingredients {
        match (ing.grams.filter(|g| g.is_finite() && *g >= 0.0), &ing.food) {
            (Some(grams), Some(food)) => b.add_food(&ing.name, grams, food),
            _ => b.not_counted.push(ing.name.clone()),
        }
    }
    let servings = recipe_servings.filter(|s| *s > 0).unwrap_or(1) as f64;
    b.scale(servings_eaten / servings);
    b
}

/// A profile's intake of one nutrient that has a daily target, as read from the database.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct IntakeFigure {
    pub nutrient: String,
    pub target: f64,
    /// Sum over today's meals.
    pub today: f64,
    /// Sum over the seven days ending today.
    pub week: f64,
}

/// One progress bar of the meals page and tile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IntakeBar {
    pub label: String,
    pub unit: String,
    pub target: f64,
    pub kind: TargetKind,
    pub today: f64,
    /// The daily average over the logged days of the week, `None` when none is logged.
    pub week_average: Option<f64>,
}

impl IntakeBar {
    /// Share of the target, in whole percent (no cap: 140 % is shown as 140 %).
    pub fn percent(&self, amount: f64) -> u32 {
        if self.target <= 0.0 {
            return if amount > 0.0 { 100 } else { 0 };
        }
        (amount / self.target * 100.0).round().clamp(0.0, 999.0) as u32
    }

    /// Whether `amount` is where the target wants it.
    pub fn status(&self, amount: f64) -> IntakeStatus {
        let pct = self.percent(amount);
        match self.kind {
            TargetKind::UpperLimit if pct > 100 => IntakeStatus::Over,
            TargetKind::UpperLimit => IntakeStatus::Within,
            TargetKind::Minimum if pct >= 100 => IntakeStatus::Reached,
            TargetKind::Goal if (90..=110).contains(&pct) => IntakeStatus::Reached,
            TargetKind::Goal if pct > 110 => IntakeStatus::Over,
            _ => IntakeStatus::Below,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntakeStatus {
    Below,
    Reached,
    Within,
    Over,
}

impl IntakeStatus {
    pub fn text(self) -> &'static str {
        match self {
            IntakeStatus::Below => "below target",
            IntakeStatus::Reached => "target reached",
            IntakeStatus::Within => "within limit",
            IntakeStatus::Over => "over",
        }
    }
}

/// The bars, in [`TRACKED`] order, of the nutrients that have a target and that the food data
/// measures. Salt is left out when sodium has its bar (the same thing twice).
pub fn intake_bars(figures: &[IntakeFigure], days_logged: i64) -> Vec<IntakeBar> {
    let has_sodium = figures.iter().any(|f| f.nutrient == "Sodium");
    TRACKED
        .iter()
        .filter(|t| !(t.name == "Salt" && has_sodium))
        .filter_map(|t| {
            let f = figures.iter().find(|f| f.nutrient == t.name)?;
            Some(IntakeBar {
                label: t.label.to_owned(),
                unit: t.unit.to_owned(),
                target: f.target,
                kind: super::targets::target_kind(t.name),
                today: f.today,
                week_average: (days_logged > 0).then(|| f.week / days_logged as f64),
            })
        })
        .collect()
}

/// How an amount reads next to its bar: "1,234 kcal", "12.5 g", "0.8 mg".
pub fn amount_text(amount: f64, unit: &str) -> String {
    let digits = if amount >= 100.0 {
        0
    } else if amount >= 10.0 {
        1
    } else {
        2
    };
    let mut text = format!("{amount:.digits$}");
    if text.contains('.') {
        text = text.trim_end_matches('0').trim_end_matches('.').to_owned();
    }
    // Thousands separators for whole numbers.
    if !text.contains('.') && text.len() > 3 {
        let bytes = text.as_bytes();
        let mut grouped = String::with_capacity(text.len() + text.len() / 3);
        for (i, c) in bytes.iter().enumerate() {
            if i > 0 && (bytes.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(*c as char);
        }
        text = grouped;
    }
    format!("{text} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apple() -> FoodFacts {
        // SR28 09003 "Apples, raw, with skin", per 100 g.
        FoodFacts {
            energy_kcal: Some(52.0),
            energy_kj: Some(218.0),
            protein_g: Some(0.26),
            fat_g: Some(0.17),
            saturated_fat_g: Some(0.028),
            carbohydrate_g: Some(13.81),
            sugars_g: Some(10.39),
            fibre_g: Some(2.4),
            sodium_mg: Some(1.0),
            calcium_mg: Some(6.0),
            iron_mg: Some(0.12),
            potassium_mg: Some(107.0),
            vitamin_c_mg: Some(4.6),
            vitamin_d_mcg: Some(0.0),
            fruit_veg_legumes_pct: 100.0,
            red_meat: false,
        }
    }

    fn milk() -> FoodFacts {
        // SR28 01077 "Milk, whole, 3.25% milkfat", vitamin D left out to stand for a gap.
        FoodFacts {
            energy_kcal: Some(61.0),
            protein_g: Some(3.15),
            fat_g: Some(3.25),
            carbohydrate_g: Some(4.8),
            sodium_mg: Some(43.0),
            calcium_mg: Some(113.0),
            ..Default::default()
        }
    }

    fn item(description: &str, grams: Option<f64>, ndb: Option<&str>) -> MealItem {
        MealItem { food_ndb_no: ndb.map(str::to_owned), description: description.into(), grams, ..Default::default() }
    }

    fn amount(b: &Breakdown, name: &str) -> f64 {
        b.amounts[TRACKED.iter().position(|t| t.name == name).unwrap()]
    }

    #[test]
    fn foods_give_their_values_per_100g_times_their_weight() {
        let b = meal_breakdown(&[
            (item("apple", Some(182.0), Some("09003")), Some(apple())),
            (item("milk", Some(244.0), Some("01077")), Some(milk())),
        ]);
        assert!((b.energy_kcal() - (52.0 * 1.82 + 61.0 * 2.44)).abs() < 1e-9);
        assert!((amount(&b, "Calcium") - (6.0 * 1.82 + 113.0 * 2.44)).abs() < 1e-9);
        assert!((amount(&b, "Salt") - (1.0 * 1.82 + 43.0 * 2.44) * 2.5 / 1000.0).abs() < 1e-12, "salt = sodium × 2.5");
        assert_eq!(b.missing.get("Vitamin D"), Some(&vec!["milk".to_owned()]));
        assert!(b.not_counted.is_empty());
        let rows = b.rows();
        assert_eq!(rows.len(), TRACKED.len());
        assert_eq!(rows[0], ("Energy", "kcal", 243.48), "rounded to 0.01");
    }

    #[test]
    fn a_free_text_item_counts_its_stated_energy_and_is_listed() {
        let mut cake = item("grandma's cake", None, None);
        cake.energy_kcal = Some(350.0);
        let b = meal_breakdown(&[(cake, None), (item("tea", None, None), None)]);
        assert_eq!(b.energy_kcal(), 350.0);
        assert_eq!(amount(&b, "Protein"), 0.0);
        assert_eq!(b.not_counted, vec!["grandma's cake".to_owned(), "tea".to_owned()]);
        // A food number whose food is gone (no facts) is not counted either.
        let b = meal_breakdown(&[(item("apple", Some(100.0), Some("09003")), None)]);
        assert_eq!((b.energy_kcal(), b.not_counted.len()), (0.0, 1));
    }

    #[test]
    fn servings_of_a_recipe_give_their_share_of_its_ingredients() {
        let ings = [
            RecipeIngredient { name: "apple".into(), grams: Some(400.0), food: Some(apple()) },
            RecipeIngredient { name: "love".into(), grams: None, food: None },
        ];
        let half = recipe_breakdown(&ings, Some(4), 0.5);
        assert!((half.energy_kcal() - 52.0 * 4.0 / 8.0).abs() < 1e-9, "half of one of four servings");
        assert_eq!(half.not_counted, vec!["love".to_owned()]);
        let whole = recipe_breakdown(&ings, None, 1.0);
        assert!((whole.energy_kcal() - 208.0).abs() < 1e-9, "no servings: the whole recipe is one");
        // Scaling twice the servings doubles every nutrient.
        let two = recipe_breakdown(&ings, Some(4), 1.0);
        let four = recipe_breakdown(&ings, Some(4), 2.0);
        for (a, b) in two.amounts.iter().zip(four.amounts) {
            assert!((a * 2.0 - b).abs() < 1e-9);
        }
    }

    fn figure(nutrient: &str, target: f64, today: f64, week: f64) -> IntakeFigure {
        IntakeFigure { nutrient: nutrient.into(), target, today, week }
    }

    #[test]
    fn bars_follow_the_tracked_order_and_skip_salt_and_added_sugars() {
        let figures = [
            figure("Sodium", 2300.0, 1150.0, 6900.0),
            figure("Salt", 5.75, 2.9, 17.0),
            figure("Added Sugars", 50.0, 0.0, 0.0),
            figure("Energy", 2000.0, 1800.0, 12000.0),
            figure("Calcium", 1000.0, 400.0, 5000.0),
        ];
        let bars = intake_bars(&figures, 6);
        let labels: Vec<&str> = bars.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["Energy", "Sodium", "Calcium"]);
        assert_eq!(bars[0].week_average, Some(2000.0), "averaged over the six logged days");
        assert_eq!(bars[1].kind, TargetKind::UpperLimit);
        // Salt stands in when sodium has no target.
        let bars = intake_bars(&[figure("Salt", 5.75, 2.0, 2.0)], 1);
        assert_eq!(bars[0].label, "Salt");
        assert_eq!(intake_bars(&figures, 0)[0].week_average, None, "nothing logged this week");
    }

    #[test]
    fn a_bar_says_whether_its_target_is_met_by_the_kind_of_target() {
        let bar = |kind| IntakeBar {
            label: "x".into(),
            unit: "g".into(),
            target: 100.0,
            kind,
            today: 0.0,
            week_average: None,
        };
        assert_eq!(bar(TargetKind::Minimum).percent(42.4), 42);
        assert_eq!(bar(TargetKind::Minimum).percent(250.0), 250, "not capped");
        assert_eq!(bar(TargetKind::Minimum).status(99.0), IntakeStatus::Below);
        assert_eq!(bar(TargetKind::Minimum).status(100.0), IntakeStatus::Reached);
        assert_eq!(bar(TargetKind::UpperLimit).status(100.0), IntakeStatus::Within);
        assert_eq!(bar(TargetKind::UpperLimit).status(101.0), IntakeStatus::Over);
        assert_eq!(bar(TargetKind::Goal).status(95.0), IntakeStatus::Reached);
        assert_eq!(bar(TargetKind::Goal).status(120.0), IntakeStatus::Over);
        assert_eq!(bar(TargetKind::Goal).status(50.0), IntakeStatus::Below);
        let zero = IntakeBar { target: 0.0, ..bar(TargetKind::UpperLimit) };
        assert_eq!((zero.percent(0.0), zero.percent(1.0)), (0, 100), "a zero limit is exceeded by anything");
    }

    #[test]
    fn a_plate_of_weighed_foods_is_graded_and_keeps_its_items() {
        let items = [(item("apple", Some(182.0), Some("09003")), Some(apple()))];
        let meal = diary_meal(&items);
        assert_eq!(meal.score, Some("A"), "a raw apple");
        assert_eq!(stored_items(Some(&meal.nutrition_info)), vec![items[0].0.clone()]);
        assert!((meal.nutrition_info["energy_kcal"].as_f64().unwrap() - 94.64).abs() < 1e-9);
        // Free text on the plate: no grade, and it says what was not counted.
        let with_cake = [items[0].clone(), (item("cake", None, None), None)];
        let meal = diary_meal(&with_cake);
        assert_eq!(meal.score, None);
        assert_eq!(meal.nutrition_info["not_counted"][0], "cake");
        assert!(stored_items(None).is_empty());
        assert!(stored_items(Some(&serde_json::json!({"grade": null}))).is_empty(), "a label-values meal");
    }

    #[test]
    fn a_stored_target_gets_back_the_kind_it_was_made_with() {
        use crate::meals::logic::energy::Sex;
        use crate::meals::logic::targets::{default_targets, target_kind};
        for (age, sex) in [(30.0, Sex::Female), (1.5, Sex::Male), (15.0, Sex::Unspecified)] {
            for t in default_targets(age, sex, 2000.0, Some(60.0)) {
                assert_eq!(target_kind(t.nutrient), t.kind, "{} at {age}", t.nutrient);
            }
        }
    }

    #[test]
    fn amounts_read_like_a_label() {
        assert_eq!(amount_text(1834.4, "kcal"), "1,834 kcal");
        assert_eq!(amount_text(12.345, "g"), "12.3 g");
        assert_eq!(amount_text(0.5, "mg"), "0.5 mg");
        assert_eq!(amount_text(0.0, "g"), "0 g");
        assert_eq!(amount_text(120.0, "mcg"), "120 mcg");
        assert_eq!(amount_text(1234567.0, "mg"), "1,234,567 mg");
    }
}
