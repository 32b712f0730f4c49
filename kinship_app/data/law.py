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
from kinship_app.i18n import N_, _

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


# What changed in the law and the data in December 2026 (issue 10), for the About box and the README.
# English, marked for translation; show with _().
WHAT_CHANGED_DECEMBER_2026 = (
    N_("Unpaid parental leave is a day-one right from 6 April 2026 (Employment Rights Act 2025): the letter "
       "no longer asks for a year's service for leave from that date."),
    N_("Step-parents can get Guardian's Allowance; the Universal Credit child element is for anyone "
       "responsible for a child who normally lives with them."),
    N_("Guardian's Allowance's other routes: parents not married and the father not known; parents divorced "
       "and the other parent had no custody and paid nothing (one new question, with 'I'm not sure')."),
    N_("Special guardianship support after 18: what continues and what does not. The council may assess "
       "anyone, and must for a child looked after before the order."),
    N_("The kinship local offer is a legal duty from 29 June 2026, and councils must promote the education "
       "of children in kinship care from 1 June 2026 (Children's Wellbeing and Schools Act 2026)."),
    N_("Child Benefit, Guardian's Allowance and Universal Credit figures for 2024 to 2025; rates change on "
       "the first Monday of the tax year. The kinship allowance pilot covers up to 4,500 children."),
    N_("Temporary approval of a family foster carer: 16 weeks, extended once by up to 8 weeks. A care order "
       "for someone aged 18 or over is refused as impossible."),
    N_("Letters: your exact relationship, the child named in full once, no unconfirmed figures, a marked "
       "space for a council address you do not know, and a private fostering notice you can send now with "
       "'not known yet'."),
    N_("Kinship Connected in the councils that pay for it, and councils' own kinship pages where we could "
       "read them, with the date read."),
    N_("Letters can say 'she', 'he' or 'they' after naming the child, or keep to the child's name, as the "
       "family chooses."),
)
