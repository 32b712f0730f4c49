"""The result page renders the Assessment: amounts with period, dates and checks; print and PDF."""

import datetime as dt
import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel

from kinship_app.i18n import format_date, format_money

from check_driver import check_screen, run_check, see_result

LEEDS = "E08000035"
SGO = {"relationship": "grandparent", "living": "28_plus", "age": 9, "order": "special_guardianship_order",
       "looked_after_before": "yes", "parents": "none", "council": LEEDS}
PRIVATE_FOSTERING = {"relationship": "friend_of_family", "living": "under_28_lasting", "age": 9, "order": "none",
                     "services": "family", "parents": "none", "council": LEEDS}


def texts(widget):
    return [l.text() for l in widget.findChildren(QLabel) if l.isVisibleTo(widget)]


def test_each_entitlement_card_shows_amount_period_dates_why_and_next_step(qtbot, window):
    run_check(qtbot, window, SGO)
    results = see_result(qtbot, window)
    a = results.shown()
    with_amount = [e for e in a.entitlements if e.amount is not None]
    assert with_amount, "expected at least Child Benefit with an amount"
    for ent in a.entitlements:
        card = results.findChild(QFrame, f"entitlement_{ent.code}")
        assert card is not None, ent.code
        assert ent.why not in "\n".join(texts(card))  # closed until opened
        qtbot.mouseClick(card.toggle, Qt.MouseButton.LeftButton)
        shown = "\n".join(texts(card))
        assert ent.title in shown and ent.why in shown and ent.next_step in shown
        if ent.amount is not None:
            amount = ent.amount
            assert format_money(amount.value) in shown
            assert {"week": "a week", "month": "a month", "year": "a year", "once": "once"}[amount.period] in shown
            if amount.valid_to:
                assert f"For {format_date(amount.valid_from)} to {format_date(amount.valid_to)}" in shown
            if amount.checked_on:
                assert f"Checked on {format_date(amount.checked_on)}" in shown
    cb = results.findChild(QFrame, "entitlement_child_benefit")
    shown = "\n".join(texts(cb))
    assert "Source:" not in shown  # sources are in one details section
    assert "a week (about £" in shown and "a month)" in shown  # weekly figures also as a month
    assert "For 6 April 2026 to 5 April 2027" in shown


def test_the_reasons_name_the_deciding_answers_and_the_sources_are_in_one_place(qtbot, window):
    run_check(qtbot, window, SGO)
    results = see_result(qtbot, window)
    shown = "\n".join(texts(results))
    assert "Because you told us…" in shown
    for reason in results.shown().reasons:
        assert reason.text in shown
        assert reason.source not in shown  # no source line under every bullet
    qtbot.mouseClick(results.sources_box.toggle, Qt.MouseButton.LeftButton)
    sources = "\n".join(texts(results.sources_box))
    for reason in results.assessment.reasons:
        assert reason.source in sources
    for ent in results.assessment.entitlements:
        assert ent.source in sources


def test_a_flag_is_a_prominent_warning_with_its_deadline(qtbot, window):
    run_check(qtbot, window, PRIVATE_FOSTERING)
    results = see_result(qtbot, window)
    a = results.assessment
    assert "private_fostering_notification" in a.flags
    card = results.findChild(QFrame, "flag_private_fostering_notification")
    assert card is not None and card.property("role") == "warning"
    shown = "\n".join(texts(results))
    dated = [x for x in results.shown().actions if x.due]
    assert dated, "private fostering should give a dated action"
    assert dated[0].text in shown
    for action in dated:
        assert f"by {format_date(action.due)}" in shown


def test_a_date_past_the_confirmed_rates_says_so_on_the_card(qtbot, window, ctx):
    ctx.today = lambda: dt.date(2028, 6, 1)
    run_check(qtbot, window, SGO)
    results = see_result(qtbot, window)
    unconfirmed = [e for e in results.assessment.entitlements if e.amount is not None and not e.amount.confirmed]
    assert unconfirmed
    for ent in unconfirmed:
        card = results.findChild(QFrame, f"entitlement_{ent.code}")
        # Seen before the card is opened.
        assert any("Not confirmed for this year — check before relying on it" in t for t in texts(card))


def test_save_as_pdf_through_the_native_dialog(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog
    from pypdf import PdfReader

    target = tmp_path / "out" / "result"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    run_check(qtbot, window, SGO)
    results = see_result(qtbot, window)
    qtbot.mouseClick(results.pdf_button, Qt.MouseButton.LeftButton)
    pdf = target.with_suffix(".pdf")
    assert pdf.exists() and list(target.parent.iterdir()) == [pdf]  # no temporary file left
    # NFKC turns the "ﬁ" ligature the PDF uses back into "fi".
    text = unicodedata.normalize("NFKC", " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(pdf)).pages))
    assert "Special guardianship" in text
    assert "Child Benefit" in text and "£27.05" in text
    assert "Your answers" in text and "Grandparent" in text


def test_ctrl_p_opens_a_print_preview_and_prints(qtbot, window, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    printed = []

    def preview(self):
        self.paintRequested.emit(self.printer())  # what the preview (and then the printer) draws
        return QPrintPreviewDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintPreviewDialog, "exec", preview)

    def fake_print(doc, printer):
        printed.append((doc.toPlainText(), isinstance(printer, QPrinter)))

    monkeypatch.setattr("PySide6.QtGui.QTextDocument.print_", fake_print)
    run_check(qtbot, window, SGO)
    see_result(qtbot, window)
    window.action_print.trigger()
    assert printed and printed[0][1]
    assert "Special guardianship" in printed[0][0]


def test_print_is_only_offered_with_a_result(qtbot, window, monkeypatch):
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    opened = []
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda self: opened.append(1) or 0)
    window.show_screen("start")
    window.action_print.trigger()
    assert opened == []
    assert check_screen(window).assessment is None


def test_deadlines_come_first_in_their_own_warning(qtbot, window):
    run_check(qtbot, window, PRIVATE_FOSTERING)
    results = see_result(qtbot, window)
    card = results.findChild(QFrame, "things_to_do")
    assert card.property("role") == "warning"
    assert card is not None
    shown = "\n".join(texts(card))
    for action in results.shown().actions:
        if action.due:
            assert action.text in shown and format_date(action.due) in shown
    first_card = results.findChildren(QFrame, options=Qt.FindChildOption.FindChildrenRecursively)
    first_card = min((w for w in first_card if w.objectName().startswith("entitlement_")),
                     key=lambda w: w.mapTo(results, w.rect().topLeft()).y())
    assert card.mapTo(results, card.rect().topLeft()).y() < first_card.mapTo(results, first_card.rect().topLeft()).y()


def test_not_sure_about_the_parents_shows_guardians_allowance_as_a_may(qtbot, window):
    # "I'm not sure" on the parents question must not be read as "no parent has died": Guardian's
    # Allowance stays on the result as something that may apply, and the question is named as missing.
    answers = dict(SGO, parents="unknown")
    run_check(qtbot, window, answers)
    results = see_result(qtbot, window)
    a = results.assessment
    ga = next(e for e in a.entitlements if e.code == "guardians_allowance")
    assert ga.certainty == "may_qualify"
    assert "household.parents_died" in a.missing
    card = results.findChild(QFrame, "entitlement_guardians_allowance")
    assert card is not None and card.isVisibleTo(results)
    card.open_detail()
    shown = "\n".join(texts(card))
    assert "Guardian's Allowance" in shown
    assert "You may be able to get this" in shown and "You can get this" not in shown
    assert "If both of the child's parents have died" in shown


def test_no_parent_died_leaves_guardians_allowance_out(qtbot, window):
    run_check(qtbot, window, SGO)
    results = see_result(qtbot, window)
    assert "guardians_allowance" not in [e.code for e in results.assessment.entitlements]
    assert results.findChild(QFrame, "entitlement_guardians_allowance") is None
