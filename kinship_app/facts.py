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

from kinship_app.i18n import N_

# The mapping both ways lives beside the questions (kinship_app.flow), so the check's module needs
# nothing from this one; it is re-exported here, the one place to look for facts, when first asked
# for (``__getattr__``): the words for the facts, which every answer uses, need no question.
_FROM_FLOW = frozenset({"ANSWER_FACTS", "ANSWER_IS_FACT", "QUESTIONS", "Default", "answer_facts", "answers_to_case",
                        "case_to_answers"})


def __getattr__(name: str):
    if name in _FROM_FLOW:
        from kinship_app import flow

        return getattr(flow, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class Fact:
    name: str  # the contract's dotted field, e.g. "child.age"
    question: str | None  # the quick check's question that settles it; None: the check never asks it
    words: str  # N_(): what it is, as in "we would need to know: how old the child is"
    sometimes: bool = False  # asked only on some routes (disability only at 16 and 17)
    # A fact the check asks only where a route has room for it (or never) can be answered on the
    # result itself: the question, the answer key it is saved under, and why it matters.
    inline: tuple[str, str, str] | None = None


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
    Fact("household.other_parent_situation", "parents",
         N_("whether the parents were married or divorced, and what the other parent did"), sometimes=True),
    Fact("household.council", "council", N_("which council area you live in")),
    Fact("household.employed", "employed", N_("whether you are in paid work"), sometimes=True,
         inline=(N_("Are you in paid work?"), "employed", N_("The rights at work below depend on it."))),
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
