"""Erase means gone (issue 12): the file, its WAL and SHM and every backup, plain or encrypted; a
reader in another copy of the app makes erase wait at most a few seconds, say what it waits for and
finish later. Times here are limits on waiting, never assertions about how long anything took."""

from __future__ import annotations

import pytest

from kinship_app.store import Store, crypto, migrate

from store_helpers import Clock, carer, child

CANARIES = ("Philomena Thistlewood", "Barnaby Thistlewood", "9 Wyvern Terrace", "NOTE-CANARY-5521")
KEEP = "Ottoline Keepsake"


def _hits(folder) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for canary in CANARIES:
                if canary.encode() in data or canary.lower().encode() in data:
                    found.setdefault(path.name, []).append(canary)
    return found


def _fill(store: Store):
    keep = store.create_household(label="Kept", carers=[carer(KEEP)], children=[child("Kept Child")])
    gone = store.create_household(label="Erased family", carers=[carer(CANARIES[0], address=(CANARIES[2], "Leeds"))],
                                  children=[child(CANARIES[1])])
    store.add_note(gone.id, CANARIES[3])
    store.reassess(gone.children[0].id, __import__("datetime").date(2026, 11, 22))
    return keep, gone


@pytest.mark.parametrize("passphrase", [None, "erase test passphrase"], ids=["plain", "encrypted"])
def test_erase_leaves_no_trace_in_the_file_its_log_or_any_backup(tmp_path, passphrase):
    db = tmp_path / "households.sqlite"
    store = Store(f"sqlite:///{db}", clock=Clock(), passphrase=passphrase, kdf=crypto.TEST_KDF)
    keep, gone = _fill(store)
    store.backup(tmp_path / "backups" / "one.sqlite")
    store.add_note(keep.id, "later")
    store.backup(tmp_path / "backups" / "two.sqlite")
    if passphrase is None:
        assert _hits(tmp_path)  # the canaries really were written, in plain text
    waits: list[str] = []
    report = store.erase_household(gone.id, on_wait=waits.append)
    assert report.pending == "" and report.wal_cleared and report.backups_rewritten == 2
    assert waits == []  # nobody else was reading: no waiting
    assert _hits(tmp_path) == {}
    # the backups are still whole, verified backups of everything else
    for name in ("one.sqlite", "two.sqlite"):
        backup = tmp_path / "backups" / name
        counts = migrate.verify_sqlite(backup, key=store._key).row_counts
        assert counts["households"] == 1
        with Store(f"sqlite:///{backup}", clock=Clock(), passphrase=passphrase, backup_dir=tmp_path / "x") as b:
            assert [h.carer_names for h in b.list_households()] == [(KEEP,)]
    assert [h.id for h in store.list_households()] == [keep.id]
    store.close()
    assert _hits(tmp_path) == {}
    assert not list(tmp_path.rglob("*.erasing"))


def test_a_reader_in_another_copy_makes_erase_wait_briefly_say_why_and_finish_later(tmp_path):
    db = tmp_path / "households.sqlite"
    store = Store(f"sqlite:///{db}", clock=Clock(), passphrase="erase test passphrase", kdf=crypto.TEST_KDF)
    _keep, gone = _fill(store)
    reader = crypto.connect(db, store._key)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM carers").fetchone()  # another copy, mid-read: an old snapshot
    waits: list[str] = []
    report = store.erase_household(gone.id, wait_seconds=0.3, on_wait=waits.append)
    assert report.rows_deleted > 0 and not report.wal_cleared
    assert "Waiting for another copy of the app" in waits[0]
    assert "Waiting for another copy of the app" in report.pending
    assert store.search("philomena") == []  # gone from every screen at once
    reader.execute("COMMIT")
    reader.close()
    done = store.finish_erasing(wait_seconds=0.3)
    assert done.pending == "" and done.wal_cleared
    store.close()
    # (the file is encrypted: the real check is that the log is empty and the pages were rewritten)
    assert not (tmp_path / "households.sqlite-wal").exists() or (tmp_path / "households.sqlite-wal").stat().st_size == 0


def test_an_unfinished_erasure_is_finished_when_the_store_next_opens(tmp_path, monkeypatch):
    from kinship_app.store import erase

    db = tmp_path / "households.sqlite"
    store = Store(f"sqlite:///{db}", clock=Clock())
    _keep, gone = _fill(store)
    store.backup(tmp_path / "backups" / "one.sqlite")

    def unreachable(*args, **kwargs):
        raise OSError(5, "Input/output error (the USB stick was pulled out)")

    monkeypatch.setattr(erase, "rewrite_backup", unreachable)
    report = store.erase_household(gone.id, wait_seconds=0.2)
    assert "could not be rewritten without the erased household yet" in report.pending
    assert "one.sqlite" in report.pending
    assert _hits(tmp_path / "backups")  # still in the backup for now
    store.close()
    monkeypatch.undo()
    with Store(f"sqlite:///{db}", clock=Clock()) as again:  # opening finishes it
        assert again.finish_erasing(wait_seconds=0.2).pending == ""
    assert _hits(tmp_path) == {}
