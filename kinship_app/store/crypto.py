"""Encryption at rest for the SQLite store: SQLCipher 4 pages, a key derived from a passphrase.

How it fits together (guides/RELIABILITY.md, "SQLCipher 4" and Signal's lesson):

- The key is derived from the passphrase with Argon2id (``argon2-cffi``), a memory-hard KDF, with
  RFC 9106's second recommended setting (t=3, 64 MiB, 4 lanes): about 0.2 s here, once per unlock.
- SQLCipher gets the 32-byte key as raw hex (``PRAGMA key = "x'…'"``), so no passphrase is pasted
  into SQL and SQLCipher's own PBKDF2 (256,000 rounds per connection) is skipped: pooled
  connections open in well under a millisecond.
- Only the KDF's parameters and salt are kept beside the file (``households.sqlite.keyparams``).
  The key is never written anywhere; a wrong passphrase is told apart from a damaged file by
  SQLCipher's per-page HMAC (page 1 does not authenticate).
- The database, its ``-wal`` and ``-shm`` and every backup (``VACUUM INTO`` writes the copy with the
  same key) are encrypted. Each backup gets a copy of the parameters beside it, so it can be
  opened on its own with the passphrase.

Changing the passphrase and converting an unencrypted file are written so that a crash at any
point leaves a file the right passphrase opens (see ``rekey`` and ``encrypt_existing``).

Nothing here reads the clock or imports Qt.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kinship_app.i18n import _
from kinship_app.store.cipher import (  # noqa: F401 (this module's API too)
    CIPHER_CACHE_KIB, DATABASE_ERRORS, ENCRYPTING_SUFFIX, FILE_MODE, FOLDER_MODE, PARAMS_FORMAT, PARAMS_SUFFIX,
    PENDING_SUFFIX, PLAIN_COPY_SUFFIX, SQLITE_ERRORS, SQLITE_HEADER, FileKey, connect, create_private_file,
    fsync_dir, params_path, pending_params_path, private_folder, shred, sqlcipher, write_private,
)
from kinship_app.store.errors import NotAStoreError, StoreError

# -- errors ------------------------------------------------------------------------------------------------

class PassphraseNeededError(StoreError):
    def __init__(self) -> None:
        super().__init__(_("These saved households are protected by a passphrase. Type the passphrase to "
                           "open them."))


class WrongPassphraseError(StoreError):
    def __init__(self) -> None:
        super().__init__(_("That passphrase does not open these saved households. Nothing was changed. "
                           "Check that Caps Lock is off and try again."))


class PassphraseRequiredError(StoreError):
    def __init__(self) -> None:
        super().__init__(_("An organisation's saved households must be protected by a passphrase. Choose a "
                           "passphrase to carry on; nothing was changed."))


class WeakPassphraseError(StoreError):
    def __init__(self, minimum: int) -> None:
        super().__init__(_("A passphrase needs at least {n} characters. Several words you will remember "
                           "make a good one.").format(n=minimum))
        self.minimum = minimum


class KeyParamsError(StoreError):
    def __init__(self, where: str, detail: str = "") -> None:
        super().__init__(_("The file that says how the saved households are protected ({where}) is missing "
                           "or damaged, so they cannot be opened. Nothing was changed. Put back a copy of "
                           "that file from a backup, then try again.").format(where=where), detail=detail)


MIN_PASSPHRASE = 8


def check_new_passphrase(passphrase: str) -> None:
    if not isinstance(passphrase, str) or len(passphrase.strip()) < MIN_PASSPHRASE:
        raise WeakPassphraseError(MIN_PASSPHRASE)


# -- key derivation ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The default is RFC 9106 section 4's second recommended option; tests pass a
    cheap one explicitly (``TEST_KDF``) and it is written into the parameters file they make."""

    time_cost: int = 3
    memory_cost: int = 65536  # KiB (64 MiB)
    parallelism: int = 4


DEFAULT_KDF = KdfParams()
TEST_KDF = KdfParams(time_cost=1, memory_cost=64, parallelism=1)


@dataclass(frozen=True)
class KeyParams:
    kdf: KdfParams
    salt: bytes

    @classmethod
    def new(cls, kdf: KdfParams | None = None) -> KeyParams:
        return cls(kdf=kdf or DEFAULT_KDF, salt=os.urandom(16))

    def to_bytes(self) -> bytes:
        return json.dumps({
            "format": PARAMS_FORMAT, "version": 1, "cipher": "sqlcipher4", "kdf": "argon2id",
            "time_cost": self.kdf.time_cost, "memory_cost_kib": self.kdf.memory_cost,
            "parallelism": self.kdf.parallelism, "hash_len": 32,
            "salt": base64.b64encode(self.salt).decode("ascii"),
        }, indent=2).encode("utf-8")

    @classmethod
    def read(cls, path: Path) -> KeyParams:
        try:
            data = json.loads(Path(path).read_bytes())
            if data.get("format") != PARAMS_FORMAT or data.get("kdf") != "argon2id" or data.get("version") != 1:
                raise ValueError("not our key parameters")
            kdf = KdfParams(time_cost=int(data["time_cost"]), memory_cost=int(data["memory_cost_kib"]),
                            parallelism=int(data["parallelism"]))
            salt = base64.b64decode(data["salt"], validate=True)
            if len(salt) < 16 or not (1 <= kdf.time_cost <= 100 and 8 * kdf.parallelism <= kdf.memory_cost
                                      <= 4 * 1024 * 1024 and 1 <= kdf.parallelism <= 64):
                raise ValueError("parameters out of range")
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise KeyParamsError(str(path), detail=str(exc)) from exc
        return cls(kdf=kdf, salt=salt)

    def write(self, path: Path) -> None:
        write_private(path, self.to_bytes())


def derive_key(passphrase: str, params: KeyParams) -> FileKey:
    from argon2.low_level import Type, hash_secret_raw

    raw = hash_secret_raw(passphrase.encode("utf-8", "surrogatepass"), params.salt, time_cost=params.kdf.time_cost,
                          memory_cost=params.kdf.memory_cost, parallelism=params.kdf.parallelism, hash_len=32,
                          type=Type.ID)
    return FileKey(raw)


def attach_key_sql(key: FileKey) -> str:
    return f"KEY {key.pragma_value}"


def file_kind(path: Path) -> str:
    """"missing" (absent or empty), "plain" (an ordinary SQLite file) or "encrypted" (anything else)."""
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except FileNotFoundError:
        return "missing"
    if not head:
        return "missing"
    return "plain" if head == SQLITE_HEADER else "encrypted"


def opens_with(path: Path, key: FileKey) -> bool:
    """True when ``key`` authenticates the file's first page (SQLCipher's HMAC)."""
    try:
        con = connect(path, key, read_only=True)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except DATABASE_ERRORS as exc:
        name = getattr(exc, "sqlite_errorname", "") or ""
        if name.startswith("SQLITE_NOTADB") or "not a database" in str(exc):
            return False
        raise
    return True


def is_encrypted_store(db: Path) -> bool:
    return params_path(db).exists() or pending_params_path(db).exists() or file_kind(db) == "encrypted"


# -- unlocking -----------------------------------------------------------------------------------------------

def unlock(db: Path, passphrase: str | None, *, kdf: KdfParams | None = None,
           require_passphrase: bool = False) -> FileKey | None:
    """The key for ``db`` (None: the store is, and stays, unencrypted).

    - Protected store: the passphrase is needed and checked; a wrong one changes nothing.
    - Unprotected existing file with a passphrase given: the file is converted (``encrypt_existing``).
    - New store with a passphrase: parameters written, SQLCipher creates the file encrypted.
    An interrupted conversion or passphrase change is finished here.
    """
    db = Path(db)
    params_file, pending_file = params_path(db), pending_params_path(db)
    kind = file_kind(db)
    if not params_file.exists() and not pending_file.exists():
        if kind == "encrypted":
            # Not SQLite: a foreign or damaged file, or an encrypted one whose parameters were lost.
            raise NotAStoreError(str(db), detail=f"not a SQLite file and no {params_file.name}")
        if passphrase is None:
            if require_passphrase:
                raise PassphraseRequiredError()
            _remove_conversion_leftovers(db)
            return None
        check_new_passphrase(passphrase)
        params = KeyParams.new(kdf)
        key = derive_key(passphrase, params)
        if kind == "plain":
            encrypt_existing(db, key, params)
        else:
            params.write(params_file)
        return key
    if passphrase is None:
        raise PassphraseNeededError()
    # A passphrase change may have stopped between rekeying the file and renaming the parameters.
    for candidate in (params_file, pending_file):
        if not candidate.exists():
            continue
        params = KeyParams.read(candidate)
        key = derive_key(passphrase, params)
        if kind == "plain":
            if candidate is params_file:
                # Parameters written, but the conversion stopped before the file was swapped: the
                # encrypted copy it had verified tells whether this passphrase is the one chosen.
                encrypting = db.with_name(db.name + ENCRYPTING_SUFFIX)
                if not encrypting.exists():
                    # Nothing encrypted yet (the file is whole and plain): start the conversion again.
                    params_file.unlink()
                    return unlock(db, passphrase, kdf=kdf, require_passphrase=require_passphrase)
                if file_kind(encrypting) == "encrypted" and opens_with(encrypting, key):
                    encrypt_existing(db, key, params)
                    return key
            continue
        if kind == "missing" or opens_with(db, key):
            if candidate is pending_file:
                os.replace(pending_file, params_file)
                fsync_dir(db.parent)
            else:
                pending_file.unlink(missing_ok=True)
            _finish_conversion(db, key)
            return key
    raise WrongPassphraseError()


def _remove_conversion_leftovers(db: Path) -> None:
    # With no parameters the file itself is the data; a half-made copy (plain or encrypted) is surplus.
    for suffix in (PLAIN_COPY_SUFFIX, ENCRYPTING_SUFFIX):
        leftover = db.with_name(db.name + suffix)
        if leftover.exists():
            shred(leftover)


def encrypt_existing(db: Path, key: FileKey, params: KeyParams) -> None:
    """Convert an unencrypted store, keeping a verified copy until the encrypted file is checked.

    1. a verified plain copy (``VACUUM INTO`` under the write lock, integrity and row counts);
    2. an encrypted file written from that copy (``sqlcipher_export``) and verified the same way;
    3. the parameters written (from here on a restart finishes the job: see ``unlock``);
    4. the plain file's log emptied and the encrypted file renamed over it;
    5. the result opened with the key and checked against the copy; only then the copy is shredded.
    """
    from kinship_app.store import migrate

    copy = db.with_name(db.name + PLAIN_COPY_SUFFIX)
    encrypting = db.with_name(db.name + ENCRYPTING_SUFFIX)
    for leftover in (copy, encrypting):
        leftover.unlink(missing_ok=True)
    report = migrate.backup_sqlite(db, copy)
    create_private_file(encrypting)
    con = sqlcipher.connect(str(copy), isolation_level=None)
    try:
        con.execute(f"ATTACH DATABASE ? AS encrypted {attach_key_sql(key)}", (str(encrypting),))
        con.execute("SELECT sqlcipher_export('encrypted')")
        con.execute("DETACH DATABASE encrypted")
    finally:
        con.close()
    migrate.fsync_file(encrypting)
    migrate.verify_sqlite(encrypting, report.row_counts, key=key)
    params.write(params_path(db))
    plain = sqlite3.connect(db, timeout=30, isolation_level=None)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        plain.close()
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    os.replace(encrypting, db)
    fsync_dir(db.parent)
    _finish_conversion(db, key)


def _finish_conversion(db: Path, key: FileKey) -> None:
    from kinship_app.store import migrate

    copy = db.with_name(db.name + PLAIN_COPY_SUFFIX)
    encrypting = db.with_name(db.name + ENCRYPTING_SUFFIX)
    if encrypting.exists():
        shred(encrypting)
    if not copy.exists():
        return
    try:
        expected = migrate.verify_sqlite(copy).row_counts
    except StoreError:
        expected = None  # a damaged plain copy cannot be the better one: the encrypted file is checked alone
    migrate.verify_sqlite(db, expected, key=key)
    shred(copy)


# -- changing the passphrase -----------------------------------------------------------------------------------

def rekey_file(db: Path, old: FileKey, new: FileKey, new_params: KeyParams, params_file: Path,
               pending_file: Path) -> None:
    """Re-encrypt one file under a new key. The new parameters go to ``pending_file`` first; if the
    process stops after ``PRAGMA rekey`` (one transaction), ``unlock`` finds the file opens with the
    pending parameters and finishes the rename."""
    new_params.write(pending_file)
    con = connect(db, old, timeout=30)
    try:
        con.execute(f"PRAGMA rekey = {new.pragma_value}")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    if not opens_with(db, new):  # pragma: no cover - SQLCipher reported success
        raise StoreError(_("The passphrase could not be changed; the old passphrase still works."))
    os.replace(pending_file, params_file)
    fsync_dir(db.parent)


def encrypt_backup(backup: Path, key: FileKey, params_file: Path) -> None:
    """Replace a plain backup by an encrypted one (verified against it), with the key parameters
    beside it; the plain file is overwritten before it is removed."""
    from kinship_app.store import migrate

    backup = Path(backup)
    expected = migrate.verify_sqlite(backup).row_counts
    encrypting = backup.with_name(backup.name + ENCRYPTING_SUFFIX)
    encrypting.unlink(missing_ok=True)
    create_private_file(encrypting)
    con = sqlcipher.connect(str(backup), isolation_level=None)
    try:
        con.execute(f"ATTACH DATABASE ? AS encrypted {attach_key_sql(key)}", (str(encrypting),))
        con.execute("SELECT sqlcipher_export('encrypted')")
        con.execute("DETACH DATABASE encrypted")
    finally:
        con.close()
    migrate.fsync_file(encrypting)
    migrate.verify_sqlite(encrypting, expected, key=key)
    write_private(params_path(backup), Path(params_file).read_bytes())
    shred(backup)
    os.replace(encrypting, backup)
    fsync_dir(backup.parent)
