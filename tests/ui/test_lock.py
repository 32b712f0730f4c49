"""The lock screen as a person meets it (issue 12): the first-run passphrase choice, unlocking at
start, the idle and session locks (nothing about a family on screen, the clipboard cleared, nothing
typed lost) and the carer's no-passphrase choice. No test waits for real time: the idle timer's
timeout is fired directly and its interval read."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from test_households_helpers import button, click, visible_text

from kinship_app.store import crypto

PASS = "plum tree at dusk"


def _window(qtbot, ctx):
    from ui.main_window import MainWindow

    w = MainWindow(ctx)
    w.ops.show_errors = False
    w.ops.errors = []
    w.ops.report = w.ops.errors.append
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    qtbot.waitExposed(w)
    return w


def _type(qtbot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.clear()
    qtbot.keyClicks(field, text)


def _lock_screen(window):
    return window.locking.screen()


def _make_household(store) -> int:
    from kinship_app.store import CarerRecord, ChildRecord

    from ui.screens.households_screenshots import SAMPLE_FACTS

    h = store.create_household(council="E08000035",
                               carers=[CarerRecord(name="Margaret Ellis", address=("12 Mill Lane", "Leeds"))],
                               children=[ChildRecord(name="Ellis Ward", date_of_birth=dt.date(2017, 3, 27),
                                                     facts=SAMPLE_FACTS)])
    return h.id


@pytest.fixture
def fresh_ctx(ctx):
    ctx.skip_security_setup = False  # the app as first opened: nobody has chosen yet
    return ctx


def test_first_use_of_saved_households_asks_for_a_passphrase_and_creates_an_encrypted_store(qtbot, fresh_ctx):
    w = _window(qtbot, fresh_ctx)
    click(qtbot, w._nav["households"])
    lock = _lock_screen(w)
    assert w.stack.currentWidget() is lock
    text = visible_text(lock)
    assert "Protect the saved households" in text
    assert "Use a passphrase (recommended)" in text and "No passphrase" in text
    assert "Only if this computer is yours alone" in text
    click(qtbot, button(lock, "Continue"))
    assert "Choose whether to use a passphrase" in visible_text(lock)
    lock.choice.rows["passphrase"].radio.click()
    _type(qtbot, lock.passphrase, PASS)
    _type(qtbot, lock.confirm, PASS + "x")
    click(qtbot, button(lock, "Continue"))
    assert "The two passphrases are not the same" in visible_text(lock)
    _type(qtbot, lock.passphrase, "short")
    _type(qtbot, lock.confirm, "short")
    click(qtbot, button(lock, "Continue"))
    assert "at least 8 characters" in visible_text(lock)
    _type(qtbot, lock.passphrase, PASS)
    _type(qtbot, lock.confirm, PASS)
    click(qtbot, button(lock, "Continue"))
    qtbot.waitUntil(lambda: w.current_key() == "households" and w.stack.currentWidget() is w.screen("households"),
                    timeout=10000)
    assert w.topbar.isVisible()
    path = fresh_ctx.sqlite_file()
    assert crypto.file_kind(path) == "encrypted" and fresh_ctx.is_protected()
    assert fresh_ctx.settings.value("security/choice") == "passphrase"
    assert w.ops.errors == []


def test_a_carer_may_choose_no_passphrase_but_an_organisation_may_not(qtbot, fresh_ctx):
    w = _window(qtbot, fresh_ctx)
    click(qtbot, w._nav["households"])
    lock = _lock_screen(w)
    lock.choice.rows["none"].radio.click()
    assert not lock.passphrase.isVisible()
    click(qtbot, button(lock, "Continue"))
    qtbot.waitUntil(lambda: w.current_key() == "households", timeout=10000)
    assert not fresh_ctx.is_protected()
    assert fresh_ctx.settings.value("security/choice") == "none"


def test_an_organisation_is_never_offered_no_passphrase(qtbot, fresh_ctx):
    fresh_ctx.set_setting("security/workspace", "organisation")
    w = _window(qtbot, fresh_ctx)
    click(qtbot, w._nav["households"])
    lock = _lock_screen(w)
    text = visible_text(lock)
    assert "always need a passphrase" in text
    assert "No passphrase" not in text
    assert lock.passphrase.isVisible() and lock.confirm.isVisible()
    with pytest.raises(crypto.PassphraseRequiredError):
        fresh_ctx.set_up_security(None)


def _protected(ctx) -> int:
    store = ctx.set_up_security(PASS)
    hid = _make_household(store)
    ctx.close_store()
    ctx._passphrase = None
    return hid


def test_a_protected_store_opens_locked_and_a_wrong_passphrase_says_so(qtbot, ctx):
    _protected(ctx)
    w = _window(qtbot, ctx)
    lock = _lock_screen(w)
    assert w.stack.currentWidget() is lock and not w.topbar.isVisible()
    assert "Unlock saved households" in visible_text(lock)
    _type(qtbot, lock.passphrase, "plum tree at dawn")
    click(qtbot, button(lock, "Unlock"))
    qtbot.waitUntil(lambda: "does not open these saved households" in visible_text(lock), timeout=10000)
    assert w.stack.currentWidget() is lock and lock.passphrase.text() == ""
    _type(qtbot, lock.passphrase, PASS)
    qtbot.keyClick(lock.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.current_key() == "start" and w.topbar.isVisible(), timeout=10000)
    # while it was locked, nothing could open the households behind the lock
    assert w.ops.errors == []


def test_idle_lock_hides_every_record_clears_our_clipboard_and_keeps_what_was_typed(qtbot, ctx):
    hid = _protected(ctx)
    ctx.unlock(PASS)
    w = _window(qtbot, ctx)
    screen = w.show_screen("households")
    screen.open_household(hid)
    qtbot.waitUntil(lambda: "Margaret Ellis" in visible_text(w), timeout=10000)
    search = screen.list_page.findChild(QLineEdit)
    if search is not None:
        search.setText("half-typed search")
    QGuiApplication.clipboard().setText("Margaret Ellis, 12 Mill Lane")
    assert w.locking.timer.interval() == 5 * 60_000 and w.locking.timer.isActive()
    w.locking.timer.timeout.emit()  # five idle minutes, without waiting for them
    assert w.locking.locked
    shown = visible_text(w)
    assert "Margaret" not in shown and "Ellis" not in shown and "Mill Lane" not in shown
    assert "nobody used it for a while" in shown
    assert w.windowTitle() == "Kinship care helper"
    assert QGuiApplication.clipboard().text() == ""
    grab = w.grab()  # what is actually painted: the lock page only
    assert not grab.isNull()
    # the timer stays off while locked; navigation is refused until unlocked
    assert not w.locking.timer.isActive()
    w.show_screen("households")
    assert w.stack.currentWidget() is _lock_screen(w)
    lock = _lock_screen(w)
    _type(qtbot, lock.passphrase, PASS)
    click(qtbot, button(lock, "Unlock"))
    qtbot.waitUntil(lambda: not w.locking.locked, timeout=10000)
    assert w.stack.currentWidget() is screen and "Margaret Ellis" in visible_text(w)
    if search is not None:
        assert search.text() == "half-typed search"
    assert w.locking.timer.isActive()


def test_the_lock_closes_an_open_export_dialog_and_forgets_its_passphrase(qtbot, ctx):
    from shiboken6 import isValid

    hid = _protected(ctx)
    ctx.unlock(PASS)
    w = _window(qtbot, ctx)
    screen = w.show_screen("households")
    screen.open_household(hid)
    qtbot.waitUntil(lambda: "Margaret Ellis" in visible_text(w), timeout=10000)
    click(qtbot, button(screen, "Export this household…"))
    dialog = screen.export_dialog
    qtbot.waitExposed(dialog)
    field = dialog.passphrase
    qtbot.keyClicks(field, "half typed secret")
    w.locking.timer.timeout.emit()
    assert w.locking.locked
    QApplication.processEvents()
    assert not isValid(dialog) or (not dialog.isVisible() and field.text() == "")
    assert not [d for d in QApplication.topLevelWidgets() if d.objectName() == "export_dialog" and d.isVisible()]


def test_the_clipboard_of_another_program_is_left_alone(qtbot, ctx):
    from ui.locking import clear_own_clipboard

    from ui import locking

    w = _window(qtbot, ctx)
    w.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is not None, timeout=5000)
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("ours")
    QApplication.processEvents()
    assert clear_own_clipboard() and clipboard.text() == ""
    assert not clear_own_clipboard()  # nothing of ours there now
    # Text another program copied while the app did not have the keyboard stays.
    locking._copied_here.clear()
    if clipboard.ownsClipboard():
        pytest.skip("this platform reports ownership: text set here is always ours")
    w.locking._close_dialogs()
    clipboard.blockSignals(True)
    clipboard.setText("someone else's")
    clipboard.blockSignals(False)
    assert not clear_own_clipboard() and clipboard.text() == "someone else's"


def test_idle_time_is_a_setting_and_input_restarts_the_timer(qtbot, ctx):
    ctx.set_setting("security/idle_minutes", 2)
    w = _window(qtbot, ctx)
    assert w.locking.timer.interval() == 2 * 60_000
    ctx.set_setting("security/idle_minutes", "nonsense")
    w.locking.apply_settings()
    assert w.locking.timer.interval() == 5 * 60_000
    w.locking.timer.stop()
    handle = w.windowHandle()
    event = QMouseEvent(QEvent.Type.MouseMove, QPointF(5, 5), QPointF(5, 5), Qt.MouseButton.NoButton,
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(handle, event)
    assert w.locking.timer.isActive()


def test_session_lock_and_suspend_lock_the_window_and_a_carer_without_passphrase_carries_on(qtbot, ctx):
    w = _window(qtbot, ctx)
    w.locking.session_locked(False)
    assert not w.locking.locked
    w.locking.session_locked(True)  # the desktop's screen saver / lock came on
    assert w.locking.locked
    lock = _lock_screen(w)
    assert "computer was locked or went to sleep" in visible_text(lock)
    click(qtbot, button(lock, "Carry on"))
    assert not w.locking.locked and w.current_key() == "start"
    w.locking._on_state(Qt.ApplicationState.ApplicationSuspended)
    assert w.locking.locked


def test_hide_this_screen_still_works_and_does_not_bypass_the_lock(qtbot, ctx):
    _protected(ctx)
    ctx.unlock(PASS)
    w = _window(qtbot, ctx)
    w.locking.lock("idle")
    w.hide_screen()
    assert w.stack.currentWidget() is w.hidden_screen
    w.unhide()
    assert w.stack.currentWidget() is _lock_screen(w)


def test_an_organisation_signs_in_per_worker_and_the_coordinator_reads_the_audit_log(qtbot, ctx):
    from PySide6.QtWidgets import QTableWidget

    ctx.set_setting("security/workspace", "organisation")
    store = ctx.set_up_security(PASS)
    store.create_account("Rosa", "coordinator", "coordinator passphrase")
    asha = store.create_account("Asha", "worker", "424242", kind="pin")
    leeds = store.create_caseload("Leeds")
    store.share_caseload(leeds.id, asha.id)
    hid = _make_household(store)
    store.move_household(hid, leeds.id)
    store.sign_out()
    w = _window(qtbot, ctx)
    w.locking.lock("idle")
    lock = _lock_screen(w)
    assert "Sign in" in visible_text(lock) and lock.name.isVisible()
    _type(qtbot, lock.name, "Asha")
    _type(qtbot, lock.passphrase, "000000")
    click(qtbot, button(lock, "Sign in"))
    qtbot.waitUntil(lambda: "do not match an account" in visible_text(lock), timeout=10000)
    _type(qtbot, lock.name, "Asha")
    _type(qtbot, lock.passphrase, "424242")
    click(qtbot, button(lock, "Sign in"))
    qtbot.waitUntil(lambda: not w.locking.locked, timeout=10000)
    assert ctx.store().account.name == "Asha"
    assert not w._nav["team"].isVisible()  # a worker has no Team screen
    screen = w.show_screen("households")
    screen.open_household(hid)
    qtbot.waitUntil(lambda: "Margaret Ellis" in visible_text(w), timeout=10000)
    # Idle: Asha walks away; Rosa signs in: nothing of Asha's screen is left.
    w.locking.timer.timeout.emit()
    assert ctx.store().account is None
    _type(qtbot, lock.name, "Rosa")
    _type(qtbot, lock.passphrase, "coordinator passphrase")
    click(qtbot, button(lock, "Sign in"))
    qtbot.waitUntil(lambda: not w.locking.locked, timeout=10000)
    assert w.current_key() == "start" and "Margaret Ellis" not in visible_text(w)
    assert w._nav["team"].isVisible()
    team = w.show_screen("team")
    qtbot.waitUntil(lambda: "complete and unaltered" in visible_text(team), timeout=10000)
    log = team.findChild(QTableWidget, "audit_log")
    rows = [[log.item(r, c).text() for c in range(4)] for r in range(log.rowCount())]
    assert ["Asha", "viewed household"] in [[r[1], r[3]] for r in rows]
    assert all("Margaret" not in " ".join(r) for r in rows)
    workers = team.workers
    names = [workers.item(r, 0).text() for r in range(workers.rowCount())]
    assert "Asha" in names and not any("kinship_worker_" in n for n in names)  # no server: no logins
    # On a shared server the coordinator sees each worker's own database login (README).
    store = ctx.store()
    team._show({"accounts": store.accounts(), "caseloads": store.caseloads(), "audit": [],
                "chain": store.verify_audit(), "first": False, "server": True})
    names = [workers.item(r, 0).text() for r in range(workers.rowCount())]
    assert f"Asha (kinship_worker_{asha.id})" in names and "Rosa" in names
    assert w.ops.errors == []


def test_settings_change_the_passphrase_and_the_idle_time(qtbot, ctx):
    hid = _protected(ctx)
    ctx.unlock(PASS)
    ctx.store().backup()
    w = _window(qtbot, ctx)
    settings = w.show_screen("settings")
    sec = settings.security
    assert sec.idle.value() == 5
    sec.idle.setValue(12)
    assert ctx.setting("security/idle_minutes", 5) == 12 and w.locking.timer.interval() == 12 * 60_000
    old, new, again = (field for _lab, field in sec.fields)
    _type(qtbot, old, "not the passphrase")
    _type(qtbot, new, "a fresh new passphrase")
    _type(qtbot, again, "a fresh new passphrase")
    click(qtbot, button(settings, "Change the passphrase"))
    qtbot.waitUntil(lambda: "does not open these saved households" in visible_text(settings), timeout=10000)
    _type(qtbot, old, PASS)
    _type(qtbot, new, "a fresh new passphrase")
    _type(qtbot, again, "a fresh new passphrase")
    click(qtbot, button(settings, "Change the passphrase"))
    qtbot.waitUntil(lambda: "The passphrase was changed" in visible_text(settings), timeout=10000)
    ctx.close_store()
    ctx._passphrase = None
    with pytest.raises(crypto.WrongPassphraseError):
        ctx.unlock(PASS)
    assert ctx.unlock("a fresh new passphrase").get_household(hid).carers[0].name == "Margaret Ellis"
    for backup in ctx.store().backup_files():
        assert crypto.opens_with(backup, ctx.store()._key)
    click(qtbot, button(settings, "Lock now"))
    assert w.locking.locked
