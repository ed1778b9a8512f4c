//! Goal forecasts for `wt_forecasts` and `wt_goal_forecasts` (issue 3, item 6), following
//! engine-methods.md §8. Pure: no I/O, no clock, no randomness; days are numbers (callers turn
//! dates into days, e.g. days since the first reading, and back).
//!
//! Method, in order:
//! 1. Readings with a non-finite day or value are dropped; the rest are sorted by (day, value),
//!    so the result does not depend on the order rows arrive in.
//! 2. No forecast below [`MIN_POINTS`] readings or a span under [`MIN_SPAN_DAYS`] days
//!    (`InsufficientData`, confidence 0): two points give a slope but no error estimate.
//! 3. Linear OLS is always fitted and is the default. The quadratic (`polynomial`, needs
//!    [`MIN_POINTS_POLYNOMIAL`]) and the exponential (needs [`MIN_POINTS_EXPONENTIAL`] and
//!    all values > 0) replace it only if their AICc is lower by at least [`AICC_IMPROVEMENT`]
//!    (Burnham & Anderson 2002: ΔAICc < 2 is "substantial support" for both models, so the
//!    simpler one stays); if both qualify the lower AICc wins.
//! 4. The goal direction is the caller's, or else inferred from the first reading: a target at
//!    or above it means "increase". The goal is `AlreadyReached` when the fitted trend at
//!    `as_of` already meets it (the trend, not the last reading, so one spike does not declare
//!    victory). Otherwise the projected day is the first day after `as_of` where the fitted
//!    curve meets the target (linear: `x* = (target − b)/m`; quadratic: smallest real root
//!    after `as_of`; exponential: `x* = ln(target/A)/k`). No crossing means `MovingAway`
//!    (no date); a crossing more than [`HORIZON_DAYS`] ahead means `BeyondHorizon` (no date,
//!    "not on current trend").
//! 5. Confidence (0–1). With a goal date: P(a reading on that day meets the target) from the
//!    chosen model's prediction distribution, `1 − T_{n−p}((target − ŷ_d)/se_pred(x_d))`
//!    (mirrored for "decrease"; on the ln scale for the exponential model). Without a date:
//!    adjusted R² clipped to [0, 1] times the sample-size factor `min(1, (n − 2)/8)` (a design
//!    choice, ⚠ in the methods doc) when a date was projected or the goal is reached, and 0
//!    when the trend gives no date (moving away, beyond the horizon).
//!
//! Oracle: `tools/oracles/forecast/make_fixtures.py` (scipy.stats.linregress, numpy.polyfit,
//! statsmodels OLS prediction intervals and AICc, scipy.stats.t) writes `fixtures/*.json`.

mod models;
mod stats;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use models::{fit, ModelFit, ModelType};
pub use stats::{ln_gamma, regularized_incomplete_beta, student_t_cdf, student_t_pdf, student_t_quantile};

/// Recorded with each forecast so stored rows say which rules produced them.
pub const FORECAST_METHOD_VERSION: &str = "welltrack-forecast-v1";
/// Fewest readings for any forecast (engine-methods.md §8: n < 3 → no forecast).
pub const MIN_POINTS: usize = 3;
/// Fewest readings before the exponential model may challenge (AICc needs n > k + 1, k = 2).
pub const MIN_POINTS_EXPONENTIAL: usize = 4;
/// Fewest readings before the quadratic may challenge (AICc needs n > k + 1, k = 3).
pub const MIN_POINTS_POLYNOMIAL: usize = 5;
/// Shortest span of days covered by the readings.
pub const MIN_SPAN_DAYS: f64 = 7.0;
/// A projected day further ahead than this is reported as "not on current trend".
pub const HORIZON_DAYS: f64 = 365.0;
/// How much lower a challenger's AICc must be to replace the linear model.
pub const AICC_IMPROVEMENT: f64 = 2.0;

/// One reading: `day` on any consistent day scale (e.g. days since the first reading).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    pub day: f64,
    pub value: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalDirection {
    Increase,
    Decrease,
}

impl GoalDirection {
    /// Whether `value` meets `target` in this direction.
    pub fn meets(self, value: f64, target: f64) -> bool {
        match self {
            GoalDirection::Increase => value >= target,
            GoalDirection::Decrease => value <= target,
        }
    }
}

/// What the person is aiming for: `wt_goal_forecasts.target_value` and an optional goal date.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub target: f64,
    /// `None`: inferred from the first reading.
    pub direction: Option<GoalDirection>,
    /// The goal's date as a day number, if it has one.
    pub deadline_day: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForecastStatus {
    /// Too few readings or too short a span: store no forecast.
    InsufficientData,
    AlreadyReached,
    Projected,
    MovingAway,
    BeyondHorizon,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfidenceBasis {
    None,
    PredictionInterval,
    AdjustedRSquared,
}

/// The result, ready for `wt_forecasts` (`current_value`, `slope`, `projected_date`,
/// `confidence`, `data_points`, `model_type`) and the goal's `expected_date` / `confidence_score`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Forecast {
    pub method_version: &'static str,
    pub status: ForecastStatus,
    /// `None` only for `InsufficientData`.
    pub model_type: Option<ModelType>,
    pub data_points: usize,
    pub direction: Option<GoalDirection>,
    pub as_of_day: Option<f64>,
    /// The latest reading (by day).
    pub current_value: Option<f64>,
    /// The chosen model's value at `as_of_day`.
    pub fitted_now: Option<f64>,
    /// The chosen curve's slope at `as_of_day`, units per day (the linear slope for the line).
    pub slope_per_day: Option<f64>,
    pub projected_day: Option<f64>,
    pub confidence: f64,
    pub confidence_basis: ConfidenceBasis,
    /// Every model that could be fitted, with its AICc, for the row's explanation.
    pub candidates: Vec<ModelFit>,
}

impl Forecast {
    /// The model the forecast uses.
    pub fn chosen(&self) -> Option<&ModelFit> {
        let model = self.model_type?;
        self.candidates.iter().find(|c| c.model_type == model)
    }

    fn insufficient(data_points: usize, current_value: Option<f64>) -> Forecast {
        Forecast {
            method_version: FORECAST_METHOD_VERSION,
            status: ForecastStatus::InsufficientData,
            model_type: None,
            data_points,
            direction: None,
            as_of_day: None,
            current_value,
            fitted_now: None,
            slope_per_day: None,
            projected_day: None,
            confidence: 0.0,
            confidence_basis: ConfidenceBasis::None,
            candidates: Vec::new(),
        }
    }
}

/// Readings with finite day and value, sorted by (day, value).
pub fn clean_observations(observations: &[Observation]) -> Vec<Observation> {
    let mut clean: Vec<Observation> =
        observations.iter().copied().filter(|o| o.day.is_finite() && o.value.is_finite()).collect();
    clean.sort_by(|a, b| a.day.total_cmp(&b.day).then(a.value.total_cmp(&b.value)));
    clean
}

/// Picks the model by the AICc rule of step 3 from fits that include the linear one.
pub fn choose_model(candidates: &[ModelFit]) -> Option<ModelType> {
    let linear = candidates.iter().find(|c| c.model_type == ModelType::LinearRegression)?;
    let mut best = (ModelType::LinearRegression, linear.aicc);
    if let Some(linear_aicc) = linear.aicc {
        for challenger in candidates.iter().filter(|c| c.model_type != ModelType::LinearRegression) {
            let Some(aicc) = challenger.aicc else { continue };
            let beats_linear = aicc <= linear_aicc - AICC_IMPROVEMENT;
            let beats_best = best.0 == ModelType::LinearRegression || best.1.is_some_and(|b| aicc < b);
            if beats_linear && beats_best {
                best = (challenger.model_type, Some(aicc));
            }
        }
    }
    Some(best.0)
}

/// Forecasts when `goal` will be reached from `observations`, as of `as_of_day` (default and
/// minimum: the latest reading's day).
pub fn forecast(observations: &[Observation], goal: &Goal, as_of_day: Option<f64>) -> Forecast {
    let obs = clean_observations(observations);
    let n = obs.len();
    let current_value = obs.last().map(|o| o.value);
    let (Some(first), Some(last)) = (obs.first(), obs.last()) else {
        return Forecast::insufficient(0, None);
    };
    if n < MIN_POINTS || last.day - first.day < MIN_SPAN_DAYS || !goal.target.is_finite() {
        return Forecast::insufficient(n, current_value);
    }
    let days: Vec<f64> = obs.iter().map(|o| o.day).collect();
    let values: Vec<f64> = obs.iter().map(|o| o.value).collect();
    let mut candidates = Vec::new();
    for (model, min_points) in [
        (ModelType::LinearRegression, MIN_POINTS),
        (ModelType::Polynomial, MIN_POINTS_POLYNOMIAL),
        (ModelType::Exponential, MIN_POINTS_EXPONENTIAL),
    ] {
        if n >= min_points {
            candidates.extend(fit(model, &days, &values));
        }
    }
    let Some(model_type) = choose_model(&candidates) else {
        return Forecast::insufficient(n, current_value);
    };
    let Some(chosen) = candidates.iter().find(|c| c.model_type == model_type) else {
        return Forecast::insufficient(n, current_value);
    };

    let now = as_of_day.filter(|d| d.is_finite()).unwrap_or(last.day).max(last.day);
    let direction = goal.direction.unwrap_or(if goal.target >= first.value {
        GoalDirection::Increase
    } else {
        GoalDirection::Decrease
    });
    let fitted_now = chosen.predict(now);
    let (status, projected_day) = if direction.meets(fitted_now, goal.target) {
        (ForecastStatus::AlreadyReached, Some(now))
    } else {
        match chosen.crossings(goal.target).into_iter().find(|d| *d > now) {
            None => (ForecastStatus::MovingAway, None),
            Some(day) if day - now > HORIZON_DAYS => (ForecastStatus::BeyondHorizon, None),
            Some(day) => (ForecastStatus::Projected, Some(day)),
        }
    };

    let (confidence, confidence_basis) = match goal.deadline_day.filter(|d| d.is_finite()) {
        Some(deadline) => {
            let p = match direction {
                GoalDirection::Increase => chosen.probability_at_least(deadline, goal.target),
                GoalDirection::Decrease => chosen.probability_at_most(deadline, goal.target),
            };
            (p.clamp(0.0, 1.0), ConfidenceBasis::PredictionInterval)
        }
        None => match status {
            ForecastStatus::Projected | ForecastStatus::AlreadyReached => {
                let sample_factor = ((n as f64 - 2.0) / 8.0).min(1.0);
                (chosen.adj_r_squared.clamp(0.0, 1.0) * sample_factor, ConfidenceBasis::AdjustedRSquared)
            }
            _ => (0.0, ConfidenceBasis::AdjustedRSquared),
        },
    };

    Forecast {
        method_version: FORECAST_METHOD_VERSION,
        status,
        model_type: Some(model_type),
        data_points: n,
        direction: Some(direction),
        as_of_day: Some(now),
        current_value,
        fitted_now: Some(fitted_now),
        slope_per_day: Some(chosen.slope_at(now)),
        projected_day,
        confidence,
        confidence_basis,
        candidates,
    }
}
