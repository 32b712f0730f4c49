"""Runs the rule cases in cases.toml through the real assessor, and checks the table covers every
category, flag and entitlement code of the contract."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from kinship_app.assess import assess
from kinship_app.case import parse_case
from kinship_app.entitlements import RULES
from kinship_app.result import CATEGORIES, FLAGS
from kinship_app.wording import render

CASES = tomllib.loads((Path(__file__).with_name("cases.toml")).read_text(encoding="utf-8"))["case"]

CONTRACT_CATEGORIES = set(CATEGORIES)
CONTRACT_FLAGS = {"private_fostering_notification", "approval_needed", "check_looked_after_status"}
CONTRACT_ENTITLEMENTS = {
    "child_benefit", "guardians_allowance", "fostering_allowance", "special_guardianship_support",
    "child_arrangements_order_allowance", "section_17_support", "adoption_support_fund", "pupil_premium_plus",
    "school_admission_priority", "virtual_school_advice", "kinship_allowance_pilot", "staying_put",
    "parental_leave", "flexible_working", "kinship_training", "peer_support", "advice_line",
}
KNOWN_ENTITLEMENTS = {r.__name__ for r in RULES}


def _run(case: dict):
    as_of = case["as_of"] if isinstance(case["as_of"], dt.date) else dt.date.fromisoformat(case["as_of"])
    return assess(parse_case(case.get("facts", {})), as_of)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_rule_case(case):
    meaning = _run(case)
    result = render(meaning, "en")  # the words, in English, as a person reads them
    expect = case["expect"]
    codes = [e.code for e in result.entitlements]
    if "kinship" in expect:
        assert result.kinship == (None if expect["kinship"] == "null" else expect["kinship"])
    if "category" in expect:
        assert result.category == expect["category"], [r.text for r in result.reasons]
    if "flags" in expect:
        assert sorted(f for f in result.flags if f in CONTRACT_FLAGS) == sorted(
            f for f in expect["flags"] if f in CONTRACT_FLAGS)
        for flag in expect["flags"]:
            assert flag in result.flags
    for code in expect.get("entitlements", []):
        assert code in codes, f"{code} missing; got {codes}"
    for code in expect.get("not_entitlements", []):
        assert code not in codes, f"{code} should not appear"
    for name in expect.get("missing", []):
        assert name in result.missing
    for name in expect.get("not_missing", []):
        assert name not in result.missing, f"{name} should not be asked for"
    for flag in expect.get("not_flags", []):
        assert flag not in result.flags, f"{flag} should not be raised"
    for code, certainty in expect.get("certainty", {}).items():
        assert result.entitlement(code).certainty == certainty, code
    for key, attr in (("why_contains", "why"), ("next_step_contains", "next_step"), ("source_contains", "source")):
        for code, words in expect.get(key, {}).items():
            for w in [words] if isinstance(words, str) else words:
                assert w in getattr(result.entitlement(code), attr), f"{code}.{attr}: {w!r}"
    for code, words in expect.get("not_source_contains", {}).items():
        assert words not in result.entitlement(code).source, code
    for code, words in expect.get("not_why_contains", {}).items():
        assert words not in result.entitlement(code).why, code
    for code in expect.get("actions", []):
        assert code in [a.code for a in result.actions]
    for code, (value, period, confirmed) in expect.get("amounts", {}).items():
        amount = result.entitlement(code).amount
        assert (amount.value, amount.period, amount.confirmed) == (value, period, confirmed)
    for code, (value, period, confirmed) in expect.get("reference_amounts", {}).items():
        amount = result.entitlement(code).reference_amount
        assert (amount.value, amount.period, amount.confirmed) == (value, period, confirmed)
    # every answer explains itself, with the clause it rests on
    assert result.reasons and all(r.text and r.source for r in result.reasons)
    for e in result.entitlements:
        assert e.why and e.next_step and e.source and e.title
    # ... and each rests on codes and named facts, not on sentences
    assert all(r.code and r.facts for r in meaning.reasons if r.code != "undetermined" or meaning.missing)
    for e in meaning.entitlements:
        assert e.grounds and e.steps


def test_every_case_cites_a_source_and_names_itself():
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))
    assert all(c.get("source") for c in CASES)


def test_codes_in_the_table_are_real():
    for case in CASES:
        expect = case["expect"]
        for code in expect.get("entitlements", []) + expect.get("not_entitlements", []):
            assert code in KNOWN_ENTITLEMENTS, code
        for flag in expect.get("flags", []) + expect.get("not_flags", []):
            assert flag in FLAGS, flag
        for key in ("certainty", "why_contains", "next_step_contains", "source_contains", "not_source_contains",
                    "not_why_contains"):
            for code in expect.get(key, {}):
                assert code in expect.get("entitlements", []), f"{key}: list {code} in entitlements too"


def test_table_covers_every_contract_code():
    categories, flags, entitlements = set(), set(), set()
    for case in CASES:
        result = _run(case)
        categories.add(result.category)
        flags.update(result.flags)
        entitlements.update(e.code for e in result.entitlements)
    assert CONTRACT_CATEGORIES <= categories, CONTRACT_CATEGORIES - categories
    assert CONTRACT_FLAGS <= flags, CONTRACT_FLAGS - flags
    assert CONTRACT_ENTITLEMENTS <= entitlements, CONTRACT_ENTITLEMENTS - entitlements
    assert CONTRACT_ENTITLEMENTS <= KNOWN_ENTITLEMENTS


def test_private_fostering_notice_is_due_at_once_when_started():
    case = next(c for c in CASES if c["name"].startswith("Cousin caring"))
    result = _run(case)
    action = next(a for a in result.actions if a.code == "private_fostering_notice")
    assert action.due == dt.date(2026, 11, 22)


def test_every_fact_the_rules_can_ask_for_has_words():
    # A missing fact is shown to people in words (the one table of facts, kinship_app.facts).
    from kinship_app.case import _SPEC
    from kinship_app.facts import FACTS as FACT_WORDS

    for section, fields in _SPEC.items():
        for name, *_rest in fields:
            path = f"{section}.{name}"
            if path != "arrangement.lives_with_carer":
                assert path in FACT_WORDS, path
    for case in CASES:
        for name in _run(case).missing:
            assert name in FACT_WORDS, name
