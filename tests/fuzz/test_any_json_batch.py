"""Batch mode answers any line exactly as ``assess`` answers the same text as one case: the same
JSON, or the same error (its quick JSON reader must never let through, or refuse, anything the
one-case reader would not)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from hostile_json import VALUE, Deep, dumps, mutate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_any_json_cli import BASE, run

from kinship_app import batch

AS_OF = ["--as-of", "2026-11-22"]


def batch_answer(text: str) -> dict:
    line = text.encode("utf-8", "surrogatepass")
    answers = list(batch.assess_stream(batch.read_lines(io.BytesIO(line + b"\n")), dt.date(2026, 11, 22)))
    assert len(answers) == 1 and answers[0].endswith(b"\n") and answers[0].count(b"\n") == 1
    return json.loads(answers[0])


def assert_same(text: str) -> None:
    code, out, err = run(["assess", "-", *AS_OF], text)
    answer = batch_answer(text)
    if code == 0:
        assert answer == json.loads(out)
    else:
        assert "line" in answer and f"error: {answer['error']}\n" == err, (answer, err)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_value_anywhere_in_a_line_is_answered_as_assess_answers_it(data):
    assert_same(dumps(mutate(BASE, data)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=VALUE)
def test_any_document_on_a_line_is_answered_as_assess_answers_it(doc):
    assert_same(dumps(doc))


@pytest.mark.parametrize("objects", [False, True])
@pytest.mark.parametrize("depth", [41, 499, 500, 501, 999, 1000, 1023, 1024, 1025, 1981, 3000])
def test_deep_nesting_gets_the_same_answer_at_every_depth(depth, objects):
    # Both readers refuse nesting past jsonsafe.PARSE_DEPTH before any parser runs, so the answer no
    # longer depends on which parser reads the line or how much stack the caller has used (found by
    # hypothesis at [Deep(1981)]: json's own limit moved with the caller's stack).
    assert_same(dumps([Deep(depth, objects)]))
