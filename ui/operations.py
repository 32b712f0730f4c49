"""The one way screens call the core for slow or failing work (Anki's operations pattern).

``ops.run(fn, on_done)`` runs ``fn`` off the UI thread and hands its result to ``on_done`` on the UI
thread; the window keeps answering meanwhile. While anything runs, ``busy`` is true, the cursor
shows it and, after a moment (so that quick work does not flicker), the main window shows a
"Working…" indicator. A failure is told in a plain-words dialog (``report``) instead of a
traceback; nothing on screen is cleared, so what the person typed is still there to try again.
When it worked, ``changed`` is emitted with what changed ("household"), so open views refresh.

Work runs on one worker thread, in the order it was asked for: an autosave, then the check it
belongs to, then the page that shows it, can never overtake each other. ``fn`` must not touch
widgets (Qt widgets belong to the UI thread); it gets what it needs from the screen before.
``background=False`` runs ``fn`` at once on the UI thread with the same error handling, for the
few calls that must finish before the next line (a native file dialog's follow-up).

Tests wait for the work with ``qtbot.waitUntil(lambda: not ops.busy)`` or ``ops.wait()``, which runs
the event loop until every result has been handed back (a real condition, never a sleep).
"""

from __future__ import annotations

import logging
import time
import traceback
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QWidget

from kinship_app.i18n import _
from ui.qtnames import Qt

log = logging.getLogger(__name__)


class _Relay(QObject):
    finished = Signal(object, object)  # result, error


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.setAutoDelete(True)
        self.fn, self.relay = fn, relay

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # reported to the person by the relay, on the UI thread
            log.debug("operation failed: %s", traceback.format_exc())
            self.relay.finished.emit(None, exc)
        else:
            self.relay.finished.emit(result, None)


def plain_words(error: BaseException) -> str:
    """What to tell a person about ``error``. The core's own errors (the store's, a case's, a
    letter's) are already written for people; anything else is a fault of ours, and the person
    only needs to know that nothing they saved was harmed and what to do."""
    from kinship_app.case import CaseError

    message = getattr(error, "message", None)
    if isinstance(error, CaseError):
        return f"{error.field}: {error.message}"
    if isinstance(message, str) and message:
        return message
    if isinstance(error, OSError):
        return _("The computer could not do that ({error}). Nothing you saved before was changed. "
                 "Try again; if it happens again, restart the app.").format(error=error.strerror or error)
    return _("Something went wrong in the app. Nothing you saved before was changed, and what you typed "
             "is still on screen. Try again; if it happens again, restart the app.")


class Operations(QObject):
    changed = Signal(str)  # what changed, e.g. "household"
    busy_changed = Signal(bool)
    failed = Signal(str)  # the words shown for a failure

    def __init__(self, parent_widget: QWidget | None = None):
        super().__init__(parent_widget)
        self._parent = parent_widget
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one at a time, in order (see the module)
        self._relays: set[_Relay] = set()
        self._busy = 0
        self._generation = 0
        self.show_errors = True

    @property
    def busy(self) -> bool:
        return self._busy > 0

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None, *,
            on_error: Callable[[Exception], None] | None = None, changes: str = "",
            background: bool = True) -> None:
        self._set_busy(+1)
        generation = self._generation
        if not background:
            try:
                result = fn()
            except Exception as exc:
                log.debug("operation failed: %s", traceback.format_exc())
                self._finish(None, exc, on_done, on_error, changes, generation)
            else:
                self._finish(result, None, on_done, on_error, changes, generation)
            return
        relay = _Relay()
        self._relays.add(relay)
        relay.finished.connect(
            lambda result, error: (self._relays.discard(relay),
                                   self._finish(result, error, on_done, on_error, changes, generation)),
            Qt.ConnectionType.QueuedConnection)
        self._pool.start(_Job(fn, relay))

    def forget_pending(self) -> None:
        """Work already asked for still runs (a save still lands), but its result is not handed to
        the screen that asked: "Hide this screen" must not be refilled a moment later."""
        self._generation += 1

    def wait(self, msecs: int = 30000) -> bool:
        """Run the event loop until all work has finished and its results were handed back (tests,
        and a screen that must not go on before). False if that took longer than ``msecs``."""
        deadline = time.monotonic() + msecs / 1000
        while self._busy:
            if time.monotonic() > deadline:
                return False
            self._pool.waitForDone(20)
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        return True

    def _finish(self, result: Any, error: Exception | None, on_done, on_error, changes: str,
                generation: int) -> None:
        self._set_busy(-1)
        current = generation == self._generation
        if error is not None:
            if on_error and current:
                on_error(error)
            else:
                self.report(error)
            return
        if on_done and current:
            on_done(result)
        if changes:
            self.changed.emit(changes)

    def report(self, error: Exception) -> None:
        """Tell the person what went wrong in words, keep the app running."""
        log.warning("operation failed: %r", error)
        words = plain_words(error)
        self.failed.emit(words)
        if not self.show_errors:
            return
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Something went wrong"))
        box.setText(_("That did not work."))
        box.setInformativeText(words)
        box.setAccessibleName(_("Something went wrong"))
        watch = getattr(self._parent, "watch_for_hide", None)
        if watch:
            watch(box)  # Shift pressed three times still hides everything
        box.exec()

    def _set_busy(self, delta: int) -> None:
        before = self._busy
        self._busy = max(0, self._busy + delta)
        if before == 0 and self._busy:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            self.busy_changed.emit(True)
        elif before and not self._busy:
            QApplication.restoreOverrideCursor()
            self.busy_changed.emit(False)
