//! The three trend models of engine-methods.md §8, fitted by ordinary least squares:
//! linear `y = b + m·x`, quadratic `y = c + b·x + a·x²` (as `numpy.polyfit(x, y, 2)`), and
//! exponential `y = A·e^(k·x)` fitted as a line through `(x, ln y)`.
//!
//! Each fit works in a centred, scaled day variable `u = (x − x̄)/h` (h = half the day range) so
//! the 3×3 normal equations stay well conditioned; coefficients are reported on the raw day
//! scale. Prediction intervals are the textbook OLS ones: `ŷ₀ ± t(1−α/2, n−p)·s·√(1 + v₀ᵀ(XᵀX)⁻¹v₀)`
//! (equal to statsmodels' `get_prediction(x0).se_obs`). The log-likelihood is Gaussian at the
//! MLE variance SSE/n; for the exponential model the Jacobian −Σ ln yᵢ (change of variables,
//! f_Y(y) = f_{ln Y}(ln y)/y) puts it on the y scale so the three models' AICc can be compared.

use serde::{Deserialize, Serialize};

use super::stats::{student_t_cdf, student_t_quantile};

/// `wt_forecast_model` values (migration 0009).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "wt_forecast_model", rename_all = "snake_case"))]
#[serde(rename_all = "snake_case")]
pub enum ModelType {
    LinearRegression,
    Polynomial,
    Exponential,
}

impl ModelType {
    /// The value stored in `wt_forecasts.model_type`.
    pub fn as_str(self) -> &'static str {
        match self {
            ModelType::LinearRegression => "linear_regression",
            ModelType::Polynomial => "polynomial",
            ModelType::Exponential => "exponential",
        }
    }

    /// Regression coefficients, the `k` of AICc (statsmodels' `df_modelwc` convention).
    pub fn parameters(self) -> usize {
        match self {
            ModelType::Polynomial => 3,
            ModelType::LinearRegression | ModelType::Exponential => 2,
        }
    }
}

/// A fitted trend. `coefficients` are on the raw day scale, highest power first like
/// `numpy.polyfit`: linear `[m, b]`, quadratic `[a, b, c]`, exponential `[k, ln A]`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ModelFit {
    pub model_type: ModelType,
    pub coefficients: Vec<f64>,
    pub n: usize,
    /// Residual sum of squares on the fitting scale (ln y for the exponential model).
    pub sse: f64,
    pub r_squared: f64,
    pub adj_r_squared: f64,
    /// Gaussian log-likelihood on the y scale; `None` for an exact fit (SSE = 0, unbounded).
    pub log_likelihood: Option<f64>,
    /// Small-sample AIC; `None` when n ≤ k + 1 or the fit is exact (SSE = 0).
    pub aicc: Option<f64>,
    #[serde(skip)]
    centre: f64,
    #[serde(skip)]
    half_range: f64,
    #[serde(skip)]
    beta: [f64; 3],
    #[serde(skip)]
    xtx_inv: [[f64; 3]; 3],
}

impl ModelFit {
    /// Residual degrees of freedom, n − p.
    pub fn df(&self) -> usize {
        self.n - self.model_type.parameters()
    }

    /// Residual standard error s on the fitting scale.
    pub fn residual_se(&self) -> f64 {
        (self.sse / self.df() as f64).sqrt()
    }

    fn basis(&self, day: f64) -> [f64; 3] {
        let u = (day - self.centre) / self.half_range;
        [1.0, u, u * u]
    }

    fn p(&self) -> usize {
        self.model_type.parameters()
    }

    /// Fitted mean on the fitting scale (ln y for the exponential model).
    pub fn predict_fit_scale(&self, day: f64) -> f64 {
        let v = self.basis(day);
        (0..self.p()).map(|i| self.beta[i] * v[i]).sum()
    }

    /// Fitted value on the y scale.
    pub fn predict(&self, day: f64) -> f64 {
        let mean = self.predict_fit_scale(day);
        match self.model_type {
            ModelType::Exponential => mean.exp(),
            _ => mean,
        }
    }

    /// Standard error of a new observation at `day`, on the fitting scale.
    pub fn se_observation(&self, day: f64) -> f64 {
        let v = self.basis(day);
        let p = self.p();
        let quad: f64 = (0..p).map(|i| (0..p).map(|j| v[i] * self.xtx_inv[i][j] * v[j]).sum::<f64>()).sum();
        self.residual_se() * (1.0 + quad).sqrt()
    }

    /// Two-sided prediction interval for a new observation at `day` at `level` (e.g. 0.95), y scale.
    pub fn prediction_interval(&self, day: f64, level: f64) -> (f64, f64) {
        let half = student_t_quantile(0.5 + 0.5 * level, self.df() as f64) * self.se_observation(day);
        let mean = self.predict_fit_scale(day);
        match self.model_type {
            ModelType::Exponential => ((mean - half).exp(), (mean + half).exp()),
            _ => (mean - half, mean + half),
        }
    }

    /// P(a new observation at `day` is ≥ `threshold`) from the prediction distribution
    /// (Student's t with n − p degrees of freedom).
    pub fn probability_at_least(&self, day: f64, threshold: f64) -> f64 {
        self.tail_probability(day, threshold, true)
    }

    /// P(a new observation at `day` is ≤ `threshold`).
    pub fn probability_at_most(&self, day: f64, threshold: f64) -> f64 {
        self.tail_probability(day, threshold, false)
    }

    fn tail_probability(&self, day: f64, threshold: f64, at_least: bool) -> f64 {
        let threshold = match self.model_type {
            // ln y is finite, so y > 0 ≥ threshold always.
            ModelType::Exponential if threshold <= 0.0 => return if at_least { 1.0 } else { 0.0 },
            ModelType::Exponential => threshold.ln(),
            _ => threshold,
        };
        let mean = self.predict_fit_scale(day);
        let se = self.se_observation(day);
        if !(se > 0.0 && se.is_finite()) {
            // An exact fit has no spread: the prediction is certain.
            let meets = if at_least { mean >= threshold } else { mean <= threshold };
            return if meets { 1.0 } else { 0.0 };
        }
        let below = student_t_cdf((threshold - mean) / se, self.df() as f64);
        if at_least {
            1.0 - below
        } else {
            below
        }
    }

    /// Derivative of the fitted curve at `day`, in y units per day.
    pub fn slope_at(&self, day: f64) -> f64 {
        let u = (day - self.centre) / self.half_range;
        let du = match self.model_type {
            ModelType::Polynomial => self.beta[1] + 2.0 * self.beta[2] * u,
            _ => self.beta[1],
        } / self.half_range;
        match self.model_type {
            ModelType::Exponential => du * self.predict(day),
            _ => du,
        }
    }

    /// Days where the fitted curve equals `target` (solved on the fitting scale), ascending.
    pub fn crossings(&self, target: f64) -> Vec<f64> {
        let target = match self.model_type {
            ModelType::Exponential if target <= 0.0 => return Vec::new(),
            ModelType::Exponential => target.ln(),
            _ => target,
        };
        let (c, b, a) = (self.beta[0] - target, self.beta[1], if self.p() == 3 { self.beta[2] } else { 0.0 });
        let to_day = |u: f64| self.centre + self.half_range * u;
        let mut roots: Vec<f64> = if a.abs() <= 1e-12 * (b.abs() + c.abs()).max(f64::MIN_POSITIVE) {
            if b == 0.0 {
                Vec::new()
            } else {
                vec![-c / b]
            }
        } else {
            let disc = b * b - 4.0 * a * c;
            if disc < 0.0 {
                Vec::new()
            } else {
                // Numerically stable pair (Press et al., Numerical Recipes §5.6).
                let q = -0.5 * (b + b.signum() * disc.sqrt());
                if q == 0.0 {
                    vec![0.0]
                } else {
                    vec![q / a, c / q]
                }
            }
        };
        roots.iter_mut().for_each(|u| *u = to_day(*u));
        roots.retain(|d| d.is_finite());
        roots.sort_by(f64::total_cmp);
        roots
    }
}

/// Fits `model` to `(day, value)` points. `None` when the model cannot be fitted: fewer than
/// p + 1 points (no residual degree of freedom), fewer than p distinct days, a non-positive value
/// for the exponential model, or a singular design.
pub fn fit(model: ModelType, days: &[f64], values: &[f64]) -> Option<ModelFit> {
    let p = model.parameters();
    let n = days.len();
    if n != values.len() || n < p + 1 {
        return None;
    }
    let ys: Vec<f64> = match model {
        ModelType::Exponential if values.iter().any(|v| *v <= 0.0) => return None,
        ModelType::Exponential => values.iter().map(|v| v.ln()).collect(),
        _ => values.to_vec(),
    };
    let (min, max) = days.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), d| (lo.min(*d), hi.max(*d)));
    let half_range = 0.5 * (max - min);
    if half_range <= 0.0 || !half_range.is_finite() {
        return None;
    }
    let centre = days.iter().sum::<f64>() / n as f64;
    let mut xtx = [[0.0; 3]; 3];
    let mut xty = [0.0; 3];
    for (d, y) in days.iter().zip(&ys) {
        let u = (d - centre) / half_range;
        let v = [1.0, u, u * u];
        for i in 0..p {
            xty[i] += v[i] * y;
            for j in 0..p {
                xtx[i][j] += v[i] * v[j];
            }
        }
    }
    let xtx_inv = invert(xtx, p)?;
    let mut beta = [0.0; 3];
    for i in 0..p {
        beta[i] = (0..p).map(|j| xtx_inv[i][j] * xty[j]).sum();
    }
    let nf = n as f64;
    let y_mean = ys.iter().sum::<f64>() / nf;
    let residuals = |beta: &[f64; 3]| {
        days.iter().zip(&ys).fold((0.0, 0.0), |(sse, sst), (d, y)| {
            let u = (d - centre) / half_range;
            let fitted = beta[0] + beta[1] * u + if p == 3 { beta[2] * u * u } else { 0.0 };
            (sse + (y - fitted).powi(2), sst + (y - y_mean).powi(2))
        })
    };
    let (mut sse, sst) = residuals(&beta);
    // Rounding leaves ~1e-28 where a fit is exact; anything below (1e-10 × the largest |y|)² per
    // point is taken as exactly zero, so a flat series has slope 0 and an exact fit has SSE 0.
    let scale = ys.iter().fold(0.0_f64, |m, y| m.max(y.abs()));
    let negligible = nf * (1e-10 * scale).powi(2);
    if sst <= negligible {
        beta = [y_mean, 0.0, 0.0];
        sse = 0.0;
    } else if sse <= negligible {
        sse = 0.0;
    }
    // A flat series has nothing to explain: R² is taken as 0, not 0/0.
    let r_squared = if sst > negligible { 1.0 - sse / sst } else { 0.0 };
    let adj_r_squared = 1.0 - (1.0 - r_squared) * (nf - 1.0) / (nf - p as f64);
    let jacobian = match model {
        ModelType::Exponential => -ys.iter().sum::<f64>(),
        _ => 0.0,
    };
    let k = p as f64;
    let log_likelihood =
        (sse > 0.0).then(|| -0.5 * nf * ((2.0 * std::f64::consts::PI).ln() + (sse / nf).ln() + 1.0) + jacobian);
    let aicc = log_likelihood
        .filter(|_| nf - k - 1.0 > 0.0)
        .map(|llf| -2.0 * llf + 2.0 * k + 2.0 * k * (k + 1.0) / (nf - k - 1.0));
    let h = half_range;
    let coefficients = match model {
        ModelType::Polynomial => {
            let (b0, b1, b2) = (beta[0], beta[1], beta[2]);
            vec![
                b2 / (h * h),
                b1 / h - 2.0 * b2 * centre / (h * h),
                b0 - b1 * centre / h + b2 * centre * centre / (h * h),
            ]
        }
        _ => vec![beta[1] / h, beta[0] - beta[1] * centre / h],
    };
    Some(ModelFit {
        model_type: model,
        coefficients,
        n,
        sse,
        r_squared,
        adj_r_squared,
        log_likelihood,
        aicc,
        centre,
        half_range,
        beta,
        xtx_inv,
    })
}

/// Inverse of the leading p×p block of a symmetric matrix by Gauss–Jordan elimination with
/// partial pivoting; `None` when it is (numerically) singular.
fn invert(m: [[f64; 3]; 3], p: usize) -> Option<[[f64; 3]; 3]> {
    let mut a = m;
    let mut inv = [[0.0; 3]; 3];
    for (i, row) in inv.iter_mut().enumerate().take(p) {
        row[i] = 1.0;
    }
    let scale = (0..p).map(|i| a[i][i].abs()).fold(0.0, f64::max);
    for col in 0..p {
        let pivot = (col..p).max_by(|&r, &s| a[r][col].abs().total_cmp(&a[s][col].abs()))?;
        if a[pivot][col].abs() <= 1e-12 * scale {
            return None;
        }
        a.swap(col, pivot);
        inv.swap(col, pivot);
        let d = a[col][col];
        for j in 0..p {
            a[col][j] /= d;
            inv[col][j] /= d;
        }
        for r in 0..p {
            if r != col {
                let f = a[r][col];
                for j in 0..p {
                    a[r][j] -= f * a[col][j];
                    inv[r][j] -= f * inv[col][j];
                }
            }
        }
    }
    Some(inv)
}
