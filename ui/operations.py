"""The one way screens call the core for slow or failing work (Anki's operations pattern).

``ops.run(fn, on_done)`` runs ``fn`` off the UI thread, shows a busy cursor, reports a failure in a
plain-words dialog instead of a traceback, and emits ``changed`` so open views can refresh. Fast
calls may pass ``background=False`` to run inline with the same error handling (tests and the
assessment, which takes milliseconds, use it).
"""

from __future__ import annotations

import logging
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QWidget

from kinship_app.i18n import _

log = logging.getLogger(__name__)


class _Relay(QObject):
    finished = Signal(object, object)  # result, error


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.fn, self.relay = fn, relay

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # reported to the person by the relay, on the UI thread
            log.debug("operation failed: %s", traceback.format_exc())
            self.relay.finished.emit(None, exc)
        else:
            self.relay.finished.emit(result, None)


class Operations(QObject):
    changed = Signal(str)  # what changed, e.g. "household"
    busy_changed = Signal(bool)

    def __init__(self, parent_widget: QWidget | None = None):
        super().__init__(parent_widget)
        self._parent = parent_widget
        self._pool = QThreadPool(self)
        self._relays: set[_Relay] = set()
        self._busy = 0
        self.show_errors = True

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None, *,
            on_error: Callable[[Exception], None] | None = None, changes: str = "",
            background: bool = True) -> None:
        self._set_busy(+1)
        if not background:
            try:
                result = fn()
            except Exception as exc:
                self._finish(None, exc, on_done, on_error, changes)
            else:
                self._finish(result, None, on_done, on_error, changes)
            return
        relay = _Relay()
        self._relays.add(relay)
        relay.finished.connect(
            lambda result, error: (self._relays.discard(relay),
                                   self._finish(result, error, on_done, on_error, changes)),
            Qt.ConnectionType.QueuedConnection)
        self._pool.start(_Job(fn, relay))

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)

    def _finish(self, result: Any, error: Exception | None, on_done, on_error, changes: str) -> None:
        self._set_busy(-1)
        if error is not None:
            if on_error:
                on_error(error)
            else:
                self.report(error)
            return
        if on_done:
            on_done(result)
        if changes:
            self.changed.emit(changes)

    def report(self, error: Exception) -> None:
        """Tell the person what went wrong in words, keep the app running."""
        log.warning("operation failed: %r", error)
        if not self.show_errors:
            return
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Something went wrong"))
        box.setText(_("That did not work."))
        box.setInformativeText(str(error) or error.__class__.__name__)
        box.setAccessibleName(_("Something went wrong"))
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
