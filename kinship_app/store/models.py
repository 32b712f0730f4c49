"""The saved households: typed SQLAlchemy 2 tables.

The facts of each child's arrangement are kept as the contract's case JSON (CONTRACT.md) and each
assessment as the contract's output JSON, so history shows exactly what was said then, even after
rates or rules change. Storage never translates: codes and the text as given are stored.
Any change here needs a new Alembic revision in ``migrations/versions`` and a sample file in
``tests/store/samples`` (the tests check both).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator):
    """Moments in UTC, stored without a zone (SQLite has none) and read back as aware datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; the clock must give aware datetimes")
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.timezone.utc)


class Base(DeclarativeBase):
    type_annotation_map = {dt.datetime: UTCDateTime, dt.date: Date, dict[str, Any]: JSON,
                           list[Any]: JSON}


class HouseholdRow(Base):
    __tablename__ = "households"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The human reference ("KC-2026-0042") used on shared machines instead of names.
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    label: Mapped[str] = mapped_column(Text, default="")
    council: Mapped[str | None] = mapped_column(String(16))
    # Case-folded, accent-free names and reference, so "sian" finds "Siân" on every backend.
    search_text: Mapped[str] = mapped_column(Text, default="")
    # Bumped by every change to the household or anything in it; lets an editor detect that
    # someone else saved in between (lost-update protection for two workers on one record).
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime] = mapped_column(index=True)
    # The caseload it belongs to (access.py): a worker sees only caseloads shared with them. None:
    # not in one yet (a carer's own store has no caseloads; an organisation's coordinator assigns).
    caseload_id: Mapped[int | None] = mapped_column(ForeignKey("caseloads.id"), index=True)

    carers: Mapped[list[CarerRow]] = relationship(
        back_populates="household", cascade="all, delete-orphan", passive_deletes=True,
        order_by="CarerRow.position")
    children: Mapped[list[ChildRow]] = relationship(
        back_populates="household", cascade="all, delete-orphan", passive_deletes=True,
        order_by="ChildRow.position")


class CarerRow(Base):
    __tablename__ = "carers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[list[Any]] = mapped_column(default=list)
    phone: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(Text, default="")

    household: Mapped[HouseholdRow] = relationship(back_populates="carers")


class ChildRow(Base):
    __tablename__ = "children"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(Text, default="")
    date_of_birth: Mapped[dt.date | None]
    order_date: Mapped[dt.date | None]
    # The contract's case (child, carer, arrangement, household sections), without "people".
    facts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Letter details beyond the names above (recipient, employer, ...), the contract's "people" shape.
    people: Mapped[dict[str, Any]] = mapped_column(default=dict)

    household: Mapped[HouseholdRow] = relationship(back_populates="children")


class AssessmentRunRow(Base):
    __tablename__ = "assessment_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)
    as_of: Mapped[dt.date]
    run_at: Mapped[dt.datetime]
    worker: Mapped[str] = mapped_column(Text, default="")
    # The whole case used (with people), and the whole answer given, exactly as they were then.
    facts: Mapped[dict[str, Any]]
    result: Mapped[dict[str, Any]]


class AllowanceEstimateRow(Base):
    """An allowance estimate for a child (kinship_app/estimate/saved.py), kept like a run: the
    inputs (the case as used and the finances answers, with the variant chosen), the date it was
    worked out for, and the result as computed then. Never edited: a new estimate, or one worked out
    again because the rates changed (``reason``, with ``changes`` saying which), is a new row, so
    the old one stays in history."""

    __tablename__ = "allowance_estimates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)
    as_of: Mapped[dt.date]
    made_at: Mapped[dt.datetime]
    worker: Mapped[str] = mapped_column(Text, default="")
    inputs: Mapped[dict[str, Any]]
    result: Mapped[dict[str, Any]]
    # "saved" (worked out and saved by the family or worker) or "rates_changed" (worked out again).
    reason: Mapped[str] = mapped_column(String(32), default="saved")
    changes: Mapped[list[Any]] = mapped_column(default=list)


class LetterRow(Base):
    __tablename__ = "letters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"), index=True)
    child_id: Mapped[int | None] = mapped_column(ForeignKey("children.id", ondelete="SET NULL"))
    letter_id: Mapped[str] = mapped_column(String(64))
    issued_on: Mapped[dt.date]
    recipient: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    worker: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime]


class NoteRow(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"), index=True)
    child_id: Mapped[int | None] = mapped_column(ForeignKey("children.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    worker: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime]


class ActionRow(Base):
    __tablename__ = "actions"
    __table_args__ = (Index("ix_actions_open_due", "completed_at", "due"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"), index=True)
    child_id: Mapped[int | None] = mapped_column(ForeignKey("children.id", ondelete="SET NULL"))
    # The assessment's action code ("" for one a worker added by hand); an open action with the
    # same child and code is never added twice when re-assessing.
    code: Mapped[str] = mapped_column(String(64), default="")
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text, default="")
    due: Mapped[dt.date | None]
    created_at: Mapped[dt.datetime]
    completed_at: Mapped[dt.datetime | None]
    completed_by: Mapped[str] = mapped_column(Text, default="")


class CheckProgressRow(Base):
    """The question flow's answers so far, autosaved as they are given, to resume after a crash."""

    __tablename__ = "check_progress"

    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"), primary_key=True)
    child_id: Mapped[int | None] = mapped_column(ForeignKey("children.id", ondelete="SET NULL"))
    question_id: Mapped[str | None] = mapped_column(String(64))
    answers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[dt.datetime]
    # Bumped by every autosave: a save must say which version it started from (no silent overwrite).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class AuditRow(Base):
    """Who changed what, when (the CiviCRM lesson). ``what`` names the change, never the data in it."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(index=True)
    worker: Mapped[str] = mapped_column(Text, default="")
    household_id: Mapped[int | None] = mapped_column(Integer, index=True)
    reference: Mapped[str] = mapped_column(String(32), default="")
    what: Mapped[str] = mapped_column(Text)
    # The signed-in account (None on a carer's own store, or before accounts existed).
    account_id: Mapped[int | None] = mapped_column(Integer)
    # Hash chain (audit.py): each entry's hash covers the previous entry's, so a removed or altered
    # entry is detected. The table is append-only (triggers refuse UPDATE and DELETE).
    prev_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")
    entry_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")


class CounterRow(Base):
    """Per-year sequence behind household references."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class CaseloadRow(Base):
    """A group of households shared with some workers (the CiviCRM "my cases" lesson)."""

    __tablename__ = "caseloads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[dt.datetime]


class AccountRow(Base):
    """A worker or coordinator who signs in with their own passphrase or PIN (an Argon2id hash)."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # "worker" or "coordinator"
    secret_kind: Mapped[str] = mapped_column(String(16))  # "passphrase" or "pin"
    secret_hash: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime]


class CaseloadMemberRow(Base):
    __tablename__ = "caseload_members"

    caseload_id: Mapped[int] = mapped_column(ForeignKey("caseloads.id", ondelete="CASCADE"), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True,
                                            index=True)
