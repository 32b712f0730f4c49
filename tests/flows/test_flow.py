"""The question flow as data: reachable, short, worded, and producing cases the contract accepts."""

import itertools

import pytest

from kinship_app import flow
from kinship_app.case import parse_case

COUNCIL = "E08000035"  # Leeds


def all_routes():
    """Every route through the questions, as the answers given along it."""
    routes = []

    def walk(qid, answers):
        if qid == flow.END:
            routes.append(answers)
            return
        q = flow.QUESTIONS[qid]
        if q.kind == "age":
            values = [flow.UNSURE, 9, 16]
        elif q.kind == "council":
            values = [flow.UNSURE, COUNCIL]
        else:
            values = [o.code for o in q.options]
        for value in values:
            nxt = dict(answers, **{qid: value})
            if qid == "age" and flow.needs_disability(value):
                for disabled in ("yes", "no", flow.UNSURE):
                    with_d = dict(nxt, disabled=disabled)
                    walk(q.next(with_d), with_d)
            else:
                walk(q.next(nxt), nxt)

    walk(flow.START, {})
    return routes


ROUTES = all_routes()


def test_every_question_is_reachable():
    reached = set(itertools.chain.from_iterable(flow.path(r) for r in ROUTES))
    assert reached == set(flow.QUESTIONS)


def test_longest_path_is_at_most_seven_questions():
    # UX.md: at most 7 questions on the longest path. "The other parent" (Guardian's Allowance's other
    # routes) opens on the parents' page; paid work is asked only where a route has room for it.
    assert max(len(flow.path(r)) for r in ROUTES) == flow.longest_path_length() == flow.QUESTION_BUDGET == 7


def test_every_route_ends_at_check_your_answers():
    for answers in ROUTES:
        assert flow.is_complete(answers), answers


@pytest.mark.parametrize("qid", list(flow.QUESTIONS))
def test_every_question_and_option_has_words(qid):
    q = flow.QUESTIONS[qid]
    for text in (q.title, q.summary, q.error, q.help_title, q.help):
        assert text.strip()
    assert q.title.endswith("?")
    codes = [o.code for o in q.options]
    assert len(codes) == len(set(codes))
    for option in q.options:
        assert option.text.strip()


@pytest.mark.parametrize("qid", [q for q in flow.QUESTIONS if flow.QUESTIONS[q].kind == "choice"])
def test_every_choice_question_has_an_honest_not_sure(qid):
    assert flow.UNSURE in [o.code for o in flow.QUESTIONS[qid].options]


def test_every_relationship_code_is_offered():
    from kinship_app.case import RELATIONSHIPS

    offered = {o.code for o in flow.QUESTIONS["relationship"].options} - {flow.UNSURE}
    assert offered == set(RELATIONSHIPS)


def test_every_order_code_is_offered():
    from kinship_app.case import ORDERS

    offered = {o.code for o in flow.QUESTIONS["order"].options} - {flow.UNSURE}
    assert offered == set(ORDERS)


def test_every_route_gives_a_case_the_contract_accepts():
    for answers in ROUTES:
        case = parse_case(flow.answers_to_case(answers))
        assert case.to_dict()


def test_not_sure_reaches_the_case_as_not_known():
    answers = {"relationship": flow.UNSURE, "living": flow.UNSURE, "age": flow.UNSURE, "order": flow.UNSURE,
               "services": flow.UNSURE, "parents": flow.UNSURE, "council": flow.UNSURE}
    case = parse_case(flow.answers_to_case(answers))
    assert case.carer.relationship is None
    assert case.arrangement.lives_with_carer is None
    assert case.child.age is None
    assert case.arrangement.order is None
    assert case.child.legal_status is None
    assert case.arrangement.council_arranged is None
    assert case.household.parents_died is None  # not the contract's default of 0
    assert case.household.surviving_parent_unavailable is None
    assert case.household.council is None


def test_a_changed_answer_drops_answers_no_longer_on_the_route():
    answers = {"relationship": "grandparent", "living": "28_plus", "age": 9, "order": "none",
               "services": "looked_after", "approved": "full", "council": COUNCIL}
    answers["order"] = "special_guardianship_order"
    kept = flow.relevant_answers(answers)
    assert "services" not in kept and "approved" not in kept
    assert flow.path(answers)[-1] == "looked_after_before"


def test_disability_is_asked_only_at_16_and_17():
    assert [a for a in range(0, 26) if flow.needs_disability(a)] == [16, 17]
    answers = {"relationship": "friend_of_family", "living": "28_plus", "age": 9, "disabled": "yes"}
    assert "disabled" not in flow.relevant_answers(answers)
    answers["age"] = 17
    assert parse_case(flow.answers_to_case(answers)).child.disabled is True


def test_living_answers_map_to_days():
    def arrangement(living):
        return parse_case(flow.answers_to_case({"relationship": "grandparent", "living": living})).arrangement

    assert arrangement("28_plus").days_so_far == 28
    assert (arrangement("under_28_lasting").days_so_far, arrangement("under_28_lasting").expected_days) == (1, 28)
    assert arrangement("under_28_open").expected_days is None
    assert arrangement("under_28_ending").expected_days == 27
    assert arrangement("part_time").lives_with_carer == "part_of_the_time"


# -- reopening a finished check from its facts -------------------------------------------------------

def test_every_route_comes_back_from_its_case_unchanged():
    """answers -> case -> answers, over every route through the questions (every option of every
    question, "I'm not sure" included), through JSON as the store keeps the facts."""
    import json

    for answers in ROUTES:
        facts = json.loads(json.dumps(flow.answers_to_case(answers)))
        assert flow.case_to_answers(facts) == flow.relevant_answers(answers), answers


ANSWER_VALUES = {qid: ([flow.UNSURE, 0, 9, 16, 17, 25] if q.kind == "age" else
                       [flow.UNSURE, COUNCIL, "E09000033"] if q.kind == "council" else [o.code for o in q.options])
                 for qid, q in flow.QUESTIONS.items()}


def test_any_answers_so_far_come_back_from_their_case():
    """Half-finished and changed answers too (stale answers off the route, a gap before the end)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    question_answers = st.fixed_dictionaries({}, optional={
        qid: st.sampled_from(values) for qid, values in ANSWER_VALUES.items()})

    @settings(max_examples=400, deadline=None)
    @given(question_answers, st.sampled_from(["yes", "no", flow.UNSURE, None]))
    def check(answers, disabled):
        if disabled is not None and flow.needs_disability(answers.get("age")):
            answers = dict(answers, disabled=disabled)
        elif flow.needs_disability(answers.get("age")):
            answers = {k: v for k, v in answers.items() if k != "age"}  # the age page asks both at once
        assert flow.case_to_answers(flow.answers_to_case(answers)) == flow.relevant_answers(answers)

    check()


def test_facts_from_elsewhere_fill_what_they_say_and_leave_the_rest_unanswered():
    # A household saved with an adviser's facts: no parents recorded, days instead of an answer.
    facts = {"child": {"age": 9, "looked_after_before_order": True}, "carer": {"relationship": "grandparent"},
             "arrangement": {"order": "special_guardianship_order", "days_so_far": 400},
             "household": {"council": COUNCIL, "employed": True}}
    answers = flow.case_to_answers(facts)
    assert answers == {"relationship": "grandparent", "living": "28_plus", "age": 9,
                       "order": "special_guardianship_order", "looked_after_before": "yes", "council": COUNCIL,
                       "employed": "yes"}
    assert not flow.is_complete(answers) and flow.path(answers)[-1] == "parents"


def test_contract_nulls_come_back_as_not_sure_and_precise_statuses_as_their_answer():
    facts = {"child": {"age": None, "legal_status": "care_order"}, "carer": {"relationship": None,
             "approved_foster_carer": None}, "arrangement": {"order": "none", "lives_with_carer": None},
             "household": {"council": None}}
    assert flow.case_to_answers(facts) == {
        "relationship": flow.UNSURE, "living": flow.UNSURE, "age": flow.UNSURE, "order": "none",
        "services": "looked_after", "approved": flow.UNSURE, "council": flow.UNSURE}


def test_a_fact_no_single_answer_gives_is_asked_again():
    # One parent has died and nobody knows about the other: neither "one" nor the other option is true.
    facts = {"household": {"parents_died": 1, "surviving_parent_unavailable": "unknown"}}
    assert "parents" not in flow.case_to_answers(dict(facts, carer={"relationship": "aunt_uncle"}))
    # At 16 the age page also asks about disability: an age without it is asked again.
    assert "age" not in flow.case_to_answers({"carer": {"relationship": "aunt_uncle"}, "child": {"age": 16}})
    assert flow.case_to_answers({}) == {}


@pytest.mark.parametrize("answer, situation, unavailable, ga", [
    ("one_father_not_known", "father_not_known", False, True),
    ("one_divorced", "divorced_no_custody_no_maintenance", False, True),
    ("one", "none", False, False),
    ("one_unsure", flow.UNSURE, flow.UNSURE, True),
    ("one_other_unavailable", None, True, True),
])
def test_the_other_parent_on_the_parents_page_reaches_guardians_allowance(answer, situation, unavailable, ga):
    import datetime as dt

    from kinship_app.assess import assess
    from kinship_app.case import parse_case

    answers = {"relationship": "grandparent", "living": "28_plus", "age": 9, "order": "none",
               "services": "family"}
    assert flow.path(answers)[-1] == "parents"
    assert answer in {g: m for g, _t, m in flow.PARENTS_GROUPS}["group_one"]
    answers["parents"] = answer
    assert flow.next_question(answers, "parents") == "council"
    case = flow.answers_to_case(answers)
    assert case["household"]["parents_died"] == 1
    assert case["household"]["surviving_parent_unavailable"] == unavailable
    assert case["household"].get("other_parent_situation") == situation
    result = assess(parse_case(case), dt.date(2026, 11, 22))
    assert (result.entitlement("guardians_allowance") is not None) is ga
    assert flow.case_to_answers(case)["parents"] == answer


def test_facts_saved_before_the_other_parent_was_asked_ask_the_parents_page_again():
    # One parent died, the other not unavailable, and nothing recorded about the other parent: none of
    # the five answers under "One parent has died" is known to be true.
    facts = {"carer": {"relationship": "aunt_uncle"}, "household": {"parents_died": 1}}
    assert "parents" not in flow.case_to_answers(facts)
    facts["household"]["other_parent_situation"] = "father_not_known"
    assert flow.case_to_answers(facts)["parents"] == "one_father_not_known"
