//! Tests for `acwr`: fixtures from `oracle_series.py` (pandas ewm(span) and rolling), then
//! deterministic property-style checks.

use super::super::pmc::DailyLoad;
use super::super::testkit::{close, close_opt, daily_loads, Lcg};
use super::*;
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixture {
    cases: Vec<Case>,
}
#[derive(Deserialize)]
struct Case {
    name: String,
    entries: Vec<DailyLoad>,
    end_day: i64,
    expected: Expected,
}
#[derive(Deserialize)]
struct Expected {
    day: Vec<i64>,
    load: Vec<f64>,
    acute_ewma: Vec<f64>,
    chronic_ewma: Vec<f64>,
    ewma_ratio: Vec<Option<f64>>,
    rolling_coupled: Vec<Option<f64>>,
    rolling_uncoupled: Vec<Option<f64>>,
    warming_up: Vec<bool>,
    trend: Vec<LoadTrend>,
}

#[test]
fn matches_pandas_oracle() {
    let f: Fixture = serde_json::from_str(include_str!("../fixtures/acwr.json")).unwrap();
    assert!(f.cases.len() >= 8);
    for c in &f.cases {
        let got = acwr(&c.entries, c.end_day);
        let e = &c.expected;
        assert_eq!(got.len(), e.day.len(), "{}", c.name);
        for (i, d) in got.iter().enumerate() {
            let n = &c.name;
            assert_eq!(d.day, e.day[i], "{n}");
            assert!(close(d.load, e.load[i], 1e-12), "{n} load {i}");
            assert!(close(d.acute_ewma, e.acute_ewma[i], 1e-10), "{n} acute {i}");
            assert!(close(d.chronic_ewma, e.chronic_ewma[i], 1e-10), "{n} chronic {i}");
            assert!(
                close_opt(d.ewma_ratio, e.ewma_ratio[i], 1e-9),
                "{n} ewma ratio {i}: {:?} vs {:?}",
                d.ewma_ratio,
                e.ewma_ratio[i]
            );
            assert!(close_opt(d.rolling_coupled, e.rolling_coupled[i], 1e-9), "{n} coupled {i}");
            assert!(close_opt(d.rolling_uncoupled, e.rolling_uncoupled[i], 1e-9), "{n} uncoupled {i}");
            assert_eq!((d.warming_up, d.trend), (e.warming_up[i], e.trend[i]), "{n} day {i}");
        }
    }
}

#[test]
fn doc_worked_example_three_methods_disagree() {
    let base = [300.0, 0.0, 450.0, 300.0, 0.0, 500.0, 200.0];
    let mut loads: Vec<f64> = base.iter().cycle().take(21).copied().collect();
    loads.extend(base.iter().map(|v| 2.0 * v));
    let d = &acwr(&daily_loads(&loads), 27)[27];
    assert_eq!(format!("{:.4}", d.ewma_ratio.unwrap()), "1.3486");
    assert_eq!(format!("{:.4}", d.rolling_coupled.unwrap()), "1.6000");
    assert_eq!(format!("{:.4}", d.rolling_uncoupled.unwrap()), "2.0000");
    assert!(!d.warming_up);
    assert_eq!(d.trend, LoadTrend::InLineWithUsual);
    assert!((2.0 / 8.0 - 0.25f64).abs() < 1e-15 && format!("{:.4}", 2.0 / 29.0) == "0.0690");
}

#[test]
fn wording_is_neutral() {
    for t in [
        LoadTrend::WarmingUp,
        LoadTrend::NoChronicLoad,
        LoadTrend::LowerThanUsual,
        LoadTrend::InLineWithUsual,
        LoadTrend::RisingFasterThanUsual,
    ] {
        let l = t.label().to_lowercase();
        assert!(!l.contains("risk") && !l.contains("injur") && !l.contains("danger"), "{l}");
    }
    assert_eq!(LoadTrend::from_ratio(Some(1.51), false), LoadTrend::RisingFasterThanUsual);
    assert_eq!(LoadTrend::from_ratio(Some(1.5), false), LoadTrend::InLineWithUsual);
    assert_eq!(LoadTrend::from_ratio(Some(0.79), false), LoadTrend::LowerThanUsual);
    assert_eq!(LoadTrend::from_ratio(Some(3.0), true), LoadTrend::WarmingUp);
    assert_eq!(LoadTrend::from_ratio(None, false), LoadTrend::NoChronicLoad);
}

#[test]
fn edge_cases() {
    assert!(acwr(&[], 10).is_empty());
    let one = acwr(&[DailyLoad { day: 4, load: 80.0 }], 4);
    assert_eq!((one.len(), one[0].ewma_ratio, one[0].rolling_coupled), (1, Some(1.0), None));
    assert!(one[0].warming_up);
    let zeros = acwr(&daily_loads(&[0.0; 40]), 39);
    assert!(zeros.iter().all(|d| d.ewma_ratio.is_none() && d.rolling_coupled.is_none()));
    assert_eq!(zeros[39].trend, LoadTrend::NoChronicLoad);
}

#[test]
fn property_flat_is_one_scale_free_and_order_free() {
    let mut g = Lcg::new(21);
    for _ in 0..100 {
        let l = g.range(1.0, 200.0);
        let flat = acwr(&daily_loads(&vec![l; 60]), 59);
        for d in &flat[27..] {
            assert!(close(d.ewma_ratio.unwrap(), 1.0, 1e-12) && close(d.rolling_coupled.unwrap(), 1.0, 1e-12));
            assert_eq!(d.trend, LoadTrend::InLineWithUsual);
        }
        let mut rows: Vec<DailyLoad> =
            (0..50).map(|_| DailyLoad { day: g.int(0, 45), load: g.range(0.0, 300.0) }).collect();
        let a = acwr(&rows, 50);
        g.shuffle(&mut rows);
        assert_eq!(a, acwr(&rows, 50));
        let c = g.range(0.5, 4.0);
        let scaled: Vec<DailyLoad> = rows.iter().map(|r| DailyLoad { load: r.load * c, ..*r }).collect();
        for (x, y) in a.iter().zip(acwr(&scaled, 50)) {
            if let (Some(p), Some(q)) = (x.ewma_ratio, y.ewma_ratio) {
                assert!(close(p, q, 1e-9));
            }
        }
    }
}
