"""Casework: a check's answers become the child's facts, are assessed once, and that one stored run
is what is returned to show (kinship_app/casework.py). Runs against SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from kinship_app import casework, flow
from kinship_app.store import ChildRecord, ConflictError, InvalidDataError, Store

from store_helpers import carer

AS_OF = dt.date(2026, 11, 22)
ANSWERS = {"relationship": "grandparent", "living": "28_plus", "age": 9, "order": "special_guardianship_order",
           "looked_after_before": "no", "parents": "none", "council": "E08000035"}


def _household(store, facts=None, council=None, people=None):
    return store.create_household(council=council, carers=[carer()], children=[ChildRecord(
        name="Ellis Ward", date_of_birth=dt.date(2017, 3, 27), facts=facts or {}, people=people or {})])


def test_a_household_not_in_paid_work_is_assessed_with_that_fact_once(store):
    record = _household(store, facts={"household": {"employed": False}})
    child = record.children[0]
    store.save_progress(record.id, ANSWERS, flow.END, child_id=child.id, expected_version=0)
    result = casework.record_check(store, record.id, child.id, ANSWERS, AS_OF)

    codes = [e.code for e in result.assessment.entitlements]
    assert "flexible_working" not in codes  # the saved "not in paid work" counts
    assert "household.employed" not in result.assessment.missing
    # One run, and it is the one returned: screen, History and letters show the same thing.
    history = store.history(child.id)
    assert [r.id for r in history] == [result.run.id]
    assert history[0].result == result.assessment.to_meaning() == result.run.result
    assert store.progress(record.id) is None
    saved = store.get_household(record.id)
    assert saved.council == "E08000035"  # named in the check: now the household's
    assert saved.child(child.id).facts["household"]["employed"] is False
    assert saved.child(child.id).facts["carer"]["relationship"] == "grandparent"
    # The quick check with the same answers knows nothing of the household: it asks about work.
    quick = casework.assess_answers(ANSWERS, AS_OF)
    assert "flexible_working" in [e.code for e in quick.assessment.entitlements]
    assert quick.run is None


def test_the_letter_details_a_family_typed_are_kept(store):
    people = {"recipient": {"name": "Children's Services"}, "employer": {"name": "Leeds Bakery"}}
    record = _household(store, facts={"child": {"age": 9}}, council="E08000035", people=people)
    child = record.children[0]
    result = casework.record_check(store, record.id, child.id, ANSWERS, AS_OF)
    saved = store.get_household(record.id).child(child.id)
    assert saved.people == people and saved.name == "Ellis Ward" and saved.date_of_birth == dt.date(2017, 3, 27)
    assert result.case.people["employer"] == {"name": "Leeds Bakery"}
    assert result.case.people["carer"]["name"] == "Margaret Ellis"
    assert result.case == store.case_for(child.id)


def test_saved_answers_read_the_check_back_and_merging_them_again_changes_nothing(store):
    record = _household(store, council="E08000035")
    child = record.children[0]
    casework.record_check(store, record.id, child.id, ANSWERS, AS_OF)
    saved = store.get_household(record.id)
    answers = casework.saved_answers(saved.child(child.id).facts, saved.council)
    assert answers == flow.relevant_answers(ANSWERS)
    facts, council = casework.merge_answers(saved.child(child.id).facts, answers)
    assert facts == saved.child(child.id).facts and council == "E08000035"


def test_merging_replaces_what_the_check_asks_and_keeps_the_rest():
    facts = {"child": {"age": 9, "disabled": True, "legal_status": "care_order"},
             "carer": {"relationship": "aunt_uncle", "approved_foster_carer": "full"},
             "arrangement": {"order": "none", "days_so_far": 40, "expected_days": 10},
             "household": {"employed": True}}
    answers = casework.saved_answers(facts)
    assert answers["services"] == "looked_after" and answers["living"] == "28_plus"
    new, council = casework.merge_answers(facts, dict(answers, council="E06000001"))
    assert council == "E06000001" and "council" not in new["household"]
    assert new["arrangement"]["days_so_far"] == 40 and "expected_days" not in new["arrangement"]
    assert new["child"]["legal_status"] == "care_order"  # still in care: the precise basis is kept
    assert new["child"]["disabled"] is True and new["household"]["employed"] is True  # not asked at 9


def test_a_failed_save_records_nothing_and_keeps_the_progress(store):
    record = _household(store)
    child = record.children[0]
    store.save_progress(record.id, ANSWERS, flow.END, child_id=child.id, expected_version=0)
    with pytest.raises(InvalidDataError):
        store.record_check(record.id, child.id, {"child": {"age": "nine"}}, AS_OF, expected_version=record.version)
    assert store.history(child.id) == [] and store.progress(record.id) is not None
    assert store.get_household(record.id).child(child.id).facts == {}


def test_a_change_made_elsewhere_in_the_meantime_is_not_overwritten(store):
    record = _household(store)
    child = record.children[0]
    with pytest.raises(ConflictError):
        store.record_check(record.id, child.id, {}, AS_OF, expected_version=record.version - 1)
    assert store.history(child.id) == []


def test_the_store_assesses_a_check_exactly_once(store_url, clock):
    calls = []

    def counting(case, as_of):
        from kinship_app.assess import assess

        calls.append(as_of)
        return assess(case, as_of)

    with Store(store_url, clock=clock, assess=counting) as s:
        record = _household(s)
        result = casework.record_check(s, record.id, record.children[0].id, ANSWERS, AS_OF)
    assert calls == [AS_OF] and result.assessment.as_of == AS_OF


def test_the_quick_check_assesses_once_and_writes_nothing(tmp_path, monkeypatch):
    calls = []

    def counting(case, as_of):
        from kinship_app.assess import assess

        calls.append(case)
        return assess(case, as_of)

    monkeypatch.chdir(tmp_path)
    result = casework.assess_answers(dict(ANSWERS, services="family"), AS_OF, assess=counting)
    assert len(calls) == 1 and result.case == calls[0]
    assert "services" not in result.answers  # not on this route
    assert list(tmp_path.iterdir()) == []
