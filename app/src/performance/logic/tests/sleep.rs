//! Tests for `sleep`: fixtures from `oracle_scores.py` (numpy.interp), band edges and the NSF
//! age boundaries, then deterministic property-style checks.

use super::super::testkit::{close, close_opt, Lcg};
use super::*;
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixture {
    cases: Vec<Case>,
}
#[derive(Deserialize)]
struct Case {
    name: String,
    input: SleepInput,
    expected: Expected,
}
#[derive(Deserialize)]
struct Expected {
    score: Option<f64>,
    need: SleepNeed,
    duration: Option<f64>,
    efficiency: Option<f64>,
    latency: Option<f64>,
    waso: Option<f64>,
    awakenings: Option<f64>,
    weight_total: f64,
}

#[test]
fn matches_oracle() {
    let f: Fixture = serde_json::from_str(include_str!("../fixtures/sleep.json")).unwrap();
    assert!(f.cases.len() >= 25);
    for c in &f.cases {
        let e = &c.expected;
        assert_eq!(SleepNeed::for_age(c.input.age_years), e.need, "{}", c.name);
        let Some(s) = sleep_score(&c.input) else {
            assert!(e.score.is_none(), "{}", c.name);
            continue;
        };
        let n = &c.name;
        assert!(close_opt(Some(s.score), e.score, 1e-12), "{n}: {} vs {:?}", s.score, e.score);
        assert!(close(s.weight_total, e.weight_total, 1e-12), "{n}");
        for (what, g, w) in [
            ("duration", s.duration, e.duration),
            ("efficiency", s.efficiency, e.efficiency),
            ("latency", s.latency, e.latency),
            ("waso", s.waso, e.waso),
            ("awakenings", s.awakenings, e.awakenings),
        ] {
            assert!(close_opt(g, w, 1e-12), "{n} {what}: {g:?} vs {w:?}");
        }
    }
}

#[test]
fn band_edges_and_age_boundaries() {
    assert_eq!(efficiency_subscore(85.0), 50.0);
    assert_eq!((efficiency_subscore(70.0), efficiency_subscore(95.0), efficiency_subscore(100.0)), (0.0, 100.0, 100.0));
    assert_eq!((latency_subscore(15.0), latency_subscore(60.0)), (100.0, 0.0));
    assert_eq!((waso_subscore(20.0), waso_subscore(90.0)), (100.0, 0.0));
    assert_eq!((awakenings_subscore(1), awakenings_subscore(2), awakenings_subscore(5)), (100.0, 75.0, 0.0));
    let only_eff = SleepInput { age_years: 30, efficiency_pct: Some(85.0), ..Default::default() };
    assert_eq!(sleep_score(&only_eff).unwrap().score, 50.0);
    assert_eq!(sleep_score(&SleepInput { age_years: 30, ..Default::default() }), None);
    let hours = |a: u32| {
        let n = SleepNeed::for_age(a);
        (n.min_hours, n.max_hours)
    };
    assert_eq!(
        [hours(5), hours(6), hours(13), hours(14), hours(17), hours(18)],
        [(10.0, 13.0), (9.0, 11.0), (9.0, 11.0), (8.0, 10.0), (8.0, 10.0), (7.0, 9.0)]
    );
    assert_eq!(
        [hours(64), hours(65), hours(0), hours(2), hours(3)],
        [(7.0, 9.0), (7.0, 8.0), (12.0, 15.0), (11.0, 14.0), (10.0, 13.0)]
    );
    let adult = SleepNeed::for_age(40);
    assert_eq!(
        (duration_subscore(7.0, &adult), duration_subscore(9.0, &adult), duration_subscore(4.0, &adult)),
        (100.0, 100.0, 0.0)
    );
    assert!(close(duration_subscore(5.5, &adult), 50.0, 1e-12) && close(duration_subscore(10.5, &adult), 50.0, 1e-12));
    // The same 8 h night is short for a 7-year-old and full marks for an adult.
    assert!(duration_subscore(8.0, &SleepNeed::for_age(7)) < duration_subscore(8.0, &adult));
}

fn random_night(g: &mut Lcg) -> SleepInput {
    let mut pick = |p: i64, lo: f64, hi: f64| if g.int(0, 3) < p { Some(g.range(lo, hi)) } else { None };
    let total = pick(3, 0.0, 1000.0);
    let eff = pick(3, 40.0, 100.0);
    let lat = pick(2, 0.0, 120.0);
    let waso = pick(2, 0.0, 150.0);
    SleepInput {
        age_years: g.int(0, 100) as u32,
        total_sleep_minutes: total,
        efficiency_pct: eff,
        latency_minutes: lat,
        waso_minutes: waso,
        awakenings: if g.int(0, 1) == 0 { Some(g.int(0, 8) as u32) } else { None },
    }
}

#[test]
fn property_in_range_and_monotone() {
    let mut g = Lcg::new(41);
    for _ in 0..3000 {
        let n = random_night(&mut g);
        let Some(s) = sleep_score(&n) else {
            continue;
        };
        assert!((0.0..=100.0).contains(&s.score));
        let score = |m: SleepInput| sleep_score(&m).unwrap().score;
        let d = g.range(0.0, 30.0);
        if let Some(e) = n.efficiency_pct {
            assert!(score(SleepInput { efficiency_pct: Some((e + d).min(100.0)), ..n }) >= s.score - 1e-12);
        }
        if let Some(l) = n.latency_minutes {
            assert!(score(SleepInput { latency_minutes: Some(l + d), ..n }) <= s.score + 1e-12);
        }
        if let Some(w) = n.waso_minutes {
            assert!(score(SleepInput { waso_minutes: Some(w + d), ..n }) <= s.score + 1e-12);
        }
        if let Some(a) = n.awakenings {
            assert!(score(SleepInput { awakenings: Some(a + 1), ..n }) <= s.score + 1e-12);
        }
        if let Some(t) = n.total_sleep_minutes {
            let need = SleepNeed::for_age(n.age_years);
            if t / 60.0 < need.min_hours {
                let more = (t + d).min(need.min_hours * 60.0);
                assert!(score(SleepInput { total_sleep_minutes: Some(more), ..n }) >= s.score - 1e-12);
            }
        }
    }
}
