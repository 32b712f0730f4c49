"""One translation pipeline: every string extracted, none left as a literal, the language switchable
while running, right-to-left languages laid out right to left."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
POT = ROOT / "locale" / "kinship_app.pot"


def extracted_ids(path: Path) -> set[str]:
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}


def test_the_template_holds_every_string_in_the_code(tmp_path):
    fresh = tmp_path / "fresh.pot"
    proc = subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "locale/babel.cfg",
                           "-o", str(fresh), "kinship_app", "ui"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    missing = extracted_ids(fresh) - extracted_ids(POT)
    assert not missing, f"run `make translations`: {sorted(missing)[:10]}"


# Calls whose text arguments (by position) a person reads on screen or hears from a screen reader.
SHOWN = {name: (0,) for name in (
    "setText", "setWindowTitle", "setAccessibleName", "setAccessibleDescription", "setPlaceholderText",
    "setInformativeText", "setToolTip", "addItem", "label", "heading", "button", "QLabel", "QPushButton",
    "QCheckBox", "QRadioButton", "add_group_label", "add_divider")}
SHOWN.update(set_button_text=(1, 2), add_choice=(1, 2), set_text=(0, 1), set_content=(0, 1))
# Not words to translate: an example address in the format the database needs.
ALLOWED = {"postgresql+psycopg://user@server/kinship"}


def literal_texts(node: ast.Call, positions):
    for i, arg in enumerate(node.args):
        if i not in positions:
            continue
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            yield arg.value
        if isinstance(arg, ast.JoinedStr):
            for part in arg.values:
                if isinstance(part, ast.Constant) and any(ch.isalpha() for ch in part.value):
                    yield part.value


# ui/screenshots.py types into the app what a person would type ("Leeds"): input, not the app's words.
@pytest.mark.parametrize("path", sorted(p for p in (ROOT / "ui").rglob("*.py") if p.name != "screenshots.py"),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_no_user_visible_literal_outside_gettext(path):
    bad = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name not in SHOWN:
            continue
        for text in literal_texts(node, SHOWN[name]):
            words = "".join(ch for ch in text if ch.isalpha())
            if words and text not in ALLOWED:
                bad.append(f"line {node.lineno}: {text!r}")
    assert not bad, bad


def pseudo_catalog(locale_dir: Path, code: str) -> None:
    """A catalogue for ``code`` that wraps every message, so an untranslated string stands out."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    with POT.open("rb") as fh:
        template = read_po(fh)
    catalog = Catalog(locale=code)
    for m in template:
        if not m.id:
            continue
        if isinstance(m.id, tuple):
            catalog.add(m.id, tuple(f"⟦{x}⟧" for x in m.id))
        else:
            catalog.add(m.id, f"⟦{m.id}⟧")
    out = locale_dir / code / "LC_MESSAGES"
    out.mkdir(parents=True)
    with (out / "kinship_app.po").open("wb") as fh:
        write_po(fh, catalog)


@pytest.fixture
def pseudo_locales(tmp_path, monkeypatch):
    from kinship_app import i18n

    pseudo_catalog(tmp_path, "fr")
    pseudo_catalog(tmp_path, "ar")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    yield tmp_path
    i18n.set_language("en")


def shown_texts(widget):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    out = []
    for w in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton):
        if w.isVisible() and any(ch.isalpha() for ch in w.text()):
            out.append(w.text())
    return out


def untranslated(texts):
    # Numbers like "125%" carry no words; everything with letters must come from the catalogue.
    return [t for t in texts if "⟦" not in t]


def test_the_language_changes_while_running(qtbot, window, pseudo_locales):
    from kinship_app import flow

    window.apply_language("fr")
    window.show_screen("start")
    assert untranslated(shown_texts(window)) == []
    assert "⟦" in window.windowTitle()
    check = window.show_screen("check")
    check.begin()
    for qid in flow.QUESTIONS:
        check.show_question(qid)
        assert untranslated(shown_texts(window)) == [], qid
    window.show_screen("settings")
    assert [t for t in untranslated(shown_texts(window)) if not t.rstrip("%").isdigit()] == []
    window.apply_language("en")
    window.show_screen("start")
    assert not [t for t in shown_texts(window) if "⟦" in t]


def test_the_settings_list_offers_each_shipped_language(qtbot, window, pseudo_locales):
    settings = window.screen("settings")
    codes = {settings.language.itemData(i) for i in range(settings.language.count())}
    assert {"en", "fr", "ar"} <= codes


def test_a_right_to_left_language_lays_out_right_to_left(qtbot, window, pseudo_locales):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window.apply_language("ar")
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert QApplication.instance().layoutDirection() == Qt.LayoutDirection.RightToLeft
    window.apply_language("en")
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    QApplication.instance().setLayoutDirection(Qt.LayoutDirection.LeftToRight)
