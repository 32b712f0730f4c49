"""The fonts embedded in every letter, and which of them can draw a given character.

A name must print with its real letters on any computer (a Polish ł, a Welsh ŵ, an Urdu ے), so
the fonts ship in ``resources/fonts`` and ReportLab embeds a subset of each in the PDF. DejaVu Sans
is the base (Latin, Greek, Cyrillic, Hebrew); Noto Naskh Arabic draws Arabic-script runs (it has
the presentation forms the reshaper produces, including Urdu's); a cut-down Symbola draws emoji.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "fonts"

BASE = "DejaVuSans"
BASE_BOLD = "DejaVuSans-Bold"
ARABIC = "NotoNaskhArabic"
ARABIC_BOLD = "NotoNaskhArabic-Bold"
EMOJI = "SymbolaEmoji"

_FILES = {
    BASE: "DejaVuSans.ttf",
    BASE_BOLD: "DejaVuSans-Bold.ttf",
    ARABIC: "NotoNaskhArabic-Regular.ttf",
    ARABIC_BOLD: "NotoNaskhArabic-Bold.ttf",
    EMOJI: "Symbola-Emoji.ttf",
}

# The order fonts are tried in for a character that is not Arabic script, for (regular, bold).
FALLBACK = {False: (BASE, ARABIC, EMOJI), True: (BASE_BOLD, ARABIC_BOLD, EMOJI)}
ARABIC_FACE = {False: ARABIC, True: ARABIC_BOLD}


@lru_cache(maxsize=1)
def register() -> None:
    """Register the embedded fonts with ReportLab once per process."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics, ttfonts
    from reportlab.pdfbase.ttfonts import TTFont

    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    # So that <b> inside a run, or a bold style, maps to the bold face of the same family.
    for regular, bold in ((BASE, BASE_BOLD), (ARABIC, ARABIC_BOLD), (EMOJI, EMOJI)):
        addMapping(regular, 0, 0, regular)
        addMapping(regular, 0, 1, regular)
        addMapping(regular, 1, 0, bold)
        addMapping(regular, 1, 1, bold)


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap, but with characters beyond U+FFFF (emoji) written as UTF-16
    surrogate pairs, as the PDF format requires; ReportLab 5.1 writes ``<1F475>``, which readers
    reject, so an emoji in a name would vanish when the letter's text is copied or read aloud."""
    return _cmap_text(fontname, tuple(subset))


@lru_cache(maxsize=64)
def _cmap_text(fontname: str, subset: tuple[int, ...]) -> str:
    # Letters mostly use the same characters, so the same subsets: each CMap is written once.
    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()

    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
        "<00> <%02X>" % (len(subset) - 1), "endcodespacerange", "%d beginbfchar" % len(subset),
        *("<%02X> <%s>" % (i, utf16(code)) for i, code in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


@lru_cache(maxsize=None)
def cmap(name: str) -> frozenset[int]:
    """The code points font ``name`` has a glyph for (read from the file, not from ReportLab)."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    face = TTFontFile(str(FONT_DIR / _FILES[name]))
    return frozenset(code for code, glyph in face.charToGlyph.items() if glyph)


def has_glyph(name: str, char: str) -> bool:
    return ord(char) in cmap(name)
