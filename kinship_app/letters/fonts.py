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
GURMUKHI, GURMUKHI_BOLD = "NotoSansGurmukhi", "NotoSansGurmukhi-Bold"
BENGALI, BENGALI_BOLD = "NotoSansBengali", "NotoSansBengali-Bold"
TAMIL, TAMIL_BOLD = "NotoSansTamil", "NotoSansTamil-Bold"
GUJARATI, GUJARATI_BOLD = "NotoSansGujarati", "NotoSansGujarati-Bold"
CJK = "DroidSansFallback"  # one weight: bold CJK is drawn regular

_FILES = {
    BASE: "DejaVuSans.ttf",
    BASE_BOLD: "DejaVuSans-Bold.ttf",
    ARABIC: "NotoNaskhArabic-Regular.ttf",
    ARABIC_BOLD: "NotoNaskhArabic-Bold.ttf",
    EMOJI: "Symbola-Emoji.ttf",
    GURMUKHI: "NotoSansGurmukhi-Regular.ttf",
    GURMUKHI_BOLD: "NotoSansGurmukhi-Bold.ttf",
    BENGALI: "NotoSansBengali-Regular.ttf",
    BENGALI_BOLD: "NotoSansBengali-Bold.ttf",
    TAMIL: "NotoSansTamil-Regular.ttf",
    TAMIL_BOLD: "NotoSansTamil-Bold.ttf",
    GUJARATI: "NotoSansGujarati-Regular.ttf",
    GUJARATI_BOLD: "NotoSansGujarati-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
}

# The order fonts are tried in for a character that is not Arabic script, for (regular, bold).
FALLBACK = {False: (BASE, ARABIC, GURMUKHI, BENGALI, TAMIL, GUJARATI, CJK, EMOJI),
            True: (BASE_BOLD, ARABIC_BOLD, GURMUKHI_BOLD, BENGALI_BOLD, TAMIL_BOLD, GUJARATI_BOLD, CJK, EMOJI)}
# Scripts whose letters change shape and order around each other (vowel signs before the consonant
# they follow, conjuncts): a word set in one of these fonts is shaped by HarfBuzz (uharfbuzz).
# Arabic script is not: it is joined by arabic-reshaper and ordered by python-bidi (letters.text).
SHAPED = frozenset({GURMUKHI, GURMUKHI_BOLD, BENGALI, BENGALI_BOLD, TAMIL, TAMIL_BOLD, GUJARATI, GUJARATI_BOLD})
ARABIC_FACE = {False: ARABIC, True: ARABIC_BOLD}


@lru_cache(maxsize=1)
def register() -> None:
    """Register the embedded fonts with ReportLab once per process."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics, ttfonts
    from reportlab.pdfbase.ttfonts import TTFont

    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    for name, filename in _FILES.items():
        font = TTFont(name, str(FONT_DIR / filename))
        _make_each_subset_once(font.face)
        pdfmetrics.registerFont(font)
    _compress_each_subset_once()
    _shape_only_complex_scripts()
    # So that <b> inside a run, or a bold style, maps to the bold face of the same family.
    for regular, bold in ((BASE, BASE_BOLD), (ARABIC, ARABIC_BOLD), (EMOJI, EMOJI), (GURMUKHI, GURMUKHI_BOLD),
                          (BENGALI, BENGALI_BOLD), (TAMIL, TAMIL_BOLD), (GUJARATI, GUJARATI_BOLD), (CJK, CJK)):
        addMapping(regular, 0, 0, regular)
        addMapping(regular, 0, 1, regular)
        addMapping(regular, 1, 0, bold)
        addMapping(regular, 1, 1, bold)


def shaping_available() -> bool:
    try:
        import uharfbuzz  # noqa: F401
    except ImportError:
        return False
    return True


def _shape_only_complex_scripts() -> None:
    """ReportLab shapes every word of a paragraph whose style asks for it; ours ask for it (see
    render), and this narrows it to words set in a ``SHAPED`` font. Latin keeps ReportLab's own
    spacing, and Arabic-script runs, already joined and put in visual order, are not turned round
    a second time by HarfBuzz."""
    from reportlab.platypus import paragraph

    original = getattr(paragraph.shapeFragWord, "__wrapped__", paragraph.shapeFragWord)

    def shape_complex(word, *args, **kwargs):
        parts = word[1:]
        names = {f.fontName for f, _text in parts if not hasattr(f, "cbDefn")}
        if not names & SHAPED:
            return word
        if len(names) == 1:
            return original(word, *args, **kwargs)
        # A word that changes font ("ਕੌਰ's"): HarfBuzz shapes it with one font, so shape each
        # stretch in its own font and join them again.
        from reportlab.pdfbase.pdfmetrics import stringWidth

        stretches: list[list] = []
        for f, text in parts:
            name = getattr(f, "fontName", None)
            if stretches and getattr(stretches[-1][0][0], "fontName", None) == name and not hasattr(f, "cbDefn"):
                stretches[-1].append((f, text))
            else:
                stretches.append([(f, text)])
        out: list = []
        shaped_class = None
        for items in stretches:
            f0 = items[0][0]
            width = sum(stringWidth(t, f.fontName, f.fontSize) for f, t in items if not hasattr(f, "cbDefn"))
            piece = word.__class__([width, *items])
            if getattr(f0, "fontName", None) in SHAPED:
                piece = original(piece, *args, **kwargs)
                shaped_class = piece.__class__
            out.append(piece)
        joined = (shaped_class or word.__class__)([sum(p[0] for p in out)])
        for piece in out:
            joined.extend(piece[1:])
        return joined

    shape_complex.__wrapped__ = original
    paragraph.shapeFragWord = shape_complex


class _Subset(bytes):
    """A subset of a font as ReportLab embeds it (a TrueType program), which keeps its compressed
    form once it has been made (``_compress_each_subset_once``)."""


def _make_each_subset_once(face) -> None:
    """ReportLab makes the subset of a font that a PDF embeds anew for every PDF. With its default
    ``ttfAsciiReadable`` the first subset of a font holds every ASCII character and then the others
    in the order the letter first uses them, so letters often embed the very same subset: the
    bold face's is the same in almost every English letter. The same subset (the same characters in
    the same places) is the same bytes, so each is made once; eight per face are kept, about 35 KB
    each."""
    make = face.makeSubset

    @lru_cache(maxsize=8)
    def subset(codes: tuple[int, ...]) -> _Subset:
        return _Subset(make(list(codes)))

    face.makeSubset = lambda codes: subset(tuple(codes))


def _compress_each_subset_once() -> None:
    """ReportLab compresses an embedded font subset (zlib, as for every stream) each time it writes
    it, about 0.7 ms for one face of a letter; a subset already compressed (``_make_each_subset_once``)
    gives the same bytes again without compressing them a second time. Every other stream is
    compressed as before."""
    from reportlab.pdfbase import pdfdoc

    flate = type(pdfdoc.PDFZCompress)
    original = getattr(flate.encode, "__wrapped__", flate.encode)

    def encode(self, text):
        if type(text) is not _Subset:
            return original(self, text)
        done = text.__dict__.get("compressed")
        if done is None:
            done = text.compressed = original(self, text)
        return done

    encode.__wrapped__ = original
    flate.encode = encode


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
