//! Acute:chronic workload ratio as a **neutral trend** (engine-methods.md §3).
//!
//! - EWMA (Williams et al. 2017, *Br J Sports Med* 51(3):209–210):
//!   `EWMA_t = λ·load_t + (1 − λ)·EWMA_{t−1}`, `λ = 2/(N+1)`, N = 7 (acute) and 28 (chronic),
//!   i.e. `pandas ewm(span=N, adjust=False)`. **Seeding**: the first day's load
//!   (`EWMA_0 = load_0`, pandas' convention), which reproduces the doc's worked example.
//! - Rolling averages: coupled `mean(t−6..t) / mean(t−27..t)`; uncoupled
//!   `mean(t−6..t) / mean(t−27..t−7)` (Windt & Gabbett 2019, *BJSM*). Defined from day 28.
//!
//! Why neutral: the 0.8–1.3 "sweet spot" and ≥ 1.5 "danger zone" (Gabbett 2016, *BJSM*
//! 50:273–280) do not hold up. The ratio is mathematically coupled (Lolli et al. 2019, *BJSM*
//! 53:921), only rescales acute load (Impellizzeri et al. 2020, *IJSPP* 15:907–913), and neither
//! it nor acute load beats an intercept-only model for injuries (Impellizzeri et al. 2021,
//! *Sports Med* 51:581–592, "Time to dismiss ACWR"). The three methods also disagree strongly
//! on the same data. So the engine reports a trend ("load rising faster than usual" above 1.5),
//! never an injury risk. The ratio is undefined when the chronic load is below
//! [`MIN_CHRONIC_LOAD`], and the first 28 days are "warming up".

use serde::{Deserialize, Serialize};

use super::pmc::{daily_grid, first_day, DailyLoad};

pub const ACUTE_SPAN: usize = 7;
pub const CHRONIC_SPAN: usize = 28;
/// Chronic load (load units per day) below which there is nothing to compare with.
pub const MIN_CHRONIC_LOAD: f64 = 0.1;
pub const RISING_ABOVE: f64 = 1.5;
pub const LOWER_BELOW: f64 = 0.8;

/// The neutral wording shown for a day's EWMA ratio.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoadTrend {
    WarmingUp,
    NoChronicLoad,
    LowerThanUsual,
    InLineWithUsual,
    RisingFasterThanUsual,
}

impl LoadTrend {
    /// Classify an EWMA ratio (> 1.5 rising, < 0.8 lower, else in line).
    pub fn from_ratio(ratio: Option<f64>, warming_up: bool) -> Self {
        match ratio {
            _ if warming_up => LoadTrend::WarmingUp,
            None => LoadTrend::NoChronicLoad,
            Some(r) if r > RISING_ABOVE => LoadTrend::RisingFasterThanUsual,
            Some(r) if r < LOWER_BELOW => LoadTrend::LowerThanUsual,
            Some(_) => LoadTrend::InLineWithUsual,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            LoadTrend::WarmingUp => "Warming up: fewer than 28 days of training history",
            LoadTrend::NoChronicLoad => "No recent training load to compare with",
            LoadTrend::LowerThanUsual => "Load lower than usual",
            LoadTrend::InLineWithUsual => "Load in line with usual",
            LoadTrend::RisingFasterThanUsual => "Load rising faster than usual",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AcwrDay {
    pub day: i64,
    pub load: f64,
    pub acute_ewma: f64,
    pub chronic_ewma: f64,
    pub ewma_ratio: Option<f64>,
    pub rolling_coupled: Option<f64>,
    pub rolling_uncoupled: Option<f64>,
    pub warming_up: bool,
    pub trend: LoadTrend,
}

fn ratio(num: f64, den: f64) -> Option<f64> {
    (den >= MIN_CHRONIC_LOAD).then_some(num / den)
}

fn window_mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

/// The daily series from the first day with a load to `end_day` inclusive, on the same grid as
/// [`super::pmc::pmc`] (rows summed per day, missing days 0, rows after `end_day` ignored).
pub fn acwr(entries: &[DailyLoad], end_day: i64) -> Vec<AcwrDay> {
    let in_range: Vec<DailyLoad> = entries.iter().copied().filter(|e| e.day <= end_day).collect();
    let Some(start) = first_day(&in_range) else {
        return Vec::new();
    };
    let grid = daily_grid(&in_range, start, end_day);
    let la = 2.0 / (ACUTE_SPAN as f64 + 1.0);
    let lc = 2.0 / (CHRONIC_SPAN as f64 + 1.0);
    let (mut acute, mut chronic) = (grid[0], grid[0]);
    let mut out = Vec::with_capacity(grid.len());
    for (i, &load) in grid.iter().enumerate() {
        if i > 0 {
            acute = la * load + (1.0 - la) * acute;
            chronic = lc * load + (1.0 - lc) * chronic;
        }
        let (coupled, uncoupled) = if i + 1 >= CHRONIC_SPAN {
            let acute_mean = window_mean(&grid[i + 1 - ACUTE_SPAN..=i]);
            (
                ratio(acute_mean, window_mean(&grid[i + 1 - CHRONIC_SPAN..=i])),
                ratio(acute_mean, window_mean(&grid[i + 1 - CHRONIC_SPAN..=i - ACUTE_SPAN])),
            )
        } else {
            (None, None)
        };
        let ewma_ratio = ratio(acute, chronic);
        let warming_up = i + 1 < CHRONIC_SPAN;
        out.push(AcwrDay {
            day: start + i as i64,
            load,
            acute_ewma: acute,
            chronic_ewma: chronic,
            ewma_ratio,
            rolling_coupled: coupled,
            rolling_uncoupled: uncoupled,
            warming_up,
            trend: LoadTrend::from_ratio(ewma_ratio, warming_up),
        });
    }
    out
}

#[cfg(test)]
#[path = "tests/acwr.rs"]
mod tests;
