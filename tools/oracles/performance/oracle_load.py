"""Oracle for per-workout training load (engine-methods.md section 1).

Closed forms re-implemented with `math` / numpy from the doc (Foster sRPE, Banister TRIMP with
GoldenCheetah's 0-below-rest rule, Edwards zones via numpy.digitize), plus WellTrack's stated
mapping onto duration x intensity_factor ("native units / 10") and the strength-set conversion
(reps x 4 s + 90 s rest per set, rep-weighted RPE, default RPE 5).
"""
import math

import numpy as np

COEF = {"male": (0.64, 1.92), "female": (0.86, 1.67)}


def half_up(x):
    return int(math.floor(x + 0.5))


def banister(minutes, avg, rest, mx, sex):
    vals = [minutes, avg, rest, mx]
    if any(v is None or not math.isfinite(v) for v in vals) or minutes < 0 or mx <= rest:
        return None
    if avg <= rest:
        return 0.0
    a, k = COEF[sex]
    x = min((avg - rest) / (mx - rest), 1.0)
    return minutes * x * a * math.exp(k * x)


def edwards(zones):
    z = np.asarray(zones, float)
    if np.any(~np.isfinite(z)) or np.any(z < 0):
        return None
    return float(np.dot(z, np.arange(1, 6)))


def edwards_zones(samples, secs, hr_max):
    pct = 100.0 * np.asarray(samples, float) / hr_max
    idx = np.digitize(pct, [50.0, 60.0, 70.0, 80.0, 90.0])  # 0 = below 50 %, 1..5 = zones
    out = np.zeros(5)
    for i in idx:
        if i > 0:
            out[i - 1] += secs / 60.0
    return out.tolist()


def row(minutes, intensity, load_type, method, raw, variant=None, rpe=None, assumed=False):
    return {
        "duration_minutes": minutes,
        "intensity_factor": intensity,
        "training_load": minutes * intensity,
        "load_type": load_type,
        "method": method,
        "trimp_variant": variant,
        "raw_value": raw,
        "rpe": rpe,
        "rpe_assumed": assumed,
    }


def ok_rpe(r):
    return r is not None and math.isfinite(r) and 0 <= r <= 10


def strength(logs, session_rpe, load_type):
    if session_rpe is not None and not ok_rpe(session_rpe):
        return None
    fb = 5.0 if session_rpe is None else session_rpe
    reps = np.array([l["sets"] * l["reps"] for l in logs], float)
    rpes = []
    assumed = False
    for l, n in zip(logs, reps):
        if l.get("rpe") is None:
            rpes.append(fb)
            assumed = assumed or (session_rpe is None and n > 0)
        elif not ok_rpe(l["rpe"]):
            return None
        else:
            rpes.append(l["rpe"])
    if reps.sum() <= 0:
        return None
    rpe_eff = float(np.average(rpes, weights=reps))
    secs = sum(l["sets"] * (l["reps"] * 4.0 + 90.0) for l in logs)
    minutes = half_up(secs / 60.0)
    return row(minutes, rpe_eff / 10, load_type, "strength_sets", float(np.dot(reps, rpes)), rpe=rpe_eff, assumed=assumed)


def classify(wt, has_sets, has_cardio):
    s = has_sets or wt in ("strength", "mixed")
    c = has_cardio or wt in ("cardio", "flexibility", "mixed")
    return "mixed" if s and c else ("strength" if s else "cardio")


def workout(w):
    sets = w.get("strength_sets", [])
    lt = classify(w.get("workout_type"), any(s["sets"] > 0 and s["reps"] > 0 for s in sets), w.get("has_cardio_work", False))
    d, rpe, inten = w.get("duration_minutes"), w.get("session_rpe"), w.get("intensity_factor")
    if d is not None and ok_rpe(rpe):
        return row(d, rpe / 10, lt, "srpe", rpe * d, rpe=rpe)
    if d is not None and inten is not None and 0 <= inten <= 1:
        return row(d, inten, lt, "manual_if", inten)
    if lt == "strength" and sets:
        r = strength(sets, rpe, lt)
        if r:
            return r
    zones = w.get("hr_zone_minutes")
    if zones is not None:
        dd = d if d is not None else half_up(max(sum(zones), 0))
        t = edwards(zones)
        if t is not None and dd > 0:
            return row(dd, t / 10 / dd, lt, "trimp", t, variant="edwards")
    hr = w.get("heart_rate")
    if d is not None and hr is not None:
        t = banister(d, hr["avg_bpm"], hr["rest_bpm"], hr["max_bpm"], hr["sex"])
        if t is not None and d > 0:
            return row(d, t / 10 / d, lt, "trimp", t, variant="banister")
    if sets:
        return strength(sets, rpe, lt)
    return None


def fixture():
    b = []
    for args in [
        (60, 150, 50, 190, "male"),
        (60, 150, 50, 190, "female"),
        (45, 120, 60, 185, "male"),
        (30, 170, 55, 195, "female"),
        (60, 45, 50, 190, "male"),  # below rest -> 0 (GoldenCheetah)
        (60, 200, 50, 190, "male"),  # above max -> capped at 1
        (0, 150, 50, 190, "male"),
        (60, 150, 190, 190, "male"),  # max <= rest -> undefined
        (-5, 150, 50, 190, "male"),
    ]:
        b.append({"minutes": args[0], "hr_avg": args[1], "hr_rest": args[2], "hr_max": args[3], "sex": args[4], "trimp": banister(*args)})
    assert round(b[0]["trimp"], 3) == 108.095 and round(b[1]["trimp"], 3) == 121.499  # doc section 1
    e = [{"zone_minutes": z, "trimp": edwards(z)} for z in ([10, 20, 15, 10, 5], [0] * 5, [0.5, 0, 0, 0, 12.25], [1, -1, 0, 0, 0])]
    assert e[0]["trimp"] == 160
    samples = [90, 94, 95, 113, 114, 115, 133, 152, 171, 180, 190, 200, 0]
    ez = [{"samples": samples, "seconds_per_sample": 30.0, "hr_max": 190.0, "zone_minutes": edwards_zones(samples, 30.0, 190.0)},
          {"samples": [], "seconds_per_sample": 1.0, "hr_max": 180.0, "zone_minutes": [0.0] * 5}]
    st = []
    for logs, srpe in [
        ([{"sets": 3, "reps": 10, "rpe": 7.0}, {"sets": 4, "reps": 5, "rpe": 9.0}], None),
        ([{"sets": 3, "reps": 8, "rpe": None}], 6.0),
        ([{"sets": 5, "reps": 5, "rpe": None}, {"sets": 2, "reps": 12, "rpe": 8.0}], None),
        ([{"sets": 1, "reps": 0, "rpe": None}], None),  # no repetitions -> None
        ([{"sets": 3, "reps": 10, "rpe": 11.0}], None),  # invalid RPE -> None
        ([{"sets": 1, "reps": 1, "rpe": 10.0}], None),
        ([], None),
    ]:
        st.append({"logs": logs, "session_rpe": srpe, "expected": strength(logs, srpe, "strength")})
    ws = [
        {"workout_type": "cardio", "duration_minutes": 45, "session_rpe": 7.0},  # doc: 315 AU
        {"workout_type": "strength", "duration_minutes": 60, "session_rpe": 8.0, "strength_sets": [{"sets": 3, "reps": 10, "rpe": 7.0}]},
        {"workout_type": "cardio", "duration_minutes": 30, "intensity_factor": 0.65},
        {"workout_type": "cardio", "duration_minutes": 30, "intensity_factor": 1.4},  # invalid IF, nothing else
        {"workout_type": "cardio", "duration_minutes": 60, "heart_rate": {"avg_bpm": 150, "rest_bpm": 50, "max_bpm": 190, "sex": "male"}},
        {"workout_type": "cardio", "duration_minutes": 60, "heart_rate": {"avg_bpm": 150, "rest_bpm": 50, "max_bpm": 190, "sex": "female"}},
        {"workout_type": "cardio", "duration_minutes": 60, "hr_zone_minutes": [10, 20, 15, 10, 5],
         "heart_rate": {"avg_bpm": 150, "rest_bpm": 50, "max_bpm": 190, "sex": "male"}},
        {"workout_type": None, "hr_zone_minutes": [10, 20, 15, 10, 5]},
        {"workout_type": "strength", "duration_minutes": 50, "heart_rate": {"avg_bpm": 120, "rest_bpm": 55, "max_bpm": 185, "sex": "male"},
         "strength_sets": [{"sets": 4, "reps": 8, "rpe": 8.0}]},
        {"workout_type": "mixed", "duration_minutes": 50, "heart_rate": {"avg_bpm": 135, "rest_bpm": 55, "max_bpm": 185, "sex": "female"},
         "strength_sets": [{"sets": 4, "reps": 8, "rpe": 8.0}]},
        {"workout_type": "strength", "strength_sets": [{"sets": 3, "reps": 12, "rpe": None}]},
        {"workout_type": "strength", "session_rpe": 6.0, "strength_sets": [{"sets": 3, "reps": 12, "rpe": None}]},
        {"workout_type": "flexibility", "duration_minutes": 40, "session_rpe": 3.0},
        {"workout_type": "cardio", "duration_minutes": 40, "has_cardio_work": True, "strength_sets": [{"sets": 2, "reps": 15, "rpe": 6.0}], "session_rpe": 6.5},
        {"workout_type": "cardio", "duration_minutes": 40, "session_rpe": 12.0},
        {"workout_type": "cardio"},
        {"workout_type": "cardio", "duration_minutes": 0, "session_rpe": 5.0},
    ]
    wcases = [{"input": w, "expected": workout(w)} for w in ws]
    assert wcases[0]["expected"]["raw_value"] == 315 and abs(wcases[0]["expected"]["training_load"] - 31.5) < 1e-12
    cl = []
    for wt in (None, "strength", "cardio", "flexibility", "mixed"):
        for hs in (False, True):
            for hc in (False, True):
                cl.append({"workout_type": wt, "has_strength_sets": hs, "has_cardio_work": hc, "load_type": classify(wt, hs, hc)})
    return {"banister": b, "edwards": e, "edwards_zones": ez, "strength": st, "workouts": wcases, "classify": cl}
