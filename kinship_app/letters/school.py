"""Letters about the child's education (FACTS.md section 4, items 5 to 7; section 2.8)."""

from __future__ import annotations

from kinship_app.case import Case
from kinship_app.i18n import N_, _
from kinship_app.letters.base import CHILD, ORDER_DATE, Body, Ctx, LetterSpec, first_why, who_i_am
from kinship_app.letters.content import Bullets, Citation, Para
from kinship_app.letters.people import Spec
from kinship_app.result import Assessment

ORDERS = ("special_guardianship_order", "cao_lives_with", "adoption_order")
ADMISSIONS_CODE = "School Admissions Code (Department for Education), paragraph 1.7"
CSWA = "The Children and Social Work Act 2017, sections 4 to 7"


# ---- 5. tell the school the child was previously looked after ----------------------------

def _school_fits(case: Case, assessment: Assessment) -> str | None:
    # The letter states the child was looked after immediately before the order, so it is offered
    # only when the family said so; "not sure" is for the council to confirm first.
    if case.child.looked_after_before_order is not True or case.arrangement.order not in ORDERS:
        return None
    return first_why(assessment, "pupil_premium_plus", "school_admission_priority")


def _school_details(case: Case) -> list[Spec]:
    return CHILD + [ORDER_DATE]


def _school_body(ctx: Ctx) -> Body:
    blocks = [
        Para(who_i_am(ctx)),
        Para(_("{child} was looked after by a council immediately before the court made a {order} on {date}. "
               "This makes {them} a 'previously looked-after child'.").format(
            child=ctx.child, them=ctx.them, order=ctx.order_words(), date=ctx.date(ctx.v("order_date")))),
        Para(_("Please record this in the school census. The school receives Pupil Premium Plus for a previously "
               "looked-after child when the status is recorded in the October census, so I am telling you now.")),
    ]
    ppp = ctx.assessment.entitlement("pupil_premium_plus")
    if ppp and ppp.amount and ppp.amount.confirmed:
        blocks.append(Para(_("Pupil Premium Plus is paid to the school, to help children like {them}. For each "
                             "eligible pupil it is {amount}.").format(amount=ctx.money(ppp.amount),
                                                                     them=ctx.them)))
    elif ppp:
        # A figure we cannot confirm for this year stays out of a letter to the school.
        blocks.append(Para(_("Pupil Premium Plus is paid to the school for each eligible pupil, at the rate the "
                             "Department for Education sets for the year, to help children like {them}.")
                           .format(them=ctx.them)))
    blocks.append(Para(_("I would like to meet the designated teacher for looked-after and previously looked-after "
                         "children, to talk about how the school will use Pupil Premium Plus to support {them}.")
                       .format(them=ctx.them)))
    blocks.append(Para(_("When {child} applies for a school place: the School Admissions Code (paragraph 1.7) "
                         "gives previously looked-after children the highest priority in admissions. I will tick the looked-after box on the application and "
                         "send the order as evidence by the deadline. The admissions team may check with the "
                         "council that looked after {child}.").format(child=ctx.child)))
    blocks.append(Para(_("The council's Virtual School Head can give the school and me advice about {their} "
                         "education.").format(their=ctx.their)))
    cites = [
        Citation(_("Pupil Premium Plus: Department for Education funding for previously looked-after children"),
                 _("Pupil Premium Plus is paid for children who left care through adoption, a special "
                   "guardianship order or a child arrangements order, counted in the October census.")),
        Citation(ADMISSIONS_CODE,
                 _("looked-after and previously looked-after children have the highest priority for places.")),
        Citation(CSWA, _("the Virtual School Head gives advice about previously looked-after children's "
                         "education.")),
    ]
    enclosures = [_("A copy of the {order} (you may cover up details the school does not need), or a letter "
                    "from the council confirming {child} was looked after immediately before it").format(
        order=ctx.order_words(), child=ctx.child)]
    subject = _("{child}: previously looked-after child (Pupil Premium Plus and admissions)").format(
        child=ctx.child_born())
    return Body(subject, blocks, cites, enclosures)


SCHOOL = LetterSpec(
    id="school_previously_looked_after",
    title=N_("Tell the school the child was previously looked after"),
    short="PLAC",
    recipient="school",
    fits=_school_fits,
    details=_school_details,
    body=_school_body,
    advice=(N_("Send it before the October school census so the school receives Pupil Premium Plus."),
            N_("For a school place, tick the looked-after box on the application and send the order by the "
               "deadline.")),
    child_words="relationship",
)


# ---- 6. ask the Virtual School Head for advice --------------------------------------------

def _vsh_fits(case: Case, assessment: Assessment) -> str | None:
    return first_why(assessment, "virtual_school_advice")


def _vsh_details(case: Case) -> list[Spec]:
    specs = CHILD + [
        Spec("school.name", N_("The child's school or nursery, if they go to one"), "text", required=False),
        Spec("request.education", N_("What you would like advice about"), "long_text", required=False,
             hint=N_("For example: how the school supports the child, a change of school, an education, health "
                     "and care plan.")),
    ]
    if case.arrangement.order in ORDERS:
        specs.insert(2, ORDER_DATE)
    return specs


def _education_duty(ctx: Ctx) -> bool:
    """The s23ZZZA duty (a dated switch in resources/parameters/law.toml) covers children in kinship care;
    a looked-after child's education is the council's duty already (s22(3A)), cited elsewhere."""
    from kinship_app.data import law

    return ctx.case.arrangement.order in ORDERS and law.in_force("kinship_education_duty", ctx.as_of)


def _vsh_body(ctx: Ctx) -> Body:
    order = ctx.case.arrangement.order
    blocks = [Para(who_i_am(ctx))]
    if order in ORDERS:
        blocks.append(Para(_("I care for {them} under a {order} made on {date}.").format(
            them=ctx.them, order=ctx.order_words(), date=ctx.date(ctx.v("order_date")))))
    if ctx.v("school.name"):
        blocks.append(Para(_("{child} goes to {school}.").format(child=ctx.child, school=ctx.v("school.name"))))
    cites = []
    if ctx.case.child.looked_after_before_order and order in ORDERS:
        blocks.append(Para(_("{child} was looked after by a council immediately before the order. Since 2018, the "
                             "Virtual School Head has had a legal duty to promote the education of previously "
                             "looked-after children, including by giving advice and information to the people "
                             "caring for them (Children and Social Work Act 2017).").format(child=ctx.child)))
        cites.append(Citation(CSWA, _("the Virtual School Head must promote the education of previously "
                                      "looked-after children by giving advice and information.")))
    if _education_duty(ctx):
        blocks.append(Para(_("Since 1 June 2026 the council has a legal duty to promote the educational achievement "
                             "of children in kinship care, and must appoint an officer to carry out that duty "
                             "(section 23ZZZA of the Children Act 1989). I am writing to you as that officer.")))
        cites.append(Citation("The Children Act 1989, section 23ZZZA (inserted by the Children's Wellbeing and "
                              "Schools Act 2026, section 6)",
                              _("the council must promote the educational achievement of children in kinship care "
                                "and appoint an officer to do so.")))
    else:
        blocks.append(Para(_("Since September 2024, Virtual School Heads have also been asked to give advice to "
                             "kinship carers who have a special guardianship order or child arrangements order, "
                             "whether or not the child was looked after.")))
        cites.append(Citation("Department for Education: Virtual School Head role extension to children in kinship "
                              "care (from September 2024)",
                              _("Virtual School Heads advise special guardians and child arrangements order holders.")))
    blocks.append(Para(_("I am asking for your advice about {their} education.").format(their=ctx.their)))
    if ctx.v("request.education"):
        blocks.append(Para(_("In particular: {what}").format(what=ctx.v("request.education"))))
    blocks.append(Para(_("I would also like to know:")))
    blocks.append(Bullets((
        _("how the school can support {them}, and who the designated teacher is").format(them=ctx.them),
        _("whether {they} can get Pupil Premium Plus, and how it can be used").format(they=ctx.they),
        _("what training or support you offer to kinship carers"),
    )))
    blocks.append(Para(_("Please contact me to arrange a time to talk.")))
    subject = _("Request for advice from the Virtual School: {child}").format(child=ctx.child_born())
    return Body(subject, blocks, cites, [])


VIRTUAL_SCHOOL = LetterSpec(
    id="virtual_school_advice",
    title=N_("Ask the Virtual School Head for advice"),
    short="VSH",
    recipient="virtual_school",
    fits=_vsh_fits,
    details=_vsh_details,
    body=_vsh_body,
    advice=(N_("Every council has a Virtual School. Its address is on the council's website."),),
    child_words="relationship",
)

LETTERS = (SCHOOL, VIRTUAL_SCHOOL)
