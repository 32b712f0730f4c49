"""A saved household's check: every answer is in the store as soon as it is given, and after a
crash the app reopens the check at the same question with every answer kept (UX.md, "never lose
work"). Driven through the real main window and the real check flow."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QListWidget, QRadioButton
from test_households_helpers import (  # noqa: F401 (fixtures)
    TODAY, button, click, ctx, household, ops, store, visible_text,
)

from kinship_app import flow
from ui.screens.households_autosave import UNFINISHED_KEY


def open_window(qtbot, context):
    from ui.main_window import MainWindow

    window = MainWindow(context)
    window.ops.report = lambda error: (_ for _ in ()).throw(error)  # fail the test, never a dialog
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    return window


def answer_current(qtbot, check, choose: dict[str, str]) -> str:
    """Answer the question on screen as a person would (a radio, the age box, the council list)."""
    qid = check.current
    page = check.pages[qid]
    q = flow.QUESTIONS[qid]
    if q.kind == "age":
        box = page.findChild(QLineEdit, "age")
        box.clear()
        qtbot.keyClicks(box, choose.get(qid, "9"))
    elif q.kind == "council":
        qtbot.keyClicks(page.findChild(QLineEdit, "council_search"), choose.get(qid, "Leeds"))
        lst = page.findChild(QListWidget, "council_list")
        visible = [lst.item(i) for i in range(lst.count()) if not lst.item(i).isHidden()]
        lst.setCurrentItem(visible[0])
    else:
        code = choose.get(qid) or next(o.code for o in q.options if o.code != flow.UNSURE)
        radio = page.findChild(QRadioButton, f"choice_{code}")
        click(qtbot, radio)
    click(qtbot, page.continue_button)
    return qid


def test_each_answer_is_saved_and_a_crash_resumes_at_the_same_question(qtbot, ctx, household, store, tmp_path):
    window = open_window(qtbot, ctx)
    screen = window.show_screen("households")
    screen.open_household(household.id)
    child = household.children[0]
    click(qtbot, button(screen, "Change answers"))
    check = window.screen("check")
    assert window.current_key() == "check"
    assert check.current == flow.START  # no answers saved for this child yet

    first = answer_current(qtbot, check, {"relationship": "grandparent"})
    progress = store.progress(household.id)
    assert progress.child_id == child.id
    assert progress.answers == {first: "grandparent"}
    assert progress.question_id == check.current != first
    second = answer_current(qtbot, check, {})
    saved = store.progress(household.id)
    assert second in saved.answers and saved.question_id == check.current
    where, answers = check.current, dict(saved.answers)
    assert ctx.settings.value(UNFINISHED_KEY) is not None

    # The app stops without warning; a new one starts on the same data folder, as ui/app.py does.
    window.hide()
    from ui.context import AppContext
    from ui.screens.households_autosave import unfinished_household

    ctx.close_store()
    again = AppContext(data_dir=ctx.data_dir, today=lambda: TODAY)
    try:
        assert unfinished_household(again.settings) == household.id
        window2 = open_window(qtbot, again)
        assert window2.screen("households").resume_unfinished()
        check2 = window2.screen("check")
        assert window2.current_key() == "check"
        assert check2.current == where
        assert check2.answers == answers
        question_title = visible_text(check2)
        assert flow.QUESTIONS[where].title in question_title
    finally:
        again.close_store()


def test_finishing_the_check_keeps_the_facts_and_the_assessment(qtbot, ctx, household, store):
    window = open_window(qtbot, ctx)
    screen = window.show_screen("households")
    screen.open_household(household.id)
    child = household.children[0]
    runs_before = len(store.history(child.id))
    click(qtbot, button(screen, "Change answers"))
    check = window.screen("check")
    choose = {"relationship": "aunt_uncle", "order": "special_guardianship_order"}
    for _step in range(12):
        if check.mode != "question":
            break
        answer_current(qtbot, check, choose)
    assert check.mode == "answers"
    click(qtbot, check.answers_page.see_button)
    assert check.mode == "result"

    runs = store.history(child.id)
    assert len(runs) == runs_before + 1
    saved = store.get_household(household.id).child(child.id)
    assert saved.facts["carer"]["relationship"] == "aunt_uncle"
    assert runs[0].result["category"] == check.assessment.category
    assert store.progress(household.id).question_id == flow.END
    assert ctx.settings.value(UNFINISHED_KEY) is None
    # Finished: nothing to resume after a restart.
    assert not window.screen("households").resume_unfinished()

    # Back in the household, "Change answers" opens "Check your answers" with every answer.
    window.show_screen("households")
    screen.open_household(household.id)
    click(qtbot, button(screen, "Change answers"))
    assert check.mode == "answers"
    assert "Aunt or uncle" in visible_text(check)


def test_quick_check_leaves_no_unfinished_marker(qtbot, ctx):
    window = open_window(qtbot, ctx)
    window.start_check()
    check = window.screen("check")
    answer_current(qtbot, check, {"relationship": "grandparent"})
    assert ctx.settings.value(UNFINISHED_KEY) is None
    assert not (ctx.data_dir / "kinship.sqlite3").exists()
