"""The quick check's questions, declared as data, and the small routing between them.

GOV.UK Smart Answers' lesson (ARCHITECTURE.md, 6): questions and options are data; where to go next
is a tiny function per question. The flow only collects answers: ``ANSWER_FACTS`` says which facts
each answer gives, read both ways by ``answers_to_case`` and ``case_to_answers`` (a contract case,
CONTRACT.md, and back); ``kinship_app.facts`` puts them beside each fact's question and words. Every question has an honest "I'm not
sure" that moves on; its answer reaches the case as "unknown" or null, never as a guessed default.

The longest path is seven questions, UX.md's budget (relationship, living, age, order, council
involvement or looked after before the order, foster approval or parents, council); tests/flows
hold us to it. When one parent has died, the parents' page opens what Guardian's Allowance asks of
the other parent (its other routes) on the same page. What the result needs and no route always
asks (paid work) is asked at the end where the route has room (``_ask_ahead``), and otherwise
answered on the result page.
A looked-after child's carer is not asked about the parents: Guardian's Allowance rides on Child
Benefit, which is not paid while the council pays for the child's keep.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from kinship_app.i18n import N_

UNSURE = "unknown"
START = "relationship"
ORDERS_WITH_CARER = ("special_guardianship_order", "cao_lives_with", "adoption_order")
# Private fostering covers a disabled young person up to 18 rather than 16 (Children Act 1989
# s66(4)), so disability only changes anything at 16 and 17.
DISABILITY_AGES = (16, 17)
MAX_AGE = 25
# UX.md: "at most 7 questions on the longest path". A question the result needs but no route
# always asks (paid work) is asked only where it fits; elsewhere it is answered on the result.
QUESTION_BUDGET = 7


@dataclass(frozen=True)
class Option:
    code: str
    text: str
    hint: str = ""
    group: str = ""  # a visual heading shown above the first option of each group


@dataclass(frozen=True)
class Question:
    id: str
    title: str  # the page heading: the question itself
    summary: str  # the short row label on "Check your answers"
    error: str  # shown when Continue is pressed with no answer, in the question's own words
    help_title: str
    help: str
    kind: str  # "choice" | "age" | "council"
    next: Callable[[dict[str, Any]], str | None]
    options: tuple[Option, ...] = ()
    glossary: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


def _unsure(text: str = N_("I'm not sure")) -> Option:
    return Option(UNSURE, text)


RELATIONSHIP_OPTIONS = (
    Option("grandparent", N_("Grandparent"), group=N_("Family")),
    Option("sibling", N_("Brother or sister"), N_("Including half-brothers and half-sisters"), group=N_("Family")),
    Option("aunt_uncle", N_("Aunt or uncle"), N_("Including by marriage or civil partnership"), group=N_("Family")),
    Option("great_aunt_uncle", N_("Great-aunt or great-uncle"), group=N_("Family")),
    Option("cousin", N_("Cousin"), group=N_("Family")),
    Option("step_parent", N_("Step-parent"), N_("Married to, or in a civil partnership with, one of the child's parents, and still together"), group=N_("Family")),
    Option("other_relative", N_("Another relative"), group=N_("Family")),
    Option("former_step_parent", N_("Former step-parent"), group=N_("Friends and others")),
    Option("former_partner_of_parent", N_("Former partner of one of the child's parents"), N_("You lived together and treated the child as part of your family"), group=N_("Friends and others")),
    Option("family_of_half_sibling", N_("Family of the child's half-brother or half-sister"), group=N_("Friends and others")),
    Option("friend_of_family", N_("A close friend of the child's parent or family"), group=N_("Friends and others")),
    Option("friend_of_child", N_("A close friend of the child"), group=N_("Friends and others")),
    Option("prior_connection", N_("Someone who knew the child before"), N_("For example a teacher, youth worker or childminder"), group=N_("Friends and others")),
    Option("no_prior_connection", N_("Someone who did not know the child before"), group=N_("Friends and others")),
    Option("parent", N_("The child's parent"), N_("Birth parent, or a parent in law after fertility treatment"), group=N_("Parent")),
    _unsure(),
)

# The relationship question shows these first (GOV.UK radios with a conditional reveal): a group
# with more than one answer opens its answers under it when chosen, so "I'm not sure" is never far
# down the page. Each group: (code, text, the answer codes within it in RELATIONSHIP_OPTIONS).
RELATIONSHIP_GROUPS = (
    ("grandparent", N_("Grandparent"), ("grandparent",)),
    ("aunt_uncle", N_("Aunt or uncle"), ("aunt_uncle",)),
    ("sibling", N_("Brother or sister"), ("sibling",)),
    ("group_other_relative", N_("Another relative, such as a cousin or a great-aunt"),
     ("great_aunt_uncle", "cousin", "family_of_half_sibling", "other_relative")),
    ("group_step_parent", N_("Step-parent, or a parent's former partner"),
     ("step_parent", "former_step_parent", "former_partner_of_parent")),
    ("group_friend", N_("A friend, or someone the child knows"),
     ("friend_of_family", "friend_of_child", "prior_connection", "no_prior_connection")),
    ("parent", N_("The child's parent"), ("parent",)),
    (UNSURE, N_("I'm not sure"), (UNSURE,)),
)

LIVING_OPTIONS = (
    Option("28_plus", N_("28 days or more")),
    Option("under_28_lasting", N_("Less than 28 days, and it's meant to last 28 days or more")),
    Option("under_28_open", N_("Less than 28 days, and we don't know how long it will last")),
    Option("under_28_ending", N_("Less than 28 days, and it will end before 28 days")),
    Option("part_time", N_("Only part of the time"), N_("For example weekends or school holidays")),
    _unsure(),
)

ORDER_OPTIONS = (
    Option("special_guardianship_order", N_("A special guardianship order"), N_("It names you as the child's special guardian")),
    Option("cao_lives_with", N_("A child arrangements order that says the child lives with you"), N_("Sometimes called a 'lives with' order, or a residence order if it was made before April 2014")),
    Option("adoption_order", N_("An adoption order"), N_("You adopted the child")),
    Option("cao_spend_time", N_("Only an order about spending time with someone"), N_("A 'spend time' or contact order, not one saying where the child lives")),
    Option("none", N_("No, there is no court order")),
    _unsure(),
)

YES_NO_UNSURE = (Option("yes", N_("Yes")), Option("no", N_("No")), _unsure())

SERVICES_OPTIONS = (
    Option("looked_after", N_("The child is in the council's care (looked after)"), N_("For example under a care order, an interim care order or an agreement with the parents (section 20)")),
    Option("council_arranged", N_("Children's services arranged for the child to live with me, but the child is not in care")),
    Option("court_no_order", N_("A family court looked at the child's arrangements, but made no order for me")),
    Option("family", N_("No, we arranged it in the family")),
    _unsure(),
)

APPROVAL_OPTIONS = (
    Option("temporary", N_("Yes, approved for now while the council assesses me"), N_("Temporary approval, sometimes called 'regulation 24' approval")),
    Option("full", N_("Yes, fully approved as a foster carer")),
    Option("no", N_("No")),
    _unsure(),
)

# "Has either parent died?" opens, under "One parent has died", what Guardian's Allowance asks of the
# other parent (Guardian's Allowance (General) Regulations 2003): one page, so that no route passes
# UX.md's budget of seven questions. The codes are the answers; the groups only show them.
PARENTS_OPTIONS = (
    Option("none", N_("No")),
    Option("one_other_unavailable", N_("One parent has died, and the other cannot be found, is in prison for 2 years or more, or is held in hospital by a court")),
    Option("one_father_not_known", N_("The parents were not married, the mother has died and the father is not known")),
    Option("one_divorced",
           N_("The parents were divorced (or their civil partnership ended), and the parent who is alive did not "
              "have custody of the child and was not paying towards their upkeep")),
    Option("one", N_("One parent has died, and none of these describes the other parent")),
    Option("one_unsure", N_("One parent has died, and I'm not sure about the other parent")),
    Option("both", N_("Both parents have died")),
    _unsure(),
)
ONE_PARENT_DIED = ("one_other_unavailable", "one_father_not_known", "one_divorced", "one", "one_unsure")
PARENTS_GROUPS = (
    ("none", N_("No"), ("none",)),
    ("group_one", N_("One parent has died"), ONE_PARENT_DIED),
    ("both", N_("Both parents have died"), ("both",)),
    (UNSURE, N_("I'm not sure"), (UNSURE,)),
)


def _after_relationship(a: dict[str, Any]) -> str:
    # A parent raising their own child is never kinship care under the working definition: no more
    # questions about the arrangement (flexible working still needs to know about paid work).
    return _ask_ahead(a, "relationship") if a.get("relationship") == "parent" else "living"


def _after_order(a: dict[str, Any]) -> str:
    return "looked_after_before" if a.get("order") in ORDERS_WITH_CARER else "services"


def _after_looked_after_before(a: dict[str, Any]) -> str:
    # Adopters become the child's legal parents, so a birth parent's death no longer changes support.
    return "council" if a.get("order") == "adoption_order" else "parents"


def _after_services(a: dict[str, Any]) -> str:
    return "approved" if a.get("services") == "looked_after" else "parents"


def _route_to(a: dict[str, Any], stop: str) -> list[str]:
    """The questions asked before ``stop`` on these answers' route (``stop`` itself not counted)."""
    route, current = [], START
    while current not in (stop, "check_answers") and current not in route:
        route.append(current)
        current = QUESTIONS[current].next(a)
    return route


def employment_matters(a: dict[str, Any]) -> bool:
    """Whether the result will need to know if the carer is in paid work, read from the answers as
    the rules read the facts (kinship_app.entitlements: flexible working for a child who lives with
    the carer; parental leave for a carer whose order gives parental responsibility, while the child
    is a child). tests/flows/test_ask_ahead.py checks this against the rules on every route it decides."""
    if a.get("living") != "part_time":
        return True
    age = a.get("age")
    child = not isinstance(age, int) or age < _adult_age()
    return a.get("order") in ORDERS_WITH_CARER and child


def _adult_age() -> int:
    from kinship_app.data import parameters  # a dated parameter (resources/parameters/law.toml)
    import datetime as dt

    return parameters.value("adult_age", dt.date.max)  # its newest value: the check has no day


def _ask_ahead(a: dict[str, Any], last: str) -> str:
    """After a route's last question: ask what the result will need, when the route has room for it
    in UX.md's budget; otherwise it is answered on the result page."""
    fits = len(_route_to(a, last)) + 2 <= QUESTION_BUDGET  # ``last`` and this one
    return "employed" if fits and employment_matters(a) else "check_answers"


QUESTIONS: dict[str, Question] = {q.id: q for q in (
    Question(
        "relationship", N_("Who are you to the child?"), N_("Who you are to the child"),
        N_("Select who you are to the child"),
        N_("Why we ask this"),
        N_("Kinship care means a friend or family member who is not the child's parent is raising the child. "
           "The law treats some relatives differently from friends, so choose the closest answer. "
           "If you were the child's step-parent and are no longer together, choose 'Former step-parent'."),
        "choice", _after_relationship, RELATIONSHIP_OPTIONS, ("kinship_care", "relative"),
        extra={"groups": RELATIONSHIP_GROUPS, "group_error": N_("Select which of these you are to the child")},
    ),
    Question(
        "living", N_("How long has the child lived with you?"), N_("How long the child has lived with you"),
        N_("Select how long the child has lived with you"),
        N_("Why 28 days matters"),
        N_("If someone who is not a close relative looks after a child for 28 days or more, the law calls it "
           "private fostering and the council must be told. Count the days the child has lived with you "
           "most of the time, not visits."),
        "choice", lambda a: "age", LIVING_OPTIONS, ("private_fostering",),
    ),
    Question(
        "age", N_("How old is the child?"), N_("The child's age"),
        N_("Enter how old the child is, or tick 'I'm not sure'"),
        N_("Why we ask this"),
        N_("Some help depends on the child's age, for example school support, and private fostering rules "
           "stop at 16, or 18 for a disabled young person."),
        "age", lambda a: "order", (), ("private_fostering", "disabled_child"),
    ),
    Question(
        "order", N_("Has a family court made an order about where the child lives?"), N_("Court order"),
        N_("Select whether a family court has made an order about where the child lives"),
        N_("How to tell which order you have"),
        N_("The order's title is at the top of the court's paperwork. A special guardianship order and a "
           "child arrangements order both give you parental responsibility. If you are not sure, choose "
           "'I'm not sure': you can still see what may help."),
        "choice", _after_order, ORDER_OPTIONS,
        ("special_guardianship_order", "child_arrangements_order", "adoption_order", "parental_responsibility"),
    ),
    Question(
        "looked_after_before", N_("Was the child in the council's care just before the order was made?"),
        N_("In the council's care just before the order"),
        N_("Select whether the child was in the council's care just before the order was made"),
        N_("What 'in the council's care' means"),
        N_("A child is in the council's care (looked after) if they were under a care order or interim care "
           "order, or the council housed them with the parents' agreement (section 20), including with you "
           "as a foster carer. This decides some help, such as support for therapy and help at school."),
        "choice", _after_looked_after_before, YES_NO_UNSURE, ("looked_after", "section_20", "care_order"),
    ),
    Question(
        "services", N_("Are children's services involved?"), N_("Children's services"),
        N_("Select whether children's services are involved"),
        N_("What this means"),
        N_("Children's services is the council's social work team. If a social worker asked you to take the "
           "child, or the child came to you after a child protection meeting or court hearing, choose the "
           "answer that fits best. If you do not know whether the child is 'in care', choose 'I'm not sure'."),
        "choice", _after_services, SERVICES_OPTIONS, ("looked_after", "section_20", "childrens_services"),
    ),
    Question(
        "approved", N_("Have you been approved as a foster carer for this child?"), N_("Approved as a foster carer"),
        N_("Select whether you have been approved as a foster carer for this child"),
        N_("What approval means"),
        N_("When a child in the council's care lives with family or friends, the council must assess and "
           "approve the carer as a foster carer. It can approve you for a limited time first, while it assesses you."),
        "choice", lambda a: "council", APPROVAL_OPTIONS, ("foster_carer_approval", "looked_after"),
    ),
    Question(
        "parents", N_("Have either of the child's parents died?"), N_("The child's parents"),
        N_("Select whether either of the child's parents has died"),
        N_("Why we ask this"),
        N_("Guardian's Allowance can be paid to the person raising a child whose parents have died, or when "
           "one has died and the other cannot be found, is in prison for 2 years or more, or is held in hospital by a court."),
        "choice", lambda a: "council", PARENTS_OPTIONS, ("guardians_allowance",),
        extra={"groups": PARENTS_GROUPS, "group_error": N_("Select which of these describes the other parent")},
    ),
    Question(
        "council", N_("Which council area do you live in?"), N_("Council area"),
        N_("Select which council area you live in, or tick 'I'm not sure'"),
        N_("How to find your council"),
        N_("This is the council that runs children's services where you live: a county council, a unitary "
           "council, a metropolitan borough or a London borough. It is shown on your council tax bill. "
           "Type part of the name to search."),
        "council", lambda a: _ask_ahead(a, "council"), (), ("local_offer",),
    ),
    Question(
        "employed", N_("Are you in paid work?"), N_("Paid work"),
        N_("Select whether you are in paid work"),
        N_("Why we ask this"),
        N_("Some rights at work, such as asking to change your hours or taking unpaid parental leave, depend on it."),
        "choice", lambda a: "check_answers", YES_NO_UNSURE, (),
    ),
)}

END = "check_answers"


def option_text(question_id: str, code: Any) -> str:
    """The untranslated text of an answer (callers translate it), for every kind of question."""
    q = QUESTIONS[question_id]
    for option in q.options:
        if option.code == code:
            return option.text
    return ""


def path(answers: dict[str, Any]) -> list[str]:
    """The questions the answers so far make relevant, in order, ending at the first unanswered one."""
    seen, current = [], START
    while current != END and current not in seen:
        seen.append(current)
        if current not in answers:
            break
        current = QUESTIONS[current].next(answers)
    return seen


def next_question(answers: dict[str, Any], current: str) -> str:
    return QUESTIONS[current].next(answers)


def is_complete(answers: dict[str, Any]) -> bool:
    p = path(answers)
    return bool(p) and p[-1] in answers and QUESTIONS[p[-1]].next(answers) == END


def relevant_answers(answers: dict[str, Any]) -> dict[str, Any]:
    """Only the answers on the current path: a changed answer can make later ones irrelevant."""
    keep = path(answers)
    out = {k: v for k, v in answers.items() if k in keep}
    if "age" in out and "disabled" in answers and needs_disability(out["age"]):
        out["disabled"] = answers["disabled"]
    for key in EXTRA_ANSWERS:
        if key in answers:
            out[key] = answers[key]
    return out


# Answers that may be given on the result page as well as in the check (asked in the check only where
# the route has room for them): kept whatever the route.
EXTRA_ANSWERS = ("employed",)


def needs_disability(age: Any) -> bool:
    return isinstance(age, int) and age in DISABILITY_AGES


# -- answers <-> case facts, both ways (re-exported by kinship_app.facts, the one table of facts) ---

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
        "one_other_unavailable": {"household.parents_died": 1, "household.surviving_parent_unavailable": True},
        "one_father_not_known": {"household.parents_died": 1, "household.surviving_parent_unavailable": False,
                                 "household.other_parent_situation": "father_not_known"},
        "one_divorced": {"household.parents_died": 1, "household.surviving_parent_unavailable": False,
                         "household.other_parent_situation": "divorced_no_custody_no_maintenance"},
        "one": {"household.parents_died": 1, "household.surviving_parent_unavailable": False,
                "household.other_parent_situation": "none"},
        # Not sure about the other parent: whether they can be found is not known either.
        "one_unsure": {"household.parents_died": 1, "household.surviving_parent_unavailable": UNSURE,
                       "household.other_parent_situation": UNSURE},
        "both": {"household.parents_died": 2},
        # "unknown", not null: null takes the contract's default of 0 and Guardian's Allowance would
        # silently drop out; "unknown" keeps it as "may qualify" and names the fact to check.
        UNSURE: {"household.parents_died": UNSURE, "household.surviving_parent_unavailable": UNSURE},
    },
    # Asked after the council where the route has room, otherwise on the result page (EXTRA_ANSWERS);
    # null: not known.
    "employed": {"yes": {"household.employed": True}, "no": {"household.employed": False},
                 UNSURE: {"household.employed": None}},
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
    if "employed" in household:
        answers["employed"] = {True: "yes", False: "no"}.get(household["employed"], UNSURE)

    # Keep what is on the facts' route even past a question left unanswered, so that the pages after
    # it open filled in; answers the route no longer reaches (stale facts) are dropped.
    route, current = [], START
    while current != END and current not in route:
        route.append(current)
        current = QUESTIONS[current].next(answers)
    kept = {qid: answers[qid] for qid in route if qid in answers}
    if "disabled" in answers and "age" in kept:
        kept["disabled"] = answers["disabled"]
    for key in EXTRA_ANSWERS:
        if key in answers:
            kept[key] = answers[key]
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
    died, other = household["parents_died"], household.get("surviving_parent_unavailable", False)
    if died is None or died == UNSURE:
        return UNSURE
    if died == 0:
        return "none"
    if died == 2:
        return "both"
    if died != 1:
        return None
    if other is True:
        return "one_other_unavailable"
    situation = household.get("other_parent_situation", "absent")
    if other is False:  # absent is the contract's default: the other parent is not unavailable
        return {"father_not_known": "one_father_not_known", "divorced_no_custody_no_maintenance": "one_divorced",
                "none": "one"}.get(situation)
    if other in (UNSURE, None) and situation in (UNSURE, None):
        return "one_unsure"
    return None  # facts no single answer gives (say, from before "the other parent" was asked): ask again


def longest_path_length() -> int:
    """The most questions any route asks (walks every option of every question)."""
    best = 0

    def walk(qid: str, answers: dict[str, Any], depth: int) -> None:
        nonlocal best
        if qid == END:
            best = max(best, depth)
            return
        q = QUESTIONS[qid]
        codes = [o.code for o in q.options] or [UNSURE, 5, "E08000035"]
        for code in codes:
            nxt = dict(answers, **{qid: code})
            walk(q.next(nxt), nxt, depth + 1)

    walk(START, {}, 0)
    return best
