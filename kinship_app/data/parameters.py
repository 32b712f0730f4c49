"""Dated, cited parameters: the ages, day counts and switch dates the rules use.

The values live in ``resources/parameters/*.toml`` (format: ``resources/parameters/README.md``);
this module only reads them, like ``kinship_app.data.rates`` reads the rates. A parameter is a list
of periods, oldest first, each running from its ``valid_from`` until the next one starts. A rule
asks for the value on the answer's date; the answer carries the value it used in its reasons'
parameters, so a saved answer still says what applied then.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from kinship_app.data._files import RESOURCES, DataError, Fields, Source, parse_checked, read_bytes, read_sources

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which a command does without
if TYPE_CHECKING:
    from typing import Any

PARAMETERS_DIR = RESOURCES / "parameters"
UNITS = ("years", "weeks", "days", "switch")


class UnknownParameterError(ValueError):
    """A parameter name the data does not have."""


@dataclass(frozen=True)
class Period:
    valid_from: dt.date
    value: int | bool
    sources: tuple[Source, ...]
    checked_on: dt.date


@dataclass(frozen=True)
class Parameter:
    name: str
    unit: str
    about: str
    periods: tuple[Period, ...]  # oldest first
    file: str

    def at(self, day: dt.date) -> Period | None:
        return next((p for p in reversed(self.periods) if p.valid_from <= day), None)


def get(name: str, as_of: dt.date) -> Period | None:
    """The period of ``name`` in force on ``as_of``; None before the first one."""
    return _parameter(name).at(as_of)


def value(name: str, as_of: dt.date) -> int:
    """A number (an age, a count of days) on ``as_of``. Raises ``UnknownParameterError`` for an
    unknown name, or a date before the data gives any value (the rules must not guess)."""
    found = get(name, as_of)
    if found is None or isinstance(found.value, bool):
        raise UnknownParameterError(f"parameter {name!r} has no number for {as_of.isoformat()}")
    return found.value


def in_force(name: str, as_of: dt.date) -> bool:
    """Whether a switch (a rule that starts on a date) is on for ``as_of``; off before it starts."""
    found = get(name, as_of)
    return bool(found is not None and found.value is True)


def earliest() -> dt.date:
    """The first day for which every number the rules use has a value: answers start here."""
    return max(p.periods[0].valid_from for p in load().values() if p.unit != "switch")


def describe(name: str) -> Parameter:
    return _parameter(name)


def all_parameters() -> list[Parameter]:
    return sorted(load().values(), key=lambda p: p.name)


def _parameter(name: str) -> Parameter:
    table = load()
    if name not in table:
        raise UnknownParameterError(f"unknown parameter {name!r} (known: {', '.join(sorted(table))})")
    return table[name]


@functools.lru_cache(maxsize=4)
def load(directory: Path = PARAMETERS_DIR) -> dict[str, Parameter]:
    """Read every ``*.toml`` in ``directory`` (cached). Raises ``DataError`` naming file and field."""
    found: dict[str, Parameter] = {}
    files = sorted(directory.glob("*.toml"))
    if not files:
        raise DataError(directory, "", "holds no parameter files (*.toml)")
    for path in files:
        for param in parse_bytes(read_bytes(path), path):
            if param.name in found:
                raise DataError(path, f"parameters.{param.name}",
                                f"is already defined in {Path(found[param.name].file).name}")
            found[param.name] = param
    return found


def parse_bytes(raw: bytes, path: Path | str) -> list[Parameter]:
    """The parameters in one file's bytes; raises only ``DataError`` (naming ``path``) when broken."""
    return parse_checked(raw, path, lambda data: parse_data(data, path))


def parse_data(data: Any, path: Path | str) -> list[Parameter]:
    top = Fields(path, "", data)
    top.only("sources", "parameters")
    sources = read_sources(top)
    params = top.sub("parameters")
    if not params.table:
        params.fail("", "defines no parameters")
    return [_parse(path, name, params.sub(name), sources) for name in params.table]


def _parse(path: Path | str, name: str, f: Fields, sources: dict[str, Source]) -> Parameter:
    f.only("unit", "about", "periods")
    if not isinstance(name, str) or not name.replace("_", "").isalnum() or not name.islower():
        f.fail("", "a parameter name must be lower-case letters, digits and '_'")
    unit = f.choice("unit", UNITS)
    about = f.text("about", max_len=300)
    raw_periods = f.list_of("periods")
    if not raw_periods:
        f.fail("periods", "needs at least one period")
    periods: list[Period] = []
    for i, raw in enumerate(raw_periods):
        p = Fields(path, f"{f.where}.periods[{i + 1}]", raw)
        p.only("valid_from", "value", "sources", "checked_on")
        start = p.date("valid_from")
        if periods and start <= periods[-1].valid_from:
            p.fail("valid_from", "must come after the previous period's valid_from: periods are listed oldest first")
        raw_value = p.get("value")
        if unit == "switch":
            if not isinstance(raw_value, bool):
                p.fail("value", "a switch is true or false")
        elif isinstance(raw_value, bool) or not isinstance(raw_value, int) or not 0 <= raw_value <= 10_000:
            p.fail("value", f"must be a whole number of {unit} between 0 and 10000")
        cited = p.list_of("sources")
        if not cited:
            p.fail("sources", "needs at least one source")
        for sid in cited:
            if not isinstance(sid, str) or sid not in sources:
                p.fail("sources", f"names {sid!r}, which is not among this file's [sources]")
        periods.append(Period(start, raw_value, tuple(sources[s] for s in cited), p.date("checked_on")))
    return Parameter(name, unit, about, tuple(periods), str(path))
