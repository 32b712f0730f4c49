"""The law's dates and limits, read from ``resources/law/dated.toml``.

A *switch* is a rule that changed on a day: ``in_force(name, day)`` says whether it applies on
``day``. A *boundary* is an age or a number of weeks the law sets: ``value(name)``. Both carry the
source they rest on and the day someone last checked it, so a rule can cite them and the About box
can list them. Nothing here reads the clock: the day is always passed in.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from kinship_app.data._files import RESOURCES, DataError, Fields, read_toml
from kinship_app.i18n import _

LAW_FILE = RESOURCES / "law" / "dated.toml"


@dataclass(frozen=True)
class Dated:
    name: str
    valid_from: dt.date
    what: str
    source: str
    urls: tuple[str, ...]
    checked_on: dt.date
    value: int | None = None  # boundaries only


@functools.cache
def _load() -> tuple[dict[str, Dated], dict[str, Dated]]:
    raw = read_toml(LAW_FILE)
    top = Fields(LAW_FILE, "", raw)
    top.only("switches", "boundaries")
    out: tuple[dict[str, Dated], dict[str, Dated]] = ({}, {})
    for kind, table in zip(("switches", "boundaries"), out):
        section = top.sub(kind, {})
        for name in section.table:
            f = section.sub(name)
            if kind == "switches":
                f.only("valid_from", "what", "source", "urls", "checked_on")
                value = None
            else:
                f.only("valid_from", "value", "what", "source", "urls", "checked_on")
                value = f.get("value")
                if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= 1000:
                    f.fail("value", _("must be a whole number between 1 and 1000"))
            urls = f.list_of("urls")
            if not urls:
                f.fail("urls", _("must list at least one web address"))
            for i, _u in enumerate(urls):
                Fields(LAW_FILE, f"{kind}.{name}.urls[{i}]", {"url": _u}).url("url")
            record = Dated(name=name, valid_from=f.date("valid_from"),
                           what=f.text("what"), source=f.text("source"), urls=tuple(urls),
                           checked_on=f.date("checked_on"), value=value)
            table[name] = record
    return out


def switch(name: str) -> Dated:
    try:
        return _load()[0][name]
    except KeyError:
        raise DataError(LAW_FILE, f"switches.{name}", _("is not in the law data")) from None


def boundary(name: str) -> Dated:
    try:
        return _load()[1][name]
    except KeyError:
        raise DataError(LAW_FILE, f"boundaries.{name}", _("is not in the law data")) from None


def in_force(name: str, day: dt.date) -> bool:
    """Whether the switch ``name`` applies on ``day`` (on or after its ``valid_from``)."""
    return day >= switch(name).valid_from


def value(name: str) -> int:
    found = boundary(name).value
    assert found is not None
    return found


def all_dated() -> list[Dated]:
    switches, boundaries = _load()
    return [*switches.values(), *boundaries.values()]
