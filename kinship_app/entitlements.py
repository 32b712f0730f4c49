"""What a family may get, as one small rule per entitlement (CONTRACT.md entitlement codes).

Each rule looks at the case and its classification and returns an ``Entitlement`` or ``None``:
codes, not sentences. ``grounds`` are the codes of why it appears (with the facts it rests on),
``steps`` the codes of what to do next; ``kinship_app.wording`` turns them into words when shown.
Amounts come only from the dated, sourced rate data (``kinship_app.data.rates``), each with its rate
file's source; switch dates come from ``resources/parameters`` (``kinship_app.data.parameters``).
Conditions and sources are in ``shared/domain/FACTS.md`` section 2.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kinship_app.case import LOOKED_AFTER_STATUSES, Case
from kinship_app.data import law, parameters, rates
from kinship_app.definition import FRIEND_OR_FAMILY, PARENT_LIKE, Classification, looked_after_status
from kinship_app.result import Action, Amount, Entitlement, Phrase, Reason

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which a command does without
if TYPE_CHECKING:  # the councils' data is read only for a case that names a council (Context.council)
    from typing import Callable
    from kinship_app.data import councils

P = Phrase

PREVIOUSLY_LOOKED_AFTER_ORDERS = ("special_guardianship_order", "cao_lives_with", "adoption_order")
PR_ORDERS = PREVIOUSLY_LOOKED_AFTER_ORDERS  # orders that give the carer parental responsibility
INFORMAL = ("private_family_arrangement", "private_fostering", "informal_other")
# Switch dates (resources/parameters/law.toml): vsh_kinship_extension, sgo_private_law_legal_aid,
# uc_two_child_limit_removed.
SRC_PUPIL_PREMIUM_PLUS = ("Virtual School guidance on Pupil Premium Plus for previously looked-after children "
                          "(Gloucestershire, Dudley, Lincolnshire, Peterborough)")


@dataclass
class Context:
    case: Case
    cls: Classification
    as_of: dt.date
    missing: list[str] = field(default_factory=list)

    def need(self, name: str) -> None:
        if name not in self.missing and name not in self.cls.missing:
            self.missing.append(name)

    @property
    def council(self) -> councils.Council | None:
        code = self.case.household.council
        if not code:
            return None
        from kinship_app.data import councils

        return councils.get(code)

    @property
    def looked_after(self) -> bool:
        return self.case.child.legal_status in LOOKED_AFTER_STATUSES

    @property
    def fostered(self) -> bool:
        """Looked after, or placed with an approved foster carer and no order has since ended it: no
        Child Benefit, Guardian's Allowance or Universal Credit child element for the child (SSCBA
        1992 Sch 9; Child Benefit (General) Regulations 2006 regs 16 and 18; Universal Credit
        Regulations 2013 reg 4)."""
        approved = self.case.carer.approved_foster_carer in ("temporary", "full")
        return self.looked_after or (approved and self.case.arrangement.order not in PR_ORDERS)

    @property
    def adult(self) -> bool:
        return self.case.child.age is not None and self.case.child.age >= parameters.value("adult_age", self.as_of)

    def too_old_for_child_benefit(self) -> bool:
        """Child Benefit (and, in this app, the Universal Credit child element and Guardian's
        Allowance that ride on the same test) stop at the upper age of a qualifying young person."""
        age = self.case.child.age
        return age is not None and age >= parameters.value("child_benefit_upper_age", self.as_of)

    @property
    def lives_with(self) -> bool:
        return self.case.arrangement.lives_with_carer != "part_of_the_time"

    @property
    def kinship_or_maybe(self) -> bool:
        return self.cls.kinship is True or (
            self.cls.kinship is None and self.case.carer.relationship in (None, *FRIEND_OR_FAMILY))

    def previously_looked_after(self) -> bool | None:
        """Left care through an SGO, a 'lives with' CAO or adoption (the school and ASGSF test)."""
        if self.case.arrangement.order not in PREVIOUSLY_LOOKED_AFTER_ORDERS:
            return False
        before = self.case.child.looked_after_before_order
        if before is None:
            self.need("child.looked_after_before_order")
        return before

    def nma(self, label_prefix: str = "") -> Amount | None:
        """The fostering national minimum allowance for the child's age and the council's region."""
        age = self.case.child.age
        if age is None:
            self.need("child.age")
            return None
        band = rates.nma_age_band(age)
        council = self.council
        if council is None:
            self.need("household.council")
            return None
        if band is None:
            return None
        return rates.lookup("fostering_nma", self.as_of, region=council.nma_region, age_band=band)


if TYPE_CHECKING:
    Rule = Callable[[Context], "Entitlement | None"]

RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    RULES.append(fn)
    return fn


def _may(known: bool | None) -> str:
    return "qualifies" if known else "may_qualify"


def _if_kinship(c: Context, why: tuple[Phrase, ...]) -> tuple[tuple[Phrase, ...], str]:
    """Help for kinship carers: certain when this is kinship care; when that is not known yet, "may",
    and what would settle it."""
    if c.cls.kinship is True or "order_support_without_kinship" in c.cls.flags:
        return why, "qualifies"
    return (*why, P("kinship.cannot_tell_yet")), "may_qualify"


def _over_16(c: Context) -> tuple[Phrase, ...]:
    """Child Benefit and the Universal Credit child element carry on from 16 only for a young person
    in approved education or training, up to 20; the child's age is needed to say so."""
    age = c.case.child.age
    if age is None:
        c.need("child.age")
        return ()
    child_age = parameters.value("child_benefit_child_age", c.as_of)
    if age < child_age:
        return ()
    return (P("over_16", {"age_from": child_age, "up_to": parameters.value("child_benefit_upper_age", c.as_of)}),)


@rule
def child_benefit(c: Context) -> Entitlement | None:
    """Child Benefit goes to the person responsible for the child; not while the child is looked
    after and a fostering allowance is paid (Social Security Contributions and Benefits Act 1992,
    Sch 9; Child Benefit (General) Regulations 2006 regs 16 and 18)."""
    age = c.case.child.age
    if not c.lives_with or c.fostered:
        return None
    if c.too_old_for_child_benefit():
        return None
    older = age is not None and age >= parameters.value("child_benefit_child_age", c.as_of)
    status_unknown = looked_after_status(c.case) is None and c.case.arrangement.order not in PR_ORDERS
    why = (P("child_benefit.if_not_looked_after") if status_unknown else P("child_benefit.lives_with"),
           *_over_16(c))
    return Entitlement(
        code="child_benefit", grounds=why, steps=(P("child_benefit.claim"),),
        facts=("arrangement.lives_with_carer", "child.legal_status", "child.age"),
        source="GOV.UK, Looking after someone else's child",
        amount=rates.lookup("child_benefit_eldest", c.as_of),
        certainty="may_qualify" if older or age is None or status_unknown else "qualifies")


@rule
def guardians_allowance(c: Context) -> Entitlement | None:
    """Guardian's Allowance: both parents have died, or one has and the other cannot be found, is
    in prison for 2 years or more, or is detained in hospital by a court; or (Guardian's Allowance
    (General) Regulations 2003) the parents were not married, the mother has died and the father is
    not known, or they were divorced and the survivor had no custody and paid no maintenance. Paid on
    top of Child Benefit (Social Security Contributions and Benefits Act 1992 s77). A step-parent is
    not a 'parent' here (s77(10); HMRC CBTM12010), so a step-parent can claim it."""
    h = c.case.household
    if c.fostered or not c.lives_with or c.case.carer.relationship == "parent":
        return None
    if c.too_old_for_child_benefit():
        return None
    died, situation = h.parents_died, h.other_parent_situation
    other_route = situation in ("father_not_known", "divorced_no_custody_no_maintenance")
    if died is None:
        c.need("household.parents_died")
        first = P("guardians_allowance.if_parents_died")
    elif died == 2:
        first = P("guardians_allowance.both_died")
    elif died == 1 and h.surviving_parent_unavailable:
        first = P("guardians_allowance.one_died_other_unavailable")
    elif died == 1 and situation == "father_not_known":
        first = P("guardians_allowance.father_not_known")
    elif died == 1 and situation == "divorced_no_custody_no_maintenance":
        first = P("guardians_allowance.divorced_no_custody")
    elif died == 1 and (h.surviving_parent_unavailable is None or situation is None):
        c.need("household.surviving_parent_unavailable" if h.surviving_parent_unavailable is None
               else "household.other_parent_situation")
        first = P("guardians_allowance.one_died")
    else:
        if died == 1:
            # Say why it is not listed, and what would change that (issue 11): a bereaved family
            # otherwise wonders whether it was forgotten.
            c.cls.reasons.append(Reason(
                "guardians_allowance_not_listed",
                "Social Security Contributions and Benefits Act 1992, section 77; GOV.UK Guardian's Allowance",
                facts=("household.parents_died", "household.surviving_parent_unavailable",
                       "household.other_parent_situation")))
        return None
    why = [first]
    if c.case.carer.relationship == "step_parent":
        why.append(P("guardians_allowance.step_parent"))
    why.append(P("guardians_allowance.conditions"))
    if c.case.arrangement.order == "adoption_order":
        why.append(P("guardians_allowance.adopted"))
    source = "GOV.UK Guardian's Allowance guidance"
    if other_route or c.case.carer.relationship == "step_parent":
        source = ("Social Security Contributions and Benefits Act 1992, section 77 (step-parents: section 77(10), "
                  "HMRC manual CBTM12010); Guardian's Allowance (General) Regulations 2003; CPAG; " + source)
    return Entitlement(
        code="guardians_allowance", grounds=tuple(why), steps=(P("guardians_allowance.claim"),),
        facts=("household.parents_died", "household.surviving_parent_unavailable",
               "household.other_parent_situation", "carer.relationship", "arrangement.order"),
        source=source, amount=rates.lookup("guardians_allowance", c.as_of), certainty="may_qualify")


@rule
def universal_credit_child_element(c: Context) -> Entitlement | None:
    """Universal Credit includes a child element for each child the claimant is responsible for;
    none for a looked-after or foster child (Universal Credit Regulations 2013 reg 4; CPAG). The
    two-child limit is gone for assessment periods from 6 April 2026 (Universal Credit (Removal of
    Two Child Limit) Act 2026); before that, a child in a non-parental caring arrangement was
    already an exception to it (from 28 November 2018)."""
    # Anyone responsible for a child who normally lives with them: parents and step-parents too.
    if not c.lives_with or c.fostered:
        return None
    if c.too_old_for_child_benefit():
        return None
    why = [P("universal_credit_child_element.what")]
    removed = parameters.get("uc_two_child_limit_removed", c.as_of)
    if removed is not None and removed.value is True:
        why.append(P("universal_credit_child_element.no_limit", {"date": removed.valid_from.isoformat()}))
    else:
        why.append(P("universal_credit_child_element.limit_exception"))
    why += [*_over_16(c), P("universal_credit_child_element.usual_amount")]
    return Entitlement(
        code="universal_credit_child_element", grounds=tuple(why),
        steps=(P("universal_credit_child_element.tell_uc"),),
        facts=("arrangement.lives_with_carer", "carer.relationship", "child.age"),
        source="Universal Credit Regulations 2013, regulations 4 and 24 (a child the claimant is responsible "
               "for, who normally lives with them); Universal Credit (Removal of Two Child Limit) Act 2026; CPAG on "
               "Universal Credit for kinship and foster carers",
        amount=rates.lookup("uc_child_element", c.as_of), certainty="may_qualify")


@rule
def fostering_allowance(c: Context) -> Entitlement | None:
    """Kinship foster carers get the same fostering allowance as other foster carers, at least the
    national minimum allowance for the child's age and region (Fostering Services National Minimum
    Standards; DfE's national minimum allowance)."""
    if not c.looked_after or c.case.carer.relationship in (*PARENT_LIKE, "no_prior_connection"):
        return None
    approved = c.case.carer.approved_foster_carer
    if approved in ("temporary", "full"):
        why = [P("fostering_allowance.approved")]
        certainty = "qualifies"
        if approved == "temporary":
            why += _temporary_approval_limits(c)
    else:
        why = [P("fostering_allowance.once_approved")]
        certainty = "may_qualify"
    amount = c.nma()
    council = c.council
    steps = [P("fostering_allowance.ask")]
    if council is not None and not council.nma_region_confirmed:
        steps.append(P("fostering_allowance.region_unsure"))
    return Entitlement(
        code="fostering_allowance", grounds=tuple(why), steps=tuple(steps),
        facts=("child.legal_status", "carer.approved_foster_carer", "child.age", "household.council"),
        source="DfE national minimum allowance for foster carers; Parliamentary answer 38410 (kinship foster carers)",
        amount=amount, certainty=certainty)


def _temporary_approval_limits(c: Context) -> list[Phrase]:
    """A connected person's temporary approval lasts up to 16 weeks and can be extended once, by up to
    8 weeks (or until a review's outcome is known): Care Planning, Placement and Case Review (England)
    Regulations 2010 regs 24 and 25. The weeks are boundaries in resources/parameters/law.toml."""
    weeks = law.value("temporary_approval_weeks", c.as_of)
    extra = law.value("temporary_approval_extension_weeks", c.as_of)
    out = [P("fostering_allowance.temporary_limits", {"weeks": weeks, "extra": extra})]
    days = c.case.arrangement.days_so_far
    if days is not None and days > (weeks + extra) * 7:
        out.append(P("fostering_allowance.temporary_overdue", {"total": weeks + extra}))
    return out


@rule
def special_guardianship_support(c: Context) -> Entitlement | None:
    """Special Guardianship Regulations 2005 (SI 2005/1109): the council must assess on request for a
    child looked after immediately before the order (reg 11(1)); for others it may, and must give
    reasons if it will not (reg 11(3)); financial support only in the reg 6 circumstances, with
    regard to the fostering allowance (B v Lewisham [2008] EWHC 738 (Admin))."""
    if c.case.arrangement.order != "special_guardianship_order":
        return None
    if _order_has_ended(c):
        return _special_guardianship_after_18(c)
    before = c.case.child.looked_after_before_order
    # Which council: for a child looked after before the order, the council that looked after them
    # for the first 3 years after it; otherwise the council where the family lives (FACTS §4.1).
    if before:
        variant = "looked_after_before"
    elif before is False:
        variant = "not_looked_after_before"
    else:
        c.need("child.looked_after_before_order")
        variant = "unknown"
    return Entitlement(
        code="special_guardianship_support", grounds=(P(f"special_guardianship_support.{variant}"),),
        steps=(P("special_guardianship_support.ask", {"where": variant}),),
        facts=("arrangement.order", "child.looked_after_before_order"),
        source="Children Act 1989, section 14F(3) and (4) (the council may assess anyone, and must for the people "
               "in regulation 11(1)); Special Guardianship Regulations 2005, regulations 6 and 11 to 16; "
               "B v Lewisham [2008] EWHC 738 (Admin)",
        amount=None, certainty=_may(before), reference_amount=c.nma())


def _order_has_ended(c: Context) -> bool:
    """A special guardianship or child arrangements order ends when the child turns 18 (Children Act
    1989 s91(13)); the age is a dated boundary in resources/parameters/law.toml."""
    age = c.case.child.age
    return age is not None and age >= law.value("order_ends_at_age", c.as_of)


def _special_guardianship_after_18(c: Context) -> Entitlement:
    """After 18 the young person is no longer a 'relevant child' (Special Guardianship Regulations
    2005 reg 2(1)): no duty to assess (reg 11); financial support already being paid can continue
    while they are in full-time education or training (reg 2(2))."""
    return Entitlement(
        code="special_guardianship_support", grounds=(P("special_guardianship_support.after_18"),),
        steps=(P("special_guardianship_support.after_18_ask"),),
        facts=("arrangement.order", "child.age"),
        source="Children Act 1989, section 91(13); Special Guardianship Regulations 2005, regulation 2 "
               "('relevant child') and regulation 11",
        amount=None, certainty="may_qualify")


@rule
def child_arrangements_order_allowance(c: Context) -> Entitlement | None:
    """Children Act 1989 Sch 1 para 15: the council may contribute to a child's maintenance where
    the child lives with someone under a child arrangements order, unless that person is a parent
    or a parent's spouse or civil partner. Discretionary and usually means-tested."""
    if c.case.arrangement.order != "cao_lives_with" or c.case.carer.relationship in PARENT_LIKE or c.adult:
        return None
    return Entitlement(
        code="child_arrangements_order_allowance", grounds=(P("child_arrangements_order_allowance.why"),),
        steps=(P("child_arrangements_order_allowance.ask"),),
        facts=("arrangement.order", "carer.relationship"),
        source="Children Act 1989, Schedule 1 paragraph 15; Kinship care: statutory guidance for local authorities (2024)",
        amount=None, certainty="may_qualify", reference_amount=c.nma())


@rule
def section_17_support(c: Context) -> Entitlement | None:
    """Children Act 1989 s17: councils must safeguard and promote the welfare of children in need in
    their area, and may help in kind or in cash (s17(6)); 'in need' is defined in s17(10)."""
    if not c.lives_with or c.looked_after or not c.kinship_or_maybe:
        return None
    if c.cls.category not in (*INFORMAL, "child_arrangements_order", "special_guardianship", "undetermined"):
        return None
    return Entitlement(
        code="section_17_support", grounds=(P("section_17_support.why"),), steps=(P("section_17_support.ask"),),
        facts=("arrangement.lives_with_carer", "child.legal_status", "carer.relationship"),
        source="Children Act 1989, section 17(1), (6) and (10)", amount=None, certainty="may_qualify")


@rule
def adoption_support_fund(c: Context) -> Entitlement | None:
    """Adoption and Special Guardianship Support Fund: therapy for adopted children and children
    under an SGO (or a CAO made while a special guardian was assessed) who were looked after
    immediately before the order, up to age 21 (25 with an EHC plan)."""
    before = c.previously_looked_after()
    if before is False:
        return None
    age = c.case.child.age
    if age is not None and age > 25:
        return None
    why = [P("adoption_support_fund.what")]
    cao = c.case.arrangement.order == "cao_lives_with"
    if cao:
        why.append(P("adoption_support_fund.cao"))
    if before is None:
        why.append(P("adoption_support_fund.if_looked_after_before"))
    if age is not None and age > 21:
        why.append(P("adoption_support_fund.over_21", {"age": 21}))
    amount = rates.lookup("asgsf_fair_access_limit", c.as_of)
    return Entitlement(
        code="adoption_support_fund", grounds=tuple(why), steps=(P("adoption_support_fund.ask"),),
        facts=("arrangement.order", "child.looked_after_before_order", "child.age"),
        source="DfE written statement, 22 April 2025; Kinship Compass, Adoption Support Fund for special guardians",
        amount=amount,
        certainty="may_qualify" if before is None or cao or (age is not None and age > 21) else "qualifies")


@rule
def pupil_premium_plus(c: Context) -> Entitlement | None:
    """Pupil Premium Plus: paid to schools for previously looked-after children from Reception to
    Year 11, counted at the October census (FACTS §2.8: Virtual School pages of Gloucestershire,
    Dudley, Lincolnshire and Peterborough). Age alone cannot place a child of 4 (nursery or
    Reception) or 16 (Year 11 or Year 12) in a school year."""
    before = c.previously_looked_after()
    if before is False:
        return None
    age = c.case.child.age
    if age is None:
        c.need("child.age")
    elif not 4 <= age <= 16:
        return None
    why = [P("pupil_premium_plus.why")]
    edge = age in (4, 16)
    if edge:
        why.append(P("pupil_premium_plus.school_year", {"age": age}))
    return Entitlement(
        code="pupil_premium_plus", grounds=tuple(why), steps=(P("pupil_premium_plus.tell_school"),),
        facts=("arrangement.order", "child.looked_after_before_order", "child.age"),
        source=SRC_PUPIL_PREMIUM_PLUS,
        amount=rates.lookup("pupil_premium_plus", c.as_of), certainty=_may(before and age is not None and not edge))


@rule
def school_admission_priority(c: Context) -> Entitlement | None:
    """School Admissions Code para 1.7: looked-after and previously looked-after children get the
    highest priority in oversubscription criteria."""
    before = c.previously_looked_after()
    if not (before or before is None or c.looked_after):
        return None
    age = c.case.child.age
    if age is not None and age > 15:
        return None
    if c.looked_after:
        # The council shares parental responsibility for a looked-after child and is named as such
        # on the application; there is no order of the carer's to send.
        step = P("school_admission_priority.with_social_worker")
    else:
        step = P("school_admission_priority.tick_the_box")
    return Entitlement(
        code="school_admission_priority", grounds=(P("school_admission_priority.why"),), steps=(step,),
        facts=("child.legal_status", "arrangement.order", "child.looked_after_before_order", "child.age"),
        source="School Admissions Code, paragraph 1.7",
        amount=None, certainty="qualifies" if (before or c.looked_after) else "may_qualify")


@rule
def virtual_school_advice(c: Context) -> Entitlement | None:
    """Virtual School Heads: a statutory duty to advise on previously looked-after children
    (Children and Social Work Act 2017 ss4-7) and, since September 2024, a non-statutory role for
    children in kinship care under an SGO or CAO whether or not they were looked after."""
    order = c.case.arrangement.order
    if c.adult:
        return None
    extension = parameters.get("vsh_kinship_extension", c.as_of)
    if c.looked_after and c.kinship_or_maybe:
        why = P("virtual_school_advice.looked_after")
        source = "Children Act 1989, section 22(3A) to (3C)"
    elif order in PREVIOUSLY_LOOKED_AFTER_ORDERS and c.case.child.looked_after_before_order:
        why = P("virtual_school_advice.previously_looked_after")
        source = "Children and Social Work Act 2017, sections 4 to 7"
    elif order in ("special_guardianship_order", "cao_lives_with") and law.in_force("kinship_education_duty", c.as_of):
        why = P("virtual_school_advice.kinship_duty",
                {"date": law.switch("kinship_education_duty").valid_from.isoformat()})
        source = ("Children Act 1989, section 23ZZZA (inserted by the Children's Wellbeing and Schools Act 2026, "
                  "section 6, from 1 June 2026)")
    elif order in ("special_guardianship_order", "cao_lives_with") and extension is not None and extension.value:
        # Non-statutory extension (September 2024), before the 2026 Act's duty began.
        why = P("virtual_school_advice.kinship_extension", {"date": extension.valid_from.isoformat()})
        source = "DfE, Virtual School Head role extension to children in kinship care (September 2024)"
    else:
        return None
    return Entitlement(
        code="virtual_school_advice", grounds=(why,), steps=(P("virtual_school_advice.contact"),),
        facts=("child.legal_status", "arrangement.order", "child.looked_after_before_order"),
        source=source, amount=None, certainty="qualifies")


@rule
def kinship_allowance_pilot(c: Context) -> Entitlement | None:
    """Kinship allowance pilot ('Kinship Zones', announced 27 February 2026): a weekly, non-means-
    tested allowance equal to the fostering minimum, for special guardians and some 'lives with'
    CAO holders in the pilot areas; informal carers do not qualify."""
    order = c.case.arrangement.order
    if order not in ("special_guardianship_order", "cao_lives_with") or c.case.carer.relationship in PARENT_LIKE:
        return None
    if c.adult:  # both orders end at 18
        return None
    council = c.council
    if council is None:
        if c.case.household.council is None:
            c.need("household.council")
        return None
    from kinship_app.data import councils

    if council.code not in {p.code for p in councils.pilot_areas(c.as_of)}:
        return None
    variant = "special_guardian" if order == "special_guardianship_order" else "cao"
    why = [P(f"kinship_allowance_pilot.{variant}", {"council": council.code})]
    pilot = councils.pilot()
    if pilot.children:
        why.append(P("kinship_allowance_pilot.children", {"count": pilot.children}))
    amount = c.nma()
    return Entitlement(
        code="kinship_allowance_pilot", grounds=tuple(why),
        steps=(P("kinship_allowance_pilot.ask"),),
        facts=("arrangement.order", "household.council"),
        source="Kinship, Financial allowances pilot; DfE announcement, 27 February 2026",
        amount=amount, certainty="may_qualify")


@rule
def staying_put(c: Context) -> Entitlement | None:
    """Staying Put (Children Act 1989 s23CZA): a young person in foster care, kinship foster care
    included, can stay with their former foster carer after 18, supported to 21."""
    age = c.case.child.age
    approved = c.case.carer.approved_foster_carer in ("temporary", "full")
    if c.cls.category == "kinship_foster_care" and (age is None or age >= 14):
        why = P("staying_put.in_foster_care")
    elif age is not None and 18 <= age <= 20 and approved:
        why = P("staying_put.former_foster_carer")
    else:
        return None
    step = P("staying_put.leaving_care_team") if c.adult else P("staying_put.pathway_plan")
    return Entitlement(
        code="staying_put", grounds=(why,), steps=(step,),
        facts=("child.age", "carer.approved_foster_carer", "child.legal_status"),
        source="Children Act 1989, section 23CZA; DfE Staying Put guidance", amount=None, certainty="may_qualify")


@rule
def legal_aid_special_guardianship(c: Context) -> Entitlement | None:
    """Legal aid, means and merits tested, for people applying for a special guardianship order in
    private law, without domestic abuse evidence, since 1 May 2023."""
    if not parameters.in_force("sgo_private_law_legal_aid", c.as_of) or not c.kinship_or_maybe or c.looked_after:
        return None
    if c.cls.category not in (*INFORMAL, "child_arrangements_order", "undetermined"):
        return None
    return Entitlement(
        code="legal_aid_special_guardianship", grounds=(P("legal_aid_special_guardianship.why"),),
        steps=(P("legal_aid_special_guardianship.ask"),), facts=("arrangement.order", "child.legal_status"),
        source="Legal aid changes from 1 May 2023 (Family Rights Group, Reforms to legal aid and advice)",
        amount=None, certainty="may_qualify")


@rule
def parental_leave(c: Context) -> Entitlement | None:
    """Unpaid parental leave needs parental responsibility: up to 18 weeks per child, at most 4 weeks
    a year (Maternity and Parental Leave etc. Regulations 1999). Before 6 April 2026 it also needed
    a year's service; the Employment Rights Act 2025 s15 made it a day-one right (a dated switch in
    resources/parameters/law.toml)."""
    if c.case.arrangement.order not in PR_ORDERS or c.case.household.employed is False:
        return None
    if c.case.carer.relationship == "parent" or c.adult:
        return None
    if c.case.household.employed is None:
        c.need("household.employed")
    day_one = law.switch("parental_leave_day_one")
    if law.in_force(day_one.name, c.as_of):
        why = P("parental_leave.day_one", {"date": day_one.valid_from.isoformat()})
        source = ("Employment Rights Act 2025, section 15 (day-one right from 6 April 2026); Maternity and "
                  "Parental Leave etc. Regulations 1999")
    else:
        why = P("parental_leave.year_service", {"date": day_one.valid_from.isoformat()})
        source = "Kinship Compass, Time off work for kinship carers; Maternity and Parental Leave etc. Regulations 1999"
    return Entitlement(
        code="parental_leave", grounds=(why,), steps=(P("parental_leave.ask"),),
        facts=("arrangement.order", "household.employed"),
        source=source, amount=None, certainty="may_qualify")


@rule
def flexible_working(c: Context) -> Entitlement | None:
    """Every employee may ask for flexible working from their first day (Employment Rights Act 1996
    Part 8A, as amended from 6 April 2024): two requests in 12 months, handled reasonably."""
    if c.case.household.employed is False or not c.lives_with:
        return None
    if c.case.household.employed is None:
        c.need("household.employed")
        why = P("flexible_working.if_employed")
    else:
        why = P("flexible_working.employed")
    return Entitlement(
        code="flexible_working", grounds=(why,), steps=(P("flexible_working.ask"),),
        facts=("household.employed", "arrangement.lives_with_carer"),
        source="Kinship, Time off work for kinship carers; DfE, Kinship carers in the workplace (2023)",
        amount=None, certainty=_may(c.case.household.employed))


@rule
def kinship_training(c: Context) -> Entitlement | None:
    """The national training and support offer for all kinship carers in England, whatever their
    legal order (Kinship Compass, funded by DfE from April 2024)."""
    if not c.kinship_or_maybe:
        return None
    why, certainty = _if_kinship(c, (P("kinship_training.why"),))
    return Entitlement(
        code="kinship_training", grounds=why, steps=(P("kinship_training.look"),),
        facts=("carer.relationship",),
        source="Kinship, Training and support for kinship carers (policy tracker); Parliamentary answer 26804",
        amount=None, certainty=certainty)


@rule
def peer_support(c: Context) -> Entitlement | None:
    """Kinship's peer support groups, funded by DfE: over 140 groups across England."""
    if not c.kinship_or_maybe:
        return None
    why, certainty = _if_kinship(c, (P("peer_support.why"),))
    return Entitlement(
        code="peer_support", grounds=why, steps=(P("peer_support.look"),),
        facts=("carer.relationship",),
        source="Kinship, Training and support for kinship carers (policy tracker)", amount=None,
        certainty=certainty)


@rule
def kinship_local_offer(c: Context) -> Entitlement | None:
    """The kinship local offer: a duty from 29 June 2026 (Children Act 1989 s22H, inserted by the
    Children's Wellbeing and Schools Act 2026 s5, commenced by s78(2)(a)); before that, the statutory
    guidance's 'should' (DfE, October 2024). The date is a switch in resources/parameters/law.toml."""
    if not c.kinship_or_maybe and "order_support_without_kinship" not in c.cls.flags:
        return None
    council = c.council
    if law.in_force("kinship_local_offer_duty", c.as_of):
        why = P("kinship_local_offer.duty")
        source = ("Children Act 1989, section 22H (Children's Wellbeing and Schools Act 2026, section 5, in force "
                  "by 29 June 2026); Kinship care: statutory guidance for local authorities (DfE, October 2024)")
    else:
        why = P("kinship_local_offer.why")
        source = "Kinship care: statutory guidance for local authorities (DfE, October 2024)"
    grounds, certainty = _if_kinship(c, (why,))
    return Entitlement(
        code="kinship_local_offer", grounds=grounds,
        steps=(P("kinship_local_offer.read", {"council": council.code if council else ""}),),
        facts=("carer.relationship", "household.council"),
        source=source, amount=None, certainty=certainty)


@rule
def advice_line(c: Context) -> Entitlement | None:
    """Free, independent advice for kinship carers: Family Rights Group's advice line."""
    return Entitlement(
        code="advice_line", grounds=(P("advice_line.why"),), steps=(P("advice_line.call"),),
        source="Family Rights Group, frg.org.uk", amount=None, certainty="qualifies")


def entitlements_for(case: Case, cls: Classification, as_of: dt.date) -> tuple[list[Entitlement], list[str]]:
    """Every entitlement the case qualifies or may qualify for, and the facts that would sharpen them."""
    ctx = Context(case, cls, as_of)
    found = [e for e in (r(ctx) for r in RULES) if e is not None]
    return found, ctx.missing


def actions_for(case: Case, cls: Classification, found: list[Entitlement], as_of: dt.date) -> list[Action]:
    """What to do next, with due dates where the law gives one."""
    out: list[Action] = []
    if "private_fostering_notification" in cls.flags:
        started = (case.arrangement.days_so_far or 0) > 0
        say = P("private_fostering_notice.started" if started else "private_fostering_notice.before_start")
        out.append(Action("private_fostering_notice",
                          "Children (Private Arrangements for Fostering) Regulations 2005, regulations 3 and 5",
                          due=as_of, say=say))
    if "approval_needed" in cls.flags:
        out.append(Action("ask_approval",
                          "Care Planning, Placement and Case Review (England) Regulations 2010, regulation 24"))
    if "check_looked_after_status" in cls.flags:
        out.append(Action("check_looked_after",
                          "Kinship care: statutory guidance for local authorities (DfE, October 2024)"))
    codes = {e.code for e in found}
    # Only what the facts known call for: a claim needs a parent known to have died; telling the school
    # needs the child known to have been looked after before the order.
    died = case.household.parents_died
    if "guardians_allowance" in codes and isinstance(died, int) and not isinstance(died, bool) and died >= 1:
        out.append(Action("claim_guardians_allowance", "GOV.UK Guardian's Allowance guidance"))
    if "special_guardianship_support" in codes:
        out.append(Action("ask_sg_assessment", "Special Guardianship Regulations 2005, regulation 11"))
    if "pupil_premium_plus" in codes and case.child.looked_after_before_order is True:
        out.append(Action("tell_school", SRC_PUPIL_PREMIUM_PLUS))
    return out
