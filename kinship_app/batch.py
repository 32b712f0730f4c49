"""Batch mode: ``kinship-app assess --batch FILE.jsonl`` (or ``-`` for standard input).

A charity checks a whole caseload in one run. Each input line is one case (the contract's case
JSON); each output line is that case's assessment, the same JSON as ``assess`` prints, on one line,
in the same order, so output line N always answers input line N. A line that cannot be assessed
gives ``{"line": N, "error": "field: what is wrong", "field": "field"}`` on its own output line and
the rest carry on. The file is read and written a line at a time, so memory stays bounded however
long it is; a line longer than ``MAX_LINE`` bytes is refused (and skipped to its end) rather than
held in memory.

Speed: lines are read with orjson where it gives the same values, and each answer is put together
from pieces worked out before for the same things learned about the facts, their JSON already
written (``kinship_app.batch_memo``): the same bytes as one ``assess``, tens of thousands a second.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any, BinaryIO

import orjson

from kinship_app import jsonsafe
from kinship_app.assess import assess
from kinship_app.batch_memo import BatchAssessor
from kinship_app.case import CaseError, parse_case
from kinship_app.i18n import _

MAX_LINE = 1 << 20  # 1 MiB: far more than any case, far less than memory
PROGRESS_EVERY = 2000  # lines between progress-bar updates


class BatchSummary:
    """What a run did: lines read, lines answered, and the first few bad line numbers."""

    def __init__(self) -> None:
        self.lines = 0
        self.bad = 0
        self.first_bad: list[int] = []

    def failed(self, number: int) -> None:
        self.bad += 1
        if len(self.first_bad) < 5:
            self.first_bad.append(number)


def read_lines(fh: BinaryIO, limit: int | None = None) -> Iterator[bytes | None]:
    """Lines of ``fh`` without their line ending; ``None`` for a line longer than ``limit`` bytes
    (``MAX_LINE`` unless given), whose rest is read and dropped a piece at a time."""
    limit = MAX_LINE if limit is None else limit
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # drop the rest of the over-long line without holding it
                rest = fh.readline(limit)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line.rstrip(b"\r\n")


MEMO_SIZE = 4096  # answers kept for facts seen before in this run


def assess_line(raw: bytes | None, number: int, as_of: dt.date,
                memo: dict[tuple[Any, ...], bytes] | None = None, language: str = "en",
                assessor: BatchAssessor | None = None) -> tuple[bytes, bool]:
    """One output line (without its newline) for one input line, and whether it was answered.

    ``memo`` keeps the answers for facts already seen in this run: an assessment depends on the
    facts and the date only, never on ``people`` (names and addresses, which only letters read;
    tests/batch/test_batch.py holds ``assess`` to that), so two families with the same facts get
    the same answer, byte for byte, and the second is not worked out again. ``assessor`` (a
    ``BatchAssessor`` for the same day and language, as ``assess_stream`` uses) does that and more:
    it reuses each piece of an answer (and whole answers) for lines whose facts agree on all that
    piece learned about them (``kinship_app.batch_memo``); ``memo`` is then not needed."""
    try:
        if raw is None:
            raise CaseError("line", _("is longer than {size} MiB: not a case").format(size=MAX_LINE >> 20))
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]  # a byte order mark at the start of the file
        data = _read(raw)
        case = parse_case(data)
        if assessor is not None:
            return assessor.answer(case), True
        if memo is None:
            return orjson.dumps(assess(case, as_of).to_json(language)), True
        key = (case.child, case.carer, case.arrangement, case.household)
        out = memo.get(key)
        if out is None:
            out = orjson.dumps(assess(case, as_of).to_json(language))
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            memo[key] = out
        return out, True
    except CaseError as exc:
        return _error_line(number, f"{exc.field}: {exc.message}", exc.field), False
    except RecursionError:
        return _error_line(number, "case: " + _("is nested too deeply to be a case"), "case"), False
    except Exception as exc:  # a fault of ours on one line: say so on that line, carry on
        problem = _("internal problem ({kind}): {detail}").format(kind=type(exc).__name__, detail=exc)
        return _error_line(number, problem, ""), False


# A run of 19 digits, found as a run of 19 "0"s once every digit is "0" and everything else a space
# (a C scan: the regular expression [0-9]{19} took longer than reading the line with orjson).
_DIGITS_AS_ZEROS = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))
_NINETEEN_DIGITS = b"0" * 19


def _read(raw: bytes) -> Any:
    """One line's JSON, read and checked exactly as ``assess`` reads one case (kinship_app.jsonsafe).

    The quick reader (orjson) is used only where it gives the same values: it reads integers of 19
    digits or more as floats, so those lines are read the standard way. What orjson reads has no
    NaN, infinity, lone surrogate or key that is not text (it refuses them), so the full check is
    needed only where a NUL character (written ``\\u0000``) or nesting deeper than the limit could be.
    tests/fuzz/test_any_json_batch.py holds every line's answer to what ``assess`` says."""
    if jsonsafe.too_deep(raw):  # the same limit as one case's reader, before any parser runs
        raise CaseError("case", _("is nested too deeply to be a case"))
    if _NINETEEN_DIGITS not in raw.translate(_DIGITS_AS_ZEROS):
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass  # read the standard way below, for the same message
        else:
            if b"\\u0000" in raw or raw.count(b"{") + raw.count(b"[") > jsonsafe.MAX_DEPTH:
                _check(data)
            return data
    data = _read_slowly(raw)
    _check(data)
    return data


def _check(data: Any) -> None:
    try:  # every value checked before the case parser sees it, as for one case
        jsonsafe.check(data, "")
    except jsonsafe.JSONValueError as exc:
        raise CaseError(exc.path or "case", exc.message) from None


def _read_slowly(raw: bytes) -> Any:
    """A line the quick reader refused, read as ``assess`` reads one case, for the same answer or
    the same message (numbers too large for it, for example, reach the case's own check)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CaseError("case", _("is not UTF-8 text")) from None
    if not text.strip():
        raise CaseError("case", _("is an empty line: expected one case as JSON"))
    try:
        return jsonsafe.loads(text)
    except json.JSONDecodeError as exc:
        raise CaseError("case", _("is not valid JSON ({problem} at column {column})").format(
            problem=exc.msg, column=exc.colno)) from None
    except RecursionError:
        raise CaseError("case", _("is nested too deeply to be a case")) from None


def _error_line(number: int, message: str, field: str) -> bytes:
    # Input can hold control characters or a lone surrogate: written as escapes, as on standard error.
    return orjson.dumps({"line": number, "error": jsonsafe.printable(" ".join(message.split()), limit=2000),
                         "field": jsonsafe.printable(field, limit=200)})


def assess_stream(lines: Iterable[bytes | None], as_of: dt.date, summary: BatchSummary | None = None,
                  language: str = "en") -> Iterator[bytes]:
    """Output lines (each ending in a newline) for input lines, in order, one at a time; the text
    fields of each answer in ``language`` (one language and one day for the whole run, so what was
    worked out for one line holds for the next)."""
    summary = summary if summary is not None else BatchSummary()
    assessor = BatchAssessor(as_of, language)
    for number, raw in enumerate(lines, start=1):
        out, ok = assess_line(raw, number, as_of, None, language, assessor)
        summary.lines = number
        if not ok:
            summary.failed(number)
        yield out + b"\n"


class Progress:
    """A one-line progress bar on standard error, redrawn every ``PROGRESS_EVERY`` lines (no clock)."""

    WIDTH = 30

    def __init__(self, stream: IO[str], total_bytes: int | None) -> None:
        self.stream = stream
        self.total = total_bytes

    def show(self, summary: BatchSummary, done_bytes: int | None, final: bool = False) -> None:
        lines = _("{n:,} cases").format(n=summary.lines)
        bad = _("{n:,} could not be assessed").format(n=summary.bad) if summary.bad else ""
        if self.total and done_bytes is not None:
            share = min(1.0, done_bytes / self.total) if self.total else 1.0
            filled = int(share * self.WIDTH)
            bar = "[" + "#" * filled + "-" * (self.WIDTH - filled) + f"] {share:4.0%}  "
        else:
            bar = ""
        text = "\r" + bar + lines + (", " + bad if bad else "")
        self.stream.write(text + ("\n" if final else ""))
        self.stream.flush()


def run_batch(source: str, as_of: dt.date, out: BinaryIO | None = None, err: IO[str] | None = None,
              language: str = "en") -> int:
    """Assess every line of ``source`` (a path, or ``-`` for standard input), writing to ``out``.
    Returns the exit status: 0 when every line was answered, 2 when some could not be (each said so
    on its own output line, and standard error says how many), as for one bad case."""
    out = out if out is not None else sys.stdout.buffer
    err = err if err is not None else sys.stderr
    if source == "-":
        fh: BinaryIO = sys.stdin.buffer
        total = None
    else:
        try:
            fh = open(source, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise CaseError("--batch", _("cannot read {path}: {why}").format(path=source, why=exc.strerror or exc)) from None
        try:
            total = os.fstat(fh.fileno()).st_size
        except OSError:
            total = None
    progress = Progress(err, total) if _is_terminal(err) else None
    summary = BatchSummary()
    try:
        for i, line in enumerate(assess_stream(read_lines(fh), as_of, summary, language), start=1):
            out.write(line)
            if progress is not None and i % PROGRESS_EVERY == 0:
                progress.show(summary, _tell(fh))
        out.flush()
    finally:
        if fh is not sys.stdin.buffer:
            fh.close()
    if progress is not None:
        progress.show(summary, total, final=True)
    if summary.bad:
        lines = ", ".join(str(n) for n in summary.first_bad) + (", …" if summary.bad > len(summary.first_bad) else "")
        err.write("error: " + _("{bad:,} of {total:,} lines could not be assessed (lines {lines}); each has an "
                                "error line in the output").format(bad=summary.bad, total=summary.lines,
                                                                   lines=lines) + "\n")
        err.flush()
        return 2
    return 0


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _tell(fh: BinaryIO) -> int | None:
    try:
        return fh.tell()
    except (OSError, ValueError):
        return None
