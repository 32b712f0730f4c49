"""Any JSON value anywhere in a case is answered, never crashed on: ``assess``, ``letters`` and
``letter`` exit 0, or exit 2 with one ``error:`` line naming the field (issue: "no input crashes
the app"; RELIABILITY.md, "any JSON value")."""

from __future__ import annotations

import io
import sys

import pytest
from hostile_json import VALUE, dumps, mutate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinship_app import cli

BASE = {
    "child": {"age": 9, "disabled": False, "legal_status": "none", "looked_after_before_order": True},
    "carer": {"relationship": "grandparent", "approved_foster_carer": "no"},
    "arrangement": {"order": "special_guardianship_order", "lives_with_carer": "full_time", "days_so_far": 800,
                    "expected_days": 900, "council_arranged": False, "court_involved": True},
    "household": {"council": "E08000035", "parents_died": 1, "surviving_parent_unavailable": True, "employed": True},
    "people": {
        "carer": {"name": "Margaret Ellis", "address": ["12 Mill Lane", "Leeds", "LS6 2AB"], "phone": "0113 496 0000"},
        "child": {"name": "Ellis Ward", "date_of_birth": "2017-03-27"},
        "order_date": "2024-09-02",
        "recipient": {"name": "Children's Services", "address": ["Civic Hall", "Leeds", "LS1 1UR"]},
        "employer": {"name": "Northern Buses Ltd", "address": ["Depot Road", "Leeds", "LS9 8AA"]},
    },
}


class _Stream:
    def __init__(self, raw: bytes = b""):
        self.buffer = io.BytesIO(raw)

    def flush(self):
        pass


def run(argv: list[str], text: str) -> tuple[int, bytes, str]:
    stdin = _Stream(text.encode("utf-8", "surrogatepass"))
    stdout, stderr = _Stream(), io.StringIO()
    old = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
    try:
        code = cli.main(argv)
    finally:
        sys.stdin, sys.stdout, sys.stderr = old
    return code, stdout.buffer.getvalue(), stderr.getvalue()


def assert_answered(code: int, out: bytes, err: str) -> None:
    assert code in (0, 2), err
    if code == 2:
        assert out == b""
        assert err.startswith("error: ") and err.count("\n") == 1 and err.endswith("\n"), err
        assert "internal problem" not in err and "Traceback" not in err
        err.encode("utf-8")  # nothing unprintable reaches the terminal
    else:
        assert err == ""


COMMANDS = st.sampled_from([
    ["assess", "-", "--as-of", "2026-11-22"],
    ["letters", "-", "--as-of", "2026-11-22"],
])


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argv=COMMANDS, data=st.data())
def test_any_value_anywhere_in_a_case_is_answered(argv, data):
    assert_answered(*run(argv, dumps(mutate(BASE, data))))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argv=COMMANDS, doc=VALUE)
def test_any_document_is_answered(argv, doc):
    assert_answered(*run(argv, dumps(doc)))


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_value_in_a_letters_case_is_answered(tmp_path, data):
    out = tmp_path / "letter.pdf"
    letter = data.draw(st.sampled_from(["support_summary", "sg_support_assessment", "allowance_request"]))
    code, stdout, err = run(["letter", letter, "-", "--out", str(out), "--as-of", "2026-11-22"],
                            dumps(mutate(BASE, data)))
    assert_answered(code, stdout, err)
    if code == 0:
        assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("path, text", [
    ("child.age", '{"child": {"age": ' + "9" * 5000 + "}}"),
    ("household.parents_died", '{"household": {"parents_died": -' + "1" * 4400 + "}}"),
    ("child.age", '{"child": {"age": NaN}}'),
    ("arrangement.days_so_far", '{"arrangement": {"days_so_far": Infinity}}'),
    ("carer.relationship", '{"carer": {"relationship": "\\ud800"}}'),
    ("people.carer.name", '{"people": {"carer": {"name": "Jo\\udc00"}}}'),
    ("people.note", '{"people": {"note": "a\\u0000b"}}'),
])
@pytest.mark.parametrize("command", ["assess", "letters", "letter"])
def test_the_inputs_that_crashed_now_name_their_field(tmp_path, command, path, text):
    argv = [command, "-", "--as-of", "2026-11-22"]
    if command == "letter":
        argv = ["letter", "support_summary", "-", "--out", str(tmp_path / "x.pdf"), "--as-of", "2026-11-22"]
    code, out, err = run(argv, text)
    assert code == 2 and out == b""
    assert err.startswith(f"error: {path}: "), err
    assert err.count("\n") == 1


def test_a_terminal_escape_in_a_value_is_shown_escaped():
    code, _out, err = run(["assess", "-"], '{"carer": {"relationship": "\\u001b[2Jgran"}}')
    assert code == 2 and "\x1b" not in err and "\\u001b[2Jgran" in err
