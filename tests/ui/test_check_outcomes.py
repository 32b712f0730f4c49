"""Every outcome of the contract reached through the real question screens, and what the result shows."""

import pytest

from kinship_app import flow
from kinship_app.result import CATEGORIES

from check_driver import run_check, see_result

LEEDS = "E08000035"
BASE = {"living": "28_plus", "age": 9, "council": LEEDS}

# One route per contract category, as a carer would answer.
ROUTES = {
    "private_family_arrangement": dict(BASE, relationship="grandparent", order="none", services="family", parents="none"),
    "private_fostering": dict(BASE, relationship="friend_of_family", order="none", services="family", parents="none"),
    "child_arrangements_order": dict(BASE, relationship="aunt_uncle", order="cao_lives_with", looked_after_before="no", parents="none"),
    "special_guardianship": dict(BASE, relationship="grandparent", order="special_guardianship_order", looked_after_before="yes", parents="none"),
    "kinship_foster_care": dict(BASE, relationship="grandparent", order="none", services="looked_after", approved="temporary"),
    "kinship_adoption": dict(BASE, relationship="aunt_uncle", order="adoption_order", looked_after_before="yes",
                             employed="no"),  # six questions: paid work is asked ahead
    "informal_other": dict(BASE, relationship="former_step_parent", order="none", services="council_arranged", parents="none", age=17, disabled="no"),
    "not_kinship": {"relationship": "parent", "employed": "no"},
    "undetermined": dict(BASE, relationship=flow.UNSURE, living=flow.UNSURE, order=flow.UNSURE, services=flow.UNSURE, parents=flow.UNSURE),
}


def test_every_category_has_a_route():
    assert set(ROUTES) == set(CATEGORIES)


@pytest.mark.parametrize("category", list(ROUTES))
def test_category_reached_through_the_question_screens(qtbot, window, category):
    answers = ROUTES[category]
    asked = run_check(qtbot, window, answers)
    assert len(asked) <= 7
    results = see_result(qtbot, window)
    assessment = results.shown()  # the assessment in words, as the page shows it
    assert assessment.category == category, [r.text for r in assessment.reasons]
    from kinship_app.result import category_title

    assert results.heading.text() == category_title(category)
    shown = " ".join(lbl.text() for lbl in results.findChildren(type(results.heading)))
    for reason in assessment.reasons:
        assert reason.text in shown
    for ent in assessment.entitlements:
        assert ent.title in shown
    assert "Your answers" in results.answers_box.toggle.text()  # opens in place, Change on every row
    assert set(results.answer_list.change_buttons) == set(asked)
    assert "0808 801 0366" in shown  # an advice line on every result
