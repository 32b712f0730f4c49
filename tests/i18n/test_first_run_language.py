"""First run offers every language the app has, each named in itself, and applies it at once."""

from PySide6.QtCore import Qt

from test_translations import pseudo_locales  # noqa: F401 (fixture)


def test_first_run_language_applies_at_once(qtbot, window, ctx, pseudo_locales):  # noqa: F811
    from kinship_app.i18n import available_languages, get_language

    window.first_run_if_needed()
    first = window.screen("first_run")
    assert set(first.language.rows) == set(available_languages()) >= {"en", "fr", "ar"}
    qtbot.mouseClick(first.language.rows["ar"].radio, Qt.MouseButton.LeftButton)
    assert get_language() == "ar" and ctx.setting("appearance/language", "") == "ar"
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert first.heading.text() != "Welcome"  # the page itself is in the new language
    qtbot.mouseClick(first.language.rows["en"].radio, Qt.MouseButton.LeftButton)
    assert get_language() == "en" and first.heading.text() == "Welcome"
