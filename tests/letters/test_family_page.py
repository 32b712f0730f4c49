"""Letters in the family's language: a letter to a council, a school or an employer stays in
English and gets a first page in the family's language (what it asks for, where to send it, what
happens next); the support summary is wholly in their language; text in Gurmukhi, Bengali, Urdu
and Arabic is drawn with the script's font, joined and in order; a name in any script prints."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from letter_cases import AS_OF, PEOPLE, sgo_assessment, sgo_case
from letter_pdf import drawn_runs, fonts_used, missing_glyphs, page_texts, read, squash

from kinship_app.letters import LetterError, build_letter, render_pdf_bytes, set_detail
from kinship_app.letters.content import Bullets, Heading

ROOT = Path(__file__).resolve().parents[2]
FAMILY_LANGUAGES = ["pl", "ro", "pa", "ur", "bn", "ar"]
# A phrase of each language's family page, as the catalogue has it.
WHERE = {"pl": "Gdzie go wysłać", "ro": "Unde o trimiteți", "pa": "ਇਸਨੂੰ ਕਿੱਥੇ ਭੇਜਣਾ ਹੈ",
         "ur": "اسے کہاں بھیجنا ہے", "bn": "কোথায় পাঠাবেন", "ar": "أين ترسلها"}
SCRIPT = {"pa": "GURMUKHI", "bn": "BENGALI", "ur": "ARABIC", "ar": "ARABIC"}
FONT = {"pa": "NotoSansGurmukhi", "bn": "NotoSansBengali", "ur": "NotoNaskhArabic", "ar": "NotoNaskhArabic"}


def no_missing_glyphs(pdf: bytes) -> None:
    """Every character drawn has a glyph. HarfBuzz's conjunct and vowel-sign glyphs that stand for no
    single character are written by ReportLab as private-use characters mapped to the font's own
    glyphs: those are real glyphs (a copy of the text gets those characters, a known limit)."""
    bad = [(f, ch) for f, ch in missing_glyphs(pdf)
           if not (f.startswith(("NotoSansGurmukhi", "NotoSansBengali", "NotoSansTamil", "NotoSansGujarati"))
                   and 0xE000 <= ord(ch) <= 0xF8FF)]
    assert not bad, bad[:10]


def letter(language: str, letter_id: str = "sg_support_assessment", people=None):
    return build_letter(letter_id, sgo_case(people), sgo_assessment(), AS_OF, language=language)


@pytest.mark.parametrize("code", FAMILY_LANGUAGES)
def test_a_council_letter_stays_english_and_gets_the_familys_page(code):
    content = letter(code)
    assert content.language == "en"
    assert content.salutation == "Dear Sir or Madam,"
    page = content.family_page
    assert page is not None and page.language == code
    headings = [b.text for b in page.blocks if isinstance(b, Heading)]
    assert WHERE[code] in headings
    # Where to send it: the recipient's name and address exactly as on the letter.
    sent_to = next(b for b in page.blocks if isinstance(b, Bullets)).items
    assert sent_to == (content.recipient.name, *content.recipient.lines)
    # The letter's English title is printed, so the family can match the two.
    assert any(content.title in getattr(b, "text", "") for b in page.blocks)
    assert content.to_json()["family_page"]["language"] == code


def test_english_gets_no_family_page():
    assert letter("en").family_page is None


def test_the_support_summary_is_wholly_in_the_familys_language():
    content = letter("pl", "support_summary")
    assert content.language == "pl" and content.family_page is None


def test_an_unknown_language_is_refused_naming_the_field():
    with pytest.raises(LetterError) as err:
        letter("xx")
    assert err.value.field == "language"


@pytest.mark.parametrize("code", FAMILY_LANGUAGES)
def test_the_pdf_starts_with_the_familys_page_then_the_english_letter(code):
    pdf = render_pdf_bytes(letter(code))
    pages = page_texts(pdf)
    english = render_pdf_bytes(letter("en"))
    assert len(pages) == len(read(english).pages) + 1
    assert "Dear Sir or Madam" in pages[1]
    no_missing_glyphs(pdf)
    if code in SCRIPT:
        runs = [(font, t) for font, t in drawn_runs(pdf) if font.startswith(FONT[code])]
        drawn = "".join(t for _f, t in runs)
        assert sum(SCRIPT[code] in unicodedata.name(ch, "") for ch in drawn) > 100, code
        first_page_fonts = {f.split("+")[-1] for f, _e in fonts_used(pdf)}
        assert any(f.startswith(FONT[code]) for f in first_page_fonts)
    else:
        assert squash(WHERE[code]) in squash(pages[0])


@pytest.mark.parametrize("code", ["ar", "ur"])
def test_arabic_script_is_joined_and_right_to_left(code):
    pdf = render_pdf_bytes(letter(code))
    drawn = "".join(t for f, t in drawn_runs(pdf) if f.startswith("NotoNaskhArabic"))
    # Joined: the letters are drawn in their contextual forms (Arabic Presentation Forms), not bare.
    joined = sum(0xFB50 <= ord(ch) <= 0xFEFF for ch in drawn)
    assert joined > 0.5 * sum(unicodedata.name(ch, "").startswith("ARABIC") for ch in drawn)
    # Right to left: the page's short title is set against the right margin, not the left.
    assert title_x(pdf) > 595 / 2
    assert title_x(render_pdf_bytes(letter("pl"))) < 100


def title_x(pdf: bytes) -> float:
    """Where the first piece of text on the first page starts, in points from the left edge."""
    xs: list[float] = []

    def visit(txt, cm, tm, font_dict, size):
        if txt.strip() and not xs:
            xs.append(tm[4] * cm[0] + cm[4])
    read(pdf).pages[0].extract_text(visitor_text=visit)
    return xs[0]


@pytest.mark.parametrize("name", ["王秀英", "さくら 山田", "தமிழ்செல்வி", "ગીતા પટેલ", "অর্পিতা দত্ত", "ਹਰਪ੍ਰੀਤ ਕੌਰ",
                                  "محمد علی", "عائشة"])
def test_a_name_in_any_script_prints_with_real_glyphs(name):
    people = set_detail(PEOPLE, "child.name", name)
    content = letter("en", people=people)
    pdf = render_pdf_bytes(content)
    no_missing_glyphs(pdf)
    assert all(embedded for _f, embedded in fonts_used(pdf))
    if not any(unicodedata.bidirectional(ch) == "AL" for ch in name):
        # Left-to-right scripts read back (HarfBuzz keeps the text with the glyphs; a Bengali reph
        # is drawn after the consonant it sits on, so only the first letter is compared).
        drawn = squash("".join(t for _f, t in drawn_runs(pdf)))
        assert name[0] in drawn


def test_the_command_line_adds_the_familys_page(tmp_path):
    case = json.loads((ROOT / "tests" / "letters" / "cli_case.json").read_text()) if (
        ROOT / "tests" / "letters" / "cli_case.json").exists() else None
    if case is None:
        from test_cli import CASE as case
    src = tmp_path / "case.json"
    src.write_text(json.dumps(case), encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "KINSHIP_TODAY": "2026-11-22", "KINSHIP_APP_CACHE_DIR": os.environ["KINSHIP_APP_CACHE_DIR"]}
    out = tmp_path / "letter.pdf"
    proc = subprocess.run([sys.executable, "-m", "kinship_app", "letter", "sg_support_assessment", str(src),
                           "--out", str(out), "--language", "bn"], cwd=ROOT, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    pages = page_texts(out.read_bytes())
    assert "Dear" in pages[1]
    proc = subprocess.run([sys.executable, "-m", "kinship_app", "letter", "sg_support_assessment", str(src),
                           "--out", str(tmp_path / "x.pdf"), "--language", "xx"], cwd=ROOT, capture_output=True,
                          text=True, env=env)
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: language:") and len(proc.stderr.splitlines()) == 1
    assert not (tmp_path / "x.pdf").exists()
