"""Case lines for the batch tests and benchmark: every rule case in tests/rules/cases.toml in turn,
each given a different carer and child name (``people``), so no two lines are the same."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from pathlib import Path

RULE_CASES = tomllib.loads((Path(__file__).resolve().parents[1] / "rules" / "cases.toml").read_text())["case"]
FACTS = [c.get("facts", {}) for c in RULE_CASES]
FIRST = ["Margaret", "Siân", "Priya", "Joan", "Dai", "Aisha", "Zoë", "Wojciech", "Chinwe", "Eilidh"]
LAST = ["Ellis", "Patel", "O'Brien", "Kowalski", "Jones", "Okafor", "Ward", "Hughes", "Begum", "Nowak"]


def case_line(i: int) -> bytes:
    facts = dict(FACTS[i % len(FACTS)])
    facts["people"] = {"carer": {"name": f"{FIRST[i % 10]} {LAST[(i // 10) % 10]}"},
                       "child": {"name": f"{FIRST[(i // 100) % 10]} {LAST[(i // 1000) % 10]} {i}"}}
    return json.dumps(facts, ensure_ascii=False).encode("utf-8")


def case_lines(n: int) -> Iterator[bytes]:
    for i in range(n):
        yield case_line(i)
