"""Plain values the store hands to the GUI and CLI (and takes back to save): no ORM objects escape,
so a screen can keep them as long as it likes without a database session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kinship_app.result import Assessment


@dataclass(frozen=True)
class CarerRecord:
    name: str
    address: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    id: int | None = None  # None: a carer to add


@dataclass(frozen=True)
class ChildRecord:
    name: str
    date_of_birth: dt.date | None = None
    order_date: dt.date | None = None
    # The contract's case sections (child, carer, arrangement, household) exactly as answered.
    facts: dict[str, Any] = field(default_factory=dict)
    # Further letter details in the contract's "people" shape (recipient, employer, ...).
    people: dict[str, Any] = field(default_factory=dict)
    id: int | None = None  # None: a child to add


@dataclass(frozen=True)
class HouseholdRecord:
    id: int
    reference: str
    label: str
    council: str | None
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    carers: tuple[CarerRecord, ...]
    children: tuple[ChildRecord, ...]

    def child(self, child_id: int) -> ChildRecord:
        return next(c for c in self.children if c.id == child_id)


@dataclass(frozen=True)
class HouseholdSummary:
    """One line of a household list."""

    id: int
    reference: str
    label: str
    council: str | None
    updated_at: dt.datetime
    carer_names: tuple[str, ...]
    child_names: tuple[str, ...]
    open_actions: int
    next_due: dt.date | None


@dataclass(frozen=True)
class AssessmentRun:
    id: int
    household_id: int
    child_id: int
    as_of: dt.date
    run_at: dt.datetime
    worker: str
    facts: dict[str, Any]  # the whole case used, with people
    result: dict[str, Any]  # Assessment.to_json() as it was then

    @property
    def assessment(self) -> Assessment:
        return Assessment.from_json(self.result)


@dataclass(frozen=True)
class LetterRecord:
    id: int
    household_id: int
    child_id: int | None
    letter_id: str
    issued_on: dt.date
    recipient: str
    note: str
    worker: str
    created_at: dt.datetime


@dataclass(frozen=True)
class NoteRecord:
    id: int
    household_id: int
    child_id: int | None
    text: str
    worker: str
    created_at: dt.datetime


@dataclass(frozen=True)
class ActionItem:
    id: int
    household_id: int
    child_id: int | None
    code: str
    text: str
    source: str
    due: dt.date | None
    created_at: dt.datetime
    completed_at: dt.datetime | None
    completed_by: str
    reference: str = ""  # the household's, for lists across households

    @property
    def done(self) -> bool:
        return self.completed_at is not None


@dataclass(frozen=True)
class CheckProgress:
    household_id: int
    child_id: int | None
    question_id: str | None
    answers: dict[str, Any]
    updated_at: dt.datetime
    # Pass it back as save_progress's expected_version (no silent overwrite of another editor's answers).
    version: int = 1


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: dt.datetime
    worker: str
    household_id: int | None
    reference: str
    what: str


@dataclass(frozen=True)
class BackupReport:
    path: str
    row_counts: dict[str, int]
    schema: str


@dataclass(frozen=True)
class EraseReport:
    reference: str
    rows_deleted: int
    # SQLite only: the write-ahead log was emptied, so no copy of the erased pages is left beside the file.
    wal_cleared: bool
    # SQLite only: how many backups were rewritten without the household.
    backups_rewritten: int = 0
    # What is not finished yet, in words (a reader keeping the log from emptying, a backup that could
    # not be rewritten); "" when the erasure is complete. Store.finish_erasing() completes it.
    pending: str = ""


@dataclass(frozen=True)
class EstimateRecord:
    """A saved allowance estimate (kinship_app/estimate/saved.py): what was asked, for which date,
    and what it came to then. ``reason`` is "saved" or "rates_changed" (worked out again from the
    same inputs because the rates changed; ``changes`` says which, against the child's estimate before)."""

    id: int
    household_id: int
    child_id: int
    as_of: dt.date
    made_at: dt.datetime
    worker: str
    inputs: dict[str, Any]
    result: dict[str, Any]
    reason: str = "saved"
    changes: tuple[dict[str, Any], ...] = ()

    @property
    def finances(self) -> dict[str, Any]:
        return dict(self.inputs.get("finances") or {})
