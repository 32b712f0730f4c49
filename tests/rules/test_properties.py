"""Property-based tests: thousands of generated valid cases never crash the assessor; generated
invalid ones always get a clear `error:` naming the field (through the real CLI entry point)."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinship_app import cli
from kinship_app.assess import assess
from kinship_app.case import (APPROVALS, LEGAL_STATUSES, LIVES_WITH, ORDERS, RELATIONSHIPS, CaseError,
                              parse_case)
from kinship_app.data import councils
from kinship_app.result import CATEGORIES

COUNCIL_CODES = [c.code for c in councils.all()]


def maybe(strategy, unknown=True):
    options = [st.none(), strategy]
    if unknown:
        options.append(st.just("unknown"))
    return st.one_of(*options)


def sections(draw_missing=True):
    return st.fixed_dictionaries({}, optional={
        "child": st.fixed_dictionaries({}, optional={
            "age": st.one_of(st.none(), st.integers(0, 25)),
            "disabled": maybe(st.booleans()),
            "legal_status": maybe(st.sampled_from(LEGAL_STATUSES)),
            "looked_after_before_order": st.one_of(st.none(), st.booleans()),
        }),
        "carer": st.fixed_dictionaries({}, optional={
            "relationship": maybe(st.sampled_from(RELATIONSHIPS)),
            "approved_foster_carer": maybe(st.sampled_from(APPROVALS)),
        }),
        "arrangement": st.fixed_dictionaries({}, optional={
            "order": maybe(st.sampled_from(ORDERS)),
            "lives_with_carer": maybe(st.sampled_from(LIVES_WITH)),
            "days_so_far": st.one_of(st.none(), st.integers(0, 4000)),
            "expected_days": st.one_of(st.none(), st.integers(0, 9000)),
            "council_arranged": maybe(st.booleans()),
            "court_involved": maybe(st.booleans()),
        }),
        "household": st.fixed_dictionaries({}, optional={
            "council": st.one_of(st.none(), st.sampled_from(COUNCIL_CODES)),
            "parents_died": st.one_of(st.none(), st.integers(0, 2)),
            "surviving_parent_unavailable": maybe(st.booleans()),
            "employed": st.one_of(st.none(), st.booleans()),
        }),
    })


DATES = st.dates(dt.date(2023, 1, 1), dt.date(2030, 12, 31))


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sections(), DATES)
def test_valid_cases_never_crash(data, as_of):
    try:
        case = parse_case(data)
    except CaseError as exc:  # only the combinations the law rules out may be refused
        assert exc.field in ("arrangement.order", "carer.approved_foster_carer", "child.legal_status",
                             "arrangement.expected_days")
        return
    result = assess(case, as_of)
    assert result.category in CATEGORIES
    assert result.kinship in (True, False, None)
    assert result.reasons
    if result.category == "undetermined":
        assert result.missing or result.kinship is None
    for e in result.entitlements:
        if e.amount is not None:
            assert e.amount.period in ("week", "month", "year") and e.amount.valid_from
    json.dumps(result.to_json())  # always serialisable


WRONG = st.one_of(st.text(max_size=20), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                  st.booleans(), st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
FIELDS = [("child", "age"), ("child", "disabled"), ("child", "legal_status"), ("carer", "relationship"),
          ("carer", "approved_foster_carer"), ("arrangement", "order"), ("arrangement", "lives_with_carer"),
          ("arrangement", "days_so_far"), ("household", "council"), ("household", "parents_died"),
          ("household", "employed")]


def _is_valid(section, name, value):
    try:
        parse_case({section: {name: value}})
        return True
    except CaseError:
        return False


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FIELDS), WRONG)
def test_invalid_cases_get_a_clear_error(field, value, ):
    section, name = field
    if _is_valid(section, name, value):
        return
    stdin, stdout, stderr = io.BytesIO(json.dumps({section: {name: value}}).encode()), io.BytesIO(), io.StringIO()

    class Buf:
        def __init__(self, b):
            self.buffer = b

        def flush(self):
            pass

    old = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = Buf(stdin), Buf(stdout), stderr
    try:
        code = cli.main(["assess", "--as-of", "2026-11-22"])
    finally:
        sys.stdin, sys.stdout, sys.stderr = old
    assert code == 2
    assert stdout.getvalue() == b""
    line = stderr.getvalue()
    assert line.startswith("error: ") and line.count("\n") == 1
    assert f"{section}.{name}" in line
