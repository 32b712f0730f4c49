"""Turning plain text into safe ReportLab markup.

ReportLab's ``Paragraph`` reads its text as markup: ``Jo <b>Smith`` would turn bold or crash the
letter, ``<img src="file:…">`` would read a file from the disk and ``<a href>`` would plant a live
link. So letter content is always plain text, and this module is the one place where it becomes
markup: control characters are dropped, ``& < >`` are escaped, and each run of characters is set in
an embedded font that has their glyphs. Arabic-script and Hebrew runs are shaped and put in visual
order here (ReportLab lays out left to right), as MACHINE.md describes: ``arabic-reshaper`` joins the
letters and ``python-bidi`` orders the run; spaces inside such a run become no-break spaces so a
line never splits a right-to-left name in the wrong place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

from kinship_app.letters import fonts

# Characters that only steer layout (bidi overrides and isolates, zero-width joiners, variation
# selectors, soft hyphen, byte-order mark, tag characters, emoji skin-tone modifiers): they carry
# no letter of their own in black-and-white print, and a bidi override could make printed text read
# differently from what was typed.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufe00-\ufe0f"
    "\U0001f3fb-\U0001f3ff\U000e0000-\U000e007f\U000e0100-\U000e01ef]"
)
# Naskh letters look small beside Latin at the same size; this evens them out.
ARABIC_SCALE = 1.15
_LINE_BREAKS = re.compile("[\t\n\r\v\f\x1c-\x1f\x85\u2028\u2029]+")
_ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_RTL_CLASSES = {"R", "AL"}
_NBSP = "\u00a0"


class UnprintableText(ValueError):
    def __init__(self, chars: str):
        super().__init__(chars)
        self.chars = chars


def clean(text: str) -> str:
    """The text as it will print: NFC, line breaks as spaces, control and steering characters gone."""
    text = str(text)
    if text.isascii() and text.isprintable():
        return text
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    # Other controls (NUL, ESC, DEL, C1) and lone surrogates from JSON escapes like "\ud800".
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cs"))


def is_arabic_script(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _ARABIC_BLOCKS)


def unprintable(text: str) -> str:
    """The characters of ``text``, as drawn, that no embedded font has, in order, without repeats."""
    visual = _visual(clean(text))
    if set(map(ord, visual)) <= _in_both_base_faces():  # most details: every fallback chain starts there
        return ""
    missing = [
        ch for ch in visual
        if not all(any(fonts.has_glyph(name, ch) for name in chain) for chain in fonts.FALLBACK.values())
    ]
    return "".join(dict.fromkeys(missing))


@lru_cache(maxsize=1)
def _in_both_base_faces() -> frozenset[int]:
    return fonts.cmap(fonts.FALLBACK[False][0]) & fonts.cmap(fonts.FALLBACK[True][0])


@dataclass(frozen=True)
class Run:
    font: str
    text: str  # in visual order, as drawn


def _visual(text: str) -> str:
    """Put each right-to-left stretch of ``text`` into visual order, shaped (the line itself is LTR)."""
    if text.isascii() or not any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text):
        return text
    out, i, n = [], 0, len(text)
    while i < n:
        if unicodedata.bidirectional(text[i]) not in _RTL_CLASSES:
            out.append(text[i])
            i += 1
            continue
        # A stretch runs from one strong RTL character to the last one before the next strong
        # LTR character; neutrals and numbers in between belong to it.
        j = last = i
        while j < n and unicodedata.bidirectional(text[j]) != "L":
            if unicodedata.bidirectional(text[j]) in _RTL_CLASSES:
                last = j
            j += 1
        out.append(_shape_rtl(text[i:last + 1]).replace(" ", _NBSP))
        i = last + 1
    return "".join(out)


@lru_cache(maxsize=4096)
def _shape_rtl(stretch: str) -> str:
    from bidi import get_display

    # Harakat are kept: dropping them would print a name differently from how it was typed.
    shaped = _reshaper().reshape(stretch) if any(is_arabic_script(c) for c in stretch) else stretch
    return get_display(shaped, base_dir="R")


@lru_cache(maxsize=1)
def _reshaper():
    import arabic_reshaper

    return arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})


def runs(text: str, bold: bool = False) -> list[Run]:
    """``clean(text)`` in visual order, split into runs that each one embedded font can draw."""
    cleaned = clean(text)
    base = fonts.FALLBACK[bold][0]
    if cleaned.isascii() or _plain(cleaned, base):
        return [Run(base, cleaned)] if cleaned else []
    visual = _visual(cleaned)
    result: list[Run] = []
    current: str | None = None
    buf: list[str] = []
    for ch in visual:
        font = _font_for(ch, bold, current)
        if font != current and buf:
            result.append(Run(current, "".join(buf)))
            buf = []
        current = font
        buf.append(ch)
    if buf:
        result.append(Run(current, "".join(buf)))
    return result


def _plain(text: str, font: str) -> bool:
    """Left-to-right text that ``font`` draws whole (most letters): one run, no reordering."""
    cmap = fonts.cmap(font)
    return all(ord(ch) in cmap and not is_arabic_script(ch) and unicodedata.bidirectional(ch) not in _RTL_CLASSES
               for ch in text)


def _font_for(ch: str, bold: bool, current: str | None) -> str:
    if is_arabic_script(ch) and fonts.has_glyph(fonts.ARABIC_FACE[bold], ch):
        return fonts.ARABIC_FACE[bold]
    # Spaces, digits and punctuation stay in the font already in use when it has them, so an
    # Arabic name's spaces do not switch font back and forth.
    if current and unicodedata.category(ch)[0] in "ZPN" and fonts.has_glyph(current, ch):
        return current
    for name in fonts.FALLBACK[bold]:
        if fonts.has_glyph(name, ch):
            return name
    raise UnprintableText(ch)


@lru_cache(maxsize=8192)
def markup(text: str, bold: bool = False, style_font: str | None = None, size: float | None = None) -> str:
    """Safe ReportLab markup for plain ``text``: escaped, with a font tag per script run.

    ``style_font`` and ``size`` are the paragraph style's; runs in any other font get a ``<font>`` tag."""
    base = style_font or fonts.FALLBACK[bold][0]
    parts = []
    for run in runs(text, bold):
        chunk = escape(run.text)
        if run.font == base:
            parts.append(chunk)
        elif size and run.font == fonts.ARABIC_FACE[bold]:
            parts.append(f'<font name="{run.font}" size="{size * ARABIC_SCALE:.2f}">{chunk}</font>')
        else:
            parts.append(f'<font name="{run.font}">{chunk}</font>')
    return "".join(parts)
