"""The one table of facts: every fact of the contract has its question and words, every answer of
every question maps to facts, and each answer comes back from the facts it gives."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kinship_app import facts, flow

ROOT = Path(__file__).resolve().parents[2]


def test_every_fact_names_a_real_question_and_has_words():
    for fact in facts.FACTS.values():
        assert fact.words and fact.name.count(".") == 1
        assert fact.question is None or fact.question in flow.QUESTIONS, fact.name
    asked = {f.question for f in facts.FACTS.values() if f.question}
    assert asked == set(flow.QUESTIONS)  # no question sets a fact the table does not know


@pytest.mark.parametrize("qid", [q for q, spec in flow.QUESTIONS.items() if spec.kind == "choice"])
def test_every_answer_of_every_question_gives_facts_the_table_knows(qid):
    for option in flow.QUESTIONS[qid].options:
        given = facts.answer_facts(qid, option.code)
        assert given, (qid, option.code)
        assert set(given) <= set(facts.FACTS), (qid, option.code)


@pytest.mark.parametrize("qid", ["looked_after_before", "services", "parents", "living", "approved", "order"])
def test_each_answer_comes_back_from_the_facts_it_gives(qid):
    # Reach the question by the shortest route, answer it, and read the answer back from the case.
    base = {"relationship": "grandparent", "living": "28_plus", "age": 9}
    if qid == "looked_after_before":
        base["order"] = "special_guardianship_order"
    elif qid in ("services", "parents", "approved"):
        base["order"] = "none"
        if qid == "approved":
            base["services"] = "looked_after"
        elif qid == "parents":
            base["services"] = "family"
    for option in flow.QUESTIONS[qid].options:
        answers = dict(base, **{qid: option.code})
        assert facts.case_to_answers(facts.answers_to_case(answers)).get(qid) == option.code, (qid, option.code)


def test_the_facts_the_check_does_not_always_ask_are_kept_by_the_store():
    # Paid work is never a question of the check; disability (16 and 17) and the other parent (one
    # parent has died) are asked on some routes only.
    assert facts.unasked() == {"household": ("other_parent_situation", "employed"), "child": ("disabled",)}


def test_no_other_vocabulary_of_facts_is_left():
    """definition.py, letters/summary.py, ui/screens/results.py and ui/main_window.py each had their
    own words for the facts; the one table replaces them."""
    for rel, names in {"kinship_app/definition.py": ("FACT_WORDS", "RELATIONSHIP_WORDS"),
                       "kinship_app/letters/summary.py": ("FACT_WORDS",),
                       "ui/screens/results.py": ("FIELD_QUESTIONS", "UNASKED_FIELDS"),
                       "ui/main_window.py": ("_UNASKED",)}.items():
        tree = ast.parse((ROOT / rel).read_text(encoding="utf-8"))
        assigned = {t.id for n in ast.walk(tree) if isinstance(n, ast.Assign) for t in n.targets
                    if isinstance(t, ast.Name)}
        assert not assigned & set(names), (rel, assigned & set(names))
