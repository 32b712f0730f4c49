"""Qt's own words (standard dialog buttons) follow the app's language where Qt has them."""

from PySide6.QtWidgets import QDialogButtonBox

from ui import qt_language


def cancel_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    return box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "")


def test_qt_buttons_in_polish_then_back_in_english(qapp):
    try:
        assert qt_language.apply("pl") is True
        assert cancel_text() == "Anuluj"
        assert qt_language.apply("ur") is False  # Qt has no Urdu: its words stay English
        assert cancel_text() == "Cancel"
        assert qt_language.apply("ar") is True
        assert cancel_text() != "Cancel"
    finally:
        qt_language.apply("en")
    assert cancel_text() == "Cancel"
