"""JSON from outside (a case file, a household import) read so that no value can crash us.

``json.loads`` alone lets through values the rest of the app cannot take: integers of thousands of
digits (turning them into text later raises ``ValueError``), ``NaN`` and ``Infinity`` (not JSON at
all, and PostgreSQL refuses them), lone surrogates such as ``"\\ud800"`` (no UTF-8 form, so the
database driver, the PDF and standard output fail on them), NUL characters (PostgreSQL text cannot
hold them) and nesting deep enough to exhaust the stack. ``loads`` reads the text; ``check`` walks
the result and names the first bad value by its path (``household.children[0].people.name``).
"""

from __future__ import annotations

import json
import math
import re

from kinship_app.i18n import _

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which a command does without
if TYPE_CHECKING:
    from typing import Any

MAX_DEPTH = 40
# No number in a case or a household is anywhere near this long (ages, days, counts): a longer one
# is refused by name instead of being turned into an integer (Python refuses above 4,300 digits).
MAX_INT_DIGITS = 30


class JSONValueError(ValueError):
    """A value that cannot be taken, with the path of the field that holds it."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path, self.message = path, message


class TooLong:
    """An integer literal too long to be a number we use; kept as text so the path can be named."""

    __slots__ = ("digits",)

    def __init__(self, digits: str):
        self.digits = digits

    def __repr__(self) -> str:
        return f"TooLong({len(self.digits)} digits)"


def _parse_int(text: str) -> Any:
    digits = text.lstrip("-")
    if len(digits) > MAX_INT_DIGITS:
        return TooLong(text)
    return int(text)


# Nesting deeper than this is refused before any parser runs: the same answer whichever parser
# reads the text and however much stack the caller has used (json's own limit depends on both).
PARSE_DEPTH = 500
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")


def too_deep(text: str | bytes) -> bool:
    """Whether ``text`` nests arrays and objects more than ``PARSE_DEPTH`` deep (outside strings).
    Cheap for ordinary text: only text with that many brackets is scanned."""
    if isinstance(text, bytes):
        if text.count(b"[") + text.count(b"{") <= PARSE_DEPTH:
            return False
        text = text.decode("utf-8", "replace")
    elif text.count("[") + text.count("{") <= PARSE_DEPTH:
        return False
    depth = 0
    for bracket in _BRACKET.findall(_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        if depth > PARSE_DEPTH:
            return True
    return False


def loads(text: str) -> Any:
    """``json.loads`` that never raises ``ValueError`` for a long integer (see ``TooLong``).

    Raises ``json.JSONDecodeError`` for text that is not JSON and ``RecursionError`` for nesting
    deeper than ``PARSE_DEPTH`` (or than the parser can follow); callers turn both into a plain
    message.
    """
    if too_deep(text):
        raise RecursionError("nested more than PARSE_DEPTH deep")
    return json.loads(text, parse_int=_parse_int)


def _bad_text(value: str) -> str | None:
    if "\x00" in value:
        return _("contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _("contains a character that is not valid text (a lone surrogate)")
    return None


def check(value: Any, path: str, *, depth: int = 0) -> None:
    """Raise ``JSONValueError`` naming the first value that cannot be taken anywhere in ``value``."""
    if depth > MAX_DEPTH:
        raise JSONValueError(path, _("is nested too deeply"))
    if isinstance(value, str):
        problem = _bad_text(value)
        if problem:
            raise JSONValueError(path, problem)
    elif isinstance(value, TooLong):
        raise JSONValueError(path, _("is a number far too long to be used here"))
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int):
        if abs(value) >= 10 ** MAX_INT_DIGITS:
            raise JSONValueError(path, _("is a number far too long to be used here"))
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise JSONValueError(path, _("must be a real number (not NaN or infinity)"))
    elif isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise JSONValueError(path, _("has a key that is not text"))
            problem = _bad_text(key)
            if problem:
                raise JSONValueError(_join(path, printable(key)), problem)
            check(item, _join(path, key), depth=depth + 1)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            check(item, f"{path}[{i}]", depth=depth + 1)
    else:
        raise JSONValueError(path, _("is not a JSON value"))


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def printable(text: str, limit: int = 80) -> str:
    """``text`` safe to show on one line: control characters and surrogates written as escapes."""
    out = []
    for ch in text[:limit]:
        code = ord(ch)
        if code < 0x20 or code == 0x7F or 0xD800 <= code <= 0xDFFF or 0x80 <= code < 0xA0:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out) + ("…" if len(text) > limit else "")
