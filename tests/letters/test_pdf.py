"""Each letter rendered to PDF and read back: names and dates print exactly as given."""

from __future__ import annotations

import os
import re

import pytest
from letter_cases import AS_OF, HOUSEHOLDS, PEOPLE, sgo_assessment, sgo_case
from letter_pdf import fonts_used, missing_glyphs, page_texts, read, squash, text

from kinship_app.letters import LETTER_IDS, build_letter, render_pdf, render_pdf_bytes, set_detail

A4_POINTS = (595.28, 841.89)


def _content(letter_id, people=None):
    case_fn, assess_fn = HOUSEHOLDS[letter_id]
    return build_letter(letter_id, case_fn(people), assess_fn(), AS_OF)


@pytest.fixture(scope="module")
def rendered():
    return {lid: (c := _content(lid), render_pdf_bytes(c)) for lid in LETTER_IDS}


@pytest.mark.parametrize("letter_id", LETTER_IDS)
def test_every_detail_given_prints_exactly(rendered, letter_id):
    content, pdf = rendered[letter_id]
    printed = squash(text(pdf))
    assert content.details_used
    for path, strings in content.details_used.items():
        for s in strings:
            assert squash(s) in printed, f"{letter_id}: {path} = {s!r} not printed"
    assert squash(content.date_text) in printed and squash(content.subject) in printed


@pytest.mark.parametrize("letter_id", LETTER_IDS)
def test_layout_a4_page_numbers_and_embedded_fonts(rendered, letter_id):
    content, pdf = rendered[letter_id]
    reader = read(pdf)
    n = len(reader.pages)
    for i, page in enumerate(reader.pages, start=1):
        box = page.mediabox
        assert (round(float(box.width), 2), round(float(box.height), 2)) == A4_POINTS
        assert page.extract_text().rstrip().endswith(f"Page {i} of {n}\n{content.our_reference}")
    used = fonts_used(pdf)
    assert used and all(embedded for _name, embedded in used), used
    assert not any("Helvetica" in name or "Times" in name for name, _e in used)
    assert any("DejaVuSans-Bold" in name for name, _e in used)  # the subject line is bold
    assert not missing_glyphs(pdf)


@pytest.mark.parametrize("letter_id", LETTER_IDS)
def test_letter_parts_in_reading_order(rendered, letter_id):
    content, pdf = rendered[letter_id]
    flat = squash(text(pdf))
    order = [content.subject] if content.sender is None else [
        content.sender.name, content.date_text, content.recipient.lines[-1], content.salutation, content.subject,
        content.closing, content.signature_name]
    if content.enclosures:
        order.append(content.enclosures[0])
    at = 0
    for part in order:
        found = flat.find(squash(part), at)
        assert found >= 0, f"{part!r} missing, or out of order"
        at = found + len(squash(part))


def test_no_personal_details_in_pdf_metadata(rendered):
    for letter_id, (content, pdf) in rendered.items():
        meta = read(pdf).metadata or {}
        blob = " ".join(str(v) for v in meta.values())
        assert "Ellis" not in blob and "Margaret" not in blob
        assert meta.get("/Title") == content.title


def test_same_letter_same_bytes():
    c = _content("sg_support_assessment")
    assert render_pdf_bytes(c) == render_pdf_bytes(c)


def test_scripts_print_with_real_glyphs():
    names = {
        "carer.name": "Siân Llŷr-Ŵyn",             # Welsh
        "child.name": "Łucja Żółkiewska-Ștefănescu",  # Polish and Romanian
        "council.contact": "محمد علی خان",          # Urdu, Arabic script
        "school.name": "فاطمہ بی بی",
        "employer.name": "Ελένη Παπαδοπούλου",      # Greek
        "request.services": "Олександра: терапія",   # Ukrainian
    }
    people = PEOPLE
    for path, value in names.items():
        people = set_detail(people, path, value)
    pdf = render_pdf_bytes(build_letter("sg_support_assessment", sgo_case(people), sgo_assessment(), AS_OF))
    flat = squash(text(pdf))
    for path in ("carer.name", "child.name", "request.services"):
        assert squash(names[path]) in flat
    assert not missing_glyphs(pdf)
    used = {name for name, _e in fonts_used(pdf)}
    assert any("NotoNaskhArabic" in n for n in used)


def test_urdu_name_is_shaped_and_right_to_left():
    from kinship_app.letters.text import runs

    name = "محمد علی خان"
    drawn = "".join(r.text for r in runs(name))
    assert all(r.font.startswith("NotoNaskhArabic") for r in runs(name))
    # Drawn in visual order with joined (presentation) forms; read right to left, it is the name.
    import unicodedata

    assert drawn != name
    assert unicodedata.normalize("NFKC", drawn[::-1]).replace("\u00a0", " ") == name
    pdf = render_pdf_bytes(build_letter("sg_support_assessment",
                                        sgo_case(set_detail(PEOPLE, "child.name", name)), sgo_assessment(), AS_OF))
    # pypdf reads right-to-left runs back into logical order: the name as typed.
    assert squash(name) in squash(text(pdf))
    assert not missing_glyphs(pdf)


def test_atomic_write(tmp_path):
    c = _content("virtual_school_advice")
    out = tmp_path / "letter.pdf"
    render_pdf(c, out)
    assert out.read_bytes().startswith(b"%PDF-") and out.read_bytes().rstrip().endswith(b"%%EOF")
    assert os.listdir(tmp_path) == ["letter.pdf"]  # no temporary file left behind


def test_a_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    out = tmp_path / "letter.pdf"
    out.write_bytes(b"old letter")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        render_pdf(_content("virtual_school_advice"), out)
    assert out.read_bytes() == b"old letter"
    assert os.listdir(tmp_path) == ["letter.pdf"]


def test_long_letter_flows_onto_more_pages():
    long_needs = " ".join(["Ellis needs help with sleep, school and seeing her brother."] * 80)
    pdf = render_pdf_bytes(_content("child_in_need_assessment", set_detail(PEOPLE, "request.needs", long_needs)))
    pages = len(read(pdf).pages)
    assert pages >= 3
    assert re.search(rf"Page {pages} of {pages}", page_texts(pdf)[-1])


def test_harfbuzz_shapes_only_paragraphs_with_a_complex_script(monkeypatch):
    """A paragraph is shaped by HarfBuzz only when a run of it is in Gurmukhi, Bengali, Tamil or
    Gujarati: asking ReportLab to shape every paragraph made it lay each one out word by word,
    most of an English letter's time. A Punjabi name is still shaped (and prints with its glyphs)."""
    from reportlab.platypus import paragraph

    from kinship_app.letters import fonts

    fonts.register()
    shaper = paragraph.shapeFragWord  # fonts' wrapper, which hands complex-script words to HarfBuzz
    words: list[str] = []

    def spy(word, *args, **kwargs):
        words.append("".join(t for _f, t in word[1:]))
        return shaper(word, *args, **kwargs)

    monkeypatch.setattr(paragraph, "shapeFragWord", spy)
    english = render_pdf_bytes(_content("sg_support_assessment"))
    assert words == [] and missing_glyphs(english) == []
    pdf = render_pdf_bytes(_content("sg_support_assessment",
                                    people=set_detail(PEOPLE, "child.name", "ਹਰਪ੍ਰੀਤ ਕੌਰ")))
    assert "ਹਰਪ੍ਰੀਤ" in words  # the paragraphs with the name went to the shaper ...
    assert "faithfully," not in words and "Ellis" not in words  # ... the sign-off, without it, did not
    # HarfBuzz's conjuncts are drawn: glyphs for no single character, which ReportLab writes as
    # private-use characters in the Gurmukhi face; nothing else lacks a glyph.
    missing = missing_glyphs(pdf)
    assert missing and all(f.startswith("NotoSansGurmukhi") and 0xE000 <= ord(ch) <= 0xF8FF for f, ch in missing)
