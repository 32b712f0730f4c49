"""The check: one page per question, "Check your answers", then the result.

The screen keeps the answers in memory only. A quick check (no ``saver``) writes nothing anywhere;
a saved household's check passes a ``saver`` that is called after every answer, so a crash loses
nothing and ``begin(answers, question)`` reopens it at the same question.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QStackedWidget, QVBoxLayout, QWidget

from kinship_app import flow
from kinship_app.i18n import _
from ui.screens.question import QuestionPage, council_name
from ui.widgets import button, heading, label, page_in, set_button_text


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


class AnswersPage(QWidget):
    """GOV.UK "Check your answers"."""

    back = Signal()
    accepted = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.page = page_in(self)
        b = self.page.body
        self.back_button = button("", "link", self.back.emit)
        self.back_button.setObjectName("back")
        b.addWidget(self.back_button)
        self.heading = heading()
        b.addWidget(self.heading)
        self.answers = AnswerList()
        b.addWidget(self.answers)
        self.next_heading = heading("", 2)
        b.addWidget(self.next_heading)
        self.next_text = label("")
        b.addWidget(self.next_text)
        self.see_button = button("", "primary", self.accepted.emit)
        self.see_button.setObjectName("see_results")
        b.addWidget(self.see_button)
        self.page.finish()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        set_button_text(self.back_button, _("Back"))
        self.heading.setText(_("Check your answers"))
        self.heading.setAccessibleName(self.heading.text())
        self.page.setAccessibleName(self.heading.text())
        self.next_heading.setText(_("Now see what you may be able to get"))
        self.next_text.setText(_("The result is based on your answers and on the rules and rates we hold for today's date."))
        set_button_text(self.see_button, _("See the result"))

    def focus_first(self) -> None:
        self.page.verticalScrollBar().setValue(0)
        first = next(iter(self.answers.change_buttons.values()), None)
        (first or self.see_button).setFocus(Qt.FocusReason.OtherFocusReason)


class CheckScreen(QWidget):
    finished = Signal(object)  # the Assessment

    def __init__(self, ctx: Any, ops: Any, window: Any):
        super().__init__()
        self.ctx, self.ops, self.window_ = ctx, ops, window
        self.answers: dict[str, Any] = {}
        self.current = flow.START
        self.mode = "question"
        self.changing = False
        self.saver: Callable[[dict, str], None] | None = None
        self.on_finished: Callable[[dict, Any], None] | None = None
        self.assessment: Any = None

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        lay.addWidget(self.stack)
        self.pages: dict[str, QuestionPage] = {}
        self.answers_page = AnswersPage()
        self.answers_page.back.connect(self._back_from_answers)
        self.answers_page.accepted.connect(self.show_result)
        self.answers_page.answers.change.connect(self.change)
        self.stack.addWidget(self.answers_page)
        self._results: Any = None

    # -- public ----------------------------------------------------------------------------------

    def begin(self, answers: dict | None = None, question: str | None = None,
              saver: Callable[[dict, str], None] | None = None,
              on_finished: Callable[[dict, Any], None] | None = None) -> None:
        self.answers = dict(answers or {})
        self.saver, self.on_finished = saver, on_finished
        self.changing = False
        self.assessment = None
        if question == flow.END or (question is None and answers and flow.is_complete(self.answers)):
            self.show_answers()
            return
        if question not in flow.QUESTIONS:
            path = flow.path(self.answers)
            question = path[-1] if path else flow.START
        self.show_question(question)

    def title(self) -> str:
        if self.mode == "question":
            return _(flow.QUESTIONS[self.current].title)
        if self.mode == "answers":
            return _("Check your answers")
        return _("Your result")

    def glossary_terms(self) -> tuple[str, ...]:
        return flow.QUESTIONS[self.current].glossary if self.mode == "question" else ()

    def retranslate_ui(self) -> None:
        for page in self.pages.values():
            page.retranslate_ui()
        self.answers_page.retranslate_ui()
        if self.mode == "answers":
            self.answers_page.answers.show_answers(self.answers)
        if self._results is not None:
            self._results.retranslate_ui()

    def clear_sensitive(self) -> None:
        """Hide this screen: an unsaved quick check is forgotten; a saved one is already on disk."""
        self.answers = {}
        self.assessment = None
        for page in self.pages.values():
            page.set_value(None)
        self.answers_page.answers.show_answers({})
        if self._results is not None:
            self._results.clear()
        self.mode, self.current = "question", flow.START
        if self.pages:
            self.stack.setCurrentWidget(self._page(flow.START))

    def print_(self) -> None:
        if self.mode == "result" and self._results is not None:
            self._results.print_()

    # -- navigation --------------------------------------------------------------------------------

    def _page(self, qid: str) -> QuestionPage:
        if qid not in self.pages:
            page = QuestionPage(flow.QUESTIONS[qid])
            page.answered.connect(lambda value, k=qid: self._answered(k, value))
            page.back.connect(self._back)
            page.glossary.connect(self.window_.show_glossary)
            self.pages[qid] = page
            self.stack.addWidget(page)
        return self.pages[qid]

    def show_question(self, qid: str) -> None:
        self.mode, self.current = "question", qid
        page = self._page(qid)
        page.set_value(self.answers.get(qid), self.answers)
        self.stack.setCurrentWidget(page)
        self.window_._update_title()
        page.focus_first()

    def show_answers(self) -> None:
        self.mode = "answers"
        self.changing = False
        self.answers_page.answers.show_answers(self.answers)
        self.stack.setCurrentWidget(self.answers_page)
        self.window_._update_title()
        self.answers_page.focus_first()

    def change(self, qid: str) -> None:
        self.changing = True
        self.show_question(qid)

    def _answered(self, qid: str, value: Any) -> None:
        self.answers[qid] = value
        self.answers.update(self._page(qid).extra_answers())
        if qid == "age" and not flow.needs_disability(value):
            self.answers.pop("disabled", None)
        nxt = flow.next_question(self.answers, qid)
        if self.changing and flow.is_complete(self.answers):
            nxt = flow.END
        self._save(nxt)
        if nxt == flow.END:
            self.show_answers()
        else:
            self.show_question(nxt)

    def _save(self, where: str) -> None:
        if self.saver is not None:
            # Only the answers on the current route are kept: stale ones must not reach a case.
            # A failed save (disk full, database locked) is told in words; the answers stay on screen.
            answers, saver = flow.relevant_answers(self.answers), self.saver
            self.ops.run(lambda: saver(answers, where), background=False)

    def _back(self) -> None:
        path = flow.path(self.answers)
        if self.current in path:
            i = path.index(self.current)
        else:
            i = len(path)
        if i == 0:
            self.window_.show_screen("start")
        elif self.changing:
            self.show_answers()
        else:
            self.show_question(path[i - 1])

    def _back_from_answers(self) -> None:
        path = flow.path(self.answers)
        self.show_question(path[-1])

    # -- the result --------------------------------------------------------------------------------

    def show_result(self) -> None:
        answers = flow.relevant_answers(self.answers)
        today = self.ctx.today()

        def work() -> Any:
            from kinship_app.assess import assess
            from kinship_app.case import parse_case

            return assess(parse_case(flow.answers_to_case(answers)), today)

        self.ops.run(work, self._got_result, background=False)

    def _got_result(self, assessment: Any) -> None:
        from ui.screens.results import ResultsPage

        if self._results is None:
            self._results = ResultsPage(self.ctx, self.window_)
            self._results.change.connect(self.change)
            self._results.start_again.connect(self.start_again)
            self.stack.addWidget(self._results)
        self.assessment = assessment
        self.mode = "result"
        self._results.show_assessment(assessment, flow.relevant_answers(self.answers))
        self.stack.setCurrentWidget(self._results)
        self.window_._update_title()
        self._results.focus_first()
        self._save(flow.END)
        if self.on_finished is not None:
            self.on_finished(flow.relevant_answers(self.answers), assessment)
        self.finished.emit(assessment)

    def start_again(self) -> None:
        self.begin()
        self.window_.show_screen("check")

    def on_shown(self) -> None:
        if self.mode == "question" and self.current not in self.pages:
            self.show_question(self.current)

