"""Shared fixtures and checks for the households, support and letters screen tests.

Everything real: the AppContext of tests/ui/conftest.py, whose data folder is under ``tmp_path``
(settings, the SQLite store and a charity's directory files all land there), the real Store, the
real operations helper. Only the operating system's dialogs (file and print) are replaced, in the
tests that need them.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel, QPushButton, QWidget

from ui.screens.households_screenshots import SAMPLE_FACTS, TODAY

SGO_FACTS = SAMPLE_FACTS


@pytest.fixture
def store(ctx):
    """The real store in the test's data folder (``ctx`` comes from tests/ui/conftest.py)."""
    yield ctx.store()
    ctx.close_store()


@pytest.fixture
def ops(qtbot):
    """The real operations helper; a failure is kept (and fails the test) instead of a dialog."""
    from ui.operations import Operations

    helper = Operations()
    helper.errors = []
    helper.report = helper.errors.append
    _LOOSE_OPS.append(helper)
    yield helper
    _LOOSE_OPS.remove(helper)
    helper.wait()
    assert helper.errors == [], f"an operation failed: {helper.errors!r}"


_LOOSE_OPS: list = []  # operations helpers with no window (the ``ops`` fixture's)


def _all_ops() -> list:
    from ui.operations import Operations

    found = list(_LOOSE_OPS)
    for top in QApplication.topLevelWidgets():
        found += top.findChildren(Operations)
    return found


def busy() -> bool:
    return any(o.busy for o in _all_ops())


def settle(qtbot=None) -> None:
    """Wait until the work the screens asked for (off the UI thread) has finished and been shown."""
    if qtbot is not None:
        qtbot.waitUntil(lambda: not busy(), timeout=30000)
    else:
        for o in _all_ops():
            assert o.wait(), "an operation did not finish"


@pytest.fixture
def household(store):
    """Margaret Ellis, special guardian of her grandson Ellis Ward in Leeds, checked once."""
    from kinship_app.store import CarerRecord, ChildRecord

    record = store.create_household(
        council="E08000035",
        carers=[CarerRecord(name="Margaret Ellis", address=("12 Mill Lane", "Leeds", "LS6 2AB"))],
        children=[ChildRecord(name="Ellis Ward", date_of_birth=dt.date(2017, 3, 27), facts=SGO_FACTS)])
    store.reassess(record.children[0].id, TODAY)
    return store.get_household(record.id)


def visible_text(widget: QWidget) -> str:
    """All the words a sighted person can see in ``widget`` (labels and buttons that are shown)."""
    settle()  # what the screens are still fetching or saving is shown first
    QApplication.processEvents()  # widgets added to a shown page appear on the next turn of the loop
    words = []
    for child in widget.findChildren(QWidget):
        if not child.isVisibleTo(widget):
            continue
        if isinstance(child, QLabel):
            doc = child.text()
            if child.textFormat() == Qt.TextFormat.RichText or "<" in doc:
                from PySide6.QtGui import QTextDocument

                d = QTextDocument()
                d.setHtml(doc)
                doc = d.toPlainText()
            words.append(doc)
        elif isinstance(child, QPushButton):
            words.append(child.text())
    return "\n".join(words)


def button(widget: QWidget, text: str) -> QPushButton:
    """The one visible button with exactly this text."""
    settle()
    QApplication.processEvents()
    found = [b for b in widget.findChildren(QPushButton) if b.text() == text and b.isVisibleTo(widget)]
    assert len(found) == 1, f"{len(found)} visible buttons say {text!r}"
    return found[0]


def click(qtbot, b) -> None:
    settle(qtbot)  # a page still being read appears before anything on it is clicked
    QApplication.processEvents()
    assert b.isVisible(), f"{b.text()!r} is not on screen"
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
    settle(qtbot)


def answer_next_dialog(text: str) -> None:
    """Click the button saying ``text`` on the next modal dialog (Qt's own message boxes)."""
    def press():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, press)
            return
        for b in box.findChildren(QPushButton):
            if b.text().replace("&", "") == text:
                b.click()
                return
        raise AssertionError(f"no button {text!r} on {box.windowTitle()!r}")

    QTimer.singleShot(0, press)


def nameless_focusable(root: QWidget) -> list[str]:
    """Focusable widgets shown in ``root`` that a screen reader would announce without a name."""
    QApplication.processEvents()
    out = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) or w.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if isinstance(w, QAbstractScrollArea) and w.focusPolicy() != Qt.FocusPolicy.StrongFocus:
            continue
        if w.parentWidget() is not None and w.parentWidget().focusProxy() is w:
            continue
        iface = QAccessible.queryAccessibleInterface(w)
        name = iface.text(QAccessible.Text.Name) if iface is not None else ""
        if not name.strip():
            out.append(f"{type(w).__name__} {w.objectName()!r}")
    return out


def layout_problems(root: QWidget, settle_s: float = 3.0) -> list[str]:
    """Shown labels cut short (too narrow or too short for their words) and sideways scroll bars,
    once the layout has settled: a change of text size is laid out over several turns of the event
    loop, which take longer on a loaded machine, so a problem counts only if it is still there after
    ``settle_s`` seconds of letting the window lay itself out (nothing here times the app)."""
    import time

    from PySide6.QtTest import QTest

    deadline = time.monotonic() + settle_s
    while True:
        QApplication.processEvents()
        out = _layout_problems_now(root)
        if not out or time.monotonic() > deadline:
            return out
        QTest.qWait(25)


def _layout_problems_now(root: QWidget) -> list[str]:
    out = []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root):
            continue
        if isinstance(w, QAbstractScrollArea) and w.horizontalScrollBar().isVisible():
            out.append(f"horizontal scroll bar on {type(w).__name__}")
        if isinstance(w, QLabel) and w.text() and w.pixmap().isNull():
            if w.wordWrap():
                need = w.heightForWidth(w.width())
                if need > w.height() + 1:
                    out.append(f"label {w.text()[:40]!r} needs {need}px, has {w.height()}px")
            elif w.sizeHint().width() > w.width() + 1:
                out.append(f"label {w.text()[:40]!r} needs {w.sizeHint().width()}px wide, has {w.width()}px")
        if isinstance(w, QPushButton) and w.text() and w.sizeHint().width() > w.width() + 1:
            out.append(f"button {w.text()!r} is cut short")
    return out


@pytest.fixture
def text_size(qapp):
    """Apply the app theme at a text size; the app's look is put back afterwards."""
    from ui import theme

    before = (qapp.styleSheet(), qapp.palette(), qapp.font(), qapp.style().name())

    def apply(scale: int) -> None:
        theme.apply(qapp, "light", scale)

    yield apply
    sheet, palette, font, style = before
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setStyle(style)
