//! Per-metric baselines with calibration (engine-methods.md §4), for `wt_baselines`.
//!
//! - HRV is analysed as ln(rMSSD), which is near-normal where raw rMSSD is skewed (Plews et al.
//!   2013, *Sports Med* 43:773–781); a weekly mean is valid with ≥ 3 measurements (Plews et al.
//!   2014, *IJSPP* 9(5):783–790). The normal range is mean ± 0.5 SD, the smallest worthwhile
//!   change of HRV-guided training (Vesterinen 2016, *MSSE* 48:1347; HRV4Training's 60-day
//!   "normal values"). Nights needed follow Oura ("up to two weeks"); Garmin's 21 is stricter.
//! - Per-metric table (window W days, N_min valid days, D_min span days):
//!   hrv 60/14/14 (ln), resting_hr 60/14/14, sleep_quality 30/7/7, stress 30/7/7,
//!   vo2max 180/3/14 (sparse: baseline = latest value, plus a trend).
//! - The baseline window is the W days **before** the current 7-day window (`as_of−6..=as_of`),
//!   so today is never compared with itself. vo2max is the exception: its baseline is the latest
//!   estimate, so its window ends on `as_of`.
//! - SD floors (engineering choices, not from the literature): 0.05 ln units for HRV (≈ 5 %),
//!   1.5 bpm for resting HR; none for the others. `sd_used = max(sd, floor)` feeds the normal
//!   range and the recovery z-scores.
//! - Calibration: `pending` with no valid day in the window; `complete` with ≥ N_min valid days
//!   spanning ≥ D_min days (first to last inclusive) and ≥ 3 valid days in each of the window's
//!   last two 7-day weeks (not applied to sparse vo2max); `in_progress` otherwise.
//!
//! Several readings on one day count as one valid day: their mean, in the analysis scale.
//! Readings outside a plausible range are not valid (see [`BaselineMetric::valid_range`]).

use serde::{Deserialize, Serialize};

use super::stats::{mean, sample_sd};

pub const CURRENT_WINDOW_DAYS: i64 = 7;
pub const MIN_VALID_PER_WEEK: usize = 3;
pub const NORMAL_RANGE_SD: f64 = 0.5;

/// The `wt_baselines.metric_type` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BaselineMetric {
    Vo2max,
    RestingHr,
    Hrv,
    Stress,
    SleepQuality,
}

/// The `wt_calibration_status` enum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "wt_calibration_status", rename_all = "snake_case"))]
#[serde(rename_all = "snake_case")]
pub enum CalibrationStatus {
    Pending,
    InProgress,
    Complete,
}

/// The §4 table row for one metric.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BaselineRule {
    pub window_days: i64,
    pub min_points: usize,
    pub min_span_days: i64,
    pub ln_transform: bool,
    pub sd_floor: f64,
    pub excludes_current_week: bool,
    pub weekly_density_rule: bool,
}

impl BaselineMetric {
    pub const ALL: [BaselineMetric; 5] = [Self::Vo2max, Self::RestingHr, Self::Hrv, Self::Stress, Self::SleepQuality];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Vo2max => "vo2max",
            Self::RestingHr => "resting_hr",
            Self::Hrv => "hrv",
            Self::Stress => "stress",
            Self::SleepQuality => "sleep_quality",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }

    pub fn rule(self) -> BaselineRule {
        let r = |window_days, min_points, min_span_days, sd_floor| BaselineRule {
            window_days,
            min_points,
            min_span_days,
            ln_transform: false,
            sd_floor,
            excludes_current_week: true,
            weekly_density_rule: true,
        };
        match self {
            Self::Hrv => BaselineRule { ln_transform: true, ..r(60, 14, 14, 0.05) },
            Self::RestingHr => r(60, 14, 14, 1.5),
            Self::SleepQuality | Self::Stress => r(30, 7, 7, 0.0),
            Self::Vo2max => {
                BaselineRule { excludes_current_week: false, weekly_density_rule: false, ..r(180, 3, 14, 0.0) }
            }
        }
    }

    /// Plausible raw values (inclusive): rMSSD 1–500 ms, resting HR 25–220 bpm (as manual
    /// entry), stress and sleep quality 0–100, VO2max 5–100 ml/kg/min.
    pub fn valid_range(self) -> (f64, f64) {
        match self {
            Self::Hrv => (1.0, 500.0),
            Self::RestingHr => (25.0, 220.0),
            Self::Stress | Self::SleepQuality => (0.0, 100.0),
            Self::Vo2max => (5.0, 100.0),
        }
    }

    fn to_analysis(self, raw: f64) -> f64 {
        if self.rule().ln_transform {
            raw.ln()
        } else {
            raw
        }
    }

    fn to_natural(self, x: f64) -> f64 {
        if self.rule().ln_transform {
            x.exp()
        } else {
            x
        }
    }
}

/// One reading of a metric on a day number, in the metric's raw unit (rMSSD in ms).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    pub day: i64,
    pub value: f64,
}

/// The mean, SD and calibration status the recovery score needs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BaselineRef {
    /// Analysis scale (ln rMSSD for HRV).
    pub mean: f64,
    /// The SD to use for z-scores (floored).
    pub sd: f64,
    pub calibration_status: CalibrationStatus,
}

/// A computed baseline. Values are in the analysis scale (ln rMSSD for HRV) unless named
/// `_natural`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    pub metric: BaselineMetric,
    pub as_of: i64,
    /// The baseline window, inclusive.
    pub capture_start: i64,
    pub capture_end: i64,
    /// Valid days in the window.
    pub data_points_count: u32,
    /// First to last valid day, inclusive; 0 without data.
    pub span_days: i64,
    /// The stored `baseline_value`: the mean (ln for HRV), or the latest value for vo2max.
    pub baseline_value: Option<f64>,
    pub mean: Option<f64>,
    /// Sample SD (ddof = 1), before the floor.
    pub sd: Option<f64>,
    pub sd_used: Option<f64>,
    pub normal_low: Option<f64>,
    pub normal_high: Option<f64>,
    pub normal_low_natural: Option<f64>,
    pub normal_high_natural: Option<f64>,
    pub latest: Option<f64>,
    /// OLS slope per 7 days over the window's daily values (≥ 2 days).
    pub trend_per_week: Option<f64>,
    /// Mean and count of valid days in the current window `as_of−6..=as_of`.
    pub current_mean: Option<f64>,
    pub current_count: u32,
    pub calibration_status: CalibrationStatus,
    pub is_complete: bool,
}

impl Baseline {
    /// The reference for z-scores, when there is a mean and an SD.
    pub fn reference(&self) -> Option<BaselineRef> {
        Some(BaselineRef { mean: self.mean?, sd: self.sd_used?, calibration_status: self.calibration_status })
    }
}

/// Valid readings aggregated to one value per day (the mean in the analysis scale), by day.
fn daily_values(metric: BaselineMetric, obs: &[Observation], from: i64, to: i64) -> Vec<(i64, f64)> {
    let (lo, hi) = metric.valid_range();
    let mut rows: Vec<(i64, f64)> = obs
        .iter()
        .filter(|o| o.value.is_finite() && o.value >= lo && o.value <= hi && (from..=to).contains(&o.day))
        .map(|o| (o.day, metric.to_analysis(o.value)))
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    rows.chunk_by(|a, b| a.0 == b.0).map(|g| (g[0].0, g.iter().map(|r| r.1).sum::<f64>() / g.len() as f64)).collect()
}

fn ols_slope(points: &[(i64, f64)]) -> Option<f64> {
    if points.len() < 2 {
        return None;
    }
    let xs: Vec<f64> = points.iter().map(|p| p.0 as f64).collect();
    let ys: Vec<f64> = points.iter().map(|p| p.1).collect();
    let (mx, my) = (mean(&xs)?, mean(&ys)?);
    let sxy: f64 = xs.iter().zip(&ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    let sxx: f64 = xs.iter().map(|x| (x - mx) * (x - mx)).sum();
    Some(sxy / sxx)
}

/// The readings [`compute_baseline`] can use for `as_of`, from readings sorted
/// by day: its windows' days only, found by binary search. A day-by-day walk
/// over years then costs each day its window (at most 187 days), not every
/// reading: linear in the days walked rather than days × readings.
pub fn relevant(metric: BaselineMetric, sorted: &[Observation], as_of: i64) -> &[Observation] {
    let rule = metric.rule();
    let capture_end = if rule.excludes_current_week { as_of - CURRENT_WINDOW_DAYS } else { as_of };
    let earliest = (capture_end - rule.window_days + 1).min(as_of - CURRENT_WINDOW_DAYS + 1);
    let start = sorted.partition_point(|o| o.day < earliest);
    let end = sorted.partition_point(|o| o.day <= as_of);
    &sorted[start..end.max(start)]
}

/// The baseline of `metric` as of the morning of day `as_of`, from readings in any order.
pub fn compute_baseline(metric: BaselineMetric, obs: &[Observation], as_of: i64) -> Baseline {
    let rule = metric.rule();
    let capture_end = if rule.excludes_current_week { as_of - CURRENT_WINDOW_DAYS } else { as_of };
    let capture_start = capture_end - rule.window_days + 1;
    let days = daily_values(metric, obs, capture_start, capture_end);
    let current = daily_values(metric, obs, as_of - CURRENT_WINDOW_DAYS + 1, as_of);
    let values: Vec<f64> = days.iter().map(|d| d.1).collect();
    let n = days.len();
    let span_days = match (days.first(), days.last()) {
        (Some(f), Some(l)) => l.0 - f.0 + 1,
        _ => 0,
    };
    let m = mean(&values);
    let sd = sample_sd(&values);
    let sd_used = sd.map(|s| s.max(rule.sd_floor));
    let (normal_low, normal_high) = match (m, sd_used) {
        (Some(m), Some(s)) => (Some(m - NORMAL_RANGE_SD * s), Some(m + NORMAL_RANGE_SD * s)),
        _ => (None, None),
    };
    let latest = days.last().map(|d| d.1);
    let week_ok = |end: i64| days.iter().filter(|d| d.0 > end - 7 && d.0 <= end).count() >= MIN_VALID_PER_WEEK;
    let dense = !rule.weekly_density_rule || (week_ok(capture_end) && week_ok(capture_end - 7));
    let status = if n == 0 {
        CalibrationStatus::Pending
    } else if n >= rule.min_points && span_days >= rule.min_span_days && dense {
        CalibrationStatus::Complete
    } else {
        CalibrationStatus::InProgress
    };
    let cur_vals: Vec<f64> = current.iter().map(|d| d.1).collect();
    Baseline {
        metric,
        as_of,
        capture_start,
        capture_end,
        data_points_count: n as u32,
        span_days,
        baseline_value: if metric == BaselineMetric::Vo2max { latest } else { m },
        mean: m,
        sd,
        sd_used,
        normal_low,
        normal_high,
        normal_low_natural: normal_low.map(|x| metric.to_natural(x)),
        normal_high_natural: normal_high.map(|x| metric.to_natural(x)),
        latest,
        trend_per_week: ols_slope(&days).map(|s| s * 7.0),
        current_mean: mean(&cur_vals),
        current_count: cur_vals.len() as u32,
        calibration_status: status,
        is_complete: status == CalibrationStatus::Complete,
    }
}

#[cfg(test)]
#[path = "tests/baseline.rs"]
mod tests;
