"""Letters in the app: choose a letter that fits, complete the details it still needs, look at it,
then print it or save it as a PDF. The letter is recorded in the household's history.

Three steps, GOV.UK style (one thing per page, "Continue" bottom left, errors summarised at the top
with the question's own words). The preview shows the real PDF's pages (see letters_pages), so
what is on screen is exactly what prints. Details typed here are saved with the household, so they
are not asked for again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget,
)

from kinship_app.i18n import _, format_date, get_language
from kinship_app.result import Assessment
from ui import widgets
from ui.screens import letters_pages
from ui.screens.households_kit import Panel, clear_layout, field_label, scroll_to_top, set_field_label
from ui.screens.letters_details import DetailsForm

# Details the store keeps on the household's own records rather than in the child's "people".
_CARER_FIELDS = {"carer.name": "name", "carer.address": "address", "carer.phone": "phone", "carer.email": "email"}
_CHILD_FIELDS = {"child.name": "name", "child.date_of_birth": "date_of_birth", "order_date": "order_date"}
PREVIEW_DPI = 110
PRINT_DPI_MAX = 300


class LettersPanel(Panel):
    """The three steps, one shown at a time. ``store`` is a callable giving the open store, or None
    to work on a case held in memory (a quick check that saves nothing)."""

    letter_recorded = Signal(str)  # letter id

    def __init__(self, today: Callable[[], dt.date], ops, store: Callable[[], Any] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._store, self._today, self._ops = store, today, ops
        self.household: Any = None
        self.child_id: int | None = None
        self.case: Any = None
        self.assessment: Assessment | None = None
        self.assessed_on: dt.date | None = None
        self.letters: list[Any] = []
        self.letter: Any = None
        self.content: Any = None
        self.pdf: bytes | None = None
        self.recorded = False
        self._latest: dict[int, Any] = {}
        self._cases: dict[int, Any] = {}
        self._estimates: dict[int, Any] = {}  # child id -> current saved allowance estimate
        self._offered: set[tuple] = set()

        self.choose = _ChoosePage(self)
        self.details = _DetailsPage(self)
        self.preview = _PreviewPage(self)
        for page in (self.choose, self.details, self.preview):
            self.body.addWidget(page)
        self.current: QWidget = self.choose
        self.show_step(self.choose)
        # Ctrl+P is the main window's (it calls the screen's print_()); Ctrl+S is ours.
        QShortcut(QKeySequence.StandardKey.Save, self.preview, activated=self.save_pdf,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.retranslate_ui()

    def show_step(self, step: QWidget) -> None:
        self.current = step
        for page in (self.choose, self.details, self.preview):
            page.setVisible(page is step)
        scroll_to_top(self)

    # -- what the letters are about ------------------------------------------------------------

    def set_household(self, record, child_id: int | None, latest_runs: dict[int, Any] | None = None,
                      cases: dict[int, Any] | None = None) -> None:
        """Letters for a saved household's child, from the child's latest check (``latest_runs``) and
        the child's case as the store assembles it now (``cases``, with the letter details)."""
        latest = latest_runs or {}
        self._cases = cases or {}
        if record is None:
            self._estimates = {}
        same = (record is not None and self.household is not None and record.id == self.household.id
                and child_id == self.child_id)
        run_before, run_now = self._latest.get(child_id), latest.get(child_id)
        self.household, self._latest = record, latest
        if same and getattr(run_before, "id", None) == getattr(run_now, "id", None):
            return  # the household was saved (details, a letter): stay at the step the person is on
        self.choose.set_children(record.children if record is not None else ())
        self._select_child(child_id)

    def set_estimates(self, estimates: dict[int, Any]) -> None:
        """Each child's current saved allowance estimate (an EstimateRecord), for "How I worked this
        out" in the allowance letter; the choice is offered only for a child who has one."""
        self._estimates = dict(estimates)

    def _estimate(self) -> dict[str, Any] | None:
        record = self._estimates.get(self.child_id) if self.household is not None else None
        return None if record is None else {"as_of": record.as_of.isoformat(), "result": record.result}

    def _required_details(self, letter_id: str) -> list[Any]:
        from kinship_app import letters
        from kinship_app.letters.council import HOW_WORKED_OUT

        details = letters.required_details(letter_id, self.case)
        if self._estimate() is None:
            details = [d for d in details if d.path != HOW_WORKED_OUT]
        return details

    def set_case(self, case, assessment: Assessment | None) -> None:
        """Letters for a case held only in memory (nothing is saved); None to forget it."""
        self.household, self._latest, self.child_id, self._estimates = None, {}, None, {}
        self.case, self.assessment = case, assessment
        self.assessed_on = assessment.as_of if assessment is not None else None
        self.choose.set_children(())
        self._restart()

    def _select_child(self, child_id: int | None) -> None:
        self.child_id = child_id
        self.case = self.assessment = self.assessed_on = None
        run = self._latest.get(child_id) if child_id is not None else None
        if run is not None:
            self.assessment = Assessment.from_json(run.result)
            self.assessed_on = run.as_of
            self.case = self._cases[child_id]
        self._restart()

    def _restart(self) -> None:
        self.letters = []
        if self.assessment is not None:
            from kinship_app import letters

            self.letters = letters.available_letters(self.case, self.assessment)
        self.letter = self.content = self.pdf = None
        # A letter made before (names, addresses) must not stay in the widgets behind.
        self.details.form.set_details([], {})
        self.preview.forget()
        self.choose.show_letters()
        self.show_step(self.choose)

    def retranslate_ui(self) -> None:
        for page in (self.choose, self.details, self.preview):
            page.retranslate_ui()
        if self.assessment is not None and self.current is self.choose:
            self._restart()

    # -- steps ---------------------------------------------------------------------------------

    def choose_letter(self, letter_id: str) -> None:
        self.letter = next(info for info in self.letters if info.id == letter_id)
        missing = [d for d in self._required_details(letter_id) if d.missing]
        # Asked once: the optional details too, the first time; after that only what the letter
        # cannot be made without ("Change the details" on the letter reopens them all).
        key = (getattr(self.household, "id", None), self.child_id, letter_id)
        if any(d.required for d in missing) or (missing and key not in self._offered):
            self._offered.add(key)
            self.ask_details(missing)
        else:
            self.make_letter()

    def ask_details(self, details=None) -> None:
        if details is None:
            details = self._required_details(self.letter.id)
        self.details.ask(details, self.case.people)
        self.show_step(self.details)
        self.details.focus_first()

    def give_details(self, values: dict[str, Any]) -> None:
        from kinship_app import letters

        people = dict(self.case.people)
        for path, value in values.items():
            people = letters.set_detail(people, path, value)
        if self.household is not None:
            household_id, child_id, store = self.household.id, self.child_id, self._store
            self._ops.run(lambda: _save_details(store(), household_id, child_id, values), self._saved_details,
                          changes="household")
        else:
            from kinship_app.case import parse_case

            data = self.case.to_dict()
            data["people"] = people
            self._have_case(parse_case(data))

    def _have_case(self, case) -> None:
        self.case = case
        self.make_letter()

    def _saved_details(self, saved) -> None:
        household, case = saved
        if self.household is None or household.id != self.household.id:
            return  # the page moved on to another household meanwhile
        self.household = household
        self._have_case(case)

    def make_letter(self) -> None:
        """Build the letter and its PDF off the UI thread (letters take their language explicitly,
        ``i18n.using``, so a language change here cannot reach a render under way), then show it; the
        page pictures are drawn off the UI thread too."""
        from kinship_app import letters

        letter, case, assessment = self.letter, self.case, self.assessment
        today, language, estimate = self._today(), get_language(), self._estimate()

        def work():
            content = letters.build_letter(letter.id, case, assessment, today, language=language, estimate=estimate)
            return content, letters.render_pdf_bytes(content)

        def failed(exc: Exception) -> None:
            if not isinstance(exc, letters.LetterError):
                self._ops.report(exc)
                return
            if self.letter is not letter or self.case is not case:
                return  # the page moved on meanwhile
            # A detail that is there but cannot be printed (or went missing): ask again, naming it.
            path = exc.field.removeprefix("people.")
            details = self._required_details(letter.id)
            self.details.ask([d for d in details if d.missing or d.path == path], case.people)
            self.details.show_problem(path, exc.message)
            self.show_step(self.details)

        self._ops.run(work, lambda made: self._show_letter(letter, case, *made), on_error=failed)

    def _show_letter(self, letter, case, content, pdf: bytes) -> None:
        if self.letter is not letter or self.case is not case:
            return  # another letter or child was chosen while this one was being made
        self.content = content
        self.pdf = pdf
        self.recorded = False
        self.preview.show_letter(content, self.pdf)
        self.show_step(self.preview)
        # The main action has the keyboard (the pages are the print preview); Ctrl+S saves.
        self.preview.print_button.setFocus()

        def drawn(images) -> None:
            if self.pdf is pdf and self.current is self.preview:  # still the letter on screen
                self.preview.show_pages(content, images)

        self._ops.run(lambda: _page_pictures(pdf, PREVIEW_DPI), drawn)

    # -- print, save and record ---------------------------------------------------------------

    def print_letter(self) -> bool:
        if self.pdf is None:
            return False
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.content.title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print the letter"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        if not letters_pages.can_render():
            QMessageBox.warning(self, _("The letter cannot be printed from here"), _(
                "This computer does not have the tool that draws PDF pages (poppler's pdftoppm). Save the "
                "letter as a PDF and print it from your PDF reader instead."))
            return False
        dpi = min(printer.resolution(), PRINT_DPI_MAX)
        pdf = self.pdf

        def send(images) -> None:
            # Painting on the printer is Qt's, on the UI thread; drawing the pages was not.
            letters_pages.print_pages(printer, images)
            self.preview.say(_("The letter was sent to the printer."))
            self._record()

        self.preview.say(_("Getting the letter ready for the printer…"))
        self._ops.run(lambda: letters_pages.render_pages(pdf, dpi), send,
                      on_error=lambda exc: (self.preview.say(""), self._ops.report(exc)))
        return True

    def save_pdf(self) -> bool:
        if self.pdf is None:
            return False
        reference = self.household.reference + "-" if self.household is not None else ""
        name = f"{reference}{self.content.our_reference}.pdf"
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the letter as a PDF"),
                                                    str(Path.home() / name), _("PDF files (*.pdf)"))
        if not path:
            return False
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        pdf = self.pdf

        def write():
            from PySide6.QtCore import QSaveFile

            out = QSaveFile(path)
            if not out.open(QSaveFile.OpenModeFlag.WriteOnly) or out.write(pdf) < 0 or not out.commit():
                raise OSError(_("The letter could not be saved to {path}: {error}").format(
                    path=path, error=out.errorString()))

        def saved(_none) -> None:
            self.preview.say(_("The letter was saved to {path}.").format(path=path))
            self._record()

        self._ops.run(write, saved)
        return True

    def _record(self) -> None:
        """Once per letter made: printing it and saving it too is still one letter sent."""
        if self.recorded or self.household is None:
            return
        content, household, child_id = self.content, self.household, self.child_id
        recipient = content.recipient.name if content.recipient else ""

        def record():
            return self._store().record_letter(household.id, content.letter_id, issued_on=content.date,
                                               recipient=recipient, child_id=child_id, note=content.subject)

        def done(_letter):
            self.letter_recorded.emit(content.letter_id)

        def failed(error: Exception) -> None:
            if self.content is content:
                self.recorded = False  # not in the history after all: the next print or save tries again
            self._ops.report(error)

        self.recorded = True  # at once: printing and then saving straight away is still one letter
        self._ops.run(record, done, on_error=failed, changes="household")


def _save_details(store, household_id: int, child_id: int, values: dict[str, Any]):
    """Keep what was typed with the household (carer and child on their records, the rest in the
    child's letter details), then read the household and the case back as the store assembles them.
    Runs off the UI thread."""
    from kinship_app import letters
    from kinship_app.store import CarerRecord, ChildRecord

    record = store.get_household(household_id)
    carers = list(record.carers) or [CarerRecord(name="")]
    carer = carers[0]
    children = list(record.children)
    index = next(i for i, c in enumerate(children) if c.id == child_id)
    child = children[index]
    people = dict(child.people)
    carer_changes: dict[str, Any] = {}
    child_changes: dict[str, Any] = {}
    for path, value in values.items():
        if path in _CARER_FIELDS:
            carer_changes[_CARER_FIELDS[path]] = tuple(value) if path == "carer.address" else value
        elif path in _CHILD_FIELDS:
            key = _CHILD_FIELDS[path]
            child_changes[key] = dt.date.fromisoformat(value) if key != "name" else value
        else:
            people = letters.set_detail(people, path, value)
    carers[0] = CarerRecord(**{**_fields(carer), **carer_changes})
    children[index] = ChildRecord(**{**_fields(child), **child_changes, "people": people})
    store.update_household(record.id, carers=carers, children=children, expected_version=record.version)
    return store.get_household(record.id), store.case_for(child_id)


def _page_pictures(pdf: bytes, dpi: int) -> list[Any]:
    """The letter's pages as QImages (safe off the UI thread, unlike QPixmap), or [] where they
    cannot be drawn on this computer: the preview then shows the letter's words."""
    if not letters_pages.can_render():
        return []
    try:
        return letters_pages.render_pages(pdf, dpi)
    except letters_pages.PageRenderError:
        return []


def _fields(record) -> dict[str, Any]:
    import dataclasses

    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}


class _ChoosePage(Panel):
    def __init__(self, screen: LettersPanel):
        super().__init__()
        self.screen = screen
        self.title = widgets.heading()
        self.child_box = QComboBox()
        self.child_label = field_label("", self.child_box)
        self.intro = widgets.label()
        self.errors = widgets.ErrorSummary()
        self.choices_holder = QVBoxLayout()
        self.go = widgets.button(role="primary", on_click=self._continue)
        for w in (self.title, self.errors, self.child_label, self.child_box, self.intro):
            self.body.addWidget(w)
        self.body.addLayout(self.choices_holder)
        self.body.addWidget(self.go)
        self.finish()
        self.choices: widgets.ChoiceList | None = None
        self.child_box.activated.connect(lambda i: screen._select_child(self.child_box.itemData(i)))

    def retranslate_ui(self) -> None:
        self.title.setText(_("Letters"))
        self.title.setAccessibleName(self.title.text())
        set_field_label(self.child_label, _("Which child is the letter about?"))
        widgets.set_button_text(self.go, _("Continue"))

    def set_children(self, children) -> None:
        self.child_box.blockSignals(True)
        self.child_box.clear()
        for child in children:
            self.child_box.addItem(child.name or _("Child {n}").format(n=self.child_box.count() + 1), child.id)
        self.child_box.blockSignals(False)
        many = len(children) > 1
        self.child_label.setVisible(many)
        self.child_box.setVisible(many)

    def show_letters(self) -> None:
        s = self.screen
        i = self.child_box.findData(s.child_id)
        if i >= 0:
            self.child_box.setCurrentIndex(i)
        self.errors.clear()
        if self.choices is not None:
            self.choices.hide()
            self.choices.deleteLater()
            self.choices = None
        if s.assessment is None:
            self.intro.setText(
                _("Letters are chosen from the result of the check. Do the check for this child first "
                  "(Overview, then Start the check).") if s.household is not None else
                _("Letters are chosen from the result of a check. Do a check first, or open a saved household "
                  "and choose Letters there."))
            self.go.hide()
            return
        if not s.letters:
            self.intro.setText(_("From the check on {date}, no letter fits yet.").format(
                date=format_date(s.assessed_on)))
            self.go.hide()
            return
        self.intro.setText(_("These letters fit, from the check for {date}. Choose one.").format(
            date=format_date(s.assessed_on)))
        self.choices = widgets.ChoiceList()
        for info in s.letters:
            self.choices.add_choice(info.id, info.title, info.why)
        self.choices_holder.addWidget(self.choices)
        self.go.show()
        # Tab in reading order: the letters (made afresh each time) come before Continue.
        widgets.tab_chain([self.child_box, *[row.radio for row in self.choices.rows.values()], self.go])

    def _continue(self) -> None:
        chosen = self.choices.value() if self.choices else None
        if chosen is None:
            self.errors.show_errors([(_("Select the letter you want to make"), self.choices.first_radio())])
            return
        self.errors.clear()
        self.screen.choose_letter(chosen)


class _DetailsPage(Panel):
    def __init__(self, screen: LettersPanel):
        super().__init__()
        self.screen = screen
        self.back = widgets.button(role="link", on_click=lambda: screen.show_step(screen.choose))
        self.title = widgets.heading()
        self.errors = widgets.ErrorSummary()
        self.intro = widgets.label()
        self.form = DetailsForm()
        self.go = widgets.button(role="primary", on_click=self._continue)
        for w in (self.back, self.title, self.errors, self.intro, self.form, self.go):
            self.body.addWidget(w)
        self.finish()

    def retranslate_ui(self) -> None:
        widgets.set_button_text(self.back, _("Back"))
        widgets.set_button_text(self.go, _("Continue"))
        self.title.setText(_("Complete the details"))
        self.title.setAccessibleName(self.title.text())

    def ask(self, details, people: dict[str, Any]) -> None:
        from kinship_app.letters.people import get_raw

        self.errors.clear()
        letter = self.screen.letter
        self.title.setText(_("{letter}: the details it needs").format(letter=letter.title))
        self.title.setAccessibleName(self.title.text())
        saved = self.screen.household is not None
        self.intro.setText(_("Fill these in and the letter will be made. You can leave the ones marked "
                             "(optional) empty.") + " " + (
            _("They are saved with the household, so you will not be asked again.") if saved
            else _("They are used for this letter only and are not saved.")))
        self.form.set_details(details, {d.path: get_raw(people, d.path) for d in details})
        # Reading order for Tab (the fields are made after Continue), and Enter in a one-line box
        # means Continue, as on every other page.
        widgets.tab_chain([self.back, *[w for f in self.form.fields for w in widgets.focusables(f)], self.go])
        for f in self.form.fields:
            for edit in f.findChildren(QLineEdit):
                edit.returnPressed.connect(self._continue)

    def focus_first(self) -> None:
        if self.form.fields:
            self.form.fields[0].focus_widget().setFocus()
        else:
            self.go.setFocus()

    def show_problem(self, path: str, message: str) -> None:
        target = self.form.show_error(path, message)
        self.errors.show_errors([(message, target)])

    def _continue(self) -> None:
        problems = self.form.problems()
        if problems:
            self.errors.show_errors(problems)
            return
        self.errors.clear()
        self.screen.give_details(self.form.values())


class _PreviewPage(Panel):
    def __init__(self, screen: LettersPanel):
        super().__init__()
        self.screen = screen
        self.title = widgets.heading()
        self.advice = widgets.Card("panel")
        self.advice_text = self.advice.add(widgets.label())
        self.buttons = widgets.FlowLayout()
        self.print_button = widgets.button(role="primary", on_click=screen.print_letter)
        self.save_button = widgets.button(on_click=screen.save_pdf)
        self.change = widgets.button(on_click=lambda: screen.ask_details())
        self.another = widgets.button(on_click=lambda: screen.show_step(screen.choose))
        for b in (self.print_button, self.save_button, self.change, self.another):
            self.buttons.addWidget(b)
        self.done = widgets.label()
        self.done.setAccessibleName("")
        self.pages_title = widgets.heading(level=2)
        self.pages = QVBoxLayout()
        self.pages.setSpacing(16)
        for w in (self.title, self.advice):
            self.body.addWidget(w)
        self.body.addLayout(self.buttons)
        self.body.addWidget(self.done)
        self.body.addWidget(self.pages_title)
        self.body.addLayout(self.pages)
        self.finish()
        self._images: list[Any] = []

    def retranslate_ui(self) -> None:
        widgets.set_button_text(self.print_button, _("Print…"), _("Ctrl+P"))
        widgets.set_button_text(self.save_button, _("Save as PDF…"), _("Ctrl+S"))
        widgets.set_button_text(self.change, _("Change the details"))
        widgets.set_button_text(self.another, _("Choose another letter"))
        self.pages_title.setText(_("How the letter looks"))

    def forget(self) -> None:
        self.title.clear()
        self.say("")
        clear_layout(self.pages)
        self._images = []

    def say(self, text: str) -> None:
        self.done.setText(text)
        self.done.setVisible(bool(text))

    def show_letter(self, content, pdf: bytes) -> None:
        """The letter's title and buttons at once; its pages follow (``show_pages``) once drawn."""
        self.title.setText(content.title)
        self.title.setAccessibleName(content.title)
        advice = list(self.screen.letter.advice) if self.screen.letter else []
        self.advice_text.setText("\n".join(advice))
        self.advice.setVisible(bool(advice))
        self.say("")
        clear_layout(self.pages)
        self._images = []
        self.pages.addWidget(widgets.label(_("Drawing the pages…"), "hint"))

    def show_pages(self, content, images: list[Any]) -> None:
        clear_layout(self.pages)
        self._images = list(images)
        if not self._images:
            # No page pictures on this computer: show the letter's words, and say so.
            self.pages.addWidget(widgets.label(_("The page pictures cannot be shown on this computer. This is the "
                                                 "text of the letter; the PDF and the print keep its layout."),
                                               "hint"))
            self.pages.addWidget(widgets.label(content.plain_text()))
            return
        for number, image in enumerate(self._images, start=1):
            page = _PageImage(image)
            page.setAccessibleName(_("Page {n} of {total}").format(n=number, total=len(self._images)))
            page.setAccessibleDescription(content.plain_text() if number == 1 else "")
            self.pages.addWidget(page)


class _PageImage(QLabel):
    """One page of the letter, scaled to the width available (never wider: no sideways scrolling)."""

    def __init__(self, image):
        super().__init__()
        self._pixmap = QPixmap.fromImage(image)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFrameShape(QLabel.Shape.Box)
        self.setMinimumWidth(1)
        self.setMaximumWidth(self._pixmap.width() + 2 * self.frameWidth())
        self.setSizePolicy(self.sizePolicy().horizontalPolicy(), self.sizePolicy().verticalPolicy())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        w = min(width - 2 * self.frameWidth(), self._pixmap.width())
        return round(self._pixmap.height() * w / max(1, self._pixmap.width())) + 2 * self.frameWidth()

    def sizeHint(self):  # noqa: N802 (Qt API)
        return self._pixmap.size()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        w = min(self.contentsRect().width(), self._pixmap.width())
        self.setPixmap(self._pixmap.scaledToWidth(max(1, w), Qt.TransformationMode.SmoothTransformation))
        super().resizeEvent(event)


class LettersScreen(widgets.Page):
    """Letters as a screen of its own (``LettersScreen(ctx, ops, window)``, see ui/main_window.py),
    for the check just done without a saved household: nothing typed here is saved."""

    def __init__(self, ctx, ops, window=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.window_ = window
        self.panel = LettersPanel(today=ctx.today, ops=ops, store=None)
        self.body.addWidget(self.panel)
        # With no check done, Letters is not a dead end: a button starts one.
        self.start_check = widgets.button(role="primary", on_click=self._start_check)
        self.start_check.setObjectName("letters_start_check")
        self.panel.choose.body.insertWidget(self.panel.choose.body.indexOf(self.panel.choose.intro) + 1,
                                            self.start_check)
        widgets.set_button_text(self.start_check, _("Start a check"))
        self._shown_for: Any = None
        self.setAccessibleName(_("Letters"))

    def title(self) -> str:
        return _("Letters")

    def on_shown(self) -> None:
        self._follow_check()
        no_check = self.panel.assessment is None
        self.start_check.setVisible(no_check)
        if no_check:
            self.start_check.setFocus()
        elif self.panel.choose.choices is not None:
            self.panel.choose.choices.focus_first()
        else:
            self.panel.choose.title.setFocus()

    def _follow_check(self) -> None:
        check = self.window_.built_screens().get("check") if self.window_ is not None else None
        # The check's one result: the case it was assessed from (for a saved household, with the
        # letter details) and the assessment on its screen (for a household, the stored run).
        result = getattr(check, "result", None)
        assessment = result.assessment if result is not None else None
        if assessment is not None and assessment is not self._shown_for:
            self._shown_for = assessment
            self.panel.set_case(result.case, assessment)
        elif assessment is None and self._shown_for is not None:
            self._shown_for = None  # the check was started again: its letters go with it
            self.panel.set_case(None, None)
        elif assessment is None:
            self.panel.set_case(None, None)

    def open_letter(self, letter_id: str) -> None:
        """Open one letter for the check just done (from a button on the result)."""
        self._follow_check()
        if any(info.id == letter_id for info in self.panel.letters):
            self.panel.choose_letter(letter_id)
            if self.panel.current is self.panel.preview:
                self.panel.preview.print_button.setFocus()

    def _start_check(self) -> None:
        if self.window_ is not None:
            self.window_.start_check()

    def print_(self) -> None:
        if self.panel.current is self.panel.preview:
            self.panel.print_letter()

    def clear_sensitive(self) -> None:
        self._shown_for = None
        self.panel.set_case(None, None)

    def retranslate_ui(self) -> None:
        self.panel.retranslate_ui()
        widgets.set_button_text(self.start_check, _("Start a check"))
        self.setAccessibleName(_("Letters"))
