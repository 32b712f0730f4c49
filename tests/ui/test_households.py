"""The households screen, driven as a support worker would: type, click, read what is shown."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from test_households_helpers import (  # noqa: F401 (fixtures)
    TODAY, answer_next_dialog, button, click, household, layout_problems, nameless_focusable,
    ops, settle, store, text_size, visible_text,
)

from ui.screens.households import HouseholdsScreen


@pytest.fixture
def screen(qtbot, ctx, ops):
    w = HouseholdsScreen(ctx, ops)
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    w.show_list()
    return w


def list_rows(screen) -> list[str]:
    settle()  # the list is read off the UI thread
    return [screen.list_page.results.item(i).text() for i in range(screen.list_page.results.count())]


def test_recent_list_shows_references_not_names(qtbot, household, screen):
    screen.show_list()
    rows = list_rows(screen)
    assert rows and rows[0].startswith(household.reference)
    shown = visible_text(screen) + "\n".join(rows)
    assert "Margaret" not in shown and "Ellis Ward" not in shown
    assert "Recent households" in visible_text(screen)


def test_search_by_name_or_reference(qtbot, household, screen, store):
    from kinship_app.store import CarerRecord, ChildRecord

    store.create_household(carers=[CarerRecord(name="Siân Jones")], children=[ChildRecord(name="Owen")])
    qtbot.keyClicks(screen.list_page.search, "margaret")
    qtbot.keyClick(screen.list_page.search, Qt.Key.Key_Return)
    rows = list_rows(screen)
    assert len(rows) == 1 and "Margaret Ellis" in rows[0] and household.reference in rows[0]
    assert "Search results" in visible_text(screen)

    screen.list_page.search.clear()
    qtbot.keyClicks(screen.list_page.search, "sian")  # without the accent
    click(qtbot, screen.list_page.search_button)
    assert len(list_rows(screen)) == 1 and "Siân Jones" in list_rows(screen)[0]

    screen.list_page.search.clear()
    qtbot.keyClicks(screen.list_page.search, household.reference.lower())
    click(qtbot, screen.list_page.search_button)
    assert list_rows(screen)[0].startswith(household.reference)

    screen.list_page.search.clear()
    qtbot.keyClicks(screen.list_page.search, "nobody")
    click(qtbot, screen.list_page.search_button)
    assert list_rows(screen) == []
    assert "No household matches “nobody”." in visible_text(screen)


def test_create_household_asks_for_names_then_opens_it(qtbot, screen, store):
    click(qtbot, button(screen, "Create a household"))
    click(qtbot, button(screen, "Save household"))
    text = visible_text(screen)
    assert "There is a problem" in text
    assert "Enter the carer's name" in text and "Enter the child's name" in text
    assert store.count_households() == 0

    page = screen.create_page
    qtbot.keyClicks(page.carer, "Margaret Ellis")
    qtbot.keyClicks(page.child, "Ellis Ward")
    page.council.setEditText("")
    qtbot.keyClicks(page.council.lineEdit(), "Leeds")
    click(qtbot, button(screen, "Save household"))

    [summary] = store.list_households()
    assert summary.council == "E08000035"
    assert screen.stack.currentWidget() is screen.view
    text = visible_text(screen)
    assert f"Household {summary.reference}" in text
    assert "Margaret Ellis, Ellis Ward · Leeds" in text
    assert "Not checked yet." in text
    assert "Start the check" in text


def test_an_unknown_council_is_refused_in_the_question_words(qtbot, screen, store):
    click(qtbot, button(screen, "Create a household"))
    qtbot.keyClicks(screen.create_page.carer, "A")
    qtbot.keyClicks(screen.create_page.child, "B")
    qtbot.keyClicks(screen.create_page.council.lineEdit(), "Atlantis")
    click(qtbot, button(screen, "Save household"))
    assert "Choose the council area from the list, or leave it empty" in visible_text(screen)
    assert store.count_households() == 0


def test_open_household_shows_people_and_last_check(qtbot, household, screen):
    screen.list_page.results.setCurrentRow(0)
    click(qtbot, button(screen, "Open household"))
    text = visible_text(screen)
    assert "Margaret Ellis\n12 Mill Lane\nLeeds\nLS6 2AB" in text
    assert "Born 27 March 2017" in text
    assert "Last checked for 22 November 2026: Special guardianship" in text
    assert screen.view.section_button("actions").text().startswith("Things to do (")


def test_check_again_adds_to_history(qtbot, household, screen, store):
    screen.open_household(household.id)
    click(qtbot, button(screen, "Check again for today"))
    assert len(store.history(household.children[0].id)) == 2
    click(qtbot, button(screen, "History"))
    text = visible_text(screen)
    assert text.count("Check on 22 November 2026") == 2
    assert "Special guardianship" in text


def test_history_shows_what_was_said_then(qtbot, household, screen, store):
    screen.open_household(household.id)
    click(qtbot, button(screen, "History"))
    toggle = button(screen, "▶ What was said then")
    click(qtbot, toggle)
    run = store.history(household.children[0].id)[0]
    text = visible_text(screen)
    from kinship_app.wording import render

    assert render(run.assessment, "en").reasons[0].text in text
    assert "What the family may get:" in text
    assert "Child Benefit — £" in text and "a week" in text


def test_complete_an_action(qtbot, household, screen, store):
    open_before = [a for a in store.actions(household.id) if not a.done]
    assert open_before
    screen.open_household(household.id)
    click(qtbot, screen.view.section_button("actions"))
    first = open_before[0]
    assert first.text in visible_text(screen)
    click(qtbot, [b for b in screen.findChildren(type(screen.view.back))
                  if b.text() == "Mark as done" and b.isVisibleTo(screen)][0])
    assert store.actions(household.id)[0].done or any(a.done for a in store.actions(household.id))
    text = visible_text(screen)
    assert "Done" in text and "done on 22 November 2026" in text
    assert screen.view.section_button("actions").text() == (
        f"Things to do ({len(open_before) - 1})" if len(open_before) > 1 else "Things to do")


def test_overdue_action_says_so(qtbot, household, screen, store):
    import datetime as dt

    store.add_action(household.id, "Tell the council about the arrangement", due=TODAY - dt.timedelta(days=3))
    screen.open_household(household.id)
    click(qtbot, screen.view.section_button("actions"))
    assert "Overdue: it was due on 19 November 2026." in visible_text(screen)


def test_add_a_note(qtbot, household, screen, store):
    screen.open_household(household.id)
    click(qtbot, button(screen, "Notes"))
    click(qtbot, button(screen, "Save note"))
    assert "Write the note first" in visible_text(screen)
    qtbot.keyClicks(screen.notes.editor, "Phoned school about the admission")
    click(qtbot, button(screen, "Save note"))
    assert [n.text for n in store.notes(household.id)] == ["Phoned school about the admission"]
    assert "Phoned school about the admission" in visible_text(screen)
    assert screen.notes.editor.toPlainText() == ""


def closed(dialog) -> bool:
    """The dialog has gone (it deletes itself on close)."""
    from shiboken6 import isValid

    return not isValid(dialog) or not dialog.isVisible()


def test_export_asks_for_a_passphrase_and_the_file_cannot_be_read_without_it(qtbot, household, screen, store,
                                                                             tmp_path, monkeypatch):
    target = tmp_path / "out" / "export"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    screen.open_household(household.id)
    click(qtbot, button(screen, "Export this household…"))
    dialog = screen.export_dialog
    qtbot.waitExposed(dialog)
    shown = visible_text(dialog)
    assert "Protect the file with a passphrase" in shown
    assert "Tell the passphrase to the person who will open the file another way" in shown
    assert dialog.plain.isVisible()  # a carer's own store: plain JSON may be chosen, behind a warning
    assert "Anyone who gets a plain file" not in visible_text(dialog)

    qtbot.keyClicks(dialog.passphrase, "short")
    click(qtbot, button(dialog, "Choose where to save…"))
    assert "Choose a passphrase of at least 8 characters" in visible_text(dialog)
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, "blue kettle morning")
    qtbot.keyClicks(dialog.again, "blue kettle mourning")
    click(qtbot, button(dialog, "Choose where to save…"))
    assert "The two passphrases are not the same. Type it again." in visible_text(dialog)
    assert not (tmp_path / "out" / "export.kinship").exists()
    qtbot.keyClicks(dialog.again, "blue kettle morning")
    click(qtbot, button(dialog, "Choose where to save…"))
    saved = tmp_path / "out" / "export.kinship"
    assert closed(dialog) and saved.exists()
    raw = saved.read_bytes()
    for secret in ("Margaret Ellis", "Ellis Ward", "12 Mill Lane", household.reference, "blue kettle"):
        assert secret.encode() not in raw, secret
    assert json.loads(raw)["format"] == "kinship-app/household-encrypted"
    assert (f"Household {household.reference} was saved to {saved}, protected by the passphrase you chose."
            in visible_text(screen))
    assert "exported household, encrypted with a passphrase" in [e.what for e in store.audit_log(household.id)]

    # Import: the file asks for its passphrase; a wrong one is said in the dialog and adds nothing.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(saved), ""))
    screen.show_list()
    click(qtbot, button(screen, "Import a household…"))
    ask = screen.import_dialog
    qtbot.waitExposed(ask)
    assert "export.kinship is protected by a passphrase" in visible_text(ask)
    qtbot.keyClicks(ask.passphrase, "blue kettle evening")
    click(qtbot, button(ask, "Open and import"))
    assert "That passphrase does not open export.kinship. Nothing was imported." in visible_text(ask)
    assert store.count_households() == 1 and ask.isVisible() and ask.passphrase.text() == ""
    qtbot.keyClicks(ask.passphrase, "blue kettle morning")
    qtbot.keyClick(ask.passphrase, Qt.Key.Key_Return)
    settle(qtbot)
    assert closed(ask)
    assert store.count_households() == 2
    assert screen.stack.currentWidget() is screen.view
    assert "Margaret Ellis" in visible_text(screen)


def test_a_carer_may_save_plain_json_after_a_warning_and_it_imports_without_a_passphrase(
        qtbot, household, screen, store, tmp_path, monkeypatch):
    target = tmp_path / "export.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "JSON (*.json)"))
    screen.open_household(household.id)
    click(qtbot, button(screen, "Export this household…"))
    dialog = screen.export_dialog
    qtbot.waitExposed(dialog)
    dialog.plain.click()
    assert "Anyone who gets a plain file can read everything in it." in visible_text(dialog)
    assert not dialog.passphrase.isEnabled()
    click(qtbot, button(dialog, "Choose where to save…"))
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "kinship-app/household" and "Margaret Ellis" in json.dumps(data, ensure_ascii=False)
    assert "as plain JSON, without a passphrase. Anyone who gets this file can read it" in visible_text(screen)

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    screen.show_list()
    click(qtbot, button(screen, "Import a household…"))
    assert store.count_households() == 2
    assert "Margaret Ellis" in visible_text(screen)


def test_a_worker_is_not_offered_a_plain_export(qtbot, household, screen, store):
    store.create_account("Rosa", "coordinator", "coordinator passphrase")
    asha = store.create_account("Asha", "worker", "111111", kind="pin")
    leeds = store.create_caseload("Leeds")
    store.share_caseload(leeds.id, asha.id)
    store.move_household(household.id, leeds.id)
    store.sign_in("Asha", "111111")
    screen.open_household(household.id)
    click(qtbot, button(screen, "Export this household…"))
    dialog = screen.export_dialog
    qtbot.waitExposed(dialog)
    assert not dialog.plain.isVisible()
    assert "Protect the file with a passphrase" in visible_text(dialog)
    assert nameless_focusable(dialog) == []
    click(qtbot, dialog.cancel)
    assert closed(dialog)


def test_import_of_a_broken_file_says_so_and_adds_nothing(qtbot, household, screen, store, tmp_path, ops,
                                                          monkeypatch):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    click(qtbot, button(screen, "Import a household…"))
    assert store.count_households() == 1
    [error] = ops.errors
    assert "bad.json" in str(error) and "is not a household file exported from this app" in str(error)
    ops.errors.clear()


def test_erase_asks_first_and_keep_it_keeps_it(qtbot, household, screen, store):
    screen.open_household(household.id)
    answer_next_dialog("Keep it")
    click(qtbot, button(screen, "Erase this household…"))
    assert store.count_households() == 1

    answer_next_dialog("Erase for good")
    click(qtbot, button(screen, "Erase this household…"))
    assert store.count_households() == 0
    assert screen.stack.currentWidget() is screen.list_page
    text = visible_text(screen)
    assert f"Household {household.reference} was erased from this computer." in text
    assert "No households are saved on this computer yet." in text


def test_every_control_has_a_name(qtbot, household, screen):
    assert nameless_focusable(screen) == []
    screen.open_household(household.id)
    for key in ("overview", "actions", "history", "notes", "letters", "support"):
        screen.view.show_section(key)
        assert nameless_focusable(screen) == [], key
    screen.view.show_section("overview")
    click(qtbot, button(screen, "Change names, addresses and children"))
    assert nameless_focusable(screen) == []
    click(qtbot, button(screen.people_page, "Back"))
    click(qtbot, button(screen, "Back to households"))
    click(qtbot, button(screen, "Create a household"))
    assert nameless_focusable(screen) == []


def test_double_text_size_fits_1280_by_720(qtbot, household, screen, text_size):
    text_size(200)
    screen.resize(1280, 720)
    screen.show_list()
    qtbot.wait(10)
    assert layout_problems(screen) == []
    screen.open_household(household.id)
    for key in ("overview", "actions", "history", "notes", "letters", "support"):
        screen.view.show_section(key)
        qtbot.wait(10)
        assert layout_problems(screen) == [], key
    screen.edit_people()
    qtbot.wait(10)
    assert layout_problems(screen) == []


def test_main_buttons_are_at_least_44_pixels_high(qtbot, household, screen, text_size):
    text_size(100)
    screen.open_household(household.id)
    qtbot.wait(10)
    for text in ("Change answers", "Check again for today", "Overview", "Letters"):
        assert button(screen, text).height() >= 44, text


def test_language_change_retranslates(qtbot, household, screen, monkeypatch):
    import kinship_app.i18n as i18n

    screen.open_household(household.id)
    monkeypatch.setattr(i18n, "_catalog", {"History": "Hanes", "Back to households": "Yn ôl i'r aelwydydd"})
    screen.retranslate_ui()
    assert screen.view.section_button("history").text() == "Hanes"
    assert screen.view.back.text() == "Yn ôl i'r aelwydydd"


def test_hide_this_screen_forgets_the_household(qtbot, household, screen):
    from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit

    screen.list_page.search.setText("Margaret")
    screen.open_household(household.id)
    settle(qtbot)
    screen.edit_people()
    screen.view.show_section("notes")
    screen.notes.editor.setPlainText("Margaret is worried about contact")
    screen.clear_sensitive()
    qtbot.wait(10)
    assert screen.household is None
    # Nothing about the family is left in any widget, shown or not.
    words = [w.text() for kind in (QLabel, QLineEdit) for w in screen.findChildren(kind)] + \
        [w.toPlainText() for w in screen.findChildren(QPlainTextEdit)]
    assert not [w for w in words if "Margaret" in w or "Ellis" in w or household.reference in w]


def test_change_people_and_add_a_child(qtbot, household, screen, store):
    screen.open_household(household.id)
    click(qtbot, button(screen, "Change names, addresses and children"))
    editor = screen.people_page
    name = editor._carers[0][1].fields[0].edit
    name.clear()
    click(qtbot, button(screen, "Save the details"))
    assert "Enter carer's full name" in visible_text(screen)
    qtbot.keyClicks(name, "Margaret Ellis-Ward")
    qtbot.keyClicks(editor._carers[0][1].fields[2].edit, "0113 496 0000")
    click(qtbot, button(screen, "Add another child"))
    new_child = editor._children[1][1].fields
    qtbot.keyClicks(new_child[0].edit, "Rosie Ward")
    for box, text in zip(new_child[1].boxes, ("4", "1", "2020")):
        qtbot.keyClicks(box, text)
    click(qtbot, button(screen, "Save the details"))

    saved = store.get_household(household.id)
    assert saved.carers[0].name == "Margaret Ellis-Ward" and saved.carers[0].phone == "0113 496 0000"
    assert [c.name for c in saved.children] == ["Ellis Ward", "Rosie Ward"]
    assert saved.children[1].date_of_birth.isoformat() == "2020-01-04"
    # The first child's answers and history are untouched.
    assert saved.children[0].facts == household.children[0].facts
    assert len(store.history(saved.children[0].id)) == 1
    text = visible_text(screen)
    assert "Rosie Ward" in text and "Born 4 January 2020" in text and "Start the check" in text


def test_a_change_saved_elsewhere_meanwhile_is_not_overwritten(qtbot, household, screen, store, ops):
    import dataclasses

    screen.open_household(household.id)
    click(qtbot, button(screen, "Change names, addresses and children"))
    fresh = store.get_household(household.id)
    store.update_household(household.id, carers=[dataclasses.replace(fresh.carers[0], name="Changed elsewhere")],
                           expected_version=fresh.version)
    click(qtbot, button(screen, "Save the details"))
    [error] = ops.errors
    assert "Someone else changed household" in str(error)
    ops.errors.clear()
    assert store.get_household(household.id).carers[0].name == "Changed elsewhere"


def test_find_and_open_a_household_by_keyboard_only(qtbot, household, screen):
    qtbot.keyClick(screen, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert screen.list_page.search.hasFocus()
    qtbot.keyClicks(screen.list_page.search, household.reference)
    qtbot.keyClick(screen.list_page.search, Qt.Key.Key_Return)
    settle(qtbot)  # found off the UI thread
    qtbot.keyClick(screen.list_page.search, Qt.Key.Key_Tab)
    qtbot.keyClick(screen.list_page.search_button, Qt.Key.Key_Tab)
    assert screen.list_page.results.hasFocus()
    qtbot.keyClick(screen.list_page.results, Qt.Key.Key_Return)
    settle(qtbot)
    assert screen.stack.currentWidget() is screen.view
    assert f"Household {household.reference}" in visible_text(screen)


def test_add_something_to_do_with_a_deadline(qtbot, household, screen, store):
    screen.open_household(household.id)
    click(qtbot, screen.view.section_button("actions"))
    click(qtbot, button(screen, "Add to the list"))
    assert "Enter what needs doing" in visible_text(screen)
    section = screen.actions
    qtbot.keyClicks(section.new_text.edit, "Ring the school about the admission form")
    for box, text in zip(section.new_due.boxes, ("1", "12", "2026")):
        qtbot.keyClicks(box, text)
    click(qtbot, button(screen, "Add to the list"))
    added = [a for a in store.actions(household.id) if a.text == "Ring the school about the admission form"]
    assert len(added) == 1 and added[0].due.isoformat() == "2026-12-01"
    text = visible_text(screen)
    assert "Ring the school about the admission form\nDue by 1 December 2026." in text
    assert section.new_text.edit.text() == ""
