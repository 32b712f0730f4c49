"""Letters to the council's children's services (FACTS.md section 4, items 1 to 4)."""

from __future__ import annotations

import datetime as dt

from kinship_app.case import Case
from kinship_app.i18n import N_, _
from kinship_app.letters.base import CHILD, ORDER_DATE, Body, Ctx, LetterSpec, first_why, who_i_am
from kinship_app.letters.content import Block, Bullets, Citation, Fields, Heading, LetterError, Note, Para
from kinship_app.letters.people import Spec
from kinship_app.result import Assessment, flag_text

SGR = "The Special Guardianship Regulations 2005"
CA89 = "The Children Act 1989"
GUIDANCE_2024 = "Kinship care: statutory guidance for local authorities (Department for Education, October 2024)"
PF_REGS = "The Children (Private Arrangements for Fostering) Regulations 2005"


def _fostering_benchmark(ctx: Ctx) -> Para | None:
    """The fostering allowance the council should have regard to, as the assessment found it."""
    for code in ("special_guardianship_support", "child_arrangements_order_allowance"):
        found = ctx.assessment.entitlement(code)
        if found and found.reference_amount and found.reference_amount.confirmed:
            return Para(_("For comparison, the national minimum fostering allowance for a child of {their} "
                          "age where we live is {amount}.").format(their=ctx.their,
                                                                  amount=ctx.money(found.reference_amount)))
        if found and found.reference_amount:
            # Last year's figure, not confirmed for this year: state the benchmark, not a number.
            return Para(_("For comparison, please use this year's national minimum fostering allowance for a "
                          "child of {their} age where we live.").format(their=ctx.their))
    return None


# ---- 1. special guardianship support assessment -------------------------------------------

def _sg_fits(case: Case, assessment: Assessment) -> str | None:
    # The order ends at 18 (Children Act 1989 s91(13)): there is no assessment to ask for after that.
    from kinship_app.data import law

    if case.child.age is not None and case.child.age >= law.value("order_ends_at_age", assessment.as_of):
        return None
    return first_why(assessment, "special_guardianship_support")


def _sg_details(case: Case) -> list[Spec]:
    specs = list(CHILD)
    if case.arrangement.order == "special_guardianship_order":
        specs.append(ORDER_DATE)
    specs += [
        Spec("request.needs", N_("What help the child or your family needs"), "long_text", required=False,
             hint=N_("For example: help with the child's behaviour after a difficult start, therapy, "
                     "contact with parents, money for a bigger bed or a school uniform.")),
        Spec("request.services", N_("Any particular service you are asking for"), "long_text", required=False),
        Spec("request.financial", N_("Do you also want the council to look at financial support?"), "yes_no",
             required=False),
    ]
    return specs


def _sg_body(ctx: Ctx) -> Body:
    case = ctx.case
    blocks = [Para(who_i_am(ctx))]
    cites = [Citation(f"{CA89}, section 14F",
                      _("the council must make arrangements for special guardianship support services; it may "
                        "assess anyone's needs for them when asked, and must for the people the regulations "
                        "list (section 14F(3) and (4), regulation 11(1))."))]
    if case.arrangement.order == "special_guardianship_order":
        blocks.append(Para(_("I am {their} special guardian. The court made the special guardianship order on "
                             "{date}.").format(their=ctx.their, date=ctx.date(ctx.v("order_date")))))
    else:
        blocks.append(Para(_("A special guardianship order for {them} is being considered, with me as the special "
                             "guardian.").format(them=ctx.them)))
    blocks.append(Para(_("I am writing to ask you to carry out an assessment of our needs for special "
                         "guardianship support services, under section 14F of the Children Act 1989 and "
                         "regulation 11 of the Special Guardianship Regulations 2005.")))
    looked_after = case.child.looked_after_before_order
    if looked_after:
        blocks.append(Para(_("{child} was looked after by a council immediately before the order. This means "
                             "the council must carry out this assessment when I ask for it (regulation 11(1)).")
                           .format(child=ctx.child)))
        cites.append(Citation(f"{SGR}, regulation 11(1)",
                              _("the council must assess when the special guardian of a child who was looked "
                                "after immediately before the order asks.")))
    else:
        if looked_after is None:
            blocks.append(Para(_("I am not sure whether {child} was looked after by a council immediately before "
                                 "the order. Please check your records: if so, you must carry out this "
                                 "assessment (regulation 11(1)).").format(child=ctx.child)))
        blocks.append(Para(_("If you are minded not to carry out the assessment, please give me written notice of "
                             "your reasons and a chance to reply before you decide (regulation 11(3)).")))
        cites.append(Citation(f"{SGR}, regulation 11(2) and (3)",
                              _("a written request must be considered; if the council is minded not to assess, "
                                "it must say why and let the person reply.")))
    if ctx.v("request.needs"):
        blocks.append(Para(_("What we need help with: {needs}").format(needs=ctx.v("request.needs"))))
    if ctx.v("request.services"):
        blocks.append(Para(_("In particular, I am asking for: {services}. You may limit the assessment to this "
                             "if that is quicker (regulation 11(4)).").format(services=ctx.v("request.services"))))
    blocks.append(Para(_("When you assess us, please look at everything regulation 12 lists:")))
    blocks.append(Bullets((
        _("the child's needs as they grow, including needs that come from the past"),
        _("my ability to meet those needs, now and in the future"),
        _("our family and where we live"),
        _("any earlier assessments of the child"),
        _("the needs of my own family"),
        _("how the arrangement may affect the child's relationship with their parents"),
    )))
    cites.append(Citation(f"{SGR}, regulation 12",
                          _("what the assessment must consider, and that the council must write a report.")))
    if ctx.v("request.financial") is not False:
        # After the list, the paragraph names the child again before a pronoun.
        blocks.append(Para(_("Please also assess whether I need financial support to keep caring for {child} "
                             "(regulation 6). The guidance says the council should have regard to the fostering "
                             "allowance that would be paid if {they} were fostered.").format(child=ctx.child,
                                                                                            they=ctx.they)))
        benchmark = _fostering_benchmark(ctx)
        if benchmark:
            blocks.append(benchmark)
        cites.append(Citation(f"{SGR}, regulation 6",
                              _("when the council can pay financial support to a special guardian.")))
    blocks.append(Para(_("Please send me the written report of the assessment (regulation 12), your proposal "
                         "for support and time to comment on it (regulation 15), and your decision in writing "
                         "with your reasons (regulation 16).")))
    cites.append(Citation(f"{SGR}, regulations 15 and 16",
                          _("the council must send a proposal, allow comments, then give its decision and "
                            "reasons in writing.")))
    blocks.append(Para(_("Please tell me who will carry out the assessment and when it will start.")))
    enclosures = []
    if case.arrangement.order == "special_guardianship_order":
        enclosures.append(_("A copy of the special guardianship order"))
    if ctx.v("request.financial") is not False:
        enclosures.append(_("Details of our household income, for the means test"))
    subject = _("Request for a special guardianship support assessment: {child}").format(child=ctx.child_born())
    return Body(subject, blocks, cites, enclosures)


SG_SUPPORT = LetterSpec(
    id="sg_support_assessment",
    title=N_("Ask for a special guardianship support assessment"),
    short="SGSA",
    recipient="council",
    fits=_sg_fits,
    details=_sg_details,
    body=_sg_body,
    advice=(N_("Send this to the council that looked after the child if the order was made less than 3 years "
               "ago; after that, to the council where you live."),
            N_("Keep a copy and note the date you sent it.")),
    child_words="relationship",
)


# ---- 2. allowance, or a review of it ------------------------------------------------------

def _allowance_fits(case: Case, assessment: Assessment) -> str | None:
    if case.arrangement.order not in ("special_guardianship_order", "cao_lives_with"):
        return None
    return first_why(assessment, "special_guardianship_support", "child_arrangements_order_allowance")


def _allowance_details(case: Case) -> list[Spec]:
    return CHILD + [
        ORDER_DATE,
        Spec("allowance.current", N_("The allowance you get now, if any (for example £95 a week)"), "text",
             required=False),
        Spec("allowance.changes", N_("What has changed, or why the money is not enough"), "long_text",
             required=False),
        Spec(HOW_WORKED_OUT, N_("Include 'How I worked this out': the steps of your saved allowance estimate"),
             "yes_no", required=False,
             hint=N_("The letter then shows each step of your estimate in words and figures, and says it is "
                     "your own estimate and that the council decides.")),
    ]


HOW_WORKED_OUT = "allowance.how_worked_out"


def _how_worked_out(ctx: Ctx) -> list[Block]:
    """'How I worked this out': the saved estimate's steps in words and figures, said plainly to be the
    family's own estimate with the national model or the council's published version of it."""
    from kinship_app.estimate import saved

    est = ctx.estimate
    if not est or not isinstance(est.get("result"), dict):
        raise LetterError(f"people.{HOW_WORKED_OUT}", _("there is no saved allowance estimate for this child to "
                                                         "include: work one out and save it first"))
    result = est["result"]
    variant = result.get("variant") or {}
    read_on = ctx.date(dt.date.fromisoformat(variant["read_on"])) if variant.get("read_on") else ""
    if variant.get("code") == "national":
        model = _("the national model councils are recommended to use (the Department for Education's "
                  "standardised means test for adoption and special guardianship financial support)")
    elif _published_by_council(variant.get("code")):
        model = _("{name}, the council's published version of the standardised means test (as I read it on "
                  "{date})").format(name=variant.get("name"), date=read_on)
    else:
        model = _("{name}, a version of the standardised means test (as read on {date})").format(
            name=variant.get("name"), date=read_on)
    worked_for = ctx.date(dt.date.fromisoformat(est["as_of"])) if est.get("as_of") else ctx.date(ctx.as_of)
    period = _(saved.PERIOD_WORDS.get((result.get("result") or {}).get("period"), "a month"))
    rows = []
    for step in result.get("steps") or []:
        figure = f"{saved.step_figure(step, ctx.language)} {period}"
        percent = step.get("percent")
        if isinstance(percent, dict) and percent.get("max") is not None:
            figure += " (" + saved.percent_words([percent["min"], percent["max"]]) + ")"
        rows.append((saved.step_label(step), figure))
    blocks: list[Block] = [
        Heading(_("How I worked this out")),
        Para(_("This is my own estimate, not a decision. I worked it out for {date} with {model}. The council "
               "decides the allowance and may use its own version of the means test, so please send me your own "
               "calculation.").format(date=worked_for, model=model)),
        Para(_("My estimate: {figure}.").format(figure=saved.figure_text(result, ctx.language))),
        Fields(tuple(rows)),
    ]
    if not (result.get("result") or {}).get("exact"):
        blocks.append(Para(_("Where I was not sure of a figure, or the model's figure is not published, the "
                             "estimate is a range.")))
    titles = list(dict.fromkeys(s["source"]["title"] for s in result.get("steps") or []
                                if isinstance(s.get("source"), dict) and s["source"].get("title")))
    if titles:
        blocks.append(Note(_("Where the steps come from: {sources}.").format(sources="; ".join(titles))))
    return blocks


def _published_by_council(code: str | None) -> bool:
    from kinship_app.estimate import variants

    try:
        found = variants.load().get(code or "")
    except Exception:  # noqa: BLE001 - the words only: a variants file that no longer loads
        return False
    return found is not None and bool(found.councils) and found.file.endswith("councils.toml")


def _allowance_body(ctx: Ctx) -> Body:
    sgo = ctx.case.arrangement.order == "special_guardianship_order"
    blocks = [Para(who_i_am(ctx)),
              Para(_("The court made a {order} on {date}.").format(order=ctx.order_words(),
                                                                   date=ctx.date(ctx.v("order_date"))))]
    current = ctx.v("allowance.current")
    if current:
        blocks.append(Para(_("I receive an allowance of {amount} for {them}. I am asking you to review it.")
                           .format(amount=current, them=ctx.them)))
    else:
        blocks.append(Para(_("I am asking you for an allowance to help me meet the cost of caring for {them}.")
                           .format(them=ctx.them)))
    if ctx.v("allowance.changes"):
        blocks.append(Para(_("The reason: {changes}").format(changes=ctx.v("allowance.changes"))))
    if sgo:
        blocks.append(Para(_("The Special Guardianship Regulations 2005 let the council pay financial support to "
                             "a special guardian where it is needed to keep caring for the child, or where the "
                             "child needs extra care because of illness, disability, behaviour or the effects of "
                             "past abuse or neglect (regulation 6). Please assess my financial needs and review "
                             "the allowance as the regulations set out (regulations 13 and 18). If you decide not "
                             "to assess, please give me your reasons in writing (regulation 11(3)).")))
        blocks.append(Para(_("When you work out the amount, please have regard to the fostering allowance that "
                             "would be paid if {they} were fostered. In B v Lewisham (2008) the High Court found "
                             "that a council's scheme for special guardians that was not linked to fostering "
                             "allowances was unlawful.").format(they=ctx.they)))
        cites = [Citation(f"{SGR}, regulations 6, 13 and 18",
                          _("when financial support can be paid, how need is assessed, and how payments are "
                            "reviewed.")),
                 Citation(f"{SGR}, regulation 11(3)", _("a refusal to assess must come with reasons.")),
                 Citation("B v London Borough of Lewisham [2008] EWHC 738 (Admin)",
                          _("a special guardianship allowance scheme cut off from fostering rates was unlawful."))]
    else:
        blocks.append(Para(_("Paragraph 15 of Schedule 1 to the Children Act 1989 lets the council contribute to "
                             "the cost of a child's accommodation and maintenance when the child lives with "
                             "someone under a child arrangements order. I am not {their} parent.")
                           .format(their=ctx.their)))
        cites = [Citation(f"{CA89}, Schedule 1, paragraph 15",
                          _("the council may pay towards a child's keep under a child arrangements order."))]
    benchmark = _fostering_benchmark(ctx)
    if benchmark:
        blocks.append(benchmark)
    if ctx.v(HOW_WORKED_OUT):
        blocks += _how_worked_out(ctx)
    blocks.append(Para(_("Please send me:")))
    blocks.append(Bullets((
        _("a written agreement that sets out the amount, how long it will be paid and how and when it will "
          "be reviewed"),
        _("a breakdown of how you worked out the amount, including anything you took off"),
        _("your kinship local offer, which should explain who can get financial support, how to apply and "
          "how you decide"),
    )))
    cites.append(Citation(GUIDANCE_2024,
                          _("financial support should be set out in a written agreement giving its level, how long "
                            "it lasts and how it will be reviewed; the local offer should say how to apply.")))
    enclosures = [_("A copy of the {order}").format(order=ctx.order_words()),
                  _("Details of our household income, for the means test")]
    if current:
        subject = _("Request for a review of my allowance: {child}").format(child=ctx.child_born())
    else:
        subject = _("Request for an allowance: {child}").format(child=ctx.child_born())
    return Body(subject, blocks, cites, enclosures)


ALLOWANCE = LetterSpec(
    id="allowance_request",
    title=N_("Ask for an allowance, or a review of it"),
    short="ALLOW",
    recipient="council",
    fits=_allowance_fits,
    details=_allowance_details,
    body=_allowance_body,
    advice=(N_("Allowances are decided by the council and usually depend on your income. Free advice lines "
               "can help you check the amount."),),
    child_words="relationship",
)


# ---- 3. child in need assessment (section 17) ---------------------------------------------

def _cin_fits(case: Case, assessment: Assessment) -> str | None:
    return first_why(assessment, "section_17_support")


def _cin_details(case: Case) -> list[Spec]:
    return CHILD + [Spec("request.needs", N_("What the child needs help with"), "long_text",
                         hint=N_("Say what is hard for the child and for you, in your own words."))]


def _cin_body(ctx: Ctx) -> Body:
    blocks = [
        Para(who_i_am(ctx)),
        Para(_("I am asking the council to assess {them} as a child in need, under section 17 of the Children "
               "Act 1989.").format(them=ctx.them)),
        Para(_("Under section 17(10), a child is in need if, without help from the council, they are unlikely to "
               "reach or keep a reasonable standard of health or development, or their health or development is "
               "likely to be significantly harmed, or if they are disabled.")),
        Para(_("{child} needs help because: {needs}").format(child=ctx.child, needs=ctx.v("request.needs"))),
    ]
    if ctx.case.child.disabled:
        blocks.append(Para(_("{child} is disabled.").format(child=ctx.child)))
    blocks += [
        Para(_("The council has a duty to safeguard and promote the welfare of children in need in its area, and "
               "it can give help in kind or in cash (section 17(1) and (6)). Please assess {their} needs, "
               "following Working Together to Safeguard Children, and include what support I need to care for "
               "{them}.").format(their=ctx.their, them=ctx.them)),
        Para(_("Please tell me who will carry out the assessment, when it will start and how long it will take, "
               "and send me the outcome in writing.")),
    ]
    cites = [
        Citation(f"{CA89}, section 17(1), (6) and (10)",
                 _("the council must safeguard and promote the welfare of children in need; help can be in kind "
                   "or in cash; who is a child in need.")),
        Citation("Working Together to Safeguard Children (Department for Education)",
                 _("how councils assess children in need.")),
    ]
    subject = _("Request for a child in need assessment: {child}").format(child=ctx.child_born())
    return Body(subject, blocks, cites, [])


CHILD_IN_NEED = LetterSpec(
    id="child_in_need_assessment",
    title=N_("Ask for a child in need assessment (section 17)"),
    short="CIN",
    recipient="council",
    fits=_cin_fits,
    details=_cin_details,
    body=_cin_body,
    advice=(N_("Write about the child's needs plainly and with examples: the assessment starts from them."),),
    child_words="relationship",
)


# ---- 4. private fostering notice ----------------------------------------------------------

def _pf_fits(case: Case, assessment: Assessment) -> str | None:
    if "private_fostering_notification" not in assessment.flags:
        return None
    return flag_text("private_fostering_notification")


def _pf_details(case: Case) -> list[Spec]:
    # Regulation 3(4): the notice contains "such of the information specified in Schedule 1 as the
    # person giving the notification is able to provide". So only what identifies the child and the
    # arrangement is required; anything else can go as "not known yet" and follow later.
    later = N_("If you do not know it yet, leave it empty: the notice says 'not known yet' and you can send it later.")
    specs = [
        Spec("child.name", N_("The child's full name"), "text"),
        Spec("child.date_of_birth", N_("The child's date of birth"), "date", required=False, hint=later),
        Spec("child.sex", N_("The child's sex"), "text", required=False, hint=later),
        Spec("child.place_of_birth", N_("Where the child was born (town and country)"), "text", required=False,
             hint=later),
        Spec("child.religion", N_("The child's religion, if any"), "text", required=False,
             hint=N_("Write 'none' if none. Leave it empty if you do not know yet.")),
        Spec("child.ethnicity", N_("The child's ethnic background"), "text", required=False, hint=later),
        Spec("child.culture_language", N_("The child's culture and the languages they speak"), "text",
             required=False, hint=later),
        Spec("carer.previous_addresses", N_("Your other addresses in the last 5 years"), "addresses",
             required=False,
             hint=N_("Leave the list empty if you have lived at your address for 5 years or more.")),
        Spec("parents", N_("The child's parents: names and addresses"), "people", required=False,
             hint=N_("An address can be left out if you do not know it. Leave it all empty if you do not know yet.")),
        Spec("others_with_pr", N_("Anyone else with parental responsibility: names and addresses"), "people",
             required=False),
        Spec("siblings", N_("The child's brothers and sisters under 18, and who looks after them"), "long_text",
             required=False, hint=N_("Write 'none' if there are none. Leave it empty if you do not know yet.")),
        Spec("arranged_by", N_("Anyone else who helped make the arrangement"), "long_text", required=False,
             hint=N_("Write 'none' if nobody else was involved.")),
        Spec("arrangement.start_date", N_("The date the child came, or will come, to live with you"), "date"),
        Spec("arrangement.expected_duration", N_("How long the arrangement is expected to last"), "text",
             required=False, hint=later),
    ]
    return specs


def _not_known_yet() -> str:
    return _("not known yet")


def _duration(ctx: Ctx) -> str:
    if ctx.v("arrangement.expected_duration"):
        return ctx.v("arrangement.expected_duration")
    if ctx.case.arrangement.expected_days is None:
        return _not_known_yet()
    return _("about {days} days in all").format(days=ctx.case.arrangement.expected_days)


def _people_rows(label: str, people: tuple) -> list[tuple[str, str]]:
    if not people:
        return [(label, _("none known"))]
    rows = []
    for name, address in people:
        rows.append((label, ", ".join((name,) + address) if address else
                     _("{name} (address not known)").format(name=name)))
    return rows


def _pf_body(ctx: Ctx) -> Body:
    start: dt.date = ctx.v("arrangement.start_date")
    if start <= ctx.as_of:
        timing = _("{child} has lived with me since {date}. I am telling you now, as the law requires of anyone "
                   "already caring for a child in this way (regulations 3 and 5).").format(
            child=ctx.child, date=ctx.date(start))
    elif (start - ctx.as_of).days >= 42:
        timing = _("{child} will come to live with me on {date}. I am telling you at least six weeks before, as "
                   "regulation 3 requires.").format(child=ctx.child, date=ctx.date(start))
    else:
        timing = _("{child} will come to live with me on {date}, which is less than six weeks away, so I am "
                   "telling you now, as regulation 3 requires.").format(child=ctx.child, date=ctx.date(start))
    unknown = _not_known_yet()
    named = ctx.child_born() if ctx.v("child.date_of_birth") else ctx.child_full
    missing_any = any(ctx.v(p) is None for p in (
        "child.date_of_birth", "child.sex", "child.place_of_birth", "child.religion", "child.ethnicity",
        "child.culture_language", "carer.previous_addresses", "parents", "siblings", "arranged_by"))
    blocks = [
        Para(_("I am writing to tell you about a private fostering arrangement (section 66 of the Children Act 1989). "
               "I am going to look after {child}, "
               "who is not my close relative, for 28 days or more, in my home.").format(child=named)
             if start > ctx.as_of else
             _("I am writing to tell you about a private fostering arrangement (section 66 of the Children Act 1989). "
               "I am looking after {child}, who is "
               "not my close relative, for 28 days or more, in my home.").format(child=named)),
        Para(timing),
        Para(_("The details that Schedule 1 to the regulations asks for are below.")),
    ]
    if missing_any:
        blocks.append(Para(_("Where a detail says 'not known yet', I do not know it yet. The regulations ask for the "
                             "details I am able to give now (regulation 3(4)), and I will send the rest as soon as "
                             "I know them.")))
    blocks.append(Heading(_("About the child")))
    dob = ctx.v("child.date_of_birth")
    rows = [
        (_("Name"), ctx.child_full),
        (_("Sex"), ctx.v("child.sex") or unknown),
        (_("Date of birth"), ctx.date(dob) if dob else unknown),
        (_("Place of birth"), ctx.v("child.place_of_birth") or unknown),
        (_("Religion"), ctx.v("child.religion") or unknown),
        (_("Ethnic background"), ctx.v("child.ethnicity") or unknown),
        (_("Culture and languages"), ctx.v("child.culture_language") or unknown),
        (_("Brothers and sisters under 18, and their care"), ctx.v("siblings") or unknown),
    ]
    blocks.append(Fields(tuple(rows)))
    blocks.append(Heading(_("About me (the carer, and the person giving this notice)")))
    me = [(_("Name"), ctx.v("carer.name")), (_("Address"), ", ".join(ctx.v("carer.address")))]
    previous = ctx.v("carer.previous_addresses")
    if previous:
        me += [(_("Earlier address (last 5 years)"), ", ".join(a)) for a in previous]
    elif previous is None:
        me.append((_("Earlier addresses (last 5 years)"), unknown))
    else:
        me.append((_("Earlier addresses (last 5 years)"), _("none: I have lived here for 5 years or more")))
    blocks.append(Fields(tuple(me)))
    blocks.append(Heading(_("The child's parents and others")))
    parents = ctx.v("parents")
    others = _people_rows(_("Parent"), parents) if parents is not None else [(_("Parents"), unknown)]
    if ctx.v("others_with_pr"):
        others += _people_rows(_("Other person with parental responsibility"), ctx.v("others_with_pr"))
    others.append((_("Others involved in making the arrangement"), ctx.v("arranged_by") or unknown))
    blocks.append(Fields(tuple(others)))
    blocks.append(Heading(_("The arrangement")))
    blocks.append(Fields(((_("Start date"), ctx.date(start)), (_("Expected to last"), _duration(ctx)))))
    blocks.append(Para(_("I understand that someone from children's services will visit us and see {them}, at "
                         "least every 6 weeks in the first year (regulation 8). Please tell me who to contact.")
                       .format(them=ctx.them)))
    cites = [
        Citation(f"{CA89}, sections 66 and 105",
                 _("who is a privately fostered child, and which relatives are 'close' (grandparent, brother, "
                   "sister, uncle, aunt or step-parent).")),
        Citation(f"{PF_REGS}, regulations 3 and 5 and Schedule 1",
                 _("the carer must tell the council at least six weeks before, or at once; the notice gives such "
                   "of the Schedule 1 details as the person giving it is able to provide (regulation 3(4)).")),
        Citation(f"{PF_REGS}, regulation 8", _("how often the council visits.")),
    ]
    subject = _("Notice of a private fostering arrangement: {child}").format(child=named)
    return Body(subject, blocks, cites, [])


PRIVATE_FOSTERING = LetterSpec(
    id="private_fostering_notice",
    title=N_("Tell the council about private fostering"),
    short="PFN",
    recipient="council",
    fits=_pf_fits,
    details=_pf_details,
    body=_pf_body,
    advice=(N_("Send it to the council where you live. The child's parents must tell the council too."),
            N_("The law says at least six weeks before the child comes to live with you, or straight away if "
               "that is sooner or has already happened."),
            N_("Do not wait for every detail: only the child's name and the date they came (or will come) are "
               "needed now. Anything you do not know yet is marked 'not known yet', and you can send it later.")),
    child_words="name",
)

LETTERS = (SG_SUPPORT, ALLOWANCE, CHILD_IN_NEED, PRIVATE_FOSTERING)
