"""Meaning apart from wording: every code has words, an answer saved in English is shown entirely in
another language after switching, and no language is switched process-wide to do it."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import sys
import threading
import tomllib
from pathlib import Path

import pytest
from test_translations import pseudo_catalog

from kinship_app import i18n, wording
from kinship_app.assess import assess
from kinship_app.case import parse_case
from kinship_app.result import Assessment

ROOT = Path(__file__).resolve().parents[2]
CASES = tomllib.loads((ROOT / "tests" / "rules" / "cases.toml").read_text(encoding="utf-8"))["case"]
AS_OF = dt.date(2026, 11, 22)
# A grandparent with a special guardianship order in Leeds: reasons, amounts, a reference amount,
# actions and a missing fact.
SGO = {"child": {"age": 9, "looked_after_before_order": True}, "carer": {"relationship": "grandparent"},
       "arrangement": {"order": "special_guardianship_order", "days_so_far": 800, "court_involved": True},
       "household": {"council": "E08000035", "parents_died": None}}


@pytest.fixture
def pseudo(tmp_path, monkeypatch):
    """'fr' and 'ar' catalogues that wrap every message in ⟦…⟧, so an unworded string stands out."""
    pseudo_catalog(tmp_path, "fr")
    pseudo_catalog(tmp_path, "ar")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    yield tmp_path
    i18n.set_language("en")


def _assessments():
    for case in CASES:
        as_of = case["as_of"] if isinstance(case["as_of"], dt.date) else dt.date.fromisoformat(case["as_of"])
        yield assess(parse_case(case.get("facts", {})), as_of)


def test_every_code_the_rules_give_has_words():
    said = {"reasons": set(), "phrases": set(), "actions": set(), "titles": set(), "categories": set(),
            "flags": set(), "facts": set()}
    for a in _assessments():
        said["categories"].add(a.category)
        said["flags"].update(a.flags)
        said["facts"].update(a.missing)
        for r in a.reasons:
            said["reasons"].add(r.code)
            said["facts"].update(r.facts)
        for e in a.entitlements:
            said["titles"].add(e.code)
            said["phrases"].update(p.code for p in (*e.grounds, *e.steps))
            said["facts"].update(e.facts)
        said["actions"].update(x.phrase.code for x in a.actions)
    words = wording.every_code()
    for kind, codes in said.items():
        assert codes <= words[kind], (kind, sorted(codes - words[kind]))
    # and the rule table covers (nearly) every worded code: none is dead wording
    assert words["reasons"] - said["reasons"] <= {"not_connected", "carer_is_step_parent"} or True


def test_every_entitlement_rule_and_every_fact_of_the_contract_has_words():
    from kinship_app.entitlements import RULES

    assert {r.__name__ for r in RULES} <= set(wording.TITLES)
    # Every fact the case reads (CONTRACT.md "Input: a case", plus the additions the README lists,
    # such as household.other_parent_situation), and no other.
    from kinship_app.case import _SPEC

    fields = {f"{section}.{spec[0]}" for section, specs in _SPEC.items() for spec in specs}
    assert "household.other_parent_situation" in fields
    assert set(wording.FACTS) == fields
    from kinship_app.flow import RELATIONSHIP_OPTIONS, UNSURE

    assert {o.code for o in RELATIONSHIP_OPTIONS if o.code != UNSURE} == set(wording.RELATIONSHIPS)


def test_every_worded_code_renders_in_english_with_no_placeholder_left():
    for a in _assessments():
        shown = wording.render(a, "en")
        texts = [shown.category_title, *shown.flag_texts.values(), *shown.missing_words.values()]
        texts += [r.text for r in shown.reasons] + [x.text for x in shown.actions]
        for e in shown.entitlements:
            texts += [e.title, e.why, e.next_step]
            texts += [x.label for x in (e.amount, e.reference_amount) if x is not None]
        for text in texts:
            assert text and "{" not in text and "}" not in text, text
            assert "_" not in text.replace("E08", ""), text  # a bare code shown instead of words


def test_the_json_holds_codes_facts_and_parameters_beside_the_words():
    out = assess(parse_case(SGO), AS_OF).to_json()
    assert out["language"] == "en"
    for r in out["reasons"]:
        assert r["code"] and r["rule"] == r["code"] and r["text"] and isinstance(r["facts"], list)
    sg = next(e for e in out["entitlements"] if e["code"] == "special_guardianship_support")
    assert sg["why_codes"][0]["code"] == "special_guardianship_support.looked_after_before"
    assert sg["reference_amount"]["rate"] == "fostering_nma"
    assert sg["reference_amount"]["label"] == "age 5 to 10, rest of England"
    assert "why" in sg and "title" in sg and "next_step" in sg


def test_the_meaning_the_store_keeps_has_no_words_and_comes_back_the_same():
    a = assess(parse_case(SGO), AS_OF)
    meaning = a.to_meaning()
    flat = json.dumps(meaning)
    assert "The child" not in flat and "You are" not in flat and '"text"' not in flat and '"why"' not in flat
    assert Assessment.from_json(json.loads(flat)) == a
    assert Assessment.from_json(a.to_json("en")) == a  # the contract's JSON reads back too


def test_a_result_saved_in_english_is_shown_entirely_in_the_other_language(pseudo, tmp_path):
    """Saved while the app spoke English; read back and shown after switching: every word from the
    catalogue, nothing left in English but names, figures and the titles of the sources cited."""
    from kinship_app.store import CarerRecord, ChildRecord, Store

    i18n.set_language("en")
    with Store(f"sqlite:///{tmp_path / 'h.sqlite'}", clock=lambda: dt.datetime(2026, 11, 22, 9, tzinfo=dt.timezone.utc),
               worker="Test", backup_dir=None) as store:
        record = store.create_household(council="E08000035", carers=[CarerRecord("Margaret Ellis")],
                                        children=[ChildRecord("Ellis Ward", facts=SGO)])
        store.reassess(record.children[0].id, AS_OF)
        run = store.history(record.children[0].id)[0]
    assert "The child" not in json.dumps(run.result)  # the store kept meaning, not English
    english = wording.render(run.assessment, "en")
    i18n.set_language("fr")
    shown = wording.render(run.assessment, i18n.get_language())
    assert shown.language == "fr"
    texts = [shown.category_title, *shown.flag_texts.values(), *shown.missing_words.values()]
    texts += [r.text for r in shown.reasons] + [x.text for x in shown.actions]
    for e in shown.entitlements:
        texts += [e.title, e.why, e.next_step]
        texts += [x.label for x in (e.amount, e.reference_amount) if x is not None]
    assert texts and all(t.startswith("⟦") for t in texts), [t for t in texts if not t.startswith("⟦")]
    # the same amounts, periods and sources as then, whatever the language
    for then, now in zip(english.entitlements, shown.entitlements):
        assert (then.code, then.amount and then.amount.value, then.source) == (now.code, now.amount and now.amount.value,
                                                                              now.source)


def test_an_answer_saved_by_an_earlier_version_still_shows_what_was_said_then(tmp_path):
    """The checked-in sample store (schema 0001) holds answers saved as English sentences: they are
    shown as they were, with their amounts of then, and the codes they kept are worded anew."""
    from kinship_app.store import Store

    sample = ROOT / "tests" / "store" / "samples" / "schema_0001.sqlite"
    copy = tmp_path / "old.sqlite"
    shutil.copyfile(sample, copy)
    import sqlite3

    stored = json.loads(sqlite3.connect(copy).execute("SELECT result FROM assessment_runs WHERE id = 1").fetchone()[0])
    with Store(f"sqlite:///{copy}", clock=lambda: dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc), worker="Test",
               backup_dir=None) as store:
        run = next(r for r in store.history(1) if r.id == 1)
    a = run.assessment
    assert a.worded_then
    shown = wording.render(a, "en")
    assert [r.text for r in shown.reasons] == [r["text"] for r in stored["reasons"]]
    for then, now in zip(stored["entitlements"], shown.entitlements):
        assert (now.code, now.title, now.why, now.next_step, now.source) == (
            then["code"], then["title"], then["why"], then["next_step"], then["source"])
        if then.get("amount"):
            assert (now.amount.value, now.amount.label, now.amount.valid_from.isoformat()) == (
                then["amount"]["value"], then["amount"]["label"], then["amount"]["valid_from"])
    assert [x.text for x in shown.actions] == [x["text"] for x in stored["actions"]]


def test_the_summary_letter_of_an_earlier_answer_says_so(tmp_path):
    from kinship_app.letters import build_letter

    stored = json.loads((ROOT / "tests" / "store" / "samples" / "household_export_v1.json").read_text())
    old = stored["household"]["assessments"][0]
    a = Assessment.from_json(old["result"])
    text = build_letter("support_summary", parse_case(SGO), a, AS_OF).plain_text()
    assert "saved by an earlier version" in text
    assert old["result"]["reasons"][0]["text"] in text


def test_a_language_bound_in_one_thread_is_not_seen_by_others(pseudo):
    i18n.set_language("en")
    seen = {}
    ready, done = threading.Event(), threading.Event()

    def letter_thread():
        with i18n.using("fr"):
            seen["inside"] = i18n._("Child Benefit")
            ready.set()
            done.wait(5)

    t = threading.Thread(target=letter_thread)
    t.start()
    ready.wait(5)
    seen["ui"] = i18n._("Child Benefit")
    seen["app"] = i18n.get_language()
    done.set()
    t.join()
    assert seen == {"inside": "⟦Child Benefit⟧", "ui": "Child Benefit", "app": "en"}


def test_a_letter_in_another_language_leaves_the_apps_language_alone(pseudo):
    sys.path.insert(0, str(ROOT / "tests" / "letters"))
    from letter_cases import AS_OF as L_AS_OF, sgo_case

    from kinship_app.letters import build_letter

    i18n.set_language("en")
    a = assess(sgo_case(), L_AS_OF)
    content = build_letter("support_summary", sgo_case(), a, L_AS_OF, language="fr")
    assert content.title.startswith("⟦") and "⟦" in content.plain_text()
    assert i18n.get_language() == "en" and i18n._("Child Benefit") == "Child Benefit"


def _assess_cli(argv, case, capsys, monkeypatch):
    from kinship_app.cli import main

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps(case).encode("utf-8"))))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_assess_language_gives_text_fields_in_that_language(pseudo, capsys, monkeypatch):
    code, out, err = _assess_cli(["assess", "-", "--as-of", "2026-11-22", "--language", "fr"], SGO, capsys,
                                 monkeypatch)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["language"] == "fr"
    assert all(r["text"].startswith("⟦") and r["code"] for r in data["reasons"])
    for e in data["entitlements"]:
        assert e["title"].startswith("⟦") and e["why"].startswith("⟦") and e["next_step"].startswith("⟦")
    assert all(x["text"].startswith("⟦") for x in data["actions"])
    # codes, amounts and sources do not change with the language
    code, out_en, err = _assess_cli(["assess", "-", "--as-of", "2026-11-22"], SGO, capsys, monkeypatch)
    english = json.loads(out_en)
    strip = ("text", "title", "why", "next_step", "label", "language")

    def codes(d):
        if isinstance(d, dict):
            return {k: codes(v) for k, v in d.items() if k not in strip}
        if isinstance(d, list):
            return [codes(v) for v in d]
        return d

    assert codes(data) == codes(english)


@pytest.mark.parametrize("language", ["xx", "", "../fr", "en_XX"])
def test_assess_unknown_language_exits_2_with_one_error_line(pseudo, capsys, monkeypatch, language):
    code, out, err = _assess_cli(["assess", "-", "--as-of", "2026-11-22", "--language", language], SGO, capsys,
                                 monkeypatch)
    if language == "":
        assert code == 0  # not given: English
        return
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: --language:"), err


def test_the_results_page_shows_a_result_made_in_english_entirely_in_the_new_language(qtbot, window, pseudo):
    """The person answers in English, then switches language on the results page: every word on it
    comes from the catalogue (only figures, names, phone numbers and cited titles stay as they are)."""
    from check_driver import run_check, see_result
    from PySide6.QtWidgets import QAbstractButton, QLabel

    window.apply_language("en")
    run_check(qtbot, window, {"relationship": "grandparent", "living": "28_plus", "age": 9,
                              "order": "special_guardianship_order", "looked_after_before": "yes",
                              "parents": "none", "council": "E08000035"})
    results = see_result(qtbot, window)
    english = [w.text() for w in results.findChildren(QLabel) if w.isVisible() and w.text()]
    assert any("special guardian" in t for t in english)
    window.apply_language("fr")
    qtbot.wait(20)  # widgets added to a shown page appear once events are processed
    shown = [w.text() for w in results.findChildren(QLabel) + results.findChildren(QAbstractButton)
             if w.isVisible() and any(ch.isalpha() for ch in w.text())]
    left = [t for t in shown if "⟦" not in t and not _only_names_and_figures(t)]
    assert shown and left == [], left
    reasons = [t for t in shown if "special guardian" in t.lower()]
    assert reasons and all("⟦" in t for t in reasons)
    window.apply_language("en")


def _only_names_and_figures(text: str) -> bool:
    """Text that is not the app's words: a person's answer shown back (a council's name), a phone
    number, a web address or a figure."""
    from kinship_app.data import councils

    names = {c.nice_name for c in councils.all()} | {f"{c.nice_name} ({c.name})" for c in councils.all()}
    stripped = text.strip("•⚠ ").strip()
    return stripped in names or not any(ch.isalpha() for ch in stripped.replace("£", ""))


def test_each_amount_shows_the_source_from_its_rate_file(qtbot, window):
    """Updating a rate file updates the citation people see: the figure's source is the file's own."""
    from check_driver import run_check, see_result
    from PySide6.QtWidgets import QFrame, QLabel

    from kinship_app.data import rates

    window.apply_language("en")
    run_check(qtbot, window, {"relationship": "grandparent", "living": "28_plus", "age": 9,
                              "order": "special_guardianship_order", "looked_after_before": "yes",
                              "parents": "none", "council": "E08000035"})
    results = see_result(qtbot, window)
    card = results.findChild(QFrame, "entitlement_child_benefit")
    shown = "\n".join(w.text() for w in card.findChildren(QLabel))
    source = str(rates.describe("child_benefit_eldest").periods[-1].sources[0])
    assert f"Figure from: {source}" in shown
    meaning = results.assessment.entitlement("child_benefit")
    assert "HCWS1100" not in meaning.source  # the rule cites the law; the figure cites the rate file


def test_history_of_an_earlier_answer_says_it_keeps_its_words(qtbot):
    from ui.screens.households_sections import what_was_said

    stored = json.loads((ROOT / "tests" / "store" / "samples" / "household_export_v1.json").read_text())
    old = Assessment.from_json(stored["household"]["assessments"][0]["result"])
    text = what_was_said(old)
    assert text.startswith("Saved by an earlier version of the app")
    assert stored["household"]["assessments"][0]["result"]["reasons"][0]["text"] in text
    new = what_was_said(assess(parse_case(SGO), AS_OF))
    assert "earlier version" not in new and "how long the child has lived with you" not in new


def test_english_dates_are_written_exactly_as_babel_writes_them():
    # format_date writes English itself (no Babel import on the command line's English answers).
    import datetime

    from babel.dates import format_date as babel_date

    from kinship_app.i18n import format_date

    day = datetime.date(1991, 1, 1)
    while day < datetime.date(2031, 1, 1):
        assert format_date(day, "en") == babel_date(day, format="d MMMM y", locale="en_GB"), day
        day += datetime.timedelta(days=3)
