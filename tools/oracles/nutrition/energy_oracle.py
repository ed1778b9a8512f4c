"""Energy and target oracle: the published equations and DRI tables, typed in here on their own.

- Mifflin MD et al. 1990, Am J Clin Nutr 51:241-247: 10 kg + 6.25 cm - 5 y + 5 (men) / -161 (women).
- Schofield 1985 / FAO-WHO-UNU 1985 weight equations, MJ/day, converted with 1 MJ = 239.0 kcal.
- IOM 2005 DRI Energy chapter: EER for 0-35 months and for boys and girls 3-18 y.
- Herrmann et al. 2024 (Adult Compendium): kcal = MET x kg x h; net = (MET - 1) x kg x h.
- DRI summary tables (IOM 2000/2001/2005/2011, NASEM 2019) for the default targets.
"""

ACTIVITY_FACTOR = {"sedentary": 1.2, "light": 1.375, "moderate": 1.55, "active": 1.725, "very_active": 1.9}
# IOM PA coefficients for ages 3-18: (girls, boys) by sedentary / low active / active / very active.
IOM_PA = {"sedentary": (1.00, 1.00), "light": (1.16, 1.13), "moderate": (1.31, 1.26),
          "active": (1.56, 1.42), "very_active": (1.56, 1.42)}
# Schofield weight equations in MJ/day: (slope, intercept) for (female, male) by age band.
SCHOFIELD_MJ = {"0-3": ((0.244, -0.130), (0.249, -0.127)), "3-10": ((0.085, 2.033), (0.095, 2.110)),
                "10-18": ((0.056, 2.898), (0.074, 2.754))}


def by_sex(sex, female, male):
    return {"female": female, "male": male}.get(sex, (female + male) / 2)


def mifflin(w, h, a, sex):
    return 10 * w + 6.25 * h - 5 * a + by_sex(sex, -161, 5)


def schofield(w, a, sex):
    band = "0-3" if a < 3 else "3-10" if a < 10 else "10-18"
    (fs, fi), (ms, mi) = SCHOFIELD_MJ[band]
    # The Rust coefficients are the kcal forms printed by FAO/WHO (e.g. 22.706 kg + 504.3);
    # these MJ forms times 239.0 reproduce them to within 0.1 kcal.
    return by_sex(sex, (fs * w + fi) * 239.0, (ms * w + mi) * 239.0)


def schofield_kcal(w, a, sex):
    band = "0-3" if a < 3 else "3-10" if a < 10 else "10-18"
    kcal = {"0-3": ((58.317, -31.1), (59.512, -30.4)), "3-10": ((20.315, 485.9), (22.706, 504.3)),
            "10-18": ((13.384, 692.6), (17.686, 658.2))}[band]
    (fs, fi), (ms, mi) = kcal
    return by_sex(sex, fs * w + fi, ms * w + mi)


def eer_child(a, w, h_cm, sex, level):
    months = a * 12
    if months < 36:
        dep = 175 if months < 4 else 56 if months < 7 else 22 if months < 13 else 20
        return 89 * w - 100 + dep
    h = h_cm / 100
    growth = 20 if a < 9 else 25
    pf, pm = IOM_PA[level]
    girl = 135.3 - 30.8 * a + pf * (10.0 * w + 934 * h) + growth
    boy = 88.5 - 61.9 * a + pm * (26.7 * w + 903 * h) + growth
    return by_sex(sex, girl, boy)


def estimate(a, sex, w, h, level):
    if a >= 18:
        bmr = mifflin(w, h, a, sex)
        return {"bmr_kcal": bmr, "bmr_method": "mifflin_st_jeor", "tdee_kcal": bmr * ACTIVITY_FACTOR[level],
                "tdee_method": "activity_factor"}
    return {"bmr_kcal": schofield_kcal(w, a, sex), "bmr_method": "schofield_fao_who1985",
            "tdee_kcal": eer_child(a, w, h, sex, level), "tdee_method": "iom_eer2005"}


# DRI tables: stage -> (female, male) values.
STAGES = [(1, "infant"), (4, "1-3"), (9, "4-8"), (14, "9-13"), (19, "14-18"), (31, "19-30"), (51, "31-50"),
          (71, "51-70"), (999, "71+")]
PROTEIN_PER_KG = {"1-3": 1.05, "4-8": 0.95, "9-13": 0.95, "14-18": 0.85}
PROTEIN_REF = {"1-3": (13, 13), "4-8": (19, 19), "9-13": (34, 34), "14-18": (46, 52)}
FIBRE = {"1-3": (19, 19), "4-8": (25, 25), "9-13": (26, 31), "14-18": (26, 38), "19-30": (25, 38),
         "31-50": (25, 38), "51-70": (21, 30), "71+": (21, 30)}
CALCIUM = {"1-3": (700, 700), "4-8": (1000, 1000), "9-13": (1300, 1300), "14-18": (1300, 1300),
           "19-30": (1000, 1000), "31-50": (1000, 1000), "51-70": (1200, 1000), "71+": (1200, 1200)}
IRON = {"1-3": (7, 7), "4-8": (10, 10), "9-13": (8, 8), "14-18": (15, 11), "19-30": (18, 8), "31-50": (18, 8),
        "51-70": (8, 8), "71+": (8, 8)}
VITAMIN_C = {"1-3": (15, 15), "4-8": (25, 25), "9-13": (45, 45), "14-18": (65, 75)}
POTASSIUM = {"1-3": (2000, 2000), "4-8": (2300, 2300), "9-13": (2300, 2500), "14-18": (2300, 3000)}
SODIUM = {"1-3": 1200, "4-8": 1500, "9-13": 1800}
FAT_PCT = {"1-3": 35.0, "4-8": 30.0, "9-13": 30.0, "14-18": 30.0}


def stage_of(a):
    return next(name for upper, name in STAGES if a < upper)


def pick(sex, pair):
    f, m = pair
    return {"female": f, "male": m}.get(sex, max(f, m))


def targets(a, sex, kcal, w):
    st = stage_of(a)
    if st == "infant":
        return []
    adult = st not in PROTEIN_PER_KG
    protein = (0.80 if adult else PROTEIN_PER_KG[st]) * w if w else pick(sex, (46, 56) if adult else PROTEIN_REF[st])
    sodium = SODIUM.get(st, 2300)
    fat_pct = FAT_PCT.get(st, 27.5)
    rows = [("Energy", "kcal", kcal, "goal"), ("Protein", "g", protein, "minimum"),
            ("Total Fat", "g", fat_pct / 100 * kcal / 9, "goal"),
            ("Total Carbohydrate", "g", 0.55 * kcal / 4, "goal"),
            ("Dietary Fibre", "g", pick(sex, FIBRE[st]), "minimum"),
            ("Sodium", "mg", sodium, "upper_limit"), ("Salt", "g", sodium * 2.5 / 1000, "upper_limit"),
            ("Calcium", "mg", pick(sex, CALCIUM[st]), "minimum"), ("Iron", "mg", pick(sex, IRON[st]), "minimum"),
            ("Vitamin D", "mcg", 20 if st == "71+" else 15, "minimum"),
            ("Vitamin C", "mg", pick(sex, VITAMIN_C.get(st, (75, 90))), "minimum"),
            ("Potassium", "mg", pick(sex, POTASSIUM.get(st, (2600, 3400))), "minimum")]
    if a >= 2:
        rows += [("Saturated Fat", "g", 0.10 * kcal / 9, "upper_limit"),
                 ("Added Sugars", "g", 0.10 * kcal / 4, "upper_limit")]
    else:
        rows += [("Added Sugars", "g", 0.0, "upper_limit")]
    return [{"nutrient": n, "unit": u, "value": v, "kind": k} for n, u, v, k in rows]


def energy_cases():
    mifflin_cases = [(80, 180, 30, "male"), (60, 165, 25, "female"), (72.5, 170, 45, "other"),
                     (95, 188, 62, "male"), (55, 158, 80, "female")]
    schofield_cases = [(6.0, 0.5, "male"), (12.0, 2.0, "female"), (18.0, 5.0, "male"), (26.0, 8.0, "female"),
                       (35.0, 11.0, "male"), (50.0, 15.0, "female"), (62.0, 17.5, "unspecified")]
    eer_cases = [(0.2, 5.5, 60, "male", "light"), (0.4, 7.0, 66, "female", "light"),
                 (0.9, 9.5, 74, "female", "active"), (2.5, 13.0, 92, "male", "moderate"),
                 (5.0, 19.0, 110, "female", "sedentary"), (8.0, 26.0, 128, "male", "active"),
                 (8.99, 28.0, 132, "female", "very_active"), (9.0, 28.5, 133, "male", "light"),
                 (13.0, 45.0, 157, "female", "moderate"), (16.0, 62.0, 175, "male", "very_active"),
                 (17.9, 58.0, 165, "unspecified", "light")]
    profiles = [(35, "female", 65.0, 168.0, "moderate"), (35, "male", 82.0, 180.0, "sedentary"),
                (50, "other", 70.0, 172.0, "very_active"), (72, "male", 78.0, 175.0, "light"),
                (8, "male", 26.0, 128.0, "active"), (15, "female", 54.0, 163.0, "moderate"),
                (1.5, "female", 10.5, 82.0, "light"), (0.5, "male", 7.8, 67.0, "light"),
                (18.0, "female", 58.0, 166.0, "light")]
    met_cases = [(9.3, 70.0, 30.0), (7.5, 82.0, 45.0), (2.3, 60.0, 60.0), (0.9, 70.0, 30.0), (11.8, 55.0, 12.5)]
    out = {
        "mifflin": [{"weight_kg": w, "height_cm": h, "age_years": a, "gender": g, "bmr_kcal": mifflin(w, h, a, g)}
                    for w, h, a, g in mifflin_cases],
        "tdee_factors": ACTIVITY_FACTOR,
        "schofield": [{"weight_kg": w, "age_years": a, "gender": g, "bmr_kcal": schofield_kcal(w, a, g),
                       "bmr_kcal_from_mj": schofield(w, a, g)} for w, a, g in schofield_cases],
        "eer_child": [{"age_years": a, "weight_kg": w, "height_cm": h, "gender": g, "activity_level": lv,
                       "eer_kcal": eer_child(a, w, h, g, lv)} for a, w, h, g, lv in eer_cases],
        "estimates": [],
        "met": [{"met": m, "weight_kg": w, "minutes": mins, "gross_kcal": m * w * mins / 60,
                 "net_kcal": max(m - 1, 0) * w * mins / 60} for m, w, mins in met_cases],
        "targets": [],
    }
    for a, g, w, h, lv in profiles:
        est = estimate(a, g, w, h, lv)
        out["estimates"].append({"age_years": a, "gender": g, "weight_kg": w, "height_cm": h,
                                 "activity_level": lv, **est})
        for weight in (w, None):
            out["targets"].append({"age_years": a, "gender": g, "energy_kcal": est["tdee_kcal"],
                                   "weight_kg": weight, "targets": targets(a, g, est["tdee_kcal"], weight)})
    return out
