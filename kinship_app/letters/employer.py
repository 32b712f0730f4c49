"""Letters to the carer's employer (FACTS.md section 4, item 8; section 2.10).

There is no statutory kinship leave (FACTS 2.10): these letters use the rights every employee has
(flexible working) and, where the carer has parental responsibility, unpaid parental leave (a day-one
right for leave from 6 April 2026, Employment Rights Act 2025 s15: FACTS section 0). The
exact content a flexible working application must have since 2024 is UNVERIFIED, so the letter
gives everything the law has asked for (the change, its start date, earlier requests) and makes no
claim about what is or is not required.
"""

from __future__ import annotations

from kinship_app.case import Case
from kinship_app.i18n import N_, _
from kinship_app.letters.base import Body, Ctx, LetterSpec, first_why
from kinship_app.letters.content import Citation, LetterError, Para
from kinship_app.letters.people import Spec
from kinship_app.result import Assessment

ERA = "The Employment Rights Act 1996"
DFE_EMPLOYERS = "Kinship carers in the workplace: guidance for employers (Department for Education, December 2023)"
# A special guardianship order, a 'lives with' child arrangements order and an adoption order each
# give the carer parental responsibility (Children Act 1989 ss12(2), 14C; Adoption and Children Act 2002 s46).
PR_ORDERS = ("special_guardianship_order", "cao_lives_with", "adoption_order")

JOB = Spec("work.job_title", N_("Your job title"), "text", required=False)


def _kinship_context() -> Para:
    return Para(_("I am a kinship carer: I am raising a relative's or friend's child who cannot live with their "
                  "parents. "
                  "The Department for Education's guidance for employers explains how employers can support "
                  "kinship carers. If you have a kinship care or family-friendly policy, I would be grateful "
                  "for a copy."))


def _opening(ctx: Ctx) -> str:
    if ctx.v("work.job_title"):
        return _("I work for you. My job title is {job}.").format(job=ctx.v("work.job_title"))
    return _("I work for you.")


# ---- 7. flexible working -------------------------------------------------------------------

def _fw_fits(case: Case, assessment: Assessment) -> str | None:
    return first_why(assessment, "flexible_working")


def _fw_details(case: Case) -> list[Spec]:
    return [
        JOB,
        Spec("work.current_pattern", N_("Your working pattern now (days, hours, place)"), "long_text"),
        Spec("work.requested_pattern", N_("The working pattern you are asking for"), "long_text"),
        Spec("work.start_date", N_("The date you would like the change to start"), "date"),
        Spec("work.previous_request", N_("The date of any other flexible working request in the last 12 months"),
             "date_or_none", hint=N_("Write 'none' if you have not made one.")),
        Spec("work.effects", N_("How the change might affect your work, and how that could be dealt with"),
             "long_text", required=False),
    ]


def _fw_body(ctx: Ctx) -> Body:
    previous = ctx.v("work.previous_request")
    blocks = [
        Para(_opening(ctx) + " " + _("This is a statutory request for flexible working under section 80F of the "
                                     "Employment Rights Act 1996.")),
        Para(_("I am asking to change my working pattern because I have taken on the care of a child.")),
        Para(_("My working pattern now: {now}").format(now=ctx.v("work.current_pattern"))),
        Para(_("The working pattern I am asking for: {new}").format(new=ctx.v("work.requested_pattern"))),
        Para(_("I would like the change to start on {date}.").format(date=ctx.date(ctx.v("work.start_date")))),
    ]
    if ctx.v("work.effects"):
        blocks.append(Para(_("How this might affect my work, and how that could be dealt with: {effects}")
                           .format(effects=ctx.v("work.effects"))))
    if previous == "none":
        blocks.append(Para(_("I have not made another flexible working request to you in the last 12 months.")))
    else:
        blocks.append(Para(_("I made an earlier flexible working request on {date}.").format(date=ctx.date(previous))))
    blocks += [
        Para(_("I understand that I can make up to two requests in any 12 months, that you must deal with my "
               "request in a reasonable manner, and that an agreed change is a permanent change to my contract "
               "unless we agree otherwise.")),
        _kinship_context(),
        Para(_("I would be happy to meet to talk about this request.")),
    ]
    cites = [
        Citation(f"{ERA}, Part 8A (section 80F onwards)",
                 _("every employee can ask for flexible working from their first day; up to two requests a year; "
                   "the employer must deal with them reasonably.")),
        Citation(DFE_EMPLOYERS, _("how employers can support kinship carers at work.")),
    ]
    subject = _("Flexible working request: {name}").format(name=ctx.v("carer.name"))
    return Body(subject, blocks, cites, [])


FLEXIBLE_WORKING = LetterSpec(
    id="flexible_working_request",
    title=N_("Ask your employer for flexible working"),
    short="FWR",
    recipient="employer",
    fits=_fw_fits,
    details=_fw_details,
    body=_fw_body,
    advice=(N_("You can make up to two flexible working requests in any 12 months, from your first day in a job."),
            N_("Ask whether your employer is a Kinship Friendly Employer: some give paid kinship leave.")),
)


# ---- 7b. unpaid parental leave (needs parental responsibility) ------------------------------

def _pl_fits(case: Case, assessment: Assessment) -> str | None:
    if case.arrangement.order not in PR_ORDERS:
        return None
    return first_why(assessment, "parental_leave")


def _pl_details(case: Case) -> list[Spec]:
    return [
        JOB,
        Spec("child.name", N_("The child's full name"), "text"),
        Spec("child.date_of_birth", N_("The child's date of birth"), "date"),
        Spec("leave.start_date", N_("The first day of leave"), "date"),
        Spec("leave.end_date", N_("The last day of leave"), "date"),
        # Only leave starting before 6 April 2026 needs a year's service (Employment Rights Act 2025 s15).
        Spec("work.one_year_service", N_("Have you worked for this employer for at least a year?"), "yes_no",
             required=False, hint=N_("Only needed for leave that starts before 6 April 2026.")),
    ]


def _day_one(start) -> bool:
    """Whether leave starting on ``start`` falls under the day-one right (a dated switch in
    resources/parameters/law.toml): the qualifying period applies when the leave is taken."""
    from kinship_app.data import law

    return law.in_force("parental_leave_day_one", start)


def _pl_body(ctx: Ctx) -> Body:
    start, end = ctx.v("leave.start_date"), ctx.v("leave.end_date")
    if end < start:
        raise LetterError("people.leave.end_date", _("must be on or after the first day of leave"))
    day_one = _day_one(start)
    if not day_one and ctx.v("work.one_year_service") is not True:
        raise LetterError("people.work.one_year_service", _("unpaid parental leave starting before 6 April 2026 "
                                                            "needs one year's service with this employer; from "
                                                            "that date it does not"))
    opening = _opening(ctx)
    if not day_one:
        opening += " " + _("I have worked for you for at least a year.")
    blocks = [
        Para(opening),
        Para(_("Under a {order}, I have parental responsibility for {child}. I can show you the order if you "
               "need evidence.").format(child=ctx.child_born(), order=ctx.order_words())),
        Para(_("I am giving you notice that I want to take unpaid parental leave from {start} to {end}.").format(
            start=ctx.date(start), end=ctx.date(end))),
    ]
    if day_one:
        blocks.append(Para(_("Since 6 April 2026, employees with parental responsibility can take unpaid parental "
                             "leave from their first day in the job: up to 18 weeks for each child, and no more "
                             "than 4 weeks in any year for each child.")))
        cites = [
            Citation("The Employment Rights Act 2025, section 15",
                     _("from 6 April 2026 unpaid parental leave needs no qualifying period of service.")),
            Citation(f"{ERA}, section 76, and the Maternity and Parental Leave etc. Regulations 1999, Part III",
                     _("unpaid parental leave for employees with parental responsibility: up to 18 weeks per "
                       "child, at most 4 weeks a year.")),
        ]
    else:
        blocks.append(Para(_("Parents and others with parental responsibility who have a year's service can take up "
                             "to 18 weeks of unpaid parental leave for each child, and no more than 4 weeks in any "
                             "year for each child.")))
        cites = [
            Citation(f"{ERA}, section 76, and the Maternity and Parental Leave etc. Regulations 1999, Part III",
                     _("unpaid parental leave for employees with a year's service and parental responsibility: up "
                       "to 18 weeks per child, at most 4 weeks a year.")),
        ]
    blocks += [_kinship_context(), Para(_("Please confirm the leave in writing."))]
    cites.append(Citation(DFE_EMPLOYERS, _("how employers can support kinship carers at work.")))
    subject = _("Notice of unpaid parental leave: {name}").format(name=ctx.v("carer.name"))
    return Body(subject, blocks, cites, [])


PARENTAL_LEAVE = LetterSpec(
    id="parental_leave_request",
    title=N_("Ask your employer for unpaid parental leave"),
    short="UPL",
    recipient="employer",
    fits=_pl_fits,
    details=_pl_details,
    body=_pl_body,
    advice=(N_("Parental leave is unpaid and needs parental responsibility for the child. Since 6 April 2026 "
               "you can take it from your first day in the job; before that it needed a year's service."),),
)

LETTERS = (FLEXIBLE_WORKING, PARENTAL_LEAVE)
