//! Default daily nutrient targets per profile for `wt_nutrient_targets` (issue 3, item 8).
//!
//! Sources (US National Academies Dietary Reference Intakes; ⚠ values transcribed from the DRI
//! summary tables, verify before shipping):
//! - Protein RDA 1.05 / 0.95 / 0.95 / 0.85 / 0.80 g·kg⁻¹·d⁻¹ for ages 1–3 / 4–8 / 9–13 / 14–18 /
//!   19+, and the AMDRs for fat and carbohydrate (IOM 2005, Macronutrients report).
//! - Fibre AI (IOM 2005); calcium and vitamin D RDA (IOM 2011); iron RDA (IOM 2001); vitamin C
//!   RDA (IOM 2000); potassium AI and the sodium Chronic Disease Risk Reduction intake
//!   (NASEM 2019).
//! - Saturated fat and added sugars under 10 % of energy from age 2, no added sugars before 2
//!   (Dietary Guidelines for Americans 2020–2025; WHO's 2015 free-sugars and 2023 saturated-fat
//!   guidelines set the same 10 % ceiling).
//! - Salt = sodium × 2.5 (EU Regulation 1169/2011, Annex I). Names and units are those of the
//!   `wt_nutrients` seed (migration 0003).
//!
//! Children get their life stage's values; under 1 year no defaults are set (infant feeding
//! follows breast milk or formula and a health professional). Pregnancy and lactation are not
//! in the profile and are not covered. Sex "unspecified" takes the higher of the female and male
//! values, so neither is under-served.

use serde::{Deserialize, Serialize};

use super::energy::Sex;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// Aim for about this much (energy, AMDR midpoints).
    Goal,
    /// At least this much (RDA or AI).
    Minimum,
    /// At most this much.
    UpperLimit,
}

/// One default row for `wt_nutrient_targets` (period `daily`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct NutrientTarget {
    /// `wt_nutrients.name`.
    pub nutrient: &'static str,
    pub unit: &'static str,
    pub value: f64,
    pub kind: TargetKind,
    pub source: &'static str,
}

/// DRI life-stage groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LifeStage {
    Infant,
    Age1To3,
    Age4To8,
    Age9To13,
    Age14To18,
    Age19To30,
    Age31To50,
    Age51To70,
    Age71Plus,
}

pub fn life_stage(age_years: f64) -> LifeStage {
    match age_years {
        a if a < 1.0 => LifeStage::Infant,
        a if a < 4.0 => LifeStage::Age1To3,
        a if a < 9.0 => LifeStage::Age4To8,
        a if a < 14.0 => LifeStage::Age9To13,
        a if a < 19.0 => LifeStage::Age14To18,
        a if a < 31.0 => LifeStage::Age19To30,
        a if a < 51.0 => LifeStage::Age31To50,
        a if a < 71.0 => LifeStage::Age51To70,
        _ => LifeStage::Age71Plus,
    }
}

/// (female, male) value for a life stage.
type BySex = (f64, f64);

struct StageValues {
    protein_g_per_kg: f64,
    protein_reference_g: BySex,
    fibre_g: BySex,
    calcium_mg: BySex,
    iron_mg: BySex,
    vitamin_d_mcg: f64,
    vitamin_c_mg: BySex,
    potassium_mg: BySex,
    sodium_mg: f64,
    fat_pct_energy: f64,
}

fn stage_values(stage: LifeStage) -> Option<StageValues> {
    use LifeStage::*;
    let v = |protein_g_per_kg, protein_reference_g, fibre_g, calcium_mg, iron_mg, vitamin_d_mcg, vitamin_c_mg| {
        StageValues {
            protein_g_per_kg,
            protein_reference_g,
            fibre_g,
            calcium_mg,
            iron_mg,
            vitamin_d_mcg,
            vitamin_c_mg,
            potassium_mg: (0.0, 0.0),
            sodium_mg: 2300.0,
            fat_pct_energy: 27.5,
        }
    };
    let values = match stage {
        Infant => return None,
        Age1To3 => StageValues {
            potassium_mg: (2000.0, 2000.0),
            sodium_mg: 1200.0,
            fat_pct_energy: 35.0,
            ..v(1.05, (13.0, 13.0), (19.0, 19.0), (700.0, 700.0), (7.0, 7.0), 15.0, (15.0, 15.0))
        },
        Age4To8 => StageValues {
            potassium_mg: (2300.0, 2300.0),
            sodium_mg: 1500.0,
            fat_pct_energy: 30.0,
            ..v(0.95, (19.0, 19.0), (25.0, 25.0), (1000.0, 1000.0), (10.0, 10.0), 15.0, (25.0, 25.0))
        },
        Age9To13 => StageValues {
            potassium_mg: (2300.0, 2500.0),
            sodium_mg: 1800.0,
            fat_pct_energy: 30.0,
            ..v(0.95, (34.0, 34.0), (26.0, 31.0), (1300.0, 1300.0), (8.0, 8.0), 15.0, (45.0, 45.0))
        },
        Age14To18 => StageValues {
            potassium_mg: (2300.0, 3000.0),
            fat_pct_energy: 30.0,
            ..v(0.85, (46.0, 52.0), (26.0, 38.0), (1300.0, 1300.0), (15.0, 11.0), 15.0, (65.0, 75.0))
        },
        Age19To30 | Age31To50 => StageValues {
            potassium_mg: (2600.0, 3400.0),
            ..v(0.80, (46.0, 56.0), (25.0, 38.0), (1000.0, 1000.0), (18.0, 8.0), 15.0, (75.0, 90.0))
        },
        Age51To70 => StageValues {
            potassium_mg: (2600.0, 3400.0),
            ..v(0.80, (46.0, 56.0), (21.0, 30.0), (1200.0, 1000.0), (8.0, 8.0), 15.0, (75.0, 90.0))
        },
        Age71Plus => StageValues {
            potassium_mg: (2600.0, 3400.0),
            ..v(0.80, (46.0, 56.0), (21.0, 30.0), (1200.0, 1200.0), (8.0, 8.0), 20.0, (75.0, 90.0))
        },
    };
    Some(values)
}

fn for_sex(sex: Sex, (female, male): BySex) -> f64 {
    match sex {
        Sex::Female => female,
        Sex::Male => male,
        Sex::Unspecified => female.max(male),
    }
}

/// Carbohydrate share of energy: the AMDR midpoint of 45–65 %.
const CARBOHYDRATE_PCT_ENERGY: f64 = 55.0;
/// Saturated fat and added sugars: under 10 % of energy from age 2.
const LIMIT_PCT_ENERGY: f64 = 10.0;
const KCAL_PER_G_FAT: f64 = 9.0;
const KCAL_PER_G_CARBOHYDRATE: f64 = 4.0;

/// Default daily targets for a profile, given its estimated energy need (`energy_kcal`, e.g.
/// the TDEE of `energy::energy_estimate`) and weight when known (protein then follows the
/// g/kg RDA; otherwise the life stage's reference intake). Empty under 1 year.
pub fn default_targets(age_years: f64, sex: Sex, energy_kcal: f64, weight_kg: Option<f64>) -> Vec<NutrientTarget> {
    let Some(s) = stage_values(life_stage(age_years)) else {
        return Vec::new();
    };
    let energy = energy_kcal.max(0.0);
    let protein = match weight_kg.filter(|w| w.is_finite() && *w > 0.0) {
        Some(kg) => s.protein_g_per_kg * kg,
        None => for_sex(sex, s.protein_reference_g),
    };
    let sodium = s.sodium_mg;
    let mut targets = vec![
        target("Energy", "kcal", energy, TargetKind::Goal, "profile energy estimate (TDEE / IOM EER)"),
        target("Protein", "g", protein, TargetKind::Minimum, "IOM 2005 RDA (g/kg)"),
        target(
            "Total Fat",
            "g",
            s.fat_pct_energy / 100.0 * energy / KCAL_PER_G_FAT,
            TargetKind::Goal,
            "IOM 2005 AMDR midpoint",
        ),
        target(
            "Total Carbohydrate",
            "g",
            CARBOHYDRATE_PCT_ENERGY / 100.0 * energy / KCAL_PER_G_CARBOHYDRATE,
            TargetKind::Goal,
            "IOM 2005 AMDR midpoint",
        ),
        target("Dietary Fibre", "g", for_sex(sex, s.fibre_g), TargetKind::Minimum, "IOM 2005 AI"),
        target("Sodium", "mg", sodium, TargetKind::UpperLimit, "NASEM 2019 CDRR"),
        target("Salt", "g", sodium * 2.5 / 1000.0, TargetKind::UpperLimit, "NASEM 2019 CDRR as salt (× 2.5)"),
        target("Calcium", "mg", for_sex(sex, s.calcium_mg), TargetKind::Minimum, "IOM 2011 RDA"),
        target("Iron", "mg", for_sex(sex, s.iron_mg), TargetKind::Minimum, "IOM 2001 RDA"),
        target("Vitamin D", "mcg", s.vitamin_d_mcg, TargetKind::Minimum, "IOM 2011 RDA"),
        target("Vitamin C", "mg", for_sex(sex, s.vitamin_c_mg), TargetKind::Minimum, "IOM 2000 RDA"),
        target("Potassium", "mg", for_sex(sex, s.potassium_mg), TargetKind::Minimum, "NASEM 2019 AI"),
    ];
    if age_years >= 2.0 {
        let limit = LIMIT_PCT_ENERGY / 100.0 * energy;
        targets.push(target("Saturated Fat", "g", limit / KCAL_PER_G_FAT, TargetKind::UpperLimit, "DGA 2020–2025"));
        targets.push(target(
            "Added Sugars",
            "g",
            limit / KCAL_PER_G_CARBOHYDRATE,
            TargetKind::UpperLimit,
            "DGA 2020–2025",
        ));
    } else {
        targets.push(target("Added Sugars", "g", 0.0, TargetKind::UpperLimit, "DGA 2020–2025: none before age 2"));
    }
    targets
}

/// What kind of target a stored `wt_nutrient_targets` row of this nutrient is (the table
/// keeps the value, not the kind): the limits of `default_targets` are upper limits, energy,
/// fat and carbohydrate are goals, everything else is a minimum.
pub fn target_kind(nutrient: &str) -> TargetKind {
    match nutrient {
        "Sodium" | "Salt" | "Saturated Fat" | "Added Sugars" | "Trans Fat" | "Cholesterol" => TargetKind::UpperLimit,
        "Energy" | "Total Fat" | "Total Carbohydrate" => TargetKind::Goal,
        _ => TargetKind::Minimum,
    }
}

fn target(
    nutrient: &'static str,
    unit: &'static str,
    value: f64,
    kind: TargetKind,
    source: &'static str,
) -> NutrientTarget {
    NutrientTarget { nutrient, unit, value, kind, source }
}

/// Default daily targets for a profile, from its date of birth, gender, height,
/// weight and activity level. Empty when the energy need cannot be estimated
/// (no date of birth, height or weight): targets are then left as they are.
pub fn for_profile(
    age_years: Option<f64>,
    gender: Option<&str>,
    height_cm: Option<f64>,
    weight_kg: Option<f64>,
    activity_level: Option<&str>,
) -> Vec<NutrientTarget> {
    use super::energy::{energy_estimate, ActivityLevel, BodyProfile};
    let (Some(age_years), Some(height_cm), Some(weight_kg)) = (age_years, height_cm, weight_kg) else {
        return Vec::new();
    };
    let sex = Sex::from_gender(gender);
    let activity_level = activity_level.and_then(ActivityLevel::parse).unwrap_or_default();
    let body = BodyProfile { age_years, sex, weight_kg, height_cm, activity_level };
    match energy_estimate(&body) {
        Some(energy) => default_targets(age_years, sex, energy.tdee_kcal, Some(weight_kg)),
        None => Vec::new(),
    }
}
