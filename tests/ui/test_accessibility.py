"""Accessibility over every screen: names, keyboard, 200% text in 1280x720, contrast."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractScrollArea, QApplication, QLabel, QLineEdit, QRadioButton, QWidget,
)

from kinship_app import flow
from ui import theme

from check_driver import check_screen, page, run_check, see_result

LEEDS = "E08000035"
SGO = {"relationship": "grandparent", "living": "28_plus", "age": 16, "disabled": "no",
       "order": "special_guardianship_order", "looked_after_before": "yes", "parents": "one", "council": LEEDS}


def accessible_name(w: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(w)
    return iface.text(QAccessible.Text.Name) if iface is not None else ""


def focusable(root: QWidget):
    """Widgets Tab can reach: visible, enabled, taking Tab focus (other windows excluded)."""
    for w in [root] + root.findChildren(QWidget):
        if w.isWindow() and w is not root:
            continue
        if (w.focusPolicy() & Qt.FocusPolicy.TabFocus) and w.isVisible() and w.isEnabled():
            yield w


def each_screen(qtbot, window):
    """Visit every screen the app has, leaving each shown; yields a name for each."""
    window.show_screen("start")
    yield "start"
    screen = window.show_screen("check")
    for qid in flow.QUESTIONS:
        screen.show_question(qid)
        yield f"question {qid}"
    screen.show_question("age")
    page(window).input.age.setText("16")  # the disability question appears
    yield "question age at 16"
    run_check(qtbot, window, SGO)
    yield "check your answers"
    see_result(qtbot, window)
    yield "result"
    for key in window._nav:
        if key not in ("start",):
            window.show_screen(key)
            yield key
    window.hide_screen()
    yield "hidden"
    window.unhide()


def test_every_focusable_widget_has_an_accessible_name(qtbot, window):
    seen = 0
    for name in each_screen(qtbot, window):
        QApplication.processEvents()
        missing = [f"{type(w).__name__} {w.objectName()!r}" for w in focusable(window)
                   if not accessible_name(w).strip()]
        assert not missing, f"{name}: {missing}"
        seen += 1
    assert seen >= 14


def test_the_glossary_dialog_names_its_controls(qtbot, window):
    from ui.screens.glossary import GlossaryDialog

    dialog = GlossaryDialog(window, "looked_after")
    qtbot.addWidget(dialog)
    dialog.show()
    missing = [type(w).__name__ for w in focusable(dialog) if w is not dialog and not accessible_name(w).strip()]
    assert not missing
    assert dialog.term.text().startswith("Looked after")
    qtbot.keyClicks(dialog.search, "order")
    shown = [dialog.list.item(i).text() for i in range(dialog.list.count()) if not dialog.list.item(i).isHidden()]
    assert "Special guardianship order" in shown and "Kinship care" not in shown


def settle():
    # A screen's words read off the UI thread (Team's accounts and audit log) arrive first; then
    # word-wrapped labels take a few layout passes (height for width) to reach their final size.
    from test_households_helpers import settle as wait_for_work

    wait_for_work()
    for _ in range(4):
        QApplication.processEvents()


def clipped(window) -> list[str]:
    problems = []
    for lab in window.findChildren(QLabel):
        if not lab.isVisible() or not lab.text():
            continue
        if lab.wordWrap():
            if lab.heightForWidth(lab.width()) > lab.height() + 1:
                problems.append(f"label cut off at the bottom: {lab.text()[:50]!r}")
        elif lab.sizeHint().width() > lab.width() + 1:
            problems.append(f"label cut off at the side: {lab.text()[:50]!r}")
    for b in window.findChildren(QAbstractButton):
        if not b.isVisible() or not b.text() or isinstance(b, QRadioButton):
            continue
        if b.hasHeightForWidth():  # a button whose words wrap (ui.widgets.WrapButton), like a wrapped label
            if b.minimumSizeHint().width() > b.width() + 1:
                problems.append(f"button narrower than its longest word: {b.text()[:50]!r}")
            elif b.heightForWidth(b.width()) > b.height() + 1:
                problems.append(f"button cut off at the bottom: {b.text()[:50]!r}")
        elif b.sizeHint().width() > b.width() + 1:
            problems.append(f"button too narrow: {b.text()[:50]!r}")
    for area in window.findChildren(QAbstractScrollArea):
        if area.isVisible() and area.horizontalScrollBar().isVisible():
            problems.append(f"horizontal scroll bar on {type(area).__name__} {area.objectName()!r}")
        inner = getattr(area, "widget", lambda: None)()
        if area.isVisible() and inner is not None and inner.minimumSizeHint().width() > area.viewport().width() + 1:
            problems.append(f"content wider than the window in {area.objectName()!r}")
    return problems


def open_the_result(window) -> None:
    """Open every card of the result shown, with its details and other letters, the answers and sources."""
    results = window.screen("check")._results
    for card in results.cards.values():
        card.open_detail()
    results.answers_box.toggle.click()
    results.sources_box.toggle.click()
    settle()


@pytest.mark.parametrize("size", [100, 200])
def test_text_at_200_percent_in_1280_by_720_is_never_clipped(qtbot, window, ctx, size):
    ctx.set_setting("appearance/text_size", size)
    window.apply_appearance()
    window.resize(1280, 720)
    for name in each_screen(qtbot, window):
        settle()
        assert (window.width(), window.height()) == (1280, 720), name
        problems = clipped(window)
        assert not problems, f"{name} at {size}%: {problems}"
        if name == "result":
            open_the_result(window)
            problems = clipped(window)
            assert not problems, f"the result, opened, at {size}%: {problems}"


@pytest.mark.parametrize("name", list(theme.THEMES))
def test_every_palette_text_pair_has_contrast_of_at_least_4_5(name):
    low = [(what, round(theme.contrast_ratio(fg, bg), 2)) for what, fg, bg in theme.contrast_pairs(name)
           if theme.contrast_ratio(fg, bg) < 4.5]
    assert not low, low


@pytest.mark.parametrize("name", list(theme.THEMES))
def test_the_applied_palette_is_the_checked_one(qtbot, window, ctx, name):
    from PySide6.QtGui import QPalette

    ctx.set_setting("appearance/theme", name)
    window.apply_appearance()
    p = QApplication.instance().palette()
    pairs = [(QPalette.ColorRole.WindowText, QPalette.ColorRole.Window), (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
             (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
             (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
             (QPalette.ColorRole.Text, QPalette.ColorRole.AlternateBase),
             (QPalette.ColorRole.ToolTipText, QPalette.ColorRole.ToolTipBase)]
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for fg, bg in pairs:
            ratio = theme.contrast_ratio(p.color(group, fg).name(), p.color(group, bg).name())
            assert ratio >= 4.5, (name, group, fg, bg, ratio)
    ratio = theme.contrast_ratio(p.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text).name(),
                                 p.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base).name())
    assert ratio >= 4.5


def test_main_buttons_and_answer_rows_are_at_least_44_pixels_high(qtbot, window):
    press_start = window.show_screen("start").start_button
    assert press_start.height() >= 44
    run_check(qtbot, window, {"relationship": "parent", "employed": "no"})
    screen = check_screen(window)
    screen.show_question("relationship")
    rows = list(page(window).input.top.rows.values())
    assert len(rows) <= 8 and rows[-1].code == "unknown"  # grouped: "I'm not sure" is 8th at most
    for row in rows:
        assert row.height() >= 44
    assert page(window).continue_button.height() >= 44


def tab_to(qtbot, window, target, limit=80):
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.objectName()}")


def test_a_whole_check_by_keyboard_only(qtbot, window):
    """Start to result with Tab, Space, typing and Enter: no mouse at all."""
    start = window.show_screen("start")
    assert QApplication.focusWidget() is start.start_button
    qtbot.keyClick(start.start_button, Qt.Key.Key_Space)
    screen = check_screen(window)

    def walk_to(target):
        radios = page(window).findChildren(QRadioButton)
        assert QApplication.focusWidget() in radios
        for _ in range(len(radios)):
            if QApplication.focusWidget() is target:
                break
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
        assert QApplication.focusWidget() is target
        qtbot.keyClick(target, Qt.Key.Key_Space)
        assert target.isChecked()

    def pick(code):
        # Like any radio group: Tab reaches the group, the arrow keys move to the answer, Space picks it.
        target = page(window).findChild(QRadioButton, f"choice_{code}")
        if not target.isVisible():  # inside a group: choose the group, then Tab into its answers
            groups = flow.QUESTIONS[screen.current].extra["groups"]
            group = next(g for g, _t, members in groups if code in members)
            walk_to(page(window).findChild(QRadioButton, f"choice_{group}"))
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        walk_to(target)
        qtbot.keyClick(target, Qt.Key.Key_Return)

    pick("friend_of_family")
    pick("28_plus")
    assert screen.current == "age"
    age = page(window).input.age
    assert QApplication.focusWidget() is age
    qtbot.keyClicks(age, "12")
    qtbot.keyClick(age, Qt.Key.Key_Return)
    pick("none")
    pick("family")
    pick("none")
    assert screen.current == "council"
    search = page(window).findChild(QLineEdit, "council_search")
    assert QApplication.focusWidget() is search
    qtbot.keyClicks(search, "Leeds")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert screen.mode == "answers", page(window).errors.accessibleName()
    see = screen.answers_page.see_button
    tab_to(qtbot, window, see)
    with qtbot.waitSignal(screen.result_shown):  # worked out off the UI thread
        qtbot.keyClick(see, Qt.Key.Key_Space)
    assert screen.mode == "result"
    assert screen.assessment.category == "private_fostering"
    assert screen._results.page.hasFocus()
