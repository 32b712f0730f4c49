"""The ``letters`` and ``letter`` commands (CONTRACT.md, "Letters").

    kinship-app letters [FILE | -] [--as-of YYYY-MM-DD]
    kinship-app letter LETTER_ID [FILE | -] --out PATH [--as-of YYYY-MM-DD] [--language CODE]
                       [--pronouns she|he|they|name]

``kinship_app.cli`` declares their arguments (so that listing the commands does not import this
package) and calls ``cmd_letters`` / ``cmd_letter`` here to run them. Bad input (the case, a detail the
letter needs, an unknown or unfitting letter) exits 2 with one ``error:`` line naming the field and
nothing on standard output; a PDF that cannot be written exits 1 the same way. Never a traceback.
"""

from __future__ import annotations

import argparse

from kinship_app.case import CaseError, parse_case
from kinship_app.i18n import _
from kinship_app.letters import LetterError, available_letters, build_letter, render_pdf

EXIT_BAD_INPUT = 2
EXIT_CANNOT_WRITE = 1


def _load(args: argparse.Namespace):
    from kinship_app.assess import assess
    from kinship_app.cli_io import read_case_json

    as_of = args.as_of  # a date: kinship_app.cli reads --as-of (and today's date) for every command
    data = read_case_json(args.file)
    # A case may carry the allowance estimate's ``finances`` (as for ``estimate``): the allowance
    # letter's "How I worked this out" (people.allowance.how_worked_out) is worked out from them.
    finances = data.pop("finances", None) if isinstance(data, dict) else None
    case = parse_case(data)
    estimate = None
    if finances is not None:
        from kinship_app.estimate import saved

        estimate = {"as_of": as_of.isoformat(), "result": saved.work_out(saved.inputs_for(data, finances), as_of)}
    return case, assess(case, as_of), as_of, estimate


def _with_pronouns(case, choice: str | None):
    """``--pronouns`` overrides the case's ``people.child.pronouns`` (how letters refer to the child)."""
    from kinship_app.letters.people import PRONOUNS, set_detail

    if choice is None:
        return case
    if choice.strip().lower() not in PRONOUNS:
        raise LetterError("--pronouns", _("must be one of: {choices}").format(choices=", ".join(PRONOUNS)))
    data = case.to_dict()
    data["people"] = set_detail(case.people, "child.pronouns", choice.strip().lower())
    return parse_case(data)


def cmd_letters(args: argparse.Namespace) -> int:
    from kinship_app import cli_io as cli

    try:
        case, assessment, _as_of, _estimate = _load(args)
        listing = [{"id": i.id, "title": i.title, "why": i.why, "recipient": i.recipient}
                   for i in available_letters(case, assessment)]
    except (CaseError, LetterError) as exc:
        cli.error(f"{exc.field}: {exc.message}")
        return EXIT_BAD_INPUT
    cli.write_json(listing)
    return 0


def cmd_letter(args: argparse.Namespace) -> int:
    from kinship_app import cli_io as cli

    try:
        case, assessment, as_of, estimate = _load(args)
        case = _with_pronouns(case, getattr(args, "pronouns", None))
        content = build_letter(args.letter_id, case, assessment, as_of, language=args.language, estimate=estimate)
    except (CaseError, LetterError) as exc:
        cli.error(f"{exc.field}: {exc.message}")
        return EXIT_BAD_INPUT
    try:
        render_pdf(content, args.out)
    except OSError as exc:
        cli.error("--out: " + _("cannot write {path}: {why}").format(path=args.out, why=exc.strerror or exc))
        return EXIT_CANNOT_WRITE
    return 0
