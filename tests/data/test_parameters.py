"""The dated, cited parameters (resources/parameters): every one dated, sourced and checked, read by
one loader that names the file and field when a file is broken, and every name the rules use is there."""

from __future__ import annotations

import ast
import datetime as dt
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data_fuzz import damaged, mutated, only_clear_errors
from kinship_app.data import parameters
from kinship_app.data._files import DataError

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(parameters.PARAMETERS_DIR.glob("*.toml"))
D = dt.date


def test_every_parameter_is_dated_sourced_and_checked():
    found = parameters.all_parameters()
    assert found
    for p in found:
        assert p.about and p.unit in parameters.UNITS
        for period in p.periods:
            assert isinstance(period.valid_from, dt.date)
            assert period.sources and all(s.url.startswith("https://") and s.title for s in period.sources)
            assert D(2020, 1, 1) <= period.checked_on <= D(2027, 12, 31)
        assert [x.valid_from for x in p.periods] == sorted({x.valid_from for x in p.periods})


def _names_used_in_the_code() -> set[str]:
    used = set()
    for path in (ROOT / "kinship_app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "parameters"
                    and node.func.attr in ("get", "value", "in_force") and node.args
                    and isinstance(node.args[0], ast.Constant)):
                used.add(node.args[0].value)
    return used


def test_every_parameter_the_rules_use_is_in_the_data():
    used = _names_used_in_the_code()
    assert {"adult_age", "private_fostering_days", "uc_two_child_limit_removed"} <= used
    known = {p.name for p in parameters.all_parameters()}
    assert used <= known, used - known


def test_no_age_day_count_or_switch_date_is_a_literal_in_the_rules():
    text = (ROOT / "kinship_app" / "entitlements.py").read_text(encoding="utf-8")
    tree = ast.parse(text)
    dates = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "date"
             and isinstance(getattr(n.func, "value", None), ast.Name) and n.func.value.id == "dt"]
    assert not dates, [ast.unparse(d) for d in dates]
    definition = (ROOT / "kinship_app" / "definition.py").read_text(encoding="utf-8")
    for literal in (">= 28", "< 16", ">= 16", "< 18", ">= 18"):
        assert literal not in definition, literal
    for literal in (">= 20", "< 16", ">= 16", "age >= 18"):  # Child Benefit's ages and adulthood
        assert literal not in text, literal


def test_values_and_switches_by_date():
    assert parameters.value("private_fostering_days", D(2026, 11, 22)) == 28
    assert parameters.value("private_fostering_age_limit", D(2026, 11, 22)) == 16
    assert parameters.value("private_fostering_age_limit_disabled", D(2026, 11, 22)) == 18
    assert parameters.value("adult_age", D(2026, 11, 22)) == 18
    assert not parameters.in_force("uc_two_child_limit_removed", D(2026, 4, 5))
    assert parameters.in_force("uc_two_child_limit_removed", D(2026, 4, 6))
    assert parameters.get("uc_two_child_limit_removed", D(2026, 11, 22)).valid_from == D(2026, 4, 6)
    assert not parameters.in_force("vsh_kinship_extension", D(2024, 8, 31))
    assert parameters.in_force("sgo_private_law_legal_aid", D(2023, 5, 1))
    with pytest.raises(parameters.UnknownParameterError):
        parameters.value("no_such_parameter", D(2026, 1, 1))
    with pytest.raises(parameters.UnknownParameterError):
        parameters.value("adult_age", D(1980, 1, 1))  # before the data gives a value: never a guess


def test_a_new_dated_period_changes_the_answer_from_its_date(tmp_path, monkeypatch):
    """A rule that changes on a date is a new period in the file, not an edit to the code."""
    import datetime

    from kinship_app.assess import assess
    from kinship_app.case import parse_case

    raw = FILES[0].read_text(encoding="utf-8") + (
        "\n[[parameters.private_fostering_days.periods]]\nvalid_from = 2027-01-01\nvalue = 42\n"
        'sources = ["ca1989_s66"]\nchecked_on = 2026-12-06\n')
    (tmp_path / "law.toml").write_text(raw, encoding="utf-8")
    table = parameters.load(tmp_path)
    monkeypatch.setattr(parameters, "load", lambda directory=None: table)
    case = parse_case({"child": {"age": 9}, "carer": {"relationship": "cousin"},
                       "arrangement": {"order": "none", "days_so_far": 30, "council_arranged": False,
                                       "court_involved": False}})
    assert assess(case, datetime.date(2026, 12, 31)).category == "private_fostering"
    later = assess(case, datetime.date(2027, 1, 1))
    assert later.category != "private_fostering"
    pf = assess(parse_case({**case.to_dict(), "arrangement": {"order": "none", "days_so_far": 50,
                                                              "council_arranged": False, "court_involved": False}}),
                datetime.date(2027, 1, 1))
    reason = next(r for r in pf.reasons if r.code == "private_fostering")
    assert reason.params["days"] == 42


@pytest.mark.parametrize("change, field", [
    (lambda d: d["parameters"]["adult_age"]["periods"][0].pop("checked_on"), "parameters.adult_age.periods[1].checked_on"),
    (lambda d: d["parameters"]["adult_age"]["periods"][0].update(sources=["nowhere"]), "parameters.adult_age.periods[1].sources"),
    (lambda d: d["parameters"]["adult_age"]["periods"][0].update(valid_from="2020-01-01"), "parameters.adult_age.periods[1].valid_from"),
    (lambda d: d["parameters"]["adult_age"]["periods"][0].update(value=True), "parameters.adult_age.periods[1].value"),
    (lambda d: d["parameters"]["uc_two_child_limit_removed"]["periods"][0].update(value=1),
     "parameters.uc_two_child_limit_removed.periods[1].value"),
    (lambda d: d["parameters"]["adult_age"].update(unit="months"), "parameters.adult_age.unit"),
    (lambda d: d["parameters"]["adult_age"].update(colour="red"), "parameters.adult_age.colour"),
])
def test_a_broken_file_names_the_file_and_field(change, field):
    data = tomllib.loads(FILES[0].read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(DataError) as err:
        parameters.parse_data(data, FILES[0])
    assert err.value.field == field and err.value.path == str(FILES[0])


FUZZ = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEXTS = [p.read_text(encoding="utf-8") for p in FILES]


@FUZZ
@given(st.data())
def test_damaged_parameter_files_give_only_clear_errors(data):
    text = damaged(data, data.draw(st.sampled_from(TEXTS), label="file"))
    only_clear_errors(lambda raw: parameters.parse_bytes(raw, "fuzz"), text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.data())
def test_structured_parameter_files_give_only_clear_errors(data):
    tree = mutated(data, tomllib.loads(data.draw(st.sampled_from(TEXTS), label="file")))
    only_clear_errors(lambda d: parameters.parse_data(d, "fuzz"), tree)


def test_a_date_before_the_rules_start_is_a_clear_error_not_a_guess():
    import subprocess
    import sys

    first = parameters.earliest()
    assert first == D(2011, 4, 1)  # temporary approval (CPPCR 2010 reg 24) is the latest to start
    proc = subprocess.run([sys.executable, "-m", "kinship_app", "assess", "-", "--as-of", "1999-01-01"],
                          input=b"{}", capture_output=True, timeout=60)
    assert proc.returncode == 2 and proc.stdout == b""
    assert proc.stderr.decode().startswith("error: --as-of: must be on or after 2011-04-01")
