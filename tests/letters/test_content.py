"""Letter content as data: what each letter must say (FACTS.md section 4), before any PDF is made."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt

import pytest
from letter_cases import AS_OF, HOUSEHOLDS, PEOPLE, cao_assessment, cao_case, pf_assessment, pf_case, sgo_assessment, sgo_case

from kinship_app import letters
from kinship_app.wording import render
from kinship_app.letters import (
    LETTER_IDS, LetterError, MissingDetail, available_letters, build_letter, required_details, set_detail,
)
from kinship_app.case import parse_case
from kinship_app.letters.content import Bullets, Fields

CONTRACT_IDS = ("sg_support_assessment", "allowance_request", "child_in_need_assessment", "private_fostering_notice",
                "school_previously_looked_after", "virtual_school_advice", "flexible_working_request",
                "support_summary")

# What each letter must contain, as words that must appear in it (FACTS.md section 4 and the issue).
MUST_SAY = {
    "sg_support_assessment": [
        "Ellis Ward", "27 March 2017", "2 September 2024",  # child, date of birth, date of the order
        "section 14F of the Children Act 1989", "regulation 11 of the Special Guardianship Regulations 2005",
        "looked after by a council immediately before the order", "regulation 11(1)",
        "therapy for Ellis", "regulation 11(4)",  # a particular service
        "regulation 12", "written report", "regulation 15", "regulation 16",
        "regulation 6", "fostering allowance", "this year's national minimum fostering allowance",
        "A copy of the special guardianship order", "household income",
    ],
    "allowance_request": [
        "£95 a week", "review", "My hours at work were cut in October.",
        "regulation 6", "regulations 13 and 18", "regulation 11(3)", "B v Lewisham",
        "written agreement", "the amount", "how long it will be paid", "how and when it will be reviewed",
        "breakdown", "kinship local offer", "Kinship care: statutory guidance for local authorities",
        "A copy of the special guardianship order",
    ],
    "child_in_need_assessment": [
        "section 17 of the Children Act 1989", "section 17(10)", "Working Together to Safeguard Children",
        "Ellis wakes at night", "in kind or in cash",
    ],
    "private_fostering_notice": [
        # Schedule 1 to the 2005 regulations, item by item.
        "Ellis Ward", "Female", "27 March 2017", "Leeds, England", "Church of England", "White British",
        "English; learning Welsh at school",
        "Margaret Ellis", "12 Mill Lane", "4 Oak Row, Bradford, BD1 1AA",
        "Jade Ward", "Flat 3, 9 Hill Street", "Ryan Cole (address not known)",
        "Noah Ward, aged 4", "Others involved in making the arrangement: none",
        "13 October 2026", "Until the end of the school year",
        "regulations 3 and 5", "Schedule 1", "six weeks", "regulation 8", "section 66",
    ],
    "school_previously_looked_after": [
        "previously looked-after child", "October census", "Pupil Premium Plus",
        "at the rate the Department for Education sets",
        "designated teacher", "highest priority", "admissions", "School Admissions Code",
        "A copy of the special guardianship order", "cover up", "Virtual School Head",
    ],
    "virtual_school_advice": [
        "Virtual School", "Children and Social Work Act 2017", "section 23ZZZA", "Support in class for reading.",
        "Pupil Premium Plus",
    ],
    "flexible_working_request": [
        "statutory request for flexible working", "section 80F of the Employment Rights Act 1996",
        "Monday to Friday, 7am to 3pm", "Monday to Friday, 9am to 2.30pm", "4 January 2027",
        "I have not made another flexible working request to you in the last 12 months",
        "two requests in any 12 months", "reasonable manner", "permanent", "bus driver",
        "Kinship carers in the workplace",
    ],
    "parental_leave_request": [
        "parental responsibility", "special guardianship order", "15 February 2027", "19 February 2027",
        "18 weeks", "4 weeks", "first day in the job", "Employment Rights Act 2025, section 15",
        "Maternity and Parental Leave etc. Regulations 1999",
    ],
    "support_summary": [
        "22 November 2026", "This is kinship care: Special guardianship.",
        "A special guardianship order names you", "Child Benefit", "£27.05 a week",
        "6 April 2026 to 5 April 2027", "Special guardianship support", "£194 a week",
        "For comparison, the national minimum fostering allowance",
        "Not confirmed for this year — check before relying on it", "Pupil Premium Plus", "£2,630 a year",
        "Ask the council for a special guardianship support assessment", "Free, independent advice",
        "Ask about free advice line.",
        "not legal advice", "for Margaret Ellis", "about Ellis Ward",
    ],
}

# Never stated as fact (FACTS.md marks them UNVERIFIED).
NEVER_SAY = ["45 days", "45 working days", "0300 123 7015", "statement of effects"]


def _text(content):
    return content.plain_text()


def _build(letter_id, case=None, assessment=None):
    case_fn, assess_fn = HOUSEHOLDS[letter_id]
    return build_letter(letter_id, case or case_fn(), assessment or assess_fn(), AS_OF)


def test_every_contract_letter_exists():
    assert set(CONTRACT_IDS) <= set(LETTER_IDS)
    assert set(MUST_SAY) == set(LETTER_IDS) == set(HOUSEHOLDS)


@pytest.mark.parametrize("letter_id", LETTER_IDS)
def test_letter_says_what_it_must(letter_id):
    content = _build(letter_id)
    text = content.plain_text()
    for phrase in MUST_SAY[letter_id]:
        assert phrase in text, f"{letter_id} lacks {phrase!r}"
    for phrase in NEVER_SAY:
        assert phrase not in text


@pytest.mark.parametrize("letter_id", LETTER_IDS)
def test_letter_has_every_part(letter_id):
    c = _build(letter_id)
    assert c.subject and c.blocks and c.citations
    assert c.date == AS_OF and c.date_text == "22 November 2026"
    assert c.our_reference.endswith("20261122")
    for cite in c.citations:
        assert cite.law  # each cites the law or guidance it relies on
    if letter_id == "support_summary":
        assert c.sender is None and c.recipient is None and c.closing is None
        return
    assert c.sender.name == "Margaret Ellis" and c.sender.lines[:3] == ("12 Mill Lane", "Leeds", "LS6 2AB")
    assert c.recipient.name and c.recipient.lines
    assert c.salutation and c.closing and c.signature_name == "Margaret Ellis"
    # A letter cites its law in its own words too, not only in the list at the end.
    body = " ".join(b.text for b in c.blocks if hasattr(b, "text"))
    assert any(word in body for word in ("regulation", "section", "Act", "Code", "guidance"))


def test_greeting_follows_whether_a_person_is_named():
    school = _build("school_previously_looked_after")
    assert school.salutation == "Dear Mrs A Khan," and school.closing == "Yours sincerely,"
    assert school.recipient.lines[0] == "Quarry Mount Primary School"
    council = _build("sg_support_assessment")
    assert council.salutation == "Dear Sir or Madam," and council.closing == "Yours faithfully,"
    assert council.your_reference == "KS/2291"


def test_cao_allowance_cites_schedule_1_not_the_sg_regulations():
    text = build_letter("allowance_request", cao_case(), cao_assessment(), AS_OF).plain_text()
    assert "Paragraph 15 of Schedule 1 to the Children Act 1989" in text
    assert "written agreement" in text and "Special Guardianship Regulations" not in text


def test_new_allowance_and_review_differ():
    people = copy.deepcopy(PEOPLE)
    del people["allowance"]
    c = build_letter("allowance_request", sgo_case(people), sgo_assessment(), AS_OF)
    assert c.subject.startswith("Request for an allowance") and "review it" not in c.plain_text()
    assert _build("allowance_request").subject.startswith("Request for a review of my allowance")


def test_sg_assessment_when_not_looked_after_asks_for_reasons_before_refusal():
    case = sgo_case()
    case = dataclasses.replace(case, child=dataclasses.replace(case.child, looked_after_before_order=False))
    text = build_letter("sg_support_assessment", case, sgo_assessment(), AS_OF).plain_text()
    assert "regulation 11(3)" in text and "must carry out this assessment when I ask" not in text


def test_private_fostering_timing_follows_the_start_date():
    def notice(start):
        case = pf_case(set_detail(PEOPLE, "arrangement.start_date", start))
        return build_letter("private_fostering_notice", case, pf_assessment(), AS_OF).plain_text()

    assert "at least six weeks before" in notice("2027-01-10")  # 49 days ahead
    assert "less than six weeks away" in notice("2026-12-01")
    assert "has lived with me since 13 October 2026" in notice("2026-10-13")


def test_private_fostering_lists_schedule_1_as_fields():
    c = _build("private_fostering_notice")
    labels = [label for b in c.blocks if isinstance(b, Fields) for label, _ in b.rows]
    for label in ("Name", "Sex", "Date of birth", "Place of birth", "Religion", "Ethnic background",
                  "Culture and languages", "Brothers and sisters under 18, and their care", "Address",
                  "Earlier address (last 5 years)", "Parent", "Others involved in making the arrangement",
                  "Start date", "Expected to last"):
        assert label in labels


def test_support_summary_shows_every_entitlement_with_amount_period_and_status():
    a = render(sgo_assessment(), "en")
    c = _build("support_summary")
    text = c.plain_text()
    for ent in a.entitlements:
        assert ent.next_step in text
        if ent.code != "advice_line":  # the advice line is its own section, near the top
            assert ent.title in text and ent.why in text
    assert "£2,630 a year (figure for 1 April 2025 to 31 March 2026) — Not confirmed for this year — check before relying on it" in text
    assert "£27.05 a week (figure for 6 April 2026 to 5 April 2027)" in text
    assert "£27.05 a week (figure for 6 April 2026 to 5 April 2027) —" not in text  # confirmed: no warning


def test_support_summary_lists_missing_facts_and_deadlines():
    c = build_letter("support_summary", cao_case(), cao_assessment(), AS_OF).plain_text()
    assert "whether either of the child's parents has died" in c  # the one table of facts' words
    pf = build_letter("support_summary", pf_case(), pf_assessment(), AS_OF).plain_text()
    assert "Tell the council about this private fostering arrangement. (by 22 November 2026)" in pf
    assert "You must tell the council about this private fostering arrangement" in pf  # the flag


def test_which_letters_fit_follows_the_assessment():
    assert [i.id for i in available_letters(sgo_case(), sgo_assessment())] == [
        "sg_support_assessment", "allowance_request", "school_previously_looked_after", "virtual_school_advice",
        "flexible_working_request", "parental_leave_request", "support_summary"]
    assert [i.id for i in available_letters(pf_case(), pf_assessment())] == [
        "child_in_need_assessment", "private_fostering_notice", "flexible_working_request", "support_summary"]
    cao = [i.id for i in available_letters(cao_case(), cao_assessment())]
    assert "allowance_request" in cao and "sg_support_assessment" not in cao
    info = available_letters(sgo_case(), sgo_assessment())[0]
    assert info.title == "Ask for a special guardianship support assessment"
    assert info.why == render(sgo_assessment(), "en").entitlement("special_guardianship_support").why
    assert info.recipient == "council" and info.advice


def test_a_letter_that_does_not_fit_is_refused():
    with pytest.raises(LetterError) as err:
        build_letter("private_fostering_notice", sgo_case(), sgo_assessment(), AS_OF)
    assert err.value.field == "letter"
    with pytest.raises(LetterError) as err:
        build_letter("no_such_letter", sgo_case(), sgo_assessment(), AS_OF)
    assert err.value.field == "letter" and "sg_support_assessment" in err.value.message


@pytest.mark.parametrize("letter_id", LETTER_IDS)
def test_each_required_detail_when_absent_is_named(letter_id):
    case_fn, assess_fn = HOUSEHOLDS[letter_id]
    details = required_details(letter_id, case_fn())
    assert details and not any(d.missing for d in details if d.required)
    for d in details:
        assert d.label and d.kind in ("text", "long_text", "date", "address", "people", "addresses",
                                      "date_or_none", "yes_no", "pronouns")
        if not d.required:
            continue
        people = set_detail(PEOPLE, d.path, None)
        assert next(x for x in required_details(letter_id, case_fn(people)) if x.path == d.path).missing
        with pytest.raises(MissingDetail) as err:
            build_letter(letter_id, case_fn(people), assess_fn(), AS_OF)
        assert err.value.field == f"people.{d.path}"


@pytest.mark.parametrize("blank", ["", "   ", "\t\n", "\u200b\u202e"])
def test_a_blank_name_is_missing_not_printed(blank):
    people = set_detail(PEOPLE, "child.name", blank)
    with pytest.raises(MissingDetail) as err:
        build_letter("sg_support_assessment", sgo_case(people), sgo_assessment(), AS_OF)
    assert err.value.field == "people.child.name"


@pytest.mark.parametrize("path,value,field", [
    ("child.date_of_birth", "27/03/2017", "people.child.date_of_birth"),
    ("child.name", 42, "people.child.name"),
    ("carer.address", {"line": "x"}, "people.carer.address"),
    ("carer.address", ["12 Mill Lane", 7], "people.carer.address[1]"),
    ("child.name", "\U00010000\U00010001", "people.child.name"),  # Linear B: no embedded font has it, asked again, not boxes
])
def test_bad_details_name_the_field(path, value, field):
    people = set_detail(PEOPLE, path, value)
    with pytest.raises(LetterError) as err:
        build_letter("sg_support_assessment", sgo_case(people), sgo_assessment(), AS_OF)
    assert err.value.field == field


def test_council_name_comes_from_reference_data_when_no_recipient_is_given(monkeypatch):
    from kinship_app.letters import base

    monkeypatch.setattr(base, "council_name", lambda case: "Leeds City Council")
    people = copy.deepcopy(PEOPLE)
    del people["council"], people["recipient"]
    details = {d.path: d for d in required_details("sg_support_assessment", sgo_case(people))}
    assert not details["council.name"].required
    # Never invented, but not needed to make the letter: a carer seldom knows it (issue 10, item 8).
    assert not details["council.address"].required and details["council.address"].missing
    c = build_letter("sg_support_assessment", sgo_case(people), sgo_assessment(), AS_OF)
    assert c.recipient.name == "Children's Services"
    assert c.recipient.lines == ("Leeds City Council", "Postal address (write it in before sending):",
                                 "_" * 34, "_" * 34)
    people["council"] = {"address": ["Civic Hall", "Leeds", "LS1 1UR"]}
    c = build_letter("sg_support_assessment", sgo_case(people), sgo_assessment(), AS_OF)
    assert c.recipient.lines == ("Leeds City Council", "Civic Hall", "Leeds", "LS1 1UR")
    people["council"] = {"name": "Kinship Support Team"}
    c = build_letter("sg_support_assessment", sgo_case(people), sgo_assessment(), AS_OF)
    assert c.recipient.name == "Kinship Support Team"
    assert c.recipient.lines[:2] == ("Leeds City Council", "Postal address (write it in before sending):")


def test_without_reference_data_the_council_name_is_asked_for(monkeypatch):
    from kinship_app.letters import base

    monkeypatch.setattr(base, "council_name", lambda case: None)
    people = copy.deepcopy(PEOPLE)
    del people["council"], people["recipient"]
    details = {d.path: d for d in required_details("sg_support_assessment", sgo_case(people))}
    assert details["council.name"].required and details["council.name"].missing


def test_general_recipient_is_used_when_the_letter_slot_is_absent():
    people = copy.deepcopy(PEOPLE)
    del people["council"]
    c = build_letter("sg_support_assessment", sgo_case(people), sgo_assessment(), AS_OF)
    assert c.recipient.name == "Children's Services" and c.recipient.lines == ("Civic Hall", "Leeds", "LS1 1UR")


def test_set_detail_copies():
    people = {"child": {"name": "A"}}
    out = set_detail(people, "child.date_of_birth", "2017-03-27")
    assert people == {"child": {"name": "A"}}
    assert out == {"child": {"name": "A", "date_of_birth": "2017-03-27"}}


def test_details_used_are_what_was_given():
    c = _build("private_fostering_notice")
    assert c.details_used["child.name"] == ("Ellis Ward",)
    assert c.details_used["child.date_of_birth"] == ("27 March 2017",)
    assert "Jade Ward" in c.details_used["parents"]


def test_history_record_is_json_ready():
    import json

    record = _build("school_previously_looked_after").to_json()
    assert json.loads(json.dumps(record))["letter_id"] == "school_previously_looked_after"
    assert "Ellis Ward" in record["text"]


def test_parental_leave_before_6_april_2026_refuses_without_a_years_service():
    # Maternity and Parental Leave etc. Regulations 1999: one year's service, until 5 April 2026.
    people = set_detail(PEOPLE, "work.one_year_service", False)
    people = set_detail(people, "leave", {"start_date": "2026-03-30", "end_date": "2026-04-03"})
    with pytest.raises(LetterError) as err:
        build_letter("parental_leave_request", sgo_case(people), sgo_assessment(), AS_OF)
    assert err.value.field == "people.work.one_year_service"
    ok = build_letter("parental_leave_request", sgo_case(set_detail(people, "work.one_year_service", True)),
                      sgo_assessment(), AS_OF)
    assert "at least a year" in _text(ok)


@pytest.mark.parametrize("service", [False, None])
def test_parental_leave_from_6_april_2026_is_a_day_one_right(service):
    # Employment Rights Act 2025 s15 (FACTS section 0): no qualifying period for leave from 6 April 2026.
    people = copy.deepcopy(PEOPLE)
    if service is None:
        del people["work"]["one_year_service"]
    else:
        people["work"]["one_year_service"] = service
    people["leave"] = {"start_date": "2026-04-06", "end_date": "2026-04-10"}
    text = _text(build_letter("parental_leave_request", sgo_case(people), sgo_assessment(), AS_OF))
    assert "Employment Rights Act 2025, section 15" in text and "first day in the job" in text
    assert "at least a year" not in text and "year's service" not in text
    assert "work.one_year_service" not in [d.path for d in required_details("parental_leave_request",
                                                                             sgo_case(people)) if d.required]


def test_school_letter_needs_a_previously_looked_after_child():
    case = cao_case()
    a = dataclasses.replace(cao_assessment(), entitlements=[*cao_assessment().entitlements,
                                                            *sgo_assessment().entitlements[3:5]])
    # The letter would state the child was looked after before the order; here they were not.
    assert "school_previously_looked_after" not in [i.id for i in available_letters(case, a)]
    with pytest.raises(LetterError) as err:
        build_letter("school_previously_looked_after", case, a, AS_OF)
    assert err.value.field == "letter"


def test_unknown_language_is_an_error_naming_it():
    with pytest.raises(LetterError) as err:
        build_letter("support_summary", sgo_case(), sgo_assessment(), AS_OF, language="xx")
    assert err.value.field == "language"


def test_no_markup_in_content():
    # Content is plain text; only the renderer makes markup, after escaping.
    for letter_id in LETTER_IDS:
        text = _build(letter_id).plain_text()
        assert "<" not in text and "&amp;" not in text


def test_bullets_are_tuples():
    for letter_id in LETTER_IDS:
        for block in _build(letter_id).blocks:
            if isinstance(block, Bullets):
                assert isinstance(block.items, tuple) and all(isinstance(i, str) for i in block.items)


def test_public_api_names():
    for name in letters.__all__:
        assert hasattr(letters, name)


# ---- December 2026 (issue 10): what a council or school takes seriously ---------------------

@pytest.mark.parametrize("letter_id", [i for i in LETTER_IDS if i != "support_summary"])
def test_no_unconfirmed_figure_in_a_letter_to_a_council_school_or_employer(letter_id):
    # The fixtures' fostering allowance (£194) and Pupil Premium Plus (£2,630) are last year's,
    # not confirmed: a letter states the entitlement and leaves the figure out.
    text = _build(letter_id).plain_text()
    assert "£194" not in text and "£2,630" not in text
    assert "it may have changed since" not in text


def test_a_confirmed_figure_is_stated():
    a = sgo_assessment()
    confirmed = dataclasses.replace(a.entitlement("special_guardianship_support").reference_amount, confirmed=True)
    ents = [dataclasses.replace(e, reference_amount=confirmed) if e.code == "special_guardianship_support" else e
            for e in a.entitlements]
    text = _build("sg_support_assessment", assessment=dataclasses.replace(a, entitlements=ents)).plain_text()
    assert "£194 a week" in text


@pytest.mark.parametrize("letter_id", [i for i in LETTER_IDS if i != "support_summary"])
def test_the_child_is_named_in_full_once_then_by_first_name(letter_id):
    c = _build(letter_id)
    body = " ".join(getattr(b, "text", "") for b in c.blocks)
    assert body.count("Ellis Ward") <= 1, letter_id
    if letter_id in ("sg_support_assessment", "school_previously_looked_after", "child_in_need_assessment"):
        assert "Ellis " in body.replace("Ellis Ward", "")  # the first name carries on


def test_the_family_can_choose_what_to_call_the_child():
    people = set_detail(PEOPLE, "child.known_as", "Elly")
    text = _build("sg_support_assessment", case=sgo_case(people)).plain_text()
    assert "Elly was looked after" in text and "Ellis was looked after" not in text


def test_the_exact_relationship_is_asked_once_and_used():
    text = _build("sg_support_assessment").plain_text()
    assert "I am Ellis Ward's grandmother." in text
    people = copy.deepcopy(PEOPLE)
    del people["carer"]["relationship_to_child"]
    case = cao_case(people)
    del case.people["carer"]["relationship_to_child"]
    detail = {d.path: d for d in required_details("child_in_need_assessment", case)}["carer.relationship_to_child"]
    assert detail.required and detail.missing  # 'aunt or uncle' is not what a carer is
    with pytest.raises(MissingDetail):
        build_letter("child_in_need_assessment", case, cao_assessment(), AS_OF)
    text = _build("child_in_need_assessment", case=cao_case()).plain_text()
    assert "I am Ellis Ward's aunt." in text and "aunt or uncle" not in text
    # A grandparent's word is optional: 'grandparent' is already true.
    people = copy.deepcopy(PEOPLE)
    del people["carer"]["relationship_to_child"]
    assert "I am Ellis Ward's grandparent." in _build("sg_support_assessment", case=sgo_case(people)).plain_text()


def test_sg_letter_says_may_when_the_child_was_not_looked_after_before():
    # Children Act 1989 s14F(3): the council MAY assess; it MUST only for the people in reg 11(1).
    case = parse_case({**sgo_case().to_dict(), "child": {"age": 9, "looked_after_before_order": False}})
    text = build_letter("sg_support_assessment", case, sgo_assessment(), AS_OF).plain_text()
    assert "may assess anyone's needs" in text and "regulation 11(3)" in text
    assert "must assess a person's needs for them when asked" not in text
    assert "you must carry out this assessment" not in text


def test_no_sg_assessment_letter_once_the_order_has_ended():
    # Children Act 1989 s91(13): the order ends at 18; the regulations' duty is for a 'relevant child'.
    case = parse_case({**sgo_case().to_dict(), "child": {"age": 18, "looked_after_before_order": True}})
    assert "sg_support_assessment" not in [i.id for i in available_letters(case, sgo_assessment())]


def test_virtual_school_letter_cites_the_2026_duty_from_1_june_2026():
    before = build_letter("virtual_school_advice", sgo_case(), sgo_assessment(), dt.date(2026, 5, 31)).plain_text()
    after = build_letter("virtual_school_advice", sgo_case(), sgo_assessment(), dt.date(2026, 6, 1)).plain_text()
    assert "section 23ZZZA" not in before and "September 2024" in before
    assert "section 23ZZZA" in after and "Children's Wellbeing and Schools Act 2026" in after


def test_private_fostering_notice_can_go_now_with_not_known_yet():
    # Children (Private Arrangements for Fostering) Regulations 2005 reg 3(4): "such of the information
    # specified in Schedule 1 as the person giving the notification is able to provide".
    people = copy.deepcopy(PEOPLE)
    for key in ("date_of_birth", "sex", "place_of_birth", "religion", "ethnicity", "culture_language"):
        del people["child"][key]
    for key in ("parents", "siblings", "arranged_by"):
        del people[key]
    del people["carer"]["previous_addresses"]
    case = pf_case(people)
    required = [d.path for d in required_details("private_fostering_notice", case) if d.required and d.missing]
    assert required == []
    text = build_letter("private_fostering_notice", case, pf_assessment(), AS_OF).plain_text()
    assert text.count("not known yet") >= 10
    assert "regulation 3(4)" in text and "I will send the rest as soon as I know them" in text
    assert "Ellis Ward" in text  # the child is still named in full
    # With everything given, there is no "not known yet" at all.
    assert "not known yet" not in _build("private_fostering_notice").plain_text()


def test_private_fostering_notice_still_needs_the_child_and_the_start_date():
    people = copy.deepcopy(PEOPLE)
    del people["arrangement"]["start_date"]
    with pytest.raises(MissingDetail) as err:
        build_letter("private_fostering_notice", pf_case(people), pf_assessment(), AS_OF)
    assert err.value.field == "people.arrangement.start_date"


def test_summary_names_the_other_parent_question_when_it_is_not_known():
    from kinship_app.assess import assess

    case = parse_case({"child": {"age": 9}, "carer": {"relationship": "grandparent"},
                       "arrangement": {"days_so_far": 100}, "household": {"parents_died": 1,
                                                                         "other_parent_situation": "unknown"},
                       "people": copy.deepcopy(PEOPLE)})
    result = assess(case, AS_OF)
    assert "household.other_parent_situation" in result.missing
    text = build_letter("support_summary", case, result, AS_OF).plain_text()
    assert "Guardian's Allowance" in text


# ---- how letters refer to the child: the family's choice (people.child.pronouns) ------------

# For every letter: the sentences that refer back to the child, as each choice makes them. A
# letter that names the child only once (the employer's) has none, and says the same for every choice.
PRONOUN_SENTENCES = {
    "sg_support_assessment": {
        "she": ["I am her special guardian.", "keep caring for Ellis (regulation 6)", "if she were fostered",
                "for a child of her age"],
        "he": ["I am his special guardian.", "keep caring for Ellis (regulation 6)", "if he were fostered",
               "for a child of his age"],
        "they": ["I am their special guardian.", "keep caring for Ellis (regulation 6)", "if they were fostered",
                 "for a child of their age"],
        "name": ["I am Ellis's special guardian.", "keep caring for Ellis (regulation 6)",
                 "if Ellis were fostered", "for a child of Ellis's age"],
    },
    "allowance_request": {
        "she": ["£95 a week for her.", "if she were fostered", "for a child of her age"],
        "he": ["£95 a week for him.", "if he were fostered", "for a child of his age"],
        "they": ["£95 a week for them.", "if they were fostered", "for a child of their age"],
        "name": ["£95 a week for Ellis.", "if Ellis were fostered", "for a child of Ellis's age"],
    },
    "child_in_need_assessment": {
        "she": ["assess her as a child in need", "Please assess her needs", "what support I need to care for her."],
        "he": ["assess him as a child in need", "Please assess his needs", "what support I need to care for him."],
        "they": ["assess them as a child in need", "Please assess their needs",
                 "what support I need to care for them."],
        "name": ["assess Ellis as a child in need", "Please assess Ellis's needs",
                 "what support I need to care for Ellis."],
    },
    "private_fostering_notice": {
        "she": ["visit us and see her,"], "he": ["visit us and see him,"], "they": ["visit us and see them,"],
        "name": ["visit us and see Ellis,"],
    },
    "school_previously_looked_after": {
        "she": ["This makes her a 'previously looked-after child'.", "to help children like her.",
                "Pupil Premium Plus to support her.", "the council that looked after Ellis.", "advice about her education."],
        "he": ["This makes him a 'previously looked-after child'.", "to help children like him.",
               "Pupil Premium Plus to support him.", "the council that looked after Ellis.", "advice about his education."],
        "they": ["This makes them a 'previously looked-after child'.", "to help children like them.",
                 "Pupil Premium Plus to support them.", "the council that looked after Ellis.",
                 "advice about their education."],
        "name": ["This makes Ellis a 'previously looked-after child'.", "to help children like Ellis.",
                 "Pupil Premium Plus to support Ellis.", "the council that looked after Ellis.",
                 "advice about Ellis's education."],
    },
    "virtual_school_advice": {
        "she": ["I care for her under a", "your advice about her education.", "how the school can support her,",
                "whether she can get Pupil Premium Plus"],
        "he": ["I care for him under a", "your advice about his education.", "how the school can support him,",
               "whether he can get Pupil Premium Plus"],
        "they": ["I care for them under a", "your advice about their education.",
                 "how the school can support them,", "whether they can get Pupil Premium Plus"],
        "name": ["I care for Ellis under a", "your advice about Ellis's education.",
                 "how the school can support Ellis,", "whether Ellis can get Pupil Premium Plus"],
    },
    "flexible_working_request": {}, "parental_leave_request": {}, "support_summary": {},
}
# Words that would refer to the child under another choice (the letters' generic "their parents",
# about children in general, are not about this child and are left out by whole-sentence checks).
OTHER_WORDS = {"she": (" him", " his ", " he "), "he": (" her ", " her.", " her,", " she "),
               "they": (" her ", " her.", " her,", " she ", " him", " his ", " he "),
               "name": (" her ", " her.", " her,", " she ", " him", " his ", " he ")}


def _with_pronouns(letter_id, choice, known_as=None):
    case_fn, assess_fn = HOUSEHOLDS[letter_id]
    people = copy.deepcopy(PEOPLE)
    if choice is not None:
        people["child"]["pronouns"] = choice
    if known_as:
        people["child"]["known_as"] = known_as
    return build_letter(letter_id, case_fn(people), assess_fn(), AS_OF)


def _body(content):
    return " ".join(getattr(b, "text", " ".join(getattr(b, "items", ()))) for b in content.blocks)


def test_every_letter_has_its_pronoun_sentences_listed():
    assert set(PRONOUN_SENTENCES) == set(LETTER_IDS)


@pytest.mark.parametrize("choice", ["she", "he", "they", "name"])
@pytest.mark.parametrize("letter_id", LETTER_IDS)
def test_each_letter_refers_to_the_child_as_the_family_chose(letter_id, choice):
    content = _with_pronouns(letter_id, choice)
    text = content.plain_text()
    for sentence in PRONOUN_SENTENCES[letter_id].get(choice, []):
        assert sentence in text, (letter_id, choice, sentence)
    if letter_id != "support_summary":
        body = _body(content)
        assert body.count("Ellis Ward") <= 1  # named in full once, whatever the choice
        wrong = [w for w in OTHER_WORDS[choice] if w in " " + body.replace("their parents", "")]
        assert not wrong, (letter_id, choice, wrong)
    if not PRONOUN_SENTENCES[letter_id]:
        # Nothing refers back to the child: every choice gives the same letter.
        assert text == _with_pronouns(letter_id, None).plain_text()


@pytest.mark.parametrize("letter_id", LETTER_IDS)
def test_by_name_is_what_letters_say_when_the_family_has_not_chosen(letter_id):
    assert _with_pronouns(letter_id, "name").plain_text() == _with_pronouns(letter_id, None).plain_text()
    assert _with_pronouns(letter_id, "name", "Elly").plain_text() == _with_pronouns(letter_id, None, "Elly").plain_text()


def test_a_pronoun_follows_the_name_the_family_gave():
    text = _with_pronouns("sg_support_assessment", "they", known_as="Elly").plain_text()
    assert "Elly was looked after by a council" in text  # a paragraph starts with the name
    assert "keep caring for Elly (regulation 6)" in text and "if they were fostered" in text
    assert "if Elly were fostered" not in text


def test_letters_with_a_child_to_refer_to_ask_the_family_how():
    for letter_id in LETTER_IDS:
        case_fn, _assess = HOUSEHOLDS[letter_id]
        details = {d.path: d for d in required_details(letter_id, case_fn())}
        if PRONOUN_SENTENCES[letter_id]:
            d = details["child.pronouns"]
            assert d.kind == "pronouns" and not d.required and d.missing  # the fixtures have not chosen
        else:
            assert "child.pronouns" not in details, letter_id


@pytest.mark.parametrize("value", ["her", "it", 3, True, ["she"]])
def test_a_pronoun_choice_not_offered_names_the_field(value):
    people = copy.deepcopy(PEOPLE)
    people["child"]["pronouns"] = value
    with pytest.raises(LetterError) as err:
        build_letter("virtual_school_advice", sgo_case(people), sgo_assessment(), AS_OF)
    assert err.value.field == "people.child.pronouns"
    assert "she, he, they, name" in err.value.message


def test_a_blank_pronoun_choice_is_by_name():
    people = copy.deepcopy(PEOPLE)
    people["child"]["pronouns"] = "  "
    text = build_letter("virtual_school_advice", sgo_case(people), sgo_assessment(), AS_OF).plain_text()
    assert "your advice about Ellis's education." in text
