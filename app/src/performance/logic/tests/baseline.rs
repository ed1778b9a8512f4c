//! Tests for `baseline`: fixtures from `oracle_series.py` (numpy log/mean/std(ddof=1)/polyfit),
//! then deterministic property-style checks.

use super::super::testkit::{close_opt, Lcg};
use super::*;
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixture {
    cases: Vec<Case>,
}
#[derive(Deserialize)]
struct Case {
    name: String,
    metric: BaselineMetric,
    as_of: i64,
    observations: Vec<Observation>,
    expected: Expected,
}
#[derive(Deserialize)]
struct Expected {
    capture_start: i64,
    capture_end: i64,
    data_points_count: u32,
    span_days: i64,
    baseline_value: Option<f64>,
    mean: Option<f64>,
    sd: Option<f64>,
    sd_used: Option<f64>,
    normal_low: Option<f64>,
    normal_high: Option<f64>,
    normal_low_natural: Option<f64>,
    normal_high_natural: Option<f64>,
    latest: Option<f64>,
    trend_per_week: Option<f64>,
    current_mean: Option<f64>,
    current_count: u32,
    calibration_status: CalibrationStatus,
    is_complete: bool,
}

fn obs(values: &[f64], start: i64) -> Vec<Observation> {
    values.iter().enumerate().map(|(i, &value)| Observation { day: start + i as i64, value }).collect()
}

#[test]
fn matches_numpy_oracle() {
    let f: Fixture = serde_json::from_str(include_str!("../fixtures/baseline.json")).unwrap();
    assert!(f.cases.len() >= 14);
    for c in &f.cases {
        let b = compute_baseline(c.metric, &c.observations, c.as_of);
        let (e, n) = (&c.expected, &c.name);
        assert_eq!(
            (b.capture_start, b.capture_end, b.data_points_count, b.span_days),
            (e.capture_start, e.capture_end, e.data_points_count, e.span_days),
            "{n}"
        );
        assert_eq!(
            (b.calibration_status, b.is_complete, b.current_count),
            (e.calibration_status, e.is_complete, e.current_count),
            "{n}"
        );
        let pairs = [
            ("baseline_value", b.baseline_value, e.baseline_value),
            ("mean", b.mean, e.mean),
            ("sd", b.sd, e.sd),
            ("sd_used", b.sd_used, e.sd_used),
            ("normal_low", b.normal_low, e.normal_low),
            ("normal_high", b.normal_high, e.normal_high),
            ("normal_low_natural", b.normal_low_natural, e.normal_low_natural),
            ("normal_high_natural", b.normal_high_natural, e.normal_high_natural),
            ("latest", b.latest, e.latest),
            ("current_mean", b.current_mean, e.current_mean),
        ];
        for (what, g, w) in pairs {
            assert!(close_opt(g, w, 1e-10), "{n} {what}: {g:?} vs {w:?}");
        }
        assert!(
            close_opt(b.trend_per_week, e.trend_per_week, 1e-8),
            "{n} trend {:?} vs {:?}",
            b.trend_per_week,
            e.trend_per_week
        );
    }
}

#[test]
fn hrv_doc_worked_example() {
    let mut v = vec![52.0, 58.0, 61.0, 49.0, 55.0, 60.0, 57.0, 53.0, 59.0, 62.0, 50.0, 56.0, 54.0, 58.0];
    v.extend([54.0, 52.0, 55.0, 53.0, 51.0, 56.0, 52.0]);
    let b = compute_baseline(BaselineMetric::Hrv, &obs(&v, 0), 20);
    let f4 = |x: Option<f64>| format!("{:.4}", x.unwrap());
    assert_eq!((f4(b.mean), f4(b.sd), f4(b.current_mean)), ("4.0229".into(), "0.0727".into(), "3.9752".into()));
    let f1 = |x: Option<f64>| format!("{:.1}", x.unwrap());
    assert_eq!((f1(b.normal_low_natural), f1(b.normal_high_natural)), ("53.9".into(), "57.9".into()));
    let z = (b.current_mean.unwrap() - b.mean.unwrap()) / b.sd_used.unwrap();
    assert_eq!(format!("{z:.4}"), "-0.6567");
    assert!(z < -NORMAL_RANGE_SD, "below the smallest worthwhile change");
    assert_eq!(b.calibration_status, CalibrationStatus::Complete);
    assert_eq!(b.reference().unwrap().calibration_status, CalibrationStatus::Complete);
}

#[test]
fn rules_table_and_names() {
    for m in BaselineMetric::ALL {
        assert_eq!(BaselineMetric::parse(m.as_str()), Some(m));
        assert_eq!(serde_json::to_value(m).unwrap(), m.as_str());
    }
    let r = BaselineMetric::Hrv.rule();
    assert_eq!((r.window_days, r.min_points, r.min_span_days, r.ln_transform, r.sd_floor), (60, 14, 14, true, 0.05));
    assert_eq!(BaselineMetric::RestingHr.rule().sd_floor, 1.5);
    assert_eq!(BaselineMetric::Vo2max.rule().window_days, 180);
    assert_eq!(serde_json::to_value(CalibrationStatus::InProgress).unwrap(), "in_progress");
    let none = compute_baseline(BaselineMetric::Stress, &[], 0);
    assert_eq!((none.calibration_status, none.reference()), (CalibrationStatus::Pending, None));
}

fn rank(s: CalibrationStatus) -> u8 {
    match s {
        CalibrationStatus::Pending => 0,
        CalibrationStatus::InProgress => 1,
        CalibrationStatus::Complete => 2,
    }
}

#[test]
fn property_order_free_more_data_never_lowers_status_floors_hold() {
    let mut g = Lcg::new(31);
    for round in 0..300 {
        let m = BaselineMetric::ALL[round % 5];
        let (lo, hi) = m.valid_range();
        let as_of = 100;
        let n = g.int(0, 70) as usize;
        let mut o: Vec<Observation> = (0..n)
            .map(|_| Observation { day: g.int(as_of - 200, as_of), value: g.range(lo.max(1.0), hi.min(90.0)) })
            .collect();
        let a = compute_baseline(m, &o, as_of);
        g.shuffle(&mut o);
        assert_eq!(a, compute_baseline(m, &o, as_of), "{m:?}");
        if let (Some(sd), Some(used)) = (a.sd, a.sd_used) {
            assert!(used >= m.rule().sd_floor && used >= sd);
            assert!(a.normal_low.unwrap() <= a.mean.unwrap() && a.mean.unwrap() <= a.normal_high.unwrap());
        }
        o.push(Observation { day: g.int(a.capture_start, a.capture_end), value: g.range(lo.max(1.0), hi.min(90.0)) });
        let b = compute_baseline(m, &o, as_of);
        assert!(rank(b.calibration_status) >= rank(a.calibration_status), "{m:?}");
        assert!(b.data_points_count >= a.data_points_count);
    }
}

#[test]
fn property_hrv_scale_shifts_ln_mean_only() {
    let mut g = Lcg::new(32);
    for _ in 0..100 {
        let v: Vec<f64> = (0..30).map(|_| g.range(20.0, 120.0)).collect();
        let c = g.range(0.5, 2.0);
        let a = compute_baseline(BaselineMetric::Hrv, &obs(&v, 0), 40);
        let scaled: Vec<f64> = v.iter().map(|x| x * c).collect();
        let b = compute_baseline(BaselineMetric::Hrv, &obs(&scaled, 0), 40);
        assert!((b.mean.unwrap() - a.mean.unwrap() - c.ln()).abs() < 1e-12);
        assert!((b.sd.unwrap() - a.sd.unwrap()).abs() < 1e-12);
    }
}

#[test]
fn property_the_relevant_slice_gives_the_same_baseline_as_every_reading() {
    let mut g = Lcg::new(33);
    for round in 0..300 {
        let m = BaselineMetric::ALL[round % 5];
        let (lo, hi) = m.valid_range();
        let n = g.int(0, 400) as usize;
        let mut o: Vec<Observation> =
            (0..n).map(|_| Observation { day: g.int(-300, 300), value: g.range(lo.max(1.0), hi.min(90.0)) }).collect();
        o.sort_by(|a, b| a.day.cmp(&b.day).then(a.value.total_cmp(&b.value)));
        let as_of = g.int(-320, 320);
        let slice = relevant(m, &o, as_of);
        assert!(slice.len() <= o.len());
        assert!(slice.iter().all(|r| r.day <= as_of && r.day > as_of - 200), "{m:?} {as_of}");
        assert_eq!(compute_baseline(m, slice, as_of), compute_baseline(m, &o, as_of), "{m:?} as of {as_of}");
    }
}
