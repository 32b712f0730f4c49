"""The allowance estimate saved with the household, clicked through as a family or worker would
(issue 14): estimate from a special guardianship result -> Save with the household -> open the
household -> the estimate is there (range, date, version of the means test) -> the rates change ->
opening it again says plainly that it changed, from what to what and why, the old one kept in
history; another household never shows it; the allowance letter's details offer "How I worked this
out" and the letter then has it. The rate change is a test folder of rate data (the ``changed_rates``
fixture, tests/conftest.py), never the shipped files."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from check_driver import answer, check_screen, see_result
from test_households_helpers import SGO_FACTS, button, click, settle, visible_text

LEEDS = "E08000035"
SGO_ANSWERS = {"relationship": "grandparent", "living": "28_plus", "age": 9, "order": "special_guardianship_order",
               "looked_after_before": "yes", "parents": "none", "council": LEEDS}


def _household(store, carer, child):
    from kinship_app.store import CarerRecord, ChildRecord

    record = store.create_household(
        council=LEEDS, carers=[CarerRecord(name=carer, address=("12 Mill Lane", "Leeds", "LS6 2AB"))],
        children=[ChildRecord(name=child, date_of_birth=dt.date(2017, 3, 27), facts=SGO_FACTS)])
    store.reassess(record.children[0].id, dt.date(2026, 11, 22))
    return store.get_household(record.id)


def _type(qtbot, dialog, name, text):
    edit = dialog.findChild(QLineEdit, name)
    edit.clear()
    qtbot.keyClicks(edit, text)


def _estimate_and_save(qtbot, window, household):
    window.check_household(household.id, household.children[0].id)
    qtbot.waitUntil(lambda: window.current_key() == "check")
    check = check_screen(window)
    while check.mode == "question":  # what the saved facts do not answer yet
        answer(qtbot, window, check.current, SGO_ANSWERS[check.current])
    results = see_result(qtbot, window)
    qtbot.mouseClick(results.findChild(QPushButton, "estimate_allowance"), Qt.MouseButton.LeftButton)
    dialog = results.estimate_dialog
    qtbot.waitExposed(dialog)
    assert not dialog.save_button.isVisible()  # nothing to save before there is an estimate
    dialog.weekly.setChecked(True)
    _type(qtbot, dialog, "estimate_income_earnings", "600")
    _type(qtbot, dialog, "estimate_outgoings_housing", "150")
    _type(qtbot, dialog, "estimate_outgoings_council_tax", "30")
    _type(qtbot, dialog, "estimate_finances_income_support_rate", "150")
    _type(qtbot, dialog, "estimate_finances_child_benefit", "27.05")
    qtbot.mouseClick(dialog.work_out, Qt.MouseButton.LeftButton)
    assert dialog.save_button.isVisible() and dialog.save_button.text() == "Save with the household"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.saved_note.isVisible(), timeout=30000)
    assert dialog.saved_note.text() == ("Saved with the household: Between £0 and £166.95 a week, worked out for "
                                        "22 November 2026.")
    dialog.close()


def _open(qtbot, window, household):
    screen = window.show_screen("households")
    screen.open_household(household.id)
    settle(qtbot)
    return screen


def test_estimate_saved_from_a_result_then_shown_then_changed_when_the_rates_change(qtbot, window, ctx,
                                                                                    changed_rates):
    store = ctx.store()
    household = _household(store, "Margaret Ellis", "Ellis Ward")
    _estimate_and_save(qtbot, window, household)

    screen = _open(qtbot, window, household)
    text = visible_text(screen)
    assert "Allowance estimate for Ellis Ward" in text
    assert "Between £0 and £166.95 a week" in text
    assert ("Worked out for 22 November 2026. Means test used: The national model (DfES standardised means test) "
            "(read on 6 December 2026).") in text
    assert "This is an estimate: the council decides the allowance" in text
    assert "changed" not in text.split("Allowance estimate for Ellis Ward")[1].split("Export this household")[0]

    changed_rates()  # the national minimum for 2026/27 is now known: £200 (age 5 to 10, rest of England)
    screen.show_list()
    screen = _open(qtbot, window, household)
    text = visible_text(screen)
    assert "⚠  This estimate has changed because the rates it uses changed." in text
    assert "Before: Between £0 and £166.95 a week (worked out for 22 November 2026)." in text
    assert "Now: Between £0 and £172.95 a week (worked out again for 22 November 2026)." in text
    assert ("•  Fostering national minimum allowance (age 5 to 10, rest of England) is now £200 a week (the figure "
            "from 6 April 2026); it was £194 a week (the figure from 6 April 2025, not confirmed for this year). "
            "Source: GOV.UK, Help with the cost of fostering") in text
    # the old one is kept in history, the new one is the estimate shown
    assert "Earlier estimates (1)" in text
    kept = store.estimates(household.id)
    assert [e.reason for e in kept] == ["rates_changed", "saved"]
    assert kept[1].result["result"]["max"] == 166.95 and kept[0].result["result"]["max"] == 172.95

    # Opening it again does not work it out a third time; it still says what changed.
    screen.show_list()
    screen = _open(qtbot, window, household)
    assert "This estimate has changed because the rates it uses changed." in visible_text(screen)
    assert len(store.estimates(household.id)) == 2



def test_open_or_redo_opens_the_saved_answers_and_saves_a_new_estimate(qtbot, window, ctx):
    store = ctx.store()
    household = _household(store, "Margaret Ellis", "Ellis Ward")
    child = household.children[0]
    store.save_estimate(household.id, child.id, {"period": "week", "income": {"earnings": 600},
                                                 "outgoings": {"housing": 150}, "income_support_rate": 150,
                                                 "child_benefit": 27.05}, dt.date(2026, 11, 22),
                        expected_version=household.version)
    screen = _open(qtbot, window, household)
    click(qtbot, button(screen, "Open or redo the estimate"))
    dialog = screen.estimate_dialog
    qtbot.waitExposed(dialog)
    assert dialog.weekly.isChecked()
    assert dialog.findChild(QLineEdit, "estimate_income_earnings").text() == "600.00"
    assert dialog.findChild(QLineEdit, "estimate_outgoings_housing").text() == "150.00"
    _type(qtbot, dialog, "estimate_outgoings_council_tax", "30")
    qtbot.mouseClick(dialog.work_out, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.saved_note.isVisible(), timeout=30000)
    settle(qtbot)
    assert [e.reason for e in store.estimates(household.id)] == ["saved", "saved"]
    assert store.estimates(household.id)[0].finances["outgoings"] == {"housing": 150.0, "council_tax": 30.0}
    text = visible_text(screen)
    assert "Earlier estimates (1)" in text


def test_another_household_never_shows_the_first_households_estimate(qtbot, window, ctx):
    store = ctx.store()
    first = _household(store, "Margaret Ellis", "Ellis Ward")
    second = _household(store, "Priya Shah", "Arun Shah")
    store.save_estimate(first.id, first.children[0].id, {"period": "week", "income": {"earnings": 612.37},
                                                          "income_support_rate": 150, "child_benefit": 27.05},
                        dt.date(2026, 11, 22), expected_version=first.version)
    screen = _open(qtbot, window, first)
    click(qtbot, button(screen, "Open or redo the estimate"))
    screen.estimate_dialog.close()  # closed by the person: opening it again, and leaving, still work
    first_text = visible_text(screen)
    figure = next(line for line in first_text.splitlines() if line.startswith(("About", "Between")))
    click(qtbot, button(screen, "Open or redo the estimate"))
    dialog = screen.estimate_dialog
    assert dialog.isVisible()

    screen.show_list()
    screen = _open(qtbot, window, second)
    text = visible_text(screen)
    assert "Allowance estimate for Arun Shah" in text and "No estimate saved yet." in text
    assert "Ellis" not in text and figure not in text and "Earlier estimates" not in text
    from shiboken6 import isValid

    assert not isValid(dialog) or not dialog.isVisible()  # the first household's dialog closed with it
    assert screen.letters._estimate() is None  # nor can its letters pick it up


def test_the_allowance_letter_offers_how_i_worked_this_out_and_includes_it(qtbot, window, ctx):
    store = ctx.store()
    household = _household(store, "Margaret Ellis", "Ellis Ward")
    store.save_estimate(household.id, household.children[0].id,
                        {"period": "week", "income": {"earnings": 600}, "outgoings": {"housing": 150},
                         "income_support_rate": 150, "child_benefit": 27.05},
                        dt.date(2026, 11, 22), expected_version=household.version)
    screen = _open(qtbot, window, household)
    click(qtbot, screen.view.section_button("letters"))
    panel = screen.letters
    row = next(r for r in panel.choose.choices.rows.values() if r.text.text() == "Ask for an allowance, or a review of it")
    click(qtbot, row.radio)
    click(qtbot, panel.choose.go)
    assert panel.current is panel.details
    text = visible_text(panel)
    assert "Include 'How I worked this out': the steps of your saved allowance estimate" in text
    form = panel.details.form
    day, month, year = form.field("order_date").boxes
    qtbot.keyClicks(day, "2")
    qtbot.keyClicks(month, "9")
    qtbot.keyClicks(year, "2024")
    click(qtbot, form.field("allowance.how_worked_out").choices.rows["yes"].radio)
    click(qtbot, panel.details.go)
    assert panel.current is panel.preview
    letter = panel.content.plain_text()
    assert "How I worked this out" in letter
    assert "This is my own estimate, not a decision." in letter
    assert "The council decides the allowance and may use its own version of the means test" in letter
    assert "Estimated allowance" in letter
    # kept with the household: chosen once, not asked again
    assert store.get_household(household.id).children[0].people["allowance"]["how_worked_out"] is True


def test_no_estimate_no_choice_in_the_letter(qtbot, window, ctx):
    store = ctx.store()
    household = _household(store, "Margaret Ellis", "Ellis Ward")
    screen = _open(qtbot, window, household)
    click(qtbot, screen.view.section_button("letters"))
    panel = screen.letters
    row = next(r for r in panel.choose.choices.rows.values() if r.text.text() == "Ask for an allowance, or a review of it")
    click(qtbot, row.radio)
    click(qtbot, panel.choose.go)
    assert panel.current is panel.details
    assert "How I worked this out" not in visible_text(panel)
    assert panel.details.form.field("allowance.how_worked_out") is None


import pytest  # noqa: E402


@pytest.mark.parametrize("size", [100, 200])
def test_the_changed_estimate_on_the_household_page_is_never_clipped(qtbot, window, ctx, tmp_path, size,
                                                                     changed_rates):
    from test_accessibility import clipped, settle as layout

    store = ctx.store()
    household = _household(store, "Margaret Ellis", "Ellis Ward")
    store.save_estimate(household.id, household.children[0].id, {"period": "week", "income": {"earnings": 600},
                                                                  "outgoings": {"housing": 150},
                                                                  "income_support_rate": 150, "child_benefit": 27.05},
                        dt.date(2026, 11, 22), expected_version=household.version)
    changed_rates()
    ctx.set_setting("appearance/text_size", size)
    window.apply_appearance()
    screen = _open(qtbot, window, household)
    card = screen.findChild(QWidget, f"estimate_card_{household.children[0].id}")
    assert card is not None and card.isVisible()
    screen.view.ensureWidgetVisible(card)
    layout()
    assert window.grab().save(str(tmp_path / f"household-estimate-{size}.png"))
    assert not clipped(window), clipped(window)


def test_the_version_of_the_means_test_chosen_is_kept_and_shown(qtbot, window, ctx):
    store = ctx.store()
    household = _household(store, "Margaret Ellis", "Ellis Ward")
    screen = _open(qtbot, window, household)
    click(qtbot, button(screen, "Estimate the allowance"))
    dialog = screen.estimate_dialog
    qtbot.waitExposed(dialog)
    assert dialog.variant.currentText() == "Your council's, or the national model if it has none"
    dialog.variant.setCurrentIndex(dialog.variant.findText("Lincolnshire County Council's published example"))
    _type(qtbot, dialog, "estimate_income_earnings", "1500")
    _type(qtbot, dialog, "estimate_outgoings_other", "1100")
    _type(qtbot, dialog, "estimate_finances_child_benefit", "0")
    _type(qtbot, dialog, "estimate_finances_council_fostering_allowance", "783.49")
    qtbot.mouseClick(dialog.work_out, Qt.MouseButton.LeftButton)
    assert "Lincolnshire County Council's published example" in visible_text(dialog.result_card)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.saved_note.isVisible(), timeout=30000)
    # Lincolnshire's published worked example, to the penny: 783.49 - half of (1500 x 80% - 1100)
    assert dialog.saved_note.text().startswith("Saved with the household: About £733.49 a month")
    [saved] = store.estimates(household.id)
    assert saved.finances["variant"] == "lincolnshire" and saved.result["variant"]["code"] == "lincolnshire"
    dialog.close()
    settle(qtbot)
    assert "Means test used: Lincolnshire County Council's published example (read on 6 December 2026)." in \
        visible_text(screen)
    click(qtbot, button(screen, "Open or redo the estimate"))
    assert screen.estimate_dialog.variant.currentData() == "lincolnshire"
