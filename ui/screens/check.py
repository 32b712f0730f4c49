"""The check: one page per question, "Check your answers", then the result.

The screen keeps the answers in memory only. A quick check (no ``saver``) writes nothing anywhere;
a saved household's check passes a ``saver`` that is called after every answer, so a crash loses
nothing and ``begin(answers, question)`` reopens it at the same question.

The result is assessed once, off the UI thread, by the ``assessor`` (``kinship_app.casework``: for a
saved household it saves the answers and keeps the run; the quick check saves nothing), and the
screen shows the ``CheckResult`` it returns: for a household, the very run History and the letters show.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kinship_app import flow
from kinship_app.i18n import _
from ui.screens.answers import AnswerList
from ui.screens.question import QuestionPage
from ui.widgets import button, heading, label, page_in, set_button_text, tab_chain


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
        self.working = label("", "hint")
        self.working.setObjectName("working")
        self.working.hide()
        b.addWidget(self.working)
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
        self.working.setText(_("Working out the result…"))

    def fill(self, answers: dict[str, Any]) -> None:
        self.answers.show_answers(answers)
        tab_chain([self.back_button, *self.answers.change_buttons.values(), self.see_button])

    def focus_first(self) -> None:
        # The main action has the keyboard: Enter sees the result; Shift+Tab goes up to the Changes.
        self.page.verticalScrollBar().setValue(0)
        self.see_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.see_button.setDefault(True)


class CheckScreen(QWidget):
    finished = Signal(object)  # the Assessment
    result_shown = Signal(object)  # the kinship_app.casework.CheckResult

    def __init__(self, ctx: Any, ops: Any, window: Any):
        super().__init__()
        self.ctx, self.ops, self.window_ = ctx, ops, window
        self.answers: dict[str, Any] = {}
        self.current = flow.START
        self.mode = "question"
        self.changing = False
        self.to_result = False
        self.letter_opener: Callable[[str], None] | None = None
        # For a saved household's check: keeps an allowance estimate with the household (the results
        # page's Estimate the allowance; MainWindow.check_household sets it).
        self.estimate_saver: Callable[..., None] | None = None
        self.saver: Callable[[dict, str], None] | None = None
        self.assessor: Callable[[dict, Any], Any] | None = None
        self.on_finished: Callable[[Any], None] | None = None
        self.assessment: Any = None
        self.result: Any = None  # the CheckResult shown
        self._generation = 0  # a result for a check since left (start again, hide) is never shown

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
        self._pending = False

    # -- public ----------------------------------------------------------------------------------

    def begin(self, answers: dict | None = None, question: str | None = None,
              saver: Callable[[dict, str], None] | None = None,
              assessor: Callable[[dict, Any], Any] | None = None,
              on_finished: Callable[[Any], None] | None = None) -> None:
        self._forget_pending()
        self.answers = dict(answers or {})
        self.saver, self.assessor, self.on_finished = saver, assessor, on_finished
        self.letter_opener = None  # set for a saved household's check (MainWindow.check_household)
        self.estimate_saver = None  # likewise
        self.changing = self.to_result = False
        self.assessment = self.result = None
        self._drop_results()
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
            self.answers_page.fill(self.answers)
        if self._results is not None:
            self._results.retranslate_ui()

    def clear_sensitive(self) -> None:
        """Hide this screen: an unsaved quick check is forgotten; a saved one is already on disk."""
        self._forget_pending()
        self.answers = {}
        self.assessment = self.result = None
        for page in self.pages.values():
            page.set_value(None)
        self.answers_page.fill({})
        self._drop_results()
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
        if self._pending:
            self._forget_pending()  # went back to change an answer: the result on its way is not this one
        self.mode, self.current = "question", qid
        page = self._page(qid)
        page.set_value(self.answers.get(qid), self.answers)
        self.stack.setCurrentWidget(page)
        self.window_._update_title()
        page.focus_first()

    def show_answers(self) -> None:
        self.mode = "answers"
        self.changing = False
        self.answers_page.fill(self.answers)
        self.stack.setCurrentWidget(self.answers_page)
        self.window_._update_title()
        self.answers_page.focus_first()

    def change(self, qid: str) -> None:
        self.changing = True
        self.to_result = False
        self.show_question(qid)

    def change_from_result(self, qid: str) -> None:
        """A question opened from the result ("Answer this", Change): once it is answered, and any
        question it makes relevant, the result is worked out again and shown."""
        self.change(qid)
        self.to_result = True

    def _answered(self, qid: str, value: Any) -> None:
        self.answers[qid] = value
        self.answers.update(self._page(qid).extra_answers())
        if qid == "age" and not flow.needs_disability(value):
            self.answers.pop("disabled", None)
        nxt = flow.next_question(self.answers, qid)
        if self.changing and flow.is_complete(self.answers):
            nxt = flow.END
        self._save(nxt)
        if nxt == flow.END and self.to_result:
            self.to_result = False
            self.show_answers()  # seen for a moment while the result is worked out again
            self.show_result()
        elif nxt == flow.END:
            self.show_answers()
        else:
            self.show_question(nxt)

    def _save(self, where: str) -> None:
        if self.saver is not None:
            # Only the answers on the current route are kept: stale ones must not reach a case.
            # Saved off the UI thread, in order; a failed save (disk full, database locked) is told
            # in words and the answers stay on screen.
            answers, saver = flow.relevant_answers(self.answers), self.saver
            self.ops.run(lambda: saver(answers, where))

    def _back(self) -> None:
        path = flow.path(self.answers)
        if self.current in path:
            i = path.index(self.current)
        else:
            i = len(path)
        if self.to_result and self._results is not None:
            self.to_result = self.changing = False  # back to the result, unchanged
            self.mode = "result"
            self.stack.setCurrentWidget(self._results)
            self.window_._update_title()
            self._results.focus_first()
        elif i == 0:
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
        """Assess the answers once, off the UI thread, and show what the assessor returns."""
        if self._pending:
            return  # "See the result" pressed again while the first press is being worked on
        from kinship_app import casework

        answers = flow.relevant_answers(self.answers)
        as_of = self.ctx.today()
        assessor = self.assessor or casework.assess_answers
        generation = self._generation
        self._set_pending(True)

        def done(result: Any) -> None:
            if generation == self._generation:
                self._set_pending(False)
                self._got_result(result)

        def failed(error: Exception) -> None:
            if generation == self._generation:
                self._set_pending(False)
                self.ops.report(error)  # the answers stay on "Check your answers", to try again

        self.ops.run(lambda: assessor(answers, as_of), done, on_error=failed,
                     changes="household" if self.assessor is not None else "")

    def _set_pending(self, pending: bool) -> None:
        self._pending = pending
        self.answers_page.see_button.setEnabled(not pending)
        self.answers_page.working.setVisible(pending)

    def _forget_pending(self) -> None:
        self._generation += 1
        self._set_pending(False)

    def _got_result(self, result: Any) -> None:
        self.result, self.assessment = result, result.assessment
        self.mode = "result"
        self._new_results().show_assessment(result.assessment, result.answers)
        self.stack.setCurrentWidget(self._results)
        self.window_._update_title()
        self._results.focus_first()
        if self.on_finished is not None:
            self.on_finished(result)
        self.result_shown.emit(result)
        self.finished.emit(result.assessment)

    def _new_results(self) -> Any:
        """A results page built from nothing for every result: no widget of the previous result (one
        family's details) can survive onto the next."""
        from ui.screens.results import ResultsPage

        self._drop_results()
        self._results = ResultsPage(self.ctx, self.window_)
        self._results.estimate_saver = self.estimate_saver
        self._results.change.connect(self.change_from_result)
        self._results.start_again.connect(self.start_again)
        self._results.letter.connect(self.open_letter)
        self._results.answer.connect(self.answer_on_result)
        self.stack.addWidget(self._results)
        return self._results

    def _drop_results(self) -> None:
        old, self._results = self._results, None
        if old is not None:
            self.stack.removeWidget(old)
            old.hide()
            old.deleteLater()

    def open_letter(self, letter_id: str) -> None:
        """A letter named on the result, opened for this child: a saved household's in its own
        Letters; a quick check's from its answers, nothing saved."""
        if self.letter_opener is not None:
            self.letter_opener(letter_id)
            return
        self.window_.show_screen("letters").open_letter(letter_id)

    def answer_on_result(self, key: str, value: str) -> None:
        """A fact the result needs, answered on the result itself: the result is worked out again."""
        self.answers[key] = value
        self.show_result()

    def start_again(self) -> None:
        self._drop_results()
        self.begin()
        self.window_.show_screen("check")

    def on_shown(self) -> None:
        if self.mode == "question" and self.current not in self.pages:
            self.show_question(self.current)

