"""Disk full, a read-only file, a missing folder or file (guides/RELIABILITY.md): a clear message,
nothing already saved lost, and the store works again once the cause is gone. Also backups made
while the app writes, verified, and restored."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import traceback
import threading
from pathlib import Path

import pytest
from sqlalchemy import event

from kinship_app.store import (
    BackupError, DiskFullError, MissingFileError, MissingFolderError, ReadOnlyError, Store, StoreError,
)
from kinship_app.store import migrate

from store_helpers import Clock, make_household

BIG = "x" * 60_000


def _all_there(store, expected: dict[int, int]) -> None:
    """Every household saved so far is there with every note acknowledged."""
    assert store.integrity_check() == ["ok"]
    for hid, notes in expected.items():
        assert len(store.notes(hid)) == notes


@pytest.fixture
def tmpfs(tmp_path):
    """A real 3 MB filesystem, so 'disk full' is the operating system's own ENOSPC."""
    mnt = tmp_path / "small-disk"
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)],
                                            capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small filesystem here (needs root)")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def _fill_until_full(store, hid: int, expected: dict[int, int]) -> DiskFullError:
    for _ in range(500):
        try:
            store.add_note(hid, BIG)
        except DiskFullError as exc:
            return exc
        expected[hid] += 1
    raise AssertionError("the disk never filled up")


def test_real_disk_full_gives_a_clear_error_and_loses_nothing(tmpfs):
    url = f"sqlite:///{tmpfs / 'households.sqlite'}"
    with Store(url, clock=Clock(), backup_dir=tmpfs) as store:
        h = make_household(store)
        expected = {h.id: 0}
        filler = tmpfs / "filler"
        with filler.open("wb") as f:  # something else fills the disk, leaving a little room
            try:
                while True:
                    f.write(b"\0" * 65536)
            except OSError:
                pass
        filler.write_bytes(filler.read_bytes()[:-400_000])
        err = _fill_until_full(store, h.id, expected)
        assert "disk is full" in str(err) and "safe" in str(err)
        _all_there(store, expected)  # reading still works, nothing lost
        filler.unlink()
        store.add_note(h.id, "after space was freed")
        expected[h.id] += 1
        _all_there(store, expected)
    with Store(url, clock=Clock()) as store:
        _all_there(store, expected)


def test_disk_full_from_a_size_limit(tmp_path):
    """The same SQLITE_FULL path where mounting is not possible: SQLite's max_page_count."""
    url = f"sqlite:///{tmp_path / 'households.sqlite'}"
    with Store(url, clock=Clock()) as store:
        h = make_household(store)
        expected = {h.id: 0}
        limit = {"pages": 60}

        @event.listens_for(store.engine, "connect")
        def _limit(dbapi_conn, record):
            dbapi_conn.execute(f"PRAGMA max_page_count={limit['pages']}")

        store.engine.dispose()
        err = _fill_until_full(store, h.id, expected)
        assert isinstance(err, DiskFullError)
        _all_there(store, expected)
        limit["pages"] = 100_000
        store.add_note(h.id, "after")
        expected[h.id] += 1
        _all_there(store, expected)


def _immutable(path: Path):
    # Root ignores file modes; the immutable attribute stops even root.
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not supported on this filesystem")
    return lambda: subprocess.run(["chattr", "-i", str(path)], check=True)


def _no_write_permission(path: Path):
    path.chmod(0o444)
    return lambda: path.chmod(0o644)


def _read_only_scenario(folder: Path, make_read_only) -> None:
    db = folder / "households.sqlite"
    url = f"sqlite:///{db}"
    with Store(url, clock=Clock()) as store:
        h = make_household(store)
        store.add_note(h.id, "saved before")
    undo = make_read_only(db)
    try:
        store = Store(url, clock=Clock())
        assert store.get_household(h.id).reference == h.reference  # still readable
        with pytest.raises(ReadOnlyError) as err:
            store.add_note(h.id, "refused")
        assert "read-only" in str(err.value) and "Nothing saved was lost" in str(err.value)
    finally:
        undo()
    store.add_note(h.id, "after it became writable again")
    assert [n.text for n in store.notes(h.id)] == ["after it became writable again", "saved before"]
    store.close()


def test_read_only_file_can_be_read_not_changed_and_recovers(tmp_path):
    _read_only_scenario(tmp_path, _immutable if os.geteuid() == 0 else _no_write_permission)


def test_read_only_by_file_permissions_for_an_ordinary_user():
    """Root ignores file modes, so when the suite runs as root, a forked child becomes 'nobody'."""
    if os.geteuid() != 0:
        pytest.skip("the test above already used file permissions")
    folder = Path(tempfile.mkdtemp(prefix="kinship-nobody-"))
    folder.chmod(0o777)
    pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        code = 1
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            _read_only_scenario(folder, _no_write_permission)
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    _pid, status = os.waitpid(pid, 0)
    shutil.rmtree(folder, ignore_errors=True)
    assert os.waitstatus_to_exitcode(status) == 0, "the read-only scenario failed as 'nobody' (see stderr)"


def test_missing_folder_at_start_and_while_open(tmp_path):
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    url = f"sqlite:///{folder / 'households.sqlite'}"
    away = tmp_path / "unplugged"
    with Store(url, clock=Clock()) as store:
        h = make_household(store)
        folder.rename(away)
        with pytest.raises(MissingFolderError) as err:
            store.add_note(h.id, "while unplugged")
        assert str(folder) in str(err.value)
        away.rename(folder)
        store.add_note(h.id, "plugged back in")
    folder.rename(away)
    with pytest.raises(MissingFolderError):
        Store(url, clock=Clock())
    assert not folder.exists()  # nothing was created in its place
    away.rename(folder)
    with Store(url, clock=Clock()) as store:
        assert [n.text for n in store.notes(h.id)] == ["plugged back in"]


def test_file_deleted_while_open_is_not_written_into_the_void(tmp_path):
    db = tmp_path / "households.sqlite"
    with Store(f"sqlite:///{db}", clock=Clock()) as store:
        h = make_household(store)
        backup = store.backup(tmp_path / "b.sqlite")
        db.rename(tmp_path / "moved.sqlite")
        with pytest.raises(MissingFileError):
            store.add_note(h.id, "lost?")
    assert backup.row_counts["households"] == 1


def test_default_location_is_created_and_env_var_wins(tmp_path, monkeypatch):
    from kinship_app.store import default_url

    monkeypatch.setenv("KINSHIP_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert default_url() == "postgresql+psycopg://u@h/db"
    assert default_url("sqlite:///x.sqlite") == "sqlite:///x.sqlite"
    monkeypatch.delenv("KINSHIP_DATABASE_URL")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    url = default_url()
    assert url == f"sqlite:///{tmp_path / 'xdg' / 'kinship-app' / 'households.sqlite'}"
    with Store(clock=Clock()) as store:
        assert store.path == tmp_path / "xdg" / "kinship-app" / "households.sqlite"
        make_household(store)
    assert store.path.exists()
    shutil.rmtree(tmp_path / "xdg")
    with Store(default_url(), clock=Clock()) as store:  # the same, named explicitly (as the GUI does)
        assert store.count_households() == 0


def test_backup_while_writing_is_verified_and_restores(tmp_path):
    db = tmp_path / "households.sqlite"
    url = f"sqlite:///{db}"
    with Store(url, clock=Clock()) as store:
        h = make_household(store)
        stop = threading.Event()
        written = []

        def keep_writing():
            with Store(url, clock=Clock(), worker="other copy") as other:
                while not stop.is_set():
                    other.add_note(h.id, f"n{len(written)}")
                    written.append(1)

        thread = threading.Thread(target=keep_writing)
        thread.start()
        try:
            reports = [store.backup(tmp_path / f"backup-{i}.sqlite") for i in range(5)]
        finally:
            stop.set()
            thread.join()
        assert len(written) > 0
        for report in reports:
            assert migrate.verify_sqlite(Path(report.path), report.row_counts).row_counts == report.row_counts
        assert not list(tmp_path.glob("*.partial"))
        chosen = reports[2]
        store.add_note(h.id, "after the backup")
        restored = store.restore(chosen.path)
        assert restored.row_counts == chosen.row_counts
        assert len(store.notes(h.id)) == chosen.row_counts["notes"]
        assert store.integrity_check() == ["ok"]
        assert list((tmp_path / "backups").glob("before-restore-*.sqlite"))  # what was there is kept
        store.add_note(h.id, "works after restore")


def test_a_damaged_backup_is_refused(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'households.sqlite'}", clock=Clock()) as store:
        make_household(store)
        report = store.backup(tmp_path / "b.sqlite")
        raw = bytearray(Path(report.path).read_bytes())
        raw[5000:9000] = b"\xff" * 4000
        bad = tmp_path / "bad.sqlite"
        bad.write_bytes(bytes(raw))
        with pytest.raises(StoreError):
            store.restore(bad)
        assert store.count_households() == 1


def test_backups_on_a_server_are_the_servers(pg_server):
    url = pg_server.new_database()
    try:
        with Store(url, clock=Clock()) as store:
            with pytest.raises(BackupError) as err:
                store.backup()
            assert "pg_dump" in str(err.value)
    finally:
        pg_server.drop_database(url)


def test_unreachable_server_is_a_clear_error():
    from kinship_app.store import ServerUnavailableError

    with pytest.raises(ServerUnavailableError):
        Store("postgresql+psycopg://postgres@127.0.0.1:1/none", clock=Clock())
