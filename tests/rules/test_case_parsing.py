"""``parse_case`` takes a plain valid value as it is and hands anything else to ``_parse_value`` (batch
mode parses tens of thousands of cases a second). Whatever it is given, it must answer exactly as
checking every field with ``_parse_value`` does: the same case, or the same error for the same field."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kinship_app import case as C
from kinship_app.data import councils

COUNCIL_CODES = [c.code for c in councils.all()]


def every_field_checked(data):
    """The reading of a case with each present value through ``_parse_value`` (the way it was read
    before the quick path), in the same order of checks."""
    if not isinstance(data, dict):
        raise C.CaseError("case", "not an object")
    for key in data:
        if key not in C._TOP_LEVEL:
            raise C.CaseError(str(key), "not a part")
    parts = {}
    for section, fields in C._SPEC.items():
        raw = data.get(section)
        raw = {} if raw is None else raw
        if not isinstance(raw, dict):
            raise C.CaseError(section, "not an object")
        for key in raw:
            if key not in C._KNOWN[section]:
                raise C.CaseError(f"{section}.{key}", "not a field")
        values = {}
        for name, kind, allowed, default in fields:
            value = raw.get(name)
            values[name] = default if value is None else C._parse_value(f"{section}.{name}", value, kind, allowed,
                                                                          default)
        parts[section] = C._CLASSES[section](**values)
    people = data.get("people")
    people = {} if people is None else people
    if not isinstance(people, dict):
        raise C.CaseError("people", "not an object")
    case = C.Case(people=people, **parts)
    C._check_combinations(case)
    return case


def outcome(read, data):
    try:
        return read(data)
    except C.CaseError as exc:
        return ("error", exc.field)


ODD = st.one_of(st.none(), st.just("unknown"), st.booleans(), st.integers(-3, 30), st.integers(4000, 10_000),
                st.floats(allow_nan=False, allow_infinity=False, min_value=-5, max_value=50), st.text(max_size=6),
                st.sampled_from([" E08000035", "e08000035", "E08000035\n", "E07000001", "E99999999"]),
                st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=1))


def value_for(kind, allowed):
    if kind == "code":
        good = st.sampled_from(allowed)
    elif kind == "bool":
        good = st.booleans()
    elif kind == "int":
        good = st.integers(*allowed)
    else:
        good = st.sampled_from(COUNCIL_CODES)
    return st.one_of(good, good, ODD)


SECTIONS = {section: st.fixed_dictionaries({}, optional={
    **{name: value_for(kind, allowed) for name, kind, allowed, _default in fields},
    "extra": st.integers(),
}) for section, fields in C._SPEC.items()}
CASES = st.fixed_dictionaries({}, optional={
    **{section: st.one_of(strategy, strategy, st.none(), st.integers()) for section, strategy in SECTIONS.items()},
    "people": st.one_of(st.none(), st.just({"carer": {"name": "Siân"}}), st.just([])),
    "other": st.integers(),
})


@settings(max_examples=1500, deadline=None)
@given(CASES)
def test_parse_case_answers_as_checking_every_field_does(data):
    assert outcome(C.parse_case, data) == outcome(every_field_checked, data)
