"""Encryption at rest (issue 12, guides/RELIABILITY.md "at rest"): SQLCipher 4 with an Argon2id key.

Each test uses the cheap ``crypto.TEST_KDF`` (passed explicitly); the shipped default is checked
separately. Canary strings are searched for in the raw bytes of every file in the data folder.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sqlite3
from pathlib import Path

import pytest

from kinship_app.store import Store, crypto, migrate
from kinship_app.store.crypto import (
    PassphraseNeededError, PassphraseRequiredError, WeakPassphraseError, WrongPassphraseError,
)

from store_helpers import Clock, carer, child, make_household

CANARIES = ("Zephyrine Quillfeather", "Orlagh Bramblewick", "77 Quokka Crescent", "CANARY-NOTE-4417")
PASS = "correct horse battery"
KDF = crypto.TEST_KDF


def _canary_household(store: Store):
    h = store.create_household(label="Canary family", carers=[carer(CANARIES[0], address=(CANARIES[2], "Leeds"))],
                               children=[child(CANARIES[1])])
    store.add_note(h.id, CANARIES[3])
    return h


def _hits(folder: Path) -> dict[str, list[str]]:
    """Each canary (in UTF-8 and UTF-16) found in the raw bytes of any file under ``folder``."""
    found: dict[str, list[str]] = {}
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for canary in CANARIES:
                if canary.encode("utf-8") in data or canary.encode("utf-16-le") in data \
                        or canary.lower().encode() in data:
                    found.setdefault(str(path.relative_to(folder)), []).append(canary)
    return found


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def _open(db: Path, passphrase: str | None = PASS, **kw) -> Store:
    return Store(f"sqlite:///{db}", clock=Clock(), passphrase=passphrase, kdf=KDF, **kw)


def test_an_encrypted_store_leaves_no_plain_text_in_the_file_wal_shm_or_backups(tmp_path):
    db = tmp_path / "households.sqlite"
    store = _open(db)
    assert store.encrypted
    h = _canary_household(store)
    store.backup()
    # while open: the WAL and SHM hold the latest pages
    assert Path(str(db) + "-wal").exists()
    assert _hits(tmp_path) == {}
    assert [s.reference for s in store.search("zephyrine")] == [h.reference]
    store.close()
    assert _hits(tmp_path) == {}
    # the file is SQLCipher's, not SQLite's: the plain driver cannot read it
    assert crypto.file_kind(db) == "encrypted"
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db).execute("SELECT * FROM households").fetchall()
    # the parameters beside it hold the salt and costs, never the key
    params = crypto.KeyParams.read(crypto.params_path(db))
    key = crypto.derive_key(PASS, params)
    assert key.pragma_value[3:-2].encode() not in crypto.params_path(db).read_bytes()
    assert PASS.encode() not in crypto.params_path(db).read_bytes()
    # a backup opens on its own with the passphrase (its parameters are beside it)
    backup = store.backup_files()[0]
    assert crypto.params_path(backup).read_bytes() == crypto.params_path(db).read_bytes()
    with Store(f"sqlite:///{backup}", clock=Clock(), passphrase=PASS) as again:
        assert again.get_household(h.id).carers[0].name == CANARIES[0]


def test_files_are_private_from_the_moment_they_are_made(tmp_path):
    old = os.umask(0o022)  # a typical desktop umask: without care, files would be 0644
    try:
        root = tmp_path / "data" / "kinship"
        store = Store(f"sqlite:///{root / 'households.sqlite'}", clock=Clock(), passphrase=PASS, kdf=KDF,
                      create_folder=True)
        _canary_household(store)
        store.backup()
        plain = Store(f"sqlite:///{root / 'plain' / 'households.sqlite'}", clock=Clock(), create_folder=True)
        _canary_household(plain)
        plain.backup()
        paths = sorted(p for p in (tmp_path / "data").rglob("*"))
        assert any(p.name.endswith("-wal") for p in paths) and any(p.name.endswith("-shm") for p in paths)
        for path in paths:
            mode = stat.S_IMODE(path.stat().st_mode)
            if path.is_dir() and path != tmp_path / "data":
                assert mode == 0o700, path
            elif path.is_file():
                assert mode == 0o600, path
        store.close()
        plain.close()
    finally:
        os.umask(old)


def test_a_wrong_or_missing_passphrase_gets_a_plain_message_and_changes_nothing(tmp_path):
    db = tmp_path / "households.sqlite"
    with _open(db) as store:
        _canary_household(store)
    files = sorted(tmp_path.iterdir())
    before = {p: _sha(p) for p in files}
    with pytest.raises(WrongPassphraseError) as wrong:
        _open(db, "Correct horse battery")
    assert "does not open" in str(wrong.value) and "Nothing was changed" in str(wrong.value)
    with pytest.raises(PassphraseNeededError):
        _open(db, None)
    assert sorted(tmp_path.iterdir()) == files
    assert {p: _sha(p) for p in files} == before


def test_a_short_passphrase_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(WeakPassphraseError, match="at least 8"):
        _open(tmp_path / "households.sqlite", "short")
    assert list(tmp_path.iterdir()) == []


def test_an_organisation_cannot_open_an_unencrypted_file_but_a_carer_may_choose_none(tmp_path):
    db = tmp_path / "households.sqlite"
    with Store(f"sqlite:///{db}", clock=Clock()) as home:
        assert not home.encrypted
        make_household(home)
    with pytest.raises(PassphraseRequiredError):
        Store(f"sqlite:///{db}", clock=Clock(), require_passphrase=True)
    with pytest.raises(PassphraseRequiredError):
        Store(f"sqlite:///{tmp_path / 'new.sqlite'}", clock=Clock(), require_passphrase=True)
    assert crypto.file_kind(db) == "plain"


def test_an_unencrypted_store_is_converted_on_first_unlock_with_its_backups(tmp_path):
    db = tmp_path / "households.sqlite"
    with Store(f"sqlite:///{db}", clock=Clock()) as plain:
        h = _canary_household(plain)
        plain.backup()
        expected = plain.export_household(h.id)
    assert _hits(tmp_path)  # the canaries really are there in plain text before
    with _open(db) as store:
        assert store.encrypted
        got = store.export_household(h.id)
        strip = lambda data: {k: v for k, v in data["household"].items() if k != "audit"}  # noqa: E731
        assert strip(got) == strip(expected)
        assert store.integrity_check() == ["ok"]
        # the backup was encrypted too and still verifies with the key
        backup = store.backup_files()[0]
        assert crypto.file_kind(backup) == "encrypted"
        migrate.verify_sqlite(backup, key=store._key)
    assert _hits(tmp_path) == {}
    leftovers = [p.name for p in tmp_path.rglob("*") if p.name.endswith((crypto.PLAIN_COPY_SUFFIX,
                                                                          crypto.ENCRYPTING_SUFFIX))]
    assert leftovers == []


def test_a_conversion_stopped_after_writing_the_parameters_is_finished_on_the_next_unlock(tmp_path, monkeypatch):
    db = tmp_path / "households.sqlite"
    with Store(f"sqlite:///{db}", clock=Clock()) as plain:
        h = _canary_household(plain)

    real_replace = os.replace

    def crash(src, dst):
        if Path(dst) == db:
            raise KeyboardInterrupt("power cut")
        real_replace(src, dst)

    monkeypatch.setattr(crypto.os, "replace", crash)  # stop just before the encrypted file is swapped in
    with pytest.raises(KeyboardInterrupt):
        _open(db)
    monkeypatch.undo()
    # the data is still whole (the plain file was not touched) and the parameters are there
    assert crypto.file_kind(db) == "plain" and crypto.params_path(db).exists()
    assert (tmp_path / ("households.sqlite" + crypto.PLAIN_COPY_SUFFIX)).exists()
    with pytest.raises(WrongPassphraseError):
        _open(db, "not the passphrase")
    assert crypto.file_kind(db) == "plain"
    with _open(db) as store:
        assert store.get_household(h.id).children[0].name == CANARIES[1]
    assert _hits(tmp_path) == {}


def test_the_copy_is_kept_until_the_encrypted_file_is_checked(tmp_path, monkeypatch):
    db = tmp_path / "households.sqlite"
    with Store(f"sqlite:///{db}", clock=Clock()) as plain:
        h = _canary_household(plain)
    real_verify = migrate.verify_sqlite
    calls = []

    def failing_final_check(path, expected=None, *, key=None):
        calls.append(Path(path).name)
        if Path(path) == db and key is not None:
            raise migrate.BackupError("checked and found wanting")
        return real_verify(path, expected, key=key)

    monkeypatch.setattr(migrate, "verify_sqlite", failing_final_check)
    with pytest.raises(migrate.BackupError):
        _open(db)
    copy = tmp_path / ("households.sqlite" + crypto.PLAIN_COPY_SUFFIX)
    assert copy.exists() and real_verify(copy).row_counts["households"] == 1
    monkeypatch.undo()
    with _open(db) as store:  # the next unlock checks again, and only then removes the copy
        assert store.get_household(h.id).label == "Canary family"
    assert not copy.exists()


def test_changing_the_passphrase_reencrypts_the_file_and_every_backup(tmp_path):
    db = tmp_path / "households.sqlite"
    with _open(db) as store:
        h = _canary_household(store)
        store.backup()
        store.backup(tmp_path / "backups" / "older.sqlite")
        with pytest.raises(WrongPassphraseError):
            store.change_passphrase("wrong one here", "a brand new passphrase")
        store.change_passphrase(PASS, "a brand new passphrase")
        store.add_note(h.id, "after the change")
        assert len(store.backup_files()) == 2
    with pytest.raises(WrongPassphraseError):
        _open(db, PASS)
    with _open(db, "a brand new passphrase") as store:
        assert [n.text for n in store.notes(h.id)][:2] == ["after the change", CANARIES[3]]
        for backup in store.backup_files():
            assert crypto.opens_with(backup, store._key)
            with Store(f"sqlite:///{backup}", clock=Clock(), passphrase="a brand new passphrase") as b:
                assert b.get_household(h.id).label == "Canary family"
    assert _hits(tmp_path) == {}


def test_a_passphrase_change_stopped_after_the_rekey_is_finished_on_unlock(tmp_path):
    db = tmp_path / "households.sqlite"
    with _open(db) as store:
        h = _canary_household(store)
        old_key = store._key
    # Do what change_passphrase does, up to the moment before the parameters are renamed.
    new_params = crypto.KeyParams.new(KDF)
    new_key = crypto.derive_key("the new passphrase", new_params)
    new_params.write(crypto.pending_params_path(db))
    con = crypto.connect(db, old_key)
    con.execute(f"PRAGMA rekey = {new_key.pragma_value}")
    con.close()
    with pytest.raises(WrongPassphraseError):
        _open(db, PASS)  # the file no longer opens with the old key
    with _open(db, "the new passphrase") as store:
        assert store.get_household(h.id).label == "Canary family"
    assert not crypto.pending_params_path(db).exists()
    assert crypto.KeyParams.read(crypto.params_path(db)) == new_params


def test_setting_a_first_passphrase_later_encrypts_file_and_backups(tmp_path):
    db = tmp_path / "households.sqlite"
    with Store(f"sqlite:///{db}", clock=Clock()) as store:
        h = _canary_household(store)
        store.backup()
        store.change_passphrase(None, PASS, kdf=KDF)
        assert store.encrypted
        assert store.get_household(h.id).label == "Canary family"
    assert _hits(tmp_path) == {}


def test_restore_on_an_encrypted_store(tmp_path):
    db = tmp_path / "households.sqlite"
    with _open(db) as store:
        h = _canary_household(store)
        store.backup()
        report = store.backup(tmp_path / "backups" / "kept.sqlite")
        store.add_note(h.id, "later")
        store.restore(report.path)
        assert [n.text for n in store.notes(h.id)] == [CANARIES[3]]
    assert _hits(tmp_path) == {}


def test_damaged_key_parameters_get_a_plain_message(tmp_path):
    db = tmp_path / "households.sqlite"
    with _open(db) as store:
        make_household(store)
    crypto.params_path(db).write_text("{not json")
    with pytest.raises(crypto.KeyParamsError, match="missing or damaged"):
        _open(db)


def test_the_shipped_key_derivation_is_rfc_9106s_and_tests_use_a_cheaper_one_only_explicitly():
    assert crypto.DEFAULT_KDF == crypto.KdfParams(time_cost=3, memory_cost=65536, parallelism=4)
    assert crypto.KeyParams.new().kdf == crypto.DEFAULT_KDF
    import inspect

    assert inspect.signature(Store).parameters["kdf"].default is None
