"""One household as a complete, machine-readable JSON document, and back.

This is the copy a family can ask for (UK GDPR Articles 15 and 20: a machine-readable form) and how a
household moves between venues. Database ids are not in it: links to a child are the child's position
in ``children``. An import is checked in full before anything is written, then written in one
transaction, so it applies wholly or not at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kinship_app.i18n import _
from kinship_app.store.errors import ImportDataError, InvalidDataError, NotFoundError
from kinship_app.store.models import (
    ActionRow, AllowanceEstimateRow, AssessmentRunRow, AuditRow, CarerRow, CheckProgressRow, ChildRow, HouseholdRow, LetterRow, NoteRow,
)
from kinship_app.store.records import CarerRecord, ChildRecord
from kinship_app.store.validate import _check_council, check_carer, check_child

FORMAT = "kinship-app/household"
FORMAT_VERSION = 1


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def export_household(session: Session, household_id: int, now: dt.datetime, schema: str) -> dict[str, Any]:
    row = session.get(HouseholdRow, household_id)
    if row is None:
        raise NotFoundError("Household", household_id)
    index = {c.id: i for i, c in enumerate(row.children)}

    def rows(model: Any) -> list[Any]:
        return list(session.scalars(select(model).where(model.household_id == household_id).order_by(model.id)))

    progress = session.get(CheckProgressRow, household_id)
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION, "schema": schema, "exported_at": _iso(now),
        "household": {
            "reference": row.reference, "label": row.label, "council": row.council,
            "created_at": _iso(row.created_at), "updated_at": _iso(row.updated_at),
            "carers": [{"name": c.name, "address": list(c.address), "phone": c.phone, "email": c.email}
                       for c in row.carers],
            "children": [{"name": c.name, "date_of_birth": _iso(c.date_of_birth), "order_date": _iso(c.order_date),
                          "facts": c.facts, "people": c.people} for c in row.children],
            "assessments": [{"child": index[r.child_id], "as_of": _iso(r.as_of), "run_at": _iso(r.run_at),
                             "worker": r.worker, "facts": r.facts, "result": r.result}
                            for r in rows(AssessmentRunRow)],
            "allowance_estimates": [{"child": index[r.child_id], "as_of": _iso(r.as_of), "made_at": _iso(r.made_at),
                                     "worker": r.worker, "inputs": r.inputs, "result": r.result, "reason": r.reason,
                                     "changes": r.changes} for r in rows(AllowanceEstimateRow)],
            "letters": [{"child": index.get(r.child_id), "letter_id": r.letter_id, "issued_on": _iso(r.issued_on),
                         "recipient": r.recipient, "note": r.note, "worker": r.worker,
                         "created_at": _iso(r.created_at)} for r in rows(LetterRow)],
            "notes": [{"child": index.get(r.child_id), "text": r.text, "worker": r.worker,
                       "created_at": _iso(r.created_at)} for r in rows(NoteRow)],
            "actions": [{"child": index.get(r.child_id), "code": r.code, "text": r.text, "source": r.source,
                         "due": _iso(r.due), "created_at": _iso(r.created_at),
                         "completed_at": _iso(r.completed_at), "completed_by": r.completed_by}
                        for r in rows(ActionRow)],
            "check_progress": None if progress is None else {
                "child": index.get(progress.child_id), "question_id": progress.question_id,
                "answers": progress.answers, "updated_at": _iso(progress.updated_at)},
            "audit": [{"at": _iso(r.at), "worker": r.worker, "what": r.what}
                      for r in session.scalars(select(AuditRow).where(AuditRow.household_id == household_id,
                                                                      AuditRow.reference == row.reference)
                                               .order_by(AuditRow.id))],
        },
    }


@dataclass
class ParsedHousehold:
    reference: str
    label: str
    council: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    carers: list[CarerRecord]
    children: list[ChildRecord]
    assessments: list[dict[str, Any]] = field(default_factory=list)
    letters: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
    check_progress: dict[str, Any] | None = None
    allowance_estimates: list[dict[str, Any]] = field(default_factory=list)
    audit: list[dict[str, Any]] = field(default_factory=list)


class _Reader:
    """Typed access to one JSON object, each failure naming the path (``household.notes[2].text``)."""

    def __init__(self, data: Any, path: str):
        if not isinstance(data, dict):
            raise ImportDataError(path, _("must be a JSON object"))
        self.data, self.path = data, path

    def _get(self, key: str, required: bool = True) -> Any:
        if key not in self.data:
            if required:
                raise ImportDataError(f"{self.path}.{key}", _("is missing"))
            return None
        return self.data[key]

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        value = self._get(key, required)
        if value is None and not required:
            return default
        if not isinstance(value, str) or "\x00" in value or len(value) > 100_000:
            raise ImportDataError(f"{self.path}.{key}", _("must be text"))
        return value

    def optional_text(self, key: str) -> str | None:
        value = self._get(key, False)
        return None if value is None else self.text(key)

    def _value(self, key: str, required: bool) -> Any:
        value = self._get(key, required)
        if value is None and required:
            raise ImportDataError(f"{self.path}.{key}", _("is missing"))
        return value

    def date(self, key: str, *, required: bool = False) -> dt.date | None:
        value = self._value(key, required)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise ImportDataError(f"{self.path}.{key}", _("must be a date written YYYY-MM-DD")) from None

    def moment(self, key: str, *, required: bool = True) -> dt.datetime | None:
        value = self._value(key, required)
        if value is None:
            return None
        try:
            moment = dt.datetime.fromisoformat(value)
        except (TypeError, ValueError):
            raise ImportDataError(f"{self.path}.{key}", _("must be a date and time in ISO 8601 form")) from None
        if moment.tzinfo is None:
            raise ImportDataError(f"{self.path}.{key}", _("must include its time zone"))
        return moment

    def obj(self, key: str, *, required: bool = True) -> dict[str, Any]:
        value = self._get(key, required)
        if value is None and not required:
            return {}
        if not isinstance(value, dict):
            raise ImportDataError(f"{self.path}.{key}", _("must be a JSON object"))
        return value

    def items(self, key: str) -> list[_Reader]:
        value = self._get(key, False)
        if value is None:
            return []
        if not isinstance(value, list):
            raise ImportDataError(f"{self.path}.{key}", _("must be a list"))
        return [_Reader(item, f"{self.path}.{key}[{i}]") for i, item in enumerate(value)]

    def child(self, count: int, *, required: bool = False) -> int | None:
        value = self._get("child", required)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < count:
            raise ImportDataError(f"{self.path}.child", _("must be the position of a child (0 to {last})").format(last=count - 1))
        return value


def parse_export(data: Any) -> ParsedHousehold:
    top = _Reader(data, "file")
    if top._get("format") != FORMAT:
        raise ImportDataError("format", _("is not {format}: this is not a household exported by this app").format(format=repr(FORMAT)))
    version = top._get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version > FORMAT_VERSION:
        raise ImportDataError("format_version", _("is from a newer version of this app; please update the app"))
    h = _Reader(top.obj("household"), "household")
    reference = h.text("reference").strip().upper()
    if not reference or len(reference) > 32:
        raise ImportDataError("household.reference", _("must be a reference like KC-2026-0042"))
    council = h.optional_text("council")
    try:
        _check_council(council)
        carers = [check_carer(i, CarerRecord(name=c.text("name"), address=_address(c), phone=c.text("phone", required=False),
                                                 email=c.text("email", required=False)))
                  for i, c in enumerate(h.items("carers"))]
        children = [check_child(i, ChildRecord(name=c.text("name"), date_of_birth=c.date("date_of_birth"),
                                               order_date=c.date("order_date"), facts=c.obj("facts"),
                                               people=c.obj("people", required=False)))
                    for i, c in enumerate(h.items("children"))]
    except ImportDataError:
        raise
    except InvalidDataError as exc:
        raise ImportDataError(f"household.{exc.field}", exc.reason) from exc
    n = len(children)
    parsed = ParsedHousehold(reference=reference, label=h.text("label", required=False), council=council,
                             created_at=h.moment("created_at"), updated_at=h.moment("updated_at"),
                             carers=carers, children=children)
    for a in h.items("assessments"):
        result = a.obj("result")
        from kinship_app.result import Assessment

        try:
            Assessment.from_json(result)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ImportDataError(f"{a.path}.result", _("is not an assessment written by this app")) from exc
        parsed.assessments.append({"child": a.child(n, required=True), "as_of": a.date("as_of", required=True),
                                   "run_at": a.moment("run_at"), "worker": a.text("worker", required=False),
                                   "facts": a.obj("facts"), "result": result})
    for e in h.items("allowance_estimates"):
        parsed.allowance_estimates.append(_estimate(e, n))
    for r in h.items("letters"):
        parsed.letters.append({"child": r.child(n), "letter_id": r.text("letter_id"),
                               "issued_on": r.date("issued_on", required=True),
                               "recipient": r.text("recipient", required=False), "note": r.text("note", required=False),
                               "worker": r.text("worker", required=False), "created_at": r.moment("created_at")})
    for r in h.items("notes"):
        parsed.notes.append({"child": r.child(n), "text": r.text("text"), "worker": r.text("worker", required=False),
                             "created_at": r.moment("created_at")})
    for r in h.items("actions"):
        parsed.actions.append({"child": r.child(n), "code": r.text("code", required=False), "text": r.text("text"),
                               "source": r.text("source", required=False), "due": r.date("due"),
                               "created_at": r.moment("created_at"),
                               "completed_at": r.moment("completed_at", required=False),
                               "completed_by": r.text("completed_by", required=False)})
    if h._get("check_progress", False) is not None:
        p = _Reader(h.obj("check_progress"), "household.check_progress")
        parsed.check_progress = {"child": p.child(n), "question_id": p.optional_text("question_id"),
                                 "answers": p.obj("answers"), "updated_at": p.moment("updated_at")}
    for r in h.items("audit"):
        parsed.audit.append({"at": r.moment("at"), "worker": r.text("worker", required=False), "what": r.text("what")})
    return parsed


def _estimate(e: _Reader, n: int) -> dict[str, Any]:
    """A saved allowance estimate: its inputs must still parse as an estimate's (the result is kept as
    it was computed then, like an assessment's)."""
    from kinship_app.case import CaseError
    from kinship_app.estimate import saved
    from kinship_app.estimate.finances import parse_finances

    inputs, result = e.obj("inputs"), e.obj("result")
    if not isinstance(inputs.get("case"), dict):
        raise ImportDataError(f"{e.path}.inputs.case", _("must be a JSON object"))
    try:
        parse_finances(inputs.get("finances"))
    except CaseError as exc:
        raise ImportDataError(f"{e.path}.inputs.{exc.field}", exc.message) from None
    yearly = result.get("yearly")
    if not isinstance(yearly, dict) or not all(isinstance(yearly.get(k), str) for k in ("min", "max")) \
            or not isinstance(result.get("result"), dict):
        raise ImportDataError(f"{e.path}.result", _("is not an allowance estimate written by this app"))
    reason = e.text("reason", required=False, default=saved.REASON_SAVED)
    if reason not in (saved.REASON_SAVED, saved.REASON_RATES_CHANGED):
        raise ImportDataError(f"{e.path}.reason", _("must be {choices}").format(
            choices=f"{saved.REASON_SAVED!r} or {saved.REASON_RATES_CHANGED!r}"))
    changes = e.data.get("changes", [])
    if not isinstance(changes, list) or not all(isinstance(c, dict) for c in changes):
        raise ImportDataError(f"{e.path}.changes", _("must be a list"))
    return {"child": e.child(n, required=True), "as_of": e.date("as_of", required=True),
            "made_at": e.moment("made_at"), "worker": e.text("worker", required=False), "inputs": inputs,
            "result": result, "reason": reason, "changes": changes}


def _address(reader: _Reader) -> tuple[str, ...]:
    value = reader._get("address", False) or []
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ImportDataError(f"{reader.path}.address", _("must be a list of lines of text"))
    return tuple(value)


def insert_household(session: Session, p: ParsedHousehold, reference: str, *,
                     append_audit: Any = None, caseload_id: int | None = None) -> HouseholdRow:
    """``append_audit(**entry)`` adds the household's earlier audit entries to the log's hash chain
    (the store's own appender); ``caseload_id`` is where the household goes."""
    row = HouseholdRow(reference=reference, label=p.label, council=p.council, version=1, created_at=p.created_at,
                       updated_at=p.updated_at, search_text="", caseload_id=caseload_id)
    row.carers = [CarerRow(position=i, name=c.name, address=list(c.address), phone=c.phone, email=c.email)
                  for i, c in enumerate(p.carers)]
    row.children = [ChildRow(position=i, name=c.name, date_of_birth=c.date_of_birth, order_date=c.order_date,
                             facts=c.facts, people=c.people) for i, c in enumerate(p.children)]
    session.add(row)
    session.flush()
    ids = [c.id for c in row.children]

    def child_id(position: int | None) -> int | None:
        return None if position is None else ids[position]

    for model, items in ((AssessmentRunRow, p.assessments), (AllowanceEstimateRow, p.allowance_estimates),
                         (LetterRow, p.letters), (NoteRow, p.notes), (ActionRow, p.actions)):
        for item in items:
            values = {k: v for k, v in item.items() if k != "child"}
            session.add(model(household_id=row.id, child_id=child_id(item["child"]), **values))
    if p.check_progress is not None:
        values = {k: v for k, v in p.check_progress.items() if k != "child"}
        session.add(CheckProgressRow(household_id=row.id, child_id=child_id(p.check_progress["child"]), **values))
    for entry in p.audit:
        if append_audit is not None:
            append_audit(household_id=row.id, reference=reference, **entry)
        else:
            session.add(AuditRow(household_id=row.id, reference=reference, **entry))
    return row
