"""Drives the real question screens the way a person does: click an answer, press Continue."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit, QListWidget, QPushButton, QRadioButton

from kinship_app import flow


def check_screen(window):
    return window.screen("check")


def page(window):
    return check_screen(window).stack.currentWidget()


def heading_text(window) -> str:
    return page(window).heading.text()


def press(qtbot, widget):
    # Aim at the left end: a check box's text may end well before the middle of the widget.
    at = QPoint(min(12, widget.width() // 2), widget.height() // 2) if isinstance(widget, QCheckBox) else QPoint()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=at if not at.isNull() else widget.rect().center())


def continue_(qtbot, window):
    press(qtbot, page(window).findChild(QPushButton, "continue"))


def choose(qtbot, window, code):
    radio = page(window).findChild(QRadioButton, f"choice_{code}")
    assert radio is not None and radio.isVisible(), (heading_text(window), code)
    press(qtbot, radio)
    assert radio.isChecked()


def answer(qtbot, window, qid, value, disabled=None):
    p = page(window)
    assert p.objectName() == f"question_{qid}", (p.objectName(), qid)
    if qid == "age":
        if value == flow.UNSURE:
            box = p.findChild(QCheckBox, "age_unsure")
            if not box.isChecked():
                press(qtbot, box)
        else:
            box = p.findChild(QLineEdit, "age")
            box.clear()
            qtbot.keyClicks(box, str(value))
            if disabled is not None:
                choose(qtbot, window, disabled)
    elif qid == "council":
        if value == flow.UNSURE:
            press(qtbot, p.findChild(QCheckBox, "council_unsure"))
        else:
            from kinship_app.data import councils

            search = p.findChild(QLineEdit, "council_search")
            qtbot.keyClicks(search, councils.get(value).nice_name)
            lst = p.findChild(QListWidget, "council_list")
            for i in range(lst.count()):
                if lst.item(i).data(Qt.ItemDataRole.UserRole) == value:
                    lst.setCurrentItem(lst.item(i))
    else:
        choose(qtbot, window, value)
    continue_(qtbot, window)


def run_check(qtbot, window, answers: dict):
    """Start a check from the start screen and answer every question the route asks."""
    start = window.show_screen("start")
    press(qtbot, start.start_button)
    asked = []
    while check_screen(window).mode == "question":
        qid = check_screen(window).current
        assert qid not in asked, f"{qid} asked again: {page(window).errors.accessibleName()}"
        asked.append(qid)
        assert qid in answers, f"asked {qid} but no answer given"
        answer(qtbot, window, qid, answers[qid], answers.get("disabled"))
        QApplication.processEvents()
    return asked


def see_result(qtbot, window):
    """Press "See the result" and wait for it: it is worked out off the UI thread."""
    screen = check_screen(window)
    assert screen.mode == "answers"
    if hasattr(qtbot, "waitSignal"):
        with qtbot.waitSignal(screen.result_shown, timeout=30000):
            press(qtbot, screen.answers_page.see_button)
    else:  # a script's stand-in for qtbot: run the event loop until the work is handed back
        press(qtbot, screen.answers_page.see_button)
        assert window.ops.wait()
    assert screen.mode == "result", "no result shown"
    return screen._results
