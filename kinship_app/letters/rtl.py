"""Right-to-left paragraphs (Arabic, Urdu) for ReportLab, which lays lines out left to right.

Each paragraph takes its direction from its first strong letter and is set against the right
margin (the page reads right to left).

As MACHINE.md found: the text is wrapped into lines first, in reading order; then each line is
joined (``arabic-reshaper``), put in visual order with a right-to-left base (``python-bidi``:
right-to-left words run from the right, an English term in brackets or a phone number stays
readable left to right inside them, brackets are mirrored), split into runs per font (Latin in
DejaVu Sans, Arabic script in Noto Naskh Arabic) and drawn against the right margin.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from kinship_app.letters import fonts, text


def is_rtl_language(code: str) -> bool:
    from kinship_app.i18n import is_rtl

    return is_rtl(code)


class RTLParagraph(Flowable):
    """Plain ``text`` as a right-aligned, right-to-left paragraph."""

    def __init__(self, plain: str, size: float, leading: float, bold: bool = False, space_before: float = 0,
                 space_after: float = 0, bullet: bool = False, color: str = "#000000"):
        super().__init__()
        self.plain = text.clean(plain)
        self.size, self.leading, self.bold, self.bullet, self.color = size, leading, bold, bullet, color
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self._lines: list[list[tuple[str, str, float]]] = []

    def wrap(self, available_width, available_height):
        self.width = available_width
        indent = self.size * 1.6 if self.bullet else 0
        base = base_direction(self.plain)
        self._lines = [_visual_runs(line, self.bold, self.size, base) for line in
                       _wrap(self.plain, available_width - indent, self.bold, self.size, base)]
        self.height = max(len(self._lines), 1) * self.leading
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(self.color)
        right = self.width
        for i, runs in enumerate(self._lines):
            y = self.height - (i + 1) * self.leading + (self.leading - self.size) * 0.6
            if self.bullet and i == 0:
                canvas.setFont(fonts.BASE, self.size)
                canvas.drawRightString(right, y, "•")
            x = right - (self.size * 1.6 if self.bullet else 0) - sum(width for _f, _t, width in runs)
            for font, chunk, width in runs:
                canvas.setFont(font, _size(font, self.bold, self.size))
                canvas.drawString(x, y, chunk)
                x += width
        canvas.restoreState()


def _size(font: str, bold: bool, size: float) -> float:
    return size * text.ARABIC_SCALE if font == fonts.ARABIC_FACE[bold] else size


def base_direction(plain: str) -> str:
    """"R" or "L": the paragraph's direction, from its first strong letter (the Unicode bidi rule),
    so an English sentence not yet translated still reads left to right, and an Arabic one with an
    English term in it right to left."""
    for ch in plain:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "R"
        if kind == "L":
            return "L"
    return "R"


def _word_width(word: str, bold: bool, size: float) -> float:
    return sum(width for _f, _t, width in _visual_runs(word, bold, size, "R"))


def _wrap(plain: str, width: float, bold: bool, size: float, base: str = "R") -> list[str]:
    """Lines in reading order, each as wide as fits (a word longer than a line gets a line)."""
    space = stringWidth(" ", fonts.FALLBACK[bold][0], size)
    lines, current, used = [], [], 0.0
    for word in plain.split():
        w = _word_width(word, bold, size)
        if current and used + space + w > width:
            lines.append(" ".join(current))
            current, used = [], 0.0
        used += (space if current else 0) + w
        current.append(word)
    if current:
        lines.append(" ".join(current))
    return lines


@lru_cache(maxsize=2048)
def _visual_runs(line: str, bold: bool, size: float, base: str = "R") -> list[tuple[str, str, float]]:
    """(font, text, width) runs of one line in visual order, left to right."""
    # python-bidi's reference implementation, which mirrors brackets ("(council)" stays readable);
    # its faster default does not. A paragraph that starts in English (an address line, a name, a
    # sentence not yet translated) keeps a left-to-right base, so "110 Merrion Centre" is not turned round.
    from bidi.algorithm import get_display

    shaped = text._reshaper().reshape(line) if any(text.is_arabic_script(c) for c in line) else line
    visual = get_display(shaped, base_dir=base)
    runs: list[tuple[str, str, float]] = []
    current, buf = None, []
    for ch in visual:
        font = _font(ch, bold, current)
        if font != current and buf:
            runs.append((current, "".join(buf)))
            buf = []
        current = font
        buf.append(ch)
    if buf:
        runs.append((current, "".join(buf)))
    return [(font, chunk, stringWidth(chunk, font, _size(font, bold, size))) for font, chunk in runs]


def _font(ch: str, bold: bool, current: str | None) -> str:
    if text.is_arabic_script(ch) and fonts.has_glyph(fonts.ARABIC_FACE[bold], ch):
        return fonts.ARABIC_FACE[bold]
    if current and unicodedata.category(ch)[0] in "ZPN" and fonts.has_glyph(current, ch):
        return current
    for name in fonts.FALLBACK[bold]:
        if fonts.has_glyph(name, ch):
            return name
    return fonts.FALLBACK[bold][0]
