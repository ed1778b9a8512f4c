#!/usr/bin/env python3
"""Independent oracles for the performance engine (app/src/performance/logic).

Writes the JSON fixtures that the Rust tests read with include_str!, so `cargo test` needs no
Python. Everything here is re-implemented from shared/docs/engine-methods.md sections 1-6 with
numpy / pandas / scipy (pandas ewm and rolling, numpy mean/std/polyfit/interp/digitize,
scipy.stats.norm.cdf); nothing is derived from the Rust code.

Regenerate (from the repository root):
    python3 -m venv /tmp/oracle-venv
    /tmp/oracle-venv/bin/pip install -r tools/oracles/performance/requirements.txt
    /tmp/oracle-venv/bin/python tools/oracles/performance/gen_fixtures.py
"""
import json
import math
import pathlib
import sys

import numpy as np
import pandas as pd

sys.dont_write_bytecode = True  # keep the repository free of __pycache__
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import oracle_load  # noqa: E402
import oracle_series  # noqa: E402
import oracle_scores  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[3] / "app" / "src" / "performance" / "logic" / "fixtures"


def clean(x):
    """numpy scalars -> Python, NaN/inf -> None, recursively."""
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    if isinstance(x, (np.bool_, bool)):
        return bool(x)
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        x = float(x)
        return x if math.isfinite(x) else None
    return x


def write(name, obj):
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    path.write_text(json.dumps(clean(obj), indent=1, sort_keys=True, allow_nan=False) + "\n")
    print("wrote", path.relative_to(OUT.parents[4]))


def versions():
    import scipy

    return {"numpy": np.__version__, "pandas": pd.__version__, "scipy": scipy.__version__}


def main():
    meta = {"generator": "tools/oracles/performance/gen_fixtures.py", "versions": versions()}
    write("normal_cdf.json", {**meta, **oracle_scores.normal_cdf_fixture()})
    write("load.json", {**meta, **oracle_load.fixture()})
    write("pmc.json", {**meta, "cases": oracle_series.pmc_cases()})
    write("acwr.json", {**meta, "cases": oracle_series.acwr_cases()})
    write("baseline.json", {**meta, "cases": oracle_series.baseline_cases()})
    write("sleep.json", {**meta, "cases": oracle_scores.sleep_cases()})
    write("recovery.json", {**meta, "cases": oracle_scores.recovery_cases()})


if __name__ == "__main__":
    main()
