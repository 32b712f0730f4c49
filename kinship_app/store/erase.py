"""Erase means gone (issue 12): after the household's rows are deleted (``secure_delete`` is on, so
SQLite overwrites them), the file is vacuumed (no free page keeps an old copy), the write-ahead log
is checkpointed and truncated, and every backup is rewritten without the household.

Nothing here waits long: a checkpoint cannot finish while another copy of the app is in the middle
of reading (it still needs the old pages), so each step is tried for at most ``wait_seconds``,
telling ``on_wait`` what it is waiting for; whatever is left is recorded in the store (a
``counters`` row per reference, ``erase:KC-…``, holding nothing about the family) and finished by
``Store.finish_erasing()``, which the app calls again until it is done and at every start.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kinship_app.i18n import _
from kinship_app.store import crypto
from kinship_app.store.crypto import DATABASE_ERRORS, FileKey

PENDING_PREFIX = "erase:"
ERASING_SUFFIX = ".erasing"
Waiting = Callable[[str], None]


def waiting_for_readers() -> str:
    return _("Waiting for another copy of the app, which is reading the saved households, to finish, so that "
             "the last traces of the erased household can be removed from the file.")


def checkpoint(path: Path, key: FileKey | None, *, wait_seconds: float, on_wait: Waiting | None = None,
               vacuum: bool = False) -> bool:
    """Vacuum (optionally) and truncate the WAL. True when the log is empty, False if a reader kept
    it from finishing within ``wait_seconds``."""
    deadline = time.monotonic() + max(0.0, wait_seconds)
    told = False
    con = crypto.connect(path, key, timeout=0.25)
    try:
        con.execute("PRAGMA busy_timeout=250")
        con.execute("PRAGMA secure_delete=ON")
        while True:
            try:
                if vacuum:
                    con.execute("VACUUM")
                    vacuum = False
                busy, _log, _done = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                if busy == 0:
                    return True
            except DATABASE_ERRORS as exc:
                if "locked" not in str(exc) and "busy" not in str(exc).lower():
                    raise
            if on_wait is not None and not told:
                on_wait(waiting_for_readers())
                told = True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)
    finally:
        con.close()


def _household_tables(con: Any) -> list[str]:
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    out = []
    for table in tables:
        columns = {r[1] for r in con.execute(f'PRAGMA table_info("{table}")')}
        if "household_id" in columns and table != "audit_log":
            out.append(table)
    return out


def rewrite_backup(backup: Path, references: list[str], key: FileKey | None) -> int:
    """Rewrite one backup without the households with these references: a copy is made beside it
    (0600), the households deleted from it with secure_delete and the copy vacuumed and checked;
    it then takes the backup's name and the old file's contents are overwritten. Returns the number
    of households removed (0: the backup never held them, and it is left as it was)."""
    from kinship_app.store import migrate

    backup = Path(backup)
    con = crypto.connect(backup, key, read_only=True)
    try:
        marks = ",".join("?" for _ in references)
        present = con.execute(f"SELECT count(*) FROM households WHERE reference IN ({marks})", references).fetchone()[0]
    finally:
        con.close()
    if not present:
        return 0
    before = migrate.verify_sqlite(backup, key=key).row_counts
    work = backup.with_name(backup.name + ERASING_SUFFIX)
    work.unlink(missing_ok=True)
    crypto.create_private_file(work)
    src = crypto.connect(backup, key, read_only=True)
    try:
        src.execute("VACUUM INTO ?", (str(work),))
    finally:
        src.close()
    con = crypto.connect(work, key)
    try:
        # A crash leaves only this working copy, which is thrown away: no journal file is needed.
        con.execute("PRAGMA journal_mode=MEMORY")
        con.execute("PRAGMA secure_delete=ON")
        con.execute("BEGIN IMMEDIATE")
        ids = [r[0] for r in con.execute(f"SELECT id FROM households WHERE reference IN ({marks})", references)]
        id_marks = ",".join("?" for _ in ids)
        for table in _household_tables(con):
            con.execute(f'DELETE FROM "{table}" WHERE household_id IN ({id_marks})', ids)
        con.execute(f"DELETE FROM households WHERE id IN ({id_marks})", ids)
        con.execute("COMMIT")
        con.execute("VACUUM")
    finally:
        con.close()
    migrate.fsync_file(work)
    after = migrate.verify_sqlite(work, key=key).row_counts
    if after.get("households") != before.get("households", 0) - len(ids):
        work.unlink(missing_ok=True)
        raise migrate.BackupError(_("The backup {path} could not be rewritten without the household.")
                                  .format(path=backup))
    if os.name == "nt":  # pragma: no cover - Windows cannot rename over a file that is open
        os.replace(work, backup)
        return len(ids)
    # Keep the old file open, swap the new one in under its name, then overwrite the old contents.
    fd = os.open(backup, os.O_RDWR)
    try:
        size = os.fstat(fd).st_size
        os.replace(work, backup)
        crypto.fsync_dir(backup.parent)
        with contextlib.suppress(OSError):
            block = b"\x00" * 65536
            os.lseek(fd, 0, os.SEEK_SET)
            left = size
            while left > 0:
                left -= os.write(fd, block[:min(left, len(block))])
            os.fsync(fd)
    finally:
        os.close(fd)
    return len(ids)
