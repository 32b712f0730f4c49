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


def varied_case_lines(n: int, seed: int = 15) -> Iterator[bytes]:
    """``n`` valid cases whose every field is drawn at random (known or not, any value the contract
    allows, any of a dozen councils): a caseload far more varied than a charity's, for the benchmark
    to show what reuse does when little repeats. Facts that the case parser refuses together are
    drawn again."""
    import random

    from kinship_app.case import _SPEC, CaseError, parse_case
    from kinship_app.data import councils

    rnd = random.Random(seed)
    codes = sorted(councils.by_code())[::13][:12]

    def value(kind: str, allowed: object, default: object) -> object:
        if rnd.random() < 0.1:
            return "unknown" if kind == "code" or (default is not None and kind != "council") else None
        if kind == "int":
            low, high = allowed  # type: ignore[misc]
            return rnd.randint(low, min(high, 25 if high <= 25 else 400))
        if kind == "bool":
            return rnd.random() < 0.5
        if kind == "code":
            return rnd.choice(allowed)  # type: ignore[arg-type]
        return rnd.choice(codes)

    made = 0
    while made < n:
        data = {section: {name: value(kind, allowed, default) for name, kind, allowed, default in fields
                          if rnd.random() < 0.8}
                for section, fields in _SPEC.items()}
        try:
            parse_case(data)
        except CaseError:
            continue
        made += 1
        yield json.dumps(data).encode()
