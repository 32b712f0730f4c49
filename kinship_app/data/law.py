"""The law's switches and boundaries, by name: a thin reading of the dated, cited parameters
(``resources/parameters/*.toml``, read by ``kinship_app.data.parameters``), for the rules, the letters
and the About box.

A *switch* is a rule that changed on a day: ``in_force(name, day)`` says whether it applies on
``day``, and ``switch(name).valid_from`` is the day it started. A *boundary* is an age or a number of
weeks the law sets: ``value(name, day)``. Each carries the sources it rests on and the day someone last
checked it. Nothing here reads the clock: the day is always passed in (a boundary asked for without a
day gives its latest value, for checks on a case that has no date of its own).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kinship_app.data import parameters
from kinship_app.data._files import DataError
from kinship_app.i18n import N_

LAW_FILES = parameters.PARAMETERS_DIR


@dataclass(frozen=True)
class Dated:
    name: str
    valid_from: dt.date
    what: str
    source: str
    urls: tuple[str, ...]
    checked_on: dt.date
    value: int | None = None  # boundaries only


def _parameter(name: str) -> parameters.Parameter:
    try:
        return parameters.describe(name)
    except parameters.UnknownParameterError:
        raise DataError(LAW_FILES, f"parameters.{name}", "is not in the law data") from None


def _dated(param: parameters.Parameter, period: parameters.Period) -> Dated:
    return Dated(name=param.name, valid_from=period.valid_from, what=param.about,
                 source="; ".join(s.title for s in period.sources), urls=tuple(s.url for s in period.sources),
                 checked_on=period.checked_on,
                 value=None if param.unit == "switch" else int(period.value))


def switch(name: str) -> Dated:
    """The switch ``name`` as it stands now: the day it (last) came into force."""
    param = _parameter(name)
    if param.unit != "switch":
        raise DataError(LAW_FILES, f"parameters.{name}", "is not a switch")
    period = next((p for p in reversed(param.periods) if p.value is True), param.periods[-1])
    return _dated(param, period)


def boundary(name: str, day: dt.date | None = None) -> Dated:
    param = _parameter(name)
    if param.unit == "switch":
        raise DataError(LAW_FILES, f"parameters.{name}", "is a switch, not a number")
    period = param.at(day) if day is not None else param.periods[-1]
    if period is None:
        raise DataError(LAW_FILES, f"parameters.{name}", f"has no value for {day}")
    return _dated(param, period)


def in_force(name: str, day: dt.date) -> bool:
    """Whether the switch ``name`` applies on ``day`` (on or after its ``valid_from``)."""
    _parameter(name)
    return parameters.in_force(name, day)


def value(name: str, day: dt.date | None = None) -> int:
    found = boundary(name, day).value
    assert found is not None
    return found


def all_dated() -> list[Dated]:
    """Every switch and boundary (each parameter's latest period), for the About box."""
    return [_dated(p, p.periods[-1]) for p in parameters.all_parameters()]


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
