//! Property tests (proptest) across the engine: scores stay in 0–100,
//! components are monotone in their inputs, input order does not matter.
//! (The database test `recomputing_twice_changes_nothing` covers idempotence
//! end to end.)

use proptest::prelude::*;

use super::forecast::{forecast, Goal, Observation};
use super::logic::baseline::{BaselineRef, CalibrationStatus};
use super::logic::recovery::{recovery_score, RecoveryInput};
use super::logic::sleep::{sleep_score, SleepInput};
use super::plan::{plan, Inputs, MetricFact};
use crate::meals::logic::nutrition_grade::{nutrition_grade, Category, NutritionFacts};

fn complete(mean: f64, sd: f64) -> Option<BaselineRef> {
    Some(BaselineRef { mean, sd, calibration_status: CalibrationStatus::Complete })
}

fn input(rhr: f64, hrv: f64, sleep: Option<f64>, stress: Option<f64>, ctl: f64, atl: f64) -> RecoveryInput {
    RecoveryInput {
        hrv_mean7_ln: Some(hrv),
        hrv_nights: 7,
        hrv_baseline: complete(4.0, 0.08),
        resting_hr: Some(rhr),
        rhr_baseline: complete(55.0, 2.0),
        sleep_score: sleep,
        stress,
        ctl: Some(ctl),
        atl: Some(atl),
        load_warming_up: false,
    }
}

proptest! {
    #[test]
    fn recovery_and_its_components_stay_within_0_to_100(
        rhr in 25.0f64..220.0, hrv in 1.0f64..6.0, sleep in proptest::option::of(0.0f64..100.0),
        stress in proptest::option::of(0.0f64..100.0), ctl in 1.0f64..200.0, atl in 0.0f64..300.0,
    ) {
        let s = recovery_score(&input(rhr, hrv, sleep, stress, ctl, atl));
        let score = s.recovery_score.expect("heart data and calibrated baselines give a score");
        prop_assert!((0.0..=100.0).contains(&score));
        for c in [s.hr_component, s.sleep_component, s.stress_component, s.load_component].into_iter().flatten() {
            prop_assert!((0.0..=100.0).contains(&c));
        }
    }

    #[test]
    fn recovery_falls_as_resting_hr_rises_and_as_stress_rises(
        rhr in 40.0f64..80.0, bump in 0.0f64..20.0, stress in 0.0f64..90.0, more in 0.0f64..10.0,
    ) {
        let base = recovery_score(&input(rhr, 4.0, Some(70.0), Some(stress), 50.0, 50.0)).recovery_score.unwrap();
        let higher_rhr = recovery_score(&input(rhr + bump, 4.0, Some(70.0), Some(stress), 50.0, 50.0)).recovery_score.unwrap();
        let more_stress = recovery_score(&input(rhr, 4.0, Some(70.0), Some(stress + more), 50.0, 50.0)).recovery_score.unwrap();
        prop_assert!(higher_rhr <= base + 1e-9);
        prop_assert!(more_stress <= base + 1e-9);
    }

    #[test]
    fn recovery_rises_with_hrv_and_sleep(hrv in 3.0f64..5.0, up in 0.0f64..0.5, sleep in 0.0f64..90.0, better in 0.0f64..10.0) {
        let base = recovery_score(&input(55.0, hrv, Some(sleep), Some(30.0), 50.0, 50.0)).recovery_score.unwrap();
        prop_assert!(recovery_score(&input(55.0, hrv + up, Some(sleep), Some(30.0), 50.0, 50.0)).recovery_score.unwrap() >= base - 1e-9);
        prop_assert!(recovery_score(&input(55.0, hrv, Some(sleep + better), Some(30.0), 50.0, 50.0)).recovery_score.unwrap() >= base - 1e-9);
    }

    #[test]
    fn sleep_score_is_bounded_and_more_sleep_up_to_the_need_never_scores_less(
        age in 3u32..90, minutes in 0.0f64..900.0, extra in 0.0f64..120.0,
    ) {
        let score = |m: f64| sleep_score(&SleepInput { age_years: age, total_sleep_minutes: Some(m), ..Default::default() }).unwrap();
        let a = score(minutes);
        prop_assert!((0.0..=100.0).contains(&a.score));
        let need_low_minutes = a.need.min_hours * 60.0;
        if minutes + extra <= need_low_minutes {
            prop_assert!(score(minutes + extra).score >= a.score - 1e-9);
        }
    }

    #[test]
    fn the_plan_does_not_depend_on_row_order(seed in any::<u64>()) {
        let mut metrics = Vec::new();
        for day in 0..60i64 {
            let w = ((day as u64).wrapping_mul(seed | 1) % 17) as f64 / 17.0;
            metrics.push(MetricFact { metric_type: "resting_hr".into(), day, value: 52.0 + 6.0 * w });
            metrics.push(MetricFact { metric_type: "hrv".into(), day, value: 40.0 + 20.0 * w });
        }
        let inputs = Inputs { age_years: Some(35), workouts: vec![], metrics, hr_max_observed: None };
        let mut shuffled = inputs.clone();
        let n = shuffled.metrics.len();
        for i in 0..n {
            let j = ((seed.rotate_left(i as u32 % 64) ^ i as u64) % n as u64) as usize;
            shuffled.metrics.swap(i, j);
        }
        prop_assert_eq!(plan(&inputs, 40, 59), plan(&shuffled, 40, 59));
    }

    #[test]
    fn forecast_confidence_stays_between_0_and_1(
        values in proptest::collection::vec(40.0f64..120.0, 3..40), target in 30.0f64..130.0, deadline in proptest::option::of(1.0f64..400.0),
    ) {
        let obs: Vec<Observation> = values.iter().enumerate().map(|(i, v)| Observation { day: i as f64 * 3.0, value: *v }).collect();
        let f = forecast(&obs, &Goal { target, direction: None, deadline_day: deadline }, None);
        prop_assert!((0.0..=1.0).contains(&f.confidence), "{}", f.confidence);
    }

    #[test]
    fn more_sugar_salt_or_saturated_fat_never_improves_the_grade(
        kj in 0.0f64..3500.0, sugars in 0.0f64..60.0, sat in 0.0f64..15.0, salt in 0.0f64..5.0,
        fibre in 0.0f64..10.0, protein in 0.0f64..30.0, more in 0.0f64..10.0,
    ) {
        let facts = NutritionFacts {
            energy_kj: kj, sugars_g: sugars, saturated_fat_g: sat, fat_g: Some(sat * 2.0), salt_g: salt,
            fibre_g: fibre, protein_g: protein, fruit_veg_legumes_pct: 0.0, non_nutritive_sweeteners: false,
        };
        let base = nutrition_grade(&facts, Category::General).score;
        for worse in [
            NutritionFacts { sugars_g: sugars + more, ..facts },
            NutritionFacts { salt_g: salt + more / 2.0, ..facts },
            NutritionFacts { saturated_fat_g: sat + more, fat_g: Some(sat * 2.0 + more), ..facts },
        ] {
            prop_assert!(nutrition_grade(&worse, Category::General).score >= base);
        }
    }
}
