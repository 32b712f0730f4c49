"""Schema upgrades at start-up, and file-level backup/verify/restore for SQLite.

The lessons of Alembic, Anki, calibre and Signal (guides/RELIABILITY.md): a file written by a newer
version is refused before anything writes to it (not even the WAL switch, which rewrites the header);
an older file is backed up — and the backup verified — before the upgrade, which runs as one
transaction under the write lock so a second copy of the app waits instead of upgrading twice.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from kinship_app.i18n import _
from kinship_app.store import cipher as crypto
from kinship_app.store.cipher import DATABASE_ERRORS, SQLITE_ERRORS, FileKey
from kinship_app.store.engine import translate
from kinship_app.store.errors import (
    BackupError, MissingFolderError, NewerSchemaError, NotAStoreError, StoreError,
)
from kinship_app.store.models import Base
from kinship_app.store.records import BackupReport

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
TABLES = tuple(Base.metadata.tables)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def known_revisions() -> set[str]:
    return {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _ro_connect(path: Path, key: FileKey | None = None) -> sqlite3.Connection:
    # mode=ro: inspecting a file must never change it (byte-identical when refused).
    return crypto.connect(path, key, read_only=True, timeout=30)


def inspect_sqlite(path: Path, key: FileKey | None = None) -> str | None:
    """The file's schema revision (None for a new, empty file); refuses files not ours or newer."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        con = _ro_connect(path, key)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            con.close()
    except DATABASE_ERRORS as exc:
        name = getattr(exc, "sqlite_errorname", "") or ""
        if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or "not a database" in str(exc):
            raise NotAStoreError(str(path), detail=str(exc)) from exc
        raise (translate(exc, str(path)) or NotAStoreError(str(path), detail=str(exc))) from exc
    if revision is None:
        if tables - {"alembic_version"}:
            raise NotAStoreError(str(path), detail=f"tables {sorted(tables)} but no schema revision")
        return None
    if revision not in known_revisions():
        raise NewerSchemaError(revision)
    return revision


def _revision_of(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(conn: Connection, *, backup: Callable[[str], object] | None = None) -> str:
    """Bring the database on ``conn`` (inside a transaction we hold) to the head revision."""
    current = _revision_of(conn)
    if current is not None and current not in known_revisions():
        raise NewerSchemaError(current)
    if current is None:
        existing = set(conn.dialect.get_table_names(conn)) - {"alembic_version"}
        if existing & set(TABLES):
            raise NotAStoreError(str(conn.engine.url.render_as_string(hide_password=True)),
                                 detail=f"tables {sorted(existing)} but no schema revision")
    head = head_revision()
    if current == head:
        return head
    if current is not None and backup is not None:
        backup(current)
    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")
    return head


def migrate_engine(write_engine: Engine, *, backup: Callable[[str], object] | None = None) -> str:
    with write_engine.connect() as conn:
        with conn.begin():
            if conn.dialect.name == "postgresql":
                # One upgrader at a time across every venue's copy of the app.
                conn.execute(text("SELECT pg_advisory_xact_lock(73280001)"))
            revision = upgrade(conn, backup=backup)
            if conn.dialect.name == "postgresql" and revision is not None:
                from kinship_app.store import pg_security

                pg_security.refresh(conn)  # the policies up to date, a worker's own login its grants
            return revision


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def row_counts(con: sqlite3.Connection) -> dict[str, int]:
    present = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in sorted(present)
            if not t.startswith("sqlite_")}


def verify_sqlite(path: Path, expected_counts: dict[str, int] | None = None, *,
                  key: FileKey | None = None) -> BackupReport:
    """integrity_check, our schema, not newer, and (when given) exactly these row counts."""
    revision = inspect_sqlite(path, key)
    if revision is None:
        raise BackupError(_("{path} holds no saved households").format(path=path), detail="no schema revision")
    con = _ro_connect(path, key)
    try:
        check = [r[0] for r in con.execute("PRAGMA integrity_check")]
        if check != ["ok"]:
            raise BackupError(_("{path} is damaged: it failed its integrity check").format(path=path), detail="; ".join(check[:5]))
        counts = row_counts(con)
    finally:
        con.close()
    if expected_counts is not None and counts != expected_counts:
        raise BackupError(_("{path} does not hold the same rows as the original").format(path=path),
                          detail=f"expected {expected_counts}, found {counts}")
    return BackupReport(path=str(path), row_counts=counts, schema=revision)


@contextlib.contextmanager
def _write_locked(path: Path, key: FileKey | None = None) -> Iterator[sqlite3.Connection]:
    """Hold SQLite's write lock: writers queue (busy timeout) while we copy, readers carry on."""
    con = crypto.connect(path, key, timeout=30)
    try:
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
        finally:
            con.execute("ROLLBACK")
    finally:
        con.close()


def backup_sqlite(source: Path, dest: Path, *, already_locked: bool = False, key: FileKey | None = None,
                  params: Path | None = None) -> BackupReport:
    """Copy a live database safely (VACUUM INTO, never a file copy), verify it, then move it into place.

    ``already_locked``: the caller holds the write lock (the upgrade does), so nothing can change.
    With ``key`` the copy is encrypted with the same key (SQLCipher's VACUUM INTO) and ``params``
    (the key parameters file) is copied beside it, so the backup opens on its own with the passphrase.
    The copy is created 0600 before SQLite writes into it."""
    dest = Path(dest)
    if not dest.parent.is_dir():
        raise MissingFolderError(str(dest.parent))
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        crypto.create_private_file(partial)
        with contextlib.nullcontext() if already_locked else _write_locked(source, key):
            reader = crypto.connect(source, key, timeout=30)
            try:
                counts = row_counts(reader)
                # The copy leaves out free pages, so erased households are not carried into backups.
                reader.execute("VACUUM INTO ?", (str(partial),))
            finally:
                reader.close()
        fsync_file(partial)
        report = verify_sqlite(partial, counts, key=key)
        if params is not None:
            crypto.write_private(crypto.params_path(dest), Path(params).read_bytes())
        os.replace(partial, dest)
        _fsync_dir(dest.parent)
    except SQLITE_ERRORS as exc:
        partial.unlink(missing_ok=True)
        raise (translate(exc, str(dest)) or BackupError(_("The backup to {dest} failed; nothing saved was changed.").format(dest=dest), detail=str(exc))) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupReport(path=str(dest), row_counts=report.row_counts, schema=report.schema)


def restore_sqlite(backup: Path, live: Path, key: FileKey | None = None) -> BackupReport:
    """Write a verified backup into the live database through SQLite's backup API, which takes the
    proper locks, so other open copies see the restored data instead of a file swapped under them.
    An encrypted store restores only a backup made with its key (SQLCipher copies pages as they are)."""
    report = verify_sqlite(Path(backup), key=key)
    src = _ro_connect(Path(backup), key)
    dst = crypto.connect(live, key, timeout=30)
    try:
        src.backup(dst)
    except SQLITE_ERRORS as exc:
        raise (translate(exc, str(live)) or StoreError(_("The restore into {live} failed.").format(live=live), detail=str(exc))) from exc
    finally:
        src.close()
        dst.close()
    return report
