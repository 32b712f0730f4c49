"""Every screen puts the keyboard on its main action or its first field when it is shown (issue 11:
"focus starts on the main action of each screen and is always visible"), never on a heading or on
the scrolling page where Enter does nothing. Each test opens the screen the way a person does and
reads ``QApplication.focusWidget()``; typing or Enter then goes where the person expects."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QRadioButton
from test_households_helpers import (  # noqa: F401 (fixtures)
    TODAY, click, household, ops, settle, store,
)

from check_driver import run_check, see_result

SGO = {"relationship": "grandparent", "living": "28_plus", "age": 9, "order": "special_guardianship_order",
       "looked_after_before": "yes", "parents": "none", "council": "E08000035"}


def focused():
    return QApplication.focusWidget()


def shown(qtbot, window, key):
    window.activateWindow()
    screen = window.show_screen(key)
    settle(qtbot)
    QApplication.processEvents()
    return screen


def assert_visible_focus(widget) -> None:
    """The focused widget is on screen, and is a control (never a heading or a bare label)."""
    assert widget is not None
    assert widget.isVisible() and not isinstance(widget, QLabel)
    assert widget.window() is not None


def test_settings_starts_on_its_first_field_the_text_size(qtbot, window, ctx):
    ctx.set_setting("appearance/text_size", 150)
    settings = shown(qtbot, window, "settings")
    assert focused() is settings.size.rows["150"].radio  # the size in force, where arrows move from
    assert_visible_focus(focused())


def test_support_near_you_starts_on_the_council_area(qtbot, window):
    support = shown(qtbot, window, "support")
    assert focused() is support.panel.council_box
    assert_visible_focus(focused())


def test_households_starts_on_the_search_box(qtbot, window, household):
    screen = shown(qtbot, window, "households")
    assert focused() is screen.list_page.search
    assert_visible_focus(focused())


def test_a_household_opens_on_its_first_section(qtbot, window, household):
    screen = shown(qtbot, window, "households")
    screen.open_household(household.id)
    settle(qtbot)
    assert focused() is screen.view.section_button("overview")
    assert_visible_focus(focused())


def test_a_new_household_starts_on_its_first_field(qtbot, window):
    screen = shown(qtbot, window, "households")
    screen._start_create()
    assert focused() is screen.create_page.carer
    assert_visible_focus(focused())


def test_letters_with_no_check_starts_on_start_a_check(qtbot, window):
    letters = shown(qtbot, window, "letters")
    assert focused() is letters.start_check
    assert_visible_focus(focused())


def test_letters_after_a_check_starts_on_the_first_letter(qtbot, window):
    run_check(qtbot, window, SGO)
    see_result(qtbot, window)
    letters = shown(qtbot, window, "letters")
    choices = letters.panel.choose.choices
    assert focused() is choices.first_radio()
    assert isinstance(focused(), QRadioButton)


def test_the_letter_details_start_on_their_first_field_and_the_letter_on_print(qtbot, window):
    run_check(qtbot, window, SGO)
    see_result(qtbot, window)
    letters = shown(qtbot, window, "letters")
    panel = letters.panel
    letters.open_letter("sg_support_assessment")
    settle(qtbot)
    assert panel.current is panel.details
    assert focused() is panel.details.form.fields[0].focus_widget()
    assert_visible_focus(focused())
    letters.open_letter("support_summary")
    settle(qtbot)
    if panel.current is panel.details:  # names are optional: Continue has the keyboard after them
        click(qtbot, panel.details.go)
    assert panel.current is panel.preview
    assert focused() is panel.preview.print_button


def test_the_estimate_starts_on_its_first_question(qtbot, window):
    run_check(qtbot, window, SGO)
    see_result(qtbot, window)
    results = window.screen("check")._results
    click(qtbot, results.estimate_button)
    dialog = results.estimate_dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: focused() is not None and focused().window() is dialog)
    assert focused() is dialog.monthly  # "each week or each month?", the answer already chosen
    dialog.close()


def test_team_starts_on_the_new_workers_name(qtbot, window, ctx):
    ctx.store()  # an organisation's coordinator sees Team; the screen itself is the same for anyone
    team = shown(qtbot, window, "team")
    assert focused() is team.new_name
    assert_visible_focus(focused())


def test_about_starts_on_its_ok_button(qtbot, window):
    seen = []

    def look(tries=50):
        box = QApplication.activeModalWidget()
        if box is None or (not box.isAncestorOf(focused() or window) and tries):
            QTimer.singleShot(20, lambda: look(tries - 1))  # until the box is up and has the keyboard
            return
        seen.append((box, focused()))
        box.done(0)

    window.activateWindow()
    QTimer.singleShot(0, look)
    window.show_about()
    box, widget = seen[0]
    assert isinstance(box, QMessageBox)
    assert widget is box.button(QMessageBox.StandardButton.Ok) is box.defaultButton()


def test_the_first_run_starts_on_continue(qtbot, window, ctx):
    from ui.screens.first_run import FIRST_RUN_KEY

    ctx.settings.remove(FIRST_RUN_KEY)
    window.activateWindow()
    assert window.first_run_if_needed()
    first = window.screen("first_run")
    assert focused() is first.go


@pytest.fixture
def fresh_ctx(ctx):
    ctx.skip_security_setup = False  # nobody has chosen yet whether to use a passphrase
    return ctx


def test_the_passphrase_choice_starts_on_its_first_answer(qtbot, window, fresh_ctx):
    window.activateWindow()
    click(qtbot, window._nav["households"])
    lock = window.locking.screen()
    assert window.stack.currentWidget() is lock
    assert focused() is lock.choice.first_radio()


def test_the_lock_starts_on_the_passphrase(qtbot, ctx):
    from test_lock import PASS, _protected, _window

    _protected(ctx)
    w = _window(qtbot, ctx)
    w.activateWindow()
    lock = w.locking.screen()
    assert w.stack.currentWidget() is lock
    qtbot.waitUntil(lambda: focused() is lock.passphrase)
    ctx.unlock(PASS)


def test_every_screen_in_the_navigation_puts_the_keyboard_on_a_control(qtbot, window):
    """The rule over every screen there is, so a screen added later is held to it too."""
    window.activateWindow()
    for key, nav in window._nav.items():
        if not nav.isVisible():
            continue
        window.show_screen(key)
        settle(qtbot)
        QApplication.processEvents()
        widget = focused()
        screen = window.stack.currentWidget()
        assert widget is not None and screen.isAncestorOf(widget), (key, widget)
        assert_visible_focus(widget)
        assert type(widget).__name__ != "Page", f"{key}: the keyboard is on the page, not on a control"
