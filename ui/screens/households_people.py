"""Change the people in a household: the carers' names, addresses and phone numbers, the children's
names and dates of birth, and add a carer or a child.

The fields are the same ones the letters ask with (``letters_details``), so a name typed here is
checked the same way and a date is day / month / year boxes. The save says which version of the
household it started from: if someone else saved it meanwhile, the store refuses and nothing of
theirs is overwritten (``ConflictError``, shown in words by the operations helper).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kinship_app.i18n import _
from kinship_app.letters.content import Detail
from ui import widgets
from ui.screens.letters_details import AddressField, DateField, TextField, field_problems


def _detail(path: str, label: str, kind: str, required: bool = False) -> Detail:
    return Detail(path=path, label=label, kind=kind, required=required, missing=False)


class _PersonCard(widgets.Card):
    def __init__(self, title: str, fields: list):
        super().__init__()
        self.heading = self.add(widgets.heading(title, level=2))
        self.fields = fields
        for f in fields:
            self.add(f)

    def problems(self) -> list[tuple[str, QWidget]]:
        return field_problems(self.fields)


class PeopleEditor(widgets.Page):
    saved = Signal(object)  # the household record as saved
    cancelled = Signal()

    def __init__(self, screen, parent: QWidget | None = None):
        super().__init__(parent)
        self.screen = screen
        self.back = widgets.button(role="link", on_click=self.cancelled.emit)
        self.title = widgets.heading()
        self.errors = widgets.ErrorSummary()
        self.intro = widgets.label()
        self.cards = QVBoxLayout()
        self.cards.setSpacing(12)
        self.more = widgets.FlowLayout()
        self.add_carer = widgets.button(on_click=lambda: self._add_carer(None))
        self.add_child = widgets.button(on_click=lambda: self._add_child(None))
        self.more.addWidget(self.add_carer)
        self.more.addWidget(self.add_child)
        self.save = widgets.button(role="primary", on_click=self._save)
        for w in (self.back, self.title, self.errors, self.intro):
            self.body.addWidget(w)
        self.body.addLayout(self.cards)
        self.body.addLayout(self.more)
        self.body.addWidget(self.save)
        self.finish()
        self.record: Any = None
        self._carers: list[tuple[Any, _PersonCard]] = []
        self._children: list[tuple[Any, _PersonCard]] = []

    def retranslate_ui(self) -> None:
        widgets.set_button_text(self.back, _("Back"))
        widgets.set_button_text(self.add_carer, _("Add another carer"))
        widgets.set_button_text(self.add_child, _("Add another child"))
        widgets.set_button_text(self.save, _("Save the details"))
        self.intro.setText(_("Names and addresses are used in letters. Leave out what you do not know."))
        self.setAccessibleName(_("People in the household"))

    def edit(self, record) -> None:
        self.errors.clear()
        self.forget()
        self.record = record
        self.title.setText(_("People in household {reference}").format(reference=record.reference))
        self.title.setAccessibleName(self.title.text())
        for carer in record.carers:
            self._add_carer(carer)
        for child in record.children:
            self._add_child(child)
        self.verticalScrollBar().setValue(0)

    def forget(self) -> None:
        self.record = None
        for _rec, card in self._carers + self._children:
            card.hide()
            card.deleteLater()
        self._carers, self._children = [], []
        self.title.clear()

    def _add_carer(self, carer) -> None:
        n = len(self._carers) + 1
        fields = [
            TextField(_detail("name", _("Carer's full name"), "text", required=True), carer.name if carer else ""),
            AddressField(_detail("address", _("Carer's address"), "address"), list(carer.address) if carer else []),
            TextField(_detail("phone", _("Carer's phone number"), "text"), carer.phone if carer else ""),
            TextField(_detail("email", _("Carer's email address"), "text"), carer.email if carer else ""),
        ]
        card = _PersonCard(_("Carer {n}").format(n=n), fields)
        self._carers.append((carer, card))
        self.cards.addWidget(card)
        if carer is None:
            fields[0].focus_widget().setFocus()

    def _add_child(self, child) -> None:
        n = len(self._children) + 1
        dob = child.date_of_birth.isoformat() if child and child.date_of_birth else None
        order = child.order_date.isoformat() if child and child.order_date else None
        fields = [
            TextField(_detail("name", _("Child's full name"), "text", required=True), child.name if child else ""),
            DateField(_detail("date_of_birth", _("Child's date of birth"), "date"), dob),
            DateField(_detail("order_date", _("The date the court made the order, if there is one"), "date"), order),
        ]
        card = _PersonCard(_("Child {n}").format(n=n), fields)
        self._children.append((child, card))
        self.cards.addWidget(card)
        if child is None:
            fields[0].focus_widget().setFocus()

    def _save(self) -> None:
        problems = []
        for _rec, card in self._carers + self._children:
            problems += card.problems()
        if problems:
            self.errors.show_errors(problems)
            return
        self.errors.clear()
        from kinship_app.store import CarerRecord, ChildRecord

        carers = []
        for old, card in self._carers:
            name, address, phone, email = (f.value() for f in card.fields)
            base = old or CarerRecord(name="")
            carers.append(dataclasses.replace(base, name=name, address=tuple(address or ()), phone=phone or "",
                                              email=email or ""))
        children = []
        for old, card in self._children:
            name, dob, order = (f.value() for f in card.fields)
            base = old or ChildRecord(name="")
            children.append(dataclasses.replace(
                base, name=name, date_of_birth=dt.date.fromisoformat(dob) if dob else None,
                order_date=dt.date.fromisoformat(order) if order else None))
        record = self.record
        self.screen.run(lambda: self.screen.store.update_household(
            record.id, carers=carers, children=children, expected_version=record.version),
            self.saved.emit, changes="household")
