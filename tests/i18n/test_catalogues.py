"""Every shipped catalogue: headers right for its language, no fuzzy entries, placeholders kept,
every plural form present, nothing left identical to the English unless it is a name or a code,
and a completeness figure per language.

Completeness itself is enforced only for the languages marked ``complete = true`` in
``locale/languages.toml``: while translators fill a language, the figure is reported (``-s`` shows
it; it is also in the test's output on failure) but does not fail the suite.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from kinship_app import languages

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "locale"
CODES = sorted(p.parent.parent.name for p in LOCALE.glob("*/LC_MESSAGES/kinship_app.po"))
SHIPPED = ["ar", "bn", "pa", "pl", "ro", "ur"]

# Plural-Forms by CLDR / gettext: the number of forms and the form index for sample numbers.
PLURALS = {
    "pl": (3, {1: 0, 2: 1, 4: 1, 5: 2, 12: 2, 22: 1, 25: 2, 0: 2}),
    "ro": (3, {1: 0, 0: 1, 2: 1, 19: 1, 20: 2, 101: 1, 120: 2}),
    "ar": (6, {0: 0, 1: 1, 2: 2, 3: 3, 10: 3, 11: 4, 99: 4, 100: 5, 102: 5}),
    "pa": (2, {0: 0, 1: 0, 2: 1}),
    "bn": (2, {0: 0, 1: 0, 2: 1}),
    "ur": (2, {1: 0, 0: 1, 2: 1}),
}

# Messages that are the same in every language: no letters at all, or only names and codes.
SAME_AS_ENGLISH = {
    "{percent}%", "PostgreSQL", "GOV.UK", "Family Rights Group", "Kinship", "Coram", "Citizens Advice",
    # Keys and a file name, typed or seen as they are.
    "Alt+{n}", "Ctrl+P", "Ctrl+S", "kinship-check-result", "{n:,} cases",
    # Names a family must match on English papers (GLOSSARY.md rule 2): regions, council types, an
    # office, a section of the Act, and the local offer where a translator kept the English term.
    "London", "North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
    "East of England", "South East", "South West", "City corporation", "County council", "London borough",
    "Metropolitan borough", "Unitary authority", "Guardian's Allowance Unit", "Section 20",
    "{council}: kinship local offer",
    # The same word in the language (Romanian "Important", "Sex"; Polish "Online"; "Textphone").
    "Important", "Sex", "Online", "Textphone: {phone}",
}


def catalog(code: str, locale_dir: Path | None = None):
    from babel.messages.pofile import read_po

    with languages.po_path(code, locale_dir).open("rb") as fh:
        return read_po(fh, locale=code)


def _is_name_or_code(message: str) -> bool:
    if message in SAME_AS_ENGLISH:
        return True
    words = re.sub(r"\{[^}]*\}", "", message)
    return not any(ch.isalpha() for ch in words)


def placeholders(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"<malformed>"}


def test_the_six_languages_ship_and_are_listed():
    assert set(SHIPPED) <= set(CODES)
    assert set(SHIPPED) <= set(languages.listed())
    for code in SHIPPED:
        assert isinstance(languages.info(code).complete, bool)


@pytest.mark.parametrize("code", CODES)
def test_header_names_the_language_and_its_plural_rule(code):
    cat = catalog(code)
    headers = dict(cat.mime_headers)
    assert headers.get("Language") == code
    forms = headers.get("Plural-Forms", "")
    assert re.fullmatch(r"nplurals=\d+; plural=.+;", forms), forms
    if code in PLURALS:
        count, samples = PLURALS[code]
        assert cat.num_plurals == count
        import gettext

        rule = gettext.c2py(cat.plural_expr)
        assert {n: rule(n) for n in samples} == samples


@pytest.mark.parametrize("code", CODES)
def test_no_fuzzy_entries(code):
    fuzzy = [m.id for m in catalog(code) if m.id and m.fuzzy]
    assert not fuzzy, f"{code}: fuzzy entries are ignored by the app; finish or empty them: {fuzzy[:5]}"


@pytest.mark.parametrize("code", CODES)
def test_placeholders_kept(code):
    bad = []
    for m in catalog(code):
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, (tuple, list)) else (m.id,)
        strings = m.string if isinstance(m.string, (tuple, list)) else (m.string,)
        wanted = placeholders(ids[0]) | (placeholders(ids[1]) if len(ids) > 1 else set())
        for s in strings:
            # A plural form may leave {n} out (Arabic's "one service"), never add, drop or rename another.
            if s and not (placeholders(s) <= wanted and wanted - {"n"} <= placeholders(s)):
                bad.append((ids[0], s))
    assert not bad, f"{code}: placeholders changed: {bad[:5]}"


@pytest.mark.parametrize("code", CODES)
def test_every_plural_form_is_filled_or_none_is(code):
    cat = catalog(code)
    bad = []
    for m in cat:
        if m.id and isinstance(m.id, (tuple, list)):
            strings = tuple(m.string)
            if len(strings) != cat.num_plurals:
                bad.append((m.id[0], f"{len(strings)} forms"))
            elif any(strings) and not all(strings):
                bad.append((m.id[0], "some forms empty"))
    assert not bad, f"{code}: {bad[:5]}"


@pytest.mark.parametrize("code", CODES)
def test_nothing_left_identical_to_the_english(code):
    same = [m.id for m in catalog(code)
            if m.id and isinstance(m.id, str) and m.string == m.id and not _is_name_or_code(m.id)]
    assert not same, f"{code}: translated as the English (leave empty instead, or allow-list a name): {same[:5]}"


def completeness(code: str, locale_dir: Path | None = None) -> tuple[int, int, list]:
    """(translated, total, the ids still empty) for one language."""
    done, total, empty = 0, 0, []
    for m in catalog(code, locale_dir):
        if not m.id:
            continue
        total += 1
        strings = m.string if isinstance(m.string, (tuple, list)) else (m.string,)
        if all(strings) and not m.fuzzy:
            done += 1
        else:
            empty.append(m.id)
    return done, total, empty


def strict_failures(code: str, locale_dir: Path | None = None) -> list:
    """The empty messages of a language marked complete (none for a language still being filled)."""
    if not languages.info(code, locale_dir).complete:
        return []
    return completeness(code, locale_dir)[2]


@pytest.mark.parametrize("code", CODES)
def test_completeness(code, capsys):
    done, total, _empty = completeness(code)
    with capsys.disabled():
        print(f"\n{code}: {done} of {total} messages translated ({100 * done / max(total, 1):.0f}%)"
              f"{'' if languages.info(code).complete else ' (not yet marked complete)'}", end="")
    assert total > 0
    missing = strict_failures(code)
    assert not missing, f"{code} is marked complete in languages.toml but {len(missing)} are empty: {missing[:5]}"


def test_the_strict_completeness_check_bites(tmp_path):
    """A language marked complete with an empty message fails; unmarked, it is only reported."""
    folder = tmp_path / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "kinship_app.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: xx\\n"\n\nmsgid "Settings"\nmsgstr "Ajustes"\n\n'
        'msgid "Language"\nmsgstr ""\n', encoding="utf-8")
    (tmp_path / "languages.toml").write_text("[xx]\ncomplete = false\n", encoding="utf-8")
    languages._table.cache_clear()
    assert completeness("xx", tmp_path)[:2] == (1, 2)
    assert strict_failures("xx", tmp_path) == []
    (tmp_path / "languages.toml").write_text("[xx]\ncomplete = true\n", encoding="utf-8")
    languages._table.cache_clear()
    assert strict_failures("xx", tmp_path) == ["Language"]
    languages._table.cache_clear()
