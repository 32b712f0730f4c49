"""One clock: the app context's clock stamps the store's records with the day the screens show."""

from __future__ import annotations

import datetime as dt

import pytest

from kinship_app.store import ChildRecord
from ui.clock import Clock
from ui.context import AppContext

SGO = {"child": {"age": 6, "looked_after_before_order": True}, "carer": {"relationship": "grandparent"},
       "arrangement": {"order": "special_guardianship_order", "court_involved": True}, "household": {}}


def test_the_store_and_the_screens_share_the_context_clock(tmp_path):
    day = dt.date(2031, 2, 3)
    ctx = AppContext(tmp_path / "data", clock=Clock.on(day))
    try:
        store = ctx.store()
        household = store.create_household(label="t", children=[ChildRecord(name="A", facts=SGO)])
        run = store.reassess(household.children[0].id, ctx.today())
        action = store.add_action(household.id, "Ring the school")
        done = store.complete_action(action.id)
        assert ctx.today() == day
        assert run.run_at.date() == day and run.as_of == day
        assert done.completed_at.date() == day
        assert store.get_household(household.id).updated_at.date() == day
    finally:
        ctx.close_store()


def test_a_pinned_today_pins_the_whole_clock(tmp_path):
    ctx = AppContext(tmp_path / "data", today=lambda: dt.date(2029, 12, 31))
    assert ctx.today() == dt.date(2029, 12, 31)
    assert ctx.clock.now().date() == dt.date(2029, 12, 31) and ctx.clock.now().tzinfo is not None


def test_a_fixed_clock_must_know_its_time_zone():
    with pytest.raises(ValueError):
        Clock(dt.datetime(2026, 1, 1, 12, 0))
