//! Energy, MET and target tests against `fixtures/energy_cases.json` (equations and DRI tables
//! typed in independently by `tools/oracles/nutrition/energy_oracle.py`).

use serde_json::Value;

use super::energy::*;
use super::targets::*;

const FIXTURE: &str = include_str!("fixtures/energy_cases.json");

fn fixture() -> Value {
    serde_json::from_str(FIXTURE).unwrap()
}

fn num(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or_else(|| panic!("{key} in {v}"))
}

fn sex(v: &Value) -> Sex {
    Sex::from_gender(v["gender"].as_str())
}

fn level(v: &Value) -> ActivityLevel {
    ActivityLevel::parse(v["activity_level"].as_str().unwrap()).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn mifflin_st_jeor() {
    for c in fixture()["mifflin"].as_array().unwrap() {
        let got = bmr_mifflin_st_jeor(num(c, "weight_kg"), num(c, "height_cm"), num(c, "age_years"), sex(c));
        assert!(close(got, num(c, "bmr_kcal")), "{c}: {got}");
    }
    // By hand: 10·80 + 6.25·180 − 5·30 + 5 = 1780; women −161, unspecified −78.
    assert_eq!(bmr_mifflin_st_jeor(80.0, 180.0, 30.0, Sex::Male), 1780.0);
    assert_eq!(bmr_mifflin_st_jeor(80.0, 180.0, 30.0, Sex::Female), 1614.0);
    assert_eq!(bmr_mifflin_st_jeor(80.0, 180.0, 30.0, Sex::Unspecified), 1697.0);
}

#[test]
fn activity_levels_match_the_profile_values() {
    let fx = fixture();
    for (name, factor) in fx["tdee_factors"].as_object().unwrap() {
        let level = ActivityLevel::parse(name).unwrap();
        assert_eq!(level.factor(), factor.as_f64().unwrap());
        assert_eq!(serde_json::to_value(level).unwrap(), Value::String(name.clone()));
    }
    assert_eq!(ActivityLevel::parse("extreme"), None);
    assert_eq!(Sex::from_gender(Some("undisclosed")), Sex::Unspecified);
    assert_eq!(Sex::from_gender(None), Sex::Unspecified);
}

#[test]
fn schofield_for_children() {
    for c in fixture()["schofield"].as_array().unwrap() {
        let got = bmr_schofield_child(num(c, "weight_kg"), num(c, "age_years"), sex(c));
        assert!(close(got, num(c, "bmr_kcal")), "{c}: {got}");
        // The kcal coefficients agree with the MJ equations × 239.0 to within 0.1 kcal.
        assert!((got - num(c, "bmr_kcal_from_mj")).abs() < 0.1, "{c}");
    }
}

#[test]
fn iom_eer_for_children() {
    for c in fixture()["eer_child"].as_array().unwrap() {
        let got = eer_iom_child(num(c, "age_years"), num(c, "weight_kg"), num(c, "height_cm"), sex(c), level(c));
        assert!(close(got, num(c, "eer_kcal")), "{c}: {got}");
    }
}

#[test]
fn energy_estimates_pick_the_method_by_age() {
    for c in fixture()["estimates"].as_array().unwrap() {
        let profile = BodyProfile {
            age_years: num(c, "age_years"),
            sex: sex(c),
            weight_kg: num(c, "weight_kg"),
            height_cm: num(c, "height_cm"),
            activity_level: level(c),
        };
        let got = energy_estimate(&profile).unwrap();
        assert!(close(got.bmr_kcal, num(c, "bmr_kcal")), "{c}: {got:?}");
        assert!(close(got.tdee_kcal, num(c, "tdee_kcal")), "{c}: {got:?}");
        assert_eq!(serde_json::to_value(got.bmr_method).unwrap(), c["bmr_method"], "{c}");
        assert_eq!(serde_json::to_value(got.tdee_method).unwrap(), c["tdee_method"], "{c}");
    }
    let bad = BodyProfile {
        age_years: 30.0,
        sex: Sex::Male,
        weight_kg: 0.0,
        height_cm: 180.0,
        activity_level: ActivityLevel::Light,
    };
    assert_eq!(energy_estimate(&bad), None);
}

#[test]
fn met_calories_gross_and_net() {
    for c in fixture()["met"].as_array().unwrap() {
        let (met, kg, min) = (num(c, "met"), num(c, "weight_kg"), num(c, "minutes"));
        assert!(close(workout_kcal_gross(met, kg, min), num(c, "gross_kcal")), "{c}");
        assert!(close(workout_kcal_net(met, kg, min), num(c, "net_kcal")), "{c}");
    }
    // engine-methods.md §9: 9.3 MET × 70 kg × 30 min = 325.5 kcal gross.
    assert!((workout_kcal_gross(9.3, 70.0, 30.0) - 325.5).abs() < 1e-9);
}

#[test]
fn compendium_table_is_marked_unverified() {
    assert_eq!(COMMON_ACTIVITIES.len(), 27);
    assert!(COMMON_ACTIVITIES.iter().all(|a| !a.verified && a.met > 1.0));
    let codes: std::collections::BTreeSet<_> = COMMON_ACTIVITIES.iter().map(|a| a.code).collect();
    assert_eq!(codes.len(), COMMON_ACTIVITIES.len(), "codes are unique");
    assert_eq!(met_activity("12050").map(|a| a.met), Some(9.3));
    for t in ["strength", "cardio", "flexibility", "mixed"] {
        assert!(default_activity_for_workout_type(t).is_some());
    }
    assert_eq!(compendium_population(10.0), CompendiumPopulation::Youth);
    assert_eq!(compendium_population(35.0), CompendiumPopulation::Adult);
    assert_eq!(compendium_population(65.0), CompendiumPopulation::OlderAdult);
}

#[test]
fn default_targets_per_life_stage() {
    for c in fixture()["targets"].as_array().unwrap() {
        let got = default_targets(num(c, "age_years"), sex(c), num(c, "energy_kcal"), c["weight_kg"].as_f64());
        let expected = c["targets"].as_array().unwrap();
        assert_eq!(got.len(), expected.len(), "{c}");
        for e in expected {
            let name = e["nutrient"].as_str().unwrap();
            let t = got.iter().find(|t| t.nutrient == name).unwrap_or_else(|| panic!("{name} missing: {c}"));
            assert_eq!(t.unit, e["unit"].as_str().unwrap(), "{name}");
            assert!(close(t.value, num(e, "value")), "{name} for {}: {} vs {}", c["age_years"], t.value, e["value"]);
            assert_eq!(serde_json::to_value(t.kind).unwrap(), e["kind"], "{name}");
        }
    }
    assert!(default_targets(0.5, Sex::Female, 650.0, Some(7.5)).is_empty());
    assert_eq!(life_stage(3.99), LifeStage::Age1To3);
    assert_eq!(life_stage(18.5), LifeStage::Age14To18);
}

#[test]
fn target_names_exist_in_the_nutrient_seed() {
    // Names of migration 0003's wt_nutrients rows that the defaults use.
    const SEEDED: [&str; 14] = [
        "Energy",
        "Protein",
        "Total Fat",
        "Saturated Fat",
        "Total Carbohydrate",
        "Added Sugars",
        "Dietary Fibre",
        "Sodium",
        "Salt",
        "Calcium",
        "Iron",
        "Vitamin D",
        "Vitamin C",
        "Potassium",
    ];
    for t in default_targets(30.0, Sex::Female, 2000.0, Some(60.0)) {
        assert!(SEEDED.contains(&t.nutrient), "{}", t.nutrient);
        assert!(t.value.is_finite() && t.value >= 0.0);
    }
}
