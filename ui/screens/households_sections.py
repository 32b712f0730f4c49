"""The sections of one household's page: overview, things to do, history and notes.

History shows each assessment exactly as it was given then (the store keeps the contract JSON),
so a worker can see what the family was told even after the rates have changed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from kinship_app.i18n import _, format_date, format_money
from kinship_app.letters.content import Detail
from kinship_app.result import FLAGS, PERIODS, Assessment, category_title
from ui import widgets
from ui.screens.households_kit import Panel, clear_layout, field_label, set_field_label
from ui.screens.letters_details import DateField, TextField, field_problems


def _day(moment: dt.datetime | dt.date) -> str:
    return format_date(moment.date() if isinstance(moment, dt.datetime) else moment)


class _Section(Panel):
    def __init__(self, screen):
        super().__init__()
        self.screen = screen
        self.title = widgets.heading(level=2)
        self.body.addWidget(self.title)
        self.content = QVBoxLayout()
        self.content.setSpacing(12)
        self.body.addLayout(self.content)
        self.finish()
        self._last: tuple = ()

    def retranslate_ui(self) -> None:
        if self._last:
            self.show(*self._last)

    def forget(self) -> None:
        self._last = ()
        clear_layout(self.content)
        for kind in (QPlainTextEdit, QLineEdit):
            for edit in self.findChildren(kind):
                edit.clear()

    def set_title(self, text: str) -> None:
        self.title.setText(text)
        self.title.setAccessibleName(text)


class OverviewSection(_Section):
    def show(self, record, details: dict[str, Any]) -> None:
        self._last = (record, details)
        self.set_title(_("Overview"))
        clear_layout(self.content)
        latest: dict[int, Any] = {}
        for run in sorted(details["runs"], key=lambda r: (r.run_at, r.id)):
            latest[run.child_id] = run

        carers = widgets.Card()
        carers.add(widgets.heading(_("Carers") if len(record.carers) != 1 else _("Carer"), level=2))
        for carer in record.carers:
            lines = [carer.name or _("Name not given"), *carer.address]
            if carer.phone:
                lines.append(_("Phone: {phone}").format(phone=carer.phone))
            if carer.email:
                lines.append(_("Email: {email}").format(email=carer.email))
            carers.add(widgets.label("\n".join(lines)))
        people = widgets.button(on_click=self.screen.edit_people)
        widgets.set_button_text(people, _("Change names, addresses and children"))
        carers.add(people)
        self.content.addWidget(carers)

        for child in record.children:
            self.content.addWidget(self._child_card(record, child, latest.get(child.id)))

        open_actions = [a for a in details["actions"] if not a.done]
        if open_actions:
            due = sorted((a for a in open_actions if a.due), key=lambda a: a.due)
            text = _("{n} things to do.").format(n=len(open_actions)) if len(open_actions) != 1 \
                else _("1 thing to do.")
            if due:
                text += " " + _("The next is due on {date}.").format(date=format_date(due[0].due))
            self.content.addWidget(widgets.label(text))

        buttons = widgets.FlowLayout()
        export = widgets.button(on_click=self.screen.export_household)
        widgets.set_button_text(export, _("Export this household…"))
        erase = widgets.button(on_click=self.screen.erase_household)
        widgets.set_button_text(erase, _("Erase this household…"))
        buttons.addWidget(export)
        buttons.addWidget(erase)
        holder = QWidget()
        holder.setLayout(buttons)
        self.content.addWidget(holder)

    def _child_card(self, record, child, run) -> QWidget:
        card = widgets.Card()
        card.add(widgets.heading(child.name or _("Child"), level=2))
        if child.date_of_birth:
            card.add(widgets.label(_("Born {date}").format(date=format_date(child.date_of_birth))))
        if run is None:
            card.add(widgets.label(_("Not checked yet.")))
        else:
            card.add(widgets.label(_("Last checked for {date}: {outcome}").format(
                date=format_date(run.as_of), outcome=category_title(run.result.get("category", "undetermined")))))
            count = len(run.result.get("entitlements", []))
            if count:
                card.add(widgets.label(_("{n} kinds of help may apply. See History for the full answer.")
                                       .format(n=count) if count != 1 else
                                       _("1 kind of help may apply. See History for the full answer.")))
        row = widgets.FlowLayout()
        change = widgets.button(role="primary" if run is None else "",
                                on_click=lambda _c=False, cid=child.id: self.screen.change_answers(cid))
        widgets.set_button_text(change, _("Start the check") if run is None else _("Change answers"),
                                _("Answers for {name}").format(name=child.name) if child.name else "")
        row.addWidget(change)
        if run is not None:
            again = widgets.button(role="primary" if run is not None else "",
                                   on_click=lambda _c=False, cid=child.id: self.screen.reassess(cid))
            widgets.set_button_text(again, _("Check again for today"),
                                    _("Uses the saved answers with today's rates and rules"))
            row.addWidget(again)
        holder = QWidget()
        holder.setLayout(row)
        card.add(holder)
        return card


class ActionsSection(_Section):
    """The household's list: the assessments' actions with their deadlines, and the worker's own."""

    def __init__(self, screen):
        super().__init__(screen)
        self.add_card = widgets.Card()
        self.add_title = self.add_card.add(widgets.heading(level=2))
        self.errors = self.add_card.add(widgets.ErrorSummary())
        self.new_text = TextField(Detail("text", "", "text", True, False), "")
        self.new_due = DateField(Detail("due", "", "date", False, False), None)
        self.add_card.add(self.new_text)
        self.add_card.add(self.new_due)
        self.add_button = self.add_card.add(widgets.button(on_click=self._add))
        self.body.insertWidget(self.body.count() - 1, self.add_card)

    def retranslate_ui(self) -> None:
        self.add_title.setText(_("Add something to do"))
        _relabel(self.new_text, _("What needs doing"))
        _relabel(self.new_due, _("Date it must be done by (optional)"))
        widgets.set_button_text(self.add_button, _("Add to the list"))
        super().retranslate_ui()

    def _add(self) -> None:
        problems = field_problems([self.new_text, self.new_due])
        if problems:
            self.errors.show_errors(problems)
            return
        self.errors.clear()
        text, due = self.new_text.value(), self.new_due.value()
        household_id = self._last[0].id

        def added(_item) -> None:
            self.new_text.edit.clear()
            for box in self.new_due.boxes:
                box.clear()
            self.screen.reload()

        self.screen.run(lambda: self.screen.store.add_action(
            household_id, text, due=dt.date.fromisoformat(due) if due else None), added, changes="household")

    def show(self, record, actions: list[Any]) -> None:
        self._last = (record, actions)
        self.set_title(_("Things to do"))
        clear_layout(self.content)
        today = self.screen.today()
        open_ = sorted((a for a in actions if not a.done),
                       key=lambda a: (a.due is None, a.due or dt.date.max, a.id))
        done = sorted((a for a in actions if a.done), key=lambda a: a.completed_at, reverse=True)
        if not open_:
            self.content.addWidget(widgets.label(_("Nothing to do at the moment.")))
        names = {c.id: c.name for c in record.children}
        finishes = []
        for action in open_:
            card = widgets.Card("warning" if action.due and action.due < today else "card")
            card.add(widgets.label(_action_words(action)))
            if action.due is None:
                card.add(widgets.label(_("No deadline."), "hint"))
            elif action.due < today:
                card.add(widgets.label(_("Overdue: it was due on {date}.").format(date=format_date(action.due)),
                                       "error"))
            else:
                card.add(widgets.label(_("Due by {date}.").format(date=format_date(action.due))))
            if action.child_id in names and names[action.child_id]:
                card.add(widgets.label(_("For {name}").format(name=names[action.child_id]), "hint"))
            if action.source:
                card.add(widgets.label(_("Source: {source}").format(source=action.source), "hint"))
            finish = widgets.button(on_click=lambda _c=False, aid=action.id: self._complete(aid))
            widgets.set_button_text(finish, _("Mark as done"), _action_words(action))
            card.add(finish)
            finishes.append(finish)
            self.content.addWidget(card)
        # Tab in reading order: the list (made afresh each time), then the "Add" form below it.
        widgets.tab_chain([*finishes, *widgets.focusables(self.add_card)])
        if done:
            self.content.addWidget(widgets.heading(_("Done"), level=2))
            for action in done:
                self.content.addWidget(widgets.label(_("{text} — done on {date}").format(
                    text=_action_words(action), date=_day(action.completed_at))))

    def _complete(self, action_id: int) -> None:
        self.screen.run(lambda: self.screen.store.complete_action(action_id),
                        lambda _r: self.screen.reload(), changes="household")


class HistorySection(_Section):
    """Checks and letters, newest first; each check can be opened to read what was said then."""

    def show(self, record, runs: list[Any], letters: list[Any]) -> None:
        self._last = (record, runs, letters)
        self.set_title(_("History"))
        clear_layout(self.content)
        names = {c.id: c.name for c in record.children}
        events = [(r.run_at, "check", r) for r in runs] + [(le.created_at, "letter", le) for le in letters]
        if not events:
            self.content.addWidget(widgets.label(_("No checks or letters yet.")))
        for _when, kind, item in sorted(events, key=lambda e: e[0], reverse=True):
            if kind == "check":
                self.content.addWidget(self._check(item, names.get(item.child_id, "")))
            else:
                self.content.addWidget(self._letter(item))

    def _check(self, run, child_name: str) -> QWidget:
        assessment = Assessment.from_json(run.result)
        card = widgets.Card()
        head = _("Check on {date}").format(date=_day(run.run_at))
        card.add(widgets.heading(head, level=2))
        card.add(widgets.label(category_title(assessment.category)))
        facts = [_("Answer for {date}").format(date=format_date(assessment.as_of))]
        if child_name:
            facts.append(_("for {name}").format(name=child_name))
        if run.worker:
            facts.append(_("by {worker}").format(worker=run.worker))
        card.add(widgets.label(", ".join(facts), "hint"))
        more = widgets.Disclosure()
        more.set_content(_("What was said then"), what_was_said(assessment))
        card.add(more)
        return card

    def _letter(self, letter) -> QWidget:
        card = widgets.Card()
        card.add(widgets.heading(_("Letter on {date}").format(date=format_date(letter.issued_on)), level=2))
        card.add(widgets.label(letter_title(letter.letter_id)))
        if letter.recipient:
            card.add(widgets.label(_("To: {recipient}").format(recipient=letter.recipient)))
        if letter.note:
            card.add(widgets.label(letter.note, "hint"))
        return card


def _action_words(action: Any) -> str:
    """A saved action's words in the app's language, from its code (typed ones as typed)."""
    from kinship_app.i18n import get_language
    from kinship_app.wording import action_words

    return action_words(action.code, action.text, get_language())


def letter_title(letter_id: str) -> str:
    from kinship_app import letters

    try:
        return letters.letter_title(letter_id)
    except letters.LetterError:  # a letter this version no longer makes: show its code as stored
        return letter_id


def what_was_said(assessment: Assessment) -> str:
    """The stored answer as plain text: outcome, why, and each kind of help with its amount then,
    worded now in the app's language (an answer saved by an earlier version keeps its words)."""
    from kinship_app.i18n import get_language
    from kinship_app.wording import render

    assessment = render(assessment, get_language())
    lines = []
    if assessment.worded_then:
        lines.append(_("Saved by an earlier version of the app: its explanations are shown in the words it "
                       "used then."))
    for reason in assessment.reasons:
        lines.append("• " + reason.text)
    for code in assessment.flags:
        if code in FLAGS:
            lines.append("! " + _(FLAGS[code]))
    if assessment.entitlements:
        lines.append("")
        lines.append(_("What the family may get:"))
    for e in assessment.entitlements:
        line = "• " + e.title
        if e.amount is not None and e.amount.value:
            line += " — " + _("{money} {period}").format(
                money=format_money(e.amount.value, e.amount.currency), period=_(PERIODS.get(e.amount.period, "")))
            if not e.amount.confirmed:
                line += " " + _("(not yet confirmed for that date)")
        lines.append(line)
    if assessment.missing:
        lines.append("")
        lines.append(_("Still to find out: {fields}").format(
            fields="; ".join(assessment.missing_words[m] for m in assessment.missing)))
    return "\n".join(lines)


class NotesSection(_Section):
    def __init__(self, screen):
        super().__init__(screen)
        self.editor = QPlainTextEdit()
        self.editor.setTabChangesFocus(True)
        self.editor.setMaximumHeight(160)
        self.editor_label = field_label("", self.editor)
        self.save = widgets.button(role="primary", on_click=self._save)
        self.error = widgets.label(role="error")
        self.error.hide()
        for i, w in enumerate((self.editor_label, self.error, self.editor, self.save)):
            self.body.insertWidget(1 + i, w)

    def show(self, record, notes: list[Any]) -> None:
        self._last = (record, notes)
        self.record = record
        self.set_title(_("Notes"))
        set_field_label(self.editor_label, _("Add a note"))
        widgets.set_button_text(self.save, _("Save note"))
        clear_layout(self.content)
        if not notes:
            self.content.addWidget(widgets.label(_("No notes yet.")))
        for note in sorted(notes, key=lambda n: (n.created_at, n.id), reverse=True):
            card = widgets.Card()
            head = _day(note.created_at)
            if note.worker:
                head = _("{date}, by {worker}").format(date=head, worker=note.worker)
            card.add(widgets.label(head, "hint"))
            card.add(widgets.label(note.text))
            self.content.addWidget(card)

    def _save(self) -> None:
        text = self.editor.toPlainText().strip()
        if not text:
            self.error.setText(_("Write the note first"))
            self.error.show()
            self.editor.setFocus()
            return
        self.error.hide()

        def saved(_note):
            self.editor.clear()
            self.screen.reload()

        self.screen.run(lambda: self.screen.store.add_note(self.record.id, text),
                        saved, changes="household")


def _relabel(field, text: str) -> None:
    """Give a details field (letters_details) its question in the language now in force."""
    field.question = text
    field.label.setText(text)
    target = field.focus_widget()
    if hasattr(field, "boxes"):
        for box, part in zip(field.boxes, (_("Day"), _("Month"), _("Year"))):
            box.setAccessibleName(f"{text} — {part}")
    else:
        target.setAccessibleName(text)
