"""Generated ``people`` objects: a letter is made, or refused with a ``LetterError`` naming the field.
Nothing else escapes (RELIABILITY.md, "bad input")."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from letter_cases import AS_OF, HOUSEHOLDS, PEOPLE

from kinship_app.letters import LETTER_IDS, LetterError, build_letter, render_pdf_bytes, required_details, set_detail

json_leaf = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                      st.text(max_size=40), st.sampled_from(["2017-03-27", "2017-02-30", "none", "", " "]))
json_value = st.recursive(json_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(["name", "address", "x"]), inner, max_size=3)),
    max_leaves=8)


@st.composite
def letter_and_people(draw):
    letter_id = draw(st.sampled_from(LETTER_IDS))
    case_fn, _assess_fn = HOUSEHOLDS[letter_id]
    paths = [d.path for d in required_details(letter_id, case_fn())]
    people = PEOPLE
    for path in draw(st.lists(st.sampled_from(paths), min_size=1, max_size=3, unique=True)):
        people = set_detail(people, path, draw(json_value))
    return letter_id, people


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(letter_and_people())
def test_generated_details_never_crash(sample):
    letter_id, people = sample
    case_fn, assess_fn = HOUSEHOLDS[letter_id]
    try:
        content = build_letter(letter_id, case_fn(people), assess_fn(), AS_OF)
    except LetterError as exc:
        assert exc.field and exc.message and "\n" not in exc.message
        return
    assert render_pdf_bytes(content).startswith(b"%PDF-")
