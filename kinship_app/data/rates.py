"""Dated, sourced rates: what a benefit or allowance was (or is) worth on a given day.

The figures live in ``resources/rates/*.toml``; this module only reads them. Each rate is a list of
periods (``valid_from`` … ``valid_to``, both inclusive), each with its value, sources and the date
someone last checked it. History is append-only: an old assessment can always be explained.

``lookup`` answers for a date. Inside a period the figure is *confirmed*. After the last period
the data confirms, it gives the last known figure marked ``confirmed=False`` (with that figure's
own dates, so the app can say which year it is for) — never a silent guess. Before the first
period there is no figure.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from kinship_app.data._files import (  # noqa: F401  (Source: its old import path)
    RESOURCES, DataError, Fields, Source, check_number, parse_checked, parse_toml, read_bytes, read_sources,
)
from kinship_app.result import Amount
from kinship_app.wording import DIM_LABELS, RATE_TITLES  # noqa: F401  (DIM_LABELS: old import path)
from kinship_app.wording import LABEL_ORDER as WORDING_LABEL_ORDER

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which a command does without
if TYPE_CHECKING:
    from typing import Any

RATES_DIR = RESOURCES / "rates"
UNITS = ("week", "month", "year")
CURRENCIES = ("GBP",)

# Titles and the words for each dimension are in the wording layer (kinship_app.wording), so that
# they reach the translation catalogue; a data test checks every rate in the files has a title.
TITLES = RATE_TITLES
LABEL_ORDER = WORDING_LABEL_ORDER

# Age bands of the fostering national minimum allowance, youngest first: (first age, last age, code).
NMA_AGE_BANDS = ((0, 2, "0-2"), (3, 4, "3-4"), (5, 10, "5-10"), (11, 15, "11-15"), (16, 17, "16-17"))


def nma_age_band(age: int) -> str | None:
    """The NMA age band for a child of ``age``; None from 18, when the child is no longer in care."""
    if isinstance(age, bool) or not isinstance(age, int) or age < 0:
        raise ValueError(f"age must be a whole number of years, 0 or more (got {age!r})")
    return next((code for low, high, code in NMA_AGE_BANDS if low <= age <= high), None)


class UnknownRateError(ValueError):
    """A rate name, or a dimension of it, that the data does not have."""


@dataclass(frozen=True)
class Period:
    valid_from: dt.date
    valid_to: dt.date
    # One value for a rate without dimensions, else keyed by the tuple of dimension values in the
    # order of ``Rate.dims``.
    values: dict[tuple[str, ...], float]
    sources: tuple[Source, ...]
    checked_on: dt.date

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day <= self.valid_to


@dataclass(frozen=True)
class Rate:
    name: str
    unit: str
    currency: str
    dims: dict[str, tuple[str, ...]]
    periods: tuple[Period, ...]  # oldest first, never overlapping
    file: str

    @property
    def title(self) -> str:
        """The English title, marked for translation; show it with ``_()``."""
        return TITLES.get(self.name, self.name)

    @property
    def sources(self) -> tuple[Source, ...]:
        return tuple(dict.fromkeys(s for p in self.periods for s in p.sources))

    @property
    def last_confirmed(self) -> dt.date:
        return self.periods[-1].valid_to

    @property
    def checked_on(self) -> dt.date:
        return max(p.checked_on for p in self.periods)


def lookup(name: str, as_of: dt.date, **dims: str) -> Amount | None:
    """The figure for ``name`` on ``as_of`` (see the module docstring for what "confirmed" means).

    Raises ``UnknownRateError`` (a ValueError) for an unknown name, a missing or unexpected
    dimension, or a dimension value the rate does not have.
    """
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        raise ValueError(f"as_of must be a date, not {type(as_of).__name__}")
    table = load()
    # Amounts are immutable, so one date's answers are kept (batch mode asks the same few
    # questions for every case); they hold no words (the label is made when shown), and a
    # reloaded table (tests clear ``load``) starts afresh.
    memo_key = (name, as_of, *sorted(dims.items()))
    hit = _LOOKUPS.get(memo_key)
    if hit is not None and hit[0] is table:
        return hit[1]
    amount = _lookup(table, name, as_of, dims)
    if len(_LOOKUPS) >= 4096:
        _LOOKUPS.clear()
    _LOOKUPS[memo_key] = (table, amount)
    return amount


_LOOKUPS: dict[tuple[Any, ...], tuple[dict[str, Rate], Amount | None]] = {}


def _lookup(table: dict[str, Rate], name: str, as_of: dt.date, dims: dict[str, str]) -> Amount | None:
    rate = _rate(name)
    key = _key(rate, dims)
    period = next((p for p in reversed(rate.periods) if p.covers(as_of)), None)
    confirmed = period is not None
    if period is None:
        last = rate.periods[-1]
        if as_of <= last.valid_to:
            return None  # before the first period, or in a gap the data does not cover
        period = last
    return Amount(
        value=period.values[key],
        period=rate.unit,
        valid_from=period.valid_from,
        valid_to=period.valid_to,
        confirmed=confirmed,
        source=str(period.sources[0]),
        checked_on=period.checked_on,
        currency=rate.currency,
        rate=rate.name,
        dims={d: dims[d] for d in rate.dims},
    )


def describe(name: str) -> Rate:
    """Everything known about one rate: title (English, marked N_), unit, dimensions, periods, sources."""
    return _rate(name)


def last_confirmed(name: str) -> dt.date:
    """The last day the data confirms a figure for ``name``."""
    return _rate(name).last_confirmed


def all_rates() -> list[Rate]:
    """Every rate, in a stable order (for the About box's "checked on" list)."""
    return sorted(load().values(), key=lambda r: r.name)


def names() -> list[str]:
    return sorted(load())


def _rate(name: str) -> Rate:
    table = load()
    if name not in table:
        raise UnknownRateError(f"unknown rate {name!r} (known rates: {', '.join(sorted(table))})")
    return table[name]


def _key(rate: Rate, dims: dict[str, Any]) -> tuple[str, ...]:
    missing = [d for d in rate.dims if d not in dims]
    extra = [d for d in dims if d not in rate.dims]
    if missing or extra:
        wanted = ", ".join(rate.dims) or "none"
        problem = f"missing {', '.join(missing)}" if missing else f"unexpected {', '.join(extra)}"
        raise UnknownRateError(f"rate {rate.name!r}: {problem} (dimensions: {wanted})")
    for dim, allowed in rate.dims.items():
        if dims[dim] not in allowed:
            raise UnknownRateError(
                f"rate {rate.name!r}: unknown {dim} {dims[dim]!r} (one of: {', '.join(allowed)})")
    return tuple(dims[d] for d in rate.dims)


@functools.lru_cache(maxsize=4)
def load(directory: Path = RATES_DIR) -> dict[str, Rate]:
    """Read every ``*.toml`` in ``directory`` (cached). Raises ``DataError`` naming file and field."""
    rates: dict[str, Rate] = {}
    files = sorted(directory.glob("*.toml"))
    if not files:
        raise DataError(directory, "", "holds no rate files (*.toml)")
    for path in files:
        for rate in parse_file(path):
            if rate.name in rates:
                raise DataError(path, f"rates.{rate.name}",
                                f"is already defined in {Path(rates[rate.name].file).name}")
            rates[rate.name] = rate
    return rates


def parse_file(path: Path) -> list[Rate]:
    return parse_bytes(read_bytes(path), path)


def parse_bytes(raw: bytes, path: Path | str) -> list[Rate]:
    """The rates in one file's bytes; raises only ``DataError`` (naming ``path``) when broken."""
    return parse_checked(raw, path, lambda data: parse_data(data, path))


def parse_data(data: Any, path: Path | str) -> list[Rate]:
    top = Fields(path, "", data)
    top.only("sources", "rates")
    sources = read_sources(top)
    rates_table = top.sub("rates")
    if not rates_table.table:
        rates_table.fail("", "defines no rates")
    return [_parse_rate(path, name, rates_table.sub(name), sources) for name in rates_table.table]


def _parse_rate(path: Path | str, name: str, f: Fields, sources: dict[str, Source]) -> Rate:
    f.only("unit", "currency", "dims", "periods")
    if not isinstance(name, str) or not name.replace("_", "").isalnum() or not name.islower():
        f.fail("", "a rate name must be lower-case letters, digits and '_'")
    unit = f.choice("unit", UNITS)
    currency = f.choice("currency", CURRENCIES)
    dims: dict[str, tuple[str, ...]] = {}
    dims_f = f.sub("dims", {})
    for dim in dims_f.table:
        values = dims_f.list_of(dim)
        if not values or not all(isinstance(v, str) and v for v in values) or len(set(values)) != len(values):
            dims_f.fail(dim, "must be a list of different, non-empty codes")
        dims[dim] = tuple(values)
    raw_periods = f.list_of("periods")
    if not raw_periods:
        f.fail("periods", "needs at least one period")
    periods: list[Period] = []
    for i, raw in enumerate(raw_periods):
        p = Fields(path, f"{f.where}.periods[{i + 1}]", raw)
        p.only("valid_from", "valid_to", "value", "values", "sources", "checked_on")
        start, end = p.date("valid_from"), p.date("valid_to")
        if end < start:
            p.fail("valid_to", f"is before valid_from ({start.isoformat()})")
        if periods and start <= periods[-1].valid_to:
            p.fail("valid_from", "must come after the previous period's valid_to: periods are listed "
                                 "oldest first and must not overlap")
        cited = p.list_of("sources")
        if not cited:
            p.fail("sources", "needs at least one source")
        for sid in cited:
            if not isinstance(sid, str) or sid not in sources:
                p.fail("sources", f"names {sid!r}, which is not among this file's [sources]")
        checked = p.date("checked_on")
        periods.append(Period(start, end, _parse_values(p, dims), tuple(sources[s] for s in cited), checked))
    return Rate(name, unit, currency, dims, tuple(periods), str(path))


def _parse_values(p: Fields, dims: dict[str, tuple[str, ...]]) -> dict[tuple[str, ...], float]:
    if not dims:
        if "values" in p.table:
            p.fail("values", "this rate has no dims: use value = …")
        return {(): p.number("value")}
    if "value" in p.table:
        p.fail("value", "this rate has dims: give a values table for every combination")
    out: dict[tuple[str, ...], float] = {}

    def walk(f: Fields, names: list[str], prefix: tuple[str, ...]) -> None:
        dim, rest = names[0], names[1:]
        allowed = dims[dim]
        for key in f.table:
            if key not in allowed:
                f.fail(str(key), f"is not a {dim} (one of: {', '.join(allowed)})")
        for code in allowed:
            if code not in f.table:
                f.fail(code, f"is missing: every {dim} needs a value")
            if rest:
                walk(f.sub(code), rest, prefix + (code,))
            else:
                out[prefix + (code,)] = check_number(f, code, f.table[code])

    walk(p.sub("values"), list(dims), ())
    return out
