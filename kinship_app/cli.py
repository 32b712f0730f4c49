"""The core's command line: ``python -m kinship_app assess`` (and the letter commands) work
headless, as CONTRACT.md says. The ``kinship-app`` script is ``ui.launcher``, which opens the
desktop app when no command is given and otherwise calls ``main`` here; this module never imports
``ui``.

Bad input ends with exit status 2 and one line on standard error that starts ``error:`` and names
the field, never a traceback. This module is the edge: it is the one place in the package that
asks the clock for today's date, and passes it in.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from types import SimpleNamespace

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which a command does without
if TYPE_CHECKING:  # argparse itself is imported only when a parser is built (see quick_args)
    from typing import Any, Callable
    import argparse

# kinship_app.case and json are imported inside the functions that need them: plain ``kinship-app``
# starts the desktop app, whose start screen needs neither (start-up time, tests/benchmarks).
# Reading the case and writing the answer are cli_io's, shared with the letter commands, which get
# the date already read (``--as-of`` is turned into a date here): neither imports this module.
from kinship_app.cli_io import error as _error, read_case_json, write_json  # noqa: F401 (read_case_json: API)

EXIT_BAD_INPUT = 2


class UsageError(Exception):
    pass


@functools.cache
def _parser_class() -> type[argparse.ArgumentParser]:
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> None:  # one line, exit 2, like every other bad input
            raise UsageError(message)

    return _Parser


def today() -> dt.date:
    """Today's date, or KINSHIP_TODAY (YYYY-MM-DD) when set, so runs can be reproduced."""
    fixed = os.environ.get("KINSHIP_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


def parse_as_of(value: str | None) -> dt.date:
    from kinship_app.case import CaseError

    if value is None:
        return today()
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise CaseError("--as-of", "must be a date written YYYY-MM-DD, like 2026-11-22") from None
    from kinship_app.data import parameters

    first = parameters.earliest()
    if day < first:
        raise CaseError("--as-of", f"must be on or after {first.isoformat()}: the app has no rules for earlier dates")
    return day


def cmd_assess(args: argparse.Namespace) -> int:
    from kinship_app.assess import assess
    from kinship_app.case import parse_case

    language = parse_language(args.language)
    if args.batch is not None:
        if args.file is not None:
            raise UsageError("give either a case FILE or --batch FILE, not both")
        from kinship_app.batch import run_batch

        return run_batch(args.batch, args.as_of, language=language)
    case = parse_case(read_case_json(args.file))
    write_json(assess(case, args.as_of).to_json(language))
    return 0


def cmd_estimate(args: argparse.Namespace) -> int:
    from kinship_app.data._files import DataError
    from kinship_app.estimate import estimate_case

    data = read_case_json(args.file)
    try:
        result = estimate_case(data, args.as_of, extra_variants=args.variants or ())
    except DataError as exc:  # a charity's variant file: name the file, the variant and the field
        from kinship_app.case import CaseError

        raise CaseError("--variants", str(exc)) from None
    write_json(result.to_json())
    return 0


def parse_language(value: str | None) -> str:
    """A language the app has words for (``en`` when not given); otherwise a ``--language`` error."""
    from kinship_app.case import CaseError
    from kinship_app.i18n import available_languages, is_known_language

    code = value or "en"
    if not is_known_language(code):
        raise CaseError("--language", f"there is no translation for {code[:20]!r}; use one of: "
                                      f"{', '.join(available_languages())}")
    return code


def _lazy(module: str, name: str) -> Callable[[argparse.Namespace], int]:
    """A command's function, imported only when that command runs: listing the commands (or
    running ``assess``) never imports the letters package (start-up time, tests/benchmarks)."""

    def run(args: argparse.Namespace) -> int:
        import importlib

        return getattr(importlib.import_module(module), name)(args)

    return run


def build_parser() -> argparse.ArgumentParser:
    parser = _parser_class()(prog="kinship-app", description="Help for kinship carers in England.")
    sub = parser.add_subparsers(dest="command")
    p = sub.add_parser("assess", help="assess one case (JSON), or many (--batch), and print the answers as JSON")
    p.add_argument("file", nargs="?", default=None, help="case JSON file, or - for standard input")
    p.add_argument("--as-of", dest="as_of", default=None, help="the date the answer is for (YYYY-MM-DD)")
    p.add_argument("--language", default=None, help="the language of the text fields (default: en)")
    p.add_argument("--batch", metavar="FILE", default=None,
                   help="a JSON Lines file of cases (or - for standard input): one answer per line, in order")
    p.set_defaults(run=cmd_assess)
    p = sub.add_parser("estimate", help="estimate a special guardianship or child arrangements allowance "
                                        "(a case with a finances object) and print each step as JSON")
    p.add_argument("file", nargs="?", default=None, help="case JSON file with finances, or - for standard input")
    p.add_argument("--as-of", dest="as_of", default=None, help="the date the estimate is for (YYYY-MM-DD)")
    p.add_argument("--variants", action="append", default=None, metavar="FILE",
                   help="a means-test variant file from a charity (checked in full first); may be repeated")
    p.set_defaults(run=cmd_estimate)
    _add_letter_commands(sub)
    return parser


def _add_letter_commands(sub: Any) -> None:
    # Declared here rather than in kinship_app.letters.cli, so that the parser does not import the
    # letters package (ReportLab, fonts) to list them; the command's module is imported to run it.
    p = sub.add_parser("letters", help="list the letters that fit a case, as JSON")
    p.add_argument("file", nargs="?", default=None, help="case JSON file, or - for standard input")
    p.add_argument("--as-of", dest="as_of", default=None, help="the date the answer is for (YYYY-MM-DD)")
    p.set_defaults(run=_lazy("kinship_app.letters.cli", "cmd_letters"))

    p = sub.add_parser("letter", help="write one letter as an A4 PDF")
    p.add_argument("letter_id", metavar="LETTER_ID")
    p.add_argument("file", nargs="?", default=None, help="case JSON file, or - for standard input")
    p.add_argument("--out", required=True, help="where to write the PDF")
    p.add_argument("--as-of", dest="as_of", default=None, help="the date on the letter (YYYY-MM-DD)")
    p.add_argument("--language", default="en",
                   help="the family's language (default: en): the support summary is written in it; a letter "
                        "to a council, school or employer stays in English and gets a first page in it")
    p.add_argument("--pronouns", default=None, metavar="she|he|they|name",
                   help="how the letter refers to the child after naming them (people.child.pronouns; "
                        "default: the case's, else by name)")
    p.set_defaults(run=_lazy("kinship_app.letters.cli", "cmd_letter"))


# ``assess`` in its plain forms is read without building the parser (argparse makes five parsers,
# looks each message up in gettext's catalogues and imports shutil for the terminal's width: about
# a tenth of a one-case run). Anything else, or anything unusual (an option given twice or
# abbreviated, --help, a value that starts with "-"), goes to argparse, which answers as before.
# tests/rules/test_assess_command.py holds this to what argparse reads, for every form: an option
# added to ``assess`` in build_parser must be added here too (or it would be missing).
_QUICK_ASSESS = {"--as-of": "as_of", "--language": "language", "--batch": "batch"}


def quick_args(argv: list[str]) -> SimpleNamespace | None:
    """What ``build_parser().parse_args(argv)`` gives for a plain ``assess`` command line, or None
    for any other (which argparse then reads)."""
    if not argv or argv[0] != "assess":
        return None
    values: dict[str, Any] = {"file": None, **{dest: None for dest in _QUICK_ASSESS.values()}}
    seen: set[str] = set()
    i = 1
    while i < len(argv):
        arg = argv[i]
        if arg.startswith("-") and arg != "-":
            name, eq, value = arg.partition("=")
            if name not in _QUICK_ASSESS or name in seen:
                return None
            if not eq:
                if i + 1 == len(argv) or (argv[i + 1].startswith("-") and argv[i + 1] != "-"):
                    return None
                i += 1
                value = argv[i]
            seen.add(name)
            values[_QUICK_ASSESS[name]] = value
        else:
            if "FILE" in seen:
                return None
            seen.add("FILE")
            values["file"] = arg
        i += 1
    return SimpleNamespace(command="assess", **values, run=cmd_assess)


# Commands that read, work out and print, and leave nothing to tidy up (no files, no threads, no
# ``atexit`` work): run as the process's own command line, they end it once their output is out.
ENDS_AT_ONCE = frozenset({"assess", "estimate"})


def finish(argv: list[str], status: int) -> int:
    """For the entry points only (``python -m kinship_app``, the ``kinship-app`` script), with the
    process's own command line: after a command in ``ENDS_AT_ONCE``, flush what it wrote and end
    the process at once with ``status``. Python's usual exit then takes every module and object
    apart one by one, about 7 ms, a tenth of a one-case ``assess``, for memory the operating
    system frees anyway. Any other command: ``status`` is returned, for ``sys.exit``."""
    if not argv or argv[0] not in ENDS_AT_ONCE:
        return status
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # None: a program built without a console (Windows)
                stream.flush()
        except (OSError, ValueError):  # a pipe closed early or a closed stream: nothing more to say
            pass
    os._exit(status)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "--version":
        from kinship_app import __version__

        print(f"kinship-app {__version__}")
        return 0
    from kinship_app.case import CaseError

    run: Callable[[argparse.Namespace], int]
    try:
        args = quick_args(argv) or build_parser().parse_args(argv)
        if not getattr(args, "command", None):
            build_parser().print_help()
            from kinship_app.i18n import _

            print("\n" + _("To open the desktop app, run: kinship-app (or python -m ui)"))
            return 0
        if hasattr(args, "as_of"):
            args.as_of = parse_as_of(args.as_of)  # every command's date, from one place
        return args.run(args)
    except UsageError as exc:
        _error(str(exc))
        return EXIT_BAD_INPUT
    except CaseError as exc:
        _error(f"{exc.field}: {exc.message}")
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a fault of ours: still one line, never a traceback
        _error(f"internal problem ({type(exc).__name__}): {exc}")
        return 1
