"""The rate files themselves, and how ``lookup`` answers for a date."""

import datetime as dt
from pathlib import Path

import pytest

from kinship_app.data import rates
from kinship_app.data._files import DataError
from kinship_app.result import Amount

D = dt.date
NMA_TABLE_2025 = {  # FACTS §2.11, 6 Apr 2025 – 5 Apr 2026
    "london": [198, 201, 225, 257, 299],
    "south_east": [189, 196, 216, 247, 288],
    "rest_of_england": [170, 176, 194, 220, 258],
}
BANDS = ["0-2", "3-4", "5-10", "11-15", "16-17"]


def test_contract_example_child_benefit_on_22_november_2026():
    a = rates.lookup("child_benefit_eldest", D(2026, 11, 22))
    assert (a.value, a.currency, a.period) == (27.05, "GBP", "week")
    assert (a.valid_from, a.valid_to, a.confirmed) == (D(2026, 4, 6), D(2027, 4, 5), True)
    assert a.to_json()["valid_from"] == "2026-04-06"


@pytest.mark.parametrize("name, day, value, start, end", [
    ("child_benefit_eldest", D(2025, 4, 7), 26.05, D(2025, 4, 7), D(2026, 4, 5)),
    ("child_benefit_eldest", D(2026, 4, 5), 26.05, D(2025, 4, 7), D(2026, 4, 5)),
    ("child_benefit_eldest", D(2026, 4, 6), 27.05, D(2026, 4, 6), D(2027, 4, 5)),
    ("child_benefit_additional", D(2025, 12, 25), 17.25, D(2025, 4, 7), D(2026, 4, 5)),
    ("child_benefit_additional", D(2027, 4, 5), 17.90, D(2026, 4, 6), D(2027, 4, 5)),
    ("guardians_allowance", D(2026, 1, 1), 22.10, D(2025, 4, 7), D(2026, 4, 5)),
    ("guardians_allowance", D(2026, 4, 6), 22.95, D(2026, 4, 6), D(2027, 4, 5)),
    ("pupil_premium_plus", D(2025, 3, 31), 2570, D(2024, 4, 1), D(2025, 3, 31)),
    ("pupil_premium_plus", D(2025, 4, 1), 2630, D(2025, 4, 1), D(2026, 3, 31)),
    ("asgsf_fair_access_limit", D(2025, 10, 1), 3000, D(2025, 4, 1), D(2026, 3, 31)),
])
def test_confirmed_inside_a_period(name, day, value, start, end):
    a = rates.lookup(name, day)
    assert isinstance(a, Amount)
    assert (a.value, a.valid_from, a.valid_to, a.confirmed) == (value, start, end, True)


@pytest.mark.parametrize("region", list(NMA_TABLE_2025))
@pytest.mark.parametrize("i, band", list(enumerate(BANDS)))
def test_nma_2025_26_table(region, i, band):
    a = rates.lookup("fostering_nma", D(2025, 9, 1), region=region, age_band=band)
    assert a.value == NMA_TABLE_2025[region][i]
    assert (a.period, a.valid_from, a.valid_to, a.confirmed) == ("week", D(2025, 4, 6), D(2026, 4, 5), True)


def test_nma_2024_25_from_govuk():
    a = rates.lookup("fostering_nma", D(2024, 4, 6), region="south_east", age_band="11-15")
    assert (a.value, a.valid_from, a.valid_to, a.confirmed) == (238, D(2024, 4, 6), D(2025, 4, 5), True)
    assert "gov.uk/support-for-foster-parents" in a.source


@pytest.mark.parametrize("name, dims, last_value, last_to", [
    ("fostering_nma", {"region": "london", "age_band": "5-10"}, 225, D(2026, 4, 5)),
    ("pupil_premium_plus", {}, 2630, D(2026, 3, 31)),
    ("asgsf_fair_access_limit", {}, 3000, D(2026, 3, 31)),
    ("child_benefit_eldest", {}, 27.05, D(2027, 4, 5)),
])
def test_after_the_last_period_gives_the_last_figure_unconfirmed(name, dims, last_value, last_to):
    day = last_to + dt.timedelta(days=1)
    for when in (day, D(2030, 1, 1)):
        a = rates.lookup(name, when, **dims)
        assert a.value == last_value and a.confirmed is False
        assert a.valid_to == last_to and a.valid_from < a.valid_to  # its own year, to say which
    assert rates.last_confirmed(name) == last_to


def test_unverified_2026_27_figures_are_absent():
    # FACTS: the 2026/27 NMA, PP+ and ASGSF limit are UNVERIFIED and must not be stated as fact.
    day = D(2026, 11, 22)
    assert not rates.lookup("fostering_nma", day, region="london", age_band="0-2").confirmed
    assert not rates.lookup("pupil_premium_plus", day).confirmed
    assert not rates.lookup("asgsf_fair_access_limit", day).confirmed


@pytest.mark.parametrize("name, dims", [
    ("child_benefit_eldest", {}), ("pupil_premium_plus", {}),
    ("fostering_nma", {"region": "london", "age_band": "0-2"}),
])
def test_before_the_first_period_there_is_no_figure(name, dims):
    assert rates.lookup(name, D(2000, 1, 1), **dims) is None
    first = rates.describe(name).periods[0].valid_from
    assert rates.lookup(name, first - dt.timedelta(days=1), **dims) is None


def test_unknown_name_or_dims_are_clear_errors():
    with pytest.raises(ValueError, match="unknown rate 'child_benefit'"):
        rates.lookup("child_benefit", D(2026, 1, 1))
    with pytest.raises(ValueError, match="missing age_band"):
        rates.lookup("fostering_nma", D(2026, 1, 1), region="london")
    with pytest.raises(ValueError, match="unknown region 'wales'"):
        rates.lookup("fostering_nma", D(2026, 1, 1), region="wales", age_band="0-2")
    with pytest.raises(ValueError, match="unexpected region"):
        rates.lookup("child_benefit_eldest", D(2026, 1, 1), region="london")
    with pytest.raises(ValueError):
        rates.describe("nope")
    with pytest.raises(ValueError, match="as_of must be a date"):
        rates.lookup("child_benefit_eldest", "2026-11-22")
    with pytest.raises(ValueError, match="as_of must be a date"):
        rates.lookup("child_benefit_eldest", dt.datetime(2026, 11, 22, 12, 0))


def test_labels_say_which_figure():
    from kinship_app.wording import amount_label

    # The figure keeps which rate and dimensions it is; the label is worded when shown.
    a = rates.lookup("fostering_nma", D(2025, 9, 1), region="london", age_band="5-10")
    assert (a.rate, a.dims) == ("fostering_nma", {"region": "london", "age_band": "5-10"})
    assert amount_label(a, "en") == "age 5 to 10, London"
    assert amount_label(rates.lookup("guardians_allowance", D(2026, 9, 1)), "en") == "Guardian's Allowance"


def test_an_amount_cites_its_rate_files_source():
    a = rates.lookup("child_benefit_eldest", D(2026, 9, 1))
    assert "HCWS1100" in a.source and "https://" in a.source
    assert a.checked_on == D(2026, 11, 22)


@pytest.mark.parametrize("age, band", [(0, "0-2"), (2, "0-2"), (3, "3-4"), (4, "3-4"), (5, "5-10"),
                                       (10, "5-10"), (11, "11-15"), (15, "11-15"), (16, "16-17"),
                                       (17, "16-17"), (18, None), (25, None)])
def test_nma_age_band(age, band):
    assert rates.nma_age_band(age) == band


def test_nma_age_band_rejects_nonsense():
    for bad in (-1, 2.5, "3", True):
        with pytest.raises(ValueError):
            rates.nma_age_band(bad)


# --- the data files themselves -------------------------------------------------------------------

def test_every_rate_is_cited_dated_and_has_a_unit_and_title():
    all_rates = rates.all_rates()
    assert {r.name for r in all_rates} == set(rates.TITLES)
    for r in all_rates:
        assert r.unit in ("week", "month", "year") and r.currency == "GBP"
        for p in r.periods:
            assert p.sources, r.name
            for s in p.sources:
                assert s.title and s.url.startswith(("https://", "http://"))
            assert D(2020, 1, 1) <= p.checked_on <= D(2030, 1, 1)
            assert all(isinstance(v, float) and v > 0 for v in p.values.values())
            # Every combination of dims has a value.
            expected = 1
            for values in r.dims.values():
                expected *= len(values)
            assert len(p.values) == expected


def test_periods_are_ordered_and_do_not_overlap():
    for r in rates.all_rates():
        for before, after in zip(r.periods, r.periods[1:]):
            assert before.valid_to < after.valid_from, r.name
            # Our rates are continuous year on year: a gap would mean a missing year.
            assert after.valid_from == before.valid_to + dt.timedelta(days=1), r.name


def test_the_about_box_can_list_checked_on_dates():
    rows = [(r.title, r.checked_on, r.last_confirmed) for r in rates.all_rates()]
    assert len(rows) == 7 and all(isinstance(c, dt.date) for _, c, _ in rows)


# --- broken files give clear errors that name the file and field ------------------------------

GOOD = """
[sources.s]
title = "A source"
url = "https://example.org/a"

[rates.x]
unit = "week"
currency = "GBP"

[[rates.x.periods]]
valid_from = 2025-04-07
valid_to = 2026-04-05
value = 26.05
sources = ["s"]
checked_on = 2026-11-22
"""


def _load(tmp_path: Path, text: str):
    (tmp_path / "r.toml").write_text(text, encoding="utf-8")
    rates.load.cache_clear()
    try:
        return rates.load(tmp_path)
    finally:
        rates.load.cache_clear()


def test_a_good_file_loads(tmp_path):
    assert _load(tmp_path, GOOD)["x"].periods[0].values == {(): 26.05}


@pytest.mark.parametrize("change, field, words", [
    (("value = 26.05", 'value = "26.05"'), "rates.x.periods[1].value", "must be a number"),
    (("value = 26.05", "value = -1"), "rates.x.periods[1].value", "between 0"),
    (("value = 26.05", ""), "rates.x.periods[1].value", "is missing"),
    (('unit = "week"', 'unit = "fortnight"'), "rates.x.unit", "must be one of"),
    (('currency = "GBP"', 'currency = "EUR"'), "rates.x.currency", "must be one of"),
    (("valid_to = 2026-04-05", "valid_to = 2024-04-05"), "rates.x.periods[1].valid_to", "before valid_from"),
    (("valid_to = 2026-04-05", 'valid_to = "2026-04-05"'), "rates.x.periods[1].valid_to", "without quotes"),
    (('sources = ["s"]', 'sources = ["t"]'), "rates.x.periods[1].sources", "not among"),
    (('sources = ["s"]', "sources = []"), "rates.x.periods[1].sources", "at least one"),
    (('sources = ["s"]', 'sources = [["s"]]'), "rates.x.periods[1].sources", "not among"),
    (('sources = ["s"]', 'sources = "s"'), "rates.x.periods[1].sources", "must be a list"),
    (("checked_on = 2026-11-22", ""), "rates.x.periods[1].checked_on", "is missing"),
    (('url = "https://example.org/a"', 'url = "example.org"'), "sources.s.url", "web address"),
    (("checked_on = 2026-11-22", "checked_on = 2026-11-22\nvalu = 3"), "rates.x.periods[1].valu", "unknown field"),
])
def test_broken_rate_files(tmp_path, change, field, words):
    old, new = change
    with pytest.raises(DataError) as err:
        _load(tmp_path, GOOD.replace(old, new))
    assert err.value.field == field and words in err.value.message
    assert "r.toml" in str(err.value)


def test_overlapping_periods_are_refused(tmp_path):
    text = GOOD + GOOD[GOOD.index("[[rates.x.periods]]"):].replace("2025-04-07", "2026-04-01")
    with pytest.raises(DataError, match=r"periods\[2\]\.valid_from.*must not overlap"):
        _load(tmp_path, text)


def test_not_toml_and_not_utf8(tmp_path):
    with pytest.raises(DataError, match="not valid TOML"):
        _load(tmp_path, "[rates\nunit=")
    (tmp_path / "r.toml").write_bytes(b"\xff\xfe\x00")
    rates.load.cache_clear()
    with pytest.raises(DataError, match="not UTF-8"):
        rates.load(tmp_path)
    rates.load.cache_clear()


def test_dims_must_cover_every_combination(tmp_path):
    text = GOOD.replace('currency = "GBP"', 'currency = "GBP"\ndims = { region = ["a", "b"] }').replace(
        "value = 26.05", "values = { a = 1.0 }")
    with pytest.raises(DataError, match=r"values\.b: is missing"):
        _load(tmp_path, text)
    with pytest.raises(DataError, match="is not a region"):
        _load(tmp_path, text.replace("values = { a = 1.0 }", "values = { a = 1.0, b = 2.0, c = 3.0 }"))
    ok = _load(tmp_path, text.replace("values = { a = 1.0 }", "values = { a = 1.0, b = 2.0 }"))
    assert ok["x"].periods[0].values == {("a",): 1.0, ("b",): 2.0}


def test_a_rate_defined_twice_is_refused(tmp_path):
    (tmp_path / "a.toml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(DataError, match="already defined in a.toml"):
        _load(tmp_path, GOOD)


def test_the_readme_update_procedure(tmp_path):
    """README "How to update a rate": append a block after the last one; the year becomes confirmed."""
    import shutil

    for f in rates.RATES_DIR.glob("*.toml"):
        shutil.copy(f, tmp_path / f.name)
    path = tmp_path / "fostering_nma.toml"
    text = path.read_text(encoding="utf-8")
    last = text[text.rindex("[[rates.fostering_nma.periods]]"):]
    new = (last.replace("2025-04-06", "2026-04-06").replace("2026-04-05", "2027-04-05")
               .replace('"5-10" = 225', '"5-10" = 999'))
    path.write_text(text + "\n" + new, encoding="utf-8")
    rates.load.cache_clear()
    try:
        table = rates.load(tmp_path)
        period = table["fostering_nma"].periods[-1]
        assert (period.valid_from, period.valid_to) == (D(2026, 4, 6), D(2027, 4, 5))
        assert period.values[("london", "5-10")] == 999
        # A figure left out is reported with the file, the block and the field.
        path.write_text(text + "\n" + new.replace('"5-10" = 999, ', ""), encoding="utf-8")
        rates.load.cache_clear()
        with pytest.raises(DataError) as err:
            rates.load(tmp_path)
        assert str(err.value).endswith(
            "fostering_nma.toml: rates.fostering_nma.periods[3].values.london.5-10: is missing: "
            "every age_band needs a value")
    finally:
        rates.load.cache_clear()


# --- history is append-only ----------------------------------------------------------------------

HISTORY = Path(__file__).with_name("rates_history.toml")


def _history_key(name: str, p) -> tuple:
    return name, p.valid_from, p.valid_to


def _history_block(name: str, p) -> str:
    values = ", ".join(f'"{"/".join(k) or "value"}" = {v:g}' for k, v in p.values.items())
    return (f'[[period]]\nrate = "{name}"\nvalid_from = {p.valid_from}\nvalid_to = {p.valid_to}\n'
            f"values = {{ {values} }}\n")


def _history() -> dict[tuple, dict]:
    import tomllib

    entries = tomllib.loads(HISTORY.read_text(encoding="utf-8"))["period"]
    return {(e["rate"], e["valid_from"], e["valid_to"]): e["values"] for e in entries}


def test_no_published_period_was_changed_or_removed():
    current = {_history_key(r.name, p): p for r in rates.all_rates() for p in r.periods}
    for key, values in _history().items():
        assert key in current, f"{key[0]} {key[1]}..{key[2]} was removed from resources/rates"
        now = {"/".join(k) or "value": v for k, v in current[key].values.items()}
        assert now == {k: float(v) for k, v in values.items()}, f"{key[0]} {key[1]}..{key[2]} was changed"


def test_every_period_is_recorded_in_the_history():
    recorded = _history()
    missing = [_history_block(r.name, p) for r in rates.all_rates() for p in r.periods
               if _history_key(r.name, p) not in recorded]
    assert not missing, "add to tests/data/rates_history.toml:\n\n" + "\n".join(missing)
