"""Reading a case and writing JSON for the command lines (``kinship_app.cli`` and the letter
commands in ``kinship_app.letters.cli``), so that neither imports the other's internals."""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which a command does without
if TYPE_CHECKING:
    from typing import Any


def read_case_json(source: str | None) -> Any:
    """Read one JSON document from a file path, or standard input for ``-`` or nothing.

    Every value in it is checked before the case parser sees it (kinship_app.jsonsafe): a
    4,301-digit number, NaN, a lone surrogate or deep nesting is an ``error:`` naming the field.
    """
    import json

    from kinship_app import jsonsafe
    from kinship_app.case import CaseError

    try:
        if source in (None, "-"):
            raw = sys.stdin.buffer.read()
        else:
            with open(source, "rb") as fh:
                raw = fh.read()
    except OSError as exc:
        raise CaseError("FILE", f"cannot read {source}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CaseError("case", "is not UTF-8 text") from None
    try:
        data = jsonsafe.loads(text)
    except json.JSONDecodeError as exc:
        raise CaseError("case", f"is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise CaseError("case", "is nested too deeply to be a case") from None
    try:
        jsonsafe.check(data, "")
    except jsonsafe.JSONValueError as exc:
        raise CaseError(exc.path or "case", exc.message) from None
    return data


def write_json(data: Any) -> None:
    import json

    out = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    sys.stdout.buffer.write(out.encode("utf-8"))
    sys.stdout.flush()


def error(message: str) -> None:
    """One line on standard error starting "error:", whatever the message holds."""
    from kinship_app.jsonsafe import printable

    # Input can hold control characters (a terminal escape, a lone surrogate): written as escapes.
    line = printable(" ".join(str(message).split()), limit=2000)
    sys.stderr.write("error: " + line + "\n")
    sys.stderr.flush()
