"""Certainty follows what is known (issue 11): no action rests on a fact we do not have; "may" while
kinship care is undetermined; a bereaved family is told why Guardian's Allowance is not listed."""

import datetime as dt

from kinship_app.assess import assess
from kinship_app.case import parse_case
from kinship_app.flow import answers_to_case
from kinship_app.wording import render

AS_OF = dt.date(2026, 11, 22)
ALL_UNSURE = {"relationship": "unknown", "living": "unknown", "age": "unknown", "order": "unknown",
              "services": "unknown", "parents": "unknown", "council": "unknown"}
BEREAVED = {"relationship": "grandparent", "living": "28_plus", "age": 7, "order": "none", "services": "family",
            "parents": "one", "council": "E08000035"}


def _assess(answers):
    return assess(parse_case(answers_to_case(answers)), AS_OF)


def test_not_sure_to_everything_gives_no_guardians_allowance_claim():
    a = _assess(ALL_UNSURE)
    assert a.kinship is None
    assert a.entitlement("guardians_allowance").certainty == "may_qualify"
    assert "claim_guardians_allowance" not in [x.code for x in a.actions]


def test_a_parent_known_to_have_died_gives_the_claim():
    a = _assess(dict(BEREAVED, parents="both"))
    assert "claim_guardians_allowance" in [x.code for x in a.actions]


def test_kinship_help_is_a_may_while_kinship_is_undetermined_and_says_what_settles_it():
    a = _assess(ALL_UNSURE)
    for code in ("kinship_training", "peer_support", "kinship_local_offer"):
        ent = a.entitlement(code)
        assert ent.certainty == "may_qualify", code
        assert "kinship.cannot_tell_yet" in [p.code for p in ent.grounds], code
        assert "We cannot tell yet whether this is kinship care" in render(a, "en").entitlement(code).why, code
    known = _assess(BEREAVED)
    assert known.kinship is True
    for code in ("kinship_training", "peer_support", "kinship_local_offer"):
        assert known.entitlement(code).certainty == "qualifies", code


def test_telling_the_school_needs_the_child_known_to_have_been_looked_after():
    sgo = {"relationship": "grandparent", "living": "28_plus", "age": 9, "order": "special_guardianship_order",
           "parents": "none", "council": "E08000035"}
    assert "tell_school" in [x.code for x in _assess(dict(sgo, looked_after_before="yes")).actions]
    assert "tell_school" not in [x.code for x in _assess(dict(sgo, looked_after_before="unknown")).actions]


def test_one_parent_died_says_why_guardians_allowance_is_not_listed_and_what_would_change_it():
    a = _assess(BEREAVED)
    assert a.entitlement("guardians_allowance") is None
    reason = next(r for r in render(a, "en").reasons if r.rule == "guardians_allowance_not_listed")
    assert "cannot be found, is in prison for 2 years or more, or is held in hospital by a court" in reason.text
    assert "change your answer" in reason.text and reason.source
    # And it is not said where it does not apply.
    for parents in ("none", "both", "one_other_unavailable", "unknown"):
        assert all(r.rule != "guardians_allowance_not_listed" for r in _assess(dict(BEREAVED, parents=parents)).reasons)
