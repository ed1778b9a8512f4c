//! Tests for `load`: fixtures from `tools/oracles/performance/oracle_load.py`, then
//! deterministic property-style checks.

use super::super::testkit::{close, close_opt, Lcg};
use super::*;
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixture {
    banister: Vec<BanisterCase>,
    edwards: Vec<EdwardsCase>,
    edwards_zones: Vec<ZonesCase>,
    strength: Vec<StrengthCase>,
    workouts: Vec<WorkoutCase>,
    classify: Vec<ClassifyCase>,
}
#[derive(Deserialize)]
struct BanisterCase {
    minutes: f64,
    hr_avg: f64,
    hr_rest: f64,
    hr_max: f64,
    sex: Sex,
    trimp: Option<f64>,
}
#[derive(Deserialize)]
struct EdwardsCase {
    zone_minutes: [f64; 5],
    trimp: Option<f64>,
}
#[derive(Deserialize)]
struct ZonesCase {
    samples: Vec<f64>,
    seconds_per_sample: f64,
    hr_max: f64,
    zone_minutes: [f64; 5],
}
#[derive(Deserialize)]
struct StrengthCase {
    logs: Vec<StrengthSet>,
    session_rpe: Option<f64>,
    expected: Option<TrainingLoad>,
}
#[derive(Deserialize)]
struct WorkoutCase {
    input: WorkoutLoadInput,
    expected: Option<TrainingLoad>,
}
#[derive(Deserialize)]
struct ClassifyCase {
    workout_type: Option<WorkoutType>,
    has_strength_sets: bool,
    has_cardio_work: bool,
    load_type: LoadType,
}

fn fixture() -> Fixture {
    serde_json::from_str(include_str!("../fixtures/load.json")).expect("load.json")
}

fn assert_load(got: &Option<TrainingLoad>, want: &Option<TrainingLoad>, what: &str) {
    match (got, want) {
        (None, None) => {}
        (Some(g), Some(w)) => {
            assert_eq!(g.duration_minutes, w.duration_minutes, "{what}: minutes");
            assert!(
                close(g.intensity_factor, w.intensity_factor, 1e-12),
                "{what}: IF {} vs {}",
                g.intensity_factor,
                w.intensity_factor
            );
            assert!(
                close(g.training_load, w.training_load, 1e-12),
                "{what}: load {} vs {}",
                g.training_load,
                w.training_load
            );
            assert!(close(g.raw_value, w.raw_value, 1e-12), "{what}: raw {} vs {}", g.raw_value, w.raw_value);
            assert!(close_opt(g.rpe, w.rpe, 1e-12), "{what}: rpe");
            assert_eq!(
                (g.load_type, g.method, g.trimp_variant, g.rpe_assumed),
                (w.load_type, w.method, w.trimp_variant, w.rpe_assumed),
                "{what}"
            );
        }
        _ => panic!("{what}: got {got:?}, want {want:?}"),
    }
}

#[test]
fn banister_matches_oracle_and_doc() {
    let f = fixture();
    for c in &f.banister {
        let got = banister_trimp(c.minutes, c.hr_avg, c.hr_rest, c.hr_max, c.sex);
        assert!(close_opt(got, c.trimp, 1e-12), "{:?} vs {:?}", got, c.trimp);
    }
    // engine-methods.md §1 worked examples.
    assert_eq!(format!("{:.3}", banister_trimp(60.0, 150.0, 50.0, 190.0, Sex::Male).unwrap()), "108.095");
    assert_eq!(format!("{:.3}", banister_trimp(60.0, 150.0, 50.0, 190.0, Sex::Female).unwrap()), "121.499");
}

#[test]
fn edwards_matches_oracle() {
    let f = fixture();
    for c in &f.edwards {
        assert!(close_opt(edwards_trimp(&c.zone_minutes), c.trimp, 1e-12));
    }
    assert_eq!(edwards_trimp(&[10.0, 20.0, 15.0, 10.0, 5.0]), Some(160.0));
    for c in &f.edwards_zones {
        let got = edwards_zone_minutes(&c.samples, c.seconds_per_sample, c.hr_max);
        for (g, w) in got.iter().zip(&c.zone_minutes) {
            assert!(close(*g, *w, 1e-12), "{got:?} vs {:?}", c.zone_minutes);
        }
    }
}

#[test]
fn strength_and_workouts_match_oracle() {
    let f = fixture();
    for (i, c) in f.strength.iter().enumerate() {
        assert_load(
            &strength_sets_load(&c.logs, c.session_rpe, LoadType::Strength),
            &c.expected,
            &format!("strength #{i}"),
        );
    }
    for (i, c) in f.workouts.iter().enumerate() {
        assert_load(&workout_load(&c.input), &c.expected, &format!("workout #{i}"));
    }
    for c in &f.classify {
        assert_eq!(classify_load_type(c.workout_type, c.has_strength_sets, c.has_cardio_work), c.load_type);
    }
}

#[test]
fn srpe_doc_example_and_schema_identity() {
    let l = srpe_load(45, 7.0, LoadType::Cardio).unwrap();
    assert_eq!(l.raw_value, 315.0);
    assert_eq!(l.intensity_factor, 0.7);
    assert!(close(l.training_load, 31.5, 1e-12));
    assert_eq!(serde_json::to_value(l.method).unwrap(), "srpe");
    assert_eq!(serde_json::to_value(LoadMethod::StrengthSets).unwrap(), "strength_sets");
    assert_eq!(serde_json::to_value(LoadMethod::ManualIf).unwrap(), "manual_if");
    assert_eq!(LoadType::Mixed.as_str(), "mixed");
    assert!(srpe_load(45, 10.5, LoadType::Cardio).is_none());
    assert!(srpe_load(45, f64::NAN, LoadType::Cardio).is_none());
    assert!(manual_if_load(30, -0.1, LoadType::Cardio).is_none());
    assert!(trimp_load(0, 50.0, TrimpVariant::Banister, LoadType::Cardio).is_none());
}

#[test]
fn property_every_method_keeps_intensity_in_0_1_and_the_product() {
    let mut g = Lcg::new(1);
    for _ in 0..2000 {
        let minutes = g.int(1, 300) as u32;
        let lt = LoadType::Cardio;
        let rest = g.range(35.0, 80.0);
        let max = g.range(rest + 40.0, 215.0);
        let sex = if g.int(0, 1) == 0 { Sex::Male } else { Sex::Female };
        let t = banister_trimp(minutes as f64, g.range(20.0, 240.0), rest, max, sex).unwrap();
        let mut zones = [0.0; 5];
        let mut left = minutes as f64;
        for z in zones.iter_mut() {
            *z = g.range(0.0, left);
            left -= *z;
        }
        let loads = [
            srpe_load(minutes, g.range(0.0, 10.0), lt).unwrap(),
            manual_if_load(minutes, g.range(0.0, 1.0), lt).unwrap(),
            trimp_load(minutes, t, TrimpVariant::Banister, lt).unwrap(),
            trimp_load(minutes, edwards_trimp(&zones).unwrap(), TrimpVariant::Edwards, lt).unwrap(),
        ];
        for l in &loads {
            assert!((0.0..=1.0).contains(&l.intensity_factor), "{l:?}");
            assert!(close(l.training_load, l.duration_minutes as f64 * l.intensity_factor, 1e-12));
        }
    }
}

#[test]
fn property_monotone_in_inputs() {
    let mut g = Lcg::new(2);
    for _ in 0..1000 {
        let (rest, max) = (g.range(40.0, 70.0), g.range(170.0, 205.0));
        let (h1, h2) = (g.range(30.0, 220.0), g.range(30.0, 220.0));
        let (lo, hi) = if h1 <= h2 { (h1, h2) } else { (h2, h1) };
        for sex in [Sex::Male, Sex::Female] {
            assert!(banister_trimp(60.0, lo, rest, max, sex) <= banister_trimp(60.0, hi, rest, max, sex));
            assert!(banister_trimp(30.0, hi, rest, max, sex) <= banister_trimp(90.0, hi, rest, max, sex));
        }
        let (r1, r2) = (g.range(0.0, 10.0), g.range(0.0, 10.0));
        let d = g.int(0, 200) as u32;
        let a = srpe_load(d, r1.min(r2), LoadType::Cardio).unwrap().training_load;
        let b = srpe_load(d, r1.max(r2), LoadType::Cardio).unwrap().training_load;
        assert!(a <= b);
        let base = StrengthSet { sets: g.int(1, 6) as u32, reps: g.int(1, 15) as u32, rpe: Some(r1.min(r2)) };
        let harder = StrengthSet { rpe: Some(r1.max(r2)), ..base };
        let more = StrengthSet { reps: base.reps + 3, ..base };
        let l0 = strength_sets_load(&[base], None, LoadType::Strength).unwrap().training_load;
        // (n·rpe)/n may differ from rpe in the last bit, hence the 1e-12.
        assert!(l0 <= strength_sets_load(&[harder], None, LoadType::Strength).unwrap().training_load + 1e-12);
        assert!(l0 <= strength_sets_load(&[more], None, LoadType::Strength).unwrap().training_load + 1e-12);
    }
}

#[test]
fn property_order_of_rows_does_not_matter() {
    let mut g = Lcg::new(3);
    for _ in 0..300 {
        let n = g.int(1, 8) as usize;
        let mut logs: Vec<StrengthSet> = (0..n)
            .map(|_| StrengthSet {
                sets: g.int(0, 6) as u32,
                reps: g.int(0, 20) as u32,
                rpe: if g.int(0, 3) == 0 { None } else { Some(g.range(1.0, 10.0)) },
            })
            .collect();
        let a = strength_sets_load(&logs, Some(6.0), LoadType::Strength);
        g.shuffle(&mut logs);
        let b = strength_sets_load(&logs, Some(6.0), LoadType::Strength);
        match (a, b) {
            (None, None) => {}
            (Some(a), Some(b)) => {
                assert_eq!(a.duration_minutes, b.duration_minutes);
                assert!(close(a.training_load, b.training_load, 1e-12) && close(a.raw_value, b.raw_value, 1e-12));
            }
            other => panic!("{other:?}"),
        }
        let mut samples: Vec<f64> = (0..60).map(|_| g.range(60.0, 200.0)).collect();
        let z1 = edwards_zone_minutes(&samples, 5.0, 195.0);
        g.shuffle(&mut samples);
        let z2 = edwards_zone_minutes(&samples, 5.0, 195.0);
        assert!(z1.iter().zip(&z2).all(|(a, b)| close(*a, *b, 1e-12)));
    }
}

#[test]
fn zone_minutes_from_a_timed_series_weight_each_sample_until_the_next() {
    // 30 min session, a sample every 60 s: 15 at 130 bpm then 15 at 170 bpm, HRmax 190.
    let start = 1_000_000;
    let samples: Vec<(i64, f64)> = (0..30).map(|i| (start + i * 60, if i < 15 { 130.0 } else { 170.0 })).collect();
    let z = hr_zone_minutes_from_series(&samples, start, start + 1800, 190.0).unwrap();
    // 130/190 = 68 % → zone 2; 170/190 = 89 % → zone 4.
    assert_eq!(z, [0.0, 15.0, 0.0, 15.0, 0.0]);
    assert_eq!(edwards_trimp(&z), Some(15.0 * 2.0 + 15.0 * 4.0));
    // Order does not matter; samples outside the session are ignored.
    let mut shuffled = samples.clone();
    shuffled.reverse();
    shuffled.push((start - 600, 190.0));
    shuffled.push((start + 4000, 190.0));
    assert_eq!(hr_zone_minutes_from_series(&shuffled, start, start + 1800, 190.0), Some(z));
}

#[test]
fn sparse_or_gappy_series_are_not_used_and_gaps_are_capped() {
    let start = 0;
    // Three spot readings in an hour: far below half coverage.
    let spots = [(0, 150.0), (1200, 150.0), (2400, 150.0)];
    assert_eq!(hr_zone_minutes_from_series(&spots, start, 3600, 190.0), None);
    // Every 120 s for an hour: each sample counts 120 s at most, coverage is full.
    let even: Vec<(i64, f64)> = (0..30).map(|i| (i * 120, 150.0)).collect();
    let z = hr_zone_minutes_from_series(&even, start, 3600, 190.0).unwrap();
    assert!((z.iter().sum::<f64>() - 60.0).abs() < 1e-9);
    assert_eq!(hr_zone_minutes_from_series(&even, 3600, 3600, 190.0), None, "no duration");
    assert_eq!(hr_zone_minutes_from_series(&even, start, 3600, 0.0), None, "no maximum");
}

#[test]
fn hr_max_is_tanakas_estimate_unless_a_higher_one_was_recorded() {
    assert_eq!(hr_max_estimate(Some(40), None), Some(180.0));
    assert_eq!(hr_max_estimate(Some(40), Some(192.0)), Some(192.0));
    assert_eq!(hr_max_estimate(Some(40), Some(170.0)), Some(180.0), "a lower reading is not a maximum");
    assert_eq!(hr_max_estimate(None, Some(185.0)), Some(185.0));
    assert_eq!(hr_max_estimate(None, Some(400.0)), None, "an implausible reading is ignored");
    assert_eq!(hr_max_estimate(None, None), None);
}
