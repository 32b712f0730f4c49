"""A plain-English summary of the assessment for the family to keep.

Everything here comes from the assessment, in words (``kinship_app.wording.Shown``) — its category
and reasons, each entitlement with its amount, period, dates and whether the figure is confirmed,
the actions with their deadlines, the facts still needed (from the one table of facts) — so the
summary says exactly what the check said, and never works a rule out again.
"""

from __future__ import annotations

from kinship_app.case import Case
from kinship_app.i18n import N_, _
from kinship_app.letters.base import Body, Ctx, LetterSpec
from kinship_app.letters.content import Bullets, Citation, Heading, Note, Para
from kinship_app.letters.people import Spec
from kinship_app.wording import Shown, ShownEntitlement

FOSTERING_BENCHMARK = {"special_guardianship_support", "child_arrangements_order_allowance"}
CERTAINTY = {"qualifies": N_("From your answers, you can get this."),
             "may_qualify": N_("You may be able to get this. It depends on things the check did not ask, or "
                               "the council decides.")}


def _fits(case: Case, assessment: Shown) -> str | None:
    return _("A record of what the check found, to keep and to show to people who help you.")


def _details(case: Case) -> list[Spec]:
    return [
        Spec("carer.name", N_("Your full name"), "text", required=False),
        Spec("child.name", N_("The child's full name"), "text", required=False),
    ]


def _entitlement_blocks(ctx: Ctx, ent: ShownEntitlement) -> list:
    out: list = [Heading(ent.title)]
    if ent.amount:
        out.append(Para(_("Amount: {amount}").format(amount=ctx.money(ent.amount))))
    if ent.reference_amount:
        # The rules give these allowances the fostering minimum as their benchmark (FACTS 2.5, 2.6).
        if ent.code in FOSTERING_BENCHMARK:
            what = _("the national minimum fostering allowance")
        else:
            what = _("the figure to compare with")
        if ent.reference_amount.label:
            what += f" ({ent.reference_amount.label})"
        out.append(Para(_("For comparison, {what}: {amount}").format(what=what,
                                                                     amount=ctx.money(ent.reference_amount))))
    out.append(Para(_(CERTAINTY.get(ent.certainty, CERTAINTY["may_qualify"])) + " " + ent.why))
    if ent.next_step:
        out.append(Para(_("What to do: {step}").format(step=ent.next_step)))
    if ent.deadline:
        out.append(Para(_("Do this by {date}.").format(date=ctx.date(ent.deadline))))
    source = _("Source: {source}").format(source=ent.source)
    figures = tuple(dict.fromkeys(a.source for a in (ent.amount, ent.reference_amount) if a and a.source))
    if figures:  # each figure's own source, from its rate file
        source += " " + _("Figures: {sources}.").format(sources="; ".join(figures))
    checked = next((a.checked_on for a in (ent.amount, ent.reference_amount) if a and a.checked_on), None)
    if checked:
        source += " " + _("(figure checked on {date})").format(date=ctx.date(checked))
    out.append(Note(source))
    return out


def _body(ctx: Ctx) -> Body:
    a = ctx.assessment
    blocks: list = []
    made_for = []
    if ctx.v("carer.name"):
        made_for.append(_("for {name}").format(name=ctx.v("carer.name")))
    if ctx.v("child.name"):
        made_for.append(_("about {name}").format(name=ctx.v("child.name")))
    blocks.append(Para(" ".join([_("This summary was made on {date}").format(date=ctx.date(a.as_of)), *made_for])
                       + ". " + _("It is based on the answers given to the check. It is information, not legal "
                                  "advice: some of these things are for the council or a court to decide.")))
    if a.worded_then:
        blocks.append(Note(_("This check was saved by an earlier version of the app. Its explanations are "
                             "shown in the words it used then, with the amounts and rules of that date.")))
    blocks.append(Heading(_("What kind of arrangement this is")))
    if a.kinship is True:
        verdict = _("This is kinship care: {category}.").format(category=a.category_title)
    elif a.kinship is False:
        verdict = _("This is not kinship care under the government's definition.")
    else:
        verdict = _("We can't tell yet whether this is kinship care.")
    blocks.append(Para(verdict))
    if a.reasons:
        blocks.append(Para(_("Because:")))
        blocks.append(Bullets(tuple(r.text for r in a.reasons)))
        sources = tuple(dict.fromkeys(r.source for r in a.reasons if r.source))
        if sources:
            blocks.append(Note(_("Sources: {sources}").format(sources="; ".join(sources))))
    if a.flags:
        blocks.append(Heading(_("Important")))
        blocks.append(Bullets(tuple(a.flag_texts[f] for f in a.flags)))
    if a.missing:
        blocks.append(Heading(_("What we still need to know")))
        blocks.append(Para(_("The answer may change once these are known:")))
        blocks.append(Bullets(tuple(a.missing_words[m] for m in a.missing)))
    if a.actions:
        blocks.append(Heading(_("What to do next")))
        blocks.append(Bullets(tuple(
            _("{text} (by {date})").format(text=action.text, date=ctx.date(action.due)) if action.due else action.text
            for action in a.actions)))
    advice = a.entitlement("advice_line")
    if advice:
        # A human to talk to, near the top, not after pages of entitlements (UX.md).
        blocks.append(Heading(_("Free, independent advice")))
        blocks.append(Para(advice.next_step))
    others = [e for e in a.entitlements if e.code != "advice_line"]
    if others:
        blocks.append(Heading(_("What you may be able to get")))
        blocks.append(Para(_("Amounts are for this one child. Each shows the period it is paid for and the dates "
                             "the figure applies to.")))
        for ent in others:
            blocks += _entitlement_blocks(ctx, ent)
    cites = [Citation(src, "") for src in
             dict.fromkeys([r.source for r in a.reasons if r.source] + [e.source for e in a.entitlements if e.source])]
    if not cites:
        cites = [Citation("Stable Homes, Built on Love (Department for Education, 2023), chapter 4",
                          _("the working definition of kinship care the check uses."))]
    return Body(_("Kinship care: what we found and what to do next"), blocks, cites, [])


SUPPORT_SUMMARY = LetterSpec(
    id="support_summary",
    title=N_("A summary of what you can get, to keep"),
    short="SUM",
    recipient="family",
    fits=_fits,
    details=_details,
    body=_body,
)

LETTERS = (SUPPORT_SUMMARY,)
