"""The start screen is drawn before PySide6 builds the Qt namespace (ui/qtnames.py, issue 15).

Building ``PySide6.QtCore.Qt`` makes 93 Python enums (about 1,200 members): a quarter of what the app
added to a bare window's start-up. These tests hold that nothing on the way to the first frame
names it, that what was moved after the first frame does come then, and that the by-name and
deferred replacements do what the enum calls did."""

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui import qtnames, theme
from ui.widgets import button, label

# The real start-up (ui.launcher.main, the command's own path), with the first frame watched.
PROBE = """
import json, sys
import ui.app
from ui import qtnames
from PySide6 import QtCore, QtGui
from PySide6.QtWidgets import QApplication
seen = {}
painted = ui.app.QuitWhenPainted.event
def event(self, e):
    if e.type() == ui.app.QEvent.Type.User and "qt" not in seen:
        window = self.parent().window()
        seen["qt"] = qtnames.built()
        seen["key_sequences"] = "QKeySequence" in vars(QtGui)
        seen["icon"] = not QApplication.windowIcon().isNull()
        seen["hidden_screen"] = window._hidden_screen is not None
        seen["window"] = window
    return painted(self, e)
ui.app.QuitWhenPainted.event = event
from ui.launcher import main
assert main(["--quit-when-shown", "--data-dir", sys.argv[1]]) == 0
window = seen.pop("window")
seen["after_qt"] = qtnames.built()
seen["after_actions"] = sorted(a.objectName() for a in window.actions())
seen["after_icon"] = not QApplication.windowIcon().isNull()
print(json.dumps(seen))
"""


def probe(data_dir, env_extra=None):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env_extra or {}))
    proc = subprocess.run([sys.executable, "-c", PROBE, str(data_dir)], capture_output=True, text=True,
                          env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_the_start_screen_is_painted_before_the_qt_namespace_is_built(tmp_path):
    for run in ("first start", "second start (settings and window geometry saved)"):
        seen = probe(tmp_path / "data")
        assert seen["qt"] is False, run  # a module on the start-up path named PySide6.QtCore.Qt
        assert seen["key_sequences"] is False, run
        assert seen["icon"] is False and seen["hidden_screen"] is False, run
        # ... and what waited comes once the frame is on screen, before the window can be used.
        assert seen["after_qt"] is True
        assert seen["after_icon"] is True
        assert {"action_quit", "action_print", "action_help", "action_settings", "action_home",
                "action_about"} <= set(seen["after_actions"])


def test_a_right_to_left_language_starts_without_it_too(tmp_path):
    """Arabic: the window's direction is set by name and its wrapped buttons measured without it."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.ini").write_text("[appearance]\nlanguage=ar\n", encoding="utf-8")
    seen = probe(data)
    assert seen["after_actions"] and seen["after_icon"]
    assert seen["qt"] is False


def test_set_enum_sets_a_property_by_its_key_and_refuses_a_wrong_key(qtbot):
    lab = QLabel("x")
    qtbot.addWidget(lab)
    qtnames.set_enum(lab, "textFormat", "PlainText")
    assert lab.textFormat() == Qt.TextFormat.PlainText
    qtnames.set_enum(lab, "alignment", "AlignRight|AlignTop")
    assert lab.alignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
    with pytest.raises(ValueError, match="textFormat has no value 'Plain'"):
        qtnames.set_enum(lab, "textFormat", "Plain")
    assert lab.textFormat() == Qt.TextFormat.PlainText
    with pytest.raises(ValueError):
        qtnames.set_enum(lab, "noSuchProperty", "PlainText")


def test_the_lazy_namespace_is_the_real_one(qtbot):
    assert qtnames.Qt.AlignmentFlag is Qt.AlignmentFlag
    assert qtnames.Qt.Key.Key_Shift == Qt.Key.Key_Shift
    with pytest.raises(AttributeError):
        qtnames.Qt.NoSuchEnum  # noqa: B018


def test_labels_are_plain_text_unless_asked_for_rich_text(qtbot):
    plain, rich = label("<b>Amy</b>"), label("<b>a</b>", rich=True)
    for w in (plain, rich):
        qtbot.addWidget(w)
    assert plain.textFormat() == Qt.TextFormat.PlainText  # a family's words never read as markup
    assert rich.textFormat() == Qt.TextFormat.RichText
    assert rich.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
    assert rich.openExternalLinks() is False


def test_a_button_shows_the_pointing_hand_when_the_mouse_comes_over_it(qtbot):
    b = button("Continue")
    qtbot.addWidget(b)
    b.show()
    qtbot.waitExposed(b)
    assert not b.testAttribute(Qt.WidgetAttribute.WA_SetCursor)  # not before: ui/qtnames.py
    QApplication.sendEvent(b, QEnterEvent(QPointF(3, 3), QPointF(3, 3), QPointF(3, 3)))
    assert b.cursor().shape() == Qt.CursorShape.PointingHandCursor
    # A cursor someone set on purpose is kept.
    other = button("Busy")
    qtbot.addWidget(other)
    other.setCursor(Qt.CursorShape.WaitCursor)
    QApplication.sendEvent(other, QEnterEvent(QPointF(3, 3), QPointF(3, 3), QPointF(3, 3)))
    assert other.cursor().shape() == Qt.CursorShape.WaitCursor


@pytest.mark.parametrize("size", [100, 200])
def test_the_style_puts_no_layout_item_margins_around_any_button(qtbot, size):
    """Buttons no longer set WA_LayoutUsesWidgetRect (it takes a Qt enum before the first frame):
    it made no difference because the app's style (Fusion with its style sheet) gives push buttons
    no layout item margins. Should a style change give them some, this fails: set it again."""
    app = QApplication.instance()
    old = app.styleSheet(), app.font()
    theme.apply(app, "light", size)
    try:
        holder = QWidget()
        qtbot.addWidget(holder)
        column = QVBoxLayout(holder)
        top = QFrame()
        top.setProperty("role", "topbar")
        row = QHBoxLayout(top)
        nav, current = button("Start"), button("Letters")
        current.setProperty("current", "true")
        row.addWidget(nav)
        row.addWidget(current)
        column.addWidget(top)
        plain, primary, link, hide = (button("Open", ""), button("Continue", "primary"),
                                      button("What does this mean?", "link"), button("Hide this screen", "hide"))
        for b in (plain, primary, link, hide):
            column.addWidget(b)
        holder.resize(700, 500)
        holder.show()
        qtbot.waitExposed(holder)
        primary.setFocus()
        QApplication.processEvents()
        for lay, b in [(row, nav), (row, current)] + [(column, b) for b in (plain, primary, link, hide)]:
            item = lay.itemAt(lay.indexOf(b))
            assert item.geometry() == b.geometry(), (b.text(), item.geometry(), b.geometry())
    finally:
        app.setStyleSheet(old[0])
        app.setFont(old[1])


def test_the_navigation_shows_where_you_are_after_moving_between_screens(window, qtbot):
    """The nav buttons' "current" style: set before the first frame without restyling (nothing is
    polished yet), and restyled on every later change: the current one has the thicker accent border,
    and each button is as big as its style now asks (no size kept from an earlier style)."""
    from PySide6.QtGui import QColor

    accent = QColor(theme.colours("light")["accent"]).rgb()

    def left_edge(b):
        image = b.grab().toImage()
        return image.pixel(1, image.height() // 2)

    for key in ("support", "start", "support", "settings"):
        window.show_screen(key)
        for _ in range(3):
            QApplication.processEvents()
        for k, b in window._nav.items():
            if not b.isVisible():
                continue
            assert b.property("current") == ("true" if k == key else "false")
            assert (left_edge(b) == accent) == (k == key), (key, k)
            assert b.size() == b.sizeHint(), (key, k, b.size(), b.sizeHint())
