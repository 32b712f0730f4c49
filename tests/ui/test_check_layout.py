"""The check at 1280×720: Back and Continue always in view (100% and 200% text); the relationship
question grouped so "I'm not sure" is never far down."""

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QRadioButton

from kinship_app import flow

from check_driver import check_screen, choose, continue_, page, press


def in_window(window, w) -> bool:
    top_left = w.mapTo(window, w.rect().topLeft())
    return w.isVisible() and window.rect().contains(QRect(top_left, w.size()))


@pytest.mark.parametrize("text_size", [100, 200])
def test_back_and_continue_are_always_in_view(qtbot, window, ctx, text_size):
    ctx.set_setting("appearance/text_size", text_size)
    window.apply_appearance()
    window.resize(1280, 720)
    window.show_screen("start")
    screen = window.start_check()
    screen = check_screen(window)
    answers = {"relationship": "grandparent", "age": 16, "order": "special_guardianship_order"}
    for qid in flow.QUESTIONS:
        screen.answers = dict(answers)
        screen.show_question(qid)
        QApplication.processEvents()
        p = page(window)
        assert in_window(window, p.back_button), (qid, text_size)
        assert in_window(window, p.continue_button), (qid, text_size)


def test_relationship_is_grouped_with_not_sure_in_the_first_eight(qtbot, window):
    window.start_check()
    p = page(window)
    top = [r for r in p.findChildren(QRadioButton) if r.isVisible()]
    assert len(top) <= 8
    assert top[-1].objectName() == "choice_unknown"
    # Every answer of the question is reachable, inside its group.
    offered = {code for _g, _t, members in flow.RELATIONSHIP_GROUPS for code in members}
    assert offered == {o.code for o in flow.QUESTIONS["relationship"].options}


def test_a_group_opens_its_answers_under_it_and_asks_for_one(qtbot, window):
    window.start_check()
    p = page(window)
    press(qtbot, p.findChild(QRadioButton, "choice_group_other_relative"))
    cousin = p.findChild(QRadioButton, "choice_cousin")
    assert cousin.isVisible()
    group_y = p.findChild(QRadioButton, "choice_group_other_relative").mapTo(p, p.rect().topLeft()).y()
    step_y = p.findChild(QRadioButton, "choice_group_step_parent").mapTo(p, p.rect().topLeft()).y()
    assert group_y < cousin.mapTo(p, p.rect().topLeft()).y() < step_y  # right under its group
    continue_(qtbot, window)
    assert "Select which of these you are to the child" in p.errors.accessibleName()
    choose(qtbot, window, "cousin")
    continue_(qtbot, window)
    screen = check_screen(window)
    assert screen.answers["relationship"] == "cousin" and screen.current == "living"
    # Back: the group is open again with the answer chosen.
    press(qtbot, page(window).back_button)
    assert p.findChild(QRadioButton, "choice_cousin").isChecked() and cousin.isVisible()


def test_one_parent_died_opens_the_other_parents_answers_and_asks_for_one(qtbot, window):
    screen = window.start_check()
    screen = check_screen(window)
    screen.answers = {"relationship": "grandparent", "living": "28_plus", "age": 9, "order": "none",
                      "services": "family"}
    screen.show_question("parents")
    p = page(window)
    press(qtbot, p.findChild(QRadioButton, "choice_group_one"))
    for code in flow.ONE_PARENT_DIED:
        assert p.findChild(QRadioButton, f"choice_{code}").isVisible()
    continue_(qtbot, window)
    assert "Select which of these describes the other parent" in p.errors.accessibleName()
    choose(qtbot, window, "one_father_not_known")
    continue_(qtbot, window)
    assert page(window).objectName() == "question_council"
    assert check_screen(window).answers["parents"] == "one_father_not_known"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_groups_answers_are_indented_on_the_side_reading_starts(qtbot, window, language):
    window.apply_language(language)
    try:
        window.start_check()
        p = page(window)
        press(qtbot, p.findChild(QRadioButton, "choice_group_other_relative"))
        group, cousin = (p.findChild(QRadioButton, n) for n in ("choice_group_other_relative", "choice_cousin"))
        if language == "ar":  # right to left: the radios stand at the right, the answers further in
            inset = group.mapTo(p, group.rect().topRight()).x() - cousin.mapTo(p, cousin.rect().topRight()).x()
        else:
            inset = cousin.mapTo(p, cousin.rect().topLeft()).x() - group.mapTo(p, group.rect().topLeft()).x()
        assert inset >= 30, (language, inset)
    finally:
        window.apply_language("en")


@pytest.mark.parametrize("question, group, first", [("relationship", "group_friend", "friend_of_family"),
                                                    ("parents", "group_one", "one_other_unavailable")])
def test_a_group_chosen_with_the_mouse_at_200_percent_shows_its_answers(qtbot, window, ctx, question, group,
                                                                          first):
    ctx.set_setting("appearance/text_size", 200)
    window.apply_appearance()
    try:
        window.resize(1280, 720)
        screen = window.start_check()
        screen = check_screen(window)
        screen.answers = {"relationship": "grandparent", "living": "28_plus", "age": 9, "order": "none",
                          "services": "family"}
        screen.show_question(question)
        QApplication.processEvents()
        p = page(window)
        press(qtbot, p.findChild(QRadioButton, f"choice_{group}"))
        answer = p.findChild(QRadioButton, f"choice_{first}")
        # The first answer the group opened comes into view (whole), and so does the group itself.
        qtbot.waitUntil(lambda: in_view(p, answer) and in_view(p, p.findChild(QRadioButton, f"choice_{group}")),
                        timeout=3000)
    finally:
        ctx.set_setting("appearance/text_size", 100)
        window.apply_appearance()


def in_view(p, w) -> bool:
    viewport = p.page.viewport()
    top_left = w.mapTo(viewport, w.rect().topLeft())
    return w.isVisible() and viewport.rect().contains(QRect(top_left, w.size()))
