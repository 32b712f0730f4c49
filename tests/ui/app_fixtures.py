"""The app window on a temporary data folder, for the GUI tests (tests/ui, tests/i18n)."""

import datetime as dt

import pytest

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def ctx(tmp_path, monkeypatch):
    from ui.context import DATABASE_ENV_VAR, AppContext

    monkeypatch.delenv(DATABASE_ENV_VAR, raising=False)  # never a real shared database in tests

    context = AppContext(tmp_path / "data", today=lambda: TODAY)
    # These tests start from an app whose first-run passphrase choice was made (tests/ui/test_lock.py
    # tests the choice itself); key derivation at test cost only.
    context.skip_security_setup = True
    from kinship_app.store.crypto import TEST_KDF

    context.kdf = TEST_KDF
    return context


@pytest.fixture
def window(qtbot, ctx):
    from ui.main_window import MainWindow

    w = MainWindow(ctx)
    w.ops.show_errors = False
    w.apply_appearance()
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    qtbot.waitExposed(w)
    yield w
    from kinship_app.i18n import set_language

    set_language("en")
    w.close()
    w.deleteLater()
    from PySide6.QtCore import QCoreApplication, QEvent

    # Windows left alive would be re-polished by every later test's style sheet.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
