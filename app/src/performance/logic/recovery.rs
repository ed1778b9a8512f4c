//! Daily recovery score 0–100 for `wt_recovery_scores` (engine-methods.md §5).
//!
//! A transparent composite of our own design; no vendor publishes its weights.
//!
//! | component | sub-score (0–100, higher = more recovered) | weight |
//! |---|---|---|
//! | HRV | `100·Φ((mean7(ln rMSSD) − μ_ln)/sd_ln)` | 0.35 |
//! | resting HR | `100·Φ(−(rhr_today − μ)/sd)` | 0.20 |
//! | sleep | the sleep score ([`super::sleep`]) | 0.25 |
//! | stress | `100 − stress` (0–100, Garmin-style) | 0.10 |
//! | load | `clamp(50 + form_pct·50/30, 0, 100)`, `form_pct = 100·(CTL−ATL)/CTL` | 0.10 |
//!
//! Φ is the standard normal CDF (`scipy.stats.norm.cdf` in the oracle); the z-scores use the
//! baselines of [`super::baseline`] (ln rMSSD after Plews et al. 2013; SD floors there). The
//! 7-day HRV mean needs ≥ 3 nights (Plews et al. 2014). CTL/ATL are yesterday's values, "form
//! this morning" (GoldenCheetah `PMCData.cpp`).
//!
//! The composite is renormalised over the components that are **available and calibrated**:
//! HRV and resting HR need a `complete` baseline, the load needs the 42-day PMC warm-up to be
//! over, and sleep and stress are absolute scales, calibrated by construction. The score is
//! `None` ("not enough to say", no row written) unless HRV or resting HR is usable: heart data
//! is what makes it a recovery score. Bands re-use WHOOP's published cut-offs on the score
//! rounded to a whole number, as shown: ≥ 67 green, 34–66 yellow, ≤ 33 red.
//!
//! `hr_component` is the weighted mean of the usable HRV and resting-HR sub-scores (weights
//! 0.35 : 0.20), so the composite equals the weighted mean of the four stored columns. A
//! person's override ("I'm ill") is held beside the computed value in [`RecoveryDay`], never
//! written over it.

use serde::{Deserialize, Serialize};

use super::baseline::{Baseline, BaselineRef, CalibrationStatus};
use super::pmc::{form_pct, PmcDay};
use super::stats::{clamp_score, normal_cdf};
use super::METHOD_VERSION;

pub const W_HRV: f64 = 0.35;
pub const W_RHR: f64 = 0.20;
pub const W_SLEEP: f64 = 0.25;
pub const W_STRESS: f64 = 0.10;
pub const W_LOAD: f64 = 0.10;
/// form_pct at which the load sub-score reaches 0 (negative) or 100 (positive).
pub const LOAD_FULL_SCALE_PCT: f64 = 30.0;
pub const HRV_MIN_NIGHTS: u32 = 3;
pub const GREEN_FROM: f64 = 67.0;
pub const RED_TO: f64 = 33.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecoveryBand {
    Green,
    Yellow,
    Red,
}

impl RecoveryBand {
    /// Band of a score, judged on the score rounded to a whole number.
    pub fn from_score(score: f64) -> RecoveryBand {
        let r = score.round();
        if r >= GREEN_FROM {
            RecoveryBand::Green
        } else if r <= RED_TO {
            RecoveryBand::Red
        } else {
            RecoveryBand::Yellow
        }
    }
}

/// Everything the score for one morning is computed from (recorded whole in `raw_data`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RecoveryInput {
    /// Mean ln(rMSSD) of the current 7-day window, and how many nights it has.
    pub hrv_mean7_ln: Option<f64>,
    pub hrv_nights: u32,
    pub hrv_baseline: Option<BaselineRef>,
    pub resting_hr: Option<f64>,
    pub rhr_baseline: Option<BaselineRef>,
    pub sleep_score: Option<f64>,
    /// 0–100, higher = more stressed.
    pub stress: Option<f64>,
    /// Yesterday's CTL and ATL.
    pub ctl: Option<f64>,
    pub atl: Option<f64>,
    pub load_warming_up: bool,
}

impl RecoveryInput {
    /// HRV inputs from an HRV baseline (its current 7-day window and reference).
    pub fn with_hrv(mut self, b: &Baseline) -> Self {
        self.hrv_mean7_ln = b.current_mean;
        self.hrv_nights = b.current_count;
        self.hrv_baseline = b.reference();
        self
    }
    /// Resting-HR inputs: this morning's value and the baseline.
    pub fn with_rhr(mut self, today: Option<f64>, b: &Baseline) -> Self {
        self.resting_hr = today;
        self.rhr_baseline = b.reference();
        self
    }
    /// Load inputs from yesterday's performance-manager day.
    pub fn with_pmc(mut self, yesterday: &PmcDay) -> Self {
        self.ctl = Some(yesterday.ctl);
        self.atl = Some(yesterday.atl);
        self.load_warming_up = yesterday.warming_up;
        self
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Component {
    Hrv,
    RestingHr,
    Sleep,
    Stress,
    Load,
}

/// Why a component did not count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    Missing,
    TooFewNights,
    NotCalibrated,
    WarmingUp,
    NoFitnessYet,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComponentDetail {
    pub component: Component,
    /// The sub-score when it can be computed, even if excluded.
    pub value: Option<f64>,
    pub z: Option<f64>,
    pub base_weight: f64,
    /// Renormalised weight in the composite (0 when excluded or when there is no score).
    pub weight: f64,
    pub excluded: Option<Exclusion>,
}

/// The `raw_data` JSON of a `wt_recovery_scores` row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecoveryRawData {
    pub method_version: String,
    pub inputs: RecoveryInput,
    pub form_pct: Option<f64>,
    pub components: Vec<ComponentDetail>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecoveryScore {
    /// `None`: not enough to say (neither HRV nor resting HR usable); write no row.
    pub recovery_score: Option<f64>,
    pub band: Option<RecoveryBand>,
    pub hr_component: Option<f64>,
    pub sleep_component: Option<f64>,
    pub stress_component: Option<f64>,
    pub load_component: Option<f64>,
    pub raw_data: RecoveryRawData,
}

fn usable_ref(b: Option<BaselineRef>) -> Option<BaselineRef> {
    b.filter(|b| b.mean.is_finite() && b.sd.is_finite() && b.sd > 0.0)
}

fn detail(
    component: Component,
    base_weight: f64,
    value: Option<f64>,
    z: Option<f64>,
    excluded: Option<Exclusion>,
) -> ComponentDetail {
    ComponentDetail { component, value, z, base_weight, weight: 0.0, excluded }
}

fn z_component(
    c: Component,
    w: f64,
    x: Option<f64>,
    b: Option<BaselineRef>,
    sign: f64,
    nights_ok: bool,
) -> ComponentDetail {
    let Some(x) = x.filter(|x| x.is_finite()) else {
        return detail(c, w, None, None, Some(Exclusion::Missing));
    };
    let z = usable_ref(b).map(|b| sign * (x - b.mean) / b.sd);
    let value = z.map(|z| clamp_score(100.0 * normal_cdf(z)));
    let excluded = if !nights_ok {
        Some(Exclusion::TooFewNights)
    } else if z.is_none() || b.map(|b| b.calibration_status) != Some(CalibrationStatus::Complete) {
        Some(Exclusion::NotCalibrated)
    } else {
        None
    };
    detail(c, w, value, z, excluded)
}

fn scale_component(c: Component, w: f64, x: Option<f64>, f: impl Fn(f64) -> f64) -> ComponentDetail {
    match x.filter(|x| x.is_finite() && (0.0..=100.0).contains(x)) {
        Some(x) => detail(c, w, Some(f(x)), None, None),
        None => detail(c, w, None, None, Some(Exclusion::Missing)),
    }
}

/// The load sub-score for a form_pct: −30 % → 0, 0 → 50, +30 % → 100, clamped.
pub fn load_subscore(form_pct: f64) -> f64 {
    clamp_score(50.0 + form_pct * 50.0 / LOAD_FULL_SCALE_PCT)
}

/// The recovery score for one morning.
pub fn recovery_score(input: &RecoveryInput) -> RecoveryScore {
    let i = input;
    let fp = match (i.ctl, i.atl) {
        (Some(c), Some(a)) => form_pct(c, a),
        _ => None,
    };
    let load = match (i.ctl, i.atl, fp) {
        (None, _, _) | (_, None, _) => detail(Component::Load, W_LOAD, None, None, Some(Exclusion::Missing)),
        (_, _, None) => detail(Component::Load, W_LOAD, None, None, Some(Exclusion::NoFitnessYet)),
        (_, _, Some(p)) => {
            let ex = i.load_warming_up.then_some(Exclusion::WarmingUp);
            detail(Component::Load, W_LOAD, Some(load_subscore(p)), None, ex)
        }
    };
    let mut comps = [
        z_component(Component::Hrv, W_HRV, i.hrv_mean7_ln, i.hrv_baseline, 1.0, i.hrv_nights >= HRV_MIN_NIGHTS),
        z_component(Component::RestingHr, W_RHR, i.resting_hr, i.rhr_baseline, -1.0, true),
        scale_component(Component::Sleep, W_SLEEP, i.sleep_score, |s| s),
        scale_component(Component::Stress, W_STRESS, i.stress, |s| 100.0 - s),
        load,
    ];
    let used = |c: &ComponentDetail| c.excluded.is_none() && c.value.is_some();
    let has_heart = comps[..2].iter().any(used);
    let total: f64 = comps.iter().filter(|c| used(c)).map(|c| c.base_weight).sum();
    let mut out = RecoveryScore {
        recovery_score: None,
        band: None,
        hr_component: None,
        sleep_component: None,
        stress_component: None,
        load_component: None,
        raw_data: RecoveryRawData {
            method_version: METHOD_VERSION.to_string(),
            inputs: *i,
            form_pct: fp,
            components: Vec::new(),
        },
    };
    if has_heart {
        for c in comps.iter_mut().filter(|c| used(c)) {
            c.weight = c.base_weight / total;
        }
        let score = clamp_score(comps.iter().filter(|c| used(c)).map(|c| c.weight * c.value.unwrap_or(0.0)).sum());
        let value_of = |k: usize| comps[k].value.filter(|_| used(&comps[k]));
        let heart_w: f64 = comps[..2].iter().filter(|c| used(c)).map(|c| c.base_weight).sum();
        let heart: f64 = comps[..2].iter().filter(|c| used(c)).map(|c| c.base_weight * c.value.unwrap_or(0.0)).sum();
        out.recovery_score = Some(score);
        out.band = Some(RecoveryBand::from_score(score));
        out.hr_component = Some(clamp_score(heart / heart_w));
        out.sleep_component = value_of(2);
        out.stress_component = value_of(3);
        out.load_component = value_of(4);
    }
    out.raw_data.components = comps.to_vec();
    out
}

/// Why a person overrode a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OverrideReason {
    Ill,
    Injured,
    Other,
}

/// A person's own verdict on a day, kept apart from the computed score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecoveryOverride {
    pub reason: OverrideReason,
    /// A score the person chose, if any (clamped to 0–100 when read).
    pub score: Option<f64>,
    pub note: Option<String>,
}

/// A day's computed score and, separately, the person's override.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecoveryDay {
    pub computed: RecoveryScore,
    pub person_override: Option<RecoveryOverride>,
}

impl RecoveryDay {
    /// What to show: see [`effective_score`].
    pub fn effective_score(&self) -> Option<f64> {
        effective_score(self.computed.recovery_score, self.person_override.as_ref())
    }
    /// The band to show: see [`effective_band`].
    pub fn effective_band(&self) -> Option<RecoveryBand> {
        effective_band(self.computed.recovery_score, self.computed.band, self.person_override.as_ref())
    }
}

/// What to show for a day: the override's score if it has one; no number for
/// "ill"/"injured" without one; otherwise the computed score.
pub fn effective_score(computed: Option<f64>, person_override: Option<&RecoveryOverride>) -> Option<f64> {
    match person_override {
        Some(o) if o.score.is_some() => o.score.filter(|s| s.is_finite()).map(clamp_score),
        Some(o) if o.reason != OverrideReason::Other => None,
        _ => computed,
    }
}

/// The band to show: the override's score's band; red ("rest") for
/// "ill"/"injured" without a score; otherwise the computed band.
pub fn effective_band(
    computed: Option<f64>,
    computed_band: Option<RecoveryBand>,
    person_override: Option<&RecoveryOverride>,
) -> Option<RecoveryBand> {
    match person_override {
        Some(o) if o.score.is_some() => effective_score(computed, person_override).map(RecoveryBand::from_score),
        Some(o) if o.reason != OverrideReason::Other => Some(RecoveryBand::Red),
        _ => computed_band,
    }
}

#[cfg(test)]
#[path = "tests/recovery.rs"]
mod tests;
