"""One assessment per check (ARCHITECTURE.md, 15): what the result screen shows is the run History
shows and the letters use, for a saved household's check on every route of the check (the question
sequences of kinship_app/flow.py), and the quick check assesses once and saves nothing.

Driven through the real main window, the real question pages and the real store. The household
"not in paid work" is the case that used to differ: the screen assessed the bare answers and listed
flexible working, the stored run (the saved facts merged in) did not.
"""

from __future__ import annotations

import datetime as dt

import pytest
from check_driver import answer, check_screen, run_check, see_result
from test_households_helpers import button, click, store, visible_text  # noqa: F401 (fixtures)

from kinship_app import flow
from kinship_app.result import category_title
from kinship_app.wording import render

LEEDS = "E08000035"
BASE = {"relationship": "grandparent", "living": "28_plus", "age": 9}
# (answers, the household's saved facts, the route it must take): every route of the check, and
# the kinds of answer that end each one differently.
CASES = {
    "sgo, not in paid work": (dict(BASE, order="special_guardianship_order", looked_after_before="yes",
                                   parents="none", council=LEEDS), {"household": {"employed": False}},
                              ("relationship", "living", "age", "order", "looked_after_before", "parents", "council")),
    "lives-with order, in paid work": (dict(BASE, order="cao_lives_with", looked_after_before="no",
                                            parents="one_father_not_known", council=LEEDS),
                                       {"household": {"employed": True}},
                                       ("relationship", "living", "age", "order", "looked_after_before", "parents",
                                        "council")),
    "lives-with order, one parent died": (dict(BASE, order="cao_lives_with", looked_after_before="no",
                                               parents="one_other_unavailable", council=LEEDS), {},
                                          ("relationship", "living", "age", "order", "looked_after_before",
                                           "parents", "council")),
    "one parent died, the other parent's situation not known": (
        dict(BASE, order="none", services="family", parents="one_unsure", council=LEEDS), {},
        ("relationship", "living", "age", "order", "services", "parents", "council")),
    # Six questions leave room in the budget: paid work is asked ahead (issue 11).
    "adoption": (dict(BASE, order="adoption_order", looked_after_before="unknown", council=flow.UNSURE,
                      employed="yes"), {},
                 ("relationship", "living", "age", "order", "looked_after_before", "council", "employed")),
    "kinship foster care": (dict(BASE, order="none", services="looked_after", approved="temporary", council=LEEDS),
                            {"household": {"employed": False}},
                            ("relationship", "living", "age", "order", "services", "approved", "council")),
    "private fostering, disabled 16-year-old": (
        dict(BASE, relationship="great_aunt_uncle", age=16, disabled="yes", order="none", services="family",
             parents="none", council=LEEDS), {},
        ("relationship", "living", "age", "order", "services", "parents", "council")),
    "not sure of much": (dict(BASE, living=flow.UNSURE, age=flow.UNSURE, order=flow.UNSURE, services=flow.UNSURE,
                              parents=flow.UNSURE, council=flow.UNSURE), {},
                         ("relationship", "living", "age", "order", "services", "parents", "council")),
    "a parent": ({"relationship": "parent", "employed": "no"}, {"household": {"employed": False}},
                 ("relationship", "employed")),
}


def test_the_cases_cover_every_route_of_the_check():
    routes = set()

    def walk(qid, answers):
        if qid == flow.END:
            routes.add(tuple(flow.path(answers)))
            return
        q = flow.QUESTIONS[qid]
        for code in [o.code for o in q.options] or [flow.UNSURE, 9]:
            nxt = dict(answers, **{qid: code})
            walk(q.next(nxt), nxt)

    walk(flow.START, {})
    assert routes == {route for _answers, _facts, route in CASES.values()}
    for answers, _facts, route in CASES.values():
        assert tuple(flow.path(answers)) == route and flow.is_complete(answers)


def _settle(qtbot, window):
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=30000)


def _entitlement_titles(widget) -> set[str]:
    """The titles of the entitlement cards shown on the result screen."""
    from PySide6.QtWidgets import QLabel, QWidget

    titles = set()
    for card in widget.findChildren(QWidget):
        if card.objectName().startswith("entitlement_") and card.isVisibleTo(widget):
            first = next(lb for lb in card.findChildren(QLabel) if lb.text())
            titles.add(first.text())
    return titles


@pytest.mark.parametrize("name", list(CASES))
def test_the_screen_history_and_letters_show_the_one_stored_run(qtbot, window, ctx, store, name):
    from kinship_app import casework, letters
    from kinship_app.letters.content import Heading
    from kinship_app.store import CarerRecord, ChildRecord

    answers, facts, route = CASES[name]
    record = store.create_household(carers=[CarerRecord(name="Margaret Ellis")],
                                    children=[ChildRecord(name="Ellis Ward", facts=facts,
                                                          people={"employer": {"name": "Leeds Bakery"}})])
    child = record.children[0]

    window.check_household(record.id, child.id)
    qtbot.waitUntil(lambda: window.current_key() == "check")
    check = check_screen(window)
    asked = []
    while check.mode == "question":
        asked.append(check.current)
        answer(qtbot, window, check.current, answers[check.current], answers.get("disabled"))
    assert tuple(asked) == route
    results = see_result(qtbot, window)
    _settle(qtbot, window)

    # The screen.
    shown = results.assessment.to_meaning()  # what the store keeps: the meaning, not the words
    words = results.shown()  # ... and the words the screen made of it
    on_screen = _entitlement_titles(results)
    assert results.heading.text() == category_title(results.assessment.category)
    assert on_screen == {e.title for e in words.entitlements}

    # History: one run, and it is what the screen shows.
    runs = store.history(child.id)
    assert len(runs) == 1 and runs[0].result == shown
    assert check.result.run.id == runs[0].id
    households = window.show_screen("households")
    households.open_household(record.id)
    _settle(qtbot, window)
    click(qtbot, button(households, "History"))
    click(qtbot, button(households, "▶ What was said then"))
    history = visible_text(households.history)
    assert category_title(results.assessment.category) in history
    said = {line[2:] for line in history.splitlines() if line.startswith("• ")}
    assert on_screen <= {s.split(" — ")[0] for s in said}

    # The letters: the same run, the same case the store assembles (with the letter details typed).
    click(qtbot, button(households, "Letters"))
    panel = households.letters
    assert panel.assessment.to_meaning() == shown
    assert panel.case == store.case_for(child.id) == check.result.case
    assert panel.case.people["employer"] == {"name": "Leeds Bakery"}
    assert [i.id for i in panel.letters] == [i.id for i in letters.available_letters(panel.case, results.assessment)]
    summary = letters.build_letter("support_summary", panel.case, panel.assessment, dt.date(2026, 11, 22))
    headings = {b.text for b in summary.blocks if isinstance(b, Heading)}
    # The summary puts the advice line near the top under its own heading, every other one by its title.
    advice = words.entitlement("advice_line")
    assert on_screen - {advice.title if advice else ""} <= headings
    assert ("Free, independent advice" in headings) == (advice is not None)

    # What the bare answers would have said differs only by what the household's saved facts add.
    quick = render(casework.assess_answers(answers, dt.date(2026, 11, 22)).assessment, "en")
    for e in quick.entitlements:
        if e.title not in on_screen:
            assert e.title not in history and e.title not in headings, e.title
    if facts.get("household", {}).get("employed") is False and results.assessment.kinship is not False:
        flexible = next((e.title for e in quick.entitlements if e.code == "flexible_working"), None)
        assert flexible is not None  # the bare answers would have listed it ...
        assert flexible not in on_screen and flexible not in history and flexible not in headings  # ... not here


def test_the_quick_check_shows_and_offers_letters_from_one_assessment_and_saves_nothing(qtbot, window, ctx):
    answers = dict(BASE, order="special_guardianship_order", looked_after_before="yes", parents="none", council=LEEDS)
    run_check(qtbot, window, answers)
    results = see_result(qtbot, window)
    _settle(qtbot, window)
    check = check_screen(window)
    assert check.result.run is None and check.result.assessment is results.assessment
    letters_screen = window.show_screen("letters")
    assert letters_screen.panel.assessment is results.assessment
    assert letters_screen.panel.case == check.result.case
    assert "Working" not in visible_text(window.footer)
    assert not ctx.store_exists()  # nothing written: no database was even made
