"""The result (GOV.UK smart-answer outcome), summary first.

The first screen says, at 100% text in a 1280×720 window: what the arrangement is, in one sentence;
the things to do, with their dates; the money the family can count on (per week and per year,
confirmed figures only) with what is uncertain said apart. Then each kind of help is a card that
opens for the detail (and opens its letter, where there is one); what we need to know, each
answerable here; "Because you told us…" (the sources are in one details section); advice lines;
your answers with Change; print, save as PDF, start again.

Everything shown comes from the ``Assessment`` (ARCHITECTURE.md, 5): this page never re-decides.
It reads the assessment only through ``read_assessment`` below, the one place that knows its shape
(core9a's wording layer plugs in there). A new ``ResultsPage`` is built for every result: nothing of
one family's result survives onto the next family's screen.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kinship_app import facts, flow
from kinship_app.i18n import N_, _, format_date, format_money, get_language
from kinship_app.wording import PERIODS, render, render_entitlement, unconfirmed_warning
from ui.advice import advice_lines, describe
from ui.screens.answers import AnswerList, answer_text
from ui.widgets import Card, Disclosure, FlowLayout, button, heading, label, page_in, set_button_text

WEEKS_PER_YEAR = 52
# Results from which the allowance can be estimated (special guardianship, 'lives with' CAO).
ESTIMATE_CATEGORIES = ("special_guardianship", "child_arrangements_order")
WEEKS_PER_MONTH = 52 / 12

# Money paid to the family (not to a school or a therapist): what "money you can count on" adds up.
FAMILY_MONEY = ("child_benefit", "guardians_allowance", "universal_credit_child_element", "fostering_allowance",
                "kinship_allowance_pilot")
# The letter that goes with each kind of help, where the app has one (kinship_app.letters ids).
LETTERS_FOR = {
    "special_guardianship_support": ("sg_support_assessment", "allowance_request"),
    "child_arrangements_order_allowance": ("allowance_request",),
    "section_17_support": ("child_in_need_assessment",),
    "pupil_premium_plus": ("school_previously_looked_after",),
    "school_admission_priority": ("school_previously_looked_after",),
    "virtual_school_advice": ("virtual_school_advice",),
    "flexible_working": ("flexible_working_request",),
    "parental_leave": ("parental_leave_request",),
}
ACTION_LETTERS = {"private_fostering_notice": "private_fostering_notice",
                  "ask_sg_assessment": "sg_support_assessment"}


# -- the one adapter between the assessment and this page ------------------------------------------

@dataclass
class View:
    """The assessment as this page shows it: plain words and values, nothing to decide."""

    title: str
    sentence: str
    as_of: Any
    flags: list[tuple[str, str]] = field(default_factory=list)  # (code, words)
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (words, source)
    missing: list[str] = field(default_factory=list)  # contract field names
    entitlements: list[Any] = field(default_factory=list)  # code, title, why, next_step, source, amount,
    #                                                         certainty, reference_amount, deadline
    actions: list[Any] = field(default_factory=list)  # code, text, source, due


def read_assessment(a: Any) -> View:
    """The only place the results page reads an ``Assessment`` (its meaning: codes, facts, values);
    the words are made here, when shown, in the app's language now (``kinship_app.wording``)."""
    shown = render(a, get_language())
    return View(
        title=shown.category_title, sentence=kinship_sentence(a.kinship), as_of=a.as_of,
        flags=[(code, shown.flag_texts[code]) for code in a.flags],
        reasons=[(r.text, r.source) for r in shown.reasons], missing=list(a.missing),
        entitlements=list(shown.entitlements), actions=list(shown.actions))


# -- words shared by the screen and the printout ---------------------------------------------------

def amount_lines(amount: Any) -> list[str]:
    """'£27.05 a week (about £117 a month)', which figure, the dates it is for, when it was checked,
    and the one warning every figure past its confirmed period carries."""
    money = format_money(amount.value, amount.currency)
    period = _(PERIODS.get(amount.period, amount.period))
    first = f"{money} {period}"
    if amount.period == "week" and amount.value:
        first += " " + _("(about {money} a month)").format(
            money=format_money(round(amount.value * WEEKS_PER_MONTH), amount.currency))
    lines = [first]
    if amount.label:
        lines.append(amount.label)
    if amount.valid_to:
        lines.append(_("For {start} to {end}").format(start=format_date(amount.valid_from),
                                                       end=format_date(amount.valid_to)))
    else:
        lines.append(_("From {start}").format(start=format_date(amount.valid_from)))
    if amount.checked_on:
        lines.append(_("Checked on {date}").format(date=format_date(amount.checked_on)))
    if amount.source:  # the rate file's own source, so a new rate brings its new citation
        lines.append(_("Figure from: {source}").format(source=amount.source))
    return lines


# How each kind of line in a card looks on screen (label role) and on paper (HTML).
ROLES = {"amount": "subheading", "detail": "hint", "warning": "error", "text": "", "deadline": "subheading"}
HTML = {"amount": "<p><b>{}</b></p>", "detail": "<p><small>{}</small></p>", "warning": "<p><b>⚠ {}</b></p>",
        "text": "<p>{}</p>", "deadline": "<p><b>{}</b></p>"}


def in_words(ent: Any) -> Any:
    """An entitlement in words, in the app's language now: one already worded (from the page's
    ``View``) is used as it is; one holding meaning only is worded here."""
    return ent if hasattr(ent, "title") else render_entitlement(ent, get_language())


def certainty_text(ent: Any) -> str:
    return _("You can get this") if ent.certainty == "qualifies" else _("You may be able to get this")


def entitlement_lines(ent: Any) -> list[tuple[str, str]]:
    """One kind of help as (style, text) lines, the same on screen and on paper. Every figure past
    its confirmed period, the comparison figure too, carries ``unconfirmed_warning()``."""
    ent = in_words(ent)
    lines = [("title", ent.title), ("detail", certainty_text(ent))]
    if ent.amount is not None:
        first, *rest = amount_lines(ent.amount)
        lines += [("amount", first)] + [("detail", x) for x in rest]
        if not ent.amount.confirmed:
            lines.append(("warning", unconfirmed_warning()))
    if ent.reference_amount is not None:
        first, *rest = amount_lines(ent.reference_amount)
        lines += [("text", _("For comparison: {amount}").format(amount=first))] + [("detail", x) for x in rest]
        if not ent.reference_amount.confirmed:
            lines.append(("warning", unconfirmed_warning()))
    if ent.why:
        lines.append(("text", _("Why: {text}").format(text=ent.why)))
    if ent.next_step:
        lines.append(("text", _("What to do next: {text}").format(text=ent.next_step)))
    if ent.deadline:
        lines.append(("deadline", _("By {date}").format(date=format_date(ent.deadline))))
    return lines


def kinship_sentence(kinship: bool | None) -> str:
    if kinship is True:
        return _("From what you told us, this is kinship care.")
    if kinship is False:
        return _("From what you told us, this is not kinship care.")
    return _("From what you told us, we cannot tell yet whether this is kinship care.")


def weekly_and_yearly(amount: Any) -> tuple[float, float] | None:
    """The same figure per week and per year, or None for a one-off sum."""
    if amount.period == "week":
        return amount.value, amount.value * WEEKS_PER_YEAR
    if amount.period == "month":
        return amount.value * 12 / WEEKS_PER_YEAR, amount.value * 12
    if amount.period == "year":
        return amount.value / WEEKS_PER_YEAR, amount.value
    return None


def money_summary(view: View) -> tuple[list[tuple[Any, float, float]], list[Any]]:
    """(money the family can count on: (entitlement, per week, per year)), (money that may come)."""
    sure, maybe = [], []
    for ent in view.entitlements:
        if ent.code not in FAMILY_MONEY:
            continue
        split = weekly_and_yearly(ent.amount) if ent.amount is not None else None
        if ent.certainty == "qualifies" and ent.amount is not None and ent.amount.confirmed and split:
            sure.append((ent, *split))
        else:
            maybe.append(ent)
    return sure, maybe


def count_on_line(ent: Any, week: float, year: float) -> str:
    ent = in_words(ent)
    return _("{title}: {week} a week, {year} a year").format(
        title=ent.title, week=format_money(week, ent.amount.currency), year=format_money(year, ent.amount.currency))


def maybe_line(ent: Any) -> str:
    ent = in_words(ent)
    if ent.amount is None:
        return _("{title}: the amount is decided by the council").format(title=ent.title)
    money = f"{format_money(ent.amount.value, ent.amount.currency)} {_(PERIODS.get(ent.amount.period, ent.amount.period))}"
    text = _("{title}: {money}, if it applies").format(title=ent.title, money=money)
    if not ent.amount.confirmed:
        text += " (" + unconfirmed_warning() + ")"
    return text


def action_text(action: Any) -> str:
    if action.due:
        return _("{text} — by {date}").format(text=action.text, date=format_date(action.due))
    return action.text


def sources(view: View) -> list[str]:
    """Every source the result rests on, once each, in the order they first appear."""
    out: list[str] = []
    for text in ([s for _w, s in view.reasons] + [e.source for e in view.entitlements]
                 + [a.source for a in view.actions]):
        if text and text not in out:
            out.append(text)
    return out


# -- the page ----------------------------------------------------------------------------------------

class HelpCard(Card):
    """One kind of help on one line: its name, the one thing that matters (the amount, or whether you
    can get it), "Show details" that opens the rest in place, and "Open the letter" where the app has
    one. A figure past its confirmed period shows its warning before anything is opened."""

    letter = Signal(str)

    def __init__(self, ent: Any, letters: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__("card", parent)
        ent = self.ent = in_words(ent)
        self.setObjectName(f"entitlement_{ent.code}")
        self.layout_.setContentsMargins(12, 4, 12, 4)
        self.layout_.setSpacing(2)
        lines = entitlement_lines(ent)
        short = certainty_text(ent)
        if ent.amount is not None:
            short = f"{amount_lines(ent.amount)[0]} · {short}"
        row = QHBoxLayout()
        row.setSpacing(8)
        words = QVBoxLayout()
        words.setSpacing(0)
        self.title = heading(ent.title, 2)
        self.summary = label(short)
        # The amount or "you can get this" beside the name when there is room (one line a card, so the
        # list of help fits the first screens), under it when there is not; on one baseline.
        inline = QWidget()
        line = FlowLayout(inline, spacing=16, baseline=True, row_spacing=0)
        line.addWidget(self.title)
        line.addWidget(self.summary)
        words.addWidget(inline)
        warnings = [t for s, t in lines if s == "warning"]
        if warnings:
            words.addWidget(label("⚠  " + warnings[0], "error"))  # not colour alone
        row.addLayout(words, 1)
        self.toggle = button("", "link", self._toggle)
        self.toggle.setCheckable(True)
        self.toggle.setObjectName(f"details_{ent.code}")
        row.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        self.letter_buttons = []
        for i, (letter_id, title) in enumerate(letters):
            b = button("", "link", lambda _c=False, k=letter_id: self.letter.emit(k))
            b.setObjectName(f"letter_{ent.code}_{letter_id}")
            set_button_text(b, _("Open the letter") if i == 0 else _("Open the letter: {title}").format(title=title))
            b.setAccessibleName(_("Open the letter: {title}").format(title=title))
            self.letter_buttons.append(b)
        if self.letter_buttons:
            row.addWidget(self.letter_buttons[0], 0, Qt.AlignmentFlag.AlignTop)
        self.layout_.addLayout(row)
        self.detail = QWidget()
        detail = QVBoxLayout(self.detail)
        detail.setContentsMargins(0, 4, 0, 4)
        detail.setSpacing(6)
        rest = lines[2:]
        if rest and rest[0][0] == "amount":
            rest = rest[1:]  # the amount is on the card's own line already
        for style, text in rest:
            if style == "warning":
                text = "⚠  " + text
            detail.addWidget(label(text, ROLES[style]))
        for b in self.letter_buttons[1:]:
            detail.addWidget(b)
        self.detail.hide()
        self.add(self.detail)
        self._update()

    def _toggle(self) -> None:
        self.detail.setVisible(self.toggle.isChecked())
        self._update()

    def open_detail(self, shown: bool = True) -> None:
        self.toggle.setChecked(shown)
        self._toggle()

    def _update(self) -> None:
        opened = self.toggle.isChecked()
        self.toggle.setText(("▼ " if opened else "▶ ") + (_("Hide details") if opened else _("Show details")))
        self.toggle.setAccessibleName((_("Hide details: {title}") if opened else _("Show details: {title}")).format(
            title=self.ent.title))


class ResultsPage(QWidget):
    change = Signal(str)
    start_again = Signal()
    letter = Signal(str)  # a letter id, to open for this child
    answer = Signal(str, str)  # an answer given on the result itself: (answer key, value)

    def __init__(self, ctx: Any, window: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.window_ = ctx, window
        self.assessment: Any = None
        self.view: View | None = None
        self.answers: dict[str, Any] = {}
        self.cards: dict[str, HelpCard] = {}
        self.page = page_in(self)
        self.page.body.setSpacing(10)
        self.setObjectName("results")

    # -- building ----------------------------------------------------------------------------------

    def show_assessment(self, assessment: Any, answers: dict[str, Any]) -> None:
        self.assessment, self.answers = assessment, dict(answers)
        self._build()

    def clear(self) -> None:
        self.assessment, self.view, self.answers = None, None, {}
        self.cards = {}
        self.page.clear()

    def shown(self) -> Any:
        """The assessment on this page, in words, in the app's language now."""
        return render(self.assessment, get_language())

    def retranslate_ui(self) -> None:
        if self.assessment is not None:
            self._build()

    def _letters(self) -> dict[str, str]:
        """The letters that fit this result: id -> title."""
        from kinship_app import letters
        from kinship_app.case import parse_case

        try:
            case = parse_case(flow.answers_to_case(self.answers))
        except Exception:  # noqa: BLE001 - no letters rather than no result
            return {}
        return {info.id: info.title for info in letters.available_letters(case, self.assessment)}

    def _build(self) -> None:
        v = self.view = read_assessment(self.assessment)
        self.page.clear()
        self.cards = {}
        fitting = self._letters()
        b = self.page.body
        self.caption = label(_("Information based on your answers"), "caption")
        b.addWidget(self.caption)
        self.heading = heading(v.title)
        self.heading.setObjectName("result_heading")
        self.page.setAccessibleName(_("Your result: {title}").format(title=v.title))
        b.addWidget(self.heading)
        self.sentence = label(v.sentence)
        self.sentence.setObjectName("result_sentence")
        b.addWidget(self.sentence)
        if "support_summary" in fitting:
            # First after the outcome: a summary to keep, print or save (one Tab from the page).
            self.summary_letter = button("", "link", lambda: self.letter.emit("support_summary"))
            self.summary_letter.setObjectName("letter_support_summary")
            set_button_text(self.summary_letter, _("Open the letter: {title}").format(title=fitting["support_summary"]))
            b.addWidget(self.summary_letter)

        for code, words in v.flags:
            card = Card("warning")
            card.setObjectName(f"flag_{code}")
            card.add(label("⚠  " + words, "subheading"))
            b.addWidget(card)

        # Things to do, dated first: what a family must not miss.
        todo = sorted(v.actions, key=lambda x: (x.due is None, x.due or v.as_of))
        if todo:
            card = Card("warning" if any(x.due for x in todo) else "card")
            card.setObjectName("things_to_do")
            card.add(heading(_("Things to do"), 2))
            for action in todo:
                card.add(label("•  " + action_text(action), "subheading" if action.due else ""))
                letter_id = ACTION_LETTERS.get(action.code)
                if letter_id in fitting:
                    lb = button("", "link", lambda _c=False, k=letter_id: self.letter.emit(k))
                    lb.setObjectName(f"action_letter_{letter_id}")
                    set_button_text(lb, _("Open the letter: {title}").format(title=fitting[letter_id]))
                    card.add(lb)
            b.addWidget(card)

        b.addWidget(self._money_card(v))

        if v.missing:
            b.addWidget(self._missing_card(v))

        b.addWidget(heading(_("Each kind of help"), 2))
        if not v.entitlements:
            b.addWidget(label(_("We did not find any support to list from your answers. An adviser can look at "
                                "your situation with you.")))
        cards = QVBoxLayout()
        cards.setSpacing(4)
        for ent in v.entitlements:
            letters = [(k, fitting[k]) for k in LETTERS_FOR.get(ent.code, ()) if k in fitting]
            card = HelpCard(ent, letters)
            card.letter.connect(self.letter)
            self.cards[ent.code] = card
            cards.addWidget(card)
        b.addLayout(cards)

        if self.assessment.category in ESTIMATE_CATEGORIES:  # the allowance estimator (ui/screens/estimate.py)
            self.estimate_button = button(_("Estimate the allowance"), "", self.open_estimate)
            self.estimate_button.setObjectName("estimate_allowance")
            b.addWidget(self.estimate_button)

        if v.reasons:
            b.addWidget(heading(_("Because you told us…"), 2))
            reasons = label("\n".join("•  " + words for words, _s in v.reasons))
            reasons.setObjectName("reasons")
            b.addWidget(reasons)

        advice = Card("panel")
        advice.add(heading(_("Talk to someone"), 2))
        advice.add(label("\n".join(describe(s) for s in advice_lines())))
        b.addWidget(advice)

        self.answers_box = Disclosure()
        self.answers_box.setObjectName("your_answers")
        self.answers_box.set_content(_("Your answers, with Change"), "")
        self.answers_box.text.hide()
        self.answer_list = AnswerList()
        self.answer_list.change.connect(self.change)
        self.answer_list.show_answers(self.answers)
        self.answers_box.panel.add(self.answer_list)
        b.addWidget(self.answers_box)

        self.sources_box = Disclosure()
        self.sources_box.setObjectName("sources")
        self.sources_box.set_content(_("Where this comes from (sources)"),
                                     "\n".join("•  " + s for s in sources(v)))
        b.addWidget(self.sources_box)

        row = FlowLayout(spacing=12)
        self.print_button = button("", "", self.print_)
        self.print_button.setObjectName("print")
        set_button_text(self.print_button, _("Print (Ctrl+P)"))
        self.pdf_button = button("", "", self.save_pdf)
        self.pdf_button.setObjectName("save_pdf")
        set_button_text(self.pdf_button, _("Save as PDF"))
        self.again_button = button("", "primary", self.start_again.emit)
        self.again_button.setObjectName("start_again")
        set_button_text(self.again_button, _("Start again"))
        for w in (self.print_button, self.pdf_button, self.again_button):
            row.addWidget(w)
        holder = QWidget()
        holder.setLayout(row)
        b.addWidget(holder)
        b.addWidget(label(_("Checked against the rules for {date}.").format(date=format_date(v.as_of)), "hint"))
        self.page.finish()

    def _money_card(self, v: View) -> Card:
        sure, maybe = money_summary(v)
        card = Card("card")
        card.setObjectName("money")
        card.add(heading(_("Money you can count on"), 2))
        if sure:
            for ent, week, year in sure:
                card.add(label(count_on_line(ent, week, year), "subheading"))
            if len(sure) > 1:
                currency = sure[0][0].amount.currency
                card.add(label(_("In all: {week} a week, {year} a year").format(
                    week=format_money(sum(w for _e, w, _y in sure), currency),
                    year=format_money(sum(y for _e, _w, y in sure), currency))))
        else:
            card.add(label(_("From your answers, there is no money we can be sure of yet.")))
        if maybe:
            card.add(label(_("Not certain yet — it depends on something we do not know, or the council decides:"),
                           "hint"))
            card.add(label("\n".join("•  " + maybe_line(e) for e in maybe)))
        return card

    def _missing_card(self, v: View) -> Card:
        card = Card("panel")
        card.setObjectName("need_to_know")
        card.add(heading(_("To be sure, we need to know"), 2))
        on_path = flow.path(self.answers)
        shown: set[str] = set()
        for fld in v.missing:
            qid = facts.question_for(fld)
            fact = facts.FACTS.get(fld)
            if fact is not None and fact.inline and qid not in on_path:
                qid = None  # a question this route did not ask (no room for it): answered right here
            if qid is not None:
                if qid in shown:
                    continue
                shown.add(qid)
                what = _(flow.QUESTIONS[qid].summary)
                row = QWidget()
                lay = QHBoxLayout(row)
                lay.setContentsMargins(0, 0, 0, 0)
                lay.addWidget(label("•  " + what), 1)
                if qid in on_path:
                    go = button("", "link", lambda _c=False, k=qid: self.change.emit(k))
                    go.setObjectName(f"answer_{qid}")
                    set_button_text(go, _("Answer this"))
                    go.setAccessibleName(_("Answer: {what}").format(what=what))
                    lay.addWidget(go)
                card.add(row)
            elif fact is not None and fact.inline:
                question, key, why = fact.inline
                card.add(label("•  " + _(question) + " " + _(why)))
                row = QWidget()
                row.setObjectName(f"inline_{key}")
                lay = FlowLayout(row, spacing=8)
                for option in flow.YES_NO_UNSURE:
                    go = button("", "", lambda _c=False, k=key, v=option.code: self.answer.emit(k, v))
                    go.setObjectName(f"inline_{key}_{option.code}")
                    set_button_text(go, _(option.text))
                    go.setAccessibleName(f"{_(question)} {_(option.text)}")
                    lay.addWidget(go)
                card.add(row)
        return card

    def open_estimate(self) -> None:
        from ui.screens.estimate import open_estimate

        self.estimate_dialog = open_estimate(self, flow.answers_to_case(self.answers), self.assessment.as_of,
                                             saver=getattr(self, "estimate_saver", None))

    def focus_first(self) -> None:
        # The page (not a button far below) takes focus, so reading starts at the outcome.
        self.page.setFocus(Qt.FocusReason.OtherFocusReason)
        self.page.verticalScrollBar().setValue(0)

    # -- print and PDF -----------------------------------------------------------------------------

    def document_html(self) -> str:
        """The result as simple HTML for QTextDocument; every piece of text is escaped."""
        v = read_assessment(self.assessment)
        e = html.escape
        parts = [f"<h1>{e(v.title)}</h1>", f"<p>{e(v.sentence)}</p>"]
        for _code, words in v.flags:
            parts.append(f"<p><b>{e(words)}</b></p>")
        if v.actions:
            parts.append(f"<h2>{e(_('Things to do'))}</h2><ul>")
            todo = sorted(v.actions, key=lambda x: (x.due is None, x.due or v.as_of))
            parts += [f"<li>{e(action_text(x))}</li>" for x in todo]
            parts.append("</ul>")
        sure, maybe = money_summary(v)
        parts.append(f"<h2>{e(_('Money you can count on'))}</h2>")
        if sure:
            parts.append("<ul>" + "".join(f"<li>{e(count_on_line(*s))}</li>" for s in sure) + "</ul>")
        else:
            parts.append(f"<p>{e(_('From your answers, there is no money we can be sure of yet.'))}</p>")
        if maybe:
            parts.append(f"<p>{e(_('Not certain yet — it depends on something we do not know, or the council decides:'))}</p><ul>")
            parts += [f"<li>{e(maybe_line(x))}</li>" for x in maybe]
            parts.append("</ul>")
        parts.append(f"<h2>{e(_('Each kind of help'))}</h2>")
        for ent in v.entitlements:
            parts.append(f"<h3>{e(ent.title)}</h3>")
            parts += [HTML[style].format(e(text)) for style, text in entitlement_lines(ent)[1:]]
        if v.reasons:
            parts.append(f"<h2>{e(_('Because you told us…'))}</h2><ul>")
            parts += [f"<li>{e(words)}</li>" for words, _s in v.reasons]
            parts.append("</ul>")
        parts.append(f"<h2>{e(_('Talk to someone'))}</h2><ul>")
        parts += [f"<li>{e(describe(s))}</li>" for s in advice_lines()]
        parts.append(f"</ul><h2>{e(_('Your answers'))}</h2><table cellpadding='4'>")
        for qid in flow.path(self.answers):
            if qid in self.answers:
                parts.append(f"<tr><td>{e(_(flow.QUESTIONS[qid].summary))}</td><td>{e(answer_text(qid, self.answers))}</td></tr>")
        parts.append("</table>")
        parts.append(f"<h2>{e(_('Where this comes from (sources)'))}</h2><ul>")
        parts += [f"<li><small>{e(s)}</small></li>" for s in sources(v)]
        parts.append("</ul>")
        parts.append(f"<p><small>{e(_('Checked against the rules for {date}.').format(date=format_date(v.as_of)))}</small></p>")
        return "\n".join(parts)

    def _document(self) -> Any:
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setDefaultStyleSheet("body { font-size: 11pt; } h1 { font-size: 20pt; } h2 { font-size: 15pt; }")
        doc.setHtml(self.document_html())
        return doc

    def print_(self) -> None:
        if self.assessment is None:
            return
        from ui.widgets import print_with_preview

        doc = self._document()
        print_with_preview(self, _("Print your result"), doc.print_)

    def save_pdf(self) -> str:
        if self.assessment is None:
            return ""
        from PySide6.QtWidgets import QFileDialog

        suggested = str(_documents_dir() / (_("kinship-check-result") + ".pdf"))
        path, _filter = QFileDialog.getSaveFileName(self, _("Save your result as PDF"), suggested, _("PDF files (*.pdf)"))
        if not path:
            return ""
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        write_pdf(self._document(), path)
        return path


def write_pdf(doc: Any, path: str) -> None:
    """A4 PDF written beside the target and renamed into place, so a half-written file never appears."""
    import os
    import tempfile

    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(suffix=".pdf", dir=folder)
    os.close(fd)
    try:
        writer = QPdfWriter(tmp)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter))
        writer.setResolution(300)
        writer.setTitle(_("Your kinship care check"))
        doc.print_(writer)
        del writer
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _documents_dir() -> Any:
    from pathlib import Path

    from PySide6.QtCore import QStandardPaths

    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


# Kept for other screens that import it (households' "What was said then").
_action_text = action_text
