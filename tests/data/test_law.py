"""The law's dated switches and boundaries (resources/parameters/law.toml), and the day each benefit rate
really changes: tests on both sides of every date."""

from __future__ import annotations

import datetime as dt

import pytest

from kinship_app.data import law, rates
from kinship_app.data._files import DataError

D = dt.date


def _first_monday_of_tax_year(year: int) -> dt.date:
    day = D(year, 4, 6)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


@pytest.mark.parametrize("name, day", [
    ("parental_leave_day_one", D(2026, 4, 6)),
    ("kinship_local_offer_duty", D(2026, 6, 29)),
    ("kinship_education_duty", D(2026, 6, 1)),
])
def test_each_switch_turns_on_on_its_day(name, day):
    assert law.in_force(name, day)
    assert not law.in_force(name, day - dt.timedelta(days=1))


@pytest.mark.parametrize("name, value", [
    ("order_ends_at_age", 18), ("temporary_approval_weeks", 16), ("temporary_approval_extension_weeks", 8),
])
def test_boundaries_have_their_legal_values(name, value):
    assert law.value(name) == value


def test_every_dated_entry_cites_and_was_checked():
    for item in law.all_dated():
        assert item.source and item.urls and item.what
        assert item.checked_on >= D(2026, 12, 1), item.name


def test_an_unknown_name_is_an_error_that_names_it():
    with pytest.raises(DataError, match="no_such_rule"):
        law.in_force("no_such_rule", D(2026, 1, 1))


@pytest.mark.parametrize("name", ["child_benefit_eldest", "child_benefit_additional", "guardians_allowance"])
def test_child_benefit_and_guardians_allowance_change_on_the_first_monday_of_the_tax_year(name):
    periods = rates.describe(name).periods
    for period in periods:
        assert period.valid_from == _first_monday_of_tax_year(period.valid_from.year), (name, period.valid_from)
    for before, after in zip(periods, periods[1:]):
        assert before.valid_to + dt.timedelta(days=1) == after.valid_from


@pytest.mark.parametrize("name, day_before, day, old, new", [
    ("child_benefit_eldest", D(2024, 4, 7), D(2024, 4, 8), None, 25.60),
    ("child_benefit_eldest", D(2025, 4, 6), D(2025, 4, 7), 25.60, 26.05),  # 6 April 2025 was a Sunday
    ("child_benefit_eldest", D(2026, 4, 5), D(2026, 4, 6), 26.05, 27.05),
    ("child_benefit_additional", D(2025, 4, 6), D(2025, 4, 7), 16.95, 17.25),
    ("guardians_allowance", D(2024, 4, 7), D(2024, 4, 8), None, 21.75),
    ("guardians_allowance", D(2025, 4, 6), D(2025, 4, 7), 21.75, 22.10),
    ("guardians_allowance", D(2026, 4, 5), D(2026, 4, 6), 22.10, 22.95),
    ("uc_child_element", D(2025, 4, 6), D(2025, 4, 7), 287.92, 292.81),
])
def test_rates_on_both_sides_of_the_change(name, day_before, day, old, new):
    before = rates.lookup(name, day_before)
    assert (before.value if before else None) == old
    assert rates.lookup(name, day).value == new
    assert rates.lookup(name, day).confirmed


def test_2024_25_figures_have_official_sources():
    amount = rates.lookup("child_benefit_eldest", D(2024, 12, 1))
    assert amount.value == 25.60 and "gov.uk" in amount.source
    assert "askcpag.org.uk" in rates.lookup("uc_child_element", D(2024, 12, 1)).source


def test_no_2027_28_figure_is_invented():
    # The next change is expected on 12 April 2027; nothing confirms its figure.
    amount = rates.lookup("child_benefit_eldest", D(2027, 4, 12))
    assert amount.value == 27.05 and not amount.confirmed
