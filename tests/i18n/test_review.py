"""Honest about review: until a native-speaking adviser has checked a language (a
``# Reviewed-By: Name, YYYY-MM-DD`` line in its .po header), Settings and the About box say so in
that language, and say where the English is."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kinship_app import i18n, languages

ROOT = Path(__file__).resolve().parents[2]
NOT_CHECKED = {
    "pl": "nie zostało jeszcze sprawdzone",
    "ro": "nu a fost încă verificată",
    "pa": "ਜਾਂਚ ਨਹੀਂ ਕੀਤੀ",
    "ur": "جانچ نہیں کی",
    "bn": "যাচাই করেননি",
    "ar": "لم يراجع هذه الترجمة",
}


@pytest.fixture
def locale_copy(tmp_path, monkeypatch):
    """A copy of the shipped catalogues the test may mark as reviewed."""
    target = tmp_path / "locale"
    shutil.copytree(ROOT / "locale", target)
    monkeypatch.setattr(i18n, "LOCALE_DIR", target)
    languages._table.cache_clear()
    yield target
    languages._table.cache_clear()
    i18n.set_language("en")


def mark_reviewed(locale_dir: Path, code: str, line: str) -> None:
    po = languages.po_path(code, locale_dir)
    text = po.read_text(encoding="utf-8")
    po.write_text(line + "\n" + text, encoding="utf-8")


@pytest.mark.parametrize("code", sorted(NOT_CHECKED))
def test_no_shipped_language_claims_a_review_it_has_not_had(code):
    assert languages.review(code) is None


def test_a_reviewer_line_names_the_adviser_and_the_date(locale_copy):
    mark_reviewed(locale_copy, "pl", "# Reviewed-By: Anna Nowak, 2027-01-15")
    assert languages.review("pl") == languages.Review("Anna Nowak", dt.date(2027, 1, 15))
    assert languages.review("ro") is None


@pytest.mark.parametrize("line", ["# Reviewed-By: Anna Nowak", "# Reviewed-By: , 2027-01-15",
                                  "# Reviewed-By: Anna Nowak, 2027-02-30", "# Reviewed: Anna Nowak, 2027-01-15"])
def test_a_line_without_a_name_and_a_real_date_does_not_count(locale_copy, line):
    mark_reviewed(locale_copy, "pl", line)
    assert languages.review("pl") is None


def test_the_reviewer_line_survives_make_translations(locale_copy):
    # pybabel update drops header fields it does not know, so the line is a header comment.
    mark_reviewed(locale_copy, "bn", "# Reviewed-By: Nasrin Ahmed, 2027-03-01")
    proc = subprocess.run([sys.executable, "-m", "babel.messages.frontend", "update", "-i",
                           str(locale_copy / "kinship_app.pot"), "-d", str(locale_copy), "-D", "kinship_app",
                           "-l", "bn", "--ignore-obsolete"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert languages.review("bn") == languages.Review("Nasrin Ahmed", dt.date(2027, 3, 1))


def test_a_header_field_counts_too(locale_copy):
    po = languages.po_path("ar", locale_copy)
    text = po.read_text(encoding="utf-8").replace('"Language: ar\\n"', '"Language: ar\\n"\n"Reviewed-By: Huda Karim, 2027-02-01\\n"', 1)
    po.write_text(text, encoding="utf-8")
    assert languages.review("ar") == languages.Review("Huda Karim", dt.date(2027, 2, 1))


@pytest.mark.parametrize("code", sorted(NOT_CHECKED))
def test_settings_and_about_say_in_the_language_that_it_is_not_checked(qtbot, window, code):
    from ui.screens.about import about_text

    window.apply_language(code)
    settings = window.show_screen("settings")
    note = settings.review_note
    assert note.isVisible()
    assert NOT_CHECKED[code] in note.text()
    assert "English" in note.text()  # where the English is: the language list shows it by that name
    assert NOT_CHECKED[code] in about_text(window.ctx)


def test_english_shows_no_review_note(qtbot, window):
    from ui.screens.about import about_text

    window.apply_language("en")
    settings = window.show_screen("settings")
    assert not settings.review_note.isVisible()
    assert "checked by an adviser" not in about_text(window.ctx)


def test_a_reviewed_language_names_its_reviewer_instead(qtbot, window, locale_copy):
    from ui.screens.about import about_text

    mark_reviewed(locale_copy, "pl", "# Reviewed-By: Anna Nowak, 2027-01-15")
    window.apply_language("pl")
    settings = window.show_screen("settings")
    assert "Anna Nowak" in settings.review_note.text()
    assert "15 stycznia 2027" in settings.review_note.text()
    assert NOT_CHECKED["pl"] not in settings.review_note.text()
    assert "Anna Nowak" in about_text(window.ctx)
