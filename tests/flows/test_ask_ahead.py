"""The check asks ahead what the result will need, when the route has room for it (issue 11).

Paid work decides two results (flexible working, parental leave) and no route always asks it. It is
asked after the council exactly when (a) the route so far leaves room in UX.md's budget of seven
questions and (b) the rules, given the answers so far, would otherwise say "we need to know whether
you are in paid work". Both halves are checked here against the rules themselves, route by route.
"""

import datetime as dt

import pytest

from kinship_app import flow
from kinship_app.assess import assess
from kinship_app.case import parse_case

COUNCIL = "E08000035"  # Leeds
DAY = dt.date(2026, 12, 6)
AGES = [flow.UNSURE, 0, 9, 16, 17, 18, 21]


def routes_to_council(fits_only: bool):
    """Every route's answers up to its last question before paid work (the council as one of two
    values)."""
    found = []

    def walk(qid, answers):
        if qid in ("employed", flow.END):
            found.append(answers)
            return
        if fits_only and len(flow.path(answers)) > flow.QUESTION_BUDGET - 2 and qid != "council":
            return  # the council and paid work would not both fit: not a route this test needs
        q = flow.QUESTIONS[qid]
        values = {"age": AGES, "council": [flow.UNSURE, COUNCIL]}.get(q.kind) or [o.code for o in q.options]
        for value in values:
            nxt = dict(answers, **{qid: value})
            if qid == "age" and flow.needs_disability(value):
                for disabled in ("yes", "no", flow.UNSURE):
                    walk(q.next(dict(nxt, disabled=disabled)), dict(nxt, disabled=disabled))
            else:
                walk(q.next(nxt), nxt)

    walk(flow.START, {})
    return found


def needs_paid_work(answers) -> bool:
    return "household.employed" in assess(parse_case(flow.answers_to_case(answers)), DAY).missing


FITTING = routes_to_council(fits_only=True)


def test_some_routes_have_room_and_some_do_not():
    asked = [a for a in FITTING if "employed" in flow.path(a)]
    assert asked and len(asked) < len(FITTING)


@pytest.mark.parametrize("chunk", range(4))
def test_paid_work_is_asked_exactly_where_it_fits_and_the_result_would_need_it(chunk):
    for answers in FITTING[chunk::4]:
        route = flow.path(answers)  # ends at paid work (unanswered) when it is asked
        asked = route[-1] == "employed"
        assert asked or flow.is_complete(answers)
        fits = len(route) - asked + 1 <= flow.QUESTION_BUDGET
        assert asked == (fits and needs_paid_work(answers)), (answers, route)
        if asked:
            # Answered, the result no longer needs it, and the route is within the budget.
            for answer in ("yes", "no"):
                done = dict(answers, employed=answer)
                assert flow.is_complete(done) and len(flow.path(done)) <= flow.QUESTION_BUDGET
                assert not needs_paid_work(done)


def test_no_route_asks_more_than_the_budget_even_with_paid_work():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from test_flow import ROUTES

    assert any("employed" in flow.path(r) for r in ROUTES)
    assert all(len(flow.path(r)) <= flow.QUESTION_BUDGET for r in ROUTES)


def test_a_longer_route_leaves_paid_work_to_the_result_page():
    # Seven questions already: the result page asks it instead ("Are you in paid work?" inline).
    answers = {"relationship": "grandparent", "living": "28_plus", "age": 9, "order": "none",
               "services": "family", "parents": "none", "council": COUNCIL}
    assert len(flow.path(answers)) == flow.QUESTION_BUDGET and flow.is_complete(answers)
    assert needs_paid_work(answers)


def test_an_adopter_is_asked_and_the_answer_reaches_the_case_and_back():
    answers = {"relationship": "aunt_uncle", "living": "28_plus", "age": 7, "order": "adoption_order",
               "looked_after_before": "yes", "council": COUNCIL}
    assert not flow.is_complete(answers) and flow.path(answers)[-1] == "employed"
    for answer, value in (("yes", True), ("no", False), (flow.UNSURE, None)):
        done = dict(answers, employed=answer)
        case = flow.answers_to_case(done)
        assert case["household"]["employed"] is value
        assert flow.case_to_answers(case) == done
    unsure = dict(answers, employed=flow.UNSURE)
    assert flow.is_complete(unsure) and needs_paid_work(unsure)  # "not sure" stays not known


def test_a_parent_is_asked_too():
    # A parent raising their own child: one question, then paid work (flexible working is anyone's).
    assert flow.path({"relationship": "parent"}) == ["relationship", "employed"]
    assert flow.is_complete({"relationship": "parent", "employed": "yes"})
    assert not needs_paid_work({"relationship": "parent", "employed": "yes"})


def test_paid_work_answered_on_the_result_page_is_kept_whatever_the_route():
    answers = {"relationship": "grandparent", "living": "28_plus", "age": 9, "order": "none",
               "services": "family", "parents": "none", "council": COUNCIL, "employed": "no"}
    assert flow.relevant_answers(answers)["employed"] == "no"
    assert flow.case_to_answers(flow.answers_to_case(answers)) == answers
    assert not needs_paid_work(answers)
