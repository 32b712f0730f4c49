"""The low-level half of encryption at rest (crypto.py has the rest): opening a plain or SQLCipher
file with a raw key, the key object itself, and making private (0600/0700) files and folders.

Kept apart so that the store's engine and its backup code can use it without importing the
unlocking and conversion logic that uses them (no import circles).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

SQLITE_HEADER = b"SQLite format 3\x00"
PARAMS_SUFFIX = ".keyparams"
PENDING_SUFFIX = ".keyparams.new"
PLAIN_COPY_SUFFIX = ".unencrypted-copy"
ENCRYPTING_SUFFIX = ".encrypting"
PARAMS_FORMAT = "kinship-app/key-parameters"
# Errors from either driver: the plain sqlite3 module (no passphrase) or SQLCipher's.
SQLITE_ERRORS: tuple[type[BaseException], ...] = (sqlite3.Error, sqlcipher.Error)
DATABASE_ERRORS: tuple[type[BaseException], ...] = (sqlite3.DatabaseError, sqlcipher.DatabaseError)
CIPHER_CACHE_KIB = 16384
FILE_MODE = 0o600
FOLDER_MODE = 0o700


# -- private files -----------------------------------------------------------------------------------------

def private_folder(folder: Path) -> None:
    """Make ``folder`` (and missing parents) readable by this account only, created that way."""
    folder = Path(folder)
    if folder.is_dir():
        return
    missing = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for item in reversed(missing):
        with contextlib.suppress(FileExistsError):
            os.mkdir(item, FOLDER_MODE)


def create_private_file(path: Path) -> bool:
    """Create an empty 0600 file if there is none (so SQLite's -wal and -shm, which copy the
    database file's mode, are private too). True when it was created."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    os.close(fd)
    return True


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` atomically to a 0600 file: a temporary file beside it, fsync, rename."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def shred(path: Path) -> None:
    """Overwrite a file with zeros, then delete it. (On flash storage the drive may keep old blocks;
    that is why the copy was encrypted-at-rest material only for the shortest time.)"""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with contextlib.suppress(OSError):
        with open(path, "r+b") as f:
            block = b"\x00" * 65536
            left = size
            while left > 0:
                n = min(left, len(block))
                f.write(block[:n])
                left -= n
            f.flush()
            os.fsync(f.fileno())
    path.unlink(missing_ok=True)
    fsync_dir(path.parent)


class FileKey:
    """The 32-byte database key, held in memory only (never logged, never written)."""

    __slots__ = ("_raw",)

    def __init__(self, raw: bytes):
        if len(raw) != 32:
            raise ValueError("a SQLCipher key is 32 bytes")
        self._raw = raw

    @property
    def pragma_value(self) -> str:
        return f"\"x'{self._raw.hex()}'\""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FileKey) and other._raw == self._raw

    def __hash__(self) -> int:
        return hash(self._raw)

    def __repr__(self) -> str:
        return "FileKey(…)"


# -- connections ---------------------------------------------------------------------------------------------

def connect(path: Path | str, key: FileKey | None, *, read_only: bool = False, timeout: float = 30.0,
            check_same_thread: bool = True) -> Any:
    """A DB-API connection (autocommit: we say BEGIN ourselves) to a plain or encrypted file."""
    target, uri = (f"file:{path}?mode=ro", True) if read_only else (str(path), False)
    if key is None:
        return sqlite3.connect(target, uri=uri, timeout=timeout, isolation_level=None,
                               check_same_thread=check_same_thread)
    con = sqlcipher.connect(target, uri=uri, timeout=timeout, isolation_level=None,
                            check_same_thread=check_same_thread)
    try:
        # A wrong key is our message to give; SQLCipher's own log lines would only go to stderr.
        con.execute("PRAGMA cipher_log_level = NONE")
        con.execute(f"PRAGMA key = {key.pragma_value}")
        # Pages are decrypted when read into SQLite's cache, so a bigger cache (16 MiB, per pooled
        # connection) keeps lists and searches from decrypting the same pages again each time.
        con.execute(f"PRAGMA cache_size = -{CIPHER_CACHE_KIB}")
    except BaseException:
        con.close()
        raise
    return con


def params_path(db: Path) -> Path:
    return db.with_name(db.name + PARAMS_SUFFIX)


def pending_params_path(db: Path) -> Path:
    return db.with_name(db.name + PENDING_SUFFIX)


