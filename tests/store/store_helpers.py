"""Households for tests: real-looking facts that pass the contract's parser."""

from __future__ import annotations

import datetime as dt

from kinship_app.store import CarerRecord, ChildRecord

PRIVATE_FOSTERING = {  # a cousin caring for 40 days: private fostering in law (CONTRACT.md flags)
    "child": {"age": 9}, "carer": {"relationship": "cousin"},
    "arrangement": {"days_so_far": 40}, "household": {"parents_died": 2, "employed": True},
}
SGO = {
    "child": {"age": 6, "looked_after_before_order": True}, "carer": {"relationship": "grandparent"},
    "arrangement": {"order": "special_guardianship_order", "court_involved": True},
    "household": {"employed": False},
}


def carer(name: str = "Margaret Ellis", **kw) -> CarerRecord:
    kw.setdefault("address", ("12 Mill Lane", "Leeds", "LS6 2AB"))
    kw.setdefault("phone", "0113 496 0000")
    return CarerRecord(name=name, **kw)


def child(name: str = "Ellis Ward", facts: dict | None = None, **kw) -> ChildRecord:
    kw.setdefault("date_of_birth", dt.date(2017, 3, 27))
    return ChildRecord(name=name, facts=dict(facts or PRIVATE_FOSTERING), **kw)


def make_household(store, label: str = "Ellis family", carers=None, children=None, council: str | None = "E08000035"):
    return store.create_household(label=label, council=council, carers=carers or [carer()],
                                  children=children or [child()])
