"""'Complete the details': one field per detail a letter still needs, asked before the letter is
made, so a letter never prints with a blank where a name should be.

Each field turns what was typed into the contract's ``people`` JSON (text, a list of address
lines, a YYYY-MM-DD date, true/false, or a list of people); the letters package checks it again.
Dates are day / month / year boxes (GOV.UK), never only a calendar.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QGridLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget,
)

from kinship_app.i18n import N_, _
from ui import widgets


class _Field(QWidget):
    """One detail: its question, hint, error line and input."""

    def __init__(self, detail, value: Any):
        super().__init__()
        self.detail = detail
        self.path = detail.path
        self.required = detail.required
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 8)
        lay.setSpacing(4)
        label = _(detail.label)
        if not detail.required:
            label = _("{label} (optional)").format(label=label)
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        self.label.setProperty("role", "subheading")
        lay.addWidget(self.label)
        self.hint = widgets.label(_(detail.hint) if detail.hint else "", "hint")
        lay.addWidget(self.hint)  # in the layout (so a child) before it is shown: never a window of its own
        self.hint.setVisible(bool(detail.hint))
        self.error = widgets.label("", "error")
        self.error.hide()
        lay.addWidget(self.error)
        self.question = label
        self.build(lay, value)

    def build(self, lay: QVBoxLayout, value: Any) -> None:
        raise NotImplementedError

    def focus_widget(self) -> QWidget:
        raise NotImplementedError

    def value(self) -> Any:
        """The JSON value, or None when nothing was given."""
        raise NotImplementedError

    def problem(self) -> str | None:
        """What is wrong with the answer, in the question's words, or None."""
        if self.required and self.value() is None:
            return _("Enter {what}").format(what=_lower_first(self.question))
        return None

    def show_error(self, text: str | None) -> None:
        self.error.setText(text or "")
        self.error.setVisible(bool(text))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


class TextField(_Field):
    def build(self, lay, value):
        self.edit = QLineEdit(value if isinstance(value, str) else "")
        self.label.setBuddy(self.edit)
        self.edit.setAccessibleName(self.question)
        self.edit.setAccessibleDescription(self.hint.text())
        lay.addWidget(self.edit)

    def focus_widget(self):
        return self.edit

    def value(self):
        text = self.edit.text().strip()
        return text or None


class LongTextField(_Field):
    def build(self, lay, value):
        self.edit = QPlainTextEdit(value if isinstance(value, str) else "")
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(100)
        self.label.setBuddy(self.edit)
        self.edit.setAccessibleName(self.question)
        lay.addWidget(self.edit)

    def focus_widget(self):
        return self.edit

    def value(self):
        text = self.edit.toPlainText().strip()
        return text or None


class AddressField(_Field):
    """One address line per line of the box."""

    def build(self, lay, value):
        lines = value if isinstance(value, list) else ([value] if isinstance(value, str) else [])
        self.edit = QPlainTextEdit("\n".join(str(x) for x in lines))
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(110)
        self.label.setBuddy(self.edit)
        self.edit.setAccessibleName(self.question)
        self.edit.setAccessibleDescription(_("One line of the address on each line, with the postcode last"))
        if not self.hint.text():
            self.hint.setText(_("One line of the address on each line, with the postcode last"))
            self.hint.show()
        lay.addWidget(self.edit)

    def focus_widget(self):
        return self.edit

    def value(self):
        lines = [line.strip() for line in self.edit.toPlainText().splitlines() if line.strip()]
        return lines or None


class DateField(_Field):
    """Day, month and year boxes; ``allow_none`` adds 'There is none' for date_or_none."""

    allow_none = False

    def build(self, lay, value):
        day = value if isinstance(value, str) else ""
        parsed = None
        try:
            parsed = dt.date.fromisoformat(day) if day and day != "none" else None
        except ValueError:
            parsed = None
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        self.boxes = []
        for col, (name, width, part) in enumerate(((_("Day"), 3, "day"), (_("Month"), 3, "month"),
                                                   (_("Year"), 5, "year"))):
            box = QLineEdit(str(getattr(parsed, part)) if parsed else "")
            box.setMaxLength(4 if part == "year" else 2)
            box.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
            box.setMaximumWidth(box.fontMetrics().horizontalAdvance("0") * width + 40)
            box.setMinimumWidth(box.fontMetrics().horizontalAdvance("0") * width + 24)
            label = QLabel(name)
            label.setBuddy(box)
            box.setAccessibleName(f"{self.question} — {name}")
            grid.addWidget(label, 0, col)
            grid.addWidget(box, 1, col)
            self.boxes.append(box)
        grid.setColumnStretch(3, 1)
        lay.addLayout(grid)
        self.none = None
        if self.allow_none:
            self.none = QCheckBox(_("There is none"))
            self.none.setAccessibleName(_("There is none"))
            self.none.setChecked(value == "none")
            self.none.toggled.connect(lambda on: [b.setEnabled(not on) for b in self.boxes])
            for b in self.boxes:
                b.setEnabled(value != "none")
            lay.addWidget(self.none)
        if not self.hint.text():
            self.hint.setText(_("For example, 27 3 2017"))
            self.hint.show()

    def focus_widget(self):
        return self.boxes[0]

    def _typed(self) -> list[str]:
        return [b.text().strip() for b in self.boxes]

    def value(self):
        if self.none is not None and self.none.isChecked():
            return "none"
        day, month, year = self._typed()
        if not (day or month or year):
            return None
        try:
            return dt.date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            return ""  # typed but not a real date: problem() says so

    def problem(self):
        value = self.value()
        if value == "":
            day, month, year = self._typed()
            if not (day and month and year):
                missing = [n for n, v in ((_("day"), day), (_("month"), month), (_("year"), year)) if not v]
                return _("{what} must include a {parts}").format(what=self.question, parts=_(" and ").join(missing))
            if len(year) != 4:
                return _("{what}: the year must have 4 numbers, like 2017").format(what=self.question)
            return _("{what} must be a real date").format(what=self.question)
        return super().problem()


class DateOrNoneField(DateField):
    allow_none = True


class YesNoField(_Field):
    def build(self, lay, value):
        self.choices = widgets.ChoiceList()
        self.choices.add_choice("yes", _("Yes"))
        self.choices.add_choice("no", _("No"))
        if isinstance(value, bool):
            self.choices.set_value("yes" if value else "no")
        lay.addWidget(self.choices)

    def focus_widget(self):
        return self.choices.first_radio()

    def value(self):
        chosen = self.choices.value()
        return None if chosen is None else chosen == "yes"

    def problem(self):
        if self.required and self.value() is None:
            return _("Select yes or no: {what}").format(what=_lower_first(self.question))
        return None


class PronounsField(_Field):
    """How letters refer to the child after naming them (``child.pronouns``): the family's choice."""

    CHOICES = (("she", N_("She and her")), ("he", N_("He and him")), ("they", N_("They and them")),
               ("name", N_("Only by their name")))

    def build(self, lay, value):
        self.choices = widgets.ChoiceList()
        for code, text in self.CHOICES:
            self.choices.add_choice(code, _(text))
        if isinstance(value, str) and value in dict(self.CHOICES):
            self.choices.set_value(value)
        lay.addWidget(self.choices)

    def focus_widget(self):
        return self.choices.first_radio()

    def value(self):
        return self.choices.value()


class _ListField(_Field):
    """Several entries, one a line with its parts split by commas, and a box to say there are none
    (an empty list is an answer: "none", different from not answered)."""

    none_text = ""
    how = ""

    def rows(self, value: list) -> list[list[str]]:
        raise NotImplementedError

    def item(self, parts: list[str]) -> Any:
        raise NotImplementedError

    def build(self, lay, value):
        rows = self.rows(value) if isinstance(value, list) else []
        self.edit = QPlainTextEdit("\n".join(", ".join(r) for r in rows))
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(110)
        self.label.setBuddy(self.edit)
        self.edit.setAccessibleName(self.question)
        self.none = QCheckBox(_(self.none_text))
        self.none.setAccessibleName(_(self.none_text))
        self.none.setChecked(isinstance(value, list) and not value)
        self.none.toggled.connect(lambda on: self.edit.setEnabled(not on))
        self.edit.setEnabled(not self.none.isChecked())
        self.hint.setText((self.hint.text() + " " if self.hint.text() else "") + _(self.how))
        self.hint.show()
        lay.addWidget(self.edit)
        lay.addWidget(self.none)

    def focus_widget(self):
        return self.edit if self.edit.isEnabled() else self.none

    def value(self):
        if self.none.isChecked():
            return []
        out = []
        for line in self.edit.toPlainText().splitlines():
            parts = [p.strip() for p in line.split(",") if p.strip()]
            if parts:
                out.append(self.item(parts))
        return out or None


class PeopleField(_ListField):
    """People with their addresses: 'Name, address line, …, postcode'."""

    none_text = N_("There is no one to list")
    how = N_("One person on each line: their name, then their address with commas, for example "
             "“Jo Ward, 3 Hill Street, Leeds, LS2 7PQ”")

    def rows(self, value):
        return [[str(p["name"]), *[str(a) for a in p.get("address") or []]]
                for p in value if isinstance(p, dict) and p.get("name")]

    def item(self, parts):
        return {"name": parts[0], "address": parts[1:]}


class AddressesField(_ListField):
    none_text = N_("There are none")
    how = N_("One address on each line, its parts split by commas")

    def rows(self, value):
        return [[str(x) for x in item] for item in value if isinstance(item, list)]

    def item(self, parts):
        return parts


FIELD_KINDS = {
    "text": TextField, "long_text": LongTextField, "address": AddressField, "date": DateField,
    "date_or_none": DateOrNoneField, "yes_no": YesNoField, "people": PeopleField,
    "addresses": AddressesField, "pronouns": PronounsField,
}


class DetailsForm(QWidget):
    """The fields for a list of ``Detail`` (path, label, kind, required, missing, hint)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(10)
        self.fields: list[_Field] = []

    def set_details(self, details, current: dict[str, Any]) -> None:
        for f in self.fields:
            f.hide()
            f.deleteLater()
        self.fields = []
        # What the letter cannot be made without comes first; the optional extras after it.
        for detail in sorted(details, key=lambda d: not d.required):
            cls = FIELD_KINDS.get(detail.kind, TextField)
            f = cls(detail, current.get(detail.path))
            self.fields.append(f)
            self._layout.addWidget(f)

    def field(self, path: str) -> _Field | None:
        return next((f for f in self.fields if f.path == path), None)

    def problems(self) -> list[tuple[str, QWidget]]:
        return field_problems(self.fields)

    def values(self) -> dict[str, Any]:
        """path -> JSON value, for every field that has an answer."""
        return {f.path: f.value() for f in self.fields if f.value() not in (None, "")}

    def show_error(self, path: str, text: str) -> QWidget | None:
        f = self.field(path)
        if f is None:
            return None
        f.show_error(text)
        return f.focus_widget()



def field_problems(fields) -> list[tuple[str, QWidget]]:
    """Each field's problem shown under it, and (text, widget to focus) for the error summary."""
    found = []
    for f in fields:
        text = f.problem()
        f.show_error(text)
        if text:
            found.append((text, f.focus_widget()))
    return found
