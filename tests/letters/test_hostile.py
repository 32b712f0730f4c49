"""Hostile text × every letter (RELIABILITY.md, "letters"): 0 exceptions, the text printed literally,
no links or file reads injected, no missing-glyph boxes."""

from __future__ import annotations

import builtins
import re

import pytest
from letter_cases import AS_OF, HOUSEHOLDS, PEOPLE
from letter_pdf import missing_glyphs, squash, text

from kinship_app.letters import LETTER_IDS, build_letter, render_pdf_bytes, required_details, set_detail
from kinship_app.letters.text import clean

SECRET = "/tmp/kinship-letters-secret.png"

HOSTILE = [
    "Jo <b>Smith",
    "Jo </b></para><para>Smith",
    f'<img src="file://{SECRET}" width="400" height="400"/>',
    f"<img src='{SECRET}'/>",
    '<a href="https://evil.example/">click me</a>',
    '<link href="file:///etc/passwd">x</link>',
    '<font name="Courier" size="40">Big</font>',
    "<br/><br/>Line",
    "<seq id='x'/><onDraw name='x'/>",
    "&amp; &lt;b&gt; &#60;i&#62; &nbsp; &unknown;",
    "A & B < C > D \" E ' F",
    "{child} {0} %s %(name)s {{x}}",
    "Ann\x00\x07\x1b[31mRed\x7f\x9b",
    "Tab\there\nnew line\r\nand\u2028sep",
    "\u202eevil\u202c order \u2066isolate\u2069",
    "Zero\u200bwidth\ufeffBOM\u00adsoft",
    "lone \ud800 surrogate",
    "W" * 10_000,
    ("Zażółć gęślą jaźń " * 600)[:10_000],
    "محمد علی خان",
    "فاطمہ بی بی",
    "مُحَمَّد",  # with harakat
    "שרה כהן",
    "Ali محمد Khan",
    "Siân Llŷr Ŵyn ap Gruffudd",
    "Łukasz Żółkiewski",
    "Ștefan Țăranu",
    "Gül Şahin",
    "Nguyễn Thị Ánh",
    "Ελένη Παπαδοπούλου",
    "Олександр Шевченко",
    "Nain 👵🏽 Lovelace",
    "👨‍👩‍👧 family ❤️ 🏳️‍🌈",
    "O'Brien-Ó Dónaill \\ \\\\ /",
]

# Ordinary text needed elsewhere, the same for every case, so only the hostile text varies.
TEXT_PATHS_SKIPPED = {"carer.email"}


def _hostile_people(letter_id, value):
    case_fn, _assess_fn = HOUSEHOLDS[letter_id]
    people = PEOPLE
    targets = []
    for d in required_details(letter_id, case_fn()):
        if d.kind in ("text", "long_text") and d.path not in TEXT_PATHS_SKIPPED:
            people = set_detail(people, d.path, value)
            targets.append(d.path)
        elif d.kind == "address":
            people = set_detail(people, d.path, [value, "Leeds", "LS6 2AB"])
            targets.append(d.path)
    return people, targets


def _long(value):
    return len(value) > 1000


@pytest.fixture
def spy_open(monkeypatch):
    opened = []
    real_open = builtins.open

    def spying(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spying)
    return opened


@pytest.mark.parametrize("letter_id", LETTER_IDS)
@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: repr(v[:24]))
def test_hostile_text_prints_literally(letter_id, value, spy_open):
    case_fn, assess_fn = HOUSEHOLDS[letter_id]
    people, targets = _hostile_people(letter_id, value)
    if _long(value):
        # A 10,000-character name in every field would be a book: one long name is the carer's,
        # the other the child's, where the letter has that name.
        paths = {d.path for d in required_details(letter_id, case_fn())}
        preferred = ["carer.name", "child.name"] if value.startswith("W") else ["child.name", "carer.name"]
        path = next(p for p in preferred if p in paths)
        people, targets = set_detail(PEOPLE, path, value), [path]
    content = build_letter(letter_id, case_fn(people), assess_fn(), AS_OF)
    pdf = render_pdf_bytes(content)
    assert targets, "the corpus must reach this letter"

    expected = " ".join(clean(value).split())
    printed = squash(text(pdf))
    assert squash(expected) in printed, (letter_id, value[:40])

    # Nothing the text asked for was interpreted: no links, actions, images or extra fonts...
    for marker in (rb"/URI", rb"/Annots", rb"/Launch", rb"/JavaScript", rb"/Subtype\s*/Image",
                   rb"/XObject\s*<<\s*/", rb"Courier", rb"Helvetica"):
        assert not re.search(marker, pdf), marker
    # ...no file was read on its behalf...
    assert not any("secret" in f or "passwd" in f for f in spy_open)
    # ...and every character drawn has a real glyph in the font it is drawn with.
    assert not missing_glyphs(pdf)


def test_control_and_steering_characters_are_dropped_not_printed():
    assert clean("Ann\x00\x07\x1b[31mRed\x7f\x9b") == "Ann[31mRed"
    assert clean("\u202eevil\u202c") == "evil"
    assert clean("Tab\there\nnew") == "Tab here new"
    assert clean("lone \ud800 surrogate") == "lone  surrogate"


def test_markup_is_escaped_before_reportlab_sees_it():
    from kinship_app.letters.text import markup

    out = markup('Jo <b>Smith & <img src="x"/>')
    assert "<b>" not in out and "<img" not in out
    assert re.sub(r"</?font[^>]*>", "", out) == 'Jo &lt;b&gt;Smith &amp; &lt;img src="x"/&gt;'


def test_the_glyph_check_can_fail(monkeypatch):
    # Force emoji into DejaVu Sans (which lacks them): the PDF check must see the missing glyph.
    from kinship_app.letters import fonts, text as textmod

    monkeypatch.setattr(textmod, "_font_for", lambda ch, bold, current: fonts.FALLBACK[bold][0])
    textmod.markup.cache_clear()  # markup is cached per string; this test changes how it is made
    people = set_detail(PEOPLE, "child.name", "Nain 👵 Lovelace")
    case_fn, assess_fn = HOUSEHOLDS["sg_support_assessment"]
    pdf = render_pdf_bytes(build_letter("sg_support_assessment", case_fn(people), assess_fn(), AS_OF))
    # ReportLab draws a character the font lacks as glyph 0 (a box) and maps it back to U+0000.
    textmod.markup.cache_clear()
    assert ("DejaVuSans", "\x00") in missing_glyphs(pdf)
