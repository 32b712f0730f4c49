"""The working definition of kinship care, as small named rules.

Source: *Stable Homes, Built on Love* (DfE, February 2023, CP 780), chapter 4 paragraph 141 and the
annex 2 glossary, with the Children Act 1989 for private fostering (s66) and the meaning of
"relative" (s105). Each rule returns its verdict together with a reason: a code, the facts it rests
on, the values it used (ages and day counts come from ``resources/parameters``) and the source it
cites, so an assessment carries its own trace. The words a person reads are made when shown
(``kinship_app.wording``); nothing here is worded or translated.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import datetime as dt

from kinship_app.case import LOOKED_AFTER_STATUSES, Case
from kinship_app.data import parameters
from kinship_app.result import Reason

SRC_DEFINITION = "Stable Homes, Built on Love (DfE, 2023), chapter 4, working definition of kinship care"
SRC_FRIEND_FAMILY = "Stable Homes, Built on Love (DfE, 2023), annex 2 glossary: friend and family members"
SRC_PARENT = "Stable Homes, Built on Love (DfE, 2023), annex 2 glossary: parent"
SRC_PRIVATE_FOSTERING = "Children Act 1989, section 66(1) and section 105 (meaning of 'relative')"
SRC_PF_NOTICE = "Children (Private Arrangements for Fostering) Regulations 2005, regulation 3"
SRC_SGO = "Children Act 1989, sections 14A to 14G (special guardianship)"
SRC_CAO = "Children Act 1989, section 8 ('lives with' child arrangements order)"
SRC_LOOKED_AFTER = "Children Act 1989, section 22 (looked after children) and section 20"
SRC_ADOPTION = "Adoption and Children Act 2002; Stable Homes, Built on Love (DfE, 2023), working definition"

# Children Act 1989 s105: "relative" means grandparent, brother, sister, uncle or aunt (full or half
# blood, or by marriage or civil partnership) or step-parent. Only these are outside private fostering.
S105_RELATIVES = frozenset({"grandparent", "sibling", "aunt_uncle", "step_parent"})
# Glossary: a 'close family member' is a s105 relative and also a great-aunt, great-uncle or cousin.
# A step-parent still with the parent counts as a parent in the glossary, so is left out here.
CLOSE_FAMILY = frozenset({"grandparent", "sibling", "aunt_uncle", "great_aunt_uncle", "cousin"})
FRIEND_OR_FAMILY = CLOSE_FAMILY | frozenset({
    "other_relative", "former_step_parent", "former_partner_of_parent", "friend_of_child",
    "friend_of_family", "family_of_half_sibling", "prior_connection",
})
# Glossary 'parent': birth parents, HFEA 2008 ss42-43 parents, and a step-parent still in a
# relationship with the birth parent. (Adopters who were strangers are 'no_prior_connection'.)
PARENT_LIKE = frozenset({"parent", "step_parent"})
ORDERS_WITH_SUPPORT = frozenset({"special_guardianship_order", "cao_lives_with", "adoption_order"})
ORDER_SOURCES = {"special_guardianship_order": SRC_SGO, "cao_lives_with": SRC_CAO, "adoption_order": SRC_ADOPTION}

@dataclass
class Classification:
    kinship: bool | None
    category: str
    flags: list[str] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    private_fostering: bool | None = None
    as_of: dt.date = dt.date.min

    def because(self, code: str, source: str, *facts: str, **params: object) -> None:
        self.reasons.append(Reason(code, source, tuple(facts), dict(params)))

    def flag(self, code: str) -> None:
        if code not in self.flags:
            self.flags.append(code)

    def need(self, name: str) -> None:
        if name not in self.missing:
            self.missing.append(name)


def classify(case: Case, as_of: dt.date) -> Classification:
    """Decide whether this is kinship care and which type, with reasons and missing facts, under
    the law (ages, day counts) in force on ``as_of``."""
    result = Classification(kinship=None, category="undetermined", as_of=as_of)
    if _adult(case, result):
        return result
    result.kinship = _headline(case, result)
    result.private_fostering = _private_fostering(case, result)
    if result.private_fostering:
        result.flag("private_fostering_notification")
    if result.kinship is False:
        result.category = "not_kinship"
        _support_without_kinship(case, result)
        return result
    category = _category(case, result)
    result.category = category if result.kinship else "undetermined"
    if result.category == "undetermined":
        result.because("undetermined", SRC_DEFINITION, *result.missing, facts=list(result.missing))
    return result


def _adult(case: Case, out: Classification) -> bool:
    """Kinship care is about children: at 18 the arrangement is no longer kinship care."""
    age = case.child.age
    adult_age = parameters.value("adult_age", out.as_of)
    if age is None or age < adult_age:
        return False
    out.kinship, out.category = False, "not_kinship"
    out.flag("young_person_over_18")
    out.because("adult", SRC_DEFINITION, "child.age", age=age, adult_age=adult_age)
    return True


def _headline(case: Case, out: Classification) -> bool | None:
    """The definition's first sentence: a friend or family member who is not the child's parent
    raises the child for a significant amount of the time."""
    rel, lives = case.carer.relationship, case.arrangement.lives_with_carer
    verdict: bool | None = True
    if rel is None:
        out.need("carer.relationship")
        verdict = None
    elif rel == "parent":
        out.because("carer_is_parent", SRC_PARENT, "carer.relationship")
        return False
    elif rel == "step_parent":
        out.because("carer_is_step_parent", SRC_PARENT, "carer.relationship")
        return False
    elif rel == "no_prior_connection":
        out.because("not_connected", SRC_FRIEND_FAMILY, "carer.relationship")
        return False
    else:
        out.because("friend_or_family", SRC_FRIEND_FAMILY, "carer.relationship", relationship=rel)
    if lives is None:
        out.need("arrangement.lives_with_carer")
        return None
    if lives == "part_of_the_time":
        out.because("part_time", SRC_DEFINITION, "arrangement.lives_with_carer")
        return False
    if verdict:
        out.because("lives_with_carer", SRC_DEFINITION, "arrangement.lives_with_carer")
    return verdict


def looked_after_status(case: Case) -> str | None:
    """The child's legal status, or None when it is not known. An unknown status is taken as 'not
    looked after' only when children's services did not arrange the stay and no court is involved:
    a child can be looked after only through the council (Children Act 1989 ss20, 22, 31, 44), and
    a carer approved as a foster carer for the child was most likely approved because it is."""
    status = case.child.legal_status
    approved = case.carer.approved_foster_carer in ("temporary", "full")
    if status is None and case.arrangement.council_arranged is False and not case.arrangement.court_involved \
            and not approved:
        return "none"
    return status


def _private_fostering(case: Case, out: Classification) -> bool | None:
    """Children Act 1989 s66(1): a child under 16 (under 18 if disabled) cared for and housed by
    someone who is not a parent, not a person with parental responsibility and not a 'relative'
    (s105), for 28 days or more, or meant to be (s66(2)). A child looked after by a council is not
    privately fostered. Cousins, great-aunts and great-uncles are close family but not s105
    relatives. Each condition that is unknown is asked for only if the known ones do not already
    rule private fostering out."""
    rel = case.carer.relationship
    order = case.arrangement.order
    if rel is None or rel in S105_RELATIVES or rel == "parent":
        return False if rel is not None else None
    if order in ORDERS_WITH_SUPPORT:
        return False  # the carer holds parental responsibility under the order (s66(1)(a)(ii))
    status = looked_after_status(case)
    if status in LOOKED_AFTER_STATUSES:
        return False
    if case.carer.approved_foster_carer in ("temporary", "full"):
        return False
    if case.arrangement.lives_with_carer == "part_of_the_time":
        return False
    limits = _pf_limits(out.as_of)
    age_ok, length_ok = _pf_age(case, limits), _pf_length(case, limits)
    if age_ok is False or length_ok is False:
        return False
    unknown = []
    if age_ok is None:
        unknown.append("child.age" if case.child.age is None else "child.disabled")
    if length_ok is None:
        unknown.append("arrangement.days_so_far" if case.arrangement.days_so_far is None
                       else "arrangement.expected_days")
    if order is None:
        unknown.append("arrangement.order")
    if status is None:
        unknown.append("child.legal_status")
    if case.arrangement.lives_with_carer is None:
        unknown.append("arrangement.lives_with_carer")
    if unknown:
        for name in unknown:
            out.need(name)
        return None
    age = case.child.age
    facts = ["child.age", "carer.relationship", "arrangement.days_so_far", "arrangement.expected_days"]
    if age >= limits["age"]:
        facts.append("child.disabled")
    out.because("private_fostering", SRC_PRIVATE_FOSTERING, *facts,
                limit="disabled" if age >= limits["age"] else "age", age_limit=limits["age"],
                disabled_age_limit=limits["disabled_age"], days=limits["days"])
    return True


def _pf_limits(day: dt.date) -> dict[str, int]:
    """The private fostering ages and day count in force (resources/parameters/law.toml)."""
    return {"age": parameters.value("private_fostering_age_limit", day),
            "disabled_age": parameters.value("private_fostering_age_limit_disabled", day),
            "days": parameters.value("private_fostering_days", day)}


def _pf_age(case: Case, limits: dict[str, int]) -> bool | None:
    """Under 16, or under 18 if disabled (s66(4))."""
    age, disabled = case.child.age, case.child.disabled
    if age is None:
        return None
    if age < limits["age"]:
        return True
    if age >= limits["disabled_age"] or disabled is False:
        return False
    return True if disabled else None


def _pf_length(case: Case, limits: dict[str, int]) -> bool | None:
    """28 days or more so far, or meant to last that long (s66(1)(b) and (2))."""
    days, expected = case.arrangement.days_so_far, case.arrangement.expected_days
    need = limits["days"]
    if (days is not None and days >= need) or (expected is not None and expected >= need):
        return True
    if expected is not None:
        return False  # the whole expected length is under 28 days, and days so far cannot exceed it
    return None


def _category(case: Case, out: Classification) -> str:
    order = case.arrangement.order
    rel = case.carer.relationship
    if order is None:
        out.need("arrangement.order")
        return "undetermined"
    if order == "adoption_order":
        out.because("kinship_adoption", SRC_ADOPTION, "arrangement.order", "carer.relationship")
        return "kinship_adoption"
    if order == "special_guardianship_order":
        out.because("special_guardianship", SRC_SGO, "arrangement.order")
        return "special_guardianship"
    if order == "cao_lives_with":
        out.because("child_arrangements_order", SRC_CAO, "arrangement.order")
        return "child_arrangements_order"
    if order == "cao_spend_time":
        out.because("spend_time_order", SRC_CAO, "arrangement.order")
    status = looked_after_status(case)
    if status is None:
        out.need("child.legal_status")
        out.flag("check_looked_after_status")
        return "undetermined"
    if status in LOOKED_AFTER_STATUSES:
        return _looked_after(case, out)
    return _informal(case, out, rel)


def _looked_after(case: Case, out: Classification) -> str:
    """Kinship foster care: the child is looked after (EPO, interim care order, care order or
    section 20) and lives with a friend or family member approved as a foster carer, on a
    temporary basis or after full assessment."""
    approved = case.carer.approved_foster_carer
    out.because("looked_after", SRC_LOOKED_AFTER, "child.legal_status")
    if approved is None:
        out.need("carer.approved_foster_carer")
        return "undetermined"
    if approved in ("temporary", "full"):
        out.because("kinship_foster_care", SRC_DEFINITION, "child.legal_status", "carer.approved_foster_carer",
                    approval=approved)
        return "kinship_foster_care"
    out.flag("approval_needed")
    out.because("approval_needed", "Care Planning, Placement and Case Review (England) Regulations 2010, regulation 24",
                "child.legal_status", "carer.approved_foster_carer")
    return "informal_other"


def _informal(case: Case, out: Classification, rel: str | None) -> str:
    """Informal kinship care: a private family arrangement, or private fostering."""
    arranged = case.arrangement.council_arranged
    court = True if case.arrangement.order == "cao_spend_time" else case.arrangement.court_involved
    if arranged:
        out.flag("check_looked_after_status")
        out.because("council_arranged", "Kinship care: statutory guidance for local authorities (DfE, October 2024)",
                    "arrangement.council_arranged")
    if out.private_fostering:
        if rel in CLOSE_FAMILY:
            out.because("close_family_not_relative", SRC_PRIVATE_FOSTERING, "carer.relationship",
                        relationship=rel)
        return "private_fostering"
    if out.private_fostering is None:
        return "undetermined"
    if rel in CLOSE_FAMILY:
        # A private family arrangement needs both: no prior council involvement and no family court.
        if not arranged and not court and (arranged is None or court is None):
            if arranged is None:
                out.need("arrangement.council_arranged")
                out.flag("check_looked_after_status")
            if court is None:
                out.need("arrangement.court_involved")
            return "undetermined"
        if arranged is False and court is False:
            out.because("private_family_arrangement", SRC_DEFINITION, "carer.relationship",
                        "arrangement.council_arranged", "arrangement.court_involved")
            return "private_family_arrangement"
    if court and not arranged:
        out.because("court_no_order", SRC_DEFINITION, "arrangement.court_involved", "arrangement.order")
    elif rel not in CLOSE_FAMILY and not arranged:
        out.because("informal_other", SRC_DEFINITION, "carer.relationship", "arrangement.council_arranged")
    return "informal_other"


def _support_without_kinship(case: Case, out: Classification) -> None:
    """Special guardians and adopters who were not friends or family before are not kinship carers,
    yet the support that comes with the order still applies (Special Guardianship Regulations 2005)."""
    rel, order = case.carer.relationship, case.arrangement.order
    # A step-parent can be a special guardian (s14A(2)(b) bars only parents) but is a 'parent' in the
    # glossary; the Sch 1 para 15 allowance is barred to a parent's spouse, so a CAO does not count here.
    if (rel == "no_prior_connection" and order in ("special_guardianship_order", "adoption_order", "cao_lives_with")) \
            or (rel == "step_parent" and order == "special_guardianship_order"):
        out.flag("order_support_without_kinship")
        out.because("order_support", ORDER_SOURCES[order], "carer.relationship", "arrangement.order", order=order)
    if out.private_fostering:
        out.because("private_fostering_not_kinship", SRC_PF_NOTICE, "carer.relationship")
