"""The store every screen and the CLI use: households, their children's cases, assessment history,
letters, notes, actions, autosaved check answers, backups, export/import and erase.

Every write is one transaction (``BEGIN IMMEDIATE`` on SQLite, a row lock on the household on
PostgreSQL), so a save is wholly there or wholly absent after a crash, and two copies of the app
never lose each other's changes. Nothing here reads the clock: the caller passes ``clock``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import column, delete, func, select
from sqlalchemy import text as sa_text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from kinship_app.case import Case, parse_case
from kinship_app.result import Assessment
from kinship_app.i18n import _
from kinship_app.store import (
    access, audit, crypto, erase, export_file, migrate, pg_security, search_index, transfer,
)
from kinship_app.store.access import AccountRecord, CaseloadRecord
from kinship_app.store.crypto import FileKey, KdfParams
from kinship_app.store.engine import (
    IMMEDIATE, default_sqlite_path, default_url, make_engine, parse_url, sqlite_path, translate,
)
from kinship_app.store.errors import (
    BackupError, ConflictError, DiskFullError, ImportDataError, InvalidDataError, LockedError, MissingFileError,
    MissingFolderError,
    NotFoundError, ReadOnlyError, StoreError,
)
from kinship_app.store.models import (
    AccountRow, ActionRow, AllowanceEstimateRow, AssessmentRunRow, AuditRow, CarerRow, CaseloadMemberRow, CaseloadRow, CheckProgressRow,
    ChildRow, CounterRow, HouseholdRow, LetterRow, NoteRow,
)
from kinship_app.store.records import (
    ActionItem, AssessmentRun, AuditEntry, BackupReport, CarerRecord, CheckProgress, ChildRecord,
    EraseReport, EstimateRecord, HouseholdRecord, HouseholdSummary, LetterRecord, NoteRecord,
)
# Validation lives apart so that transfer.py (imports) can use it without importing this module.
from kinship_app.store.validate import (  # noqa: F401 (check_carer, check_child: this module's API too)
    _check_child_of, _check_council, _check_people, _check_text, _check_tree, _jsonable, check_carer, check_child,
)

T = TypeVar("T")
Clock = Callable[[], dt.datetime]
AssessFn = Callable[[Case, dt.date], Assessment]


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()
_LIKE_SPECIAL = re.compile(r"([\\%_])")
# References made here are KC-<year>-<number>; their start ("KC-2026-00") is looked up in the index.
_WHOLE_REFERENCE = re.compile(r"KC-\d{4}-\d{4,}")
_REFERENCE_START = re.compile(r"KC-\d{1,4}(-\d*)?")


def fold(text: str) -> str:
    """Case- and accent-insensitive form for search: 'Siân O'Brien' -> 'sian o'brien'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class Store:
    """Open (creating or upgrading) the store at ``url``; see the README section "Saved households".

    ``clock`` gives the current moment (timezone-aware); ``worker`` is the free-text name recorded in
    the audit log for this session and may be changed at any time.

    ``passphrase`` unlocks (or, for a new or unencrypted file, sets up) encryption at rest of a SQLite
    store (crypto.py); ``kdf`` is the Argon2id cost used when new key parameters are made (tests pass
    ``crypto.TEST_KDF``); ``require_passphrase`` refuses to open an unencrypted file (an organisation's
    workspace). A PostgreSQL server is protected by its own logins and TLS; ``passphrase`` is not
    used there.
    """

    def __init__(self, url: str | None = None, *, clock: Clock, worker: str = "",
                 assess: AssessFn | None = None, backup_dir: str | Path | None = None,
                 create_folder: bool | None = None, passphrase: str | None = None,
                 kdf: KdfParams | None = None, require_passphrase: bool = False):
        self.clock = clock
        self.worker = worker
        # Accounts and caseloads (access.py): who is signed in; whether this store has accounts at all.
        self.account: AccountRecord | None = None
        self._has_accounts = False
        self._kdf = kdf
        # An organisation's workspace: its saved households need a passphrase, and so do its exports.
        self._organisation = require_passphrase
        self._was_read_only = False
        self._assess = assess
        self.url = parse_url(url or default_url())
        self.path = sqlite_path(self.url)
        self.backend = self.url.get_backend_name()
        self._key: FileKey | None = None
        if self.backend == "postgresql" and pg_security.needs_tls(self.url.host, dict(self.url.query)):
            raise StoreError(_("The shared database server {host} is not on this computer, so the connection must "
                               "be encrypted: add ?sslmode=verify-full&sslrootcert=PATH-TO-THE-SERVER'S-CA "
                               "to the database address (see the README). Nothing was sent.").format(host=self.url.host))
        if self.path is not None:
            if create_folder is None:
                # The app's own data folder is made on first run; any other folder (a USB stick, a
                # network drive) must already be there, or a pulled-out stick would be "replaced".
                create_folder = url is None or self.path == default_sqlite_path()
            self._prepare_folder(create_folder)
            self.backup_dir = Path(backup_dir) if backup_dir else self.path.parent / "backups"
            was_plain = crypto.file_kind(self.path) == "plain"
            self._key = crypto.unlock(self.path, passphrase, kdf=kdf, require_passphrase=require_passphrase)
            if self._key is not None and was_plain:
                self._encrypt_backups()
            # Made 0600 before SQLite opens it, so its -wal and -shm (which copy its mode) are private too.
            crypto.create_private_file(self.path)
            # Refuse a newer or foreign file before anything can write to it.
            migrate.inspect_sqlite(self.path, self._key)
        else:
            self.backup_dir = Path(backup_dir) if backup_dir else None
        self.engine = make_engine(self.url, self._key)
        self._write_engine = self.engine.execution_options(**{IMMEDIATE: True})
        try:
            self.schema = migrate.migrate_engine(self._write_engine, backup=self._backup_before_upgrade)
            self._has_accounts = self._run(self.engine, lambda s: s.scalar(select(AccountRow.id).limit(1))
                                           is not None, 3)
            if self.path is not None and self._run(self.engine, lambda s: s.scalar(select(CounterRow.name).where(
                    CounterRow.name.like(erase.PENDING_PREFIX + "%")).limit(1)), 3) is not None:
                # An erasure left unfinished last time (a reader, a backup out of reach): finish it now.
                with contextlib.suppress(StoreError):
                    self.finish_erasing(wait_seconds=0.5)
        except BaseException as exc:
            self.engine.dispose()
            if isinstance(exc, (DBAPIError, OSError)):
                err = translate(exc, self._where)
                if err is not None:
                    raise err from exc
            raise
        self._search_index = self._open_search_index()

    # -- plumbing -------------------------------------------------------------------------------

    @property
    def _where(self) -> str:
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)

    def _prepare_folder(self, create: bool) -> None:
        assert self.path is not None
        folder = self.path.parent
        if folder.is_dir():
            return
        if not create:
            raise MissingFolderError(str(folder))
        try:
            crypto.private_folder(folder)
        except OSError as exc:
            raise (translate(exc, str(folder)) or MissingFolderError(str(folder), str(exc))) from exc

    def _open_search_index(self) -> bool:
        """Whether the trigram name index can answer searches (SQLite with FTS5; see search_index)."""
        if self.backend != "sqlite":
            return False

        def run(conn: Any) -> Callable[[str], Any]:
            def execute(sql: str) -> Any:
                result = conn.exec_driver_sql(sql)
                return result.fetchall() if result.returns_rows else None
            return execute

        try:
            with self.engine.connect() as conn:
                names = {r[0] for r in conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE name LIKE 'households_fts%'")}
            if search_index.TABLE not in names:
                return False
            if set(search_index.TRIGGERS) <= names:
                return True
            with self._write_engine.begin() as conn:  # triggers lost in a batch migration: put back
                return search_index.ensure(run(conn))
        except (DBAPIError, OSError):
            return False  # read-only, say: an index that may be stale is not used; search still works

    def _backup_before_upgrade(self, revision: str) -> None:
        if self.path is None or self.backup_dir is None:
            return  # a server's backups are its administrator's (pg_dump); the upgrade is one transaction
        crypto.private_folder(self.backup_dir)
        stamp = self.clock().astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
        migrate.backup_sqlite(self.path, self.backup_dir / f"before-upgrade-from-{revision}-{stamp}.sqlite",
                              already_locked=True, **self._backup_keys())

    def _check_file(self) -> None:
        # A write into a file deleted or moved while open would go to a vanished inode and be lost.
        if self.path is not None and not self.path.exists():
            if not self.path.parent.is_dir():
                raise MissingFolderError(str(self.path.parent))
            raise MissingFileError(str(self.path))

    def _run(self, engine: Any, fn: Callable[[Session], T], retries: int) -> T:
        for attempt in range(retries):
            try:
                with Session(engine, expire_on_commit=False) as session:
                    with session.begin():
                        if self.backend == "postgresql" and self._has_accounts:
                            # Row-level security (pg_security.py) sees who is signed in.
                            account = self.account
                            pg_security.set_session(session.connection(), account.id if account else None,
                                                    account.role if account else "")
                        return fn(session)
            except StoreError:
                raise
            except IntegrityError as exc:
                # PostgreSQL: two venues starting a year's reference counter at once; try again.
                if self.backend == "postgresql" and "counters" in str(exc) and attempt < retries - 1:
                    continue
                raise
            except (DBAPIError, OSError) as exc:
                err = translate(exc, self._where)
                if isinstance(err, LockedError) and attempt < retries - 1:
                    continue
                if isinstance(err, (ReadOnlyError, MissingFolderError, DiskFullError)):
                    # Pooled connections may have opened read-only or lost their file: start afresh
                    # next time, so the store works again as soon as the cause is gone.
                    self.engine.dispose()
                    self._was_read_only = isinstance(err, ReadOnlyError)
                if err is not None:
                    raise err from exc
                raise
        raise AssertionError("unreachable")

    def _write(self, fn: Callable[[Session], T], retries: int = 3, *, signed_in: bool = True) -> T:
        if signed_in:
            self._require_sign_in()
        self._check_file()
        if self._was_read_only:
            self._heal_sidecars()
        result = self._run(self._write_engine, fn, retries)
        self._was_read_only = False
        return result

    def _heal_sidecars(self) -> None:
        # SQLite creates the -wal and -shm files with the database file's permissions, so ones made
        # while it was read-only stay read-only after it is made writable again: match them to it.
        if self.path is None or not os.access(self.path, os.W_OK):
            return
        mode = self.path.stat().st_mode & 0o777
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            with contextlib.suppress(OSError):
                if side.exists() and not os.access(side, os.W_OK):
                    side.chmod(mode)

    def _read(self, fn: Callable[[Session], T]) -> T:
        self._require_sign_in()
        return self._run(self.engine, fn, 3)

    # -- who may see what (access.py) ---------------------------------------------------------------

    def _require_sign_in(self) -> None:
        if self._has_accounts and self.account is None:
            raise access.NotSignedInError()

    @property
    def has_accounts(self) -> bool:
        return self._has_accounts

    def _restricted(self) -> bool:
        return self._has_accounts and (self.account is None or not self.account.is_coordinator)

    def _require_coordinator(self) -> None:
        if self._has_accounts and (self.account is None or not self.account.is_coordinator):
            raise access.NotAllowedError()

    def _shared_caseloads(self) -> Any:
        assert self.account is not None
        return select(CaseloadMemberRow.caseload_id).where(CaseloadMemberRow.account_id == self.account.id)

    def _scoped(self, where: Any) -> Any:
        """``where`` narrowed to the households the signed-in worker may see."""
        if not self._restricted():
            return where
        self._require_sign_in()
        mine = HouseholdRow.caseload_id.in_(self._shared_caseloads())
        return mine if where is None else (where & mine)

    def _guard(self, session: Session, row: HouseholdRow) -> HouseholdRow:
        if self._restricted():
            shared = row.caseload_id is not None and session.scalar(
                select(CaseloadMemberRow.caseload_id).where(CaseloadMemberRow.caseload_id == row.caseload_id,
                                                            CaseloadMemberRow.account_id == self.account.id)
            ) is not None  # type: ignore[union-attr]
            if not shared:
                raise access.NotSharedError(_("Household"), row.id)
        return row

    def _household(self, session: Session, household_id: int) -> HouseholdRow:
        row = session.get(HouseholdRow, household_id)
        if row is None:
            raise NotFoundError("Household", household_id)
        return self._guard(session, row)

    def _child_household(self, session: Session, child_id: int) -> HouseholdRow:
        child = session.get(ChildRow, child_id)
        if child is None:
            raise NotFoundError("Child", child_id)
        return self._guard(session, child.household)

    def _now(self) -> dt.datetime:
        now = self.clock()
        if now.tzinfo is None:
            raise ValueError("the store's clock must give timezone-aware datetimes")
        return now

    def _lock(self, session: Session, household_id: int) -> HouseholdRow:
        row = session.get(HouseholdRow, household_id, with_for_update=True)
        if row is None:
            raise NotFoundError("Household", household_id)
        return self._guard(session, row)

    def _touch(self, session: Session, row: HouseholdRow, what: str) -> None:
        row.version += 1
        row.updated_at = self._now()
        self._audit(session, row.id, row.reference, what)

    def _audit(self, session: Session, household_id: int | None, reference: str, what: str) -> None:
        """Append one entry to the hash-chained log (audit.py), inside the caller's write transaction."""
        account_id = self.account.id if self.account else None
        worker = self.account.name if self.account else self.worker
        self._append_audit(session, at=self._now(), worker=worker, account_id=account_id,
                           household_id=household_id, reference=reference, what=what)

    def _append_audit(self, session: Session, *, at: dt.datetime, worker: str, household_id: int | None,
                      reference: str, what: str, account_id: int | None = None) -> None:
        if self.backend == "postgresql":
            # One appender at a time across every venue, so the chain never forks.
            session.execute(sa_text("SELECT pg_advisory_xact_lock(73280002)"))
        session.flush()
        last = session.execute(select(AuditRow.id, AuditRow.entry_hash).order_by(AuditRow.id.desc()).limit(1)).first()
        prev, next_id = (last.entry_hash, last.id + 1) if last else (audit.GENESIS, 1)
        session.add(AuditRow(id=next_id, at=at, worker=worker, household_id=household_id, reference=reference,
                             what=what, account_id=account_id, prev_hash=prev,
                             entry_hash=audit.entry_hash(prev, next_id, at, account_id, worker, household_id,
                                                         reference, what)))
        session.flush()

    def _add(self, household_id: int, child_id: int | None, what: str, make: Callable[[HouseholdRow], Any],
             record: Callable[[Any, str], T]) -> T:
        """Add one row (note, letter, action) to a household, as one audited change."""

        def fn(session: Session) -> T:
            row = self._lock(session, household_id)
            _check_child_of(session, row.id, child_id)
            item = make(row)
            session.add(item)
            self._touch(session, row, what)
            session.flush()
            return record(item, row.reference)

        return self._write(fn)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- households -------------------------------------------------------------------------------

    def create_household(self, *, label: str = "", council: str | None = None,
                         carers: Sequence[CarerRecord] = (), children: Sequence[ChildRecord] = (),
                         caseload_id: int | None = None) -> HouseholdRecord:
        """``caseload_id``: where it belongs (a worker's own caseload by default: their first)."""
        _check_text("label", label)
        _check_council(council)
        carers, children = _check_people(carers, children)

        def fn(session: Session) -> HouseholdRecord:
            now = self._now()
            caseload = self._caseload_for_new(session, caseload_id)
            row = HouseholdRow(reference=_next_reference(session, now.year), label=label, council=council,
                               version=1, created_at=now, updated_at=now, search_text="", caseload_id=caseload)
            session.add(row)
            _sync_carers(row, carers)
            _sync_children(session, row, children)
            row.search_text = _search_text(row)
            session.flush()
            self._audit(session, row.id, row.reference, "created household")
            return _household_record(row)

        return self._write(fn)

    def update_household(self, household_id: int, *, label: str = UNSET, council: str | None = UNSET,
                         carers: Sequence[CarerRecord] = UNSET, children: Sequence[ChildRecord] = UNSET,
                         expected_version: int) -> HouseholdRecord:
        """Change what is given; carers/children, when given, are the full new lists (records with an
        ``id`` are kept and updated, without one are added, missing ones are removed).

        ``expected_version`` is the household's ``version`` when the form was opened: if someone saved
        since, nothing is written and ``ConflictError`` shows both versions (no silent overwrite)."""
        if isinstance(expected_version, bool) or not isinstance(expected_version, int):
            raise InvalidDataError("expected_version", _("must be the version the form was opened with"))
        if label is not UNSET:
            _check_text("label", label)
        if council is not UNSET:
            _check_council(council)
        if carers is not UNSET:
            carers = [check_carer(i, c) for i, c in enumerate(carers)]
        if children is not UNSET:
            children = [check_child(i, c) for i, c in enumerate(children)]
        changed_parts = [name for name, value in (("label", label), ("council", council), ("carers", carers),
                                                   ("children", children)) if value is not UNSET]

        def fn(session: Session) -> HouseholdRecord:
            row = self._lock(session, household_id)
            if row.version != expected_version:
                raise _household_conflict(session, row, label, council, carers, children)
            if label is not UNSET:
                row.label = label
            if council is not UNSET:
                row.council = council
            if carers is not UNSET:
                _sync_carers(row, carers)
            if children is not UNSET:
                _sync_children(session, row, children)
            row.search_text = _search_text(row)
            self._touch(session, row, "changed " + ", ".join(changed_parts) if changed_parts else "saved")
            session.flush()
            return _household_record(row)

        return self._write(fn)

    def get_household(self, household_id: int) -> HouseholdRecord:
        """The household; with accounts, who viewed it is written to the audit log."""
        def fn(session: Session) -> HouseholdRecord:
            row = self._household(session, household_id)
            if self._has_accounts:
                self._audit(session, row.id, row.reference, "viewed household")
            return _household_record(row)

        return self._write(fn) if self._has_accounts else self._read(fn)

    def find_reference(self, reference: str) -> HouseholdRecord | None:
        def fn(session: Session) -> HouseholdRecord | None:
            row = session.scalar(select(HouseholdRow).where(
                self._scoped(HouseholdRow.reference == reference.strip().upper())))
            return _household_record(row) if row else None

        return self._read(fn)

    def count_households(self) -> int:
        where = self._scoped(None)
        query = select(func.count()).select_from(HouseholdRow)
        return self._read(lambda s: s.scalar(query if where is None else query.where(where)) or 0)

    def list_households(self, *, order: str = "recent", limit: int | None = None,
                        offset: int = 0) -> list[HouseholdSummary]:
        """``order``: "recent" (last changed first), "reference" or "label". Page with ``limit`` and
        ``offset``: any page of 50 comes from the indexes, not from reading every household."""
        return self._read(lambda s: _summaries(s, self._scoped(None), order, limit, offset))

    def search(self, text: str, *, limit: int | None = 100, offset: int = 0) -> list[HouseholdSummary]:
        """Households whose reference, label, or a carer's or child's name contains ``text``
        (any case, with or without accents), most recently changed first; paged like
        ``list_households``. Text shaped like a reference ("KC-2026-0042", or its start such as
        "kc-2026-00") is looked up in the references' unique index; other text of three letters or
        more in the trigram index (SQLite); shorter text, or PostgreSQL, reads every household."""
        needle = fold(text).strip()
        if not needle:
            return self.list_households(limit=limit, offset=offset)
        where = self._scoped(self._search_where(text, needle))
        return self._read(lambda s: _summaries(s, where, "recent", limit, offset))

    def count_search(self, text: str) -> int:
        """How many households ``search(text, limit=None)`` would give (for "21 to 40 of 75")."""
        needle = fold(text).strip()
        if not needle:
            return self.count_households()
        where = self._scoped(self._search_where(text, needle))
        return self._read(lambda s: s.scalar(select(func.count()).select_from(HouseholdRow).where(where)) or 0)

    def _search_where(self, text: str, needle: str) -> Any:
        reference = text.strip().upper()
        if _WHOLE_REFERENCE.fullmatch(reference):
            return HouseholdRow.reference == reference
        if _REFERENCE_START.fullmatch(reference):
            if self.backend == "sqlite":  # binary collation: a range of the unique index
                return (HouseholdRow.reference >= reference) & (HouseholdRow.reference < reference + "\U0010ffff")
            return HouseholdRow.reference.startswith(reference, autoescape=True)
        if self._search_index and len(needle) >= search_index.MIN_LENGTH:
            matches = sa_text(f"SELECT rowid FROM {search_index.TABLE} WHERE {search_index.TABLE} MATCH :phrase")
            return HouseholdRow.id.in_(matches.bindparams(phrase=search_index.match_phrase(needle))
                                       .columns(column("rowid")))
        pattern = "%" + _LIKE_SPECIAL.sub(r"\\\1", needle) + "%"
        return HouseholdRow.search_text.like(pattern, escape="\\")

    def case_for(self, child_id: int) -> Case:
        """The child's case as the contract has it, with the letter details (people) filled in from
        the household: the first carer, the child's name and date of birth, the order date."""
        return self._read(lambda s: (self._child_household(s, child_id), _case_for(s, child_id))[1])

    # -- assessments and actions ----------------------------------------------------------------------

    def reassess(self, child_id: int, as_of: dt.date) -> AssessmentRun:
        """Assess the child's case for ``as_of``, keep the run (facts and full answer), and add the
        answer's actions to the household's list (an open action with the same code is updated, not
        duplicated)."""

        def fn(session: Session) -> AssessmentRun:
            child = session.get(ChildRow, child_id)
            if child is None:
                raise NotFoundError("Child", child_id)
            row = self._lock(session, child.household_id)
            return self._assess_into(session, row, child, as_of)

        return self._write(fn)

    def record_check(self, household_id: int, child_id: int, facts: dict[str, Any], as_of: dt.date, *,
                     council: str | None = UNSET, expected_version: int) -> AssessmentRun:
        """A finished check, as one change: the child's facts become ``facts`` (the letter details,
        name and dates are kept), ``council`` (when given) becomes the household's, the saved
        progress is cleared, and the case is assessed once for ``as_of`` and kept as a run, exactly
        as ``reassess`` keeps one. ``kinship_app.casework`` builds the facts from the answers.
        ``expected_version`` is required, as for every save (no silent overwrite)."""
        if isinstance(expected_version, bool) or not isinstance(expected_version, int):
            raise InvalidDataError("expected_version", _("must be the version the form was opened with"))
        if council is not UNSET:
            _check_council(council)

        def fn(session: Session) -> AssessmentRun:
            row = self._lock(session, household_id)
            if row.version != expected_version:
                raise _household_conflict(session, row, UNSET, council, UNSET, UNSET)
            _check_child_of(session, row.id, child_id)
            child = session.get(ChildRow, child_id)
            checked = check_child(child.position, ChildRecord(
                name=child.name, date_of_birth=child.date_of_birth, order_date=child.order_date,
                facts=facts, people=dict(child.people), id=child.id))
            child.facts = dict(checked.facts)
            if council is not UNSET:
                row.council = council
            session.execute(delete(CheckProgressRow).where(CheckProgressRow.household_id == row.id))
            session.flush()
            return self._assess_into(session, row, child, as_of)

        return self._write(fn)

    def _assess_into(self, session: Session, row: HouseholdRow, child: ChildRow, as_of: dt.date) -> AssessmentRun:
        assess = self._assess
        if assess is None:
            from kinship_app.assess import assess
        case = _case_for(session, child.id)
        result = assess(case, as_of)
        run = AssessmentRunRow(household_id=row.id, child_id=child.id, as_of=as_of, run_at=self._now(),
                               worker=self.worker, facts=_jsonable(case.to_dict()), result=result.to_meaning())
        session.add(run)
        _sync_actions(session, row.id, child.id, result, self._now())
        self._touch(session, row, f"assessed child #{child.position + 1} for {as_of.isoformat()}")
        session.flush()
        return _run_record(run)

    def history(self, child_id: int) -> list[AssessmentRun]:
        """Every assessment run for the child, newest first, exactly as it was given."""
        return self._read(lambda s: self._child_household(s, child_id) and [_run_record(r) for r in s.scalars(
            select(AssessmentRunRow).where(AssessmentRunRow.child_id == child_id)
            .order_by(AssessmentRunRow.run_at.desc(), AssessmentRunRow.id.desc()))])

    # -- allowance estimates (kinship_app/estimate/saved.py) ------------------------------------------

    def save_estimate(self, household_id: int, child_id: int, finances: dict[str, Any], as_of: dt.date, *,
                      expected_version: int) -> EstimateRecord:
        """Work out the child's allowance estimate for ``as_of`` from the child's case as saved now
        (with the household's council) and ``finances`` (README, "Allowance estimate"; ``variant``
        in it is the variant chosen), and keep it with the household: the inputs, the date and the
        result, as one audited change. The result is always the store's own sum of the inputs.
        ``expected_version`` as for every save; a bad answer is ``InvalidDataError`` naming it."""
        if isinstance(expected_version, bool) or not isinstance(expected_version, int):
            raise InvalidDataError("expected_version", _("must be the version the form was opened with"))
        if isinstance(child_id, bool) or not isinstance(child_id, int):
            raise InvalidDataError("child_id", _("must be the id of a child in this household"))
        finances = _jsonable(finances, "finances")
        from kinship_app.estimate import saved as saved_estimate

        def fn(session: Session) -> EstimateRecord:
            row = self._lock(session, household_id)
            if row.version != expected_version:
                raise _household_conflict(session, row, UNSET, UNSET, UNSET, UNSET)
            _check_child_of(session, row.id, child_id)
            child = session.get(ChildRow, child_id)
            inputs = saved_estimate.inputs_for(_case_for(session, child_id).to_dict(), finances)
            item = AllowanceEstimateRow(household_id=row.id, child_id=child_id, as_of=as_of, made_at=self._now(),
                                        worker=self.worker, inputs=inputs, result=_work_out(inputs, as_of),
                                        reason=saved_estimate.REASON_SAVED, changes=[])
            session.add(item)
            self._touch(session, row, f"saved an allowance estimate for child #{child.position + 1}")
            session.flush()
            return _estimate_record(item)

        return self._write(fn)

    def estimates(self, household_id: int) -> list[EstimateRecord]:
        """Every allowance estimate kept for the household, newest first: a child's first is its
        current estimate, the others its history."""
        return self._read(lambda s: self._household(s, household_id) and [_estimate_record(r) for r in s.scalars(
            select(AllowanceEstimateRow).where(AllowanceEstimateRow.household_id == household_id)
            .order_by(AllowanceEstimateRow.made_at.desc(), AllowanceEstimateRow.id.desc()))])

    def refresh_estimates(self, household_id: int, as_of: dt.date, *, expected_version: int) -> list[EstimateRecord]:
        """Work each child's current estimate out again from its saved inputs for ``as_of``. Where
        the rates or rules now give a different figure, the new estimate is kept (reason
        "rates_changed", with which rates or rules changed), the old one staying in history, as one
        audited change. Returns the new estimates: none when nothing changed (and nothing is
        written). An estimate that can no longer be worked out (its variant was withdrawn) is left."""
        if isinstance(expected_version, bool) or not isinstance(expected_version, int):
            raise InvalidDataError("expected_version", _("must be the version the page was opened with"))
        from kinship_app.data._files import DataError
        from kinship_app.estimate import saved as saved_estimate

        current: dict[int, EstimateRecord] = {}
        for item in self.estimates(household_id):
            current.setdefault(item.child_id, item)
        redone = []
        for item in current.values():
            try:
                got = saved_estimate.refresh(item.inputs, item.result, as_of)
            except (ValueError, DataError):  # CaseError is a ValueError: the saved inputs no longer fit
                continue
            if got is not None:
                redone.append((item, *got))
        if not redone:
            return []

        def fn(session: Session) -> list[EstimateRecord]:
            row = self._lock(session, household_id)
            if row.version != expected_version:
                raise _household_conflict(session, row, UNSET, UNSET, UNSET, UNSET)
            out = []
            for old, result, changes in redone:
                item = AllowanceEstimateRow(household_id=row.id, child_id=old.child_id, as_of=as_of,
                                            made_at=self._now(), worker=self.worker, inputs=old.inputs, result=result,
                                            reason=saved_estimate.REASON_RATES_CHANGED,
                                            changes=_jsonable(changes, "changes"))
                session.add(item)
                out.append(item)
            self._touch(session, row, "worked out the allowance estimate again: the rates changed")
            session.flush()
            return [_estimate_record(i) for i in out]

        return self._write(fn)

    def add_action(self, household_id: int, text: str, *, due: dt.date | None = None,
                   child_id: int | None = None, code: str = "", source: str = "") -> ActionItem:
        _check_text("text", text, required=True)
        _check_text("code", code)
        _check_text("source", source)

        return self._add(household_id, child_id, "added an action", lambda row: ActionRow(
            household_id=row.id, child_id=child_id, code=code, text=text, source=source, due=due,
            created_at=self._now(), completed_by=""), _action_record)

    def complete_action(self, action_id: int, *, done: bool = True) -> ActionItem:
        """Mark an action done (or, with ``done=False``, not done after all)."""

        def fn(session: Session) -> ActionItem:
            item = session.get(ActionRow, action_id)
            if item is None:
                raise NotFoundError("Action", action_id)
            row = self._lock(session, item.household_id)
            item.completed_at = self._now() if done else None
            item.completed_by = self.worker if done else ""
            self._touch(session, row, "completed an action" if done else "reopened an action")
            return _action_record(item, row.reference)

        return self._write(fn)

    def actions(self, household_id: int, *, include_done: bool = True) -> list[ActionItem]:
        def fn(session: Session) -> list[ActionItem]:
            ref = self._household(session, household_id).reference
            query = select(ActionRow).where(ActionRow.household_id == household_id)
            if not include_done:
                query = query.where(ActionRow.completed_at.is_(None))
            return [_action_record(a, ref) for a in session.scalars(query.order_by(*_due_order()))]

        return self._read(fn)

    def due_actions(self, *, until: dt.date | None = None, limit: int = 200) -> list[ActionItem]:
        """Open actions across all households, soonest due first (those with no date last)."""

        def fn(session: Session) -> list[ActionItem]:
            query = (select(ActionRow, HouseholdRow.reference).join(HouseholdRow)
                     .where(self._scoped(ActionRow.completed_at.is_(None))))
            if until is not None:
                query = query.where(ActionRow.due <= until)
            return [_action_record(a, ref) for a, ref in session.execute(query.order_by(*_due_order()).limit(limit))]

        return self._read(fn)

    # -- letters and notes ----------------------------------------------------------------------------

    def record_letter(self, household_id: int, letter_id: str, *, issued_on: dt.date, recipient: str,
                      child_id: int | None = None, note: str = "") -> LetterRecord:
        _check_text("letter_id", letter_id, required=True)
        _check_text("recipient", recipient)
        _check_text("note", note)

        return self._add(household_id, child_id, f"issued letter {letter_id}", lambda row: LetterRow(
            household_id=row.id, child_id=child_id, letter_id=letter_id, issued_on=issued_on, recipient=recipient,
            note=note, worker=self.worker, created_at=self._now()), lambda r, _ref: _letter_record(r))

    def letters(self, household_id: int) -> list[LetterRecord]:
        return self._read(lambda s: self._household(s, household_id) and [_letter_record(r) for r in s.scalars(
            select(LetterRow).where(LetterRow.household_id == household_id)
            .order_by(LetterRow.issued_on.desc(), LetterRow.id.desc()))])

    def add_note(self, household_id: int, text: str, *, child_id: int | None = None) -> NoteRecord:
        _check_text("text", text, required=True)

        return self._add(household_id, child_id, "added a note", lambda row: NoteRow(
            household_id=row.id, child_id=child_id, text=text, worker=self.worker, created_at=self._now()),
            lambda r, _ref: _note_record(r))

    def notes(self, household_id: int) -> list[NoteRecord]:
        return self._read(lambda s: self._household(s, household_id) and [_note_record(r) for r in s.scalars(
            select(NoteRow).where(NoteRow.household_id == household_id)
            .order_by(NoteRow.created_at.desc(), NoteRow.id.desc()))])

    # -- check answers in progress --------------------------------------------------------------------

    def save_progress(self, household_id: int, answers: dict[str, Any], question_id: str | None, *,
                      expected_version: int, child_id: int | None = None) -> CheckProgress:
        """Autosave the question flow's answers so far (cheap enough to call on every answer).

        ``expected_version`` is the saved progress's ``version`` this check started from, or 0 when
        it started with none saved: if another editor autosaved in between, nothing is written and
        ``ConflictError`` shows both sets of answers."""
        answers = _jsonable(answers, "answers")
        if isinstance(expected_version, bool) or not isinstance(expected_version, int):
            raise InvalidDataError("expected_version", _("must be the version the check started from (0 for none)"))

        def fn(session: Session) -> CheckProgress:
            row = self._lock(session, household_id)
            _check_child_of(session, row.id, child_id)
            progress = session.get(CheckProgressRow, household_id)
            current = progress.version if progress is not None else 0
            if current != expected_version:
                raise _progress_conflict(session, row, progress, answers)
            if progress is None:
                progress = CheckProgressRow(household_id=household_id, version=0)
                session.add(progress)
            progress.child_id, progress.question_id = child_id, question_id
            progress.answers, progress.updated_at = answers, self._now()
            progress.version = current + 1
            session.flush()
            return _progress_record(progress)

        return self._write(fn)

    def progress(self, household_id: int) -> CheckProgress | None:
        def fn(session: Session) -> CheckProgress | None:
            self._household(session, household_id)
            row = session.get(CheckProgressRow, household_id)
            return _progress_record(row) if row else None

        return self._read(fn)

    def clear_progress(self, household_id: int) -> None:
        self._write(lambda s: (self._household(s, household_id),
                               s.execute(delete(CheckProgressRow).where(CheckProgressRow.household_id == household_id))))

    def audit_log(self, household_id: int | None = None, *, limit: int = 200) -> list[AuditEntry]:
        """The newest entries first (a coordinator's, once the store has accounts)."""
        self._require_coordinator()

        def fn(session: Session) -> list[AuditEntry]:
            query = select(AuditRow)
            if household_id is not None:
                query = query.where(AuditRow.household_id == household_id)
            return [_audit_record(r) for r in session.scalars(
                query.order_by(AuditRow.at.desc(), AuditRow.id.desc()).limit(limit))]

        return self._read(fn)

    # -- people's rights: export, import, erase ---------------------------------------------------------

    def export_household(self, household_id: int) -> dict[str, Any]:
        """Everything held about one household, as JSON-ready data (UK GDPR Article 15/20 copy). The
        export is written to the audit log."""
        def fn(session: Session) -> dict[str, Any]:
            row = self._household(session, household_id)
            data = transfer.export_household(session, household_id, self._now(), self.schema)
            self._audit(session, row.id, row.reference, "exported household")
            return data

        return self._write(fn)

    def plain_export_allowed(self) -> bool:
        """Whether ``export_household_file`` may save a household without a passphrase. On a carer's
        own store, yes (it is their family's copy). In an organisation (a store with accounts, an
        organisation's workspace, the shared server) only a coordinator may, for a family that asks
        for a copy it can read (UK GDPR Articles 15 and 20); every export is in the audit log."""
        if not (self._has_accounts or self._organisation or self.backend == "postgresql"):
            return True
        return self.account is not None and self.account.is_coordinator

    def export_household_file(self, household_id: int, passphrase: str | None) -> bytes:
        """The household as the bytes of an export file (``export_file``): encrypted with
        ``passphrase`` (AES-256-GCM, the key from Argon2id), or, with ``None``, plain JSON where
        ``plain_export_allowed()``. Written to the audit log with which kind it was. The key is derived
        before the household is read, outside the write transaction."""
        if passphrase is None:
            if not self.plain_export_allowed():
                raise export_file.PlainExportNotAllowedError()
            sealing = None
        else:
            sealing = export_file.SealingKey(passphrase, self._kdf)

        def fn(session: Session) -> dict[str, Any]:
            row = self._household(session, household_id)
            data = transfer.export_household(session, household_id, self._now(), self.schema)
            self._audit(session, row.id, row.reference, "exported household, encrypted with a passphrase"
                        if sealing is not None else "exported household as plain JSON, not encrypted")
            return data

        data = self._write(fn)
        return export_file.plain_bytes(data) if sealing is None else sealing.seal(data)

    def import_household_file(self, raw: bytes, passphrase: str | None = None, *, name: str = "file",
                              keep_reference: bool = True, caseload_id: int | None = None) -> HouseholdRecord:
        """``import_household`` from an export file's bytes, plain or encrypted. An encrypted file
        without ``passphrase`` raises ``export_file.ExportPassphraseNeededError``; a wrong one
        ``WrongExportPassphraseError``; anything damaged ``ImportDataError``. Nothing is written
        unless the whole household is read and checked."""
        data = export_file.read(raw, passphrase, name=name)
        return self.import_household(data, keep_reference=keep_reference, caseload_id=caseload_id)

    def record_printed(self, household_id: int, what: str) -> None:
        """Note in the audit log that something about the household was printed (``what`` names the
        document, e.g. a letter's id or "results"; never its contents)."""
        _check_text("what", what, required=True)
        self._write(lambda s: (lambda row: self._audit(s, row.id, row.reference, f"printed {what}"))(
            self._household(s, household_id)))

    def import_household(self, data: Any, *, keep_reference: bool = True,
                         caseload_id: int | None = None) -> HouseholdRecord:
        """Add a household from ``export_household`` data, wholly or not at all. With
        ``keep_reference`` its reference is kept (an error if this store already has it); otherwise
        it gets a new one."""
        _check_tree(data, "", ImportDataError)
        parsed = transfer.parse_export(data)

        def fn(session: Session) -> HouseholdRecord:
            now = self._now()
            reference = parsed.reference if keep_reference else _next_reference(session, now.year)
            if session.scalar(select(HouseholdRow.id).where(HouseholdRow.reference == reference)) is not None:
                from kinship_app.store.errors import ImportDataError

                raise ImportDataError("household.reference", _("this store already has a household {reference}").format(reference=reference))
            row = transfer.insert_household(session, parsed, reference,
                                            append_audit=lambda **entry: self._append_audit(session, **entry),
                                            caseload_id=self._caseload_for_new(session, caseload_id))
            row.search_text = _search_text(row)
            self._audit(session, row.id, row.reference,
                        "imported household" + ("" if reference == parsed.reference else f" (was {parsed.reference})"))
            session.flush()
            return _household_record(row)

        return self._write(fn)

    def erase_household(self, household_id: int, *, wait_seconds: float = 3.0,
                        on_wait: Callable[[str], None] | None = None) -> EraseReport:
        """Delete the household and everything about it so that no copy is left: the rows are
        overwritten in the file (secure_delete), the file vacuumed, the write-ahead log emptied, and
        every backup rewritten without it (erase.py). Its audit entries stay: they hold its reference
        and what was done, never anything about the family.

        Waits at most about ``wait_seconds`` for another copy of the app that is reading, telling
        ``on_wait`` what it waits for; what could not be finished is in ``EraseReport.pending`` and
        is completed by ``finish_erasing()`` (call it again later; it also runs at every start)."""

        def fn(session: Session) -> tuple[str, int]:
            row = self._lock(session, household_id)
            reference = row.reference
            deleted = 0
            for model in (AssessmentRunRow, AllowanceEstimateRow, LetterRow, NoteRow, ActionRow, CheckProgressRow,
                          CarerRow, ChildRow):
                deleted += session.execute(delete(model).where(model.household_id == household_id)).rowcount
            deleted += session.execute(delete(HouseholdRow).where(HouseholdRow.id == household_id)).rowcount
            self._audit(session, None, reference, "erased household")
            if self.path is not None:
                # Until the file, its log and every backup are clean, the store remembers (by reference).
                session.add(CounterRow(name=erase.PENDING_PREFIX + reference, value=1))
            if self._search_index:  # merge the name index, so no trigram of the erased names is left
                session.execute(sa_text(search_index.OPTIMIZE))
            return reference, deleted

        reference, deleted = self._write(fn)
        if self.path is None:
            return EraseReport(reference=reference, rows_deleted=deleted, wal_cleared=False)
        outcome = self.finish_erasing(wait_seconds=wait_seconds, on_wait=on_wait)
        return EraseReport(reference=reference, rows_deleted=deleted, wal_cleared=outcome.wal_cleared,
                           backups_rewritten=outcome.backups_rewritten, pending=outcome.pending)

    def finish_erasing(self, *, wait_seconds: float = 3.0,
                       on_wait: Callable[[str], None] | None = None) -> EraseReport:
        """Finish erasures still pending (backups not yet rewritten, a log a reader kept from
        emptying). Safe to call at any time; returns what is still pending, if anything."""
        if self.path is None:
            return EraseReport(reference="", rows_deleted=0, wal_cleared=False)
        pending = self._run(self.engine, lambda s: list(s.scalars(
            select(CounterRow.name).where(CounterRow.name.like(erase.PENDING_PREFIX + "%")))), 3)
        references = [name[len(erase.PENDING_PREFIX):] for name in pending]
        rewritten = 0
        problem = ""
        if references:
            for backup in self.backup_files():
                try:
                    if crypto.file_kind(backup) == "encrypted" and self._key is None:
                        raise BackupError(_("{path} is encrypted with a passphrase this store does not have")
                                          .format(path=backup))
                    key = self._key if crypto.file_kind(backup) == "encrypted" else None
                    if key is not None and not crypto.opens_with(backup, key):
                        raise BackupError(_("{path} was made with another passphrase").format(path=backup))
                    rewritten += 1 if erase.rewrite_backup(backup, references, key) else 0
                except (StoreError, OSError, *crypto.SQLITE_ERRORS) as exc:
                    problem = _("A backup could not be rewritten without the erased household yet ({path}): "
                                "{reason}. It will be tried again.").format(path=backup.name,
                                                                           reason=getattr(exc, "message", str(exc)))
        if references and not problem:
            self._run(self._write_engine, lambda s: s.execute(delete(CounterRow).where(CounterRow.name.in_(pending))), 3)
        cleared = erase.checkpoint(self.path, self._key, wait_seconds=wait_seconds, on_wait=on_wait,
                                   vacuum=bool(references))
        if not cleared:
            problem = problem or erase.waiting_for_readers()
        return EraseReport(reference=", ".join(references), rows_deleted=0, wal_cleared=cleared,
                           backups_rewritten=rewritten, pending=problem)

    # -- accounts, caseloads, sign-in (access.py) ----------------------------------------------------------

    def _caseload_for_new(self, session: Session, caseload_id: int | None) -> int | None:
        if caseload_id is not None:
            if session.get(CaseloadRow, caseload_id) is None:
                raise NotFoundError(_("Caseload"), caseload_id)
            if self._restricted() and session.scalar(self._shared_caseloads().where(
                    CaseloadMemberRow.caseload_id == caseload_id)) is None:
                raise access.NotSharedError(_("Caseload"), caseload_id)
            return caseload_id
        if self._restricted():
            first = session.scalar(self._shared_caseloads().order_by(CaseloadMemberRow.caseload_id).limit(1))
            if first is None:
                raise StoreError(_("No caseload is shared with you yet, so there is nowhere to keep a new "
                                   "household. Ask your coordinator to share a caseload with you."))
            return first
        return None

    def sign_in(self, name: str, secret: str) -> AccountRecord:
        """Sign in with an account's own passphrase or PIN. A wrong name or secret gets one message."""
        if not isinstance(name, str) or not isinstance(secret, str):
            raise access.SignInError()

        def fn(session: Session) -> AccountRecord | None:
            row = session.scalar(select(AccountRow).where(AccountRow.name == name.strip()))
            if row is None or not row.active:
                access.dummy_verify(secret, self._kdf)
                return None
            if not access.verify_secret(row.secret_hash, secret, self._kdf):
                return None
            if self.backend == "postgresql" and pg_security.login_account(session.connection()) not in (None, row.id):
                return None  # a worker's own database login signs in as that worker only (pg_security.py)
            record = _account_record(session, row)
            self.account = record
            self.worker = record.name
            self._audit(session, None, "", "signed in")
            return record

        previous = self.account
        try:
            record = self._write(fn, signed_in=False)
        except BaseException:
            self.account = previous
            raise
        if record is None:
            self.account = previous
            raise access.SignInError()
        self._has_accounts = True
        return record

    def sign_out(self) -> None:
        if self.account is not None:
            self._write(lambda s: self._audit(s, None, "", "signed out"))
        self.account = None

    def create_account(self, name: str, role: str, secret: str, *, kind: str = access.PASSPHRASE) -> AccountRecord:
        """A coordinator adds an account. On a store with none, the first must be a coordinator, and
        whoever has the store open (and so its passphrase) may make it."""
        _check_text("name", name, required=True)
        if role not in access.ROLES:
            raise InvalidDataError("role", _("must be worker or coordinator"))
        access.check_secret(kind, secret)
        if not self._has_accounts and role != access.COORDINATOR:
            raise InvalidDataError("role", _("the first account must be a coordinator's"))
        self._require_coordinator()
        secret_hash = access.hash_secret(secret, self._kdf)

        def fn(session: Session) -> AccountRecord:
            if session.scalar(select(AccountRow.id).where(AccountRow.name == name.strip())) is not None:
                raise InvalidDataError("name", _("there is already an account called {name}").format(name=name))
            row = AccountRow(name=name.strip(), role=role, secret_kind=kind, secret_hash=secret_hash, active=True,
                             created_at=self._now())
            session.add(row)
            session.flush()
            self._audit(session, None, "", f"created {role} account #{row.id}")
            return _account_record(session, row)

        record = self._write(fn, signed_in=self._has_accounts)
        if not self._has_accounts:
            self._has_accounts = True
            self.account, self.worker = record, record.name  # the first coordinator is signed in
        return record

    def change_secret(self, account_id: int, secret: str, *, kind: str = access.PASSPHRASE) -> None:
        """Your own passphrase or PIN; a coordinator may set anyone's."""
        access.check_secret(kind, secret)
        if self.account is None or (self.account.id != account_id and not self.account.is_coordinator):
            raise access.NotAllowedError()
        secret_hash = access.hash_secret(secret, self._kdf)

        def fn(session: Session) -> None:
            row = session.get(AccountRow, account_id)
            if row is None:
                raise NotFoundError(_("Account"), account_id)
            row.secret_hash, row.secret_kind = secret_hash, kind
            self._audit(session, None, "", f"changed the passphrase or PIN of account #{account_id}")

        self._write(fn)

    def set_account_active(self, account_id: int, active: bool) -> AccountRecord:
        self._require_coordinator()

        def fn(session: Session) -> AccountRecord:
            row = session.get(AccountRow, account_id)
            if row is None:
                raise NotFoundError(_("Account"), account_id)
            if not active and row.role == access.COORDINATOR and session.scalar(
                    select(func.count()).select_from(AccountRow).where(AccountRow.role == access.COORDINATOR,
                                                                       AccountRow.active.is_(True))) <= 1:
                raise InvalidDataError("account", _("the last coordinator cannot be switched off"))
            row.active = active
            self._audit(session, None, "", f"{'reopened' if active else 'closed'} account #{account_id}")
            return _account_record(session, row)

        return self._write(fn)

    def accounts(self) -> list[AccountRecord]:
        self._require_coordinator()
        return self._read(lambda s: [_account_record(s, r) for r in s.scalars(select(AccountRow).order_by(AccountRow.name))])

    def create_caseload(self, name: str) -> CaseloadRecord:
        _check_text("name", name, required=True)
        self._require_coordinator()

        def fn(session: Session) -> CaseloadRecord:
            if session.scalar(select(CaseloadRow.id).where(CaseloadRow.name == name.strip())) is not None:
                raise InvalidDataError("name", _("there is already a caseload called {name}").format(name=name))
            row = CaseloadRow(name=name.strip(), created_at=self._now())
            session.add(row)
            session.flush()
            self._audit(session, None, "", f"created caseload #{row.id}")
            return _caseload_record(session, row)

        return self._write(fn)

    def caseloads(self) -> list[CaseloadRecord]:
        """Every caseload for a coordinator; a worker's own for a worker."""
        def fn(session: Session) -> list[CaseloadRecord]:
            query = select(CaseloadRow).order_by(CaseloadRow.name)
            if self._restricted():
                query = query.where(CaseloadRow.id.in_(self._shared_caseloads()))
            return [_caseload_record(session, r) for r in session.scalars(query)]

        return self._read(fn)

    def share_caseload(self, caseload_id: int, account_id: int, *, shared: bool = True) -> CaseloadRecord:
        """Share a caseload with a worker (or, ``shared=False``, stop sharing it)."""
        self._require_coordinator()

        def fn(session: Session) -> CaseloadRecord:
            caseload = session.get(CaseloadRow, caseload_id)
            if caseload is None:
                raise NotFoundError(_("Caseload"), caseload_id)
            if session.get(AccountRow, account_id) is None:
                raise NotFoundError(_("Account"), account_id)
            member = session.get(CaseloadMemberRow, (caseload_id, account_id))
            if shared and member is None:
                session.add(CaseloadMemberRow(caseload_id=caseload_id, account_id=account_id))
            elif not shared and member is not None:
                session.delete(member)
            session.flush()
            self._audit(session, None, "", f"{'shared' if shared else 'stopped sharing'} caseload #{caseload_id} "
                                           f"with account #{account_id}")
            return _caseload_record(session, caseload)

        return self._write(fn)

    def move_household(self, household_id: int, caseload_id: int | None) -> HouseholdRecord:
        """A coordinator puts a household in a caseload (None: in none, seen by coordinators only)."""
        self._require_coordinator()

        def fn(session: Session) -> HouseholdRecord:
            row = self._lock(session, household_id)
            if caseload_id is not None and session.get(CaseloadRow, caseload_id) is None:
                raise NotFoundError(_("Caseload"), caseload_id)
            row.caseload_id = caseload_id
            self._touch(session, row, f"moved to caseload #{caseload_id}" if caseload_id else "taken out of its caseload")
            session.flush()
            return _household_record(row)

        return self._write(fn)

    def verify_audit(self) -> audit.ChainReport:
        """Check the audit log's hash chain from its first entry (a coordinator's)."""
        self._require_coordinator()
        return self._read(lambda s: audit.verify(s.scalars(select(AuditRow).order_by(AuditRow.id))))

    # -- encryption at rest -------------------------------------------------------------------------------

    @property
    def encrypted(self) -> bool:
        return self._key is not None

    def verify_passphrase(self, passphrase: str) -> bool:
        """True when ``passphrase`` is this store's (for a lock screen; nothing is reopened)."""
        if self._key is None or self.path is None:
            return False
        params = crypto.KeyParams.read(crypto.params_path(self.path))
        return crypto.derive_key(passphrase, params) == self._key

    def _backup_keys(self) -> dict[str, Any]:
        if self._key is None or self.path is None:
            return {}
        return {"key": self._key, "params": crypto.params_path(self.path)}

    def backup_files(self) -> list[Path]:
        """Every backup of this store's file (SQLite), oldest name first."""
        if self.backup_dir is None or not self.backup_dir.is_dir():
            return []
        return sorted(p for p in self.backup_dir.glob("*.sqlite") if p.is_file())

    def _encrypt_backups(self) -> None:
        # Backups made before the store was encrypted hold its data in plain text: encrypt each one
        # (verified) and shred the plain file.
        assert self._key is not None and self.path is not None
        for backup in self.backup_files():
            if crypto.file_kind(backup) == "plain":
                crypto.encrypt_backup(backup, self._key, crypto.params_path(self.path))

    def change_passphrase(self, old: str | None, new: str, *, kdf: KdfParams | None = None) -> None:
        """Set a new passphrase (or the first one, on an unencrypted store), re-encrypting the file and
        every backup. The old passphrase must be given (None for an unencrypted store). A verified
        backup is made first; a crash at any point leaves the file opened by the old or new one."""
        self._require_coordinator()
        path = self._need_file()
        crypto.check_new_passphrase(new)
        if self._key is None:
            if old is not None and old != "":
                raise crypto.WrongPassphraseError()
            self.engine.dispose()
            self._key = crypto.unlock(path, new, kdf=kdf)
            self._encrypt_backups()
        else:
            params_file = crypto.params_path(path)
            current = crypto.KeyParams.read(params_file)
            if old is None or crypto.derive_key(old, current) != self._key:
                raise crypto.WrongPassphraseError()
            self.backup()
            new_params = crypto.KeyParams.new(kdf or current.kdf)
            new_key = crypto.derive_key(new, new_params)
            self.engine.dispose()
            crypto.rekey_file(path, self._key, new_key, new_params, params_file, crypto.pending_params_path(path))
            for backup in self.backup_files():
                if crypto.file_kind(backup) == "encrypted" and crypto.opens_with(backup, self._key):
                    crypto.rekey_file(backup, self._key, new_key, new_params, crypto.params_path(backup),
                                      crypto.pending_params_path(backup))
            self._key = new_key
        self.engine = make_engine(self.url, self._key)
        self._write_engine = self.engine.execution_options(**{IMMEDIATE: True})
        self._write(lambda s: self._audit(s, None, "", "changed the passphrase"))

    # -- backups ----------------------------------------------------------------------------------------

    def _need_file(self) -> Path:
        if self.path is None:
            raise BackupError(_("Backups of a shared database server are made on the server (pg_dump) by "
                                "whoever looks after it; this app backs up only its own file."))
        return self.path

    def backup(self, dest: str | Path | None = None) -> BackupReport:
        """A verified copy of the whole store, made safely while it is in use."""
        self._require_coordinator()
        path = self._need_file()
        if dest is None:
            assert self.backup_dir is not None
            crypto.private_folder(self.backup_dir)
            stamp = self._now().astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
            dest = self.backup_dir / f"households-{stamp}.sqlite"
        elif self.backup_dir is not None and Path(dest).parent == self.backup_dir:
            crypto.private_folder(self.backup_dir)
        return migrate.backup_sqlite(path, Path(dest), **self._backup_keys())

    def restore(self, backup: str | Path) -> BackupReport:
        """Replace everything with a backup (after verifying it, and backing up what is here now)."""
        self._require_coordinator()
        path = self._need_file()
        self._check_file()
        migrate.verify_sqlite(Path(backup), key=self._key)
        assert self.backup_dir is not None
        crypto.private_folder(self.backup_dir)
        stamp = self._now().astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
        migrate.backup_sqlite(path, self.backup_dir / f"before-restore-{stamp}.sqlite", **self._backup_keys())
        self.engine.dispose()
        report = migrate.restore_sqlite(Path(backup), path, self._key)
        self.schema = migrate.migrate_engine(self._write_engine)
        if self.schema == report.schema:
            migrate.verify_sqlite(path, report.row_counts, key=self._key)
        self._write(lambda s: self._audit(s, None, "", f"restored a backup made with schema {report.schema}"))
        return report

    def integrity_check(self) -> list[str]:
        """SQLite's own check of the file: ``["ok"]`` when sound."""
        def fn(session: Session) -> list[str]:
            if self.backend != "sqlite":
                return ["ok"]
            return [r[0] for r in session.connection().exec_driver_sql("PRAGMA integrity_check")]

        return self._read(fn)


# -- conflicts: both versions in words -------------------------------------------------------------------------

def _last_changed_by(session: Session, row: HouseholdRow) -> str:
    return session.scalar(select(AuditRow.worker).where(AuditRow.household_id == row.id,
                                                        AuditRow.reference == row.reference)
                          .order_by(AuditRow.id.desc()).limit(1)) or ""


def _people_lines(kind: str, items: Sequence[Any], fields: Sequence[tuple[str, Callable[[Any], str]]]
                  ) -> dict[str, str]:
    out: dict[str, str] = {}
    for i, item in enumerate(items):
        for label, get in fields:
            out[f"{kind} {i + 1} {label}"] = get(item)
    return out


_CARER_FIELDS = (("name", lambda c: c.name), ("address", lambda c: ", ".join(c.address)),
                 ("phone", lambda c: c.phone), ("email", lambda c: c.email))
_CHILD_FIELDS = (("name", lambda c: c.name),
                 ("date of birth", lambda c: c.date_of_birth.isoformat() if c.date_of_birth else ""),
                 ("order date", lambda c: c.order_date.isoformat() if c.order_date else ""))


def _household_conflict(session: Session, row: HouseholdRow, label: Any, council: Any, carers: Any,
                        children: Any) -> ConflictError:
    theirs = _household_record(row)
    mine: dict[str, str] = {}
    saved: dict[str, str] = {}
    if label is not UNSET:
        mine["label"], saved["label"] = label, theirs.label
    if council is not UNSET:
        mine["council"], saved["council"] = council or "", theirs.council or ""
    if carers is not UNSET:
        mine.update(_people_lines("carer", carers, _CARER_FIELDS))
        saved.update(_people_lines("carer", theirs.carers, _CARER_FIELDS))
    if children is not UNSET:
        mine.update(_people_lines("child", children, _CHILD_FIELDS))
        saved.update(_people_lines("child", theirs.children, _CHILD_FIELDS))
    differences = [(key, saved.get(key, ""), mine.get(key, "")) for key in dict.fromkeys([*saved, *mine])
                   if saved.get(key, "") != mine.get(key, "")]
    return ConflictError(row.reference, differences, changed_by=_last_changed_by(session, row), theirs=theirs)


def _progress_conflict(session: Session, row: HouseholdRow, progress: CheckProgressRow | None,
                       answers: dict[str, Any]) -> ConflictError:
    saved = dict(progress.answers) if progress is not None else {}

    def show(value: Any) -> str:
        return "" if value is None else (value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))

    differences = [(key, show(saved.get(key)), show(answers.get(key))) for key in dict.fromkeys([*saved, *answers])
                   if saved.get(key) != answers.get(key)]
    return ConflictError(row.reference, differences, changed_by=_last_changed_by(session, row),
                         theirs=_progress_record(progress) if progress is not None else None, answers=True)


# -- writing helpers ---------------------------------------------------------------------------------------

def _next_reference(session: Session, year: int) -> str:
    name = f"KC-{year}"
    counter = session.get(CounterRow, name, with_for_update=True)
    if counter is None:
        counter = CounterRow(name=name, value=0)
        session.add(counter)
        session.flush()
    while True:
        counter.value += 1
        reference = f"KC-{year}-{counter.value:04d}"
        # An imported household may already hold the next number.
        if session.scalar(select(HouseholdRow.id).where(HouseholdRow.reference == reference)) is None:
            return reference


def _matched(rows: Sequence[Any], records: Sequence[Any], make: Callable[[], Any], field: str) -> list[Any]:
    """Pair each record with its row (by id; a new row when it has none), in the records' order."""
    existing = {r.id: r for r in rows}
    out = []
    for position, record in enumerate(records):
        if record.id is not None and record.id not in existing:
            raise InvalidDataError(f"{field}[{position}].id",
                                   _("{id} is not in this household").format(id=record.id))
        target = existing[record.id] if record.id is not None else make()
        target.position, target.name = position, record.name
        out.append(target)
    return out


def _sync_carers(row: HouseholdRow, carers: Sequence[CarerRecord]) -> None:
    keep = _matched(row.carers, carers, CarerRow, "carers")
    for target, carer in zip(keep, carers):
        target.address, target.phone, target.email = list(carer.address), carer.phone, carer.email
    row.carers = keep


def _sync_children(session: Session, row: HouseholdRow, children: Sequence[ChildRecord]) -> None:
    keep = _matched(row.children, children, ChildRow, "children")
    for target, child in zip(keep, children):
        target.date_of_birth, target.order_date = child.date_of_birth, child.order_date
        target.facts, target.people = dict(child.facts), dict(child.people)
    removed = [c.id for c in row.children if c not in keep and c.id is not None]
    if removed:
        # The removed child's history goes with them; letters and notes stay with the household.
        session.execute(delete(AssessmentRunRow).where(AssessmentRunRow.child_id.in_(removed)))
    row.children = keep


def _sync_actions(session: Session, household_id: int, child_id: int, result: Assessment, now: dt.datetime) -> None:
    rows = list(session.scalars(select(ActionRow).where(ActionRow.household_id == household_id,
                                                        ActionRow.child_id == child_id)))
    from kinship_app.wording import action_text

    for action in result.actions:
        # The code says what to do (shown in the reader's language); the English words are kept
        # beside it for people and older versions reading the file.
        text = action_text(action, "en")
        same_code = [r for r in rows if r.code == action.code]
        open_rows = [r for r in same_code if r.completed_at is None]
        if open_rows:
            target = open_rows[0]
            target.text, target.source, target.due = text, action.source, action.due
        elif not any(r.due == action.due for r in same_code):
            # Done already for this date: not asked again; a new date (a new situation) is a new action.
            session.add(ActionRow(household_id=household_id, child_id=child_id, code=action.code,
                                  text=text, source=action.source, due=action.due, created_at=now,
                                  completed_by=""))


def _search_text(row: HouseholdRow) -> str:
    parts = [row.reference, row.label] + [c.name for c in row.carers] + [c.name for c in row.children]
    return "\n".join(fold(p) for p in parts if p)


def _due_order() -> tuple[Any, ...]:
    # Dated actions first, soonest first; then undated ones in the order they were added.
    return (ActionRow.due.is_(None), ActionRow.due, ActionRow.id)


# -- reading helpers ---------------------------------------------------------------------------------------

def _case_for(session: Session, child_id: int) -> Case:
    child = session.get(ChildRow, child_id)
    if child is None:
        raise NotFoundError("Child", child_id)
    household = child.household
    facts = json.loads(json.dumps(child.facts))
    if household.council:
        facts.setdefault("household", {})
        facts["household"] = dict(facts["household"] or {}, council=household.council)
    people = dict(child.people)
    if household.carers:
        carer = household.carers[0]
        details = {"name": carer.name, "address": list(carer.address), "phone": carer.phone, "email": carer.email}
        # The records hold the names; the letter details keep the rest (relationship_to_child, ...).
        people["carer"] = {**_details(people.get("carer")), **{k: v for k, v in details.items() if v}}
    child_details = {"name": child.name,
                     "date_of_birth": child.date_of_birth.isoformat() if child.date_of_birth else None}
    # The record's name and date of birth, with the letter details kept (known_as, pronouns, ...).
    people["child"] = {**_details(people.get("child")), **{k: v for k, v in child_details.items() if v}}
    if child.order_date:
        people["order_date"] = child.order_date.isoformat()
    facts["people"] = {k: v for k, v in people.items() if v}
    return parse_case(facts)


def _details(saved: Any) -> dict[str, Any]:
    return dict(saved) if isinstance(saved, dict) else {}


def _summaries(session: Session, where: Any, order: str, limit: int | None, offset: int) -> list[HouseholdSummary]:
    orders = {"recent": (HouseholdRow.updated_at.desc(), HouseholdRow.id.desc()),
              "reference": (HouseholdRow.reference,), "label": (HouseholdRow.label, HouseholdRow.id)}
    if order not in orders:
        raise ValueError(f"order must be one of {sorted(orders)}")
    query = select(HouseholdRow.id, HouseholdRow.reference, HouseholdRow.label, HouseholdRow.council,
                   HouseholdRow.updated_at)
    if where is not None:
        query = query.where(where)
    query = query.order_by(*orders[order]).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    heads = session.execute(query).all()
    ids = [h.id for h in heads]
    carers: dict[int, list[str]] = {}
    children: dict[int, list[str]] = {}
    open_count: dict[int, int] = {}
    next_due: dict[int, dt.date | None] = {}
    for chunk_start in range(0, len(ids), 900):
        chunk = ids[chunk_start:chunk_start + 900]
        for hid, name in session.execute(select(CarerRow.household_id, CarerRow.name)
                                         .where(CarerRow.household_id.in_(chunk)).order_by(CarerRow.position)):
            carers.setdefault(hid, []).append(name)
        for hid, name in session.execute(select(ChildRow.household_id, ChildRow.name)
                                         .where(ChildRow.household_id.in_(chunk)).order_by(ChildRow.position)):
            children.setdefault(hid, []).append(name)
        for hid, count, due in session.execute(
                select(ActionRow.household_id, func.count(), func.min(ActionRow.due))
                .where(ActionRow.household_id.in_(chunk), ActionRow.completed_at.is_(None))
                .group_by(ActionRow.household_id)):
            open_count[hid], next_due[hid] = count, due
    return [HouseholdSummary(id=h.id, reference=h.reference, label=h.label, council=h.council,
                             updated_at=h.updated_at, carer_names=tuple(carers.get(h.id, ())),
                             child_names=tuple(children.get(h.id, ())), open_actions=open_count.get(h.id, 0),
                             next_due=next_due.get(h.id)) for h in heads]


def _household_record(row: HouseholdRow) -> HouseholdRecord:
    return HouseholdRecord(
        id=row.id, reference=row.reference, label=row.label, council=row.council, version=row.version,
        created_at=row.created_at, updated_at=row.updated_at,
        carers=tuple(CarerRecord(name=c.name, address=tuple(c.address), phone=c.phone, email=c.email, id=c.id)
                     for c in row.carers),
        children=tuple(ChildRecord(name=c.name, date_of_birth=c.date_of_birth, order_date=c.order_date,
                                   facts=json.loads(json.dumps(c.facts)), people=json.loads(json.dumps(c.people)),
                                   id=c.id) for c in row.children))


def _run_record(r: AssessmentRunRow) -> AssessmentRun:
    return AssessmentRun(id=r.id, household_id=r.household_id, child_id=r.child_id, as_of=r.as_of, run_at=r.run_at,
                         worker=r.worker, facts=r.facts, result=r.result)


def _estimate_record(r: AllowanceEstimateRow) -> EstimateRecord:
    return EstimateRecord(id=r.id, household_id=r.household_id, child_id=r.child_id, as_of=r.as_of, made_at=r.made_at,
                          worker=r.worker, inputs=r.inputs, result=r.result, reason=r.reason,
                          changes=tuple(r.changes or ()))


def _work_out(inputs: dict[str, Any], as_of: dt.date) -> dict[str, Any]:
    from kinship_app.case import CaseError
    from kinship_app.estimate import saved as saved_estimate

    try:
        return _jsonable(saved_estimate.work_out(inputs, as_of), "result")
    except CaseError as exc:
        raise InvalidDataError(exc.field, exc.message) from None


def _letter_record(r: LetterRow) -> LetterRecord:
    return LetterRecord(id=r.id, household_id=r.household_id, child_id=r.child_id, letter_id=r.letter_id,
                        issued_on=r.issued_on, recipient=r.recipient, note=r.note, worker=r.worker,
                        created_at=r.created_at)


def _note_record(r: NoteRow) -> NoteRecord:
    return NoteRecord(id=r.id, household_id=r.household_id, child_id=r.child_id, text=r.text, worker=r.worker,
                      created_at=r.created_at)


def _action_record(r: ActionRow, reference: str) -> ActionItem:
    return ActionItem(id=r.id, household_id=r.household_id, child_id=r.child_id, code=r.code, text=r.text,
                      source=r.source, due=r.due, created_at=r.created_at, completed_at=r.completed_at,
                      completed_by=r.completed_by, reference=reference)


def _progress_record(r: CheckProgressRow) -> CheckProgress:
    return CheckProgress(household_id=r.household_id, child_id=r.child_id, question_id=r.question_id,
                         answers=r.answers, updated_at=r.updated_at, version=r.version)


def _account_record(session: Session, r: AccountRow) -> AccountRecord:
    caseloads = tuple(session.scalars(select(CaseloadMemberRow.caseload_id).where(CaseloadMemberRow.account_id == r.id)
                                      .order_by(CaseloadMemberRow.caseload_id)))
    return AccountRecord(id=r.id, name=r.name, role=r.role, secret_kind=r.secret_kind, active=r.active,
                         created_at=r.created_at, caseload_ids=caseloads)


def _caseload_record(session: Session, r: CaseloadRow) -> CaseloadRecord:
    members = tuple(session.scalars(select(CaseloadMemberRow.account_id).where(CaseloadMemberRow.caseload_id == r.id)
                                    .order_by(CaseloadMemberRow.account_id)))
    count = session.scalar(select(func.count()).select_from(HouseholdRow).where(HouseholdRow.caseload_id == r.id)) or 0
    return CaseloadRecord(id=r.id, name=r.name, created_at=r.created_at, member_ids=members, households=count)


def _audit_record(r: AuditRow) -> AuditEntry:
    return AuditEntry(id=r.id, at=r.at, worker=r.worker, household_id=r.household_id, reference=r.reference,
                      what=r.what)

