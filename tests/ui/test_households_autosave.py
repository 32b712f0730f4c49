"""A saved household's check, started from the household's page: every answer is in the store as
soon as it is given, after a crash the app offers to carry on at the same question with every
answer kept (UX.md, "never lose work"), and the finished check lands in the household's history.
Driven through the real main window, the real question screens and the real store."""

from __future__ import annotations

from check_driver import answer, check_screen, see_result
from test_households_helpers import button, click, household, store, visible_text  # noqa: F401 (fixtures)

from kinship_app import flow
from kinship_app.result import category_title


def open_household_check(qtbot, window, household):
    screen = window.show_screen("households")
    screen.open_household(household.id)
    click(qtbot, button(screen, "Change answers"))
    assert window.current_key() == "check"
    return check_screen(window)


def test_each_answer_is_saved_and_a_crash_resumes_at_the_same_question(qtbot, window, ctx, household, store):
    child = household.children[0]
    check = open_household_check(qtbot, window, household)
    assert check.current == flow.START

    answer(qtbot, window, "relationship", "grandparent")
    progress = store.progress(household.id)
    assert progress.child_id == child.id
    assert progress.answers == {"relationship": "grandparent"}
    assert progress.question_id == check.current != "relationship"
    second = check.current
    answer(qtbot, window, second, next(o.code for o in flow.QUESTIONS[second].options if o.code != flow.UNSURE))
    saved = store.progress(household.id)
    assert second in saved.answers and saved.question_id == check.current
    where, answers = check.current, dict(saved.answers)

    # The app stops without warning; a new one starts on the same data folder.
    from ui.context import AppContext
    from ui.main_window import MainWindow

    window.hide()
    ctx.close_store()
    again = AppContext(ctx.data_dir, today=ctx.today)
    window2 = MainWindow(again)
    qtbot.addWidget(window2)
    window2.show()
    start = window2.show_screen("start")
    window2.ops.wait()
    qtbot.waitUntil(lambda: start.resume_button.isVisible())
    assert f"Household {household.reference}: a check not finished yet." in visible_text(start)
    click(qtbot, start.resume_button)
    check2 = check_screen(window2)
    assert window2.current_key() == "check"
    assert (check2.current, check2.answers) == (where, answers)
    again.close_store()


def test_finishing_the_check_adds_it_to_the_household_history(qtbot, window, ctx, household, store):
    child = household.children[0]
    runs_before = len(store.history(child.id))
    check = open_household_check(qtbot, window, household)
    choose = {"relationship": "aunt_uncle", "order": "special_guardianship_order", "age": 9,
              "council": "E08000035"}
    for _step in range(12):
        if check.mode != "question":
            break
        qid = check.current
        value = choose.get(qid) or next(o.code for o in flow.QUESTIONS[qid].options if o.code != flow.UNSURE)
        answer(qtbot, window, qid, value)
    see_result(qtbot, window)
    window.ops.wait()
    qtbot.waitUntil(lambda: len(store.history(child.id)) == runs_before + 1)
    saved = store.get_household(household.id).child(child.id)
    assert saved.facts["carer"]["relationship"] == "aunt_uncle"

    screen = window.show_screen("households")
    click(qtbot, button(screen, "History"))
    text = visible_text(screen)
    assert text.count("Check on 22 November 2026") == runs_before + 1
    click(qtbot, button(screen, "Overview"))
    latest = category_title(store.history(child.id)[0].result["category"])
    assert f"Last checked for 22 November 2026: {latest}" in visible_text(screen)
