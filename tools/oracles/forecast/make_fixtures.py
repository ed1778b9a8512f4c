#!/usr/bin/env python3
"""Independent oracle for WellTrack goal forecasts (engine-methods.md section 8).

Writes the JSON fixtures read by `app/src/performance/forecast/tests.rs`:
  - t_distribution.json: scipy.stats.t cdf / ppf / pdf, scipy.special gammaln / betainc
  - forecast_cases.json: fits, model choice, projected day and confidence per case

The numerical work is done by scipy.stats.linregress, numpy.polyfit, numpy.roots,
statsmodels OLS (`get_prediction(...).se_obs`, `llf`, `rsquared_adj`), statsmodels'
`eval_measures.aicc` and scipy.stats.t, never by the Rust code. The decision rules
(minimum points, AICc >= 2 rule, status, confidence) are transcribed from the module doc
of app/src/performance/forecast/mod.rs.

Run (pinned versions in requirements.txt):
    python3 -m venv /tmp/oracle-venv2
    /tmp/oracle-venv2/bin/pip install -r tools/oracles/forecast/requirements.txt
    /tmp/oracle-venv2/bin/python tools/oracles/forecast/make_fixtures.py
"""
import json
import math
import pathlib
import warnings

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import special, stats
from statsmodels.tools.eval_measures import aicc as sm_aicc

OUT = pathlib.Path(__file__).resolve().parents[3] / "app/src/performance/forecast/fixtures"

MIN_POINTS, MIN_POINTS_EXPONENTIAL, MIN_POINTS_POLYNOMIAL = 3, 4, 5
MIN_SPAN_DAYS, HORIZON_DAYS, AICC_IMPROVEMENT = 7.0, 365.0, 2.0
K = {"linear_regression": 2, "polynomial": 3, "exponential": 2}


def t_distribution():
    dfs = [1, 2, 3, 4, 5, 7, 10, 30, 100, 1000]
    ts = [-40.0, -6.5, -2.5, -1.0, -0.3, 0.0, 0.05, 0.7, 1.96, 2.570582, 4.0, 12.0, 60.0]
    ps = [1e-9, 1e-4, 0.01, 0.025, 0.1, 0.3, 0.5, 0.6, 0.9, 0.975, 0.995, 0.9999, 1 - 1e-9]
    return {
        "source": f"scipy {scipy.__version__} scipy.stats.t / scipy.special",
        "cdf": [{"t": t, "df": d, "p": float(stats.t.cdf(t, d))} for d in dfs for t in ts],
        "ppf": [{"p": p, "df": d, "t": float(stats.t.ppf(p, d))} for d in dfs for p in ps],
        "pdf": [{"t": t, "df": d, "density": float(stats.t.pdf(t, d))} for d in (1, 5, 30) for t in (-3.0, 0.0, 0.8)],
        "ln_gamma": [{"x": x, "value": float(special.gammaln(x))} for x in (0.1, 0.5, 1.0, 1.5, 2.5, 7.0, 50.5, 500.0)],
        "betainc": [
            {"a": a, "b": b, "x": x, "value": float(special.betainc(a, b, x))}
            for (a, b) in ((0.5, 0.5), (2.5, 0.5), (0.5, 15.0), (5.0, 3.0), (50.0, 0.5))
            for x in (0.001, 0.2, 0.5, 0.8, 0.999)
        ],
    }


def fit_model(model, x, y):
    """One candidate fit, or None when it cannot be fitted (as the Rust `fit`)."""
    k = K[model]
    n = len(x)
    if n < k + 1 or len(set(x.tolist())) < k:
        return None
    if model == "exponential":
        if np.any(y <= 0):
            return None
        yy = np.log(y)
    else:
        yy = y
    deg = 2 if model == "polynomial" else 1
    if deg == 1:
        lr = stats.linregress(x, yy)
        coefficients = [float(lr.slope), float(lr.intercept)]
    else:
        coefficients = [float(c) for c in np.polyfit(x, yy, 2)]
    exog = np.column_stack([x**i for i in range(deg + 1)])
    res = sm.OLS(yy, exog).fit()
    sse = float(res.ssr)
    sst = float(np.sum((yy - yy.mean()) ** 2))
    # Same exactness rule as the Rust doc: below n*(1e-10*max|y|)^2 counts as zero.
    negligible = n * (1e-10 * float(np.max(np.abs(yy)))) ** 2
    flat = sst <= negligible
    exact = flat or sse <= negligible
    if flat:
        coefficients = [0.0] * deg + [float(yy.mean())]
    if exact:
        sse = 0.0
    r2 = 1.0 - sse / sst if not flat else 0.0
    adj = 1.0 - (1.0 - r2) * (n - 1) / (n - k)
    if not flat:
        assert abs(adj - res.rsquared_adj) < 1e-9, (adj, res.rsquared_adj)
    jac = -float(np.sum(yy)) if model == "exponential" else 0.0
    if sse > 0:
        llf = float(res.llf) + jac
        aicc = float(sm_aicc(llf, n, k)) if n - k - 1 > 0 else None
    else:
        llf, aicc = None, None
    return {"model_type": model, "coefficients": coefficients, "sse": sse, "r_squared": r2,
            "adj_r_squared": adj, "log_likelihood": llf, "aicc": aicc, "_res": res, "_deg": deg,
            "_flat": flat, "_exact": exact}


def exog_at(fit, day):
    return np.array([[day**i for i in range(fit["_deg"] + 1)]])


def mean_fit_scale(fit, day):
    if fit["_flat"]:
        return fit["coefficients"][-1]
    return float(fit["_res"].get_prediction(exog_at(fit, day)).predicted_mean[0])


def predict(fit, day):
    mean = mean_fit_scale(fit, day)
    return math.exp(mean) if fit["model_type"] == "exponential" else mean


def se_obs(fit, day):
    if fit["_exact"]:
        return 0.0
    return float(fit["_res"].get_prediction(exog_at(fit, day)).se_obs[0])


def slope_at(fit, day):
    c = fit["coefficients"]
    if fit["model_type"] == "polynomial":
        return 2 * c[0] * day + c[1]
    if fit["model_type"] == "exponential":
        return c[0] * predict(fit, day)
    return c[0]


def crossings(fit, target):
    c = list(fit["coefficients"])
    if fit["model_type"] == "exponential":
        if target <= 0:
            return []
        target = math.log(target)
    c[-1] -= target
    if fit["model_type"] == "polynomial" and abs(c[0]) > 1e-15:
        roots = np.roots(c)
        return sorted(float(r.real) for r in roots if abs(r.imag) < 1e-12)
    m, b = c[-2], c[-1]
    return [] if m == 0 else [-b / m]


def probability(fit, day, target, direction):
    thr = target
    if fit["model_type"] == "exponential":
        if target <= 0:
            return 1.0 if direction == "increase" else 0.0
        thr = math.log(target)
    mean, se = mean_fit_scale(fit, day), se_obs(fit, day)
    df = fit["_res"].df_resid
    if not se > 0:
        meets = mean >= thr if direction == "increase" else mean <= thr
        return 1.0 if meets else 0.0
    below = float(stats.t.cdf((thr - mean) / se, df))
    return 1.0 - below if direction == "increase" else below


def forecast(obs, goal, as_of):
    obs = sorted(obs, key=lambda o: (o[0], o[1]))
    n = len(obs)
    out = {"data_points": n, "current_value": obs[-1][1] if obs else None}
    if n < MIN_POINTS or obs[-1][0] - obs[0][0] < MIN_SPAN_DAYS:
        return {**out, "status": "insufficient_data", "model_type": None, "confidence": 0.0,
                "projected_day": None, "candidates": []}
    x = np.array([o[0] for o in obs], float)
    y = np.array([o[1] for o in obs], float)
    fits = []
    for model, minimum in (("linear_regression", MIN_POINTS), ("polynomial", MIN_POINTS_POLYNOMIAL),
                           ("exponential", MIN_POINTS_EXPONENTIAL)):
        if n >= minimum:
            f = fit_model(model, x, y)
            if f is not None:
                fits.append(f)
    linear = fits[0]
    best, best_aicc = linear, linear["aicc"]
    margins = {}
    if linear["aicc"] is not None:
        for f in fits[1:]:
            if f["aicc"] is None:
                continue
            margins[f["model_type"]] = linear["aicc"] - f["aicc"]
            if f["aicc"] <= linear["aicc"] - AICC_IMPROVEMENT and (best is linear or f["aicc"] < best_aicc):
                best, best_aicc = f, f["aicc"]
    for m in margins.values():  # keep fixtures away from the 2.0 knife edge
        assert abs(m - AICC_IMPROVEMENT) > 0.05, margins
    now = max(as_of if as_of is not None else obs[-1][0], obs[-1][0])
    direction = goal.get("direction") or ("increase" if goal["target"] >= obs[0][1] else "decrease")
    target = goal["target"]
    fitted_now = predict(best, now)
    meets = fitted_now >= target if direction == "increase" else fitted_now <= target
    if meets:
        status, projected = "already_reached", now
    else:
        future = [d for d in crossings(best, target) if d > now]
        if not future:
            status, projected = "moving_away", None
        elif future[0] - now > HORIZON_DAYS:
            status, projected = "beyond_horizon", None
        else:
            status, projected = "projected", future[0]
    deadline = goal.get("deadline_day")
    if deadline is not None:
        confidence, basis = probability(best, deadline, target, direction), "prediction_interval"
    elif status in ("projected", "already_reached"):
        confidence = min(max(best["adj_r_squared"], 0.0), 1.0) * min(1.0, (n - 2) / 8)
        basis = "adjusted_r_squared"
    else:
        confidence, basis = 0.0, "adjusted_r_squared"
    checks = []
    for day in sorted({now, deadline if deadline is not None else now, obs[0][0]}):
        for f in fits:
            res = f["_res"]
            if f["_exact"]:
                lo = hi = mean_fit_scale(f, day)
            else:
                frame = res.get_prediction(exog_at(f, day)).summary_frame(alpha=0.05)
                lo, hi = float(frame["obs_ci_lower"].iloc[0]), float(frame["obs_ci_upper"].iloc[0])
            if f["model_type"] == "exponential":
                lo, hi = math.exp(lo), math.exp(hi)
            checks.append({"model_type": f["model_type"], "day": day, "predicted": predict(f, day),
                           "se_observation": se_obs(f, day), "pi95": [lo, hi]})
    return {**out, "status": status, "model_type": best["model_type"], "direction": direction,
            "as_of_day": now, "fitted_now": fitted_now, "slope_per_day": slope_at(best, now),
            "projected_day": projected, "confidence": confidence, "confidence_basis": basis,
            "aicc_margins_vs_linear": margins,
            "candidates": [{k: v for k, v in f.items() if not k.startswith("_")} for f in fits],
            "predictions": checks}


def cases():
    rng = np.random.default_rng(20240601)
    vo2_x = [0, 7, 14, 21, 28, 35, 42]
    vo2_y = [40.0, 40.6, 41.1, 41.3, 42.0, 42.4, 43.1]
    vo2 = list(zip(vo2_x, vo2_y))
    spike_days = list(range(0, 120))
    spike = [(d, round(82.0 - 0.05 * d + (2.5 if d % 30 == 0 else 0.0) + float(rng.normal(0, 0.3)), 2))
             for d in spike_days]
    growth = [(d, round(20.0 * math.exp(0.012 * d) * math.exp(float(rng.normal(0, 0.01))), 3))
              for d in range(0, 121, 4)]
    curve = [(d, round(50 + 0.3 * d - 0.002 * d * d + float(rng.normal(0, 0.05)), 3)) for d in range(0, 41, 2)]
    past_peak = [(d, round(50 + 0.3 * d - 0.002 * d * d + float(rng.normal(0, 0.05)), 3)) for d in range(0, 121, 4)]
    return [
        ("doc_worked_example_vo2max", vo2, {"target": 45.0, "deadline_day": 90.0}, None),
        ("doc_worked_example_no_deadline", vo2, {"target": 45.0}, None),
        ("no_data", [], {"target": 45.0}, None),
        ("one_point", [(0, 70.0)], {"target": 65.0, "deadline_day": 60.0}, None),
        ("two_points", [(0, 70.0), (14, 69.0)], {"target": 65.0}, None),
        ("short_span", [(0, 70.0), (1, 69.8), (2, 69.9), (3, 69.5), (4, 69.4)], {"target": 65.0}, None),
        ("three_points_minimum", [(0, 70.0), (7, 69.4), (14, 69.1)], {"target": 67.0, "deadline_day": 40.0}, None),
        ("flat_series_target_above", [(7 * i, 60.0) for i in range(10)], {"target": 65.0, "deadline_day": 120.0}, None),
        ("flat_series_no_deadline", [(7 * i, 60.0) for i in range(10)], {"target": 65.0}, None),
        ("target_already_reached", [(7 * i, v) for i, v in enumerate([82.0, 81.0, 80.3, 79.4, 78.2, 77.4, 76.3, 75.5, 74.6, 73.7])],
         {"target": 75.0, "deadline_day": 100.0}, None),
        ("target_already_reached_no_deadline", [(7 * i, v) for i, v in enumerate([82.0, 81.0, 80.3, 79.4, 78.2, 77.4, 76.3, 75.5, 74.6, 73.7])],
         {"target": 75.0}, None),
        ("moving_away", [(7 * i, v) for i, v in enumerate([80.0, 80.4, 80.9, 81.1, 81.8, 82.0, 82.6])],
         {"target": 75.0, "deadline_day": 120.0}, None),
        ("moving_away_no_deadline", [(7 * i, v) for i, v in enumerate([80.0, 80.4, 80.9, 81.1, 81.8, 82.0, 82.6])],
         {"target": 75.0}, None),
        ("monthly_spike", spike, {"target": 75.0, "deadline_day": 200.0}, None),
        ("exponential_growth", growth, {"target": 100.0, "deadline_day": 150.0}, None),
        ("quadratic_curvature", curve, {"target": 60.0, "deadline_day": 60.0}, None),
        ("quadratic_past_peak", past_peak, {"target": 62.0}, None),
        ("beyond_horizon", [(7 * i, 50.0 + 0.007 * i + (0.05 if i % 2 else -0.05)) for i in range(12)], {"target": 60.0}, None),
        ("decrease_projected_with_deadline", [(3 * i, 31.5 - 0.08 * i + (0.1 if i % 3 == 0 else -0.04)) for i in range(15)],
         {"target": 29.0, "direction": "decrease", "deadline_day": 120.0}, None),
        ("unsorted_with_duplicate_day", [(14, 41.0), (0, 40.0), (7, 40.6), (7, 40.4), (28, 42.1), (21, 41.5)],
         {"target": 44.0, "deadline_day": 70.0}, None),
        ("non_positive_values", [(7 * i, -2.0 + 0.4 * i + (0.1 if i % 2 else 0.0)) for i in range(8)],
         {"target": 3.0, "deadline_day": 90.0}, None),
        ("explicit_direction_reached", [(7 * i, 50.0 + 0.2 * i + (0.03 if i % 2 else -0.02)) for i in range(6)],
         {"target": 45.0, "direction": "increase"}, None),
        ("as_of_after_last_reading", vo2, {"target": 45.0, "deadline_day": 90.0}, 60.0),
    ]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "t_distribution.json").write_text(json.dumps(t_distribution(), indent=1) + "\n")
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, obs, goal, as_of in cases():
            expected = forecast([(float(d), float(v)) for d, v in obs], goal, as_of)
            out.append({"name": name, "observations": [{"day": float(d), "value": float(v)} for d, v in obs],
                        "goal": {"target": goal["target"], "direction": goal.get("direction"),
                                 "deadline_day": goal.get("deadline_day")},
                        "as_of_day": as_of, "expected": expected})
            print(f"{name:40s} {expected['status']:18s} {str(expected.get('model_type')):18s} "
                  f"proj={expected.get('projected_day')} conf={expected['confidence']:.4f} "
                  f"margins={expected.get('aicc_margins_vs_linear')}")
    doc = {"source": f"numpy {np.__version__}, scipy {scipy.__version__}, statsmodels {statsmodels.__version__}",
           "cases": out}
    (OUT / "forecast_cases.json").write_text(json.dumps(doc, indent=1) + "\n")


if __name__ == "__main__":
    main()
