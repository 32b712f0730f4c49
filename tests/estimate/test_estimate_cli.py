"""``kinship-app estimate FILE``: JSON with every step and the result; any JSON value anywhere in
the input is answered (exit 0), or refused with exit 2 and one ``error:`` line naming the field."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent.parent / "fuzz"))
from hostile_json import VALUE, dumps, mutate  # noqa: E402
from test_any_json_cli import assert_answered, run  # noqa: E402

BASE = {
    "child": {"age": 9, "disabled": False, "legal_status": "none"},
    "carer": {"relationship": "grandparent"},
    "arrangement": {"order": "special_guardianship_order"},
    "household": {"council": "E08000035"},
    "finances": {
        "period": "month", "variant": "national",
        "income": {"earnings": 1500, "universal_credit": {"amount": 80, "period": "week"}, "pensions": "unknown"},
        "outgoings": {"housing": 600, "council_tax": 130},
        "income_support_rate": 650, "child_benefit": {"amount": 27.05, "period": "week"},
        "council_share_percent": 50, "council_fostering_allowance": None,
    },
}
ARGV = ["estimate", "-", "--as-of", "2026-12-06"]


def test_prints_each_step_and_the_result():
    code, out, err = run(ARGV, json.dumps(BASE))
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["variant"]["code"] == "national"
    for step in data["steps"]:
        assert {"code", "label", "amount", "min", "max", "period", "source", "note"} <= set(step)
    assert data["result"]["period"] == "month" and data["result"]["min"] == 0
    assert [a["field"] for a in data["asked"]] == ["finances.income.pensions"]


def test_python_dash_m_and_the_script_agree(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(BASE), "utf-8")
    proc = subprocess.run([sys.executable, "-m", "kinship_app", "estimate", str(path), "--as-of", "2026-12-06"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == json.loads(run(ARGV, json.dumps(BASE))[1])


@pytest.mark.parametrize("text, field", [
    ('{"finances": {"income": {"earnings": ' + "9" * 5000 + "}}}", "finances.income.earnings"),
    ('{"finances": {"income": {"earnings": NaN}}}', "finances.income.earnings"),
    ('{"finances": {"outgoings": {"housing": -1}}}', "finances.outgoings.housing"),
    ('{"finances": {"variant": "\\ud800"}}', "finances.variant"),
    ('{"finances": {"income": {"earnings": "lots"}}}', "finances.income.earnings"),
    ('{"finances": {"income": []}}', "finances.income"),
    ('{"child": {"age": 30}, "finances": {}}', "child.age"),
    ('[]', "case"),
])
def test_bad_input_is_one_error_line_naming_the_field(text, field):
    code, out, err = run(ARGV, text)
    assert code == 2 and out == b""
    assert err.startswith(f"error: {field}: "), err
    assert err.count("\n") == 1


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_value_anywhere_is_answered(data):
    assert_answered(*run(ARGV, dumps(mutate(BASE, data))))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=VALUE)
def test_any_document_is_answered(doc):
    assert_answered(*run(ARGV, dumps(doc)))
