"""The ``letters`` and ``letter`` commands (CONTRACT.md, "Letters").

    python -m kinship_app letters [FILE | -] [--as-of YYYY-MM-DD]
    python -m kinship_app letter LETTER_ID [FILE | -] --out PATH [--as-of YYYY-MM-DD]

``add_commands(subparsers, today)`` registers both on the main parser; each parsed namespace then
carries ``run(args) -> int``. Bad input (the case, a missing detail, an unknown letter) exits 2 with
one ``error:`` line naming the field and nothing on standard output; a PDF that cannot be written
exits 1 the same way. Never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any, Callable, TextIO

from kinship_app.case import CaseError, parse_case, parse_date
from kinship_app.i18n import _
from kinship_app.letters import LetterError, available_letters, build_letter, render_pdf

Assessor = Callable[[Any, dt.date], Any]


def _default_assess(case, as_of):
    from kinship_app.assess import assess

    return assess(case, as_of)


def read_case(source: str, stdin: TextIO):
    """Parse the case JSON from FILE or '-' (standard input); raises CaseError."""
    try:
        if source == "-":
            raw = stdin.read()
        else:
            with open(source, encoding="utf-8") as fh:
                raw = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseError("FILE", _("cannot read {name}: {why}").format(
            name=source, why=getattr(exc, "strerror", None) or _("not UTF-8 text"))) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CaseError("case", _("is not valid JSON (line {line}, column {col}: {msg})").format(
            line=exc.lineno, col=exc.colno, msg=exc.msg)) from None
    return parse_case(data)


def _as_of(args, today: Callable[[], dt.date]) -> dt.date:
    return parse_date(args.as_of, "--as-of") if args.as_of else today()


def _fail(stderr: TextIO, field: str, message: str, code: int = 2) -> int:
    # One line, whatever the field or message hold (a case value could contain a newline).
    line = f"error: {field}: {message}".replace("\r", " ").replace("\n", " ")
    print(line, file=stderr)
    return code


def run_letters(args, *, today: Callable[[], dt.date], assess: Assessor | None = None,
                stdin: TextIO | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    try:
        case = read_case(args.file, stdin)
        as_of = _as_of(args, today)
        assessment = (assess or _default_assess)(case, as_of)
        listing = [{"id": info.id, "title": info.title, "why": info.why, "recipient": info.recipient}
                   for info in available_letters(case, assessment)]
    except (CaseError, LetterError) as exc:
        return _fail(stderr, exc.field, exc.message)
    json.dump(listing, stdout, ensure_ascii=False, indent=2)
    stdout.write("\n")
    return 0


def run_letter(args, *, today: Callable[[], dt.date], assess: Assessor | None = None,
               stdin: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdin, stderr = stdin or sys.stdin, stderr or sys.stderr
    try:
        case = read_case(args.file, stdin)
        as_of = _as_of(args, today)
        assessment = (assess or _default_assess)(case, as_of)
        content = build_letter(args.letter_id, case, assessment, as_of, language=args.language)
    except (CaseError, LetterError) as exc:
        return _fail(stderr, exc.field, exc.message)
    try:
        render_pdf(content, args.out)
    except OSError as exc:
        return _fail(stderr, "--out", _("cannot write {path}: {why}").format(
            path=args.out, why=exc.strerror or exc), code=1)
    return 0


def add_commands(subparsers, today: Callable[[], dt.date], assess: Assessor | None = None) -> None:
    """Register ``letters`` and ``letter`` on an argparse sub-parser group."""
    p = subparsers.add_parser("letters", help=_("list the letters that fit a case, as JSON"))
    p.add_argument("file", nargs="?", default="-", metavar="FILE", help=_("case JSON file, or - for standard input"))
    p.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD", help=_("the date the answer is for"))
    p.set_defaults(run=lambda args: run_letters(args, today=today, assess=assess))

    p = subparsers.add_parser("letter", help=_("write one letter as an A4 PDF"))
    p.add_argument("letter_id", metavar="LETTER_ID")
    p.add_argument("file", nargs="?", default="-", metavar="FILE", help=_("case JSON file, or - for standard input"))
    p.add_argument("--out", required=True, metavar="PATH", help=_("where to write the PDF"))
    p.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD", help=_("the date on the letter"))
    p.add_argument("--language", default="en", help=_("the letter's language (default: en)"))
    p.set_defaults(run=lambda args: run_letter(args, today=today, assess=assess))


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors follow the contract: exit 2 and one ``error:`` line."""

    def error(self, message: str):
        _fail(sys.stderr, "arguments", message)
        raise SystemExit(2)


def main(argv: list[str] | None = None, *, today: Callable[[], dt.date], assess: Assessor | None = None) -> int:
    """``python -m kinship_app.letters.cli letters|letter …`` — the same commands, standalone."""
    parser = _Parser(prog="kinship-app")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    add_commands(sub, today, assess)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    # The command line is where "today" comes from; the core is always given its date.
    sys.exit(main(today=dt.date.today))
