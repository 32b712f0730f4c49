"""Fonts that draw every script in the window (Qt's own words are ``ui.qt_language``'s).

The Noto fonts in ``resources/fonts`` travel with the app, so Windows and macOS users see
Gurmukhi, Bengali and Arabic script too. They are registered with Qt lazily: the chosen language's
fonts when it is applied, the rest (for names typed in any script) once the window is on screen,
so start-up reads no font file it does not need. For a language with fonts of its own the
application font (and a rule of the style sheet) carries a list of families, the language's first,
then the system's; for the others nothing changes, and Qt's own fallback finds a registered font
for a character the chosen font lacks.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"

# Family name (as Qt reports it) -> the files that hold it.
FAMILIES: dict[str, tuple[str, ...]] = {
    "Noto Naskh Arabic": ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
    "Noto Sans Bengali": ("NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf"),
    "Noto Sans Gurmukhi": ("NotoSansGurmukhi-Regular.ttf", "NotoSansGurmukhi-Bold.ttf"),
    "Noto Sans Gujarati": ("NotoSansGujarati-Regular.ttf", "NotoSansGujarati-Bold.ttf"),
    "Noto Sans Tamil": ("NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf"),
    "Droid Sans Fallback": ("DroidSansFallbackFull.ttf",),
    "DejaVu Sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
}
# Every script a name may be typed in, after the language's own fonts and the system's.
FALLBACK_ORDER = ("DejaVu Sans", "Noto Naskh Arabic", "Noto Sans Bengali", "Noto Sans Gurmukhi",
                  "Noto Sans Gujarati", "Noto Sans Tamil", "Droid Sans Fallback")

_loaded: dict[str, bool] = {}
_base_families: list[str] = []


def ensure(families) -> list[str]:
    """Register the shipped files of ``families`` with Qt (once each); returns those available."""
    out = []
    for family in families:
        if family not in _loaded:
            ok = False
            for name in FAMILIES.get(family, ()):
                path = FONT_DIR / name
                if path.is_file() and QFontDatabase.addApplicationFont(str(path)) >= 0:
                    ok = True
            _loaded[family] = ok
        if _loaded[family]:
            out.append(family)
    return out


def language_families(code: str) -> list[str]:
    from kinship_app.languages import info

    return list(info(code).fonts)


def apply_language(code: str) -> None:
    """The font list for ``code`` on the running application (Qt's own words: ``ui.qt_language``)."""
    app = QApplication.instance()
    if app is None:
        return
    own = ensure(language_families(code))
    _set_families(app, own)


def _set_families(app: QApplication, own: list[str]) -> None:
    font = QFont(app.font())
    if not _base_families:
        _base_families.extend([f for f in font.families() if f not in FAMILIES] or [font.family()])
    # Only a language with fonts of its own changes the list; Qt's own fallback already draws a
    # character the chosen fonts lack with any registered font (names in other scripts).
    families = list(dict.fromkeys([*own, *_base_families]))
    if font.families() != families:
        font.setFamilies(families)
        app.setFont(font)
    from ui import theme

    before = theme.family_rule()
    theme.FAMILIES[:] = families if own else []
    after = theme.family_rule()
    sheet = app.styleSheet()
    if sheet and before != after:  # one new sheet: widgets it styles take the new families too
        base = sheet[: -len(before)] if before and sheet.endswith(before) else sheet
        app.setStyleSheet(base + after)


def load_all(code: str) -> None:
    """Register every shipped family, so a name in any script draws with real glyphs. ``ui.app``
    calls it once the window's first frame is on screen (``ui.app.AfterFirstPaint``)."""
    ensure(FALLBACK_ORDER)
    app = QApplication.instance()
    if app is not None:
        _set_families(app, ensure(language_families(code)))
