"""Work the letters no longer repeat must give exactly what ReportLab gave: paragraphs without markup
skip its markup parser (``render._paragraph``), and a font subset is made and compressed once."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kinship_app.letters import fonts, render
from kinship_app.letters.text import UnprintableText, markup


def _frags(paragraph) -> list[dict]:
    return [dict(f.__dict__) for f in paragraph.frags]


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=60) | st.sampled_from(["", " ", "  a\t b \n", "Siân O'Brien & sons", "a < b > c",
                                                  "王秀英 👵", "ਹਰਪ੍ਰੀਤ ਕੌਰ", "فاطمة", "x\u00a0y"]),
       style_name=st.sampled_from(sorted(render._styles())), bullet=st.booleans())
def test_a_paragraph_is_what_reportlabs_parser_makes(text, style_name, bullet):
    from reportlab.platypus import Paragraph

    fonts.register()
    style = render._styles()[style_name]
    try:
        marked = markup(text, bold=style.fontName == fonts.BASE_BOLD, style_font=style.fontName, size=style.fontSize)
    except UnprintableText:
        return
    kw = {"bulletText": "•"} if bullet else {}
    ours = render._paragraph(marked, style, **kw)
    parsed = Paragraph(marked, ours.style, **kw)  # the style ours chose (shaping for a complex script)
    assert ours.style.name == style_name
    assert ours.style.shaping == any(f'<font name="{n}"' in marked for n in fonts.SHAPED)
    assert ours.text == parsed.text
    assert _frags(ours) == _frags(parsed)
    assert ours.bulletText == parsed.bulletText


def test_plain_paragraphs_are_not_parsed(monkeypatch):
    """An English letter's paragraphs without a tag or an entity never reach the parser; one with
    an escaped ``&`` or another script's font does."""
    from reportlab.platypus import paraparser

    fonts.register()
    parsed: list[str] = []
    original = paraparser.ParaParser.parse

    def spy(self, text, style):
        parsed.append(text)
        return original(self, text, style)

    monkeypatch.setattr(paraparser.ParaParser, "parse", spy)
    body = render._styles()["body"]
    render._paragraph(markup("Dear Sir or Madam,", style_font=body.fontName, size=body.fontSize), body)
    assert parsed == [] or parsed == ["x"]  # at most the one parse that learns the style's fragment
    parsed.clear()
    render._paragraph(markup("Smith & Sons", style_font=body.fontName, size=body.fontSize), body)
    render._paragraph(markup("فاطمة", style_font=body.fontName, size=body.fontSize), body)
    assert parsed == ["Smith &amp; Sons", markup("فاطمة", style_font=body.fontName, size=body.fontSize)]


def test_a_font_subset_is_made_and_compressed_once_and_the_pdf_is_the_same(monkeypatch):
    """Letters with the same characters embed the same font subsets: made and compressed once
    (``fonts._make_each_subset_once``), giving exactly the PDF that ReportLab alone writes."""
    import zlib

    from letter_cases import AS_OF, HOUSEHOLDS, PEOPLE
    from reportlab.pdfbase import pdfdoc, pdfmetrics

    from kinship_app.letters import build_letter, render_pdf_bytes, set_detail

    fonts.register()
    case_fn, assess_fn = HOUSEHOLDS["sg_support_assessment"]
    # Letters with characters no other test uses in this order (so the subsets are new), then another
    # family's, whose names differ only in ASCII letters (so its subsets are the same).
    first, other = (build_letter("sg_support_assessment", case_fn(set_detail(PEOPLE, "carer.name", name)),
                                 assess_fn(), AS_OF) for name in ("Ŧėşţ Ŋąɱę Ellis", "Ŧėşţ Ŋąɱę Price"))
    made: list[str] = []
    compressed: list[int] = []
    faces = [pdfmetrics.getFont(n).face for n in (fonts.BASE, fonts.BASE_BOLD)]
    for face in faces:
        cached = face.makeSubset
        monkeypatch.setattr(face, "makeSubset", lambda codes, cached=cached, face=face: made.append(face.name) or cached(codes))
    real_compress = zlib.compress
    monkeypatch.setattr(zlib, "compress", lambda data, *a: compressed.append(len(data)) or real_compress(data, *a))
    render_pdf_bytes(first)
    assert made and max(compressed) > 20_000  # the subsets were asked for, and compressed
    compressed.clear()
    ours = render_pdf_bytes(other)
    assert len(made) == 4 and max(compressed) < 20_000  # asked for again, but none compressed again
    monkeypatch.undo()

    # ReportLab alone: its own makeSubset (the class's) and its own FlateDecode.
    flate = type(pdfdoc.PDFZCompress)
    monkeypatch.setattr(flate, "encode", flate.encode.__wrapped__)
    for face in faces:
        monkeypatch.delattr(face, "makeSubset")
    assert render_pdf_bytes(other) == ours


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30) | st.sampled_from(["Siân", "\U00010000x", "王秀英 👵", "ਹਰਪ੍ਰੀਤ", "عائشہ", "a\u202eb"]))
def test_unprintable_characters_are_found_as_before(text):
    """``text.unprintable`` answers a detail every font's first face draws without looking at each
    character in every fallback font: the answer is the one the full look-up gives."""
    from kinship_app.letters import text as textmod

    full = [ch for ch in textmod._visual(textmod.clean(text))
            if not all(any(fonts.has_glyph(name, ch) for name in chain) for chain in fonts.FALLBACK.values())]
    assert textmod.unprintable(text) == "".join(dict.fromkeys(full))
