//! Fitness (CTL), fatigue (ATL) and form (TSB), engine-methods.md §2.
//!
//! The recursion is GoldenCheetah's Performance Manager, `PMCData::refresh` in
//! `src/Metrics/PMCData.cpp`:
//!
//! ```text
//! lte = exp(-1/42); ste = exp(-1/7)
//! CTL[d] = stress[d]·(1 − lte) + CTL[d−1]·lte
//! ATL[d] = stress[d]·(1 − ste) + ATL[d−1]·ste
//! ```
//!
//! on a daily grid that starts on the first day with a load, seeded with 0 on the day before
//! (or with a season's seed), where several workouts on one day are summed and days without
//! workouts count as 0. The same coefficients are used by intervals.icu (1 − e^(−1/42) =
//! 0.023528, 1 − e^(−1/7) = 0.133122).
//!
//! **Form** is `CTL[d−1] − ATL[d−1]`, "form this morning": GoldenCheetah's default shows the
//! balance on the following day (`SB[d+1] = LTS[d] − STS[d]`), as TrainingPeaks does. It is
//! what a recovery score for the morning of `d` can know. `form_pct = 100·form / CTL[d−1]`
//! (IntervalCoach-style, scales across fitness levels), undefined below a CTL of 1 load unit.
//! `ramp` is GoldenCheetah's ramp rate, the change in CTL over the last 7 days. The first 42
//! days are "warming up" unless a seed stands for earlier history (intervals.icu: the chart
//! needs about six weeks to settle).

use serde::{Deserialize, Serialize};

pub const CTL_DAYS: f64 = 42.0;
pub const ATL_DAYS: f64 = 7.0;
pub const RAMP_DAYS: usize = 7;
pub const WARM_UP_DAYS: usize = 42;
/// Below this CTL (load units), `form_pct` is undefined.
pub const MIN_CTL_FOR_FORM_PCT: f64 = 1.0;

/// One workout's (or one day's) load on a day number. Rows on the same day are summed.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct DailyLoad {
    pub day: i64,
    pub load: f64,
}

/// CTL and ATL on the day before the first day (a season's seed).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PmcSeed {
    pub ctl: f64,
    pub atl: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PmcDay {
    pub day: i64,
    /// The day's summed load.
    pub load: f64,
    /// Fitness at the end of the day.
    pub ctl: f64,
    /// Fatigue at the end of the day.
    pub atl: f64,
    /// `CTL[d−1] − ATL[d−1]`.
    pub form: f64,
    pub form_pct: Option<f64>,
    pub ramp: f64,
    pub warming_up: bool,
}

fn valid(e: &DailyLoad) -> bool {
    e.load.is_finite() && e.load >= 0.0
}

/// The first day with a valid load (finite, ≥ 0); `None` when there is none.
pub fn first_day(entries: &[DailyLoad]) -> Option<i64> {
    entries.iter().filter(|e| valid(e)).map(|e| e.day).min()
}

/// Valid loads summed onto the daily grid `start..=end` (missing days 0). Rows outside the grid,
/// non-finite or negative loads are ignored. Rows are summed in a fixed order, so the result
/// does not depend on the order of `entries`. Empty when `end < start`.
pub fn daily_grid(entries: &[DailyLoad], start: i64, end: i64) -> Vec<f64> {
    if end < start {
        return Vec::new();
    }
    let mut rows: Vec<DailyLoad> =
        entries.iter().copied().filter(|e| valid(e) && (start..=end).contains(&e.day)).collect();
    rows.sort_by(|a, b| a.day.cmp(&b.day).then(a.load.total_cmp(&b.load)));
    let mut grid = vec![0.0; (end - start + 1) as usize];
    for e in rows {
        grid[(e.day - start) as usize] += e.load;
    }
    grid
}

/// `100·(ctl − atl)/ctl`; `None` when `ctl` is below [`MIN_CTL_FOR_FORM_PCT`] or not finite.
pub fn form_pct(ctl: f64, atl: f64) -> Option<f64> {
    if ctl.is_finite() && atl.is_finite() && ctl >= MIN_CTL_FOR_FORM_PCT {
        Some(100.0 * (ctl - atl) / ctl)
    } else {
        None
    }
}

/// The performance-manager series from the first day with a load to `end_day` inclusive (rows
/// after `end_day` are ignored). Empty when there is no valid load on or before `end_day`.
pub fn pmc(entries: &[DailyLoad], end_day: i64, seed: Option<PmcSeed>) -> Vec<PmcDay> {
    let in_range: Vec<DailyLoad> = entries.iter().copied().filter(|e| e.day <= end_day).collect();
    let Some(start) = first_day(&in_range) else {
        return Vec::new();
    };
    let grid = daily_grid(&in_range, start, end_day);
    let s = seed.unwrap_or(PmcSeed { ctl: 0.0, atl: 0.0 });
    let (k_ctl, k_atl) = ((-1.0 / CTL_DAYS).exp(), (-1.0 / ATL_DAYS).exp());
    let mut out: Vec<PmcDay> = Vec::with_capacity(grid.len());
    let (mut ctl, mut atl) = (s.ctl, s.atl);
    for (i, &load) in grid.iter().enumerate() {
        let form = ctl - atl;
        let fp = form_pct(ctl, atl);
        ctl = load * (1.0 - k_ctl) + ctl * k_ctl;
        atl = load * (1.0 - k_atl) + atl * k_atl;
        let ctl_week_ago = if i >= RAMP_DAYS { out[i - RAMP_DAYS].ctl } else { s.ctl };
        out.push(PmcDay {
            day: start + i as i64,
            load,
            ctl,
            atl,
            form,
            form_pct: fp,
            ramp: ctl - ctl_week_ago,
            warming_up: seed.is_none() && i + 1 < WARM_UP_DAYS,
        });
    }
    out
}

#[cfg(test)]
#[path = "tests/pmc.rs"]
mod tests;
