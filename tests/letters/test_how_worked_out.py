"""'How I worked this out' in the allowance request letter (issue 14): when the family chooses it, the
letter shows their saved allowance estimate step by step in words and figures, says plainly that it
is their own estimate with the national model or the council's published version of it, and that the
council decides. Content as data, then the PDF's own text; a charity's variant name with markup in
it prints as written (escaped for ReportLab)."""

from __future__ import annotations

import copy

import pytest

from kinship_app.estimate import saved
from kinship_app.letters import LetterError, build_letter, render_pdf_bytes
from kinship_app.letters.content import Fields, Heading, Note, Para

from letter_cases import AS_OF, PEOPLE, sgo_assessment, sgo_case
from letter_pdf import text as pdf_text

FINANCES = {"period": "week", "income": {"earnings": 600}, "outgoings": {"housing": 150, "council_tax": 30},
            "income_support_rate": 150, "child_benefit": 27.05}
CASE = {"child": {"age": 9}, "carer": {"relationship": "grandparent"},
        "arrangement": {"order": "special_guardianship_order"}, "household": {"council": "E08000035"}}


def _estimate(case=CASE, finances=FINANCES, extra=()):
    return {"as_of": AS_OF.isoformat(), "result": saved.work_out(saved.inputs_for(case, finances), AS_OF, extra)}


def _people(choice):
    people = copy.deepcopy(PEOPLE)
    people["allowance"]["how_worked_out"] = choice
    return people


def _section(content):
    blocks = list(content.blocks)
    start = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == "How I worked this out")
    return blocks[start:]


def test_chosen_the_letter_shows_every_step_in_words_and_figures():
    content = build_letter("allowance_request", sgo_case(_people(True)), sgo_assessment(), AS_OF,
                           estimate=_estimate())
    section = _section(content)
    first = section[1]
    assert isinstance(first, Para) and first.text.startswith("This is my own estimate, not a decision.")
    assert "I worked it out for 22 November 2026 with the national model councils are recommended to use" in first.text
    assert "The council decides the allowance and may use its own version of the means test" in first.text
    assert section[2] == Para("My estimate: Between £0 and £166.95 a week.")
    rows = dict(next(b for b in section if isinstance(b, Fields)).rows)
    assert rows["Household income that counts"] == "£600 a week"
    assert rows["Disposable (spare) income"] == "£232.50 a week"
    assert rows["Allowance for everyday living costs"] == "£187.50 a week (125%)"
    assert rows["Share of disposable income the council counts"] == "£0 to £232.50 a week (0% to 100%)"
    assert rows["Fostering allowance the council would pay (the starting point)"] == "£194 a week"
    assert rows["Estimated allowance"] == "£0 to £166.95 a week"
    assert any(isinstance(b, Para) and "the estimate is a range" in b.text for b in section)
    note = next(b for b in section if isinstance(b, Note))
    assert "GOV.UK, Help with the cost of fostering" in note.text
    # the section comes before "Please send me:", inside the body of the letter
    texts = [getattr(b, "text", None) for b in content.blocks]
    assert texts.index("How I worked this out") < texts.index("Please send me:")


def test_not_chosen_or_answered_no_there_is_no_section():
    for choice in (None, False):
        content = build_letter("allowance_request", sgo_case(_people(choice)), sgo_assessment(), AS_OF,
                               estimate=_estimate())
        assert "How I worked this out" not in content.plain_text()


def test_chosen_without_a_saved_estimate_names_the_field():
    with pytest.raises(LetterError) as err:
        build_letter("allowance_request", sgo_case(_people(True)), sgo_assessment(), AS_OF)
    assert err.value.field == "people.allowance.how_worked_out"
    assert "no saved allowance estimate" in err.value.message


def test_a_councils_published_version_is_named_as_the_councils():
    lincolnshire = dict(CASE, household={"council": "E10000019"})
    content = build_letter("allowance_request", sgo_case(_people(True)), sgo_assessment(), AS_OF,
                           estimate=_estimate(lincolnshire))
    first = _section(content)[1].text
    assert ("with Lincolnshire County Council's published example, the council's published version of the "
            "standardised means test (as I read it on 6 December 2026)") in first


def test_the_pdf_says_it_and_prints_a_charity_variant_name_as_written(tmp_path):
    variant = tmp_path / "ours.toml"
    variant.write_text(
        '[sources.ours]\ntitle = "Our <b>policy</b> & notes"\nurl = "https://example.org/policy"\n'
        '[[variants]]\ncode = "ours"\nname = "Tom & Jerry <i>Advice</i>"\ncouncils = []\nread_on = 2026-12-01\n'
        'sources = ["ours"]\n[[variants.periods]]\n[variants.periods.share_of_disposable_percent]\nvalue = 50\n'
        'source = "ours"\nnote = "Half."\n', encoding="utf-8")
    estimate = _estimate(finances=dict(FINANCES, variant="ours"), extra=[str(variant)])
    content = build_letter("allowance_request", sgo_case(_people(True)), sgo_assessment(), AS_OF, estimate=estimate)
    pdf = render_pdf_bytes(content)
    (tmp_path / "letter.pdf").write_bytes(pdf)
    text = " ".join(pdf_text(pdf).split())
    assert "How I worked this out" in text
    assert "This is my own estimate, not a decision." in text
    assert "The council decides the allowance" in text
    assert "Tom & Jerry <i>Advice</i>, a version of the standardised means test" in text
    assert "Our <b>policy</b> & notes" in text
    assert "My estimate: About £50.70 a week." in text
    assert "Estimated allowance: £50.70 a week" in text  # 194 - 27.05 - half of 232.50
    assert "Share of disposable income the council counts: £116.25 a week (50%)" in text
