"""The whole window follows the language: Qt's own words where Qt ships them, right-to-left
layout for Arabic and Urdu (mirrored buttons, text set against the right edge), the shipped fonts
registered for the script, and money and dates formatted for the language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kinship_app.i18n import format_date, format_money


def centre_x(widget, window) -> float:
    from PySide6.QtCore import QPoint

    left = widget.mapTo(window, QPoint(0, 0)).x()
    return left + widget.width() / 2


def ink_columns(widget) -> tuple[int, int]:
    """The leftmost and rightmost pixel columns of dark ink in the widget as drawn."""
    image = widget.grab().toImage()
    xs = [x for x in range(image.width()) for y in range(0, image.height(), 2)
          if image.pixelColor(x, y).lightness() < 90]
    assert xs, "nothing drawn"
    return min(xs), max(xs)


@pytest.mark.parametrize("code, cancel", [("pl", "Anuluj"), ("ar", "ألغِ")])
def test_qts_own_buttons_speak_the_language_where_qt_ships_it(qtbot, window, code, cancel):
    from PySide6.QtWidgets import QDialogButtonBox

    window.apply_language(code)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == cancel
    window.apply_language("en")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Cancel"


@pytest.mark.parametrize("code", ["ro", "pa", "ur", "bn"])
def test_where_qt_ships_no_translation_its_words_stay_english(qtbot, window, code):
    from ui import qt_language

    window.apply_language(code)
    assert qt_language._installed is None


@pytest.mark.parametrize("code, family, sample", [
    ("pa", "Noto Sans Gurmukhi", "ਪੰਜਾਬੀ"), ("bn", "Noto Sans Bengali", "বাংলা"),
    ("ur", "Noto Naskh Arabic", "اردو ے"), ("ar", "Noto Naskh Arabic", "العربية"),
])
def test_the_shipped_font_for_the_script_is_registered_and_first(qtbot, window, code, family, sample):
    from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
    from PySide6.QtWidgets import QApplication

    window.apply_language(code)
    assert family in QFontDatabase.families()
    assert QApplication.instance().font().families()[0] == family
    metrics = QFontMetrics(QFont(family))
    assert all(metrics.inFontUcs4(ord(ch)) for ch in sample if not ch.isspace())
    window.apply_language("en")
    assert family not in QApplication.instance().font().families()[:1]


def test_every_script_a_name_may_be_in_has_a_shipped_font(qtbot, window):
    from PySide6.QtGui import QFont, QFontMetrics

    from ui import fonts

    loaded = fonts.ensure(fonts.FALLBACK_ORDER)
    assert loaded == list(fonts.FALLBACK_ORDER)
    for family, sample in [("Noto Sans Tamil", "தமிழ்"), ("Noto Sans Gujarati", "ગુજરાતી"),
                           ("Droid Sans Fallback", "王小明さくら")]:
        metrics = QFontMetrics(QFont(family))
        assert all(metrics.inFontUcs4(ord(ch)) for ch in sample), family


@pytest.mark.parametrize("code", ["ar", "ur"])
def test_right_to_left_mirrors_the_question_page(qtbot, window, code):
    from PySide6.QtCore import Qt

    check = window.show_screen("check")
    check.begin()
    page = check.stack.currentWidget() if hasattr(check, "stack") else check
    back, cont = page.findChild(type(window.help_button), "back"), page.findChild(type(window.help_button), "continue")
    half = window.width() / 2
    assert centre_x(back, window) < half and centre_x(cont, window) < half
    window.apply_language(code)
    qtbot.wait(10)
    assert back.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert centre_x(back, window) > half and centre_x(cont, window) > half
    window.apply_language("en")


def test_right_to_left_sets_text_against_the_right_edge(qtbot, window):
    window.apply_language("ar")
    settings = window.show_screen("settings")
    qtbot.wait(10)
    for lab in (settings.heading, settings.language_heading, settings.review_note):
        left, right = ink_columns(lab)
        assert right > lab.width() * 0.9, lab.text()
        assert left > lab.width() * 0.3 or lab is settings.review_note, lab.text()
    window.apply_language("en")
    left, _right = ink_columns(settings.heading)
    assert left < settings.heading.width() * 0.1


def test_right_to_left_mirrors_the_choice_cards(qtbot, window):
    window.apply_language("ar")
    settings = window.show_screen("settings")
    qtbot.wait(10)
    row = settings.theme.rows["light"]
    left, right = ink_columns(row)
    # The radio mark is drawn at the right edge of the card and the word beside it, not at the left.
    assert right > row.width() * 0.9 and left > row.width() * 0.5
    window.apply_language("en")


@pytest.mark.parametrize("code, amount, whole", [
    ("en", "£1,234.50", "£3,000"), ("pl", "1 234,50 £", "3 000 £"), ("ro", "1.234,50 £", "3.000 £"),
    ("pa", "£1,234.50", "£3,000"), ("ur", "£1,234.50", "£3,000"), ("bn", "1,234.50£", "3,000£"),
    ("ar", "\u200f1,234.50 £", "\u200f3,000 £"),
])
def test_money_is_in_the_languages_pattern_with_the_pound_sign_and_western_digits(code, amount, whole):
    assert format_money(Decimal("1234.50"), language=code).replace("\xa0", " ").replace("\u202f", " ") == amount
    assert format_money(3000, language=code).replace("\xa0", " ").replace("\u202f", " ") == whole


@pytest.mark.parametrize("code, text", [
    ("pl", "4 stycznia 2027"), ("ro", "4 ianuarie 2027"), ("pa", "4 ਜਨਵਰੀ 2027"), ("ur", "4 جنوری 2027"),
    ("bn", "4 জানুয়ারি 2027"), ("ar", "4 يناير 2027"),
])
def test_dates_are_in_the_language_with_western_digits(code, text):
    assert format_date(dt.date(2027, 1, 4), language=code) == text


# A link whose text holds a long translated term or letter title ("What does '…' mean?", "Open the
# letter: …") is wider than a 1280-pixel window at 200% text: it wraps (ui.widgets.WrapButton), and the
# result's cards are checked opened as well as closed.
@pytest.mark.parametrize("code", ["pl", "ro", "pa", "ur", "bn", "ar"])
def test_every_screen_at_200_percent_in_each_language_is_never_clipped(qtbot, window, ctx, code):
    from test_accessibility import clipped, each_screen, open_the_result, settle

    window.apply_language(code)
    ctx.set_setting("appearance/text_size", 200)
    window.apply_appearance()
    window.resize(1280, 720)
    try:
        for name in each_screen(qtbot, window):
            settle()
            problems = clipped(window)
            assert not problems, f"{code}, {name} at 200%: {problems}"
            if name == "result":  # every card opened, with its details and its other letters
                open_the_result(window)
                problems = clipped(window)
                assert not problems, f"{code}, the result opened at 200%: {problems}"
    finally:  # a failure must not leave the language, the fonts or the text size behind
        window.apply_language("en")
        ctx.set_setting("appearance/text_size", 100)
        window.apply_appearance()


def test_each_language_name_stands_beside_its_radio_mark_whatever_its_script(qtbot, window):
    """A label sets a paragraph by its first letter: "العربية" in the English list stood at the far
    right of its row, away from its radio mark; and "English" at the far left in the Arabic one."""
    window.first_run_if_needed()
    first = window.screen("first_run")
    qtbot.wait(10)
    for code in ("ar", "ur", "en"):
        words = first.language.rows[code].text
        left, right = ink_columns(words)
        assert left < words.width() * 0.2, code
    window.apply_language("ar")
    qtbot.wait(10)
    try:
        for code in ("en", "pl", "ar"):
            words = first.language.rows[code].text
            left, right = ink_columns(words)
            assert right > words.width() * 0.8, code
    finally:
        window.apply_language("en")
