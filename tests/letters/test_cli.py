"""The ``letters`` and ``letter`` commands, held to CONTRACT.md ("Letters")."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest
from letter_pdf import squash, text

from kinship_app.cli import main

# The contract's own example people object, on a special guardianship case in Leeds.
CASE = {
    "child": {"age": 9, "looked_after_before_order": True},
    "carer": {"relationship": "grandparent"},
    "arrangement": {"order": "special_guardianship_order", "days_so_far": 800, "court_involved": True},
    "household": {"council": "E08000035", "employed": True},
    "people": {
        "carer": {"name": "Margaret Ellis", "address": ["12 Mill Lane", "Leeds", "LS6 2AB"], "phone": "0113 496 0000"},
        "child": {"name": "Ellis Ward", "date_of_birth": "2017-03-27"},
        "order_date": "2024-09-02",
        "recipient": {"name": "Children's Services", "address": ["Civic Hall", "Leeds", "LS1 1UR"]},
        "employer": {"name": "Northern Buses Ltd", "address": ["Depot Road", "Leeds", "LS9 8AA"]},
    },
}


def run(argv, case, capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps(case).encode("utf-8"))))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_letters_lists_what_fits(capsys, monkeypatch):
    code, out, err = run(["letters", "-", "--as-of", "2026-11-22"], CASE, capsys, monkeypatch)
    assert code == 0 and err == ""
    listing = json.loads(out)
    ids = [item["id"] for item in listing]
    assert {"sg_support_assessment", "allowance_request", "school_previously_looked_after",
            "virtual_school_advice", "flexible_working_request", "support_summary"} <= set(ids)
    assert "private_fostering_notice" not in ids
    assert all(item["title"] for item in listing)


def test_letter_writes_a_pdf_and_nothing_on_stdout(tmp_path, capsys, monkeypatch):
    out_path = tmp_path / "sg.pdf"
    code, out, err = run(["letter", "sg_support_assessment", "-", "--out", str(out_path), "--as-of", "2026-11-22"],
                         CASE, capsys, monkeypatch)
    assert (code, out, err) == (0, "", "")
    pdf = out_path.read_bytes()
    flat = squash(text(pdf))
    for s in ("Margaret Ellis", "Ellis Ward", "27 March 2017", "2 September 2024", "22 November 2026", "Civic Hall"):
        assert squash(s) in flat


@pytest.mark.parametrize("argv,case_change,field", [
    (["letter", "sg_support_assessment"], lambda c: c["people"]["child"].pop("name"), "people.child.name"),
    (["letter", "sg_support_assessment"], lambda c: c["people"].pop("order_date"), "people.order_date"),
    (["letter", "sg_support_assessment"], lambda c: c["people"]["carer"].pop("address"),
     "people.carer.address"),
    (["letter", "flexible_working_request"], lambda c: None, "people.work.current_pattern"),
    (["letter", "private_fostering_notice"], lambda c: None, "letter"),
    (["letter", "no_such_letter"], lambda c: None, "letter"),
    (["letter", "sg_support_assessment"], lambda c: c["child"].update(age="nine"), "child.age"),
    (["letter", "sg_support_assessment", "--as-of", "22/11/2026"], lambda c: None, "--as-of"),
    (["letter", "support_summary", "--language", "xx"], lambda c: None, "language"),
    (["letter", "virtual_school_advice", "--pronouns", "it"], lambda c: None, "--pronouns"),
    (["letter", "virtual_school_advice"], lambda c: c["people"]["child"].update(pronouns="her"),
     "people.child.pronouns"),
])
def test_bad_input_exits_2_with_one_error_line(tmp_path, capsys, monkeypatch, argv, case_change, field):
    case = copy.deepcopy(CASE)
    case_change(case)
    out_path = tmp_path / "letter.pdf"
    argv = argv[:2] + ["-", "--out", str(out_path)] + argv[2:]
    if "--as-of" not in argv:
        argv += ["--as-of", "2026-11-22"]
    code, out, err = run(argv, case, capsys, monkeypatch)
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {field}:"), err
    assert not out_path.exists()  # never a letter with a blank where a name should be


@pytest.mark.parametrize("in_case,option,said", [
    (None, None, "your advice about Ellis's education"),
    ("they", None, "your advice about their education"),
    (None, "she", "your advice about her education"),
    ("they", "He", "your advice about his education"),  # the option wins over the case
    ("she", "name", "your advice about Ellis's education"),
])
def test_letter_refers_to_the_child_as_the_case_or_the_option_says(tmp_path, capsys, monkeypatch, in_case, option,
                                                                    said):
    case = copy.deepcopy(CASE)
    if in_case:
        case["people"]["child"]["pronouns"] = in_case
    out_path = tmp_path / "vsh.pdf"
    argv = ["letter", "virtual_school_advice", "-", "--out", str(out_path), "--as-of", "2026-11-22"]
    code, out, err = run(argv + (["--pronouns", option] if option else []), case, capsys, monkeypatch)
    assert (code, out, err) == (0, "", "")
    assert squash(said) in squash(text(out_path.read_bytes()))


def test_unwritable_output_exits_1_with_one_line(tmp_path, capsys, monkeypatch):
    code, out, err = run(["letter", "support_summary", "-", "--out", str(tmp_path / "no" / "such" / "dir.pdf"),
                          "--as-of", "2026-11-22"], CASE, capsys, monkeypatch)
    assert code == 1 and out == "" and err.startswith("error: --out:") and len(err.splitlines()) == 1


def test_missing_out_is_a_usage_error(capsys, monkeypatch):
    code, out, err = run(["letter", "support_summary", "-"], CASE, capsys, monkeypatch)
    assert code == 2 and out == "" and err.startswith("error:")


def test_as_a_real_process(tmp_path):
    case_file = tmp_path / "case.json"
    case_file.write_text(json.dumps(CASE), encoding="utf-8")
    out_path = tmp_path / "summary.pdf"
    proc = subprocess.run([sys.executable, "-m", "kinship_app", "letter", "support_summary", str(case_file),
                           "--out", str(out_path), "--as-of", "2026-11-22"], capture_output=True, text=True,
                          timeout=120)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")
    assert out_path.read_bytes().startswith(b"%PDF-")
    proc = subprocess.run([sys.executable, "-m", "kinship_app", "letters", str(case_file), "--as-of", "2026-11-22"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and json.loads(proc.stdout)[0]["id"] == "sg_support_assessment"


def test_the_allowance_letter_works_out_how_i_worked_this_out_from_the_cases_finances(tmp_path, capsys,
                                                                                      monkeypatch):
    """Headless, as in the app: the case's ``finances`` (as for ``estimate``) give the estimate, and
    people.allowance.how_worked_out asks for the section; asked for without finances, exit 2 naming it."""
    case = copy.deepcopy(CASE)
    case["people"]["allowance"] = {"how_worked_out": True}
    out_path = tmp_path / "allowance.pdf"
    argv = ["letter", "allowance_request", "-", "--out", str(out_path), "--as-of", "2026-11-22"]
    code, out, err = run(argv, case, capsys, monkeypatch)
    assert code == 2 and out == "" and not out_path.exists()
    assert err.startswith("error: people.allowance.how_worked_out: there is no saved allowance estimate")
    case["finances"] = {"period": "week", "income": {"earnings": 600}, "outgoings": {"housing": 150},
                        "income_support_rate": 150, "child_benefit": 27.05, "council_share_percent": 50}
    code, out, err = run(argv, case, capsys, monkeypatch)
    assert (code, out, err) == (0, "", "")
    flat = squash(text(out_path.read_bytes()))
    for s in ("How I worked this out", "This is my own estimate, not a decision.", "My estimate: About £35.70 a week.",
              "Estimated allowance: £35.70 a week"):
        assert squash(s) in flat, s
