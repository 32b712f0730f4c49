"""The result (GOV.UK smart-answer outcome): what this is and why, what you may get, what to do next,
advice lines, your answers with Change, start again, print or save as PDF.

Everything shown comes from the ``Assessment`` (ARCHITECTURE.md, 5): this page never re-decides.
The page keeps the assessment's meaning and words it when it is built, in the app's language
(``kinship_app.wording.render``), so switching the language re-words it.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kinship_app import facts, flow
from kinship_app.i18n import _, format_date, format_money, get_language
from kinship_app.wording import PERIODS, render
from ui.advice import advice_lines, describe
from ui.screens.answers import AnswerList, answer_text
from ui.widgets import Card, button, heading, label, page_in, set_button_text

WEEKS_PER_MONTH = 52 / 12

def amount_lines(amount: Any) -> list[str]:
    """'£27.05 a week (about £117 a month)', the period it is for, and when it was checked."""
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


def entitlement_lines(ent: Any) -> list[tuple[str, str]]:
    """One entitlement card as (style, text) lines, the same on screen and on paper."""
    lines = [("title", ent.title),
             ("detail", _("You can get this") if ent.certainty == "qualifies" else _("You may be able to get this"))]
    if ent.amount is not None:
        first, *rest = amount_lines(ent.amount)
        lines += [("amount", first)] + [("detail", x) for x in rest]
        if not ent.amount.confirmed:
            lines.append(("warning", _("Not confirmed for this year — check before relying on it")))
    if ent.reference_amount is not None:
        first, *rest = amount_lines(ent.reference_amount)
        lines += [("text", _("For comparison: {amount}").format(amount=first))] + [("detail", x) for x in rest]
    if ent.why:
        lines.append(("text", _("Why: {text}").format(text=ent.why)))
    if ent.next_step:
        lines.append(("text", _("What to do next: {text}").format(text=ent.next_step)))
    if ent.deadline:
        lines.append(("deadline", _("By {date}").format(date=format_date(ent.deadline))))
    if ent.source:
        lines.append(("detail", _("Source: {source}").format(source=ent.source)))
    return lines


def kinship_sentence(kinship: bool | None) -> str:
    if kinship is True:
        return _("From what you told us, this is kinship care.")
    if kinship is False:
        return _("From what you told us, this is not kinship care.")
    return _("From what you told us, we cannot tell yet whether this is kinship care.")


class ResultsPage(QWidget):
    change = Signal(str)
    start_again = Signal()

    def __init__(self, ctx: Any, window: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.window_ = ctx, window
        self.assessment: Any = None
        self.answers: dict[str, Any] = {}
        self.page = page_in(self)
        self.setObjectName("results")

    # -- building ----------------------------------------------------------------------------------

    def show_assessment(self, assessment: Any, answers: dict[str, Any]) -> None:
        self.assessment, self.answers = assessment, dict(answers)
        self._build()

    def clear(self) -> None:
        self.assessment, self.answers = None, {}
        self.page.clear()

    def retranslate_ui(self) -> None:
        if self.assessment is not None:
            self._build()

    def shown(self) -> Any:
        """The assessment in words, in the app's language now."""
        return render(self.assessment, get_language())

    def _build(self) -> None:
        a = self.shown()
        self.page.clear()
        b = self.page.body
        self.caption = label(_("Information based on your answers"), "caption")
        b.addWidget(self.caption)
        self.heading = heading(a.category_title)
        self.heading.setObjectName("result_heading")
        self.page.setAccessibleName(_("Your result: {title}").format(title=a.category_title))
        b.addWidget(self.heading)
        b.addWidget(label(kinship_sentence(a.kinship)))

        for code in a.flags:
            card = Card("warning")
            card.setObjectName(f"flag_{code}")
            card.add(label("⚠  " + a.flag_texts[code], "subheading"))
            b.addWidget(card)
        dated = [x for x in a.actions if x.due]
        if dated:
            # Deadlines first, in plain dates: they are what a family must not miss.
            card = Card("warning")
            card.setObjectName("deadlines")
            card.add(heading(_("Do this by the date shown"), 2))
            for action in dated:
                card.add(label("•  " + _action_text(action)))
            b.addWidget(card)

        if a.reasons:
            b.addWidget(heading(_("Because you told us…"), 2))
            for reason in a.reasons:
                b.addWidget(label("•  " + reason.text))
                if reason.source:
                    b.addWidget(label(_("Source: {source}").format(source=reason.source), "hint"))

        if a.missing:
            b.addWidget(heading(_("To be sure, we need to know"), 2))
            for field in a.missing:
                qid = facts.question_for(field)
                row = QHBoxLayout()
                what = _(flow.QUESTIONS[qid].summary) if qid else a.missing_words[field]
                row.addWidget(label("•  " + what), 1)
                if qid and qid in flow.path(self.answers):
                    change = button(_("Answer this"), "link", lambda _c=False, k=qid: self.change.emit(k))
                    change.setAccessibleName(_("Answer: {what}").format(what=what))
                    row.addWidget(change)
                b.addLayout(row)

        b.addWidget(heading(_("What you may be able to get"), 2))
        if not a.entitlements:
            b.addWidget(label(_("We did not find any support to list from your answers. An adviser can look at your situation with you.")))
        for ent in a.entitlements:
            b.addWidget(self._entitlement_card(ent))

        undated = [x for x in a.actions if not x.due]
        if undated:
            b.addWidget(heading(_("What to do next"), 2))
            for action in undated:
                b.addWidget(label("•  " + _action_text(action)))

        advice = Card()
        advice.add(heading(_("Talk to someone"), 2))
        for service in advice_lines():
            advice.add(label(describe(service)))
        b.addWidget(advice)

        b.addWidget(heading(_("Your answers"), 2))
        self.answer_list = AnswerList()
        self.answer_list.change.connect(self.change)
        self.answer_list.show_answers(self.answers)
        b.addWidget(self.answer_list)

        row = QHBoxLayout()
        row.setSpacing(12)
        self.print_button = button("", "", self.print_)
        self.print_button.setObjectName("print")
        set_button_text(self.print_button, _("Print (Ctrl+P)"))
        self.pdf_button = button("", "", self.save_pdf)
        self.pdf_button.setObjectName("save_pdf")
        set_button_text(self.pdf_button, _("Save as PDF"))
        self.again_button = button("", "", self.start_again.emit)
        self.again_button.setObjectName("start_again")
        set_button_text(self.again_button, _("Start again"))
        for w in (self.print_button, self.pdf_button, self.again_button):
            row.addWidget(w)
        row.addStretch(1)
        b.addLayout(row)
        b.addWidget(label(_("Checked against the rules for {date}.").format(date=format_date(a.as_of)), "hint"))
        self.page.finish()

    def _entitlement_card(self, ent: Any) -> Card:
        card = Card()
        card.setObjectName(f"entitlement_{ent.code}")
        for style, text in entitlement_lines(ent):
            if style == "warning":
                text = "⚠  " + text  # not colour alone
            card.add(heading(text, 2) if style == "title" else label(text, ROLES[style]))
        return card

    def focus_first(self) -> None:
        # The page (not a button far below) takes focus, so reading starts at the outcome.
        self.page.setFocus(Qt.FocusReason.OtherFocusReason)
        self.page.verticalScrollBar().setValue(0)

    # -- print and PDF -----------------------------------------------------------------------------

    def document_html(self) -> str:
        """The result as simple HTML for QTextDocument; every piece of text is escaped."""
        a = self.shown()
        e = html.escape
        parts = [f"<h1>{e(a.category_title)}</h1>", f"<p>{e(kinship_sentence(a.kinship))}</p>"]
        for code in a.flags:
            parts.append(f"<p><b>{e(a.flag_texts[code])}</b></p>")
        if a.reasons:
            parts.append(f"<h2>{e(_('Because you told us…'))}</h2><ul>")
            parts += [f"<li>{e(r.text)}<br/><small>{e(r.source)}</small></li>" for r in a.reasons]
            parts.append("</ul>")
        parts.append(f"<h2>{e(_('What you may be able to get'))}</h2>")
        for ent in a.entitlements:
            parts.append(f"<h3>{e(ent.title)}</h3>")
            parts += [HTML[style].format(e(text)) for style, text in entitlement_lines(ent)[1:]]
        if a.actions:
            parts.append(f"<h2>{e(_('What to do next'))}</h2><ul>")
            parts += [f"<li>{e(_action_text(x))}</li>" for x in a.actions]
            parts.append("</ul>")
        parts.append(f"<h2>{e(_('Talk to someone'))}</h2><ul>")
        parts += [f"<li>{e(describe(s))}</li>" for s in advice_lines()]
        parts.append(f"</ul><h2>{e(_('Your answers'))}</h2><table cellpadding='4'>")
        for qid in flow.path(self.answers):
            if qid in self.answers:
                parts.append(f"<tr><td>{e(_(flow.QUESTIONS[qid].summary))}</td><td>{e(answer_text(qid, self.answers))}</td></tr>")
        parts.append("</table>")
        parts.append(f"<p><small>{e(_('Checked against the rules for {date}.').format(date=format_date(a.as_of)))}</small></p>")
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
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print your result"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self._document().print_(printer)

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


def _action_text(action: Any) -> str:
    if action.due:
        return _("{text} — by {date}").format(text=action.text, date=format_date(action.due))
    return action.text

