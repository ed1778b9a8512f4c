//! Sleep score 0–100 (engine-methods.md §6).
//!
//! - Duration against the age-appropriate need of the National Sleep Foundation (Hirshkowitz
//!   et al. 2015, *Sleep Health* 1:40–43): full marks inside the recommended range, falling
//!   linearly to 0 at 3 h outside it. Children have their own ranges, so the caller passes the
//!   age in whole years from the profile's date of birth (see [`SleepNeed::for_age`]).
//! - Efficiency, latency, wake after sleep onset (WASO) and awakenings > 5 min from the NSF
//!   sleep-quality consensus (Ohayon et al. 2017, *Sleep Health* 3:6–19: latency ≤ 30 min,
//!   ≤ 1 awakening > 5 min, WASO ≤ 20 min, efficiency ≥ 85 %), with Oura's 85 % / 95 %
//!   efficiency marks.
//!
//! | sub-score | weight | scoring |
//! |---|---|---|
//! | duration | 0.40 | 100 inside the NSF range, 0 at ±3 h outside |
//! | efficiency | 0.25 | ≤ 70 % → 0, 85 % → 50, ≥ 95 % → 100, linear between |
//! | latency | 0.10 | ≤ 15 min → 100, ≥ 60 min → 0 |
//! | WASO | 0.15 | ≤ 20 min → 100, ≥ 90 min → 0 |
//! | awakenings > 5 min | 0.10 | ≤ 1 → 100, −25 per extra |
//!
//! Weights are renormalised over the sub-scores that are known; with none known the score is
//! `None`. Sleep stages carry no weight (no consensus on architecture, Ohayon 2017). A value
//! that is negative or not finite, an efficiency above 100 % or a duration above 24 h counts as
//! unknown.

use serde::{Deserialize, Serialize};

use super::stats::{clamp_score, interp};

pub const W_DURATION: f64 = 0.40;
pub const W_EFFICIENCY: f64 = 0.25;
pub const W_LATENCY: f64 = 0.10;
pub const W_WASO: f64 = 0.15;
pub const W_AWAKENINGS: f64 = 0.10;
/// Hours outside the recommended range at which the duration sub-score reaches 0.
pub const DURATION_ZERO_AT_HOURS: f64 = 3.0;

/// NSF age groups (Hirshkowitz 2015).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeGroup {
    Infant,
    Toddler,
    Preschool,
    SchoolAge,
    Teen,
    YoungAdult,
    Adult,
    OlderAdult,
}

/// Recommended hours of sleep per 24 h for an age group.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SleepNeed {
    pub group: AgeGroup,
    pub min_hours: f64,
    pub max_hours: f64,
}

impl SleepNeed {
    /// The NSF range for an age in whole years: 0 → infant 12–15 h (the 4–11-month range; a
    /// newborn's 14–17 h cannot be told apart by whole years), 1–2 → 11–14, 3–5 → 10–13,
    /// 6–13 → 9–11, 14–17 → 8–10, 18–25 and 26–64 → 7–9, 65+ → 7–8.
    pub fn for_age(age_years: u32) -> SleepNeed {
        let (group, min_hours, max_hours) = match age_years {
            0 => (AgeGroup::Infant, 12.0, 15.0),
            1..=2 => (AgeGroup::Toddler, 11.0, 14.0),
            3..=5 => (AgeGroup::Preschool, 10.0, 13.0),
            6..=13 => (AgeGroup::SchoolAge, 9.0, 11.0),
            14..=17 => (AgeGroup::Teen, 8.0, 10.0),
            18..=25 => (AgeGroup::YoungAdult, 7.0, 9.0),
            26..=64 => (AgeGroup::Adult, 7.0, 9.0),
            _ => (AgeGroup::OlderAdult, 7.0, 8.0),
        };
        SleepNeed { group, min_hours, max_hours }
    }
}

/// One night. Unknown values are `None`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SleepInput {
    pub age_years: u32,
    pub total_sleep_minutes: Option<f64>,
    pub efficiency_pct: Option<f64>,
    pub latency_minutes: Option<f64>,
    pub waso_minutes: Option<f64>,
    /// Awakenings longer than 5 minutes.
    pub awakenings: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SleepScore {
    pub score: f64,
    pub need: SleepNeed,
    pub duration: Option<f64>,
    pub efficiency: Option<f64>,
    pub latency: Option<f64>,
    pub waso: Option<f64>,
    pub awakenings: Option<f64>,
    /// Sum of the weights of the known sub-scores (the renormalisation divisor).
    pub weight_total: f64,
}

/// Duration sub-score: 100 inside `need`, linear to 0 at 3 h outside.
pub fn duration_subscore(hours: f64, need: &SleepNeed) -> f64 {
    let outside = if hours < need.min_hours {
        need.min_hours - hours
    } else if hours > need.max_hours {
        hours - need.max_hours
    } else {
        0.0
    };
    clamp_score(100.0 * (1.0 - outside / DURATION_ZERO_AT_HOURS))
}

/// Efficiency sub-score: ≤ 70 % → 0, 85 % → 50, ≥ 95 % → 100.
pub fn efficiency_subscore(pct: f64) -> f64 {
    interp(pct, &[(70.0, 0.0), (85.0, 50.0), (95.0, 100.0)])
}

/// Latency sub-score: ≤ 15 min → 100, ≥ 60 min → 0.
pub fn latency_subscore(minutes: f64) -> f64 {
    interp(minutes, &[(15.0, 100.0), (60.0, 0.0)])
}

/// WASO sub-score: ≤ 20 min → 100, ≥ 90 min → 0.
pub fn waso_subscore(minutes: f64) -> f64 {
    interp(minutes, &[(20.0, 100.0), (90.0, 0.0)])
}

/// Awakenings sub-score: ≤ 1 → 100, −25 per extra awakening, at least 0.
pub fn awakenings_subscore(n: u32) -> f64 {
    clamp_score(100.0 - 25.0 * n.saturating_sub(1) as f64)
}

fn known(v: Option<f64>, max: f64) -> Option<f64> {
    v.filter(|x| x.is_finite() && *x >= 0.0 && *x <= max)
}

/// The night's score, or `None` when nothing about it is known.
pub fn sleep_score(input: &SleepInput) -> Option<SleepScore> {
    let need = SleepNeed::for_age(input.age_years);
    let duration = known(input.total_sleep_minutes, 24.0 * 60.0).map(|m| duration_subscore(m / 60.0, &need));
    let efficiency = known(input.efficiency_pct, 100.0).map(efficiency_subscore);
    let latency = known(input.latency_minutes, f64::INFINITY).map(latency_subscore);
    let waso = known(input.waso_minutes, f64::INFINITY).map(waso_subscore);
    let awakenings = input.awakenings.map(awakenings_subscore);
    let parts = [
        (duration, W_DURATION),
        (efficiency, W_EFFICIENCY),
        (latency, W_LATENCY),
        (waso, W_WASO),
        (awakenings, W_AWAKENINGS),
    ];
    let weight_total: f64 = parts.iter().filter(|p| p.0.is_some()).map(|p| p.1).sum();
    if weight_total == 0.0 {
        return None;
    }
    let weighted: f64 = parts.iter().filter_map(|p| p.0.map(|s| s * p.1)).sum();
    Some(SleepScore {
        score: clamp_score(weighted / weight_total),
        need,
        duration,
        efficiency,
        latency,
        waso,
        awakenings,
        weight_total,
    })
}

#[cfg(test)]
#[path = "tests/sleep.rs"]
mod tests;
