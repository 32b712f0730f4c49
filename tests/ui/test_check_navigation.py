"""The GOV.UK question pattern: Back, Continue, errors, "I'm not sure", Check your answers with Change."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QRadioButton

from kinship_app import flow

from check_driver import answer, check_screen, continue_, heading_text, page, press, run_check, see_result

LEEDS = "E08000035"
GRANDPARENT = {"relationship": "grandparent", "living": "28_plus", "age": 9, "order": "none",
               "services": "family", "parents": "none", "council": LEEDS}


def test_no_answer_is_preselected_and_continue_without_one_shows_the_error_summary(qtbot, window):
    press(qtbot, window.show_screen("start").start_button)
    p = page(window)
    assert heading_text(window) == "Who are you to the child?"
    assert not any(r.isChecked() for r in p.findChildren(QRadioButton))
    continue_(qtbot, window)
    assert p.errors.isVisible()
    assert p.errors.hasFocus()
    assert "There is a problem" in p.errors.title.text()
    assert "Select who you are to the child" in p.errors.accessibleName()
    assert check_screen(window).current == "relationship"  # stayed on the question


def test_error_link_moves_focus_to_the_answers(qtbot, window):
    press(qtbot, window.show_screen("start").start_button)
    continue_(qtbot, window)
    p = page(window)
    link = [b for b in p.errors.findChildren(QPushButton) if b.isVisible()][0]
    press(qtbot, link)
    assert isinstance(QApplication.focusWidget(), QRadioButton)


def test_age_errors_use_the_questions_words(qtbot, window):
    press(qtbot, window.show_screen("start").start_button)
    answer(qtbot, window, "relationship", "friend_of_family")
    answer(qtbot, window, "living", "28_plus")
    p = page(window)
    continue_(qtbot, window)
    assert "Enter how old the child is" in p.errors.accessibleName()
    qtbot.keyClicks(p.input.age, "x")
    continue_(qtbot, window)
    assert "Enter the child's age as a number" in p.errors.accessibleName()
    p.input.age.clear()
    qtbot.keyClicks(p.input.age, "16")
    assert p.input.disability.isVisible()  # asked only when it matters
    continue_(qtbot, window)
    assert "Select whether the child has a disability" in p.errors.accessibleName()
    p.input.age.clear()
    qtbot.keyClicks(p.input.age, "9")
    assert not p.input.disability.isVisible()
    continue_(qtbot, window)
    assert check_screen(window).current == "order"


def test_back_returns_to_the_previous_question_with_the_answer_kept(qtbot, window):
    press(qtbot, window.show_screen("start").start_button)
    answer(qtbot, window, "relationship", "aunt_uncle")
    answer(qtbot, window, "living", "under_28_lasting")
    assert check_screen(window).current == "age"
    press(qtbot, page(window).back_button)
    assert check_screen(window).current == "living"
    assert page(window).findChild(QRadioButton, "choice_under_28_lasting").isChecked()
    press(qtbot, page(window).back_button)
    assert page(window).findChild(QRadioButton, "choice_aunt_uncle").isChecked()
    press(qtbot, page(window).back_button)
    assert window.current_key() == "start"


def test_not_sure_on_every_question_never_dead_ends(qtbot, window):
    unsure = {qid: flow.UNSURE for qid in flow.QUESTIONS}
    asked = run_check(qtbot, window, unsure)
    assert asked[-1] == "council"
    results = see_result(qtbot, window)
    assert results.assessment.category == "undetermined"
    assert results.assessment.missing  # it says what it needs to know


def test_check_your_answers_lists_every_answer_with_change(qtbot, window):
    run_check(qtbot, window, GRANDPARENT)
    screen = check_screen(window)
    assert screen.mode == "answers"
    assert screen.answers_page.heading.text() == "Check your answers"
    rows = screen.answers_page.answers.change_buttons
    assert set(rows) == set(flow.path(GRANDPARENT))
    shown = " ".join(l.text() for l in screen.answers_page.findChildren(type(screen.answers_page.heading)))
    assert "Grandparent" in shown and "9 years old" in shown and "Leeds" in shown


def test_change_returns_to_check_your_answers_with_answers_kept(qtbot, window):
    run_check(qtbot, window, GRANDPARENT)
    screen = check_screen(window)
    press(qtbot, screen.answers_page.answers.change_buttons["age"])
    assert screen.current == "age"
    assert page(window).input.age.text() == "9"  # the answer is there to change
    p = page(window)
    p.input.age.clear()
    qtbot.keyClicks(p.input.age, "12")
    continue_(qtbot, window)
    assert screen.mode == "answers"  # straight back, nothing else asked again
    assert screen.answers["age"] == 12
    for qid, value in GRANDPARENT.items():
        if qid != "age":
            assert screen.answers[qid] == value


def test_change_that_opens_a_new_route_asks_only_the_new_questions(qtbot, window):
    run_check(qtbot, window, GRANDPARENT)
    screen = check_screen(window)
    press(qtbot, screen.answers_page.answers.change_buttons["order"])
    answer(qtbot, window, "order", "special_guardianship_order")
    assert screen.current == "looked_after_before"  # newly relevant
    answer(qtbot, window, "looked_after_before", "yes")
    assert screen.mode == "answers"
    assert "services" not in screen.answers_page.answers.change_buttons
    results = see_result(qtbot, window)
    assert results.assessment.category == "special_guardianship"


def test_change_from_the_result_and_start_again(qtbot, window):
    run_check(qtbot, window, GRANDPARENT)
    results = see_result(qtbot, window)
    press(qtbot, results.answers_box.toggle)  # "Your answers, with Change" opens in place
    assert results.answer_list.isVisible()
    press(qtbot, results.answer_list.change_buttons["relationship"])
    screen = check_screen(window)
    assert screen.current == "relationship"
    assert page(window).findChild(QRadioButton, "choice_grandparent").isChecked()
    with qtbot.waitSignal(screen.result_shown, timeout=30000):
        answer(qtbot, window, "relationship", "grandparent")
    assert screen.mode == "result"  # a change made from the result goes straight back to it
    assert screen._results is not results
    press(qtbot, screen._results.again_button)
    assert screen.current == "relationship" and screen.answers == {}
    assert not any(r.isChecked() for r in page(window).findChildren(QRadioButton))


def test_the_glossary_opens_from_a_question_by_keyboard(qtbot, window, monkeypatch):
    from ui.screens import glossary

    opened = []
    monkeypatch.setattr(glossary.GlossaryDialog, "exec", lambda self: opened.append(
        (self.term.text(), self.meaning.text())) or 0)
    press(qtbot, window.show_screen("start").start_button)
    answer(qtbot, window, "relationship", "grandparent")
    answer(qtbot, window, "living", "28_plus")
    answer(qtbot, window, "age", 9)
    assert check_screen(window).current == "order"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F1)
    assert opened and opened[-1][0] == "Special guardianship order"
    assert "parental responsibility" in opened[-1][1]
    term = page(window).findChild(QPushButton, "term_child_arrangements_order")
    term.setFocus()
    qtbot.keyClick(term, Qt.Key.Key_Space)
    assert opened[-1][0] == "Child arrangements order"
