"""Oracles for the daily series: PMC (section 2), ACWR (section 3) and baselines (section 4).

PMC: pandas ewm(alpha=1-exp(-1/tau), adjust=False) with the seed prepended (pandas seeds
y0 = x0; GoldenCheetah seeds 0 on the day before the first ride).
ACWR: pandas ewm(span=7/28, adjust=False) (Williams 2017, pandas' first-value seeding) and
Series.rolling().mean().
Baselines: numpy log / mean / std(ddof=1) / polyfit on a pandas groupby of daily values.
"""
import math

import numpy as np
import pandas as pd


def grid(entries, end_day):
    df = pd.DataFrame(entries, columns=["day", "load"]).astype({"day": "int64", "load": "float64"})
    df = df[(df["load"] >= 0) & np.isfinite(df["load"]) & (df["day"] <= end_day)]
    if df.empty:
        return None, pd.Series(dtype=float)
    start = int(df["day"].min())
    s = df.groupby("day")["load"].sum().reindex(range(start, end_day + 1), fill_value=0.0).astype(float)
    return start, s


def pmc_oracle(entries, end_day, seed):
    start, s = grid(entries, end_day)
    keys = ["day", "load", "ctl", "atl", "form", "form_pct", "ramp", "warming_up"]
    if start is None:
        return {k: [] for k in keys}
    sc, sa = (seed["ctl"], seed["atl"]) if seed else (0.0, 0.0)
    ctl = pd.Series([sc] + s.tolist()).ewm(alpha=1 - math.exp(-1 / 42), adjust=False).mean()
    atl = pd.Series([sa] + s.tolist()).ewm(alpha=1 - math.exp(-1 / 7), adjust=False).mean()
    form = (ctl - atl).iloc[:-1].to_numpy()
    prev_ctl = ctl.iloc[:-1].to_numpy()
    form_pct = [100 * f / c if c >= 1.0 else None for f, c in zip(form, prev_ctl)]
    ramp = (ctl - ctl.shift(7)).fillna(ctl - ctl.iloc[0]).iloc[1:]
    n = len(s)
    return {
        "day": list(s.index),
        "load": s.tolist(),
        "ctl": ctl.iloc[1:].tolist(),
        "atl": atl.iloc[1:].tolist(),
        "form": form.tolist(),
        "form_pct": form_pct,
        "ramp": ramp.tolist(),
        "warming_up": [seed is None and i + 1 < 42 for i in range(n)],
    }


def entries_from(loads, start=0):
    return [{"day": start + i, "load": float(x)} for i, x in enumerate(loads)]


def pmc_cases():
    doc = [100] * 7 + [0] * 7 + [50, 80, 0, 120, 60, 0, 90]
    spike = [30.0] * 120
    for d in (29, 59, 89, 119):
        spike[d] = 250.0
    cases = [
        ("doc_example", entries_from(doc), 20, None),
        ("no_data", [], 10, None),
        ("one_point", [{"day": 5, "load": 60.0}], 5, None),
        ("one_point_decay", [{"day": 0, "load": 100.0}], 60, None),
        ("gaps_multi_unordered", [{"day": 25, "load": 40.0}, {"day": 3, "load": 30.0}, {"day": 10, "load": 55.5},
                                  {"day": 3, "load": 12.5}, {"day": 50, "load": 99.0}, {"day": 12, "load": -4.0}], 40, None),
        ("flat", entries_from([50.0] * 200), 199, None),
        ("monthly_spike", entries_from(spike), 119, None),
        ("seeded", entries_from([60, 0, 45, 70, 0, 30, 90, 20, 0, 55, 65, 0, 40, 80], start=100), 113, {"ctl": 40.0, "atl": 55.0}),
        ("end_before_start", [{"day": 10, "load": 50.0}], 5, None),
    ]
    out = []
    for name, entries, end_day, seed in cases:
        exp = pmc_oracle(entries, end_day, seed)
        if name == "doc_example":  # engine-methods.md section 2 table
            for d, c, a in [(1, 2.3528, 13.3122), (7, 15.3518, 63.2121), (14, 12.9950, 23.2544), (21, 19.7832, 44.9828)]:
                assert round(exp["ctl"][d - 1], 4) == c and round(exp["atl"][d - 1], 4) == a
        out.append({"name": name, "entries": entries, "end_day": end_day, "seed": seed, "expected": exp})
    return out


def trend(r, warming):
    if warming:
        return "warming_up"
    if r is None:
        return "no_chronic_load"
    return "rising_faster_than_usual" if r > 1.5 else ("lower_than_usual" if r < 0.8 else "in_line_with_usual")


def acwr_oracle(entries, end_day):
    start, s = grid(entries, end_day)
    keys = ["day", "load", "acute_ewma", "chronic_ewma", "ewma_ratio", "rolling_coupled", "rolling_uncoupled", "warming_up", "trend"]
    if start is None:
        return {k: [] for k in keys}
    s = s.reset_index(drop=True)
    acute = s.ewm(span=7, adjust=False).mean()
    chronic = s.ewm(span=28, adjust=False).mean()
    ra = s.rolling(7).mean()
    rc = s.rolling(28).mean()
    ru = s.shift(7).rolling(21).mean()

    def rat(n, d):
        return None if (d is None or not np.isfinite(d) or d < 0.1 or not np.isfinite(n)) else n / d

    ew = [rat(a, c) for a, c in zip(acute, chronic)]
    warm = [i + 1 < 28 for i in range(len(s))]
    return {
        "day": list(range(start, end_day + 1)),
        "load": s.tolist(),
        "acute_ewma": acute.tolist(),
        "chronic_ewma": chronic.tolist(),
        "ewma_ratio": ew,
        "rolling_coupled": [rat(a, c) for a, c in zip(ra, rc)],
        "rolling_uncoupled": [rat(a, c) for a, c in zip(ra, ru)],
        "warming_up": warm,
        "trend": [trend(r, w) for r, w in zip(ew, warm)],
    }


def acwr_cases():
    base = [300, 0, 450, 300, 0, 500, 200]
    spike = [30.0] * 90
    for d in (29, 59, 89):
        spike[d] = 300.0
    cases = [
        ("doc_spike", entries_from(base * 3 + [2 * v for v in base]), 27),
        ("no_data", [], 30),
        ("one_point", [{"day": 0, "load": 80.0}], 0),
        ("flat", entries_from([40.0] * 60), 59),
        ("monthly_spike", entries_from(spike), 89),
        ("gap_decay", [{"day": 0, "load": 10.0}, {"day": 2, "load": 5.0}], 80),
        ("zeros", entries_from([0.0] * 35), 34),
        ("multi_unordered", [{"day": 40, "load": 20.0}, {"day": 0, "load": 35.0}, {"day": 40, "load": 15.0}, {"day": 31, "load": 60.0}], 45),
    ]
    out = []
    for name, entries, end_day in cases:
        exp = acwr_oracle(entries, end_day)
        if name == "doc_spike":  # engine-methods.md section 3 table
            assert round(exp["ewma_ratio"][27], 4) == 1.3486
            assert round(exp["rolling_coupled"][27], 4) == 1.6 and round(exp["rolling_uncoupled"][27], 4) == 2.0
        out.append({"name": name, "entries": entries, "end_day": end_day, "expected": exp})
    return out


# ---- baselines -------------------------------------------------------------------------
RULES = {  # window, N_min, D_min, ln, sd floor, excludes current week, weekly density rule, valid range
    "hrv": (60, 14, 14, True, 0.05, True, True, (1.0, 500.0)),
    "resting_hr": (60, 14, 14, False, 1.5, True, True, (25.0, 220.0)),
    "sleep_quality": (30, 7, 7, False, 0.0, True, True, (0.0, 100.0)),
    "stress": (30, 7, 7, False, 0.0, True, True, (0.0, 100.0)),
    "vo2max": (180, 3, 14, False, 0.0, False, False, (5.0, 100.0)),
}


def daily(metric, obs, lo_day, hi_day):
    w, nmin, dmin, ln, floor, excl, dens, (lo, hi) = RULES[metric]
    df = pd.DataFrame(obs, columns=["day", "value"]).astype({"day": "int64", "value": "float64"})
    df = df[np.isfinite(df["value"]) & (df["value"] >= lo) & (df["value"] <= hi) & (df["day"] >= lo_day) & (df["day"] <= hi_day)]
    vals = np.log(df["value"]) if ln else df["value"]
    return vals.groupby(df["day"]).mean().sort_index()


def baseline_oracle(metric, obs, as_of):
    w, nmin, dmin, ln, floor, excl, dens, _ = RULES[metric]
    end = as_of - 7 if excl else as_of
    start = end - w + 1
    d = daily(metric, obs, start, end)
    cur = daily(metric, obs, as_of - 6, as_of)
    n = len(d)
    x = d.to_numpy()
    mean = float(x.mean()) if n else None
    sd = float(x.std(ddof=1)) if n >= 2 else None
    sd_used = max(sd, floor) if sd is not None else None
    lo = mean - 0.5 * sd_used if sd_used is not None else None
    hi = mean + 0.5 * sd_used if sd_used is not None else None
    nat = (lambda v: None if v is None else (math.exp(v) if ln else v))
    span = int(d.index[-1] - d.index[0] + 1) if n else 0
    days = np.asarray(d.index)
    week_ok = lambda e: int(((days > e - 7) & (days <= e)).sum()) >= 3  # noqa: E731
    dense = (not dens) or (week_ok(end) and week_ok(end - 7))
    status = "pending" if n == 0 else ("complete" if n >= nmin and span >= dmin and dense else "in_progress")
    latest = float(x[-1]) if n else None
    trend = float(np.polyfit(days.astype(float), x, 1)[0] * 7) if n >= 2 else None
    return {
        "capture_start": start, "capture_end": end, "data_points_count": n, "span_days": span,
        "baseline_value": latest if metric == "vo2max" else mean, "mean": mean, "sd": sd, "sd_used": sd_used,
        "normal_low": lo, "normal_high": hi, "normal_low_natural": nat(lo), "normal_high_natural": nat(hi),
        "latest": latest, "trend_per_week": trend,
        "current_mean": float(cur.mean()) if len(cur) else None, "current_count": len(cur),
        "calibration_status": status, "is_complete": status == "complete",
    }


def obs_from(values, start=0):
    return [{"day": start + i, "value": float(v)} for i, v in enumerate(values)]


REC_HRV_BASE = [52, 58, 61, 49, 55, 60, 57, 53, 59, 62, 50, 56, 54, 58]
REC_HRV_LAST7 = [54, 52, 55, 53, 51, 56, 52]
REC_RHR_BASE = [54, 55, 53, 56, 54, 55, 57, 54, 53, 55, 56, 54, 55, 54]


def baseline_cases():
    rng_vals = [61, 58, 63, 57, 60, 62, 59, 64, 58, 61, 60, 63, 57, 62, 59, 61, 60, 58, 62, 63]
    sparse_days = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 25, 32]  # last 2 weeks thin
    spike = [52.0 + (i % 3) for i in range(60)]
    for dd in (10, 40):
        spike[dd] = 75.0
    cases = [
        ("hrv_doc_example", "hrv", obs_from(REC_HRV_BASE + REC_HRV_LAST7), 20),
        ("rhr_doc_example", "resting_hr", obs_from(REC_RHR_BASE + [56]), 20),
        ("pending_no_data", "hrv", [], 100),
        ("pending_only_current_week", "hrv", obs_from([60, 62, 58], start=95), 100),
        ("in_progress_few_points", "resting_hr", obs_from([55, 56, 54, 57, 55], start=80), 100),
        ("in_progress_thin_recent_weeks", "hrv", [{"day": d, "value": float(v)} for d, v in zip(sparse_days, rng_vals)], 46),
        ("flat_rhr_floor", "resting_hr", obs_from([50] * 30, start=60), 100),
        ("flat_hrv_floor", "hrv", obs_from([60] * 21), 27),
        ("multi_per_day_invalid_unordered", "stress", [
            {"day": 12, "value": 40.0}, {"day": 3, "value": 35.0}, {"day": 12, "value": 50.0}, {"day": 5, "value": 150.0},
            {"day": 7, "value": -5.0}, {"day": 1, "value": 20.0}, {"day": 9, "value": 33.0}, {"day": 10, "value": 41.0},
            {"day": 11, "value": 38.0}, {"day": 13, "value": 45.0}, {"day": 14, "value": 30.0}, {"day": 8, "value": 29.0},
            {"day": 6, "value": 31.0}, {"day": 20, "value": 60.0}], 21),
        ("sleep_quality_complete", "sleep_quality", obs_from([72, 80, 65, 77, 81, 70, 74, 79, 68, 75, 83, 71, 76, 78]), 20),
        ("vo2max_sparse", "vo2max", [{"day": 0, "value": 40.0}, {"day": 30, "value": 40.6}, {"day": 70, "value": 41.3}, {"day": 99, "value": 42.0}], 100),
        ("vo2max_single", "vo2max", [{"day": 50, "value": 44.5}], 100),
        ("monthly_spike_rhr", "resting_hr", obs_from(spike), 66),
        ("window_edges", "resting_hr", [{"day": d, "value": 50.0 + (d % 5)} for d in (-47, -46, -45, 13, 14, 15)] +
         obs_from([52, 53, 51, 54, 52, 53, 55, 52, 51, 53, 54, 52, 53, 52], start=0), 20),
    ]
    out = []
    for name, metric, obs, as_of in cases:
        exp = baseline_oracle(metric, obs, as_of)
        if name == "hrv_doc_example":  # engine-methods.md section 4 worked example
            assert round(exp["mean"], 4) == 4.0229 and round(exp["sd"], 4) == 0.0727
            assert round(exp["normal_low_natural"], 1) == 53.9 and round(exp["normal_high_natural"], 1) == 57.9
            assert round(exp["current_mean"], 4) == 3.9752 and exp["calibration_status"] == "complete"
        out.append({"name": name, "metric": metric, "as_of": as_of, "observations": obs, "expected": exp})
    return out
