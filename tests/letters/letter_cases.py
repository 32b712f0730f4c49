"""Households used by the letter tests: a case with every detail a letter asks for, and its assessment.

The assessments are built by ``kinship_app.assess`` when it is present, so the letters are tested
against what the app really says; the hand-made ones below are the same shapes, for the fields
the letters read.
"""

from __future__ import annotations

import copy
import datetime as dt

from kinship_app.case import Case, parse_case
from kinship_app.result import Action, Amount, Assessment, Entitlement, Reason

AS_OF = dt.date(2026, 11, 22)

PEOPLE = {
    "carer": {"name": "Margaret Ellis", "relationship_to_child": "grandmother", "address": ["12 Mill Lane", "Leeds", "LS6 2AB"], "phone": "0113 496 0000",
              "email": "m.ellis@example.org", "previous_addresses": [["4 Oak Row", "Bradford", "BD1 1AA"]]},
    "child": {"name": "Ellis Ward", "date_of_birth": "2017-03-27", "sex": "Female",
              "place_of_birth": "Leeds, England", "religion": "Church of England", "ethnicity": "White British",
              "culture_language": "English; learning Welsh at school"},
    "order_date": "2024-09-02",
    "recipient": {"name": "Children's Services", "address": ["Civic Hall", "Leeds", "LS1 1UR"]},
    "council": {"name": "Kinship Support Team", "address": ["Merrion House", "110 Merrion Centre", "Leeds",
                                                            "LS2 8BB"], "reference": "KS/2291"},
    "virtual_school": {"name": "Leeds Virtual School", "address": ["Merrion House", "Leeds", "LS2 8DT"]},
    "school": {"name": "Quarry Mount Primary School", "address": ["Pennington Street", "Leeds", "LS6 2JP"],
               "contact": "Mrs A Khan"},
    "employer": {"name": "Northern Buses Ltd", "address": ["Depot Road", "Leeds", "LS9 8AA"]},
    "request": {"needs": "Ellis wakes at night and is anxious at school since moving to live with me.",
                "services": "therapy for Ellis", "education": "Support in class for reading."},
    "allowance": {"current": "£95 a week", "changes": "My hours at work were cut in October."},
    "parents": [{"name": "Jade Ward", "address": ["Flat 3, 9 Hill Street", "Leeds", "LS7 1XY"]},
                {"name": "Ryan Cole"}],
    "siblings": "Noah Ward, aged 4, lives with his father, Ryan Cole.",
    "arranged_by": "none",
    "arrangement": {"start_date": "2026-10-13", "expected_duration": "Until the end of the school year"},
    "work": {"job_title": "bus driver", "current_pattern": "Monday to Friday, 7am to 3pm, at the depot.",
             "requested_pattern": "Monday to Friday, 9am to 2.30pm, so I can take Ellis to school.",
             "start_date": "2027-01-04", "previous_request": "none", "one_year_service": True},
    "leave": {"start_date": "2027-02-15", "end_date": "2027-02-19"},
}


def _amount(value, period, start, end, confirmed, source, label=""):
    return Amount(value=value, period=period, valid_from=dt.date.fromisoformat(start),
                  valid_to=dt.date.fromisoformat(end) if end else None, confirmed=confirmed, source=source,
                  checked_on=dt.date(2026, 11, 1), label=label)


CB = _amount(27.05, "week", "2026-04-06", "2027-04-05", True,
             "HM Treasury written statement HCWS1100, 26 November 2025")
NMA = _amount(194, "week", "2025-04-06", "2026-04-05", False, "DfE fostering national minimum allowance 2025-26",
              "national minimum allowance, age 5-10, rest of England")
PPP = _amount(2630, "year", "2025-04-01", "2026-03-31", False, "Virtual School guidance on Pupil Premium Plus (Gloucestershire, Dudley)")


def _ent(code, title, amount=None, reference=None, certainty="qualifies", deadline=None):
    # Hand-made words (as an earlier version saved them): the letters must print exactly these.
    said = {"title": title, "why": f"Because of what you told us about {title.lower()}.",
            "next_step": f"Ask about {title.lower()}."}
    return Entitlement(code=code, source=f"Source for {code}", amount=amount, certainty=certainty,
                       reference_amount=reference, deadline=deadline, said=said)


def _reason(text, source, rule):
    return Reason(rule, source, said=text)


def _action(code, text, source, due=None):
    return Action(code, source, due, said=text)


COMMON = [
    _ent("kinship_training", "Kinship training and support"),
    _ent("peer_support", "Peer support groups"),
    _ent("advice_line", "Free advice line"),
    _ent("flexible_working", "Flexible working"),
]


def sgo_case(people=None) -> Case:
    return parse_case({
        "child": {"age": 9, "looked_after_before_order": True},
        "carer": {"relationship": "grandparent"},
        "arrangement": {"order": "special_guardianship_order", "days_so_far": 800, "court_involved": True},
        "household": {"employed": True},
        "people": copy.deepcopy(PEOPLE if people is None else people),
    })


def sgo_assessment() -> Assessment:
    return Assessment(
        as_of=AS_OF, kinship=True, category="special_guardianship",
        reasons=[_reason("A special guardianship order names you, the child's grandparent, as special guardian.",
                        "Children Act 1989, sections 14A to 14G", "special_guardianship")],
        entitlements=[
            _ent("child_benefit", "Child Benefit", amount=CB),
            _ent("special_guardianship_support", "Special guardianship support", reference=NMA,
                 certainty="may_qualify"),
            _ent("adoption_support_fund", "Adoption and Special Guardianship Support Fund"),
            _ent("pupil_premium_plus", "Pupil Premium Plus", amount=PPP),
            _ent("school_admission_priority", "Highest priority for school places"),
            _ent("virtual_school_advice", "Advice from the Virtual School Head"),
            _ent("parental_leave", "Unpaid parental leave"),
            *COMMON,
        ],
        actions=[_action("sg_assessment", "Ask the council for a special guardianship support assessment.",
                        "Special Guardianship Regulations 2005, regulation 11")],
    )


def pf_case(people=None) -> Case:
    return parse_case({
        "child": {"age": 12},
        "carer": {"relationship": "cousin"},
        "arrangement": {"order": "none", "days_so_far": 40, "expected_days": 300},
        "household": {"employed": True},
        "people": copy.deepcopy(PEOPLE if people is None else people),
    })


def pf_assessment() -> Assessment:
    return Assessment(
        as_of=AS_OF, kinship=True, category="private_fostering", flags=["private_fostering_notification"],
        reasons=[_reason("A cousin is not a close relative in law, and the child will stay 28 days or more.",
                        "Children Act 1989, section 66(1) and section 105", "private_fostering")],
        entitlements=[_ent("child_benefit", "Child Benefit", amount=CB),
                      _ent("section_17_support", "Help for a child in need", certainty="may_qualify"), *COMMON],
        actions=[_action("pf_notice", "Tell the council about this private fostering arrangement.",
                        "Children (Private Arrangements for Fostering) Regulations 2005, regulation 3",
                        due=AS_OF)],
    )


def cao_case(people=None) -> Case:
    people = copy.deepcopy(PEOPLE if people is None else people)
    people["carer"]["relationship_to_child"] = "aunt"
    return parse_case({
        "child": {"age": 6, "looked_after_before_order": False},
        "carer": {"relationship": "aunt_uncle"},
        "arrangement": {"order": "cao_lives_with", "days_so_far": 400, "court_involved": True},
        "household": {"employed": True},
        "people": people,
    })


def cao_assessment() -> Assessment:
    return Assessment(
        as_of=AS_OF, kinship=True, category="child_arrangements_order",
        reasons=[_reason("A 'lives with' child arrangements order names you, the child's aunt or uncle.",
                        "Children Act 1989, section 8", "child_arrangements_order")],
        missing=["household.parents_died"],
        entitlements=[_ent("child_benefit", "Child Benefit", amount=CB),
                      _ent("child_arrangements_order_allowance", "Child arrangements order allowance",
                           reference=NMA, certainty="may_qualify"),
                      _ent("section_17_support", "Help for a child in need", certainty="may_qualify"),
                      _ent("virtual_school_advice", "Advice from the Virtual School Head"),
                      _ent("parental_leave", "Unpaid parental leave"), *COMMON],
    )


# Every letter id, with a household it fits.
HOUSEHOLDS = {
    "sg_support_assessment": (sgo_case, sgo_assessment),
    "allowance_request": (sgo_case, sgo_assessment),
    "child_in_need_assessment": (pf_case, pf_assessment),
    "private_fostering_notice": (pf_case, pf_assessment),
    "school_previously_looked_after": (sgo_case, sgo_assessment),
    "virtual_school_advice": (sgo_case, sgo_assessment),
    "flexible_working_request": (sgo_case, sgo_assessment),
    "parental_leave_request": (sgo_case, sgo_assessment),
    "support_summary": (sgo_case, sgo_assessment),
}
