"""Batch answers worked out piece by piece (kinship_app/batch_memo.py) are the ordinary answers, byte
for byte: ``orjson.dumps(assess(case, as_of).to_json(language))``, for every rule case in every
language, on other days, for hypothesis-made caseloads, and when a rule uses a number in ways the
recording must notice."""

from __future__ import annotations

import datetime as dt
import json

import orjson
import pytest
from batch_cases import FACTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinship_app import batch, batch_memo, entitlements, languages
from kinship_app.assess import assess
from kinship_app.case import _SPEC, CaseError, parse_case
from kinship_app.data import councils
from kinship_app.result import Entitlement, Phrase

AS_OF = dt.date(2026, 11, 22)
DAYS = (AS_OF, dt.date(2023, 4, 30), dt.date(2024, 9, 1), dt.date(2026, 4, 6), dt.date(2026, 6, 29),
        dt.date(2028, 1, 1))


def ordinary(case, day=AS_OF, language="en") -> bytes:
    return orjson.dumps(assess(case, day).to_json(language))


def rule_cases(days_so_far=(None, 0, 27, 28, 169, 400)) -> list:
    """Every rule case, and each again with arrangements of several lengths (the benchmark's way of
    making every line's facts different)."""
    out = []
    for facts in FACTS:
        out.append(parse_case(facts))
        for days in days_so_far:
            data = dict(facts, arrangement=dict(facts.get("arrangement") or {}, days_so_far=days))
            try:
                out.append(parse_case(data))
            except CaseError:
                pass
    return out


@pytest.mark.parametrize("language", ["en", *languages.listed()])
def test_every_rule_case_in_every_language_is_the_ordinary_answer_byte_for_byte(language):
    assessor = batch_memo.BatchAssessor(AS_OF, language)
    cases = rule_cases()
    for _ in range(2):  # worked out, then reused
        for case in cases:
            assert assessor.answer(case) == ordinary(case, AS_OF, language)
    assert assessor.quick and assessor.ordinary == 0, "a rule case was answered the slow way"


@pytest.mark.parametrize("day", DAYS)
def test_on_other_days_too(day):
    assessor = batch_memo.BatchAssessor(day, "en")
    for case in rule_cases() * 2:
        assert assessor.answer(case) == ordinary(case, day)
    assert assessor.ordinary == 0


def _value(kind, allowed, default):
    if kind == "int":
        low, high = allowed
        number = st.sampled_from([v for v in (0, 1, 3, 4, 13, 14, 15, 16, 17, 18, 20, 21, 22, 25, 26, 27, 28, 29,
                                              112, 168, 169, 170) if low <= v <= high]) | st.integers(low, high)
    elif kind == "bool":
        number = st.booleans()
    elif kind == "code":
        number = st.sampled_from(allowed)
    else:
        number = st.sampled_from(sorted(councils.by_code())[:6] + [p.code for p in councils.pilot_areas(AS_OF)][:3])
    unknown = st.just("unknown") if kind == "code" or default is not None else st.nothing()
    return st.none() | unknown | number


CASE = st.fixed_dictionaries({}, optional={
    section: st.fixed_dictionaries({}, optional={name: _value(kind, allowed, default)
                                                 for name, kind, allowed, default in fields})
    for section, fields in _SPEC.items()})


def _cases(data_list):
    out = []
    for data in data_list:
        try:
            out.append(parse_case(data))
        except CaseError:
            pass
    return out


LONG_LIVED = {}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(caseload=st.lists(CASE, min_size=1, max_size=40), language=st.sampled_from(["en", "pl", "ur"]))
def test_any_caseload_gets_the_ordinary_answers_byte_for_byte(caseload, language):
    cases = _cases(caseload)
    fresh = batch_memo.BatchAssessor(AS_OF, language)
    # One assessor for the whole test too, as a long batch keeps its pieces across very different lines.
    kept = LONG_LIVED.setdefault(language, batch_memo.BatchAssessor(AS_OF, language))
    for case in cases + cases:
        want = ordinary(case, AS_OF, language)
        assert fresh.answer(case) == want
        assert kept.answer(case) == want
    assert fresh.ordinary == 0 and kept.ordinary == 0


@settings(max_examples=40, deadline=None)
@given(caseload=st.lists(CASE, min_size=5, max_size=60))
def test_tables_stay_bounded_and_answers_stay_right_when_emptied(caseload):
    cases = _cases(caseload)
    old = batch_memo.LIMIT, batch_memo.ANSWERS, batch_memo.TRIAL, batch_memo.PAUSE
    batch_memo.LIMIT = batch_memo.ANSWERS = 3
    batch_memo.TRIAL, batch_memo.PAUSE = 4, 3  # the whole answers paused and taken up again too
    try:
        assessor = batch_memo.BatchAssessor(AS_OF, "en")
        for case in cases * 3:
            assert assessor.answer(case) == ordinary(case)
            pieces = [assessor._classes, assessor._actions, *(memo for memo, _rule in assessor._rules)]
            assert all(len(t) <= 3 for t in [assessor._answers.table, assessor._missing,
                                              *(m.table for m in pieces)])
            # A tree is emptied when it has 2 x LIMIT nodes, before one more run's path is added.
            assert all(m.nodes <= 6 + 60 for m in pieces)
        assert assessor.ordinary == 0
    finally:
        batch_memo.LIMIT, batch_memo.ANSWERS, batch_memo.TRIAL, batch_memo.PAUSE = old


@settings(max_examples=40, deadline=None)
@given(caseload=st.lists(CASE, min_size=5, max_size=60), worked=st.sampled_from([0, 2, 30]))
def test_pieces_and_lines_resting_from_reuse_get_the_same_answers(caseload, worked):
    """A piece that rarely finds its results again is worked out on the case itself for a while, and
    lines for which many pieces had to be worked out are answered the ordinary way for a while: the
    answers are the same bytes either way."""
    cases = _cases(caseload)
    names = ("PIECE_TRIAL", "PIECE_REST", "LINE_TRIAL", "WORKED", "LINE_REST")
    old = [getattr(batch_memo, n) for n in names]
    for name, value in zip(names, (2, 3, 3, worked, 2)):
        setattr(batch_memo, name, value)
    try:
        assessor = batch_memo.BatchAssessor(AS_OF, "en")
        for case in cases * 3:
            assert assessor.answer(case) == ordinary(case)
    finally:
        for name, value in zip(names, old):
            setattr(batch_memo, name, value)


def _with_rule(rule):
    """``rule`` among the rules for the length of a test (both the ordinary way and the batch's)."""
    entitlements.RULES.append(rule)
    return rule


def _days_cases():
    base = {"child": {"age": 9}, "carer": {"relationship": "friend_of_family"},
            "arrangement": {"order": "none"}}
    return [parse_case(dict(base, arrangement={"days_so_far": d})) for d in (None, 0, 1, 27, 28, 29, 100, 365, 366)]


@pytest.mark.parametrize("use, quick", [
    (lambda days: {"days": days}, True),  # kept as it is: written into the JSON
    (lambda days: {"weeks": days // 7}, True),  # arithmetic
    (lambda days: {"text": f"{days} days", "again": str(days) + "%d" % days}, True),  # formatted
    (lambda days: {"long": days > 28, "tier": ["short", "long"][days > 100]}, True),  # compared, then indexes
    (lambda days: {"band": {0: "none", 27: "a", 28: "b"}.get(days, "other")}, True),  # a dict key
    (lambda days: {"same": days == 28, "odd": bool(days % 2), "in": days in (1, 28)}, True),
    (lambda days: {"max": max(days, 30), "is_int": isinstance(days, int) and not isinstance(days, bool)}, True),
    (lambda days: {"list": ["a", "b", "c"][: min(days, 2)], "range": len(range(days))}, True),
    # C code that takes only a real number refuses the recorded one: that line is answered the
    # ordinary way (right, only slower).
    (lambda days: {"when": (AS_OF - dt.timedelta(days=days)).isoformat()}, False),
])
def test_a_number_used_in_any_way_gives_the_answer_for_its_own_value(use, quick):
    """The recording notes a whole number's comparisons only while that is all a rule does with it;
    any other use keys the piece on the number itself, so a rule that writes the number, counts with
    it or passes it on never gets another case's answer."""

    def days_rule(c):
        days = c.case.arrangement.days_so_far
        if days is None:
            return None
        return Entitlement(code="test_days", source="test", grounds=(Phrase("test_days", use(days)),))

    _with_rule(days_rule)
    try:
        assessor = batch_memo.BatchAssessor(AS_OF, "en")
        for case in _days_cases() * 2:
            assert assessor.answer(case) == ordinary(case)
        assert (assessor.ordinary == 0) is quick
    finally:
        entitlements.RULES.remove(days_rule)


def test_a_comparison_alone_keeps_one_answer_for_every_number_on_the_same_side():
    def days_rule(c):
        days = c.case.arrangement.days_so_far
        if days is None or days < 28:
            return None
        return Entitlement(code="test_days", source="test")

    _with_rule(days_rule)
    try:
        assessor = batch_memo.BatchAssessor(AS_OF, "en")
        for case in _days_cases() * 2:
            assert assessor.answer(case) == ordinary(case)
        memo = next(m for m, r in assessor._rules if r is days_rule)
        assert len(memo.table) == 3  # not known, under 28, 28 or more
    finally:
        entitlements.RULES.remove(days_rule)


def test_a_rule_reading_what_the_recording_cannot_watch_is_answered_the_ordinary_way():
    def nosy_rule(c):
        return Entitlement(code="test_people", source=str(len(c.case.people)))  # people: never a rule's

    _with_rule(nosy_rule)
    try:
        assessor = batch_memo.BatchAssessor(AS_OF, "en")
        cases = [parse_case({"child": {"age": 5}, "people": {"child": {"name": "A"}}}),
                 parse_case({"child": {"age": 5}, "people": {}})]
        for case in cases:
            assert assessor.answer(case) == ordinary(case)
        assert assessor.ordinary == 2
    finally:
        entitlements.RULES.remove(nosy_rule)


@pytest.mark.parametrize("peek", [
    lambda c: getattr(c.case, "people", None),
    lambda c: hasattr(c.case, "people"),
    lambda c: getattr(c.case.child, "name", None),
    lambda c: len(c.missing),
])
def test_a_rule_that_would_swallow_what_the_recording_cannot_watch_still_gets_the_ordinary_answer(peek):
    def peeking_rule(c):
        try:
            seen = peek(c)
        except Exception:  # noqa: BLE001 - what a careless rule might do
            seen = "nothing"
        return Entitlement(code="test_peek", source=repr(seen))

    _with_rule(peeking_rule)
    try:
        assessor = batch_memo.BatchAssessor(AS_OF, "en")
        cases = [parse_case({"child": {"age": 5}, "people": {"child": {"name": "A"}}}),
                 parse_case({"child": {"age": 5}})]
        for case in cases:
            assert assessor.answer(case) == ordinary(case)
        assert assessor.ordinary == 2
    finally:
        entitlements.RULES.remove(peeking_rule)


def test_an_unknown_language_is_refused_line_by_line_as_before():
    lines = [json.dumps(FACTS[0]).encode()]
    answers = list(batch.assess_stream(lines, AS_OF, language="xx"))
    assert json.loads(answers[0])["line"] == 1 and "xx" in json.loads(answers[0])["error"]
