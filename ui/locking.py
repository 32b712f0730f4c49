"""Locking the window on a shared laptop (issue 12; the KeePassXC lesson in guides/RELIABILITY.md).

The window locks itself after an idle time (``security/idle_minutes``, default 5) and when the
computer's session is locked or suspended where Qt can tell: ``applicationStateChanged`` to
suspended (every platform Qt reports it on), the desktop's screen saver and the system going to
sleep on Linux (D-Bus ``org.freedesktop.ScreenSaver.ActiveChanged`` and login1's
``PrepareForSleep``), and on Windows the session-lock and suspend messages
(``WM_WTSSESSION_CHANGE`` / ``WM_POWERBROADCAST``). Locked, the window shows only the lock screen
(ui/lock.py) and asks for the passphrase when the saved households have one; the clipboard is
cleared if it holds something this app put there. The screens underneath keep their state, so no
unsaved edit is lost. "Hide this screen" is separate and works as before.

The idle timer is a Qt timer restarted by input reaching the window (an event filter on the
window's QWindow, not on the whole application, which would run Python for every event).
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog

from ui.lock import DEFAULT_IDLE_MINUTES, IDLE_SETTING, idle_minutes  # noqa: F401 (this module's API too)

# Screens that open saved households: the first time, the passphrase choice comes first.
STORE_SCREENS = frozenset({"households", "letters"})
_INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.InputMethod})


class LockController(QObject):
    def __init__(self, window: Any, *, later: Any = None):
        """``later`` (``ui.app.AfterFirstPaint``): watch the application's state once the first frame
        is on screen (its signal carries a Qt enum, built then: ui/qtnames.py); without it, at once."""
        super().__init__(window)
        self.window, self.ctx = window, window.ctx
        self.locked = False
        self._after: str | None = None
        self._screen: Any = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(lambda: self.lock("idle"))
        self.apply_settings()
        app = QGuiApplication.instance()
        if app is not None:
            if later is not None:
                later.add(self._watch_state)
            else:
                self._watch_state()
            clipboard = QGuiApplication.clipboard()
            if clipboard is not None:
                clipboard.dataChanged.connect(_note_clipboard)
        # D-Bus is loaded a moment after start-up, off the path to the first painted screen.
        QTimer.singleShot(1000, self._watch_session)

    # -- settings, input ----------------------------------------------------------------------------

    def apply_settings(self) -> None:
        self.timer.setInterval(idle_minutes(self.ctx) * 60_000)
        if not self.locked:
            self.timer.start()

    def watch(self, handle: Any) -> None:
        """Count input reaching this QWindow (the main window's, or a dialog's) as activity."""
        if handle is not None:
            handle.installEventFilter(self)

    def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 (Qt API)
        if event.type() in _INPUT and not self.locked:
            self.timer.start()
        return False

    # -- the lock screen ---------------------------------------------------------------------------

    def screen(self) -> Any:
        if self._screen is None:
            from ui.lock import LockScreen

            self._screen = LockScreen(self.ctx, self.window.ops)
            self._screen.unlocked.connect(self._unlocked)
            self.window.stack.addWidget(self._screen)
        return self._screen

    def start(self) -> bool:
        """At start-up: True (and the unlock page shown) when the saved households need a passphrase."""
        if self.ctx.needs_unlock():
            self._show("unlock", "start", after="start")
            return True
        return False

    def intercept(self, key: str) -> bool:
        """``show_screen`` asks first: True while locked, or when ``key`` needs the first-run choice."""
        if self.locked:
            self._cover()
            return True
        if key in STORE_SCREENS and self.ctx.needs_setup():
            self._show("setup", "start", after=key)
            return True
        return False

    def _store_if_open(self) -> Any:
        return getattr(self.ctx, "_store", None)

    def lock(self, reason: str = "manual") -> None:
        if self.locked or self.window.is_hidden_screen():
            return
        store = self._store_if_open()
        self._signed_in = getattr(store, "account", None)
        if store is not None and getattr(store, "has_accounts", False):
            # An organisation's store: whoever comes back signs in with their own PIN or passphrase.
            from contextlib import suppress

            with suppress(Exception):
                store.sign_out()
            mode = "sign_in"
        else:
            mode = "unlock" if self.ctx.is_protected() else "resume"
        self._show(mode, reason, after=self.window.current_key() or "start")

    def _show(self, mode: str, reason: str, after: str) -> None:
        self.locked = True
        self._after = after
        self.timer.stop()
        self._close_dialogs()
        clear_own_clipboard()
        screen = self.screen()
        screen.show_mode(mode, reason)
        self._cover()

    def _cover(self) -> None:
        w = self.window
        w.topbar.hide()
        w.footer.hide()
        w.stack.setCurrentWidget(self.screen())
        w.setWindowTitle(w.app_title.text())  # the app's name only: never a screen's or a family's

    def _close_dialogs(self) -> None:
        app = QApplication.instance()
        if app is None:
            return
        for widget in app.topLevelWidgets():
            if widget is not self.window and widget.isVisible() and isinstance(widget, QDialog):
                widget.reject()

    def _unlocked(self) -> None:
        store = self._store_if_open()
        if store is not None and getattr(store, "has_accounts", False) and store.account is None:
            self.screen().show_mode("sign_in", "start")  # the file is open: now who is using it
            return
        previous, self._signed_in = getattr(self, "_signed_in", None), None
        account = getattr(store, "account", None) if store is not None else None
        if previous is not None and account is not None and previous.id != account.id:
            # Someone else signed in: nothing the last worker had open stays on screen.
            for widget in self.window.built_screens().values():
                clear = getattr(widget, "clear_sensitive", None)
                if clear:
                    clear()
            self._after = "start"
            self.window._current = ""
        self.locked = False
        w = self.window
        w.topbar.show()
        w.footer.show()
        after, self._after = self._after or "start", None
        built = w.built_screens().get(after)
        if built is not None and after == w.current_key():
            # Back to exactly what was on screen, with whatever was typed still there.
            w.stack.setCurrentWidget(built)
            w._update_title()
        else:
            w._current = ""
            w.show_screen(after)
        self.timer.start()
        self.window.account_changed(account)

    # -- the computer's session ----------------------------------------------------------------------

    def _watch_state(self) -> None:
        app = QGuiApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self._on_state)

    def _on_state(self, state: Any) -> None:
        from PySide6.QtCore import Qt

        if state == Qt.ApplicationState.ApplicationSuspended:
            self.lock("session")

    @Slot(bool)
    def session_locked(self, active: bool) -> None:
        if active:
            self.lock("session")

    def _watch_session(self) -> None:
        if sys.platform.startswith("linux"):
            try:
                from PySide6.QtCore import SLOT
                from PySide6.QtDBus import QDBusConnection
            except ImportError:  # pragma: no cover - QtDBus is part of PySide6-Essentials
                return
            for bus, service, path, interface, name in (
                    (QDBusConnection.sessionBus(), "", "/org/freedesktop/ScreenSaver",
                     "org.freedesktop.ScreenSaver", "ActiveChanged"),
                    (QDBusConnection.systemBus(), "org.freedesktop.login1", "/org/freedesktop/login1",
                     "org.freedesktop.login1.Manager", "PrepareForSleep")):
                if bus.isConnected():
                    bus.connect(service, path, interface, name, self, SLOT("session_locked(bool)"))
        elif sys.platform == "win32":  # pragma: no cover - not run on the Linux build machine
            self._native = _WindowsSessionFilter(self)
            QApplication.instance().installNativeEventFilter(self._native)


_copied_here: list[str] = []


def _note_clipboard() -> None:
    # Where the platform cannot say who owns the clipboard (ownsClipboard is false on some), text
    # that arrived while one of our windows had the keyboard is taken to be copied from the app.
    clipboard = QGuiApplication.clipboard()
    if clipboard is not None and QGuiApplication.focusWindow() is not None:
        _copied_here[:] = [clipboard.text()]


def clear_own_clipboard() -> bool:
    """Empty the clipboard if this app put what is on it there (a name or a note copied from a
    record); what another program copied is left alone."""
    clipboard = QGuiApplication.clipboard()
    if clipboard is None:
        return False
    text = clipboard.text()
    ours = clipboard.ownsClipboard() or (bool(text) and text in _copied_here)
    if not ours:
        return False
    clipboard.clear()
    _copied_here.clear()
    return True


if sys.platform == "win32":  # pragma: no cover - not run on the Linux build machine
    from PySide6.QtCore import QAbstractNativeEventFilter

    class _WindowsSessionFilter(QAbstractNativeEventFilter):
        WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK = 0x02B1, 0x7
        WM_POWERBROADCAST, PBT_APMSUSPEND = 0x0218, 0x4

        def __init__(self, controller: LockController):
            super().__init__()
            self.controller = controller
            import ctypes

            try:
                ctypes.windll.wtsapi32.WTSRegisterSessionNotification(int(controller.window.winId()), 0)
            except (AttributeError, OSError):
                pass

        def nativeEventFilter(self, event_type: Any, message: Any) -> tuple[bool, int]:  # noqa: N802
            import ctypes.wintypes

            msg = ctypes.wintypes.MSG.from_address(int(message))
            if (msg.message == self.WM_WTSSESSION_CHANGE and msg.wParam == self.WTS_SESSION_LOCK) or (
                    msg.message == self.WM_POWERBROADCAST and msg.wParam == self.PBT_APMSUSPEND):
                self.controller.lock("session")
            return False, 0
