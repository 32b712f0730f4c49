"""Every data-file parser, fed thousands of damaged files, gives only clear errors: never a crash."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinship_app.data import councils, rates
from kinship_app.data._files import DataError

RATE_FILES = [p.read_text(encoding="utf-8") for p in sorted(rates.RATES_DIR.glob("*.toml"))]
COUNCIL_LINES = (councils.COUNCILS_DIR / "councils.csv").read_text(encoding="utf-8").splitlines(True)
COUNCILS_HEAD = "".join(COUNCIL_LINES[:12])
PILOT_CODES = {"E09000004", "E06000035"}
DAMAGE = ['"', "'", "[", "]", "[[", "=", "\n", "0", "-", ".", "{", "}", ",", "#", "x", "", "\\", "\u00e9",
          "\x00", "\r", "true", "1e999", "-5", "2026-13-40", "2026-04-06", "nan", "inf", '"""', ",,", "E0"]
FUZZ = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def damaged(data, text: str) -> str:
    for _ in range(data.draw(st.integers(1, 5), label="edits")):
        pos = data.draw(st.integers(0, len(text)), label="at")
        cut = data.draw(st.integers(0, 15), label="cut")
        text = text[:pos] + data.draw(st.sampled_from(DAMAGE), label="insert") + text[pos + cut:]
    return text


def only_clear_errors(parse, raw: bytes) -> None:
    try:
        parse(raw)
    except DataError as exc:
        assert exc.path == "fuzz" and exc.message and "\n" not in exc.field


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
