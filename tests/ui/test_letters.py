"""Letters in the app: choose one that fits, complete the missing details in a form, see the real
pages, print or save as PDF, and find the letter in the household's history. Only the operating
system's file and print dialogs are replaced."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel
from test_households_helpers import (  # noqa: F401 (fixtures)
    TODAY, button, click, household, layout_problems, nameless_focusable, ops, settle, store, text_size,
    visible_text,
)

from ui.screens import letters_pages
from ui.screens.households import HouseholdsScreen

needs_pdftoppm = pytest.mark.skipif(not letters_pages.can_render(), reason="poppler's pdftoppm is not installed")


@pytest.fixture
def screen(qtbot, ctx, ops, household):
    w = HouseholdsScreen(ctx, ops)
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    w.open_household(household.id)
    click(qtbot, w.view.section_button("letters"))
    return w


def print_dialog(person):
    """Stands in for the operating system's print dialog: ``person(printer)`` chooses and answers."""
    class PrintDialog:
        def __init__(self, printer, parent=None):
            self.printer = printer

        def setWindowTitle(self, title):  # noqa: N802 (Qt API)
            pass

        def exec(self):
            return person(self.printer)

    return PrintDialog


def choose(qtbot, screen, title: str) -> None:
    panel = screen.letters
    row = next(r for r in panel.choose.choices.rows.values() if r.text.text() == title)
    click(qtbot, row.radio)
    click(qtbot, panel.choose.go)


def type_lines(qtbot, box, lines) -> None:
    for number, line in enumerate(lines):
        if number:
            qtbot.keyClick(box, Qt.Key.Key_Return)
        qtbot.keyClicks(box, line)


def fill_sg_details(qtbot, panel) -> None:
    form = panel.details.form
    type_lines(qtbot, form.field("council.address").edit, ["Civic Hall", "Leeds", "LS1 1UR"])
    day, month, year = form.field("order_date").boxes
    qtbot.keyClicks(day, "2")
    qtbot.keyClicks(month, "9")
    qtbot.keyClicks(year, "2024")


def test_only_letters_that_fit_are_offered(qtbot, screen, store, household):
    from kinship_app import letters

    child = household.children[0]
    fitting = letters.available_letters(store.case_for(child.id), store.history(child.id)[0].assessment)
    text = visible_text(screen)
    assert "These letters fit, from the check for 22 November 2026. Choose one." in text
    for info in fitting:
        assert info.title in text and info.why in text
    assert "Tell the council about a private fostering arrangement" not in text


def test_continue_without_a_choice_says_what_to_do(qtbot, screen):
    click(qtbot, screen.letters.choose.go)
    assert "Select the letter you want to make" in visible_text(screen)


def test_missing_details_are_asked_for_before_the_letter_is_made(qtbot, screen, store, household):
    panel = screen.letters
    choose(qtbot, screen, "Ask for a special guardianship support assessment")
    assert panel.current is panel.details
    text = visible_text(screen)
    assert "Ask for a special guardianship support assessment: the details it needs" in text
    assert "The date the court made the order" in text
    click(qtbot, panel.details.go)
    text = visible_text(screen)
    assert "There is a problem" in text
    assert panel.content is None  # no letter with a blank in it

    fill_sg_details(qtbot, panel)
    click(qtbot, panel.details.go)
    assert panel.current is panel.preview, visible_text(screen)
    assert panel.content.recipient.lines[-1] == "LS1 1UR"
    # Saved with the household: the order date on the child's record, the address in its details.
    saved = store.get_household(household.id).child(household.children[0].id)
    assert saved.order_date == dt.date(2024, 9, 2)
    assert store.case_for(saved.id).people["council"]["address"][0] == "Civic Hall"
    # Asked once only: choosing the letter again goes straight to the letter.
    click(qtbot, button(screen, "Choose another letter"))
    choose(qtbot, screen, "Ask for a special guardianship support assessment")
    assert panel.current is panel.preview


def test_a_date_that_is_not_real_is_refused(qtbot, screen):
    panel = screen.letters
    choose(qtbot, screen, "Ask for a special guardianship support assessment")
    fill_sg_details(qtbot, panel)
    day = panel.details.form.field("order_date").boxes[0]
    day.clear()
    qtbot.keyClicks(day, "31")
    panel.details.form.field("order_date").boxes[1].clear()
    qtbot.keyClicks(panel.details.form.field("order_date").boxes[1], "2")
    click(qtbot, panel.details.go)
    assert "The date the court made the order must be a real date" in visible_text(screen)
    assert panel.current is panel.details


@needs_pdftoppm
def test_preview_shows_the_real_pages(qtbot, screen):
    panel = screen.letters
    choose(qtbot, screen, "Ask for a special guardianship support assessment")
    fill_sg_details(qtbot, panel)
    click(qtbot, panel.details.go)
    pages = [w for w in panel.preview.findChildren(QLabel) if w.accessibleName().startswith("Page ")]
    assert pages and pages[0].accessibleName() == f"Page 1 of {len(pages)}"
    assert not pages[0].pixmap().isNull()
    # Drawn from the PDF itself: the page is mostly white paper with dark text on it.
    image = pages[0].pixmap().toImage()
    dark = sum(1 for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
               if image.pixelColor(x, y).lightness() < 100)
    assert dark > 50


def test_save_as_pdf_writes_the_letter_and_records_it_once(qtbot, screen, store, household, tmp_path,
                                                           monkeypatch):
    panel = screen.letters
    choose(qtbot, screen, "Ask for a special guardianship support assessment")
    fill_sg_details(qtbot, panel)
    click(qtbot, panel.details.go)
    target = tmp_path / "letter"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF files (*.pdf)"))
    click(qtbot, button(screen, "Save as PDF…"))
    pdf = (tmp_path / "letter.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf == panel.pdf
    assert f"The letter was saved to {tmp_path / 'letter.pdf'}." in visible_text(screen)
    click(qtbot, button(screen, "Save as PDF…"))
    [letter] = store.letters(household.id)
    assert letter.letter_id == "sg_support_assessment" and letter.issued_on == TODAY
    assert letter.recipient == "Children's Services"
    click(qtbot, screen.view.section_button("history"))
    text = visible_text(screen)
    assert "Letter on 22 November 2026" in text
    assert "Ask for a special guardianship support assessment" in text


@needs_pdftoppm
def test_print_sends_every_page_to_the_printer(qtbot, screen, store, household, tmp_path, monkeypatch):
    from PySide6 import QtPrintSupport
    from pypdf import PdfReader

    out = tmp_path / "printed.pdf"

    def choose_pdf(printer):
        printer.setOutputFormat(QtPrintSupport.QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QtPrintSupport, "QPrintDialog", print_dialog(choose_pdf))
    panel = screen.letters
    choose(qtbot, screen, "Ask for a special guardianship support assessment")
    fill_sg_details(qtbot, panel)
    click(qtbot, panel.details.go)
    click(qtbot, button(screen, "Print…"))
    printed = PdfReader(str(out))
    made = PdfReader(io.BytesIO(panel.pdf))
    assert len(printed.pages) == len(made.pages)
    assert "The letter was sent to the printer." in visible_text(screen)
    assert [le.letter_id for le in store.letters(household.id)] == ["sg_support_assessment"]


def test_cancelled_print_records_nothing(qtbot, screen, store, household, monkeypatch):
    from PySide6 import QtPrintSupport

    monkeypatch.setattr(QtPrintSupport, "QPrintDialog", print_dialog(lambda printer: QDialog.DialogCode.Rejected))
    panel = screen.letters
    choose(qtbot, screen, "Ask for a special guardianship support assessment")
    fill_sg_details(qtbot, panel)
    click(qtbot, panel.details.go)
    assert panel.print_letter() is False
    assert store.letters(household.id) == []


def test_summary_for_the_family_needs_no_details(qtbot, screen):
    panel = screen.letters
    choose(qtbot, screen, "A summary of what you can get, to keep")
    assert panel.current is panel.preview
    assert "Margaret Ellis" in panel.content.plain_text()


def test_quick_check_letters_save_nothing(qtbot, ctx, ops, tmp_path):
    from kinship_app.assess import assess
    from kinship_app.case import parse_case

    from ui.screens.letters import LettersPanel
    from test_households_helpers import SGO_FACTS

    panel = LettersPanel(today=ctx.today, ops=ops, store=None)
    qtbot.addWidget(panel)
    panel.show()
    case = parse_case(SGO_FACTS)
    panel.set_case(case, assess(case, TODAY))
    row = next(r for r in panel.choose.choices.rows.values()
               if r.text.text() == "Ask for a special guardianship support assessment")
    click(qtbot, row.radio)
    click(qtbot, panel.choose.go)
    assert "They are used for this letter only and are not saved." in visible_text(panel)
    form = panel.details.form
    qtbot.keyClicks(form.field("carer.name").edit, "Margaret Ellis")
    type_lines(qtbot, form.field("carer.address").edit, ["12 Mill Lane", "Leeds"])
    qtbot.keyClicks(form.field("child.name").edit, "Ellis Ward")
    for box, text in zip(form.field("child.date_of_birth").boxes, ("27", "3", "2017")):
        qtbot.keyClicks(box, text)
    fill_sg_details(qtbot, panel)
    click(qtbot, panel.details.go)
    assert panel.current is panel.preview, visible_text(panel)
    assert panel.content.sender.name == "Margaret Ellis"
    assert not (ctx.data_dir / "kinship.sqlite3").exists()


def test_every_control_has_a_name_and_fits_at_double_size(qtbot, screen, text_size):
    panel = screen.letters
    assert nameless_focusable(screen) == []
    choose(qtbot, screen, "Ask for a special guardianship support assessment")
    assert nameless_focusable(screen) == []
    text_size(200)
    screen.resize(1280, 720)
    qtbot.wait(10)
    assert layout_problems(screen) == []
    fill_sg_details(qtbot, panel)
    click(qtbot, panel.details.go)
    qtbot.wait(10)
    assert nameless_focusable(screen) == []
    assert layout_problems(screen) == []


def test_letters_screen_uses_the_quick_check_just_done(qtbot, window, ctx):
    from check_driver import run_check, see_result

    screen = window.show_screen("letters")
    assert "Do a check first, or open a saved household" in visible_text(screen)
    run_check(qtbot, window, {"relationship": "grandparent", "living": "28_plus", "age": 9,
                              "order": "special_guardianship_order", "looked_after_before": "yes",
                              "parents": "none", "council": "E08000035"})
    see_result(qtbot, window)
    screen = window.show_screen("letters")
    text = visible_text(screen)
    assert "Ask for a special guardianship support assessment" in text
    assert "A summary of what you can get, to keep" in text
    assert not (ctx.data_dir / "kinship.sqlite3").exists()


def test_ctrl_p_in_the_main_window_prints_the_letter_shown(qtbot, window, ctx, household, monkeypatch):
    from PySide6 import QtPrintSupport

    opened = []
    monkeypatch.setattr(QtPrintSupport, "QPrintDialog",
                        print_dialog(lambda printer: opened.append(printer) or QDialog.DialogCode.Rejected))
    screen = window.show_screen("households")
    screen.open_household(household.id)
    click(qtbot, screen.view.section_button("letters"))
    choose(qtbot, screen, "A summary of what you can get, to keep")
    screen.letters.preview.title.setFocus()
    qtbot.keyClick(screen.letters.preview.title, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1


def test_ctrl_s_saves_the_letter_shown(qtbot, screen, tmp_path, monkeypatch):
    target = tmp_path / "by-keyboard.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    choose(qtbot, screen, "A summary of what you can get, to keep")
    qtbot.keyClick(screen.letters.preview.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)  # written off the UI thread
    assert target.read_bytes() == screen.letters.pdf


def test_letters_are_for_the_child_chosen(qtbot, ctx, ops, store):
    from kinship_app.store import CarerRecord, ChildRecord
    from test_households_helpers import SGO_FACTS

    record = store.create_household(council="E08000035", carers=[CarerRecord(name="Jo Ward")],
                                    children=[ChildRecord(name="Amy"), ChildRecord(name="Ben", facts=SGO_FACTS)])
    store.reassess(record.children[1].id, TODAY)
    w = HouseholdsScreen(ctx, ops)
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    w.open_household(record.id)
    click(qtbot, w.view.section_button("letters"))
    assert "Do the check for this child first" in visible_text(w)
    box = w.letters.choose.child_box
    assert [box.itemText(i) for i in range(box.count())] == ["Amy", "Ben"]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert "Ask for a special guardianship support assessment" in visible_text(w)
    w.reload()
    assert w.letters.child_id == record.children[1].id


def test_hide_this_screen_leaves_no_letter_behind(qtbot, screen, household):
    from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit

    choose(qtbot, screen, "Ask for a special guardianship support assessment")
    fill_sg_details(qtbot, screen.letters)
    click(qtbot, screen.letters.details.go)
    screen.clear_sensitive()
    qtbot.wait(10)
    words = [w.text() + w.accessibleDescription() for kind in (QLabel, QLineEdit) for w in screen.findChildren(kind)]
    words += [w.toPlainText() for w in screen.findChildren(QPlainTextEdit)]
    assert not [w for w in words if "Margaret" in w or "Civic Hall" in w]


def test_without_pdftoppm_the_preview_says_so_and_shows_the_words(qtbot, screen, monkeypatch):
    monkeypatch.setattr(letters_pages, "can_render", lambda: False)
    choose(qtbot, screen, "A summary of what you can get, to keep")
    text = visible_text(screen)
    assert "The page pictures cannot be shown on this computer." in text
    assert screen.letters.content.subject in text
    assert not [w for w in screen.letters.preview.findChildren(QLabel) if w.accessibleName().startswith("Page ")]


@pytest.mark.parametrize("choice,said,not_said", [
    ("They and them", "I am asking for your advice about their education.", "Ellis's education"),
    ("She and her", "I am asking for your advice about her education.", "Ellis's education"),
    ("He and him", "I am asking for your advice about his education.", "Ellis's education"),
    ("Only by their name", "I am asking for your advice about Ellis's education.", "about her education"),
])
def test_the_family_chooses_how_letters_refer_to_the_child(qtbot, screen, store, household, choice, said, not_said):
    panel = screen.letters
    choose(qtbot, screen, "Ask the Virtual School Head for advice")
    assert panel.current is panel.details
    text = visible_text(screen)
    assert "How letters refer to the child after naming them (optional)" in text
    assert "If you do not choose, they keep to the name." in text
    field = panel.details.form.field("child.pronouns")
    row = next(r for r in field.choices.rows.values() if r.text.text() == choice)
    click(qtbot, row.radio)
    form = panel.details.form
    if form.field("virtual_school.address") and form.field("virtual_school.address").required:
        type_lines(qtbot, form.field("virtual_school.address").edit, ["Merrion House", "Leeds", "LS2 8DT"])
    if form.field("order_date") and not form.field("order_date").boxes[2].text():
        for box, typed in zip(form.field("order_date").boxes, ("2", "9", "2024")):
            qtbot.keyClicks(box, typed)
    click(qtbot, panel.details.go)
    qtbot.waitUntil(lambda: panel.current is panel.preview, timeout=5000)
    letter = panel.content.plain_text()
    assert said in letter and not_said not in letter
    assert letter.count("Ellis Ward") == 2  # named in full once in the body, and in the subject
    # Kept with the household: asked once, and the same letter again says it the same way.
    code = {"They and them": "they", "She and her": "she", "He and him": "he", "Only by their name": "name"}[choice]
    child = household.children[0]
    assert store.case_for(child.id).people["child"].get("pronouns") == code
    click(qtbot, button(screen, "Change the details"))
    assert panel.details.form.field("child.pronouns").value() == code
