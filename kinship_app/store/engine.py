"""Connecting to the store: where it lives, how SQLite is set up, and how driver errors become
plain-English ``StoreError``s.

SQLite settings follow sqlite.org (atomiccommit.html, wal.html): WAL with ``synchronous=FULL`` keeps
a committed save through power loss; every write transaction starts with ``BEGIN IMMEDIATE`` so two
copies of the app queue for the write lock (with a busy timeout) instead of failing half-way with
"database is locked"; ``secure_delete`` overwrites erased data instead of leaving it in free pages.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import DBAPIError

from kinship_app.i18n import _
from kinship_app.store.cipher import CIPHER_CACHE_KIB, SQLITE_ERRORS, FileKey, sqlcipher
from kinship_app.store.errors import (
    DiskFullError, LockedError, MissingFolderError, ReadOnlyError, ServerUnavailableError, StoreError,
)

sqlcipher_OperationalError = sqlcipher.OperationalError

ENV_VAR = "KINSHIP_DATABASE_URL"
APP_NAME = "kinship-app"
FILE_NAME = "households.sqlite"
BUSY_TIMEOUT_MS = 30_000
# Marks connections that must take the write lock at BEGIN (see module docstring).
IMMEDIATE = "kinship_immediate"


def default_url(setting: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The setting if given, else ``$KINSHIP_DATABASE_URL``, else a SQLite file in the user's data folder."""
    env = os.environ if environ is None else environ
    chosen = (setting or env.get(ENV_VAR) or "").strip()
    if chosen:
        return chosen
    return "sqlite:///" + str(default_sqlite_path())


def default_sqlite_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / FILE_NAME


def sqlite_path(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def make_engine(url: URL, key: FileKey | None = None) -> Engine:
    """``key``: the SQLCipher key of an encrypted file (crypto.py); connections are pooled, so the key
    is applied once per connection (raw hex: no key derivation per connection)."""
    backend = url.get_backend_name()
    if backend == "sqlite":
        extra: dict[str, object] = {}
        path = sqlite_path(url)
        if key is not None and path is not None:
            from kinship_app.store import cipher

            extra["module"] = sqlcipher  # so SQLAlchemy wraps SQLCipher's errors as it does sqlite3's
            extra["creator"] = lambda: cipher.connect(path, key, timeout=BUSY_TIMEOUT_MS / 1000,
                                                      check_same_thread=False)
        if path is None:
            # An in-memory store lives in one connection; share it rather than get a new empty one.
            from sqlalchemy.pool import StaticPool

            extra["poolclass"] = StaticPool
        engine = create_engine(
            url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}, **extra)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: sqlite3.Connection, record: object) -> None:
            # The driver must not open transactions itself: we say BEGIN (IMMEDIATE) ourselves.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            try:
                cur.execute("PRAGMA journal_mode=WAL")
            except (sqlite3.OperationalError, sqlcipher_OperationalError):
                pass  # a read-only file keeps its mode; reading works and any write says why it cannot
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA secure_delete=ON")
            cur.execute("PRAGMA synchronous=FULL")
            # The same page cache as an encrypted store's connections (cipher.connect), so lists and
            # searches read from memory either way and the encrypted store is compared like for like.
            cur.execute(f"PRAGMA cache_size = -{CIPHER_CACHE_KIB}")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
            if conn.get_execution_options().get(IMMEDIATE):
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                conn.exec_driver_sql("BEGIN")

        return engine
    if backend == "postgresql":
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    raise StoreError(_("The database setting {url} is not one this app can use: give sqlite:///PATH or "
                       "postgresql+psycopg://USER@HOST/DATABASE.").format(url=url.render_as_string(hide_password=True)))


def parse_url(text: str) -> URL:
    try:
        return make_url(text)
    except Exception as exc:
        raise StoreError(_("The database setting {text} is not a database address.").format(text=repr(text))) from exc


def _read_only_fs(where: str) -> bool:
    try:
        return bool(os.statvfs(Path(where).parent).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def translate(exc: BaseException, where: str = "") -> StoreError | None:
    """The ``StoreError`` for a driver or OS error, or None when it is not one we can explain."""
    if isinstance(exc, StoreError):
        return exc
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    detail = str(orig)
    if isinstance(orig, SQLITE_ERRORS):
        name = getattr(orig, "sqlite_errorname", "") or ""
        text = detail.lower()
        if name.startswith("SQLITE_FULL") or "disk is full" in text:
            return DiskFullError(detail)
        if name.startswith("SQLITE_READONLY") or "readonly database" in text:
            return ReadOnlyError(where, detail)
        if name.startswith("SQLITE_BUSY") or name.startswith("SQLITE_LOCKED") or "database is locked" in text:
            return LockedError(detail)
        if name.startswith("SQLITE_CANTOPEN") or "unable to open database" in text:
            if where and not Path(where).parent.is_dir():
                return MissingFolderError(str(Path(where).parent), detail)
            return ReadOnlyError(where, detail)
        if name.startswith("SQLITE_IOERR") and where and _read_only_fs(where):
            return ReadOnlyError(where, detail)
        if name.startswith("SQLITE_IOERR") and "disk i/o" in text:
            return StoreError(_("The computer could not read or write the saved-households file ({where}). Nothing "
                                "saved was lost. Check the disk, then try again.").format(where=where), detail=detail)
        return None
    if isinstance(orig, OSError):
        if orig.errno == errno.ENOSPC:
            return DiskFullError(detail)
        if orig.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return ReadOnlyError(where, detail)
        if orig.errno == errno.ENOENT:
            return MissingFolderError(where, detail)
        return None
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return None
    if isinstance(orig, psycopg.OperationalError):
        sqlstate = getattr(orig, "sqlstate", None) or ""
        if sqlstate == "53100":  # disk_full
            return DiskFullError(detail)
        if sqlstate in ("55P03", "40P01"):  # lock_not_available, deadlock_detected
            return LockedError(detail)
        if sqlstate == "25006":  # read_only_sql_transaction
            return ReadOnlyError(where, detail)
        if not sqlstate:
            return ServerUnavailableError(detail)
    return None
