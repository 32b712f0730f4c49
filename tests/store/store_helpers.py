"""Households for tests: real-looking facts that pass the contract's parser."""

from __future__ import annotations

import datetime as dt

from kinship_app.store import CarerRecord, ChildRecord


class Clock:
    """A clock the test moves by hand; each reading is 1 ms after the last, so order is stable."""

    def __init__(self, start: dt.datetime = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.timezone.utc)):
        self.now = start

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(milliseconds=1)
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += dt.timedelta(**kwargs)


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
