"""How many assessments one process makes a second (run: make bench)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from kinship_app.assess import assess
from kinship_app.case import parse_case

CASES = tomllib.loads((Path(__file__).parents[1] / "rules" / "cases.toml").read_text())["case"]
PARSED = [(parse_case(c.get("facts", {})), c["as_of"]) for c in CASES]


def _all():
    for case, as_of in PARSED:
        assess(case, as_of if isinstance(as_of, dt.date) else dt.date.fromisoformat(as_of))


def test_assessments_per_second(benchmark):
    benchmark.extra_info["assessments_per_round"] = len(PARSED)
    benchmark(_all)
