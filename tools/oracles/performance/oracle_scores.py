"""Oracles for the scores: the normal CDF, the sleep score (section 6) and the recovery score
(section 5), with scipy.stats.norm.cdf and numpy.interp.
"""
import math

import numpy as np
from scipy.stats import norm

from oracle_series import REC_HRV_BASE, REC_HRV_LAST7, REC_RHR_BASE


def normal_cdf_fixture():
    z = np.concatenate([np.linspace(-9, 9, 361), [-40.0, -37.5, -7.08, -7.07, -1e-9, 0.0, 1e-9, 7.07, 7.08, 37.5, 40.0]])
    return {"z": z.tolist(), "cdf": norm.cdf(z).tolist()}


# ---- sleep ---------------------------------------------------------------------------
NSF = [  # (min age, max age, group, min h, max h), Hirshkowitz 2015
    (0, 0, "infant", 12, 15), (1, 2, "toddler", 11, 14), (3, 5, "preschool", 10, 13), (6, 13, "school_age", 9, 11),
    (14, 17, "teen", 8, 10), (18, 25, "young_adult", 7, 9), (26, 64, "adult", 7, 9), (65, 200, "older_adult", 7, 8),
]
WEIGHTS = {"duration": 0.40, "efficiency": 0.25, "latency": 0.10, "waso": 0.15, "awakenings": 0.10}


def need(age):
    for lo, hi, g, a, b in NSF:
        if lo <= age <= hi:
            return {"group": g, "min_hours": float(a), "max_hours": float(b)}


def sleep_oracle(inp):
    nd = need(inp["age_years"])

    def ok(v, mx=math.inf):
        return v is not None and math.isfinite(v) and 0 <= v <= mx

    sub = {}
    tsm = inp.get("total_sleep_minutes")
    if ok(tsm, 1440):
        h = tsm / 60
        dist = max(nd["min_hours"] - h, 0, h - nd["max_hours"])
        sub["duration"] = float(np.clip(100 * (1 - dist / 3), 0, 100))
    if ok(inp.get("efficiency_pct"), 100):
        sub["efficiency"] = float(np.interp(inp["efficiency_pct"], [70, 85, 95], [0, 50, 100]))
    if ok(inp.get("latency_minutes")):
        sub["latency"] = float(np.interp(inp["latency_minutes"], [15, 60], [100, 0]))
    if ok(inp.get("waso_minutes")):
        sub["waso"] = float(np.interp(inp["waso_minutes"], [20, 90], [100, 0]))
    if inp.get("awakenings") is not None:
        sub["awakenings"] = float(max(0, 100 - 25 * max(inp["awakenings"] - 1, 0)))
    wt = sum(WEIGHTS[k] for k in sub)
    res = {k: sub.get(k) for k in WEIGHTS}
    res.update({"need": nd, "weight_total": wt, "score": (sum(WEIGHTS[k] * v for k, v in sub.items()) / wt) if wt else None})
    return res


def sleep_cases():
    full = {"total_sleep_minutes": 450, "efficiency_pct": 91, "latency_minutes": 22, "waso_minutes": 35, "awakenings": 2}
    cases = [("adult_full_night", {"age_years": 35, **full})]
    cases.append(("efficiency_85_only", {"age_years": 40, "efficiency_pct": 85}))
    cases.append(("nothing_known", {"age_years": 40}))
    for age in (0, 1, 2, 3, 5, 6, 13, 14, 17, 18, 25, 26, 64, 65, 90):
        cases.append((f"age_{age}_9h30", {"age_years": age, "total_sleep_minutes": 570}))
    cases += [
        ("child_7_short", {"age_years": 7, "total_sleep_minutes": 480, "efficiency_pct": 88, "awakenings": 1}),
        ("adult_3h_short_zero", {"age_years": 30, "total_sleep_minutes": 240}),
        ("adult_long_10h", {"age_years": 30, "total_sleep_minutes": 600, "waso_minutes": 20}),
        ("edges_max", {"age_years": 30, "total_sleep_minutes": 420, "efficiency_pct": 95, "latency_minutes": 15, "waso_minutes": 20, "awakenings": 0}),
        ("edges_min", {"age_years": 30, "total_sleep_minutes": 0, "efficiency_pct": 70, "latency_minutes": 60, "waso_minutes": 90, "awakenings": 5}),
        ("awakenings_many", {"age_years": 30, "awakenings": 9}),
        ("latency_mid", {"age_years": 30, "latency_minutes": 37.5, "waso_minutes": 55}),
        ("invalid_values_missing", {"age_years": 30, "total_sleep_minutes": 1500, "efficiency_pct": 120, "latency_minutes": -3, "waso_minutes": 10}),
        ("older_adult_8h30", {"age_years": 70, "total_sleep_minutes": 510, "efficiency_pct": 80}),
    ]
    out = []
    for name, inp in cases:
        exp = sleep_oracle(inp)
        if name == "efficiency_85_only":
            assert exp["score"] == 50.0
        out.append({"name": name, "input": inp, "expected": exp})
    return out


# ---- recovery -------------------------------------------------------------------------
W = {"hrv": 0.35, "resting_hr": 0.20, "sleep": 0.25, "stress": 0.10, "load": 0.10}


def band(s):
    r = math.floor(s + 0.5)
    return "green" if r >= 67 else ("red" if r <= 33 else "yellow")


def recovery_oracle(i):
    comps = {}

    def zcomp(key, x, b, sign, nights_ok=True):
        if x is None:
            return {"value": None, "z": None, "excluded": "missing"}
        z = sign * (x - b["mean"]) / b["sd"] if b and b["sd"] > 0 else None
        v = None if z is None else float(100 * norm.cdf(z))
        ex = "too_few_nights" if not nights_ok else (None if z is not None and b["calibration_status"] == "complete" else "not_calibrated")
        return {"value": v, "z": z, "excluded": ex}

    comps["hrv"] = zcomp("hrv", i.get("hrv_mean7_ln"), i.get("hrv_baseline"), 1.0, i.get("hrv_nights", 0) >= 3)
    comps["resting_hr"] = zcomp("resting_hr", i.get("resting_hr"), i.get("rhr_baseline"), -1.0)
    for key, x, f in (("sleep", i.get("sleep_score"), lambda s: s), ("stress", i.get("stress"), lambda s: 100 - s)):
        comps[key] = {"value": f(x), "z": None, "excluded": None} if x is not None and 0 <= x <= 100 else {"value": None, "z": None, "excluded": "missing"}
    ctl, atl = i.get("ctl"), i.get("atl")
    fp = 100 * (ctl - atl) / ctl if ctl is not None and atl is not None and ctl >= 1 else None
    if ctl is None or atl is None:
        comps["load"] = {"value": None, "z": None, "excluded": "missing"}
    elif fp is None:
        comps["load"] = {"value": None, "z": None, "excluded": "no_fitness_yet"}
    else:
        comps["load"] = {"value": float(np.clip(50 + fp * 50 / 30, 0, 100)), "z": None, "excluded": "warming_up" if i.get("load_warming_up") else None}
    used = [k for k, c in comps.items() if c["excluded"] is None and c["value"] is not None]
    heart = [k for k in used if k in ("hrv", "resting_hr")]
    res = {"form_pct": fp, "recovery_score": None, "band": None, "hr_component": None, "sleep_component": None,
           "stress_component": None, "load_component": None}
    tot = sum(W[k] for k in used)
    for k, c in comps.items():
        c["component"] = k
        c["base_weight"] = W[k]
        c["weight"] = W[k] / tot if heart and k in used else 0.0
    if heart:
        score = sum(comps[k]["weight"] * comps[k]["value"] for k in used)
        res.update({"recovery_score": score, "band": band(score),
                    "hr_component": sum(W[k] * comps[k]["value"] for k in heart) / sum(W[k] for k in heart)})
        for k in ("sleep", "stress", "load"):
            res[f"{k}_component"] = comps[k]["value"] if k in used else None
    res["components"] = [comps[k] for k in W]
    return res


def rec_baselines():
    ln = np.log(REC_HRV_BASE)
    hrv = {"mean": float(ln.mean()), "sd": float(ln.std(ddof=1)), "calibration_status": "complete"}
    rb = np.array(REC_RHR_BASE, float)
    rhr = {"mean": float(rb.mean()), "sd": float(rb.std(ddof=1)), "calibration_status": "complete"}
    return hrv, rhr, float(np.log(REC_HRV_LAST7).mean())


def recovery_cases():
    hrv, rhr, m7 = rec_baselines()
    rhr_floor = {**rhr, "sd": max(rhr["sd"], 1.5)}
    doc = {"hrv_mean7_ln": m7, "hrv_nights": 7, "hrv_baseline": hrv, "resting_hr": 56.0, "rhr_baseline": rhr,
           "sleep_score": 78.0, "stress": 40.0, "ctl": 50.0, "atl": 56.0, "load_warming_up": False}
    prog = {**hrv, "calibration_status": "in_progress"}
    cases = [
        ("doc_example_no_floor", doc),
        ("doc_example_with_floor", {**doc, "rhr_baseline": rhr_floor}),
        ("no_heart_data", {**doc, "hrv_mean7_ln": None, "hrv_nights": 0, "resting_hr": None}),
        ("heart_not_calibrated", {**doc, "hrv_baseline": prog, "resting_hr": None}),
        ("hrv_no_baseline_rhr_ok", {**doc, "hrv_baseline": None}),
        ("only_rhr", {"resting_hr": 52.0, "rhr_baseline": rhr_floor, "hrv_nights": 0, "load_warming_up": False}),
        ("load_warming_up", {**doc, "load_warming_up": True}),
        ("no_fitness_yet", {**doc, "ctl": 0.4, "atl": 3.0}),
        ("hrv_too_few_nights", {**doc, "hrv_nights": 2}),
        ("very_recovered", {**doc, "hrv_mean7_ln": hrv["mean"] + 3 * hrv["sd"], "resting_hr": 49.0, "sleep_score": 95.0, "stress": 5.0, "ctl": 60.0, "atl": 40.0}),
        ("very_strained", {**doc, "hrv_mean7_ln": hrv["mean"] - 3 * hrv["sd"], "resting_hr": 64.0, "sleep_score": 20.0, "stress": 90.0, "ctl": 40.0, "atl": 70.0}),
        ("invalid_sleep_stress_missing", {**doc, "sleep_score": 120.0, "stress": -1.0}),
        ("load_missing", {**doc, "ctl": None, "atl": None}),
    ]
    out = []
    for name, inp in cases:
        exp = recovery_oracle(inp)
        if name == "doc_example_no_floor":  # engine-methods.md section 5 worked example
            assert round(exp["recovery_score"], 1) == 39.8 and exp["band"] == "yellow"
            assert [round(c["value"], 1) for c in exp["components"]] == [25.6, 11.9, 78.0, 60.0, 30.0]
        if name == "doc_example_with_floor":
            assert round(exp["recovery_score"], 1) == 41.1 and round(exp["components"][1]["value"], 1) == 18.3
        out.append({"name": name, "input": inp, "expected": exp})
    return out
