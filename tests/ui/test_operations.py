"""Slow work off the UI thread (ui/operations.py): while a slow call runs the window keeps answering
and says it is working; then the result is shown. A failing call is told in plain words and loses
nothing. Driven through the real main window, real check pages and the real store; the slowness and
the failures are made by the test (a call held on an event, a store that cannot write)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from check_driver import answer, check_screen, run_check
from test_households_helpers import click, store, visible_text  # noqa: F401 (fixtures)

from kinship_app import flow

def words_now(widget) -> str:
    """The words shown in ``widget`` right now, without waiting for work in progress (unlike
    visible_text, which lets it finish first)."""
    from PySide6.QtWidgets import QLabel, QPushButton

    QApplication.processEvents()
    shown = [w for kind in (QLabel, QPushButton) for w in widget.findChildren(kind) if w.isVisibleTo(widget)]
    return "\n".join(w.text() for w in shown)


ANSWERS = {"relationship": "grandparent", "living": "28_plus", "age": 9, "order": "special_guardianship_order",
           "looked_after_before": "yes", "parents": "none", "council": "E08000035"}


def test_a_slow_result_leaves_the_window_answering_and_shows_it_is_working(qtbot, window):
    from kinship_app import casework

    release = threading.Event()
    started = threading.Event()

    def slow(answers, as_of):
        started.set()
        assert release.wait(30), "the test never let the call finish"
        return casework.assess_answers(answers, as_of)

    window.start_check(assessor=slow)
    check = check_screen(window)
    for qid in flow.path(ANSWERS):
        if check.mode == "question":
            answer(qtbot, window, check.current, ANSWERS[check.current])
    assert check.mode == "answers"
    try:
        qtbot.mouseClick(check.answers_page.see_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(started.is_set)
        # Working on it: the footer says so (after a moment), the button cannot be pressed twice.
        qtbot.waitUntil(window.busy_indicator.isVisible)
        assert "Working…" in words_now(window.footer)
        assert "Working out the result…" in words_now(check.answers_page)
        assert not check.answers_page.see_button.isEnabled()
        assert window.ops.busy and check.mode == "answers"
        # ... and the window answers meanwhile: go to another screen and type in it.
        qtbot.mouseClick(window.findChild(type(window.help_button), "nav_support"), Qt.MouseButton.LeftButton)
        assert window.current_key() == "support"
        box = next(w for w in window.screen("support").findChildren(QLineEdit) if w.isVisible())
        box.clear()
        qtbot.keyClicks(box, "Bradford")
        assert box.text() == "Bradford"
    finally:
        release.set()
    qtbot.waitUntil(lambda: check.mode == "result", timeout=30000)
    qtbot.waitUntil(lambda: not window.busy_indicator.isVisible())
    assert check.result.assessment.category == "special_guardianship"
    window.show_screen("check")
    assert "Special guardianship" in visible_text(check._results)
    assert check.answers_page.see_button.isEnabled()


def test_quick_work_does_not_flash_the_indicator(qtbot, window):
    shown = []
    window.ops.busy_changed.connect(lambda busy: shown.append(window.busy_indicator.isVisible()))
    with qtbot.waitSignal(window.ops.busy_changed, check_params_cb=lambda busy: busy is False):
        window.ops.run(lambda: 1 + 1)
    assert not window.busy_indicator.isVisible() and shown == [False, False]


@pytest.fixture
def saved_check(qtbot, window, ctx, store):
    """A household whose child's check has every answer given, at "Check your answers"."""
    from kinship_app.store import ChildRecord

    record = store.create_household(children=[ChildRecord(name="Ellis Ward")])
    child = record.children[0]
    window.check_household(record.id, child.id)
    qtbot.waitUntil(lambda: window.current_key() == "check")
    check = check_screen(window)
    while check.mode == "question":
        answer(qtbot, window, check.current, ANSWERS[check.current])
    qtbot.waitUntil(lambda: not window.ops.busy)
    return record, child, check


def test_a_store_that_cannot_write_is_told_in_plain_words_and_nothing_is_lost(qtbot, window, store,
                                                                             saved_check, monkeypatch):
    from kinship_app.store import DiskFullError

    record, child, check = saved_check
    failures = []
    window.ops.failed.connect(failures.append)

    def full(*args, **kwargs):
        raise DiskFullError("disk I/O error")

    monkeypatch.setattr(type(store), "record_check", full)
    qtbot.mouseClick(check.answers_page.see_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(failures))
    qtbot.waitUntil(lambda: not window.ops.busy)
    assert failures == [DiskFullError().message]
    assert "The disk is full" in failures[0] and "disk I/O error" not in failures[0]
    # Nothing lost: still at "Check your answers" with every answer, the answers still saved, and the
    # button ready to try again.
    assert check.mode == "answers" and flow.relevant_answers(check.answers) == ANSWERS
    assert "Grandparent" in visible_text(check.answers_page)
    assert check.answers_page.see_button.isEnabled()
    assert "Working out the result…" not in visible_text(check.answers_page)
    assert store.progress(record.id).answers == ANSWERS
    assert store.history(child.id) == []

    monkeypatch.undo()  # space freed: the same button now works
    qtbot.mouseClick(check.answers_page.see_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: check.mode == "result", timeout=30000)
    assert [r.id for r in store.history(child.id)] == [check.result.run.id]
    assert store.progress(record.id) is None


def test_a_fault_of_ours_shows_a_dialog_in_plain_words_not_a_traceback(qtbot, window, monkeypatch):
    seen = []

    def read_and_close():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, read_and_close)
            return
        seen.append((box.windowTitle(), box.text(), box.informativeText()))
        box.accept()

    def broken(answers, as_of):
        raise KeyError("child.age")

    window.ops.show_errors = True
    run_check(qtbot, window, ANSWERS)
    check = check_screen(window)
    check.assessor = broken
    QTimer.singleShot(0, read_and_close)
    qtbot.mouseClick(check.answers_page.see_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    title, text, words = seen[0]
    assert title == "Something went wrong" and text == "That did not work."
    assert "Nothing you saved before was changed" in words
    assert "KeyError" not in words and "child.age" not in words and "Traceback" not in words
    qtbot.waitUntil(lambda: not window.ops.busy)
    assert check.mode == "answers" and flow.relevant_answers(check.answers) == ANSWERS


def test_a_result_on_its_way_when_the_screen_is_hidden_never_appears(qtbot, window):
    from kinship_app import casework

    release = threading.Event()

    def slow(answers, as_of):
        assert release.wait(30)
        return casework.assess_answers(answers, as_of)

    run_check(qtbot, window, ANSWERS)
    check = check_screen(window)
    check.assessor = slow
    qtbot.mouseClick(check.answers_page.see_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.hide_button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=30000)
    assert window.is_hidden_screen()
    assert check.result is None and check.mode != "result"
    assert check._results is None or check._results.assessment is None
