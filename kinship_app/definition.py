"""The working definition of kinship care, as small named rules.

Source: *Stable Homes, Built on Love* (DfE, February 2023, CP 780), chapter 4 paragraph 141 and the
annex 2 glossary, with the Children Act 1989 for private fostering (s66) and the meaning of
"relative" (s105). Each rule returns its verdict together with the reason a person is shown, so an
assessment carries its own trace. Wording shown to people is ours, in plain English; the source is
cited, not pasted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kinship_app.case import LOOKED_AFTER_STATUSES, Case
from kinship_app.i18n import _
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

RELATIONSHIP_WORDS = {
    "grandparent": "a grandparent", "sibling": "a brother or sister", "aunt_uncle": "an aunt or uncle",
    "great_aunt_uncle": "a great-aunt or great-uncle", "cousin": "a cousin",
    "other_relative": "a relative", "step_parent": "a step-parent still with the child's parent",
    "former_step_parent": "a former step-parent", "former_partner_of_parent": "a former partner of the child's parent",
    "friend_of_child": "a friend of the child", "friend_of_family": "a close friend of the family",
    "family_of_half_sibling": "family of the child's half-brother or half-sister",
    "prior_connection": "someone who knew the child before (such as a teacher or childminder)",
    "no_prior_connection": "someone who did not know the child before", "parent": "the child's parent",
}


# What each fact is, in words a carer would use ("we need to know ...").
FACT_WORDS = {
    "carer.relationship": "who you are to the child",
    "arrangement.lives_with_carer": "whether the child lives with you most of the time",
    "child.age": "how old the child is",
    "child.disabled": "whether the child is disabled",
    "child.legal_status": "whether the child is looked after by the council",
    "child.looked_after_before_order": "whether the child was looked after by the council just before the order",
    "carer.approved_foster_carer": "whether you are approved as a foster carer for the child",
    "arrangement.order": "which court order, if any, you have",
    "arrangement.days_so_far": "how long the child has lived with you",
    "arrangement.expected_days": "how long the arrangement is meant to last",
    "arrangement.council_arranged": "whether children's services arranged for the child to live with you",
    "arrangement.court_involved": "whether a family court has looked at the child's arrangements",
    "household.council": "which council area you live in",
    "household.parents_died": "whether either of the child's parents has died",
    "household.surviving_parent_unavailable": "whether the other parent can be found",
    "household.other_parent_situation": "whether the parents were married or divorced, and what the other parent did",
    "household.employed": "whether you are in paid work",
}


def fact_words(name: str) -> str:
    return _(FACT_WORDS[name])


def relationship_words(code: str) -> str:
    return _(RELATIONSHIP_WORDS[code])


@dataclass
class Classification:
    kinship: bool | None
    category: str
    flags: list[str] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    private_fostering: bool | None = None

    def flag(self, code: str) -> None:
        if code not in self.flags:
            self.flags.append(code)

    def need(self, name: str) -> None:
        if name not in self.missing:
            self.missing.append(name)


def classify(case: Case) -> Classification:
    """Decide whether this is kinship care and which type, with reasons and missing facts."""
    result = Classification(kinship=None, category="undetermined")
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
        result.reasons.append(Reason(
            _("We can't tell which kind of arrangement this is yet. We would need to know: {facts}.").format(
                facts="; ".join(fact_words(m) for m in result.missing) or _("more about the arrangement")),
            SRC_DEFINITION, "undetermined"))
    return result


def _adult(case: Case, out: Classification) -> bool:
    """Kinship care is about children: at 18 the arrangement is no longer kinship care."""
    age = case.child.age
    if age is None or age < 18:
        return False
    out.kinship, out.category = False, "not_kinship"
    out.flag("young_person_over_18")
    out.reasons.append(Reason(
        _("The young person is {age}. Kinship care is about children under 18, so this is no longer "
          "kinship care, though some help can carry on after 18.").format(age=age),
        SRC_DEFINITION, "adult"))
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
        out.reasons.append(Reason(
            _("You told us you are the child's parent. Kinship care means a child is raised by a friend "
              "or family member who is not their parent."), SRC_PARENT, "carer_is_parent"))
        return False
    elif rel == "step_parent":
        out.reasons.append(Reason(
            _("You told us you are a step-parent still married to, or in a civil partnership with, the "
              "child's parent. For kinship care that counts as being a parent, so this is not kinship care."),
            SRC_PARENT, "carer_is_step_parent"))
        return False
    elif rel == "no_prior_connection":
        out.reasons.append(Reason(
            _("You told us you did not know the child or the family before. Kinship care means the carer "
              "is a friend or family member, so this is not kinship care."), SRC_FRIEND_FAMILY, "not_connected"))
        return False
    else:
        out.reasons.append(Reason(
            _("You are {who}: a friend or family member, and not the child's parent.").format(
                who=relationship_words(rel)), SRC_FRIEND_FAMILY, "friend_or_family"))
    if lives is None:
        out.need("arrangement.lives_with_carer")
        return None
    if lives == "part_of_the_time":
        out.reasons.append(Reason(
            _("The child lives with you only part of the time. Kinship care means the child is raised by "
              "you for a significant amount of the time."), SRC_DEFINITION, "part_time"))
        return False
    if verdict:
        out.reasons.append(Reason(
            _("The child lives with you most of the time."), SRC_DEFINITION, "lives_with_carer"))
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
    age_ok, length_ok = _pf_age(case), _pf_length(case)
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
    limit = _("under 18 and disabled") if age >= 16 else _("under 16")
    out.reasons.append(Reason(
        _("In law this is private fostering: the child is {limit}, you are not a close relative as the "
          "Children Act defines it (grandparent, brother, sister, aunt, uncle or step-parent), and the "
          "arrangement lasts, or is meant to last, 28 days or more.").format(limit=limit),
        SRC_PRIVATE_FOSTERING, "private_fostering"))
    return True


def _pf_age(case: Case) -> bool | None:
    """Under 16, or under 18 if disabled (s66(4))."""
    age, disabled = case.child.age, case.child.disabled
    if age is None:
        return None
    if age < 16:
        return True
    if age >= 18 or disabled is False:
        return False
    return True if disabled else None


def _pf_length(case: Case) -> bool | None:
    """28 days or more so far, or meant to last that long (s66(1)(b) and (2))."""
    days, expected = case.arrangement.days_so_far, case.arrangement.expected_days
    if (days is not None and days >= 28) or (expected is not None and expected >= 28):
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
        out.reasons.append(Reason(
            _("A court has made an adoption order, and you were a friend or family member before it was "
              "made. That is kinship adoption."), SRC_ADOPTION, "kinship_adoption"))
        return "kinship_adoption"
    if order == "special_guardianship_order":
        out.reasons.append(Reason(
            _("A court has made a special guardianship order naming you as the child's special guardian."),
            SRC_SGO, "special_guardianship"))
        return "special_guardianship"
    if order == "cao_lives_with":
        out.reasons.append(Reason(
            _("A court has made a child arrangements order saying the child lives with you."),
            SRC_CAO, "child_arrangements_order"))
        return "child_arrangements_order"
    if order == "cao_spend_time":
        out.reasons.append(Reason(
            _("The court order you have is about spending time with the child, not about where the child "
              "lives, so it does not decide the type of arrangement."), SRC_CAO, "spend_time_order"))
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
    out.reasons.append(Reason(_("The child is looked after by the council."), SRC_LOOKED_AFTER, "looked_after"))
    if approved is None:
        out.need("carer.approved_foster_carer")
        return "undetermined"
    if approved in ("temporary", "full"):
        how = _("temporarily") if approved == "temporary" else _("after a full assessment")
        out.reasons.append(Reason(
            _("You have been approved as a foster carer for the child ({how}). That is kinship foster "
              "care, also called family and friends foster care.").format(how=how),
            SRC_DEFINITION, "kinship_foster_care"))
        return "kinship_foster_care"
    out.flag("approval_needed")
    out.reasons.append(Reason(
        _("You are not approved as a foster carer for the child. A looked-after child living with family "
          "or friends should be placed with an approved carer, at least temporarily: ask the child's "
          "social worker about approval and fostering allowance."),
        "Care Planning, Placement and Case Review (England) Regulations 2010, regulation 24",
        "approval_needed"))
    return "informal_other"


def _informal(case: Case, out: Classification, rel: str | None) -> str:
    """Informal kinship care: a private family arrangement, or private fostering."""
    arranged = case.arrangement.council_arranged
    court = True if case.arrangement.order == "cao_spend_time" else case.arrangement.court_involved
    if arranged:
        out.flag("check_looked_after_status")
        out.reasons.append(Reason(
            _("Children's services arranged for the child to live with you. Ask them whether the child is "
              "'looked after' by the council, or should be. It changes the help you can get."),
            "Kinship care: statutory guidance for local authorities (DfE, October 2024)", "council_arranged"))
    if out.private_fostering:
        if rel in CLOSE_FAMILY:
            out.reasons.append(Reason(
                _("You are close family, but cousins, great-aunts and great-uncles are not 'relatives' in "
                  "the Children Act, so the private fostering rules apply to you."),
                SRC_PRIVATE_FOSTERING, "close_family_not_relative"))
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
            out.reasons.append(Reason(
                _("You are close family and you arranged this within the family, without children's "
                  "services setting it up and without a family court deciding it. That is a private "
                  "family arrangement."), SRC_DEFINITION, "private_family_arrangement"))
            return "private_family_arrangement"
    if court and not arranged:
        out.reasons.append(Reason(
            _("A family court has looked at the child's arrangements but made no order for you, so this is "
              "informal kinship care rather than a private family arrangement."),
            SRC_DEFINITION, "court_no_order"))
    elif rel not in CLOSE_FAMILY and not arranged:
        out.reasons.append(Reason(
            _("You are a friend or family member caring for the child informally, and it is not private "
              "fostering, so this is informal kinship care."), SRC_DEFINITION, "informal_other"))
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
        out.reasons.append(Reason(
            _("Even so, the help that comes with your court order still applies to you."),
            ORDER_SOURCES[order], "order_support"))
    if out.private_fostering:
        out.reasons.append(Reason(
            _("It is still private fostering in law, so you must tell the council."),
            SRC_PF_NOTICE, "private_fostering_not_kinship"))
