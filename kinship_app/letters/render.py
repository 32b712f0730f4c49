"""Laying a letter out as an A4 PDF with ReportLab. It lays out; it decides nothing.

Layout follows a standard UK business letter: sender's address and the date on the right, the
recipient on the left, references, greeting, a bold subject line, the body, the sign-off with room
to sign, then enclosures and the law the letter relies on. Every page carries "Page n of m" and our
reference (never a name: a footer is the first thing seen on a stray page). PDF metadata holds only
the letter's title, so no personal details leak into file properties.
"""

from __future__ import annotations

import functools
import io
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from kinship_app.i18n import _
from kinship_app.letters import fonts
from kinship_app.letters.content import Bullets, Fields, Heading, LetterContent, Note, Para
from kinship_app.letters.text import markup

MM = 72 / 25.4
A4 = (595.2755905511812, 841.8897637795277)
MARGIN_X = 22 * MM
MARGIN_TOP = 18 * MM
MARGIN_BOTTOM = 22 * MM
BODY_SIZE = 11
SMALL_SIZE = 8.5


@functools.lru_cache(maxsize=2)
def _styles(shaping: bool = False):
    """The letter's paragraph styles; ``shaping`` (HarfBuzz) for a paragraph with a run in a
    ``fonts.SHAPED`` script. Built once per process (nothing changes a style after it is made)."""
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("body", fontName=fonts.BASE, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.38,
                          spaceAfter=BODY_SIZE * 0.75, alignment=TA_LEFT, splitLongWords=1,
                          bulletFontName=fonts.BASE, shaping=1 if shaping else 0)
    return {
        "body": base,
        "address": ParagraphStyle("address", parent=base, spaceAfter=0),
        "address_right": ParagraphStyle("address_right", parent=base, spaceAfter=0, alignment=TA_RIGHT),
        "date": ParagraphStyle("date", parent=base, alignment=TA_RIGHT, spaceBefore=BODY_SIZE,
                               spaceAfter=BODY_SIZE),
        "subject": ParagraphStyle("subject", parent=base, fontName=fonts.BASE_BOLD, spaceBefore=2,
                                  spaceAfter=BODY_SIZE),
        "title": ParagraphStyle("title", parent=base, fontName=fonts.BASE_BOLD, fontSize=17, leading=22,
                                spaceAfter=8),
        "heading": ParagraphStyle("heading", parent=base, fontName=fonts.BASE_BOLD, fontSize=12.5, leading=17,
                                  spaceBefore=8, spaceAfter=4, keepWithNext=1),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=16, bulletIndent=4, spaceAfter=3),
        "field": ParagraphStyle("field", parent=base, leftIndent=12, firstLineIndent=-12, spaceAfter=3),
        "small": ParagraphStyle("small", parent=base, fontSize=SMALL_SIZE, leading=SMALL_SIZE * 1.35,
                                spaceAfter=3, textColor="#333333"),
        "small_heading": ParagraphStyle("small_heading", parent=base, fontName=fonts.BASE_BOLD,
                                        fontSize=SMALL_SIZE + 0.5, leading=SMALL_SIZE * 1.5, spaceBefore=6,
                                        spaceAfter=2, keepWithNext=1),
    }


def _p(text: str, style, **kw):
    bold = style.fontName == fonts.BASE_BOLD
    return _paragraph(markup(text, bold=bold, style_font=style.fontName, size=style.fontSize), style, **kw)


# How a run in a font HarfBuzz must shape appears in the markup (letters.text.markup).
_SHAPED_TAGS = tuple(f'<font name="{name}"' for name in sorted(fonts.SHAPED))


def _paragraph(text: str, style, **kw):
    """A Paragraph of ``text`` (markup), shaped by HarfBuzz only when a run of it is in one of
    ``fonts.SHAPED``: ReportLab asked to shape a paragraph lays it out word by word in Python,
    which was most of a Latin letter's time (about 8 of 19 ms), for words it then leaves as they were
    (``fonts._shape_only_complex_scripts``)."""
    from reportlab.platypus import Paragraph

    if any(tag in text for tag in _SHAPED_TAGS):
        style = _styles(True)[style.name]
    if "<" in text or "&" in text:
        return Paragraph(text, style, **kw)
    # No tag and no entity: ReportLab's markup parser would make one fragment in the style's font
    # (``_plain_frag``), at about 30 microseconds a paragraph; we make the same fragment directly.
    from reportlab.platypus.paragraph import cleanBlockQuotedText

    text = cleanBlockQuotedText(text)
    if not text:
        return Paragraph(text, style, **kw)
    return Paragraph(text, style, frags=[_plain_frag(style).clone(text=text, link=[], us_lines=[])], **kw)


@functools.lru_cache(maxsize=64)
def _plain_frag(style):
    """The fragment ReportLab's parser makes for text without markup in ``style`` (one of ``_styles``,
    which never change), taken from the parser itself so that it stays what the parser makes."""
    from reportlab.platypus.paraparser import ParaParser

    assert not style.textTransform, "a transformed style's text must go through the parser"
    _style, frags, _bullet = ParaParser().parse("x", style)
    (frag,) = frags
    return frag


def _para_maker(language: str):
    """A paragraph maker for text in ``language``: right to left for Arabic and Urdu."""
    from kinship_app.letters.rtl import RTLParagraph, is_rtl_language

    def para(text: str, style, bullet: bool = False):
        if is_rtl_language(language):
            return RTLParagraph(text, style.fontSize, style.leading * 1.15, bold=style.fontName == fonts.BASE_BOLD,
                                space_before=style.spaceBefore, space_after=style.spaceAfter, bullet=bullet,
                                color=str(style.textColor) if style.textColor is not None else "#000000")
        return _p(text, style, bulletText="•") if bullet else _p(text, style)

    return para


def _family_story(page) -> list:
    """The family's page, then a page break: in their language, right to left where it is written so."""
    from reportlab.platypus import PageBreak, Spacer

    st = _styles()
    story: list = []
    para = _para_maker(page.language)
    story.append(para(page.title, st["title"]))
    for block in page.blocks:
        if isinstance(block, Heading):
            story.append(para(block.text, st["heading"]))
        elif isinstance(block, Bullets):
            story += [para(item, st["bullet"], bullet=True) for item in block.items]
            story.append(Spacer(1, 5))
        else:
            story.append(para(block.text, st["body"]))
    story.append(PageBreak())
    return story


def _story(content: LetterContent) -> list:
    from reportlab.platypus import KeepTogether, Spacer

    st = _styles()
    story: list = _family_story(content.family_page) if content.family_page else []
    if content.sender:
        story.append(_p(content.sender.name, st["address_right"]))
        story += [_p(line, st["address_right"]) for line in content.sender.lines]
    if content.recipient or content.sender:
        story.append(_p(content.date_text, st["date"]))
    if content.recipient:
        story.append(_p(content.recipient.name, st["address"]))
        story += [_p(line, st["address"]) for line in content.recipient.lines]
        story.append(Spacer(1, BODY_SIZE))
        story += [_p(line, st["address"]) for line in content.reference_lines()]
        story.append(Spacer(1, BODY_SIZE))
    para = _para_maker(content.language)
    rtl = _rtl(content.language)
    if content.salutation:
        story.append(para(content.salutation, st["body"]))
        story.append(para(content.subject, st["subject"]))
    else:
        story.append(para(content.subject, st["title"]))
    for block in content.blocks:
        if isinstance(block, Para):
            story.append(para(block.text, st["body"]))
        elif isinstance(block, Heading):
            story.append(para(block.text, st["heading"]))
        elif isinstance(block, Note):
            story.append(para(block.text, st["small"]))
        elif isinstance(block, Bullets):
            story += [para(item, st["bullet"], bullet=True) for item in block.items]
            story.append(Spacer(1, 5))
        elif isinstance(block, Fields):
            story += [para(f"{label}: {value}", st["field"]) if rtl else _field(label, value, st["field"])
                      for label, value in block.rows]
            story.append(Spacer(1, 5))
        else:
            raise TypeError(type(block).__name__)
    if content.closing:
        story.append(KeepTogether([
            Spacer(1, 4), _p(content.closing, st["body"]),
            Spacer(1, 16 * MM),  # room to sign by hand
            _p(content.signature_name, st["body"]),
        ]))
    if content.enclosures:
        story.append(para(_("Enclosed:"), st["small_heading"]))
        story += [para(item, st["bullet"], bullet=True) for item in content.enclosures]
    # A summary shows each item's source beside it; a letter lists its law once, at the end.
    if content.citations and content.closing:
        story.append(_p(_("The law and guidance this letter relies on"), st["small_heading"]))
        for c in content.citations:
            story.append(para(f"{c.law}: {c.says}" if c.says else c.law, st["small"]))
    return story


def _rtl(language: str) -> bool:
    from kinship_app.letters.rtl import is_rtl_language

    return is_rtl_language(language)


def _field(label: str, value: str, style):
    return _paragraph(markup(label + ":", bold=True, style_font=style.fontName, size=style.fontSize) + " "
                      + markup(value, style_font=style.fontName, size=style.fontSize), style)


def _canvas_class(reference: str):
    from reportlab.pdfgen import canvas

    class NumberedCanvas(canvas.Canvas):
        """Draws 'Page n of m' once the number of pages is known."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int):
            self.saveState()
            self.setFont(fonts.BASE, 8.5)
            self.setFillColor("#444444")
            y = MARGIN_BOTTOM / 2
            self.drawCentredString(A4[0] / 2, y, _("Page {n} of {total}").format(n=self._pageNumber, total=total))
            self.drawRightString(A4[0] - MARGIN_X, y, reference)
            self.restoreState()

    return NumberedCanvas


def _build(content: LetterContent, out) -> None:
    from reportlab.platypus import SimpleDocTemplate

    fonts.register()
    doc = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=content.title, author="", subject="", creator="kinship-app",
        lang=content.language, initialFontName=fonts.BASE, invariant=1,
    )
    doc.build(_story(content), canvasmaker=_canvas_class(content.our_reference))


@contextmanager
def _language(code: str):
    """``_()`` speaks ``code`` for the block, in this thread only (``i18n.using``): the app's language
    is untouched, so a PDF can be made off the UI thread. A language without a catalogue: as it is."""
    from kinship_app import i18n

    try:
        i18n.translator(code)
    except ValueError:
        yield
        return
    with i18n.using(code):
        yield


def render_pdf_bytes(content: LetterContent) -> bytes:
    buf = io.BytesIO()
    # The words laid out here ("Enclosed:", "Page 1 of 2") are in the letter's language, whatever
    # the app's is: an English letter printed from the app in Polish stays English.
    with _language(content.language):
        _build(content, buf)
    return buf.getvalue()


def render_pdf(content: LetterContent, path) -> None:
    """Write the PDF to ``path`` atomically: a half-written file never appears there."""
    path = Path(path)
    data = render_pdf_bytes(content)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open a folder this way.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
