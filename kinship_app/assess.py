"""The one entry point to the rules: assess a case for a date.

The CLI, the GUI, the store (re-assessing) and the letters all call ``assess``; none of them
recomputes a rule. The date is always passed in: the core never reads the clock.
"""

from __future__ import annotations

import datetime as dt

from kinship_app.case import Case
from kinship_app.definition import classify
from kinship_app.entitlements import actions_for, entitlements_for
from kinship_app.result import Assessment


def assess(case: Case, as_of: dt.date) -> Assessment:
    cls = classify(case, as_of)
    found, also_missing = entitlements_for(case, cls, as_of)
    return Assessment(
        as_of=as_of,
        kinship=cls.kinship,
        category=cls.category,
        flags=list(cls.flags),
        reasons=list(cls.reasons),
        missing=cls.missing + [m for m in also_missing if m not in cls.missing],
        entitlements=found,
        actions=actions_for(case, cls, found, as_of),
    )
