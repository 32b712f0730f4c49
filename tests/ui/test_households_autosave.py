"""A saved household's check, started from the household's page: every answer is in the store as
soon as it is given, after a crash the app offers to carry on at the same question with every
answer kept (UX.md, "never lose work"), and the finished check lands in the household's history.
Driven through the real main window, the real question screens and the real store."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton
from check_driver import answer, check_screen, see_result
from test_households_helpers import button, click, household, store, visible_text  # noqa: F401 (fixtures)

from kinship_app import flow
from kinship_app.result import category_title


@pytest.fixture
def unchecked(store):
    """A household whose child has no facts yet: the check starts at the first question."""
    from kinship_app.store import ChildRecord

    return store.create_household(council="E08000035", children=[ChildRecord(name="Ellis Ward")])


def open_household_check(qtbot, window, household, text="Change answers"):
    screen = window.show_screen("households")
    screen.open_household(household.id)
    window.ops.wait()
    qtbot.waitUntil(lambda: any(b.text() == text and b.isVisibleTo(screen) for b in screen.findChildren(QPushButton)))
    click(qtbot, button(screen, text))
    qtbot.waitUntil(lambda: window.current_key() == "check")  # the saved answers are read off the UI thread
    return check_screen(window)


def test_each_answer_is_saved_and_a_crash_resumes_at_the_same_question(qtbot, window, ctx, unchecked, store):
    household = unchecked
    child = household.children[0]
    check = open_household_check(qtbot, window, household, "Start the check")
    assert check.current == flow.START

    answer(qtbot, window, "relationship", "grandparent")
    assert window.ops.wait()  # saved off the UI thread, as it is given
    progress = store.progress(household.id)
    assert progress.child_id == child.id
    assert progress.answers == {"relationship": "grandparent"}
    assert progress.question_id == check.current != "relationship"
    second = check.current
    answer(qtbot, window, second, next(o.code for o in flow.QUESTIONS[second].options if o.code != flow.UNSURE))
    assert window.ops.wait()
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
    qtbot.waitUntil(lambda: window2.current_key() == "check")
    assert (check2.current, check2.answers) == (where, answers)
    again.close_store()


def finish_check(qtbot, window, check, choose):
    """Answer what the check asks (``choose``, else the first definite option) and see the result."""
    for _step in range(12):
        if check.mode != "question":
            break
        qid = check.current
        value = choose.get(qid) or next(o.code for o in flow.QUESTIONS[qid].options if o.code != flow.UNSURE)
        answer(qtbot, window, qid, value)
    see_result(qtbot, window)
    window.ops.wait()


def test_finishing_the_check_adds_it_to_the_household_history(qtbot, window, ctx, unchecked, store):
    household = unchecked
    child = household.children[0]
    runs_before = len(store.history(child.id))
    check = open_household_check(qtbot, window, household, "Start the check")
    finish_check(qtbot, window, check, {"relationship": "aunt_uncle", "order": "special_guardianship_order",
                                        "age": 9, "council": "E08000035"})
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


def test_change_answers_after_a_finished_check_starts_from_the_saved_answers(qtbot, window, ctx, unchecked, store):
    household, child = unchecked, unchecked.children[0]
    first = {"relationship": "grandparent", "living": "28_plus", "age": 9, "order": "none", "services": "family",
             "parents": "none", "council": "E08000035"}
    finish_check(qtbot, window, open_household_check(qtbot, window, household, "Start the check"), first)
    qtbot.waitUntil(lambda: len(store.history(child.id)) == 1)
    assert store.history(child.id)[0].result["category"] == "private_family_arrangement"
    assert store.progress(household.id) is None

    # Change answers opens "Check your answers" with every earlier answer, not question 1.
    check = open_household_check(qtbot, window, household)
    assert check.mode == "answers"
    assert flow.relevant_answers(check.answers) == first
    shown = visible_text(check.answers_page)
    for words in ("Grandparent", "28 days or more", "9 years old", "No, there is no court order",
                  "No, we arranged it in the family", "Leeds"):
        assert words in shown, words

    # Change one answer: a friend of the family rather than a grandparent is private fostering.
    click(qtbot, check.answers_page.answers.change_buttons["relationship"])
    assert check.mode == "question" and check.current == "relationship"
    answer(qtbot, window, "relationship", "friend_of_family")
    assert check.mode == "answers"  # straight back: the other answers still stand
    assert "A close friend of the child's parent or family" in visible_text(check.answers_page)
    results = see_result(qtbot, window)
    assert results.assessment.category == "private_fostering"
    window.ops.wait()
    qtbot.waitUntil(lambda: len(store.history(child.id)) == 2)
    assert store.history(child.id)[0].result["category"] == "private_fostering"
    assert store.get_household(household.id).child(child.id).facts["carer"]["relationship"] == "friend_of_family"

    screen = window.show_screen("households")
    click(qtbot, button(screen, "History"))
    text = visible_text(screen)
    assert text.count("Check on 22 November 2026") == 2
    assert category_title("private_fostering") in text
    click(qtbot, button(screen, "Overview"))
    assert f"Last checked for 22 November 2026: {category_title('private_fostering')}" in visible_text(screen)


def test_a_council_named_in_the_check_becomes_the_household_council(qtbot, window, ctx, unchecked, store):
    household, child = unchecked, unchecked.children[0]
    finish_check(qtbot, window, open_household_check(qtbot, window, household, "Start the check"),
                 {"relationship": "grandparent", "order": "special_guardianship_order", "age": 9,
                  "council": "E08000035"})
    qtbot.waitUntil(lambda: len(store.history(child.id)) == 1)
    check = open_household_check(qtbot, window, household)
    assert check.mode == "answers"
    click(qtbot, check.answers_page.answers.change_buttons["council"])
    answer(qtbot, window, "council", "E09000033")  # Westminster
    see_result(qtbot, window)
    window.ops.wait()
    qtbot.waitUntil(lambda: len(store.history(child.id)) == 2)
    assert store.get_household(household.id).council == "E09000033"
    assert store.history(child.id)[0].facts["household"]["council"] == "E09000033"


def test_saved_facts_with_a_gap_open_at_the_question_they_leave_open(qtbot, window, household):
    # The sample household's facts say nothing about the parents: that question is asked, with the
    # answers after it already filled in.
    check = open_household_check(qtbot, window, household)
    assert check.mode == "question" and check.current == "parents"
    assert check.answers["relationship"] == "grandparent" and check.answers["council"] == "E08000035"
