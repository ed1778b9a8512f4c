//! The recompute plan: from one profile's workouts and health metrics to the
//! engine rows (training loads, baselines, daily recovery scores). Pure: the
//! database side (`recompute`) only reads the inputs and writes the plan.
//!
//! Days are day numbers (days since 1970-01-01, UTC). Sleep is the `sleep`
//! metric in hours; HRV is rMSSD in ms; stress is 0–100.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::logic::baseline::{compute_baseline, relevant, Baseline, BaselineMetric, Observation};
use super::logic::load::{
    hr_max_estimate, hr_zone_minutes_from_series, workout_load, StrengthSet, TrainingLoad, WorkoutLoadInput,
    WorkoutType,
};
use super::logic::pmc::{pmc, DailyLoad, PmcDay};
use super::logic::recovery::{recovery_score, RecoveryInput, RecoveryScore};
use super::logic::sleep::{sleep_score, SleepInput};

/// Used for the sleep need when the profile has no date of birth.
pub const ADULT_AGE_WHEN_UNKNOWN: u32 = 30;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WorkoutFacts {
    pub id: Uuid,
    pub day: i64,
    pub workout_type: Option<WorkoutType>,
    pub duration_minutes: Option<u32>,
    pub session_rpe: Option<f64>,
    pub sets: Vec<StrengthSet>,
    pub has_cardio_work: bool,
    /// Session start and end (unix seconds), when its end time and duration are known.
    pub window_s: Option<(i64, i64)>,
    /// Heart-rate samples `(unix seconds, bpm)` recorded during the session (devices).
    pub hr_samples: Vec<(i64, f64)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetricFact {
    pub metric_type: String,
    pub day: i64,
    pub value: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Inputs {
    /// Whole years on each scored day is overkill; the age on the last day is used.
    pub age_years: Option<u32>,
    pub workouts: Vec<WorkoutFacts>,
    pub metrics: Vec<MetricFact>,
    /// The highest heart rate recorded in the last year, for the HRmax estimate.
    pub hr_max_observed: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoadRow {
    pub workout_id: Uuid,
    pub day: i64,
    pub load: TrainingLoad,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecoveryRow {
    pub day: i64,
    pub score: RecoveryScore,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Every workout with a computable load (all history: the PMC needs it).
    pub loads: Vec<LoadRow>,
    /// Each metric's baseline as of the last day, where it has any data.
    pub baselines: Vec<Baseline>,
    /// Days in the range with a score; other days in the range have none.
    pub recovery: Vec<RecoveryRow>,
}

fn observations(metrics: &[MetricFact], metric_type: &str) -> Vec<Observation> {
    let mut obs: Vec<Observation> = metrics
        .iter()
        .filter(|m| m.metric_type == metric_type && m.value.is_finite())
        .map(|m| Observation { day: m.day, value: m.value })
        .collect();
    obs.sort_by(|a, b| a.day.cmp(&b.day).then(a.value.total_cmp(&b.value)));
    obs
}

/// The mean of a metric's readings on one day (several readings average).
fn on_day(obs: &[Observation], day: i64) -> Option<f64> {
    let start = obs.partition_point(|o| o.day < day);
    let same: Vec<f64> = obs[start..].iter().take_while(|o| o.day == day).map(|o| o.value).collect();
    (!same.is_empty()).then(|| same.iter().sum::<f64>() / same.len() as f64)
}

/// Computes everything for `from..=to`. Input order does not matter.
pub fn plan(inputs: &Inputs, from: i64, to: i64) -> Plan {
    let mut workouts = inputs.workouts.clone();
    workouts.sort_by_key(|w| (w.day, w.id));
    let hr_max = hr_max_estimate(inputs.age_years, inputs.hr_max_observed);
    let loads: Vec<LoadRow> = workouts
        .iter()
        .filter(|w| w.day <= to)
        .filter_map(|w| {
            let input = WorkoutLoadInput {
                workout_type: w.workout_type,
                duration_minutes: w.duration_minutes,
                session_rpe: w.session_rpe,
                strength_sets: w.sets.clone(),
                has_cardio_work: w.has_cardio_work,
                hr_zone_minutes: match (w.window_s, hr_max) {
                    (Some((start, end)), Some(max)) if !w.hr_samples.is_empty() => {
                        hr_zone_minutes_from_series(&w.hr_samples, start, end, max)
                    }
                    _ => None,
                },
                ..Default::default()
            };
            workout_load(&input).map(|load| LoadRow { workout_id: w.id, day: w.day, load })
        })
        .collect();

    let daily: Vec<DailyLoad> = loads.iter().map(|l| DailyLoad { day: l.day, load: l.load.training_load }).collect();
    let pmc_days: Vec<PmcDay> = pmc(&daily, to, None);
    let pmc_on = |day: i64| pmc_days.binary_search_by_key(&day, |p| p.day).ok().map(|i| &pmc_days[i]);

    let age = inputs.age_years.unwrap_or(ADULT_AGE_WHEN_UNKNOWN);
    let hrv = observations(&inputs.metrics, "hrv");
    let rhr = observations(&inputs.metrics, "resting_hr");
    let stress = observations(&inputs.metrics, "stress");
    let vo2 = observations(&inputs.metrics, "vo2max");
    let sleep_hours = observations(&inputs.metrics, "sleep");
    let sleep_scores: Vec<Observation> = sleep_hours
        .iter()
        .filter_map(|o| {
            let input = SleepInput { age_years: age, total_sleep_minutes: Some(o.value * 60.0), ..Default::default() };
            sleep_score(&input).map(|s| Observation { day: o.day, value: s.score })
        })
        .collect();

    let mut recovery = Vec::new();
    for day in from..=to {
        // Each day reads only its windows' readings (`hrv` and `rhr` are sorted by day).
        let hrv_baseline = compute_baseline(BaselineMetric::Hrv, relevant(BaselineMetric::Hrv, &hrv, day), day);
        let rhr_baseline =
            compute_baseline(BaselineMetric::RestingHr, relevant(BaselineMetric::RestingHr, &rhr, day), day);
        let mut input = RecoveryInput::default().with_hrv(&hrv_baseline).with_rhr(on_day(&rhr, day), &rhr_baseline);
        input.sleep_score = on_day(&sleep_scores, day);
        input.stress = on_day(&stress, day);
        if let Some(yesterday) = pmc_on(day - 1) {
            input = input.with_pmc(yesterday);
        }
        let score = recovery_score(&input);
        if score.recovery_score.is_some() {
            recovery.push(RecoveryRow { day, score });
        }
    }

    let baselines = [
        (BaselineMetric::Vo2max, &vo2),
        (BaselineMetric::RestingHr, &rhr),
        (BaselineMetric::Hrv, &hrv),
        (BaselineMetric::Stress, &stress),
        (BaselineMetric::SleepQuality, &sleep_scores),
    ]
    .into_iter()
    .map(|(metric, obs)| compute_baseline(metric, obs, to))
    .filter(|b| b.baseline_value.is_some())
    .collect();

    Plan { loads, baselines, recovery }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic household member: 120 days of resting HR, HRV, sleep
    /// and stress with a weekly rhythm, and three RPE-rated workouts a week.
    pub fn sample(days: i64) -> Inputs {
        let mut metrics = Vec::new();
        let mut workouts = Vec::new();
        for d in 0..days {
            let wiggle = ((d * 7919) % 13) as f64 / 13.0;
            metrics.push(MetricFact { metric_type: "resting_hr".into(), day: d, value: 55.0 + 3.0 * wiggle });
            metrics.push(MetricFact { metric_type: "hrv".into(), day: d, value: 50.0 + 12.0 * wiggle });
            metrics.push(MetricFact { metric_type: "sleep".into(), day: d, value: 6.5 + 1.5 * wiggle });
            metrics.push(MetricFact { metric_type: "stress".into(), day: d, value: 20.0 + 30.0 * wiggle });
            if d % 7 == 1 || d % 7 == 3 || d % 7 == 5 {
                workouts.push(WorkoutFacts {
                    id: Uuid::from_u128(d as u128 + 1),
                    day: d,
                    workout_type: Some(WorkoutType::Cardio),
                    duration_minutes: Some(30 + (d % 4) as u32 * 10),
                    session_rpe: Some(4.0 + (d % 5) as f64),
                    sets: vec![],
                    has_cardio_work: true,
                    ..Default::default()
                });
            }
        }
        Inputs { age_years: Some(38), workouts, metrics, hr_max_observed: None }
    }

    #[test]
    fn a_device_session_without_rpe_gets_an_edwards_trimp_from_its_heart_rate() {
        let end = 20_000 * 86_400 + 12 * 3600;
        let start = end - 40 * 60;
        // 40 min at 150 bpm every 30 s; age 40 → HRmax 180 → 83 % → zone 4 (weight 4).
        let samples: Vec<(i64, f64)> = (0..80).map(|i| (start + i * 30, 150.0)).collect();
        let device = WorkoutFacts {
            id: Uuid::from_u128(1),
            day: 20_000,
            workout_type: Some(WorkoutType::Cardio),
            duration_minutes: Some(40),
            window_s: Some((start, end)),
            hr_samples: samples.clone(),
            ..Default::default()
        };
        let rated = WorkoutFacts { id: Uuid::from_u128(2), session_rpe: Some(6.0), ..device.clone() };
        let unknown_age = Inputs { age_years: None, workouts: vec![device.clone()], ..Default::default() };
        assert!(plan(&unknown_age, 20_000, 20_000).loads.is_empty(), "no HRmax, no TRIMP, no other method");
        let inputs = Inputs { age_years: Some(40), workouts: vec![device, rated], ..Default::default() };
        let p = plan(&inputs, 20_000, 20_000);
        let trimp = &p.loads.iter().find(|l| l.workout_id == Uuid::from_u128(1)).unwrap().load;
        assert_eq!(trimp.method, super::super::logic::load::LoadMethod::Trimp);
        assert!((trimp.training_load - 40.0 * 4.0 / 10.0).abs() < 1e-9, "{trimp:?}");
        let srpe = &p.loads.iter().find(|l| l.workout_id == Uuid::from_u128(2)).unwrap().load;
        assert_eq!(srpe.method, super::super::logic::load::LoadMethod::Srpe, "the person's rating comes first");
        // A recorded maximum above the estimate moves the zones: 150/200 = 75 % → zone 3.
        let observed = Inputs { hr_max_observed: Some(200.0), ..inputs };
        let p = plan(&observed, 20_000, 20_000);
        let trimp = &p.loads.iter().find(|l| l.workout_id == Uuid::from_u128(1)).unwrap().load;
        assert!((trimp.training_load - 40.0 * 3.0 / 10.0).abs() < 1e-9, "{trimp:?}");
    }

    #[test]
    fn a_calibrated_profile_gets_loads_baselines_and_scores_in_range() {
        let p = plan(&sample(120), 90, 119);
        assert_eq!(p.loads.len(), sample(120).workouts.len());
        for l in &p.loads {
            let w = sample(120).workouts.into_iter().find(|w| w.id == l.workout_id).unwrap();
            let expected = w.duration_minutes.unwrap() as f64 * w.session_rpe.unwrap() / 10.0;
            assert!((l.load.training_load - expected).abs() < 1e-9);
        }
        assert_eq!(p.recovery.len(), 30, "every day in the range is scored once calibrated");
        for r in &p.recovery {
            let s = r.score.recovery_score.unwrap();
            assert!((0.0..=100.0).contains(&s), "{s}");
        }
        let metrics: Vec<&str> = p.baselines.iter().map(|b| b.metric.as_str()).collect();
        for m in ["resting_hr", "hrv", "stress", "sleep_quality"] {
            assert!(metrics.contains(&m), "{m} in {metrics:?}");
        }
    }

    #[test]
    fn no_data_means_no_rows() {
        assert_eq!(plan(&Inputs::default(), 0, 30), Plan::default());
    }

    #[test]
    fn the_first_days_are_not_scored_before_calibration() {
        let p = plan(&sample(120), 0, 10);
        assert!(p.recovery.is_empty(), "ten days are not enough for a resting-HR or HRV baseline");
    }

    #[test]
    fn input_order_does_not_matter() {
        let inputs = sample(100);
        let mut shuffled = inputs.clone();
        shuffled.metrics.reverse();
        shuffled.workouts.reverse();
        assert_eq!(plan(&inputs, 80, 99), plan(&shuffled, 80, 99));
    }
}
