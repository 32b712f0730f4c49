"""The answers as a person reads them: "Check your answers" and "Your answers" on the result.

Shared by the check (``check.py``) and the result (``results.py``), which import it and not each other.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from kinship_app import flow
from kinship_app.i18n import _
from ui.screens.question import council_name
from ui.widgets import button, label


def answer_text(qid: str, answers: dict[str, Any]) -> str:
    """How an answer reads on "Check your answers" and the results."""
    value = answers.get(qid)
    if qid == "age":
        if value == flow.UNSURE:
            text = _("Not sure")
        else:
            text = _("{age} years old").format(age=value) if value != 1 else _("1 year old")
        disabled = answers.get("disabled")
        if flow.needs_disability(value) and disabled:
            text += " — " + {"yes": _("has a disability"), "no": _("no disability"),
                             flow.UNSURE: _("not sure about a disability")}[disabled]
        return text
    if qid == "council":
        return _("Not sure") if value == flow.UNSURE else council_name(value)
    if value == flow.UNSURE:
        return _("Not sure")
    return _(flow.option_text(qid, value))


class AnswerList(QWidget):
    """Rows of question / answer / Change, for "Check your answers" and "Your answers" on the result."""

    change = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(10)
        self.grid.setColumnStretch(0, 2)
        self.grid.setColumnStretch(1, 3)
        self.change_buttons: dict[str, Any] = {}

    def show_answers(self, answers: dict[str, Any]) -> None:
        while self.grid.count():
            w = self.grid.takeAt(0).widget()
            if w is not None:
                w.hide()
                w.deleteLater()
        self.change_buttons = {}
        for row, qid in enumerate(flow.path(answers)):
            if qid not in answers:
                continue
            q = flow.QUESTIONS[qid]
            name = label(_(q.summary), "subheading")
            value = label(answer_text(qid, answers))
            change = button(_("Change"), "link", lambda _c=False, k=qid: self.change.emit(k))
            change.setObjectName(f"change_{qid}")
            change.setAccessibleName(_("Change: {what}").format(what=_(q.summary)))
            self.change_buttons[qid] = change
            self.grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(change, row, 2, Qt.AlignmentFlag.AlignTop)
