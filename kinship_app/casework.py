"""Casework: one check of one child, from the answers to the run that everything shows.

ARCHITECTURE.md, lesson 15: a check's answers become facts, are assessed once, and that run is what
the results screen, History and the letters show. Two code paths that each assess will disagree:
the screen used to assess the bare answers while the store assessed them merged into the saved
facts, so a household saved as "not in paid work" saw flexible working on screen and not in History.

- ``saved_answers(facts, council)``: the check's answers read back from a child's saved facts;
- ``merge_answers(facts, answers)``: the facts to save after a check (what the check does not ask,
  and the more precise facts an adviser recorded, are kept);
- ``record_check(store, household_id, child_id, answers, as_of)``: merge, save, assess once and
  keep the run, in one transaction of the store; the letter details a family typed stay as they are;
- ``assess_answers(answers, as_of)``: the quick check, with no household: assessed once, nothing saved.

Both return a ``CheckResult`` whose ``assessment`` is read back from the JSON the store keeps, so
the screen renders exactly what History and the letters render. Plain synchronous functions: the GUI
runs them through its operations helper, off the UI thread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from kinship_app import facts, flow
from kinship_app.case import LOOKED_AFTER_STATUSES, Case, parse_case
from kinship_app.result import Assessment

# Facts a saved child may hold that the check does not ask (CONTRACT.md "Input: a case"): the
# household's paid work is never asked, a disability only at 16 and 17 (flow.DISABILITY_AGES): read
# from the one table of facts (kinship_app.facts).
UNASKED = facts.unasked()


@dataclass(frozen=True)
class CheckResult:
    """What a finished check shows: the assessment (as stored), the case it was made from (with the
    letter details) and the answers on the check's route; ``run`` is the stored run, or None for a
    quick check."""

    assessment: Assessment
    case: Case
    answers: dict[str, Any]
    run: Any = None  # kinship_app.store.AssessmentRun


def saved_answers(facts: dict[str, Any] | None, council: str | None = None) -> dict[str, Any]:
    """The check's answers for a saved child, read back from the facts the store assesses: the
    child's facts with the household's council, as the store puts them together."""
    merged = {k: dict(v or {}) for k, v in (facts or {}).items() if k != "people"}
    if council:
        merged.setdefault("household", {})["council"] = council
    return flow.case_to_answers(merged)


def merge_answers(old_facts: dict[str, Any] | None, answers: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The child's facts after a check, and the council the check named (None if it named none).

    The answers replace every fact the check asks about (a stale one, say an earlier "ends before 28
    days", could contradict the new answers); the facts it does not ask are kept."""
    case = flow.answers_to_case(answers)
    old = {k: dict(v or {}) for k, v in (old_facts or {}).items() if k != "people"}
    facts: dict[str, dict[str, Any]] = {
        section: {k: v for k, v in values.items() if k in UNASKED.get(section, ())}
        for section, values in old.items()}
    for section, values in case.items():
        facts.setdefault(section, {}).update(values)
    new_child = facts.get("child", {})
    if new_child.get("legal_status") == "looked_after" and old.get("child", {}).get("legal_status") in LOOKED_AFTER_STATUSES:
        # "In the council's care" again: keep the adviser's more precise basis (a care order, s20).
        new_child["legal_status"] = old["child"]["legal_status"]
    new_days = facts.get("arrangement", {}).get("days_so_far")
    old_days = old.get("arrangement", {}).get("days_so_far")
    if new_days == 28 and isinstance(old_days, int) and not isinstance(old_days, bool) and old_days >= 28:
        facts["arrangement"]["days_so_far"] = old_days  # "28 days or more": keep the count
    # The council lives on the household (the store assesses with the household's), not the child.
    council = facts.get("household", {}).pop("council", None)
    return facts, council


def record_check(store: Any, household_id: int, child_id: int, answers: dict[str, Any],
                 as_of: dt.date) -> CheckResult:
    """Save a finished check of a saved household's child and assess it once (see the module)."""
    answers = flow.relevant_answers(answers)
    household = store.get_household(household_id)
    facts, council = merge_answers(household.child(child_id).facts, answers)
    changes: dict[str, Any] = {}
    if council and council != household.council:
        changes["council"] = council  # a council the check names becomes the household's
    run = store.record_check(household_id, child_id, facts, as_of, expected_version=household.version, **changes)
    # The case as the store assembles it (what was assessed, and what the letters use). Not the
    # run's ``facts``: Case.to_dict writes an unknown as null, which parse_case reads as the default.
    return CheckResult(assessment=Assessment.from_json(run.result), case=store.case_for(child_id),
                       answers=answers, run=run)


def assess_answers(answers: dict[str, Any], as_of: dt.date,
                   assess: Callable[[Case, dt.date], Assessment] | None = None) -> CheckResult:
    """The quick check: the answers alone, assessed once for ``as_of``; nothing is written anywhere."""
    if assess is None:
        from kinship_app.assess import assess
    answers = flow.relevant_answers(answers)
    case = parse_case(flow.answers_to_case(answers))
    # Read back from its JSON, as a stored run is: the screen shows what a saved check would show.
    assessment = Assessment.from_json(assess(case, as_of).to_meaning())
    return CheckResult(assessment=assessment, case=case, answers=answers)
