"""Checking what is saved: text, council codes, dates, JSON, and a household's carers and children.

Used by the store's service (every write) and by imports (``transfer.py``); it imports neither.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinship_app import jsonsafe
from kinship_app.case import COUNCIL_CODE, CaseError, parse_case
from kinship_app.i18n import _
from kinship_app.store.errors import InvalidDataError
from kinship_app.store.models import ChildRow
from kinship_app.store.records import CarerRecord, ChildRecord

# -- validation ------------------------------------------------------------------------------------------

MAX_TEXT = 100_000


def _check_text(field: str, value: Any, *, required: bool = False) -> None:
    if not isinstance(value, str):
        raise InvalidDataError(field, _("must be text"))
    if required and not value.strip():
        raise InvalidDataError(field, _("must not be empty"))
    if len(value) > MAX_TEXT:
        raise InvalidDataError(field, _("is longer than {n} characters").format(n=MAX_TEXT))
    problem = jsonsafe._bad_text(value)
    if problem:
        raise InvalidDataError(field, problem)


def _check_tree(value: Any, field: str, error: type[InvalidDataError] = InvalidDataError) -> None:
    """Every value anywhere in ``value`` must be one the database can hold and give back (no
    surrogate, NUL, NaN, 4,301-digit number or runaway nesting); the error names its path."""
    try:
        jsonsafe.check(value, field)
    except jsonsafe.JSONValueError as exc:
        raise error(exc.path or field or "data", exc.message) from None


def _check_council(council: Any) -> None:
    if council is not None and (not isinstance(council, str) or not COUNCIL_CODE.match(council)):
        raise InvalidDataError("council", _("must be the ONS code of an English upper-tier council, like E08000035"))


def _check_date(field: str, value: Any) -> None:
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise InvalidDataError(field, _("must be a date"))


def _jsonable(value: Any, field: str = "data") -> Any:
    _check_tree(value, field)
    try:
        return json.loads(json.dumps(value, allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise InvalidDataError(field, _("cannot be saved as JSON")) from exc


def check_child(index: int, child: Any) -> ChildRecord:
    where = f"children[{index}]"
    if not isinstance(child, ChildRecord):
        raise InvalidDataError(where, _("must be a ChildRecord"))
    _check_text(f"{where}.name", child.name)
    _check_date(f"{where}.date_of_birth", child.date_of_birth)
    _check_date(f"{where}.order_date", child.order_date)
    if not isinstance(child.facts, dict) or "people" in child.facts:
        raise InvalidDataError(f"{where}.facts", _("must be the case's child, carer, arrangement and household sections"))
    if not isinstance(child.people, dict):
        raise InvalidDataError(f"{where}.people", _("must be a JSON object"))
    try:
        parse_case(dict(child.facts))
    except CaseError as exc:
        raise InvalidDataError(f"{where}.{exc.field}", exc.message) from exc
    facts, people = _jsonable(child.facts, f"{where}.facts"), _jsonable(child.people, f"{where}.people")
    return ChildRecord(name=child.name, date_of_birth=child.date_of_birth, order_date=child.order_date,
                       facts=facts, people=people, id=child.id)


def check_carer(index: int, carer: Any) -> CarerRecord:
    where = f"carers[{index}]"
    if not isinstance(carer, CarerRecord):
        raise InvalidDataError(where, _("must be a CarerRecord"))
    _check_text(f"{where}.name", carer.name)
    _check_text(f"{where}.phone", carer.phone)
    _check_text(f"{where}.email", carer.email)
    if not isinstance(carer.address, (list, tuple)) or not all(isinstance(x, str) for x in carer.address):
        raise InvalidDataError(f"{where}.address", _("must be a list of lines of text"))
    for i, line in enumerate(carer.address):
        _check_text(f"{where}.address[{i}]", line)
    return CarerRecord(name=carer.name, address=tuple(carer.address), phone=carer.phone, email=carer.email,
                       id=carer.id)


def _check_people(carers: Sequence[CarerRecord], children: Sequence[ChildRecord]
                  ) -> tuple[list[CarerRecord], list[ChildRecord]]:
    return ([check_carer(i, c) for i, c in enumerate(carers)], [check_child(i, c) for i, c in enumerate(children)])


def _check_child_of(session: Session, household_id: int, child_id: int | None) -> None:
    if child_id is None:
        return
    owner = session.scalar(select(ChildRow.household_id).where(ChildRow.id == child_id))
    if owner != household_id:
        raise InvalidDataError("child_id", _("child {id} is not in this household").format(id=child_id))
