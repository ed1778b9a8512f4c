//! WellTrack's nutrition grade for recipes and meals (issue 3, item 7; engine-methods.md §7).
//!
//! The points and classes are those of the 2022 (foods) / 2023 (beverages) update of the
//! Nutri-Score algorithm by Santé publique France's scientific committee (reports of 2022 and
//! 2023; FAQ updated 27/09/2022, santepubliquefrance.fr), as implemented by Open Food Facts in
//! `lib/ProductOpener/Nutriscore.pm` (`%points_thresholds_2023`, `compute_nutriscore_score_2023`,
//! `compute_nutriscore_grade_2023`). The UI must present the result as WellTrack's own versioned
//! grade, [`GRADE_LABEL`], never under the Nutri-Score name or logo: a recipe computed from
//! ingredient data is not a labelled product.
//!
//! Rules, per 100 g or 100 ml as declared (no rounding since the 2022 FAQ):
//! - Points = number of thresholds strictly exceeded (`value > t`); the saturated-fat ratio of
//!   the fats group counts thresholds reached (`value ≥ t`).
//! - N = energy + sugars + saturated fat + salt (+ 4 for a beverage with non-nutritive
//!   sweeteners). For fats, oils, nuts and seeds: energy from saturates (kJ = sat. fat g × 37)
//!   replaces energy, and sat. fat / total fat (%) replaces saturated fat.
//! - P = fibre + fruit/vegetables/legumes (+ protein when it counts). Protein counts for
//!   beverages, cheese, other foods with N < 11, and the fats group with N < 7. Red-meat
//!   products get at most 2 protein points.
//! - Score = N − P; classes per table (foods, fats group, beverages; plain water is always A).
//! - A missing nutrient counts 0 points, as in OFF.

use serde::{Deserialize, Serialize};

/// Version of the grading rules; stored with every grade.
pub const GRADE_VERSION: &str = "v2023.1";
/// How the UI names the grade.
pub const GRADE_LABEL: &str = "WellTrack nutrition grade (v2023.1)";

// Thresholds of OFF `%points_thresholds_2023` (per 100 g / 100 ml).
const ENERGY_KJ: [f64; 10] = [335.0, 670.0, 1005.0, 1340.0, 1675.0, 2010.0, 2345.0, 2680.0, 3015.0, 3350.0];
const ENERGY_KJ_BEVERAGE: [f64; 10] = [30.0, 90.0, 150.0, 210.0, 240.0, 270.0, 300.0, 330.0, 360.0, 390.0];
const SUGARS_G: [f64; 15] = [3.4, 6.8, 10.0, 14.0, 17.0, 20.0, 24.0, 27.0, 31.0, 34.0, 37.0, 41.0, 44.0, 48.0, 51.0];
const SUGARS_G_BEVERAGE: [f64; 10] = [0.5, 2.0, 3.5, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0];
const SATURATED_FAT_G: [f64; 10] = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0];
const SALT_G: [f64; 20] =
    [0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0, 2.2, 2.4, 2.6, 2.8, 3.0, 3.2, 3.4, 3.6, 3.8, 4.0];
const ENERGY_FROM_SATURATES_KJ: [f64; 10] = [120.0, 240.0, 360.0, 480.0, 600.0, 720.0, 840.0, 960.0, 1080.0, 1200.0];
const SATURATED_FAT_RATIO_PCT: [f64; 10] = [10.0, 16.0, 22.0, 28.0, 34.0, 40.0, 46.0, 52.0, 58.0, 64.0];
const FRUIT_VEG_LEGUMES_PCT: [f64; 5] = [40.0, 60.0, 80.0, 80.0, 80.0];
const FRUIT_VEG_LEGUMES_PCT_BEVERAGE: [f64; 6] = [40.0, 40.0, 60.0, 60.0, 80.0, 80.0];
const FIBRE_G: [f64; 5] = [3.0, 4.1, 5.2, 6.3, 7.4];
const PROTEIN_G: [f64; 7] = [2.4, 4.8, 7.2, 9.6, 12.0, 14.0, 17.0];
const PROTEIN_G_BEVERAGE: [f64; 7] = [1.2, 1.5, 1.8, 2.1, 2.4, 2.7, 3.0];
/// kJ per gram of saturated fat in the "energy from saturates" component (as in OFF's
/// expected results: 7 g → 259 kJ).
pub const KJ_PER_G_SATURATED_FAT: f64 = 37.0;
const NON_NUTRITIVE_SWEETENER_POINTS: u8 = 4;
const RED_MEAT_PROTEIN_CAP: u8 = 2;

/// Which table a dish or product is graded with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// General foods: the default for recipes and meals.
    General,
    /// Cheese: a general food whose protein always counts.
    Cheese,
    /// Red-meat product (beef, veal, pork, lamb, game, horse, goat…): protein points capped at 2.
    RedMeat,
    /// Fats, oils, nuts and seeds: use only when the dish is mostly an oil or nut product.
    FatsOilsNutsSeeds,
    Beverage,
    /// Plain water: always grade A.
    Water,
}

impl Category {
    fn is_beverage(self) -> bool {
        matches!(self, Category::Beverage | Category::Water)
    }
}

/// Declared nutrients per 100 g (100 ml for drinks).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NutritionFacts {
    pub energy_kj: f64,
    pub sugars_g: f64,
    pub saturated_fat_g: f64,
    /// Total fat; needed only for the fats group's saturated-fat ratio.
    pub fat_g: Option<f64>,
    pub salt_g: f64,
    pub fibre_g: f64,
    pub protein_g: f64,
    /// Fruit, vegetables and legumes, % of the weight.
    pub fruit_veg_legumes_pct: f64,
    /// Beverages only: contains non-nutritive sweeteners.
    pub non_nutritive_sweeteners: bool,
}

/// Points per component. `energy` is energy from saturates and `saturated_fat` the
/// saturated-fat ratio for the fats group; `protein` is after the red-meat cap, whether or
/// not it counts (see `NutritionGrade::protein_counted`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComponentPoints {
    pub energy: u8,
    pub sugars: u8,
    pub saturated_fat: u8,
    pub salt: u8,
    pub non_nutritive_sweeteners: u8,
    pub protein: u8,
    pub fibre: u8,
    pub fruit_veg_legumes: u8,
}

/// The five classes, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Grade {
    A,
    B,
    C,
    D,
    E,
}

impl Grade {
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
            Grade::E => "E",
        }
    }

    /// The specification's four-letter `score` (A/B/C/D): E is folded into D. The true grade
    /// and the points are kept in the row's nutrition JSON so nothing is lost.
    pub fn spec_score(self) -> &'static str {
        match self {
            Grade::E => "D",
            other => other.as_str(),
        }
    }
}

/// A computed grade with everything needed to explain it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct NutritionGrade {
    pub version: &'static str,
    pub category: Category,
    pub points: ComponentPoints,
    pub negative_points: i32,
    pub positive_points: i32,
    pub protein_counted: bool,
    pub score: i32,
    pub grade: Grade,
}

impl NutritionGrade {
    /// The object to store under the row's nutrition JSON (e.g. `nutrition_info.welltrack_grade`).
    pub fn to_json(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        if let Some(map) = value.as_object_mut() {
            map.insert("label".into(), GRADE_LABEL.into());
            map.insert("spec_score".into(), self.grade.spec_score().into());
        }
        value
    }
}

/// Points for `value` against ascending `thresholds`: how many are exceeded (`>`), or reached
/// (`≥`) when `inclusive`. NaN scores 0.
pub fn points(value: f64, thresholds: &[f64], inclusive: bool) -> u8 {
    let count = thresholds.iter().filter(|t| if inclusive { value >= **t } else { value > **t }).count();
    u8::try_from(count).unwrap_or(u8::MAX)
}

/// Saturated fat as % of total fat; 0 when total fat is unknown or 0 (OFF counts it missing).
pub fn saturated_fat_ratio_pct(facts: &NutritionFacts) -> f64 {
    match facts.fat_g {
        // Multiply first so 10 g of 100 g gives exactly 10 % (a threshold).
        Some(fat) if fat > 0.0 => 100.0 * facts.saturated_fat_g / fat,
        _ => 0.0,
    }
}

/// Grades a product or dish from its per-100 g nutrients.
pub fn nutrition_grade(facts: &NutritionFacts, category: Category) -> NutritionGrade {
    let beverage = category.is_beverage();
    let fats = category == Category::FatsOilsNutsSeeds;
    let mut p = ComponentPoints::default();
    if fats {
        p.energy = points(facts.saturated_fat_g * KJ_PER_G_SATURATED_FAT, &ENERGY_FROM_SATURATES_KJ, false);
        p.saturated_fat = points(saturated_fat_ratio_pct(facts), &SATURATED_FAT_RATIO_PCT, true);
    } else {
        p.energy = points(facts.energy_kj, if beverage { &ENERGY_KJ_BEVERAGE } else { &ENERGY_KJ }, false);
        p.saturated_fat = points(facts.saturated_fat_g, &SATURATED_FAT_G, false);
    }
    p.sugars = points(facts.sugars_g, if beverage { &SUGARS_G_BEVERAGE } else { &SUGARS_G }, false);
    p.salt = points(facts.salt_g, &SALT_G, false);
    if beverage && facts.non_nutritive_sweeteners {
        p.non_nutritive_sweeteners = NON_NUTRITIVE_SWEETENER_POINTS;
    }
    p.protein = points(facts.protein_g, if beverage { &PROTEIN_G_BEVERAGE } else { &PROTEIN_G }, false);
    if category == Category::RedMeat {
        p.protein = p.protein.min(RED_MEAT_PROTEIN_CAP);
    }
    p.fibre = points(facts.fibre_g, &FIBRE_G, false);
    p.fruit_veg_legumes = if beverage {
        points(facts.fruit_veg_legumes_pct, &FRUIT_VEG_LEGUMES_PCT_BEVERAGE, false)
    } else {
        points(facts.fruit_veg_legumes_pct, &FRUIT_VEG_LEGUMES_PCT, false)
    };

    let negative = [p.energy, p.sugars, p.saturated_fat, p.salt, p.non_nutritive_sweeteners]
        .iter()
        .map(|v| i32::from(*v))
        .sum::<i32>();
    let protein_counted = match category {
        Category::Beverage | Category::Water | Category::Cheese => true,
        Category::FatsOilsNutsSeeds => negative < 7,
        Category::General | Category::RedMeat => negative < 11,
    };
    let positive =
        i32::from(p.fibre) + i32::from(p.fruit_veg_legumes) + if protein_counted { i32::from(p.protein) } else { 0 };
    let score = negative - positive;
    NutritionGrade {
        version: GRADE_VERSION,
        category,
        points: p,
        negative_points: negative,
        positive_points: positive,
        protein_counted,
        score,
        grade: grade_for(score, category),
    }
}

/// Class boundaries of OFF `compute_nutriscore_grade_2023`.
pub fn grade_for(score: i32, category: Category) -> Grade {
    match category {
        Category::Water => Grade::A,
        Category::Beverage => match score {
            i32::MIN..=2 => Grade::B,
            3..=6 => Grade::C,
            7..=9 => Grade::D,
            _ => Grade::E,
        },
        Category::FatsOilsNutsSeeds => match score {
            i32::MIN..=-6 => Grade::A,
            -5..=2 => Grade::B,
            3..=10 => Grade::C,
            11..=18 => Grade::D,
            _ => Grade::E,
        },
        Category::General | Category::Cheese | Category::RedMeat => match score {
            i32::MIN..=0 => Grade::A,
            1..=2 => Grade::B,
            3..=10 => Grade::C,
            11..=18 => Grade::D,
            _ => Grade::E,
        },
    }
}

/// One ingredient of a recipe: its weight in the dish and its per-100 g nutrients.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct IngredientPortion {
    pub grams: f64,
    pub per_100g: NutritionFacts,
}

/// Per-100 g nutrients of a finished dish (engine-methods.md §7, "Recipes and meals").
///
/// Nutrients are summed over ingredients and divided by `finished_weight_g` (after cooking),
/// or by the raw total when that is unknown. The fruit/vegetable/legume share is the FVL mass
/// (`grams × fruit_veg_legumes_pct`) over the raw ingredient mass. Total fat is known only when
/// every ingredient states it. `None` for an empty recipe or a zero weight.
pub fn dish_per_100g(ingredients: &[IngredientPortion], finished_weight_g: Option<f64>) -> Option<NutritionFacts> {
    let raw_total: f64 = ingredients.iter().map(|i| i.grams.max(0.0)).sum();
    let total = finished_weight_g.filter(|w| *w > 0.0).unwrap_or(raw_total);
    if raw_total <= 0.0 || total <= 0.0 {
        return None;
    }
    let sum = |f: fn(&NutritionFacts) -> f64| -> f64 {
        ingredients.iter().map(|i| i.grams.max(0.0) / 100.0 * f(&i.per_100g)).sum::<f64>() * 100.0 / total
    };
    let fat_g = ingredients
        .iter()
        .map(|i| i.per_100g.fat_g.map(|fat| i.grams.max(0.0) / 100.0 * fat))
        .sum::<Option<f64>>()
        .map(|grams| grams * 100.0 / total);
    let fvl_grams: f64 = ingredients.iter().map(|i| i.grams.max(0.0) * i.per_100g.fruit_veg_legumes_pct / 100.0).sum();
    Some(NutritionFacts {
        energy_kj: sum(|f| f.energy_kj),
        sugars_g: sum(|f| f.sugars_g),
        saturated_fat_g: sum(|f| f.saturated_fat_g),
        fat_g,
        salt_g: sum(|f| f.salt_g),
        fibre_g: sum(|f| f.fibre_g),
        protein_g: sum(|f| f.protein_g),
        fruit_veg_legumes_pct: (100.0 * fvl_grams / raw_total).min(100.0),
        non_nutritive_sweeteners: ingredients.iter().any(|i| i.grams > 0.0 && i.per_100g.non_nutritive_sweeteners),
    })
}

/// kJ from kcal (thermochemical calorie: 1 kcal = 4.184 kJ).
pub fn kj_from_kcal(kcal: f64) -> f64 {
    kcal * 4.184
}

/// Salt from sodium (EU Regulation 1169/2011, Annex I: salt = sodium × 2.5).
pub fn salt_from_sodium(sodium_g: f64) -> f64 {
    sodium_g * 2.5
}
