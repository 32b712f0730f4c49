"""The `assess` command exactly as CONTRACT.md says, run as a real process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

EXAMPLE = {
    "child": {"age": 9, "disabled": False, "legal_status": "none", "looked_after_before_order": False},
    "carer": {"relationship": "grandparent", "approved_foster_carer": "no"},
    "arrangement": {"order": "none", "lives_with_carer": "most_of_the_time", "days_so_far": 120,
                    "expected_days": None, "council_arranged": False, "court_involved": False},
    "household": {"council": "E08000035", "parents_died": 0, "surviving_parent_unavailable": False,
                  "employed": True},
}


def run(args, stdin: str | bytes | None = None):
    data = stdin.encode() if isinstance(stdin, str) else stdin
    return subprocess.run([sys.executable, "-m", "kinship_app", *args], input=data, capture_output=True,
                          timeout=60)


def test_contract_example_end_to_end(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(EXAMPLE))
    proc = run(["assess", str(path), "--as-of", "2026-11-22"])
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""
    out = json.loads(proc.stdout)
    assert out["definition"] == "working-definition-2023"
    assert out["as_of"] == "2026-11-22"
    assert out["kinship"] is True
    assert out["category"] == "private_family_arrangement"
    assert out["flags"] == [] and out["missing"] == []
    assert all(set(r) >= {"text", "source"} for r in out["reasons"])
    cb = next(e for e in out["entitlements"] if e["code"] == "child_benefit")
    assert set(cb) >= {"code", "title", "why", "next_step", "source", "amount"}
    assert {k: cb["amount"][k] for k in ("value", "currency", "period", "valid_from", "valid_to", "confirmed")} == {
        "value": 27.05, "currency": "GBP", "period": "week", "valid_from": "2026-04-06",
        "valid_to": "2027-04-05", "confirmed": True}


def test_reads_standard_input_with_dash_and_without_file():
    for args in (["assess", "-", "--as-of", "2026-11-22"], ["assess", "--as-of", "2026-11-22"]):
        proc = run(args, json.dumps(EXAMPLE))
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout)["category"] == "private_family_arrangement"


def test_as_of_defaults_to_today(monkeypatch):
    proc = subprocess.run([sys.executable, "-m", "kinship_app", "assess"], input=json.dumps(EXAMPLE).encode(),
                          capture_output=True, env={**__import__("os").environ, "KINSHIP_TODAY": "2025-06-01"})
    out = json.loads(proc.stdout)
    assert out["as_of"] == "2025-06-01"
    cb = next(e for e in out["entitlements"] if e["code"] == "child_benefit")
    assert cb["amount"]["value"] == 26.05


BAD = [
    ("not json at all", "case"),
    ("[1, 2]", "case"),
    (json.dumps({"child": {"age": "nine"}}), "child.age"),
    (json.dumps({"child": {"age": 30}}), "child.age"),
    (json.dumps({"child": {"age": 4.5}}), "child.age"),
    (json.dumps({"child": {"disabled": "yes"}}), "child.disabled"),
    (json.dumps({"carer": {"relationship": "neighbour"}}), "carer.relationship"),
    (json.dumps({"carer": {"relationship": "parent"}, "arrangement": {"order": "special_guardianship_order"}}),
     "arrangement.order"),
    (json.dumps({"arrangement": {"order": "cao_lives_with"}, "child": {"legal_status": "care_order"}}),
     "child.legal_status"),
    (json.dumps({"arrangement": {"days_so_far": -1}}), "arrangement.days_so_far"),
    (json.dumps({"arrangement": {"days_so_far": 40, "expected_days": 10}}), "arrangement.expected_days"),
    (json.dumps({"household": {"council": "W06000001"}}), "household.council"),
    (json.dumps({"household": {"council": "E06999999"}}), "household.council"),
    (json.dumps({"household": {"parents_died": 3}}), "household.parents_died"),
    (json.dumps({"household": {"parents_died": 2, "other_parent_situation": "father_not_known"}}),
     "household.other_parent_situation"),
    (json.dumps({"household": {"parents_died": 0, "other_parent_situation": "divorced_no_custody_no_maintenance"}}),
     "household.other_parent_situation"),
    (json.dumps({"household": {"other_parent_situation": "in_france"}}), "household.other_parent_situation"),
    # Children Act 1989 s91(12): a care order ends at 18 (a dated boundary in resources/parameters/law.toml).
    (json.dumps({"child": {"age": 18, "legal_status": "care_order"}}), "child.legal_status"),
    (json.dumps({"child": {"colour": "red"}}), "child.colour"),
    (json.dumps({"pets": {}}), "pets"),
    (json.dumps({"child": []}), "child"),
    ("[" * 100000, "case"),
]


@pytest.mark.parametrize("text,field", BAD, ids=[f for _, f in BAD])
def test_bad_input_exit_2_one_error_line_naming_the_field(text, field):
    proc = run(["assess", "--as-of", "2026-11-22"], text)
    assert proc.returncode == 2
    assert proc.stdout == b""
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert field in lines[0]
    assert "Traceback" not in proc.stderr.decode()


def test_bad_as_of_and_missing_file():
    proc = run(["assess", "--as-of", "22/11/2026"], json.dumps(EXAMPLE))
    assert proc.returncode == 2 and proc.stderr.decode().startswith("error: --as-of")
    proc = run(["assess", "/no/such/case.json"])
    assert proc.returncode == 2 and proc.stderr.decode().startswith("error:") and proc.stdout == b""


def test_not_utf8():
    proc = run(["assess"], b"\xff\xfe{")
    assert proc.returncode == 2 and proc.stderr.decode().startswith("error: case")


def test_a_care_order_at_17_is_accepted_and_at_18_is_not():
    ok = run(["assess", "--as-of", "2026-11-22"], json.dumps({"child": {"age": 17, "legal_status": "care_order"}}))
    assert ok.returncode == 0, ok.stderr
    bad = run(["assess", "--as-of", "2026-11-22"], json.dumps({"child": {"age": 18, "legal_status": "care_order"}}))
    assert bad.returncode == 2 and bad.stderr.decode().startswith("error: child.legal_status")


def test_the_answer_carries_reason_codes_and_the_facts_they_rest_on():
    proc = run(["assess", "-", "--as-of", "2026-11-22"], json.dumps(EXAMPLE))
    out = json.loads(proc.stdout)
    codes = [r["code"] for r in out["reasons"]]
    assert "friend_or_family" in codes and "private_family_arrangement" in codes
    assert all(r["rule"] == r["code"] and r["facts"] for r in out["reasons"])
    pfa = next(r for r in out["reasons"] if r["code"] == "friend_or_family")
    assert pfa["params"] == {"relationship": "grandparent"} and "grandparent" in pfa["text"]
    cb = next(e for e in out["entitlements"] if e["code"] == "child_benefit")
    assert [p["code"] for p in cb["why_codes"]] == ["child_benefit.lives_with"]
    assert cb["amount"]["rate"] == "child_benefit_eldest" and "HCWS1100" in cb["amount"]["source"]
    assert out["language"] == "en"


def test_language_english_is_the_default_and_an_unknown_one_is_one_error_line():
    same = run(["assess", "-", "--as-of", "2026-11-22", "--language", "en"], json.dumps(EXAMPLE))
    default = run(["assess", "-", "--as-of", "2026-11-22"], json.dumps(EXAMPLE))
    assert same.returncode == 0 and same.stdout == default.stdout
    proc = run(["assess", "-", "--as-of", "2026-11-22", "--language", "klingon"], json.dumps(EXAMPLE))
    assert proc.returncode == 2 and proc.stdout == b""
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: --language:")


# -- the plain forms of `assess` are read without argparse (start-up time, tests/benchmarks) --------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kinship_app import cli  # noqa: E402

TOKENS = ["-", "--as-of", "--as-of=2026-11-22", "--as-of=", "2026-11-22", "--batch", "--batch=cases.jsonl",
          "--batch=-", "cases.jsonl", "case.json", "--as", "--as-of=2026-11-22=x", "-h", "--help", "--", "-x", "",
          "-5", "--bat", "--batch=", "--language", "en", "--language=pl", "--version", "assess", "estimate", "x y.json"]


def argparse_reads(argv):
    try:
        return vars(cli.build_parser().parse_args(argv))
    except (cli.UsageError, SystemExit):
        return None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=6))
def test_the_quick_reading_of_assess_is_what_argparse_reads(tokens):
    """Wherever the quick reader answers, argparse reads the same values (and does not refuse the line);
    anything it is unsure of it leaves to argparse."""
    argv = ["assess", *tokens]
    quick = cli.quick_args(argv)
    if quick is not None:
        assert vars(quick) == argparse_reads(argv), argv


@pytest.mark.parametrize("argv", [
    ["assess"], ["assess", "-"], ["assess", "case.json", "--as-of", "2026-11-22"],
    ["assess", "--as-of=2026-11-22", "case.json"], ["assess", "--batch", "-", "--as-of", "2026-11-22"],
    ["assess", "--batch=cases.jsonl"],
])
def test_the_usual_assess_command_lines_are_read_quickly(argv):
    quick = cli.quick_args(argv)
    assert quick is not None and vars(quick) == argparse_reads(argv)
    assert cli.quick_args(["estimate", *argv[1:]]) is None and cli.quick_args([]) is None


def test_one_case_from_the_command_line_builds_no_argument_parser(tmp_path):
    """`assess FILE --as-of DATE` does not import argparse (or, through it, gettext's look-ups and shutil)."""
    path = tmp_path / "case.json"
    path.write_text(json.dumps(EXAMPLE))
    code = ("import sys\nfrom kinship_app.cli import main\n"
            f"status = main(['assess', {str(path)!r}, '--as-of', '2026-11-22'])\n"
            "print(status, sorted(m for m in ('argparse', 'shutil') if m in sys.modules), file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert proc.stderr.decode().strip() == "0 []", proc.stderr
    assert json.loads(proc.stdout)["category"] == "private_family_arrangement"


# What a one-case `assess` must not load: the argument parser (and shutil, through it), the
# letters (ReportLab, fonts), the quick check's questions, the store (SQLAlchemy), batch mode, the
# allowance estimate, Babel, and anything of the desktop app beyond its launcher; and, once the data
# files' parses are kept (kinship_app.data._cache, as from any second run), neither tomllib nor typing.
NOT_FOR_ONE_CASE = ("argparse", "shutil", "kinship_app.letters", "reportlab", "kinship_app.flow", "kinship_app.store",
                    "sqlalchemy", "kinship_app.batch", "kinship_app.estimate", "babel", "PySide6", "ui.app",
                    "tomllib", "typing", "hashlib", "pickle")


def _imported_by_assess(tmp_path, entry: list[str], case: dict) -> set[str]:
    """Every module the real process imports for one case (``-X importtime`` lists them however
    the process ends)."""
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case))
    # a first run, so that the data files' parses are kept, as they are from a second run on
    subprocess.run([sys.executable, *entry, "assess", str(path), "--as-of", "2026-11-22"], capture_output=True,
                   timeout=60, check=True)
    proc = subprocess.run([sys.executable, "-X", "importtime", *entry, "assess", str(path), "--as-of", "2026-11-22"],
                          capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout)["kinship"] is True
    imported = {line.rsplit("|", 1)[1].strip() for line in proc.stderr.decode().splitlines()
                if line.startswith("import time:") and "|" in line}
    assert "kinship_app.assess" in imported and "kinship_app.wording" in imported  # the list is read
    return imported


@pytest.mark.parametrize("entry", [["-m", "kinship_app"], ["-m", "ui"]],
                         ids=["python -m kinship_app", "kinship-app script (ui.launcher)"])
def test_one_case_imports_only_what_assess_needs(tmp_path, entry):
    imported = _imported_by_assess(tmp_path, entry, EXAMPLE)
    assert sorted(m for m in imported if any(m == n or m.startswith(n + ".") for n in NOT_FOR_ONE_CASE)) == []
    assert "kinship_app.data.councils" in imported  # the example names its council


def test_a_case_without_a_council_does_not_read_the_councils(tmp_path):
    case = {k: v for k, v in EXAMPLE.items() if k != "household"}
    assert "kinship_app.data.councils" not in _imported_by_assess(tmp_path, ["-m", "kinship_app"], case)


def test_a_long_answer_is_all_written_before_the_process_ends(tmp_path):
    """`assess` ends its process as soon as its output is flushed (cli.finish): every line of a
    large batch still arrives, through both entry points."""
    path = tmp_path / "cases.jsonl"
    path.write_text((json.dumps(EXAMPLE) + "\n") * 3000)
    for entry in (["-m", "kinship_app"], ["-m", "ui"]):
        proc = subprocess.run([sys.executable, *entry, "assess", "--batch", str(path), "--as-of", "2026-11-22"],
                              capture_output=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        lines = proc.stdout.splitlines()
        assert len(lines) == 3000 and json.loads(lines[-1])["category"] == "private_family_arrangement"


@pytest.mark.parametrize("streams", ["", "sys.stdout = None; ", "sys.stdout.close(); ", "os.close(1); "])
def test_the_process_ends_with_the_commands_status_whatever_its_output_became(streams):
    """No console (a windowed program's None), a closed stream, or a pipe gone: ``finish`` still
    ends the process with the command's status and no traceback."""
    code = f"import os, sys\nprint('unflushed', end='')\n{streams}\nfrom kinship_app.cli import finish\nfinish(['assess'], 3)\n"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert proc.returncode == 3 and proc.stderr == b"", proc.stderr
    if not streams:
        assert proc.stdout == b"unflushed"  # what was still buffered was written before the end


def test_only_the_entry_points_end_the_process():
    """``main`` returns to an in-process caller; ``finish`` returns the status of any command that
    may leave work for Python's exit (the letters write files with ReportLab)."""
    from ui.launcher import main as launcher_main

    assert cli.finish(["letter", "x"], 3) == 3 and cli.finish([], 0) == 0
    assert launcher_main(["assess", "--as-of", "1999-01-01"]) == 2  # returns: argv was given
