"""What a family may get, as one small rule per entitlement (CONTRACT.md entitlement codes).

Each rule looks at the case and its classification and returns an ``Entitlement`` or ``None``.
``why`` names the facts that made it appear; ``next_step`` says who to contact, what to send and
any deadline. Amounts come only from the dated, sourced rate data (``kinship_app.data.rates``).
Conditions and sources are in ``shared/domain/FACTS.md`` section 2.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

from kinship_app.case import LOOKED_AFTER_STATUSES, Case
from kinship_app.data import councils, law, rates
from kinship_app.definition import FRIEND_OR_FAMILY, PARENT_LIKE, Classification, looked_after_status
from kinship_app.i18n import _, format_number
from kinship_app.result import Action, Amount, Entitlement, Reason

PREVIOUSLY_LOOKED_AFTER_ORDERS = ("special_guardianship_order", "cao_lives_with", "adoption_order")
PR_ORDERS = PREVIOUSLY_LOOKED_AFTER_ORDERS  # orders that give the carer parental responsibility
INFORMAL = ("private_family_arrangement", "private_fostering", "informal_other")
VSH_KINSHIP_EXTENSION = dt.date(2024, 9, 1)  # non-statutory extension of the Virtual School Head role
SGO_LEGAL_AID_FROM = dt.date(2023, 5, 1)
UC_TWO_CHILD_LIMIT_ENDS = dt.date(2026, 4, 6)  # Universal Credit (Removal of Two Child Limit) Act 2026
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
        return councils.get(code) if code else None

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
        return self.case.child.age is not None and self.case.child.age >= 18

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


Rule = Callable[[Context], "Entitlement | None"]
RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    RULES.append(fn)
    return fn


def _may(known: bool | None) -> str:
    return "qualifies" if known else "may_qualify"


def _if_kinship(c: Context, why: str) -> tuple[str, str]:
    """Help for kinship carers: certain when this is kinship care; when that is not known yet, "may",
    and what would settle it."""
    if c.cls.kinship is True or "order_support_without_kinship" in c.cls.flags:
        return why, "qualifies"
    return why + " " + _("We cannot tell yet whether this is kinship care: the answers we still need "
                         "would settle it."), "may_qualify"


def _over_16(c: Context) -> str:
    """Child Benefit and the Universal Credit child element carry on from 16 only for a young person
    in approved education or training, up to 20; the child's age is needed to say so."""
    age = c.case.child.age
    if age is None:
        c.need("child.age")
        return ""
    if age < 16:
        return ""
    return " " + _("At 16 or over, it carries on only while the young person is in approved education or "
                   "training, up to age 20.")


@rule
def child_benefit(c: Context) -> Entitlement | None:
    """Child Benefit goes to the person responsible for the child; not while the child is looked
    after and a fostering allowance is paid (Social Security Contributions and Benefits Act 1992,
    Sch 9; Child Benefit (General) Regulations 2006 regs 16 and 18)."""
    age = c.case.child.age
    if not c.lives_with or c.fostered:
        return None
    if age is not None and age >= 20:
        return None
    older = age is not None and age >= 16
    status_unknown = looked_after_status(c.case) is None and c.case.arrangement.order not in PR_ORDERS
    if status_unknown:
        why = _("If the child is not looked after by the council, you can claim Child Benefit for them. Only "
                "one person can get it for a child.")
    else:
        why = _("The child lives with you and is not looked after by the council, so you can claim Child "
                "Benefit for them. Only one person can get it for a child.")
    why += _over_16(c)
    return Entitlement(
        code="child_benefit", title=_("Child Benefit"), why=why,
        next_step=_("Claim Child Benefit from HM Revenue and Customs (Child Benefit helpline 0300 200 3100). "
                    "If a parent still gets it for this child, tell HMRC the child now lives with you."),
        source="GOV.UK, Looking after someone else's child; rates: HM Treasury statement HCWS1100 (26 November 2025)",
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
    if c.case.child.age is not None and c.case.child.age >= 20:
        return None
    died, situation = h.parents_died, h.other_parent_situation
    other_route = situation in ("father_not_known", "divorced_no_custody_no_maintenance")
    if died is None:
        c.need("household.parents_died")
        why = _("If both of the child's parents have died, or one has and the other cannot be found, is in "
                "prison for 2 years or more, or is held in hospital by a court, you may get this.")
    elif died == 2:
        why = _("You told us both of the child's parents have died.")
    elif died == 1 and h.surviving_parent_unavailable:
        why = _("You told us one parent has died and the other cannot be found, is in prison for 2 years or "
                "more, or is held in hospital by a court.")
    elif died == 1 and situation == "father_not_known":
        why = _("You told us the child's parents were not married, the mother has died and the father is not "
                "known.")
    elif died == 1 and situation == "divorced_no_custody_no_maintenance":
        why = _("You told us one parent has died, the parents were divorced (or their civil partnership "
                "ended), and the other parent did not have custody of the child and was not paying towards "
                "their upkeep.")
    elif died == 1 and (h.surviving_parent_unavailable is None or situation is None):
        c.need("household.surviving_parent_unavailable" if h.surviving_parent_unavailable is None
               else "household.other_parent_situation")
        why = _("You told us one parent has died. You can get it too if the other parent cannot be found, is in "
                "prison for 2 years or more or held in hospital by a court; or if the parents were not married, "
                "the mother has died and the father is not known; or if they were divorced and the other "
                "parent had no custody and was not paying towards the child's upkeep.")
    else:
        if died == 1:
            # Say why it is not listed, and what would change that (issue 11): a bereaved family
            # otherwise wonders whether it was forgotten.
            c.cls.reasons.append(Reason(
                _("Guardian's Allowance is not listed: with one parent who has died, it is paid only if the "
                  "other parent cannot be found, is in prison for 2 years or more, or is held in hospital by a "
                  "court. If that is so, change your answer about the child's parents."),
                "Social Security Contributions and Benefits Act 1992, section 77; GOV.UK Guardian's Allowance",
                rule="guardians_allowance_not_listed"))
        return None
    if c.case.carer.relationship == "step_parent":
        why += " " + _("A step-parent does not count as a parent for Guardian's Allowance, so you can claim it.")
    why += " " + _("You also need to get Child Benefit for the child. And one of the parents must have been "
                   "born in the UK, the EEA or Switzerland, or have lived in the UK for at least 52 weeks in "
                   "any 2 years after they were 16.")
    if c.case.arrangement.order == "adoption_order":
        why += " " + _("Because you have adopted the child, you can keep it only if you were already getting it "
                       "before the adoption.")
    source = "GOV.UK Guardian's Allowance guidance; rate: GOV.UK rates and HM Treasury statement HCWS1100 (26 November 2025)"
    if other_route or c.case.carer.relationship == "step_parent":
        source = ("Social Security Contributions and Benefits Act 1992, section 77 (step-parents: section 77(10), "
                  "HMRC manual CBTM12010); Guardian's Allowance (General) Regulations 2003; CPAG; " + source)
    return Entitlement(
        code="guardians_allowance", title=_("Guardian's Allowance"), why=why,
        next_step=_("Fill in form BG1 and send it to the Guardian's Allowance Unit (0300 322 9080) with the "
                    "child's full birth certificate and the death certificate of each parent who has died "
                    "(originals). Claim within 3 months: it can only be backdated 3 months. It is tax-free and "
                    "does not count as income for other benefits."),
        source=source,
        amount=rates.lookup("guardians_allowance", c.as_of), certainty="may_qualify")


@rule
def universal_credit_child_element(c: Context) -> Entitlement | None:
    """Universal Credit includes a child element for each child the claimant is responsible for;
    none for a looked-after or foster child (Universal Credit Regulations 2013 reg 4; CPAG). The
    two-child limit is gone for assessment periods from 6 April 2026 (Universal Credit (Removal of
    Two Child Limit) Act 2026); before that, a child in a non-parental caring arrangement was
    already an exception to it (from 28 November 2018)."""
    age = c.case.child.age
    # Anyone responsible for a child who normally lives with them: parents and step-parents too.
    if not c.lives_with or c.fostered:
        return None
    if age is not None and age >= 20:
        return None
    why = _("If you get Universal Credit, it can include extra money for a child who normally lives with you "
            "and whom you are responsible for, whether or not you are their parent. This is called the child "
            "element.")
    if c.as_of >= UC_TWO_CHILD_LIMIT_ENDS:
        why += " " + _("Since 6 April 2026 there is no two-child limit: it is paid for every child.")
    else:
        why += " " + _("The two-child limit does not apply to a child you are raising as a family member or "
                       "friend, if there is a court order, or if the child would otherwise be likely to go into "
                       "care.")
    why += _over_16(c)
    why += " " + _("The amount shown is the usual one. It is more for a first child born before 6 April 2017, "
                   "and there can be extra for a disabled child. A new yearly figure starts with your first "
                   "assessment period that begins on or after the April change.")
    return Entitlement(
        code="universal_credit_child_element", title=_("Universal Credit: extra money for the child"), why=why,
        next_step=_("If you already get Universal Credit, tell the Universal Credit service that the child now "
                    "lives with you, so that it is added. If you do not, check whether you can get it with a "
                    "free benefits calculator such as Turn2us, or ask an adviser."),
        source="Universal Credit Regulations 2013, regulations 4 and 24 (a child the claimant is responsible "
               "for, who normally lives with them); Universal Credit (Removal of Two Child Limit) Act 2026; CPAG on "
               "Universal Credit for kinship and foster carers; rates: CPAG, PolicyEngine UK",
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
        why = _("The child is looked after by the council and you are approved as their foster carer.")
        certainty = "qualifies"
        if approved == "temporary":
            why += " " + _temporary_approval_limits(c)
    else:
        why = _("The child is looked after by the council. Once you are approved as their foster carer, "
                "even temporarily, you should be paid a fostering allowance.")
        certainty = "may_qualify"
    amount = c.nma()
    council = c.council
    step = _("Ask the child's social worker for the fostering allowance and the council's written rates. "
             "Kinship foster carers should get the same allowance as other foster carers, and at least "
             "the national minimum for the child's age.")
    if council is not None and not council.nma_region_confirmed:
        step += " " + _("We are not sure which of the national minimum rate areas your council is in: "
                        "check with the council.")
    return Entitlement(
        code="fostering_allowance", title=_("Fostering allowance"), why=why, next_step=step,
        source="DfE national minimum allowance for foster carers; Parliamentary answer 38410 (kinship foster carers)",
        amount=amount, certainty=certainty)


def _temporary_approval_limits(c: Context) -> str:
    """A connected person's temporary approval lasts up to 16 weeks and can be extended once, by up to
    8 weeks (or until a review's outcome is known): Care Planning, Placement and Case Review (England)
    Regulations 2010 regs 24 and 25. The weeks are boundaries in resources/law/dated.toml."""
    weeks, extra = law.value("temporary_approval_weeks"), law.value("temporary_approval_extension_weeks")
    text = _("Temporary approval lasts up to {weeks} weeks. The council can extend it once, by up to {extra} "
             "weeks, if it has not finished assessing you (or until a review of a refusal is decided). By then "
             "it must approve you fully or make other arrangements for the child.").format(weeks=weeks, extra=extra)
    days = c.case.arrangement.days_so_far
    if days is not None and days > (weeks + extra) * 7:
        text += " " + _("The child has lived with you for more than {total} weeks, so unless a review is under "
                        "way your temporary approval should have ended: ask the social worker in writing whether "
                        "you are now fully approved.").format(total=weeks + extra)
    return text


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
    if before:
        why = _("You are a special guardian and the child was looked after by the council just before the "
                "order, so the council must assess your family's support needs if you ask.")
    elif before is False:
        why = _("You are a special guardian. The council can assess your family's support needs; if it "
                "decides not to, it must tell you why and let you reply.")
    else:
        c.need("child.looked_after_before_order")
        why = _("You are a special guardian. If the child was looked after just before the order, the council "
                "must assess your family's support needs when you ask; otherwise it can.")
    # Which council: for a child looked after before the order, the council that looked after them
    # for the first 3 years after it; otherwise the council where the family lives (FACTS §4.1).
    if before:
        where = _("Send it to the council that looked after the child if the order is less than 3 years old; "
                  "after that, to the council where you live.")
    elif before is False:
        where = _("Send it to children's services at the council where you live.")
    else:
        where = _("If the child was looked after just before the order, and the order is less than 3 years "
                  "old, send it to the council that looked after them; otherwise to the council where you live.")
    return Entitlement(
        code="special_guardianship_support", title=_("Special guardianship support and allowance"), why=why,
        next_step=_("Write to children's services asking for a special guardianship support assessment (this "
                    "app has the letter), with a copy of the order. {where} Ask for the written report and the "
                    "decision. Any allowance is means-tested and reviewed every year. The council should take "
                    "into account what a foster carer would be paid.").format(where=where),
        source="Children Act 1989, section 14F(3) and (4) (the council may assess anyone, and must for the people "
               "in regulation 11(1)); Special Guardianship Regulations 2005, regulations 6 and 11 to 16; "
               "B v Lewisham [2008] EWHC 738 (Admin)",
        amount=None, certainty=_may(before), reference_amount=c.nma())


def _order_has_ended(c: Context) -> bool:
    """A special guardianship or child arrangements order ends when the child turns 18 (Children Act
    1989 s91(13)); the age is a dated boundary in resources/law/dated.toml."""
    age = c.case.child.age
    return age is not None and age >= law.value("order_ends_at_age")


def _special_guardianship_after_18(c: Context) -> Entitlement:
    """After 18 the young person is no longer a 'relevant child' (Special Guardianship Regulations
    2005 reg 2(1)): no duty to assess (reg 11); financial support already being paid can continue
    while they are in full-time education or training (reg 2(2))."""
    return Entitlement(
        code="special_guardianship_support", title=_("Special guardianship support and allowance"),
        why=_("The special guardianship order ended when the young person turned 18, so the council no longer "
              "has to assess your family's support needs. What does continue: an allowance the council was "
              "already paying you can carry on while the young person is in full-time education or training. "
              "New special guardianship support cannot start now."),
        next_step=_("If the council pays you a special guardianship allowance, tell it in writing that the young "
                    "person is still in full-time education or training, and ask it to confirm that the allowance "
                    "continues and until when."),
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
        code="child_arrangements_order_allowance", title=_("Child arrangements order allowance"),
        why=_("The child lives with you under a 'lives with' child arrangements order and you are not their "
              "parent, so the council can pay an allowance. It decides whether to, and usually means-tests it."),
        next_step=_("Ask children's services for a child arrangements order allowance (this app has the letter), "
                    "with a copy of the order and details of your income. Ask for a written agreement that says "
                    "how much, for how long and how it will be reviewed, and how it was worked out. Check your "
                    "council's kinship local offer."),
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
        code="section_17_support", title=_("Help for a child in need (section 17)"),
        why=_("The council has a duty to support children in its area who are 'in need', for example because "
              "their health or development would suffer without help. Children living with family or friends "
              "often are. The council can assess the child's needs and decide what help to give."),
        next_step=_("Write to children's services asking for a child in need assessment (this app has the "
                    "letter). Describe what the child needs. Help can be services, things, or sometimes money."),
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
    why = _("The fund pays for therapy for children who left care through special guardianship or "
            "adoption (or a child arrangements order made while special guardianship was assessed).")
    cao = c.case.arrangement.order == "cao_lives_with"
    if cao:
        why += " " + _("With a child arrangements order, it depends on whether the court made it while you "
                       "were being assessed as a special guardian.")
    if before is None:
        why += " " + _("It depends on whether the child was looked after just before the order.")
    if age is not None and age > 21:
        why += " " + _("Over 21 it applies only with an education, health and care plan.")
    amount = rates.lookup("asgsf_fair_access_limit", c.as_of)
    return Entitlement(
        code="adoption_support_fund", title=_("Adoption and Special Guardianship Support Fund (therapy)"),
        why=why,
        next_step=_("You cannot apply yourself. Ask the council for an assessment of the child's support needs; "
                    "the council then applies to the fund within 3 months. For the first 3 years after the order, "
                    "ask the council that looked after the child; after that, the council where you live. The "
                    "amount is a yearly limit for each child."),
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
    why = _("The child left care through a court order, so the school gets extra money each year to "
            "support them, from Reception to Year 11. The money goes to the school, not to you.")
    edge = age in (4, 16)
    if edge:
        why += " " + _("At {age}, it depends on the child's school year.").format(age=age)
    return Entitlement(
        code="pupil_premium_plus", title=_("Pupil Premium Plus (paid to the school)"),
        why=why,
        next_step=_("Tell the school before the October school census that the child was looked after before "
                    "the order, and give them a copy of the order (names can be blacked out) or a letter from "
                    "the council (this app has the letter). Ask the school how it will use the money."),
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
    why = _("Children who are looked after, or who left care through adoption, special guardianship or a "
            "child arrangements order, get top priority for a school place.")
    if c.looked_after:
        # The council shares parental responsibility for a looked-after child and is named as such
        # on the application; there is no order of the carer's to send.
        step = _("Plan any school application with the child's social worker, so that it says the child is "
                 "looked after, and send it by the closing date.")
    else:
        step = _("When you apply for a school place, tick the box for looked-after or previously "
                 "looked-after children and send a copy of the whole order by the closing date.")
    return Entitlement(
        code="school_admission_priority", title=_("Top priority for school places"), why=why,
        next_step=step,
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
    if c.looked_after and c.kinship_or_maybe:
        why = _("The child is looked after. The council must promote the education of every child it looks "
                "after, through its Virtual School Head.")
        source = "Children Act 1989, section 22(3A) to (3C)"
    elif order in PREVIOUSLY_LOOKED_AFTER_ORDERS and c.case.child.looked_after_before_order:
        why = _("The Virtual School Head must give advice about the education of children who left care "
                "through an order.")
        source = "Children and Social Work Act 2017, sections 4 to 7"
    elif order in ("special_guardianship_order", "cao_lives_with") and _kinship_education_duty(c):
        why = _("Since 1 June 2026 the council must promote the education of children in kinship care, such as "
                "children living with special guardians or under a child arrangements order, and must have an "
                "officer to do it: the Virtual School Head.")
        source = ("Children Act 1989, section 23ZZZA (inserted by the Children's Wellbeing and Schools Act 2026, "
                  "section 6, from 1 June 2026)")
    elif order in ("special_guardianship_order", "cao_lives_with") and c.as_of >= VSH_KINSHIP_EXTENSION:
        # Non-statutory extension (September 2024), before the 2026 Act's duty began.
        why = _("Since September 2024 the council's Virtual School Head also gives advice about the education "
                "of children living with special guardians or under a child arrangements order.")
        source = "DfE, Virtual School Head role extension to children in kinship care (September 2024)"
    else:
        return None
    return Entitlement(
        code="virtual_school_advice", title=_("Advice from the Virtual School"), why=why,
        next_step=_("Contact your council's Virtual School and ask for advice on the child's education "
                    "(this app has the letter)."),
        source=source, amount=None, certainty="qualifies")


def _kinship_education_duty(c: Context) -> bool:
    """Children Act 1989 s23ZZZA (CWSA 2026 s6): a dated switch in resources/law/dated.toml."""
    return law.in_force("kinship_education_duty", c.as_of)


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
    if council.code not in {p.code for p in councils.pilot_areas(c.as_of)}:
        return None
    if order == "special_guardianship_order":
        why = _("You live in {council}, one of the pilot areas, and you are a special guardian.").format(
            council=council.nice_name)
    else:
        why = _("You live in {council}, one of the pilot areas. With a child arrangements order it applies "
                "if the order was made in care proceedings, or the child would otherwise be in care (for "
                "example they were looked after just before).").format(council=council.nice_name)
    pilot = councils.pilot()
    if pilot.children:
        why += " " + _("The pilot covers up to {count} children in its seven areas.").format(
            count=format_number(pilot.children))
    amount = c.nma()
    return Entitlement(
        code="kinship_allowance_pilot", title=_("Kinship allowance (pilot area)"), why=why,
        next_step=_("Ask your council's kinship team about the kinship allowance pilot and when its payments "
                    "start in your area (we could not confirm the start date). Have a copy of your court order "
                    "ready. With a child arrangements order, also have proof that the child would otherwise be "
                    "in care, such as papers showing they were looked after, a child protection plan or the "
                    "court's welfare report. It can be paid for up to 3 years and is not means-tested. Its "
                    "effect on benefits is not confirmed: ask an adviser."),
        source="Kinship, Financial allowances pilot; DfE announcement, 27 February 2026",
        amount=amount, certainty="may_qualify")


@rule
def staying_put(c: Context) -> Entitlement | None:
    """Staying Put (Children Act 1989 s23CZA): a young person in foster care, kinship foster care
    included, can stay with their former foster carer after 18, supported to 21."""
    age = c.case.child.age
    approved = c.case.carer.approved_foster_carer in ("temporary", "full")
    if c.cls.category == "kinship_foster_care" and (age is None or age >= 14):
        why = _("The child is in kinship foster care. At 18 they can stay with you under Staying Put, and "
                "the council must support it, with money too, until they are 21, if they have been looked "
                "after for 13 weeks since they were 14 and are looked after on their 18th birthday.")
    elif age is not None and 18 <= age <= 20 and approved:
        why = _("You were the young person's foster carer. Under Staying Put they can stay with you until 21, "
                "with support from the council, if they were looked after for 13 weeks since they were 14 and "
                "on their 18th birthday.")
    else:
        return None
    if c.adult:
        step = _("Ask the council's leaving care team (the young person's personal adviser) to confirm the "
                 "Staying Put arrangement in writing, including the money the council will pay you.")
    else:
        step = _("Ask the social worker to plan Staying Put in the young person's pathway plan well before "
                 "their 18th birthday, including the money the council will pay you.")
    return Entitlement(
        code="staying_put", title=_("Staying Put after 18"), why=why,
        next_step=step,
        source="Children Act 1989, section 23CZA; DfE Staying Put guidance", amount=None, certainty="may_qualify")


@rule
def legal_aid_special_guardianship(c: Context) -> Entitlement | None:
    """Legal aid, means and merits tested, for people applying for a special guardianship order in
    private law, without domestic abuse evidence, since 1 May 2023."""
    if c.as_of < SGO_LEGAL_AID_FROM or not c.kinship_or_maybe or c.looked_after:
        return None
    if c.cls.category not in (*INFORMAL, "child_arrangements_order", "undetermined"):
        return None
    return Entitlement(
        code="legal_aid_special_guardianship", title=_("Legal aid to apply for special guardianship"),
        why=_("If you apply to court to become the child's special guardian, you may get legal aid. It depends "
              "on your income and savings and on the strength of your case. Legal aid to apply for a child "
              "arrangements order is harder to get: you usually need evidence that the child is at risk from "
              "a parent."),
        next_step=_("Call Family Rights Group's advice line (0808 801 0366) to talk through your legal options. "
                    "Then ask a family law solicitor who does legal aid whether you qualify, and take proof of "
                    "your income and savings."),
        source="Legal aid changes from 1 May 2023 (Family Rights Group, Reforms to legal aid and advice)",
        amount=None, certainty="may_qualify")


@rule
def parental_leave(c: Context) -> Entitlement | None:
    """Unpaid parental leave needs parental responsibility: up to 18 weeks per child, at most 4 weeks
    a year (Maternity and Parental Leave etc. Regulations 1999). Before 6 April 2026 it also needed
    a year's service; the Employment Rights Act 2025 s15 made it a day-one right (a dated switch in
    resources/law/dated.toml)."""
    if c.case.arrangement.order not in PR_ORDERS or c.case.household.employed is False:
        return None
    if c.case.carer.relationship == "parent" or c.adult:
        return None
    if c.case.household.employed is None:
        c.need("household.employed")
    day_one = law.switch("parental_leave_day_one")
    if law.in_force(day_one.name, c.as_of):
        why = _("Your court order gives you parental responsibility, so you can take unpaid parental leave. "
                "Since 6 April 2026 you can take it from your first day in the job.")
        source = ("Employment Rights Act 2025, section 15 (day-one right from 6 April 2026); Maternity and "
                  "Parental Leave etc. Regulations 1999")
    else:
        why = _("Your court order gives you parental responsibility, so if you have worked for your employer for "
                "a year you can take unpaid parental leave. From 6 April 2026 the year's service is no longer "
                "needed.")
        source = "Kinship Compass, Time off work for kinship carers; Maternity and Parental Leave etc. Regulations 1999"
    return Entitlement(
        code="parental_leave", title=_("Unpaid parental leave"), why=why,
        next_step=_("Ask your employer in writing (this app has the letter). They can ask to see proof, such as "
                    "the court order. You can take up to 18 weeks for each child before they are 18, and at most "
                    "4 weeks a year. It is unpaid."),
        source=source, amount=None, certainty="may_qualify")


@rule
def flexible_working(c: Context) -> Entitlement | None:
    """Every employee may ask for flexible working from their first day (Employment Rights Act 1996
    Part 8A, as amended from 6 April 2024): two requests in 12 months, handled reasonably."""
    if c.case.household.employed is False or not c.lives_with:
        return None
    if c.case.household.employed is None:
        c.need("household.employed")
        why = _("If you are in paid work, you can ask to change your hours or where you work from your first "
                "day in the job.")
    else:
        why = _("You are in paid work, so you can ask to change your hours or where you work, from your first "
                "day in the job.")
    return Entitlement(
        code="flexible_working", title=_("The right to ask for flexible working"), why=why,
        next_step=_("Make a written flexible working request to your employer (this app has the letter). You "
                    "can make 2 requests in any 12 months, your employer must deal with it reasonably, and an "
                    "agreed change is permanent. We know of no legal right to kinship leave, but some employers "
                    "give it: ask yours."),
        source="Kinship, Time off work for kinship carers; DfE, Kinship carers in the workplace (2023)",
        amount=None, certainty=_may(c.case.household.employed))


@rule
def kinship_training(c: Context) -> Entitlement | None:
    """The national training and support offer for all kinship carers in England, whatever their
    legal order (Kinship Compass, funded by DfE from April 2024)."""
    if not c.kinship_or_maybe:
        return None
    why, certainty = _if_kinship(c, _("The national training and support offer is for all kinship carers in "
                                      "England, with or without a court order."))
    return Entitlement(
        code="kinship_training", title=_("Free training and information for kinship carers"),
        why=why,
        next_step=_("Look at Kinship Compass (compass.kinship.org.uk) for free workshops, training and advice "
                    "pages. Its government funding was agreed to March 2025, with a possible extension to "
                    "March 2027: check what is running now."),
        source="Kinship, Training and support for kinship carers (policy tracker); Parliamentary answer 26804",
        amount=None, certainty=certainty)


@rule
def peer_support(c: Context) -> Entitlement | None:
    """Kinship's peer support groups, funded by DfE: over 140 groups across England."""
    if not c.kinship_or_maybe:
        return None
    why, certainty = _if_kinship(c, _("Support groups run by and for kinship carers meet across England, in "
                                      "person and online."))
    return Entitlement(
        code="peer_support", title=_("Kinship carer support groups"),
        why=why,
        next_step=_("Look on the Kinship website (kinship.org.uk) for support groups, or ask your council's "
                    "kinship team about groups near you."),
        source="Kinship, Training and support for kinship carers (policy tracker)", amount=None,
        certainty=certainty)


@rule
def kinship_local_offer(c: Context) -> Entitlement | None:
    """The kinship local offer: a duty from 29 June 2026 (Children Act 1989 s22H, inserted by the
    Children's Wellbeing and Schools Act 2026 s5, commenced by s78(2)(a)); before that, the statutory
    guidance's 'should' (DfE, October 2024). The date is a switch in resources/law/dated.toml."""
    if not c.kinship_or_maybe and "order_support_without_kinship" not in c.cls.flags:
        return None
    council = c.council
    where = (_("{council}'s kinship local offer").format(council=council.nice_name) if council
             else _("your council's kinship local offer"))
    if law.in_force("kinship_local_offer_duty", c.as_of):
        why = _("Every council must publish its kinship local offer: what support it gives kinship families, "
                "including money, health, education and housing, who can get it and how to ask. It must consult "
                "kinship carers and children before publishing or changing it, and keep it up to date.")
        source = ("Children Act 1989, section 22H (Children's Wellbeing and Schools Act 2026, section 5, in force "
                  "by 29 June 2026); Kinship care: statutory guidance for local authorities (DfE, October 2024)")
    else:
        why = _("Every council should publish what support it gives kinship families, who can get money, how "
                "to apply and how it decides.")
        source = "Kinship care: statutory guidance for local authorities (DfE, October 2024)"
    why, certainty = _if_kinship(c, why)
    return Entitlement(
        code="kinship_local_offer", title=_("Your council's kinship local offer"), why=why,
        next_step=_("Read {where} on the council's website, or ask children's services for a copy. Any money "
                    "it agrees to pay should be set out in a written agreement saying how much, for how long "
                    "and how it will be reviewed.").format(where=where),
        source=source, amount=None, certainty=certainty)


@rule
def advice_line(c: Context) -> Entitlement | None:
    """Free, independent advice for kinship carers: Family Rights Group's advice line."""
    return Entitlement(
        code="advice_line", title=_("Free independent advice"),
        why=_("An adviser can talk your situation through, explain your legal options and help you ask for "
              "support."),
        next_step=_("Call Family Rights Group's advice line on 0808 801 0366 (Monday to Friday, 9.30am to 3pm, "
                    "not bank holidays; textphone: dial 18001 first). Kinship also gives free advice: see "
                    "kinship.org.uk for how to reach them."),
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
        text = (_("Tell the council's children's services about the private fostering arrangement now: it has "
                  "started, and the law says to tell them at once. This app has the letter.") if started else
                _("Tell the council's children's services about the private fostering arrangement at least "
                  "6 weeks before it starts, or at once if it starts sooner. This app has the letter."))
        out.append(Action("private_fostering_notice", text,
                          "Children (Private Arrangements for Fostering) Regulations 2005, regulations 3 and 5",
                          due=as_of))
    if "approval_needed" in cls.flags:
        out.append(Action("ask_approval", _("Ask the child's social worker about being approved as a foster "
                                            "carer for the child, and about the fostering allowance."),
                          "Care Planning, Placement and Case Review (England) Regulations 2010, regulation 24"))
    if "check_looked_after_status" in cls.flags:
        out.append(Action("check_looked_after", _("Ask children's services in writing whether the child is "
                                                  "looked after, and on what legal basis."),
                          "Kinship care: statutory guidance for local authorities (DfE, October 2024)"))
    codes = {e.code for e in found}
    # Only what the facts known call for: a claim needs a parent known to have died; telling the school
    # needs the child known to have been looked after before the order.
    died = case.household.parents_died
    if "guardians_allowance" in codes and isinstance(died, int) and died >= 1:
        out.append(Action("claim_guardians_allowance", _("Claim Guardian's Allowance on form BG1 within 3 months "
                                                         "of the child coming to you, to get full backdating."),
                          "GOV.UK Guardian's Allowance guidance"))
    if "special_guardianship_support" in codes:
        out.append(Action("ask_sg_assessment", _("Ask the council in writing for a special guardianship support "
                                                 "assessment."), "Special Guardianship Regulations 2005, regulation 11"))
    if "pupil_premium_plus" in codes and case.child.looked_after_before_order is True:
        out.append(Action("tell_school", _("Tell the school the child was looked after before the order, before "
                                           "the October census, with a copy of the order."),
                          SRC_PUPIL_PREMIUM_PLUS))
    return out
