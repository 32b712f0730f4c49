"""Reading a letter PDF back, independently of the code that wrote it (pypdf and fontTools)."""

from __future__ import annotations

import io
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from pypdf import PdfReader

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
FONT_FILES = {
    "DejaVuSans": "DejaVuSans.ttf", "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "NotoNaskhArabic": "NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold": "NotoNaskhArabic-Bold.ttf",
    "SymbolaEmoji": "Symbola-Emoji.ttf",
    # As named inside the files (ReportLab writes these as /BaseFont).
    "NotoNaskhArabic-Regular": "NotoNaskhArabic-Regular.ttf", "Symbola": "Symbola-Emoji.ttf",
    **{f"NotoSans{script}-{weight}": f"NotoSans{script}-{weight}.ttf"
       for script in ("Gurmukhi", "Bengali", "Tamil", "Gujarati") for weight in ("Regular", "Bold")},
    "DroidSansFallback": "DroidSansFallbackFull.ttf",
}


@lru_cache(maxsize=None)
def font_cmap(base_name: str) -> frozenset[int]:
    return frozenset(TTFont(FONT_DIR / FONT_FILES[base_name]).getBestCmap())


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def text(pdf: bytes) -> str:
    """The letter's text, without the page footers (so text that runs across pages reads on)."""
    pages = [page.extract_text() for page in read(pdf).pages]
    return "\n".join(re.sub(r"\s*Page \d+ of \d+\s*\S+\s*$", "", p) for p in pages)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in read(pdf).pages]


def squash(s: str) -> str:
    """Whitespace removed (lines wrap anywhere), no-break spaces included, compatibility forms folded."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s.replace("\u00a0", " ")))


def drawn_runs(pdf: bytes) -> list[tuple[str, str]]:
    """(font file name, text) for every piece of text drawn, read from the content streams."""
    runs: list[tuple[str, str]] = []
    for page in read(pdf).pages:
        def visit(txt, cm, tm, font_dict, font_size):
            if txt and font_dict is not None:
                base = str(font_dict.get("/BaseFont", "")).lstrip("/")
                runs.append((base.split("+", 1)[-1], txt))
        page.extract_text(visitor_text=visit)
    return runs


def missing_glyphs(pdf: bytes) -> list[tuple[str, str]]:
    """(font, character) for each character drawn in a font whose file has no glyph for it."""
    bad = []
    for font, txt in drawn_runs(pdf):
        cmap = font_cmap(font)
        for ch in txt:
            if ch.isspace() and ch != "\u00a0":
                continue  # pypdf puts line breaks and spaces between runs; they are not drawn glyphs
            if ord(ch) not in cmap:
                bad.append((font, ch))
    return bad


def fonts_used(pdf: bytes) -> set[tuple[str, bool]]:
    """(BaseFont, embedded?) for every font resource on every page."""
    out = set()
    for page in read(pdf).pages:
        resources = page.get("/Resources") or {}
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = False
            if descriptor is not None:
                d = descriptor.get_object()
                embedded = any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            out.add((str(font.get("/BaseFont")), embedded))
    return out
