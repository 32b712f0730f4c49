"""A saved estimate worked out again from its inputs (kinship_app/estimate/saved.py): nothing when
the figure is the same; when a rate or a variant's rule changed, the new result and which changed,
with old and new value, its date and source, in words when shown. Rates and variants are changed in
test folders only (the ``changed_rates`` fixture, a variant file written here)."""

from __future__ import annotations

import datetime as dt

from kinship_app.estimate import saved

DAY = dt.date(2026, 12, 6)
CASE = {"child": {"age": 9}, "carer": {"relationship": "grandparent"},
        "arrangement": {"order": "special_guardianship_order"}, "household": {"council": "E08000035"},
        "people": {"carer": {"name": "Margaret Ellis"}}}
FINANCES = {"period": "week", "income": {"earnings": 600}, "outgoings": {"housing": 150, "council_tax": 30},
            "income_support_rate": 150, "child_benefit": 27.05}
VARIANT = '''
[sources.ours]
title = "Our council's allowance policy"
url = "https://example.org/policy"
[[variants]]
code = "ours"
name = "Our council"
councils = []
read_on = 2026-12-01
sources = ["ours"]
{periods}
'''
HALF = '''[[variants.periods]]
[variants.periods.share_of_disposable_percent]
value = 50
source = "ours"
note = "Half."
'''
CHANGED = '''[[variants.periods]]
valid_to = 2026-03-31
[variants.periods.share_of_disposable_percent]
value = 50
source = "ours"
note = "Half."
[[variants.periods]]
valid_from = 2026-04-01
[variants.periods.share_of_disposable_percent]
value = 40
source = "ours"
note = "Forty per cent."
'''


def test_the_inputs_keep_the_case_sections_and_the_answers_not_the_names():
    inputs = saved.inputs_for(CASE, FINANCES)
    assert set(inputs["case"]) == {"child", "carer", "arrangement", "household"}
    assert inputs["finances"] == FINANCES


def test_the_same_rates_give_nothing_to_redo():
    inputs = saved.inputs_for(CASE, FINANCES)
    result = saved.work_out(inputs, DAY)
    assert saved.refresh(inputs, result, DAY) is None
    assert saved.figure_text(result) == "Between £0 and £166.95 a week"


def test_a_changed_rate_is_named_with_old_and_new_value_date_and_source(changed_rates):
    inputs = saved.inputs_for(CASE, FINANCES)
    result = saved.work_out(inputs, DAY)
    changed_rates()
    new, changes = saved.refresh(inputs, result, DAY)
    assert saved.figure_text(new) == "Between £0 and £172.95 a week"
    assert [c["key"] for c in changes] == ["rate:fostering_nma:age_band=5-10:region=rest_of_england"]
    assert saved.describe_changes(changes) == [
        "Fostering national minimum allowance (age 5 to 10, rest of England) is now £200 a week (the figure from "
        "6 April 2026); it was £194 a week (the figure from 6 April 2025, not confirmed for this year). Source: "
        "GOV.UK, Help with the cost of fostering – https://gov.uk/support-for-foster-parents/"
        "help-with-the-cost-of-fostering"]


def test_a_variants_rule_that_changed_on_a_date_is_named(tmp_path):
    before, after = tmp_path / "before.toml", tmp_path / "after.toml"
    before.write_text(VARIANT.format(periods=HALF), encoding="utf-8")
    after.write_text(VARIANT.format(periods=CHANGED), encoding="utf-8")
    inputs = saved.inputs_for(CASE, dict(FINANCES, variant="ours"))
    result = saved.work_out(inputs, DAY, [str(before)])
    assert saved.figure_text(result) == "About £50.70 a week"  # 194 - 27.05 - half of 232.50
    new, changes = saved.refresh(inputs, result, DAY, [str(after)])
    assert saved.figure_text(new) == "About £73.95 a week"  # 194 - 27.05 - 40% of 232.50
    [change] = changes
    assert change["key"] == "parameter:share_of_disposable_percent"
    assert saved.describe_change(change) == (
        "The share of spare (disposable) income the council counts is now 40% (from 1 April 2026); it was 50%. "
        "Source: Our council's allowance policy")


def test_a_change_the_basis_cannot_explain_says_so_plainly():
    assert saved.describe_changes([]) == [
        "The way this app works out the estimate has changed since it was saved (a newer version of the app); "
        "the rates it uses are the same."]
