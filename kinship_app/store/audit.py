"""The audit log's hash chain: who viewed, changed, exported, printed or erased what, and when.

Each entry's ``entry_hash`` is SHA-256 over the previous entry's hash and the entry's own fields
(format ``v1``, below), so removing, reordering or altering any entry breaks the chain at that
point (``verify``). The table is append-only: the service never updates or deletes an entry and
database triggers refuse it (SQLite and PostgreSQL). Entries name the change, never the data in it
(a reference such as KC-2026-0042, never a name), so an erased household's entries hold nothing
about the family and are kept. What a chain cannot show by itself is that its newest entries were
cut off: ``verify`` gives the head hash for a coordinator to note or compare with a printed copy.

Nothing here reads the clock or imports Qt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any, Iterable

GENESIS = "0" * 64


def _moment(at: dt.datetime) -> str:
    if at.tzinfo is not None:
        at = at.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds")


def entry_hash(prev_hash: str, entry_id: int, at: dt.datetime, account_id: int | None, worker: str,
               household_id: int | None, reference: str, what: str) -> str:
    fields = ["v1", prev_hash, str(entry_id), _moment(at), "" if account_id is None else str(account_id), worker,
              "" if household_id is None else str(household_id), reference, what]
    # Length-prefixed, so no field's text can imitate a boundary between two fields.
    payload = "".join(f"{len(f)}:{f};" for f in fields).encode("utf-8", "surrogatepass")
    return hashlib.sha256(payload).hexdigest()


def row_hash(row: Any, prev_hash: str) -> str:
    return entry_hash(prev_hash, row.id, row.at, row.account_id, row.worker, row.household_id, row.reference,
                      row.what)


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    head: str
    # The first entries (by id) where the chain breaks, with what is wrong, in plain words.
    problems: tuple[str, ...]


def verify(rows: Iterable[Any]) -> ChainReport:
    """Check entries given in id order."""
    prev = GENESIS
    count = 0
    problems: list[str] = []
    for row in rows:
        count += 1
        if row.prev_hash != prev:
            problems.append(f"entry {row.id}: the entry before it is missing or was changed")
        if row_hash(row, row.prev_hash) != row.entry_hash:
            problems.append(f"entry {row.id}: it was changed after it was written")
        prev = row.entry_hash
        if len(problems) >= 20:
            break
    return ChainReport(ok=not problems, entries=count, head=prev, problems=tuple(problems))


# Database triggers that make the table append-only. SQLite: BEFORE UPDATE/DELETE raise. PostgreSQL:
# a trigger function that raises.
SQLITE_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
)
POSTGRES_TRIGGERS = (
    "CREATE OR REPLACE FUNCTION kinship_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$",
    "DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION kinship_audit_append_only()",
)


def create_triggers(conn: Any) -> None:
    for statement in SQLITE_TRIGGERS if conn.dialect.name == "sqlite" else POSTGRES_TRIGGERS:
        conn.exec_driver_sql(statement)


def drop_triggers(conn: Any) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_update")
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_delete")
    else:
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        conn.exec_driver_sql("DROP FUNCTION IF EXISTS kinship_audit_append_only()")
