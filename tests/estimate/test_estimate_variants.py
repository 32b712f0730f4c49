"""The means-test variants as data: the shipped files load, every step has a source, a charity's
file is checked in full and an error names the file, the variant and the field."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kinship_app.data._files import DataError
from kinship_app.estimate import estimate_case, variants

EXAMPLE = variants.ESTIMATOR_DIR / "example-charity-variant.toml"


def test_the_shipped_variants_load_with_sources_and_read_dates():
    loaded = variants.load()
    codes = [v.code for v in loaded.all()]
    assert codes[0] == "national" and {"lincolnshire", "devon", "sefton"} <= set(codes)
    for v in loaded.all():
        assert v.sources and all(s.url.startswith("http") for s in v.sources)
        assert v.read_on <= dt.date(2026, 12, 6)
        for p in v.periods:
            for param in p.parameters.values():
                assert param.source.url.startswith("http") and param.note


def test_a_council_gets_its_variant_and_others_the_national_model():
    loaded = variants.load()
    assert loaded.for_council("E10000019").code == "lincolnshire"
    assert loaded.for_council("E10000008").code == "devon"
    assert loaded.for_council("E08000014").code == "sefton"
    assert loaded.for_council("E08000035").code == "national"
    assert loaded.for_council(None).code == "national"


def test_devon_changed_on_1_january_2024():
    loaded = variants.load()
    before = loaded.resolve("devon", dt.date(2023, 12, 31)).parameters
    after = loaded.resolve("devon", dt.date(2024, 1, 1)).parameters
    assert before["living_costs_percent_of_income_support"][0].value[0] == 100
    assert after["living_costs_percent_of_income_support"][0].value[0] == 125
    assert after["living_costs_percent_of_income_support"][1] == "national"


def test_the_example_charity_file_is_valid_and_used_only_when_passed():
    found = variants.check_file(EXAMPLE)
    assert [v.code for v in found] == ["example-borough"]
    assert variants.load().get("example-borough") is None
    data = {"child": {"age": 7}, "household": {"council": "E08000035"},
            "finances": {"period": "week", "variant": "example-borough", "income": {"earnings": 600},
                         "outgoings": {"housing": 150, "council_tax": 30}, "income_support_rate": 150,
                         "child_benefit": 26.05}}
    # 2025-06-01: half counted -> 51.70 (as the national model with 50%); 2026-06-01: 40% counted
    # of 232.50 = 93, NMA (unconfirmed 2025/26 figure) 194 - 93 = 101 at most, less 26.05 at least.
    out = estimate_case(data, dt.date(2025, 6, 1), extra_variants=[str(EXAMPLE)]).to_json()
    assert out["result"]["min"] == 51.70 and out["result"]["exact"]
    out = estimate_case(data, dt.date(2026, 6, 1), extra_variants=[str(EXAMPLE)]).to_json()
    assert (out["result"]["min"], out["result"]["max"]) == (74.95, 101.0)


GOOD = EXAMPLE.read_text("utf-8")


@pytest.mark.parametrize("change, field", [
    (('value = 40', 'value = 140'), "variants[example-borough].periods[1].share_of_disposable_percent.value"),
    (('value = 40', 'value = "lots"'), "variants[example-borough].periods[1].share_of_disposable_percent.value"),
    (('source = "example_policy"\nnote = "Made-up example: 40%', 'source = "nowhere"\nnote = "Made-up example: 40%'),
     "variants[example-borough].periods[1].share_of_disposable_percent.source"),
    (('councils = []', 'councils = ["E99999999"]'), "variants[example-borough].councils"),
    (('valid_from = 2026-04-01', 'valid_from = 2026-03-01'), "variants[example-borough].periods"),
    (('read_on = 2026-12-01', 'read_on = "yesterday"'), "variants[example-borough].read_on"),
    (('url = "https://example.org/special-guardianship-allowance-policy"', 'url = "not a web address"'),
     "sources.example_policy.url"),
    (('code = "example-borough"', 'code = "national"'), "variants[national].code"),
    (('[variants.periods.child_benefit_deducted]', '[variants.periods.child_benefit_taken]'),
     "variants[example-borough].periods[1].child_benefit_taken"),
])
def test_a_broken_charity_file_names_the_variant_and_field(tmp_path, change, field):
    path = tmp_path / "ours.toml"
    assert change[0] in GOOD
    path.write_text(GOOD.replace(change[0], change[1], 1), "utf-8")
    with pytest.raises(DataError) as err:
        variants.check_file(path)
    assert err.value.path == str(path)
    assert err.value.field == field, err.value


def test_not_toml_is_named(tmp_path):
    path = tmp_path / "ours.toml"
    path.write_bytes(b"[[variants]\n\xff")
    with pytest.raises(DataError) as err:
        variants.check_file(path)
    assert err.value.path == str(path)


def test_the_cli_names_a_broken_variant_file(tmp_path):
    bad = tmp_path / "ours.toml"
    bad.write_text(GOOD.replace("value = 40", "value = 140"), "utf-8")
    case = tmp_path / "case.json"
    case.write_text(json.dumps({"finances": {}}), "utf-8")
    proc = subprocess.run([sys.executable, "-m", "kinship_app", "estimate", str(case), "--as-of", "2025-06-01",
                           "--variants", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("error: --variants: ") and "share_of_disposable_percent.value" in proc.stderr
    assert proc.stderr.count("\n") == 1
