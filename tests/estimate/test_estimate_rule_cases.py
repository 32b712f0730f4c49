"""Rule cases for the allowance estimator (cases.toml): each step and each variant, Lincolnshire's
published worked example to the penny, zero and negative disposable income, a household on
Universal Credit, and weekly or monthly figures giving the same result."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kinship_app.estimate import estimate_case

CASES = tomllib.loads((Path(__file__).parent / "cases.toml").read_text("utf-8"))["case"]


def _run(case: dict):
    data = dict(case["case"])
    data["finances"] = case["finances"]
    return estimate_case(data, case["as_of"]).to_json()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_rule_case(case):
    out = _run(case)
    expect = case["expect"]
    steps = {s["code"]: s for s in out["steps"]}
    if "variant" in expect:
        assert out["variant"]["code"] == expect["variant"]
    for key, value in expect.get("steps", {}).items():
        if key.endswith("_min") or key.endswith("_max"):
            code, end = key.rsplit("_", 1)
            assert steps[code][end] == pytest.approx(value, abs=0.001), key
        else:
            assert steps[key]["amount"] == pytest.approx(value, abs=0.001), (key, steps[key])
    if "result" in expect:
        assert out["result"]["exact"] is True
        assert out["result"]["min"] == pytest.approx(expect["result"], abs=0.001)
        assert steps["allowance"]["amount"] == pytest.approx(expect["result"], abs=0.001)
    if "result_week" in expect:
        assert out["result"]["week"]["min"] == pytest.approx(expect["result_week"], abs=0.001)
    if "result_min" in expect:
        assert out["result"]["exact"] is False
        assert out["result"]["min"] == pytest.approx(expect["result_min"], abs=0.001)
        assert out["result"]["max"] == pytest.approx(expect["result_max"], abs=0.001)
    if "asked" in expect:
        assert [a["field"] for a in out["asked"]] == expect["asked"]


def test_every_step_is_shown_in_order_with_a_label_and_the_period():
    out = _run(CASES[0])
    assert [s["code"] for s in out["steps"]] == [
        "income", "income_disregard", "income_counted", "outgoings", "living_costs", "expenditure", "disposable",
        "contribution", "baseline", "child_payments", "allowance"]
    assert all(s["label"] and s["period"] == "month" for s in out["steps"])
    assert "council decides" in out["council_decides"]


def test_each_rule_step_names_its_source():
    out = _run(next(c for c in CASES if c["name"] == "national_weekly"))
    for step in out["steps"]:
        if step["code"] in ("income_disregard", "living_costs", "contribution", "baseline", "child_payments"):
            assert step["source"]["url"].startswith("http"), step


def test_weekly_and_monthly_income_give_the_same_result():
    week = _run(next(c for c in CASES if c["name"] == "national_weekly"))
    month = _run(next(c for c in CASES if c["name"] == "national_monthly_same_household"))
    assert week["result"]["week"] == month["result"]["week"]
    assert week["result"]["month"] == month["result"]["month"]


def test_the_asked_figures_say_what_they_are_and_where_to_find_them():
    case = next(c for c in CASES if c["name"] == "national_income_support_rate_asked")
    asked = _run(case)["asked"]
    assert asked[0]["field"] == "finances.income_support_rate"
    assert "Income Support" in asked[0]["what"] and "GOV.UK" in asked[0]["where_to_find"]


def test_a_pilot_council_says_what_the_pilot_pays_and_that_the_start_is_not_confirmed():
    data = {"child": {"age": 7}, "household": {"council": "E08000001"},
            "finances": {"period": "week", "income": {"earnings": 300}, "income_support_rate": 150,
                         "council_share_percent": 50, "child_benefit": 27.05}}
    import datetime as dt

    out = estimate_case(data, dt.date(2026, 6, 1)).to_json()
    pilot = out["kinship_allowance_pilot"]
    assert pilot["council"] == "Bolton" and pilot["min"] == pilot["max"] == 194
    assert pilot["means_tested"] is False and pilot["start_date"] is None
    assert pilot["amount_confirmed_for_this_year"] is False
    assert "not been confirmed" in pilot["note"]
    out = estimate_case({**data, "household": {"council": "E08000035"}}, dt.date(2026, 6, 1)).to_json()
    assert out["kinship_allowance_pilot"] is None


def test_a_council_allowance_below_the_national_minimum_is_pointed_out():
    out = _run(CASES[0])
    baseline = next(s for s in out["steps"] if s["code"] == "baseline")
    assert "less than the national minimum" in baseline["note"]


@pytest.mark.parametrize("data, field", [
    ({"child": {"age": 18}, "finances": {}}, "child.age"),
    ({"child": {"age": 7}}, "finances"),
    ({"finances": {"variant": "nowhere"}}, "finances.variant"),
    ({"finances": {"period": "fortnight"}}, "finances.period"),
    ({"finances": {"income": {"lottery": 5}}}, "finances.income.lottery"),
    ({"finances": {"income": {"earnings": {"amount": 5, "period": "year"}}}}, "finances.income.earnings.period"),
    ({"finances": {"income": {"earnings": {"period": "week"}}}}, "finances.income.earnings.amount"),
    ({"finances": {"outgoings": {"housing": True}}}, "finances.outgoings.housing"),
    ({"finances": {"council_share_percent": 150}}, "finances.council_share_percent"),
    ({"finances": {"child_benefit": -1}}, "finances.child_benefit"),
    ({"finances": {"secret": 1}}, "finances.secret"),
])
def test_bad_input_names_the_field(data, field):
    import datetime as dt

    from kinship_app.case import CaseError

    with pytest.raises(CaseError) as err:
        estimate_case(data, dt.date(2025, 6, 1))
    assert err.value.field == field
