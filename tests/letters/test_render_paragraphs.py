"""The letter's paragraphs without markup skip ReportLab's markup parser (``render._paragraph``):
what they are given instead must be exactly what the parser would have made."""

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
