"""At rest (RELIABILITY.md): with a passphrase set, known test strings are found 0 times in any file
the app writes (the database, its -wal and -shm, backups, settings, temporary files, anything under
the home folder) before and after erase, and every file is 0600 and every folder 0700, created
that way. The real app runs on a temporary home, data and temp folder under a desktop-like umask."""

from __future__ import annotations

import datetime as dt
import os
import stat
import tempfile

import pytest
from test_households_helpers import visible_text

from kinship_app.store import crypto

CANARIES = ("Wilhelmina Gooseberry", "Peregrine Gooseberry", "17 Kestrel Mews", "NOTE-CANARY-8093",
            "Leeds Kinship Panel 4471")
PASS = "kestrel over the mews"


def _hits(root) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for canary in CANARIES:
                for form in (canary.encode(), canary.lower().encode(), canary.encode("utf-16-le")):
                    if form in data:
                        found.setdefault(str(path.relative_to(root)), []).append(canary)
                        break
    return found


@pytest.fixture
def home(tmp_path, monkeypatch):
    for name in ("home", "tmp"):
        (tmp_path / name).mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    old = os.umask(0o022)
    yield tmp_path
    os.umask(old)


def test_nothing_readable_anywhere_the_app_writes_before_and_after_erase(qtbot, ctx, home, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from kinship_app.store import CarerRecord, ChildRecord

    from ui.main_window import MainWindow
    from ui.screens.households_screenshots import SAMPLE_FACTS

    ctx.set_setting("appearance/text_size", 125)  # settings.ini written
    store = ctx.set_up_security(PASS)
    h = store.create_household(
        council="E08000035", label="Family",
        carers=[CarerRecord(name=CANARIES[0], address=(CANARIES[2], "Leeds"), phone="0113 496 0000")],
        children=[ChildRecord(name=CANARIES[1], date_of_birth=dt.date(2017, 3, 27), facts=SAMPLE_FACTS)])
    store.reassess(h.children[0].id, dt.date(2026, 11, 22))
    store.add_note(h.id, CANARIES[3])
    store.record_letter(h.id, "sg_support_assessment", issued_on=dt.date(2026, 11, 22), recipient=CANARIES[4])
    store.save_progress(h.id, {"relationship": "grandparent"}, "days", expected_version=0)
    store.backup()
    w = MainWindow(ctx)
    w.ops.show_errors = False
    qtbot.addWidget(w)
    w.show()
    screen = w.show_screen("households")
    screen.open_household(h.id)
    qtbot.waitUntil(lambda: CANARIES[0] in visible_text(w), timeout=10000)
    w.ops.wait(5000)
    # the household exported, as a person would, into their Documents folder (outside the data folder)
    documents = home / "home" / "Documents"
    documents.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(documents / "family"), ""))
    screen.export_household()
    qtbot.keyClicks(screen.export_dialog.passphrase, "export passphrase here")
    qtbot.keyClicks(screen.export_dialog.again, "export passphrase here")
    screen.export_dialog.save.click()
    w.ops.wait(10000)
    export = documents / "family.kinship"
    assert export.exists() and stat.S_IMODE(export.stat().st_mode) == 0o600
    assert _hits(home) == {}, "before erase"
    report = store.erase_household(h.id)
    assert report.pending == "" and report.backups_rewritten == 1
    ctx.close_store()
    assert _hits(home) == {}, "after erase"
    # every file private, every folder private: made so, not changed afterwards
    data = ctx.data_dir
    seen = []
    for path in [data, *data.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        seen.append(path.name)
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path.relative_to(home)} is {oct(mode)}"
    assert "settings.ini" in seen and "backups" in seen and crypto.PARAMS_SUFFIX.lstrip(".") in " ".join(seen)
    w.close()
