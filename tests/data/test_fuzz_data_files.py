"""Every data-file parser, fed thousands of damaged files, gives only clear errors: never a crash."""

from __future__ import annotations

import tomllib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data_fuzz import damaged, mutated, only_clear_errors
from kinship_app.data import councils, rates

RATE_FILES = [p.read_text(encoding="utf-8") for p in sorted(rates.RATES_DIR.glob("*.toml"))]
COUNCIL_LINES = (councils.COUNCILS_DIR / "councils.csv").read_text(encoding="utf-8").splitlines(True)
COUNCILS_HEAD = "".join(COUNCIL_LINES[:12])
PILOT_CODES = {"E09000004", "E06000035"}
FUZZ = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.data())
def test_damaged_rate_files(data):
    text = damaged(data, data.draw(st.sampled_from(RATE_FILES), label="file"))
    only_clear_errors(lambda raw: rates.parse_bytes(raw, "fuzz"), text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.data())
def test_damaged_councils_csv(data):
    text = damaged(data, COUNCILS_HEAD)
    only_clear_errors(lambda raw: councils.parse_csv(raw, "fuzz", PILOT_CODES), text.encode("utf-8"))


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes(raw):
    only_clear_errors(lambda b: rates.parse_bytes(b, "fuzz"), raw)
    only_clear_errors(lambda b: councils.parse_csv(b, "fuzz", PILOT_CODES), raw)


def test_the_fuzzed_files_are_the_real_ones():
    assert len(RATE_FILES) == 4 and COUNCILS_HEAD.startswith("code,official_name")
    assert rates.parse_bytes(RATE_FILES[0].encode(), Path("x.toml"))


PARSED_RATE_FILES = [tomllib.loads(text) for text in RATE_FILES]
PARSED_PILOT = tomllib.loads((councils.COUNCILS_DIR / "kinship_zones.toml").read_text(encoding="utf-8"))


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_structured_rate_files(data):
    # A real rate file with one value anywhere in it replaced by any kind of value.
    tree = mutated(data, data.draw(st.sampled_from(PARSED_RATE_FILES), label="file"))
    only_clear_errors(lambda d: rates.parse_data(d, "fuzz"), tree)


@FUZZ
@given(st.data())
def test_structured_pilot_file(data):
    only_clear_errors(lambda d: councils.parse_pilot(d, "fuzz"), mutated(data, PARSED_PILOT))
