"""Batch mode: ``kinship-app assess --batch FILE.jsonl`` (or ``-``), one answer per line, in order."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from batch_cases import FACTS, case_line, case_lines
from hypothesis import given, settings
from hypothesis import strategies as st

from kinship_app import batch
from kinship_app.assess import assess
from kinship_app.case import parse_case
from kinship_app.cli import main

AS_OF = dt.date(2026, 11, 22)
ROOT = Path(__file__).resolve().parents[2]


def expected(line: bytes) -> dict:
    return assess(parse_case(json.loads(line)), AS_OF).to_json()


def run_cli(argv, stdin: bytes, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_every_line_answered_in_order_with_the_same_json_as_assess(tmp_path, capsys):
    lines = list(case_lines(300))  # every rule case, more than four times over, each with other names
    path = tmp_path / "cases.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    code = main(["assess", "--batch", str(path), "--as-of", "2026-11-22"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    answers = out.splitlines()
    assert len(answers) == len(lines)
    for line, answer in zip(lines, answers):
        assert json.loads(answer) == expected(line)


def test_the_batch_answer_is_what_one_assess_prints(tmp_path, capsys):
    line = case_line(7)
    (tmp_path / "one.json").write_bytes(line)
    main(["assess", str(tmp_path / "one.json"), "--as-of", "2026-11-22"])
    single = json.loads(capsys.readouterr().out)
    (tmp_path / "one.jsonl").write_bytes(line + b"\n")
    main(["assess", "--batch", str(tmp_path / "one.jsonl"), "--as-of", "2026-11-22"])
    assert json.loads(capsys.readouterr().out) == single


def test_batch_language_gives_each_answer_as_one_assess_in_that_language(tmp_path, capsys):
    # The same answer, line for line, as `assess FILE --language pl`: the codes unchanged, the text
    # fields in Polish (a shipped catalogue).
    lines = [case_line(n) for n in range(12)]
    (tmp_path / "cases.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    code = main(["assess", "--batch", str(tmp_path / "cases.jsonl"), "--as-of", "2026-11-22", "--language", "pl"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    answers = [json.loads(x) for x in out.splitlines()]
    assert len(answers) == len(lines)
    for line, answer in zip(lines, answers):
        english = expected(line)
        assert answer == assess(parse_case(json.loads(line)), AS_OF).to_json("pl")
        assert [r["code"] for r in answer["reasons"]] == [r["code"] for r in english["reasons"]]
    texts = [r["text"] for a in answers for r in a["reasons"]]
    english_texts = [r["text"] for line in lines for r in expected(line)["reasons"]]
    assert texts and all(t != e for t, e in zip(texts, english_texts)), "some reasons were not in Polish"


def test_bad_lines_get_an_error_line_and_the_rest_carry_on(capsys, monkeypatch):
    good = case_line(0)
    lines = [
        good,
        b'{"child": {"age": "nine"}}',            # 2: wrong type
        b"not json at all",                       # 3
        b"",                                      # 4: an empty line
        b'{"child": {"age": 9}, "pets": 2}',      # 5: not a part of a case
        b'["a", "list"]',                         # 6
        b'{"carer": {"relationship": "caf\xe9"}}',  # 7: not UTF-8
        b"[" * 100_000 + b"]" * 100_000,          # 8: nested too deeply
        good,                                     # 9
    ]
    code, out, err = run_cli(["assess", "--batch", "-", "--as-of", "2026-11-22"], b"\n".join(lines) + b"\n",
                             capsys, monkeypatch)
    answers = [json.loads(a) for a in out.splitlines()]
    assert len(answers) == len(lines)
    assert answers[0] == answers[8] == expected(good)
    errors = {a["line"]: a for a in answers if "error" in a}
    assert sorted(errors) == [2, 3, 4, 5, 6, 7, 8]
    assert errors[2]["error"].startswith("child.age: must be a whole number") and errors[2]["field"] == "child.age"
    assert errors[3]["error"].startswith("case: is not valid JSON (Expecting value at column 1)")
    assert "empty line" in errors[4]["error"]
    assert errors[5]["error"].startswith("pets: is not a part of a case")
    assert errors[6]["error"].startswith("case: must be a JSON object")
    assert errors[7]["error"] == "case: is not UTF-8 text"
    assert errors[8]["error"] == "case: is nested too deeply to be a case"
    assert all(set(e) == {"line", "error", "field"} for e in errors.values())
    assert code == 2
    assert err == "error: 7 of 9 lines could not be assessed (lines 2, 3, 4, 5, 6, …); each has an error line in " \
                  "the output\n"


def test_an_over_long_line_is_refused_without_being_held(monkeypatch, capsys):
    assert batch.MAX_LINE == 1 << 20
    huge = b'{"child": {"age": 9}, "people": {"note": "' + b"x" * (3 << 20) + b'"}}'
    code, out, err = run_cli(["assess", "--batch", "-", "--as-of", "2026-11-22"],
                             case_line(1) + b"\n" + huge + b"\n" + case_line(2), capsys, monkeypatch)
    answers = [json.loads(a) for a in out.splitlines()]
    assert len(answers) == 3 and code == 2
    assert answers[0] == expected(case_line(1)) and answers[2] == expected(case_line(2))
    assert answers[1] == {"line": 2, "error": "line: is longer than 1 MiB: not a case", "field": "line"}


def test_read_lines_splits_on_newlines_only_and_keeps_the_last_line_without_one():
    fh = io.BytesIO(b'{"a": 1}\r\n\n{"b": 2}\nxxxxxxxxxxxxxxxxxxxx\n{"c": 3}')
    assert list(batch.read_lines(fh, limit=10)) == [b'{"a": 1}', b"", b'{"b": 2}', None, b'{"c": 3}']


def test_a_byte_order_mark_at_the_start_is_allowed(capsys, monkeypatch):
    code, out, _err = run_cli(["assess", "--batch", "-", "--as-of", "2026-11-22"],
                              b"\xef\xbb\xbf" + case_line(3) + b"\n", capsys, monkeypatch)
    assert code == 0 and json.loads(out) == expected(case_line(3))


def test_file_and_batch_together_and_a_missing_file_are_usage_errors(tmp_path, capsys):
    assert main(["assess", "case.json", "--batch", "cases.jsonl"]) == 2
    assert capsys.readouterr().err == "error: give either a case FILE or --batch FILE, not both\n"
    assert main(["assess", "--batch", str(tmp_path / "nowhere.jsonl")]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("error: --batch: cannot read ") and "No such file" in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_progress_bar_on_a_terminal_and_nothing_otherwise(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "PROGRESS_EVERY", 100)
    path = tmp_path / "cases.jsonl"
    path.write_bytes(b"\n".join(case_lines(250)) + b"\n")
    out = io.BytesIO()
    terminal = _Terminal()
    assert batch.run_batch(str(path), AS_OF, out=out, err=terminal) == 0
    shown = terminal.getvalue()
    assert shown.count("\r") == 3  # at 100 and 200 lines, and the final line
    assert "100 cases" in shown and "200 cases" in shown
    assert shown.endswith("\r[" + "#" * 30 + "] 100%  250 cases\n")
    assert len(out.getvalue().splitlines()) == 250
    piped = io.StringIO()
    assert batch.run_batch(str(path), AS_OF, out=io.BytesIO(), err=piped) == 0
    assert piped.getvalue() == ""


@pytest.mark.parametrize("command", [["-m", "kinship_app"], ["-m", "ui"]],
                         ids=["python -m kinship_app", "kinship-app script (ui.launcher)"])
def test_both_commands_read_standard_input_as_real_processes(command):
    lines = [case_line(0), b"{oops", case_line(1)]
    proc = subprocess.run([sys.executable, *command, "assess", "--batch", "-", "--as-of", "2026-11-22"],
                          input=b"\n".join(lines), capture_output=True, timeout=60, cwd=ROOT)
    answers = [json.loads(a) for a in proc.stdout.splitlines()]
    assert answers[0] == expected(lines[0]) and answers[2] == expected(lines[2])
    assert answers[1]["line"] == 2 and answers[1]["field"] == "case"
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith("error: 1 of 3 lines could not be assessed (lines 2)")  # no progress bar


@settings(max_examples=60, deadline=None)
@given(index=st.integers(0, len(FACTS) - 1),
       people=st.dictionaries(st.sampled_from(["carer", "child", "order_date", "recipient", "parents", "note"]),
                              st.recursive(st.text(max_size=8) | st.integers() | st.none(),
                                           lambda inner: st.lists(inner, max_size=3)
                                           | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                                           max_leaves=6), max_size=4))
def test_an_assessment_never_depends_on_people(index, people):
    """Batch mode reuses the answer for facts it has seen (names differ, facts do not): that is
    only right while ``assess`` reads the facts and the date, never ``people``."""
    facts = dict(FACTS[index])
    plain = assess(parse_case({k: v for k, v in facts.items() if k != "people"}), AS_OF).to_json()
    assert assess(parse_case(dict(facts, people=people)), AS_OF).to_json() == plain


@pytest.mark.slow
def test_a_million_lines_in_bounded_memory(tmp_path):
    """Peak memory (the process's own maximum resident size) for 1,000,000 lines stays within a
    few MiB of that for 10,000 lines: nothing grows with the file. Answers go to /dev/null."""
    variants = [json.dumps({"child": {"age": a}, "carer": {"relationship": r}, "people": {"child": {"name": "C"}}})
                for a in range(0, 18, 3) for r in ("grandparent", "aunt_uncle", "sibling", "friend")]
    variants.append('{"child": {"age": "x"}}')  # a bad line now and then: error lines are not kept either
    small, big = tmp_path / "small.jsonl", tmp_path / "big.jsonl"
    for path, n in ((small, 10_000), (big, 1_000_000)):
        with path.open("w") as fh:
            fh.writelines(variants[i % len(variants)] + "\n" for i in range(n))
    probe = ("import resource, sys\n"
             "from kinship_app.cli import main\n"
             "sys.stdout = open('/dev/null', 'w')\n"
             "code = main(['assess', '--batch', sys.argv[1], '--as-of', '2026-11-22'])\n"
             "sys.stderr.write(f'{code} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n')\n")
    peaks = {}
    for path in (small, big):
        proc = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, timeout=600, cwd=ROOT)
        code, peak_kib = proc.stderr.decode().splitlines()[-1].split()
        assert code == "2"  # the bad lines
        peaks[path.name] = int(peak_kib)
    assert peaks["big.jsonl"] - peaks["small.jsonl"] < 8 * 1024, peaks  # KiB


@pytest.mark.parametrize("line", [b'{"child": {"age": 99999999999999999999999999}}', b'{"child": {"age": NaN}}',
                                  b'{"people": {"note": "\\ud800"}, "child": {"age": 9}}',
                                  b'{"child": {"age": 9.0}}', b'  {"child": {"age": 9}}  ',
                                  b'{"child": {"age": 1' + b"0" * 5000 + b'}}', b'{"child": {"age": 1e400}}',
                                  b'{"people": {"note": "a\\u0000b"}}', b'{"people": ' + b'{"a": ' * 60 + b'1' + b'}' * 61,
                                  b'{"carer": {"relationship": "\\u001b[31mred"}}',
                                  # 19 and 20 digits: orjson reads some of these as floats
                                  b'{"child": {"age": 1234567890123456789}}', b'{"child": {"age": -9223372036854775809}}',
                                  b'{"arrangement": {"days_so_far": 18446744073709551616}}',
                                  b'{"people": {"carer": {"name": "Jo"}, "ref": 12345678901234567890}}'])
def test_lines_the_quick_reader_refuses_are_answered_as_one_assess_answers_them(line, tmp_path, capsys):
    (tmp_path / "one.json").write_bytes(line)
    single_code = main(["assess", str(tmp_path / "one.json"), "--as-of", "2026-11-22"])
    single = capsys.readouterr()
    (tmp_path / "one.jsonl").write_bytes(line + b"\n")
    main(["assess", "--batch", str(tmp_path / "one.jsonl"), "--as-of", "2026-11-22"])
    answer = json.loads(capsys.readouterr().out)
    if single_code == 0:
        assert answer == json.loads(single.out)
    else:
        assert single.err == f"error: {answer['error']}\n" and answer["line"] == 1
