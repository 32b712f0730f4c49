"""Every letter offered for every rule case, built from the real ``assess``: each one either makes a
PDF with the family's details in it — never a crash, never a refusal after being offered."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from letter_cases import PEOPLE
from letter_pdf import squash, text

from kinship_app.assess import assess
from kinship_app.case import parse_case
from kinship_app.letters import available_letters, build_letter, render_pdf_bytes

CASES = tomllib.loads((Path(__file__).parents[1] / "rules" / "cases.toml").read_text(encoding="utf-8"))["case"]



@pytest.mark.parametrize("rule_case", CASES, ids=[c["name"][:50] for c in CASES])
def test_offered_letters_build_for_real_assessments(rule_case):
    case = parse_case({**rule_case.get("facts", {}), "people": PEOPLE})
    as_of = rule_case["as_of"]
    assessment = assess(case, as_of)
    offered = available_letters(case, assessment)
    assert offered[-1].id == "support_summary"  # every household can keep a summary
    for info in offered:
        # Offered, with every detail given, means it can be made: the app never offers a dead end.
        content = build_letter(info.id, case, assessment, as_of)
        pdf = squash(text(render_pdf_bytes(content)))
        assert squash(content.subject) in pdf
        if content.sender:
            assert squash("Margaret Ellis") in pdf and squash(content.recipient.name) in pdf
