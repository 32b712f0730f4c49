"""One table of facts: each fact of a case (CONTRACT.md "Input: a case"), the question of the quick
check that settles it, and the words for it; with the mapping between a check's answers and a case.

Everything that names a fact uses this table: the check (``kinship_app.flow``: the questions and
their answer words), the results (``kinship_app.wording``: "we would need to know …"), the summary
letter, the results screen's "Answer this" links, and the store (which facts a saved household keeps
that the check never asks). The mapping both ways:

- ``answers_to_case(answers) -> case JSON`` (answers -> case facts), from ``ANSWER_FACTS``: for each
  question, the facts each of its answers gives;
- ``case_to_answers(case JSON) -> answers`` (case facts -> answers), to reopen a finished check:
  an answer comes back when the case holds exactly the facts it gives (``ANSWER_FACTS`` read the
  other way), except where a fact can be more precise than any answer (days, a legal basis, the
  council), which a small reader per question handles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kinship_app.flow import END, QUESTIONS, START, UNSURE, needs_disability, relevant_answers
from kinship_app.i18n import N_


@dataclass(frozen=True)
class Fact:
    name: str  # the contract's dotted field, e.g. "child.age"
    question: str | None  # the quick check's question that settles it; None: the check never asks it
    words: str  # N_(): what it is, as in "we would need to know: how old the child is"
    sometimes: bool = False  # asked only on some routes (disability only at 16 and 17)


FACTS: dict[str, Fact] = {f.name: f for f in (
    Fact("carer.relationship", "relationship", N_("who you are to the child")),
    Fact("arrangement.lives_with_carer", "living", N_("whether the child lives with you most of the time")),
    Fact("arrangement.days_so_far", "living", N_("how long the child has lived with you")),
    Fact("arrangement.expected_days", "living", N_("how long the arrangement is meant to last")),
    Fact("child.age", "age", N_("how old the child is")),
    Fact("child.disabled", "age", N_("whether the child is disabled"), sometimes=True),
    Fact("arrangement.order", "order", N_("which court order, if any, you have")),
    Fact("child.looked_after_before_order", "looked_after_before",
         N_("whether the child was looked after by the council just before the order")),
    Fact("child.legal_status", "services", N_("whether the child is looked after by the council")),
    Fact("arrangement.council_arranged", "services",
         N_("whether children's services arranged for the child to live with you")),
    Fact("arrangement.court_involved", "services",
         N_("whether a family court has looked at the child's arrangements")),
    Fact("carer.approved_foster_carer", "approved", N_("whether you are approved as a foster carer for the child")),
    Fact("household.parents_died", "parents", N_("whether either of the child's parents has died")),
    Fact("household.surviving_parent_unavailable", "parents", N_("whether the other parent can be found")),
    Fact("household.council", "council", N_("which council area you live in")),
    Fact("household.employed", None, N_("whether you are in paid work")),
)}

# Who the carer is to the child, as words inside a sentence ("You are {who}: …"). The check's own
# answer words (its options) are in kinship_app.flow.RELATIONSHIP_OPTIONS.
RELATIONSHIPS = {
    "grandparent": N_("a grandparent"), "sibling": N_("a brother or sister"), "aunt_uncle": N_("an aunt or uncle"),
    "great_aunt_uncle": N_("a great-aunt or great-uncle"), "cousin": N_("a cousin"),
    "other_relative": N_("a relative"), "step_parent": N_("a step-parent still with the child's parent"),
    "former_step_parent": N_("a former step-parent"),
    "former_partner_of_parent": N_("a former partner of the child's parent"),
    "friend_of_child": N_("a friend of the child"), "friend_of_family": N_("a close friend of the family"),
    "family_of_half_sibling": N_("family of the child's half-brother or half-sister"),
    "prior_connection": N_("someone who knew the child before (such as a teacher or childminder)"),
    "no_prior_connection": N_("someone who did not know the child before"), "parent": N_("the child's parent"),
}


def question_for(name: str) -> str | None:
    """The question that settles fact ``name`` (None when the check does not ask it)."""
    fact = FACTS.get(name)
    return fact.question if fact else None


def unasked() -> dict[str, tuple[str, ...]]:
    """Per case section, the facts the quick check does not always ask: a household's saved value
    of these is kept when a check's answers are merged into it."""
    out: dict[str, list[str]] = {}
    for fact in FACTS.values():
        if fact.question is None or fact.sometimes:
            section, key = fact.name.split(".", 1)
            out.setdefault(section, []).append(key)
    return {k: tuple(v) for k, v in out.items()}


# -- the mapping both ways ------------------------------------------------------------------------

class Default:
    """A fact an answer gives only when no earlier answer has given it (an order already says a
    court was involved)."""

    def __init__(self, value: Any):
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Default) and other.value == self.value

    def __repr__(self) -> str:
        return f"Default({self.value!r})"


MOST, PART = "most_of_the_time", "part_of_the_time"
# Question -> answer code -> the facts that answer gives ("section.field": value). "unknown" reaches
# the case as the contract's "not known"; null where the contract has no "unknown".
ANSWER_FACTS: dict[str, dict[Any, dict[str, Any]]] = {
    "living": {
        "28_plus": {"arrangement.lives_with_carer": MOST, "arrangement.days_so_far": 28},
        "under_28_lasting": {"arrangement.lives_with_carer": MOST, "arrangement.days_so_far": 1,
                             "arrangement.expected_days": 28},
        "under_28_open": {"arrangement.lives_with_carer": MOST, "arrangement.days_so_far": 1,
                          "arrangement.expected_days": None},
        "under_28_ending": {"arrangement.lives_with_carer": MOST, "arrangement.days_so_far": 1,
                            "arrangement.expected_days": 27},
        "part_time": {"arrangement.lives_with_carer": PART},
        UNSURE: {"arrangement.lives_with_carer": UNSURE},
    },
    "disabled": {"yes": {"child.disabled": True}, "no": {"child.disabled": False},
                 UNSURE: {"child.disabled": UNSURE}},
    "looked_after_before": {"yes": {"child.looked_after_before_order": True},
                            "no": {"child.looked_after_before_order": False},
                            UNSURE: {"child.looked_after_before_order": None}},
    "services": {
        "looked_after": {"child.legal_status": "looked_after"},
        "council_arranged": {"child.legal_status": "none", "arrangement.council_arranged": True},
        "court_no_order": {"child.legal_status": "none", "arrangement.court_involved": True},
        "family": {"child.legal_status": "none", "arrangement.council_arranged": False,
                   "arrangement.court_involved": Default(False)},
        UNSURE: {"child.legal_status": UNSURE, "arrangement.council_arranged": UNSURE,
                 "arrangement.court_involved": Default(UNSURE)},
    },
    "parents": {
        "none": {"household.parents_died": 0, "household.surviving_parent_unavailable": False},
        "one": {"household.parents_died": 1, "household.surviving_parent_unavailable": False},
        "one_other_unavailable": {"household.parents_died": 1, "household.surviving_parent_unavailable": True},
        "both": {"household.parents_died": 2},
        # "unknown", not null: null takes the contract's default of 0 and Guardian's Allowance would
        # silently drop out; "unknown" keeps it as "may qualify" and names the fact to check.
        UNSURE: {"household.parents_died": UNSURE, "household.surviving_parent_unavailable": UNSURE},
    },
}
# Questions whose answer is the fact's own value (a code, a number).
ANSWER_IS_FACT = {"relationship": "carer.relationship", "approved": "carer.approved_foster_carer",
                  "order": "arrangement.order", "age": "child.age", "council": "household.council"}
ORDERS_IN_COURT = frozenset(o.code for o in QUESTIONS["order"].options) - {"none", UNSURE}


def answer_facts(qid: str, answer: Any) -> dict[str, Any]:
    """The facts one answer gives (``Default`` values only where no earlier answer gave them)."""
    if qid in ANSWER_FACTS:
        return dict(ANSWER_FACTS[qid].get(answer, {}))
    field = ANSWER_IS_FACT.get(qid)
    if field is None:
        return {}
    if qid == "age":
        if isinstance(answer, int) and not isinstance(answer, bool):
            return {field: answer}
        return {field: None} if answer == UNSURE else {}  # the contract's "not known" for a number
    if qid == "council":
        return {field: None if answer == UNSURE else answer} if answer else {}
    out = {field: answer}
    if qid == "order" and answer in ORDERS_IN_COURT:
        out["arrangement.court_involved"] = True
    return out


def answers_to_case(answers: dict[str, Any]) -> dict[str, Any]:
    """The contract JSON for these answers (CONTRACT.md "Input: a case"); unknowns as "unknown" or
    null. Only answers on the current route count."""
    case: dict[str, dict[str, Any]] = {"child": {}, "carer": {}, "arrangement": {}, "household": {}}
    for qid, answer in relevant_answers(answers).items():
        for name, value in answer_facts(qid, answer).items():
            section, key = name.split(".", 1)
            if isinstance(value, Default):
                case[section].setdefault(key, value.value)
            else:
                case[section][key] = value
    return case


def case_to_answers(case: dict[str, Any]) -> dict[str, Any]:
    """The answers that give these facts (the inverse of ``answers_to_case``), to reopen a finished
    check at "Check your answers". "unknown", or null where the contract has no "unknown", comes
    back as "I'm not sure"; a question the facts say nothing about is left unanswered, and so is
    one whose facts no single answer gives (it is asked again rather than guessed)."""
    def part(name: str) -> dict[str, Any]:
        value = case.get(name) if isinstance(case, dict) else None
        return value if isinstance(value, dict) else {}

    sections = {name: part(name) for name in ("child", "carer", "arrangement", "household")}
    child, arrangement, household = sections["child"], sections["arrangement"], sections["household"]
    answers: dict[str, Any] = {}

    for qid in ("relationship", "approved", "order"):
        section, key = ANSWER_IS_FACT[qid].split(".", 1)
        if key in sections[section]:
            value = sections[section][key]
            answers[qid] = value if value is not None else UNSURE

    living = _living_answer(arrangement)
    if living is not None:
        answers["living"] = living

    if "age" in child:
        age = child["age"]
        if age is None or age == UNSURE:
            answers["age"] = UNSURE
        elif isinstance(age, int) and not isinstance(age, bool):
            disabled = None
            if "disabled" in child:
                disabled = UNSURE if child["disabled"] is None else _read("disabled", sections)
            if not needs_disability(age):
                answers["age"] = age
            elif disabled is not None:  # at 16 and 17 the age page asks both; half an answer is no answer
                answers.update(age=age, disabled=disabled)

    if "looked_after_before_order" in child:
        answers["looked_after_before"] = _read("looked_after_before", sections) or UNSURE

    services = _services_answer(child, arrangement)
    if services is not None:
        answers["services"] = services

    parents = _parents_answer(household)
    if parents is not None:
        answers["parents"] = parents

    if "council" in household:
        answers["council"] = household["council"] or UNSURE

    # Keep what is on the facts' route even past a question left unanswered, so that the pages after
    # it open filled in; answers the route no longer reaches (stale facts) are dropped.
    route, current = [], START
    while current != END and current not in route:
        route.append(current)
        current = QUESTIONS[current].next(answers)
    kept = {qid: answers[qid] for qid in route if qid in answers}
    if "disabled" in answers and "age" in kept:
        kept["disabled"] = answers["disabled"]
    return kept


def _read(qid: str, sections: dict[str, dict[str, Any]]) -> str | None:
    """The answer whose facts (``ANSWER_FACTS[qid]``) the case holds exactly, if one does."""
    for answer, facts in ANSWER_FACTS[qid].items():
        if all(_holds(sections, name, value) for name, value in facts.items()):
            return answer
    return None


def _holds(sections: dict[str, dict[str, Any]], name: str, value: Any) -> bool:
    section, key = name.split(".", 1)
    if isinstance(value, Default):
        return True
    have = sections[section].get(key, "absent")
    return have == value and type(have) is type(value)


def _living_answer(arrangement: dict[str, Any]) -> str | None:
    lives = arrangement.get("lives_with_carer", MOST if "days_so_far" in arrangement else None)
    if lives == PART:
        return "part_time"
    if lives == UNSURE or (lives is None and "lives_with_carer" in arrangement):
        return UNSURE
    days = arrangement.get("days_so_far")
    if lives != MOST or not isinstance(days, int):
        return None
    if days >= 28:
        return "28_plus"  # any count from 28 is "28 days or more"
    expected = arrangement.get("expected_days")
    if expected is None:
        return "under_28_open"
    return "under_28_lasting" if expected >= 28 else "under_28_ending"


def _services_answer(child: dict[str, Any], arrangement: dict[str, Any]) -> str | None:
    from kinship_app.case import LOOKED_AFTER_STATUSES

    status = child.get("legal_status", "absent")
    if status in LOOKED_AFTER_STATUSES:
        return "looked_after"  # any legal basis (a care order, section 20) is "in the council's care"
    if status == UNSURE or status is None:
        return UNSURE
    if status != "none":
        return None
    council_arranged, court = arrangement.get("council_arranged"), arrangement.get("court_involved")
    if council_arranged is True:
        return "council_arranged"
    # An order itself sets court_involved, so only without one does it mean a court made no order.
    if court is True and arrangement.get("order", "none") in ("none", UNSURE, None):
        return "court_no_order"
    if council_arranged is False:
        return "family"
    return "court_no_order" if court is True else None


def _parents_answer(household: dict[str, Any]) -> str | None:
    if "parents_died" not in household:
        return None
    died, other = household["parents_died"], household.get("surviving_parent_unavailable")
    if died is None or died == UNSURE:
        return UNSURE
    if died == 0:
        return "none"
    if died == 2:
        return "both"
    if died == 1 and other is True:
        return "one_other_unavailable"
    if died == 1 and household.get("surviving_parent_unavailable", False) is False:
        return "one"  # absent is the contract's default: the other parent is not unavailable
    return None  # one parent has died and whether the other is available is not known: ask again
