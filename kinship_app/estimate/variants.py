"""Means-test variants as data: the national model and councils' published versions of it.

``resources/estimator/national.toml`` holds the national model, ``councils.toml`` the councils'
variants (each with its sources and the date it was read). A charity can add a variant in its own
file, checked in full before anything from it is used: an error names the file, the variant and
the field (``check_file``), like the services directory.

A variant is a list of dated periods; a parameter a period does not give is the national model's.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from kinship_app.data._files import RESOURCES, DataError, Fields, parse_checked, read_bytes
from kinship_app.i18n import _

ESTIMATOR_DIR = RESOURCES / "estimator"
NATIONAL = "national"
MAX_FILE_BYTES = 256 * 1024

UNKNOWN = "unknown"
NOT_PUBLISHED = "not_published"

# name -> kind: "percent" (number, [low, high] or unknown), "percent_or_not_published", "flag"
# (true, false or unknown), "baseline" (the one method known: the council's fostering allowance).
PARAMETERS = {
    "income_disregard_percent": "percent",
    "living_costs_percent_of_income_support": "percent_or_not_published",
    "share_of_disposable_percent": "percent",
    "child_benefit_deducted": "flag",
    "child_dla_counted": "flag",
    "baseline": "baseline",
}
BASELINES = ("fostering_allowance",)


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    url: str


@dataclass(frozen=True)
class Parameter:
    name: str
    # (low, high) Decimal percentages; True/False/None for a flag (None = unknown);
    # NOT_PUBLISHED; or a baseline code.
    value: Any
    source: Source
    note: str


@dataclass(frozen=True)
class VariantPeriod:
    valid_from: dt.date | None
    valid_to: dt.date | None
    parameters: dict[str, Parameter]

    def covers(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Variant:
    code: str
    name: str
    councils: tuple[str, ...]
    read_on: dt.date
    sources: tuple[Source, ...]
    periods: tuple[VariantPeriod, ...]
    file: str

    def period_for(self, day: dt.date) -> VariantPeriod | None:
        return next((p for p in self.periods if p.covers(day)), None)


@dataclass(frozen=True)
class Resolved:
    """What one variant means on one day: every parameter filled in (the national model's where
    the variant is silent), with the variant that gave each."""

    variant: Variant
    parameters: dict[str, tuple[Parameter, str]]  # name -> (parameter, code of the variant that set it)
    # name -> the dated period that gave it (its valid_from / valid_to: when the rule applies from)
    periods: dict[str, VariantPeriod] = field(default_factory=dict)


class Variants:
    def __init__(self, variants: dict[str, Variant]):
        self._by_code = variants

    def all(self) -> list[Variant]:
        return sorted(self._by_code.values(), key=lambda v: (v.code != NATIONAL, v.name.casefold()))

    def get(self, code: str) -> Variant | None:
        return self._by_code.get(code)

    def for_council(self, council: str | None) -> Variant:
        if council:
            found = [v for v in self.all() if council in v.councils]
            if found:
                return found[0]
        return self._by_code[NATIONAL]

    def resolve(self, code: str, day: dt.date) -> Resolved:
        national = self._by_code[NATIONAL].period_for(day)
        if national is None:
            raise ValueError(f"the national model has no period covering {day}")
        merged = {name: (p, NATIONAL) for name, p in national.parameters.items()}
        periods = {name: national for name in national.parameters}
        variant = self._by_code[code]
        if code != NATIONAL:
            period = variant.period_for(day)
            for name, p in (period.parameters.items() if period else ()):
                merged[name] = (p, code)
                periods[name] = period
        return Resolved(variant, merged, periods)


def load(extra_paths: Iterable[Path | str] = ()) -> Variants:
    """The shipped variants and any checked extra files (a charity's)."""
    return _load_cached(tuple(str(p) for p in extra_paths))


@functools.lru_cache(maxsize=8)
def _load_cached(extra: tuple[str, ...]) -> Variants:
    shipped = [ESTIMATOR_DIR / "national.toml", ESTIMATOR_DIR / "councils.toml"]
    files = [*shipped, *map(Path, extra)]
    merged: dict[str, Variant] = {}
    for path in files:
        for v in parse_bytes(read_bytes(path, MAX_FILE_BYTES), path, national_allowed=path == shipped[0]):
            if v.code in merged:
                raise DataError(path, f"variants[{v.code}].code",
                                _("'{code}' is already defined in {file}").format(code=v.code, file=merged[v.code].file))
            merged[v.code] = v
    if NATIONAL not in merged:
        raise DataError(files[0], "variants", _("the national model is missing"))
    return Variants(merged)


def check_file(path: Path | str) -> list[Variant]:
    """Check a charity's variant file in full, together with the shipped ones; raise ``DataError``
    naming the file, the variant and the field on the first problem."""
    path = Path(path)
    _load_cached.cache_clear()  # the file may have changed since it was last read
    variants = load([path])
    return [v for v in variants.all() if v.file == str(path)]


def parse_bytes(raw: bytes, path: Path | str, *, national_allowed: bool = False) -> list[Variant]:
    return parse_checked(raw, path, lambda data: parse_data(data, path, national_allowed=national_allowed))


def parse_data(data: Any, path: Path | str, *, national_allowed: bool = False) -> list[Variant]:
    top = Fields(path, "", data)
    top.only("sources", "variants")
    sources: dict[str, Source] = {}
    src_table = top.sub("sources", {}) if "sources" in data else None
    if src_table is not None:
        for key in src_table.table:
            f = src_table.sub(key)
            f.only("title", "url")
            if not isinstance(key, str) or not key:
                src_table.fail(str(key), _("must be a code"))
            sources[key] = Source(key, f.text("title", max_len=300), f.url("url"))
    raw_variants = top.list_of("variants")
    if not raw_variants:
        top.fail("variants", _("must list at least one variant"))
    out: list[Variant] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_variants):
        label = raw.get("code") if isinstance(raw, dict) and isinstance(raw.get("code"), str) else str(i)
        f = Fields(path, f"variants[{label[:40]}]", raw)
        f.only("code", "name", "councils", "read_on", "sources", "periods")
        code = f.code("code")
        if code == NATIONAL and not national_allowed:
            f.fail("code", _("'national' is the national model's code (national.toml); give this variant its own"))
        if code in seen:
            f.fail("code", _("'{code}' appears twice in this file").format(code=code))
        seen.add(code)
        councils = tuple(_council(f, c) for c in f.list_of("councils", []))
        src_keys = f.list_of("sources")
        if not src_keys:
            f.fail("sources", _("must name at least one source"))
        var_sources = tuple(_source(f, "sources", k, sources) for k in src_keys)
        periods_raw = f.list_of("periods")
        if not periods_raw:
            f.fail("periods", _("must have at least one period"))
        periods = tuple(_period(Fields(path, f"{f.where}.periods[{j}]", p), sources) for j, p in enumerate(periods_raw))
        _check_no_overlap(f, periods)
        out.append(Variant(code, f.text("name", max_len=200), councils, f.date("read_on"), var_sources, periods, str(path)))
    if NATIONAL in seen:
        national = next(v for v in out if v.code == NATIONAL)
        for p in national.periods:
            missing = [name for name in PARAMETERS if name not in p.parameters]
            if missing:
                raise DataError(path, "variants[national].periods", _("the national model must give every step ({missing})").format(
                    missing=", ".join(missing)))
    return out


def _council(f: Fields, code: Any) -> str:
    from kinship_app.data import councils

    if not isinstance(code, str) or councils.get(code) is None:
        f.fail("councils", _("'{value}' is not an English upper-tier council code we know (like E10000019)").format(
            value=str(code)[:40]))
    return code


def _source(f: Fields, key: str, name: Any, sources: dict[str, Source]) -> Source:
    if not isinstance(name, str) or name not in sources:
        f.fail(key, _("'{name}' is not a source listed under [sources] in this file").format(name=str(name)[:60]))
    return sources[name]


def _period(f: Fields, sources: dict[str, Source]) -> VariantPeriod:
    f.only("valid_from", "valid_to", *PARAMETERS)
    valid_from = f.date("valid_from", None)
    valid_to = f.date("valid_to", None)
    if valid_from and valid_to and valid_to < valid_from:
        f.fail("valid_to", _("is before valid_from"))
    params: dict[str, Parameter] = {}
    for name, kind in PARAMETERS.items():
        if name in f.table:
            params[name] = _parameter(f.sub(name), name, kind, sources)
    if not params:
        f.fail("", _("must give at least one step of the model"))
    return VariantPeriod(valid_from, valid_to, params)


def _percent(f: Fields, value: Any, top: int = 100) -> Decimal:
    # A share or a disregard is at most 100%; the living-costs allowance is a percentage of a rate
    # (the model's is 125%), so it may go above.
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not (0 <= value <= top):
        f.fail("value", _("must be a percentage from 0 to {top}, a range like [20, 30], or \"unknown\"").format(top=top))
    return Decimal(str(value))


def _parameter(f: Fields, name: str, kind: str, sources: dict[str, Source]) -> Parameter:
    f.only("value", "source", "note")
    raw = f.get("value")
    top = 1000 if kind == "percent_or_not_published" else 100
    if kind in ("percent", "percent_or_not_published"):
        if raw == UNKNOWN:
            value: Any = UNKNOWN
        elif raw == NOT_PUBLISHED and kind == "percent_or_not_published":
            value = NOT_PUBLISHED
        elif isinstance(raw, list):
            if len(raw) != 2:
                f.fail("value", _("a range must be two numbers, like [20, 30]"))
            low, high = _percent(f, raw[0], top), _percent(f, raw[1], top)
            if high < low:
                f.fail("value", _("the range must go from low to high"))
            value = (low, high)
        else:
            pct = _percent(f, raw, top)
            value = (pct, pct)
    elif kind == "flag":
        if raw == UNKNOWN:
            value = None
        elif isinstance(raw, bool):
            value = raw
        else:
            f.fail("value", _("must be true, false or \"unknown\""))
    else:
        if raw not in BASELINES:
            f.fail("value", _("must be one of: {choices}").format(choices=", ".join(BASELINES)))
        value = raw
    return Parameter(name, value, _source(f, "source", f.get("source"), sources), f.text("note", max_len=1000))


def _check_no_overlap(f: Fields, periods: tuple[VariantPeriod, ...]) -> None:
    lo = dt.date.min
    hi = dt.date.max
    spans = sorted(((p.valid_from or lo), (p.valid_to or hi)) for p in periods)
    for (a0, a1), (b0, _b1) in zip(spans, spans[1:]):
        if b0 <= a1:
            f.fail("periods", _("two periods overlap; each day must fall in at most one"))
