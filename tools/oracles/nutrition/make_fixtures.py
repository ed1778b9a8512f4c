#!/usr/bin/env python3
"""Oracles for WellTrack's nutrition grade, energy and nutrient targets.

Writes, under app/src/meals/logic/fixtures/:
  - off_expected_2023.json: Open Food Facts' published expected Nutri-Score 2023 results
    (openfoodfacts/openfoodfacts-server, tests/unit/expected_test_results/nutriscore/*.json),
    transcribed as facts only (category flags, the per-100 g inputs OFF used, and the expected
    points / score / grade), each with the file and commit it was read at;
  - grade_cases.json: cases computed by the independent implementation below (`ns2023`),
    labelled "independent-python": cheeses (OFF's fixtures have none), red meat, nuts, drinks,
    water, pseudo-random products from a fixed seed, threshold boundaries and recipe totals;
  - energy_cases.json: Mifflin-St Jeor, Schofield, IOM EER, MET and default-target values
    computed from the published equations and DRI tables typed in independently here.

`ns2023` follows engine-methods.md section 7 and the 2022/2023 Santé publique France rules;
every OFF case is re-checked against it before anything is written.

Run: /tmp/oracle-venv2/bin/python tools/oracles/nutrition/make_fixtures.py  (numpy pinned in
requirements.txt; only numpy's seeded Generator is used).
"""
import json
import pathlib

import numpy as np

from energy_oracle import energy_cases
from off_transcription import OFF_PRODUCTS, OFF_SKIPPED

OUT = pathlib.Path(__file__).resolve().parents[3] / "app/src/meals/logic/fixtures"

TABLES = {
    "energy": [335, 670, 1005, 1340, 1675, 2010, 2345, 2680, 3015, 3350],
    "energy_beverage": [30, 90, 150, 210, 240, 270, 300, 330, 360, 390],
    "sugars": [3.4, 6.8, 10, 14, 17, 20, 24, 27, 31, 34, 37, 41, 44, 48, 51],
    "sugars_beverage": [0.5, 2, 3.5, 5, 6, 7, 8, 9, 10, 11],
    "saturated_fat": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    "salt": [0.2, 0.4, 0.6, 0.8, 1, 1.2, 1.4, 1.6, 1.8, 2, 2.2, 2.4, 2.6, 2.8, 3, 3.2, 3.4, 3.6, 3.8, 4],
    "energy_from_saturates": [120, 240, 360, 480, 600, 720, 840, 960, 1080, 1200],
    "saturated_fat_ratio": [10, 16, 22, 28, 34, 40, 46, 52, 58, 64],
    "fvl": [40, 60, 80, 80, 80],
    "fvl_beverage": [40, 40, 60, 60, 80, 80],
    "fibre": [3.0, 4.1, 5.2, 6.3, 7.4],
    "protein": [2.4, 4.8, 7.2, 9.6, 12, 14, 17],
    "protein_beverage": [1.2, 1.5, 1.8, 2.1, 2.4, 2.7, 3.0],
}
FIELDS = ["energy_kj", "sugars_g", "saturated_fat_g", "fat_g", "salt_g", "fibre_g", "protein_g",
          "fruit_veg_legumes_pct", "non_nutritive_sweeteners"]


def count(value, table, at_least=False):
    return sum(1 for t in table if (value >= t if at_least else value > t))


def ns2023(f, category):
    """Independent Nutri-Score 2023 (points, score, grade) for per-100 g facts `f`."""
    bev = category in ("beverage", "water")
    g = lambda k: f.get(k) or 0.0  # noqa: E731 - missing counts as 0, as OFF does
    pts = {}
    if category == "fats_oils_nuts_seeds":
        pts["energy"] = count(g("saturated_fat_g") * 37, TABLES["energy_from_saturates"])
        fat = f.get("fat_g")
        ratio = 100 * g("saturated_fat_g") / fat if fat else 0.0
        pts["saturated_fat"] = count(ratio, TABLES["saturated_fat_ratio"], at_least=True)
    else:
        pts["energy"] = count(g("energy_kj"), TABLES["energy_beverage" if bev else "energy"])
        pts["saturated_fat"] = count(g("saturated_fat_g"), TABLES["saturated_fat"])
    pts["sugars"] = count(g("sugars_g"), TABLES["sugars_beverage" if bev else "sugars"])
    pts["salt"] = count(g("salt_g"), TABLES["salt"])
    pts["non_nutritive_sweeteners"] = 4 if bev and f.get("non_nutritive_sweeteners") else 0
    pts["protein"] = count(g("protein_g"), TABLES["protein_beverage" if bev else "protein"])
    if category == "red_meat":
        pts["protein"] = min(pts["protein"], 2)
    pts["fibre"] = count(g("fibre_g"), TABLES["fibre"])
    pts["fruit_veg_legumes"] = count(g("fruit_veg_legumes_pct"), TABLES["fvl_beverage" if bev else "fvl"])
    n = pts["energy"] + pts["sugars"] + pts["saturated_fat"] + pts["salt"] + pts["non_nutritive_sweeteners"]
    if bev or category == "cheese":
        counted = True
    elif category == "fats_oils_nuts_seeds":
        counted = n < 7
    else:
        counted = n < 11
    p = pts["fibre"] + pts["fruit_veg_legumes"] + (pts["protein"] if counted else 0)
    s = n - p
    if category == "water":
        grade = "A"
    elif bev:
        grade = "B" if s <= 2 else "C" if s <= 6 else "D" if s <= 9 else "E"
    else:
        a_max = -6 if category == "fats_oils_nuts_seeds" else 0
        grade = "A" if s <= a_max else "B" if s <= 2 else "C" if s <= 10 else "D" if s <= 18 else "E"
    return {"points": pts, "negative_points": n, "positive_points": p, "protein_counted": counted,
            "score": s, "grade": grade}


def check_off():
    for prod in OFF_PRODUCTS:
        got = ns2023(prod["facts"], prod["category"])
        exp = prod["expected"]
        assert got["grade"] == exp["grade"], (prod["file"], got, exp)
        if prod.get("compare") == "grade_only":
            continue
        for key in ("negative_points", "positive_points", "score", "protein_counted"):
            assert got[key] == exp[key], (prod["file"], key, got, exp)
        for comp, value in exp["points"].items():
            assert got["points"][comp] == value, (prod["file"], comp, got, exp)


def independent_cases():
    named = [
        ("cheddar-type cheese", "cheese", dict(energy_kj=1725, sugars_g=0.1, saturated_fat_g=21.7, fat_g=34.9,
                                               salt_g=1.8, protein_g=25.4)),
        ("soft white cheese", "cheese", dict(energy_kj=1244, sugars_g=0.5, saturated_fat_g=14.0, fat_g=22.0,
                                             salt_g=1.6, protein_g=20.0)),
        ("fresh cottage cheese", "cheese", dict(energy_kj=412, sugars_g=2.7, saturated_fat_g=2.8, fat_g=4.3,
                                                salt_g=0.8, protein_g=11.1)),
        ("hard grated cheese", "cheese", dict(energy_kj=1680, sugars_g=0.0, saturated_fat_g=19.0, fat_g=28.0,
                                              salt_g=1.6, protein_g=33.0)),
        ("same as hard cheese, graded as a general food", "general",
         dict(energy_kj=1680, sugars_g=0.0, saturated_fat_g=19.0, fat_g=28.0, salt_g=1.6, protein_g=33.0)),
        ("lean beef mince", "red_meat", dict(energy_kj=700, saturated_fat_g=2.3, fat_g=5.0, salt_g=0.2,
                                             protein_g=21.0)),
        ("same mince as a non-red meat", "general", dict(energy_kj=700, saturated_fat_g=2.3, fat_g=5.0,
                                                         salt_g=0.2, protein_g=21.0)),
        ("pork sausage, N >= 11", "red_meat", dict(energy_kj=1250, sugars_g=1.0, saturated_fat_g=9.5, fat_g=25.0,
                                                   salt_g=1.9, protein_g=14.0)),
        ("unsalted peanuts (N < 7, protein counts)", "fats_oils_nuts_seeds",
         dict(energy_kj=2490, sugars_g=4.7, saturated_fat_g=7.5, fat_g=49.0, salt_g=0.02, fibre_g=8.5,
              protein_g=25.8, fruit_veg_legumes_pct=100)),
        ("salted butter", "fats_oils_nuts_seeds", dict(energy_kj=3044, sugars_g=0.6, saturated_fat_g=52.0,
                                                       fat_g=81.0, salt_g=1.5, protein_g=0.6)),
        ("fats group without total fat", "fats_oils_nuts_seeds", dict(energy_kj=3400, saturated_fat_g=14.0)),
        ("cola with sweeteners", "beverage", dict(energy_kj=2, non_nutritive_sweeteners=True)),
        ("sweet soda", "beverage", dict(energy_kj=180, sugars_g=10.6)),
        ("semi-skimmed milk", "beverage", dict(energy_kj=195, sugars_g=4.8, saturated_fat_g=1.0, fat_g=1.6,
                                                salt_g=0.1, protein_g=3.4)),
        ("plain water", "water", dict()),
        ("water graded as a beverage", "beverage", dict()),
        ("food with sweeteners (flag ignored outside beverages)", "general",
         dict(energy_kj=500, sugars_g=5.0, non_nutritive_sweeteners=True)),
        ("lentil and vegetable stew", "general", dict(energy_kj=420, sugars_g=3.0, saturated_fat_g=0.4, fat_g=2.5,
                                                      salt_g=0.6, fibre_g=4.6, protein_g=6.2,
                                                      fruit_veg_legumes_pct=72)),
    ]
    rng = np.random.default_rng(20230927)
    cats = ["general", "cheese", "red_meat", "fats_oils_nuts_seeds", "beverage"]
    generated = []
    for i in range(60):
        cat = cats[i % len(cats)]
        bev = cat == "beverage"
        sat = round(float(rng.uniform(0, 4 if bev else 25)), 2)
        f = dict(energy_kj=round(float(rng.uniform(0, 450 if bev else 3800)), 1),
                 sugars_g=round(float(rng.uniform(0, 14 if bev else 60)), 2),
                 saturated_fat_g=sat,
                 fat_g=round(sat + float(rng.uniform(0, 60)), 2) if rng.uniform() < 0.9 else None,
                 salt_g=round(float(rng.uniform(0, 0.5 if bev else 4.5)), 3),
                 fibre_g=round(float(rng.uniform(0, 2 if bev else 10)), 2),
                 protein_g=round(float(rng.uniform(0, 4 if bev else 40)), 2),
                 fruit_veg_legumes_pct=round(float(rng.uniform(0, 100)), 1),
                 non_nutritive_sweeteners=bool(rng.uniform() < 0.3))
        generated.append((f"seeded product {i:02d}", cat, f))
    cases = []
    for name, cat, f in named + generated:
        facts = {k: f.get(k, None if k == "fat_g" else (False if k == "non_nutritive_sweeteners" else 0.0))
                 for k in FIELDS}
        cases.append({"name": name, "source": "independent-python", "category": cat, "facts": facts,
                      "expected": ns2023(facts, cat)})
    return cases


def boundary_cases():
    """Each threshold exactly (no point for it) and 0.01 above (one more point)."""
    fields = [("energy", "general", "energy_kj"), ("energy_beverage", "beverage", "energy_kj"),
              ("sugars", "general", "sugars_g"), ("sugars_beverage", "beverage", "sugars_g"),
              ("saturated_fat", "general", "saturated_fat_g"), ("salt", "general", "salt_g"),
              ("fibre", "general", "fibre_g"), ("protein", "general", "protein_g"),
              ("protein_beverage", "beverage", "protein_g"), ("fvl", "general", "fruit_veg_legumes_pct"),
              ("fvl_beverage", "beverage", "fruit_veg_legumes_pct")]
    component = {"energy_kj": "energy", "sugars_g": "sugars", "saturated_fat_g": "saturated_fat",
                 "salt_g": "salt", "fibre_g": "fibre", "protein_g": "protein",
                 "fruit_veg_legumes_pct": "fruit_veg_legumes"}
    out = []
    for table, cat, field in fields:
        for t in sorted(set(TABLES[table])):
            for value in (t, round(t + 0.01, 2)):
                facts = {field: value}
                out.append({"category": cat, "field": field, "value": value, "component": component[field],
                            "points": ns2023(facts, cat)["points"][component[field]]})
    for t in TABLES["saturated_fat_ratio"]:  # the one table scored with >=
        for sat in (t - 0.01, t):
            facts = {"saturated_fat_g": sat, "fat_g": 100.0}
            out.append({"category": "fats_oils_nuts_seeds", "field": "saturated_fat_g", "value": sat,
                        "fat_g": 100.0, "component": "saturated_fat",
                        "points": ns2023(facts, "fats_oils_nuts_seeds")["points"]["saturated_fat"]})
    return out


def recipe_cases():
    def ing(grams, **f):
        return {"grams": grams, "per_100g": {k: f.get(k, None if k == "fat_g" else
                                                     (False if k == "non_nutritive_sweeteners" else 0.0))
                                              for k in FIELDS}}
    recipes = [
        ("tomato pasta", None, [
            ing(200, energy_kj=1500, sugars_g=3.0, saturated_fat_g=0.3, fat_g=1.5, salt_g=0.01, fibre_g=3.0,
                protein_g=12.0),
            ing(300, energy_kj=90, sugars_g=3.5, saturated_fat_g=0.0, fat_g=0.2, salt_g=0.02, fibre_g=1.2,
                protein_g=0.9, fruit_veg_legumes_pct=100),
            ing(20, energy_kj=3400, saturated_fat_g=14.0, fat_g=92.0, fruit_veg_legumes_pct=100),
            ing(5, salt_g=100.0)]),
        ("same pasta after cooking (finished weight 900 g)", 900.0, None),
        ("fruit salad with sweetened syrup", None, [
            ing(300, energy_kj=220, sugars_g=10.0, fibre_g=2.0, protein_g=0.5, fat_g=0.2,
                fruit_veg_legumes_pct=100),
            ing(100, energy_kj=5, fat_g=0.0, non_nutritive_sweeteners=True)]),
    ]
    out = []
    for name, finished, ingredients in recipes:
        if ingredients is None:
            ingredients = out[0]["ingredients"]
        raw = sum(i["grams"] for i in ingredients)
        total = finished or raw
        facts = {}
        for k in FIELDS[:-1]:
            if k == "fat_g":
                vals = [i["per_100g"]["fat_g"] for i in ingredients]
                facts[k] = None if any(v is None for v in vals) else \
                    sum(i["grams"] * v / 100 for i, v in zip(ingredients, vals)) * 100 / total
            elif k == "fruit_veg_legumes_pct":
                facts[k] = min(100.0, 100 * sum(i["grams"] * i["per_100g"][k] / 100 for i in ingredients) / raw)
            else:
                facts[k] = sum(i["grams"] * i["per_100g"][k] / 100 for i in ingredients) * 100 / total
        facts["non_nutritive_sweeteners"] = any(i["per_100g"]["non_nutritive_sweeteners"] for i in ingredients)
        out.append({"name": name, "finished_weight_g": finished, "ingredients": ingredients,
                    "expected_facts": facts, "expected": ns2023(facts, "general")})
    return out


def main():
    check_off()
    OUT.mkdir(parents=True, exist_ok=True)
    off = {"source": "openfoodfacts/openfoodfacts-server tests/unit/expected_test_results/nutriscore/*.json "
                     "(facts transcribed; OFF's files are not copied)",
           "products": OFF_PRODUCTS, "skipped": OFF_SKIPPED}
    (OUT / "off_expected_2023.json").write_text(json.dumps(off, indent=1, ensure_ascii=False) + "\n")
    grades = {"source": f"independent-python ns2023 (numpy {np.__version__} seeded Generator for products)",
              "cases": independent_cases(), "boundaries": boundary_cases(), "recipes": recipe_cases()}
    (OUT / "grade_cases.json").write_text(json.dumps(grades, indent=1, ensure_ascii=False) + "\n")
    (OUT / "energy_cases.json").write_text(json.dumps(energy_cases(), indent=1, ensure_ascii=False) + "\n")
    print(f"OFF products: {len(OFF_PRODUCTS)} ({sum(1 for p in OFF_PRODUCTS if p.get('compare') != 'grade_only')}"
          f" full, the rest grade only); independent cases: {len(grades['cases'])}; "
          f"boundaries: {len(grades['boundaries'])}; recipes: {len(grades['recipes'])}")


if __name__ == "__main__":
    main()
