"""Reading the ``people`` part of a case: names, addresses and dates that letters print.

A detail is named by a dotted path inside ``people`` (``child.name``). Absent, null or blank means
not given: a letter that needs it raises ``MissingDetail`` so the app can ask, and nothing is ever
printed with a blank where a name should be. Wrong types and characters no embedded font can draw
raise ``LetterError`` naming the field.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any

from kinship_app.i18n import _
from kinship_app.letters import text as textmod
from kinship_app.letters.content import LetterError, MissingDetail

KINDS = ("text", "long_text", "date", "address", "people", "addresses", "date_or_none", "yes_no", "pronouns")

# How letters refer to the child after naming them (``child.pronouns``): absent means "name", the
# first name or the name the family gave, as letters did before the family could choose.
PRONOUNS = ("she", "he", "they", "name")


@dataclass(frozen=True)
class Spec:
    path: str
    label: str  # N_() string, translated when shown
    kind: str
    required: bool = True
    hint: str = ""  # N_() string


def get_raw(people: dict[str, Any], path: str) -> Any:
    node: Any = people
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def set_detail(people: dict[str, Any] | None, path: str, value: Any) -> dict[str, Any]:
    """A copy of ``people`` with ``path`` set to ``value`` (for the app's 'complete the details')."""
    out = copy.deepcopy(people) if people else {}
    node = out
    parts = path.split(".")
    for part in parts[:-1]:
        if not isinstance(node.get(part), dict):
            node[part] = {}
        node = node[part]
    node[parts[-1]] = value
    return out


def is_missing(people: dict[str, Any], spec: Spec) -> bool:
    raw = get_raw(people, spec.path)
    if raw is None:
        return True
    if spec.kind in ("people", "addresses"):
        return not isinstance(raw, list)  # an empty list is an answer: "none"
    if spec.kind == "yes_no":
        return not isinstance(raw, bool)
    if spec.kind == "pronouns":
        return isinstance(raw, str) and not raw.strip()
    if spec.kind == "address":
        return isinstance(raw, list) and not any(isinstance(x, str) and textmod.clean(x).strip() for x in raw)
    return isinstance(raw, str) and not textmod.clean(raw).strip()


def read(people: dict[str, Any], spec: Spec) -> Any:
    """The checked value at ``spec.path``, or None if optional and not given."""
    field = f"people.{spec.path}"
    if is_missing(people, spec):
        if spec.required:
            raise MissingDetail(field, _("is needed for this letter: {label}").format(label=_(spec.label)))
        return None
    raw = get_raw(people, spec.path)
    return _check(field, raw, spec.kind)


def _text(field: str, raw: Any) -> str:
    if not isinstance(raw, str):
        raise LetterError(field, _("must be text"))
    value = " ".join(textmod.clean(raw).split())
    if not value:
        raise MissingDetail(field, _("must not be blank"))
    bad = textmod.unprintable(value)
    if bad:
        raise LetterError(field, _("has characters the letter fonts cannot print ({chars}); "
                                   "please write it in letters the letter can show").format(chars=bad[:10]))
    return value


def _date(field: str, raw: Any) -> dt.date:
    if not isinstance(raw, str):
        raise LetterError(field, _("must be a date written YYYY-MM-DD"))
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise LetterError(field, _("must be a date written YYYY-MM-DD")) from None


def _address(field: str, raw: Any) -> tuple[str, ...]:
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list):
        raise LetterError(field, _("must be a list of address lines"))
    lines = []
    for i, line in enumerate(raw):
        if not isinstance(line, str):
            raise LetterError(f"{field}[{i}]", _("must be text"))
        if textmod.clean(line).strip():
            lines.append(_text(f"{field}[{i}]", line))
    if not lines:
        raise MissingDetail(field, _("must have at least one line"))
    return tuple(lines)


def _check(field: str, raw: Any, kind: str) -> Any:
    if kind in ("text", "long_text"):
        return _text(field, raw)
    if kind == "date":
        return _date(field, raw)
    if kind == "date_or_none":
        if isinstance(raw, str) and raw.strip().lower() == "none":
            return "none"
        return _date(field, raw)
    if kind == "yes_no":
        return raw
    if kind == "pronouns":
        if not isinstance(raw, str) or raw.strip().lower() not in PRONOUNS:
            raise LetterError(field, _("must be one of: {choices}").format(choices=", ".join(PRONOUNS)))
        return raw.strip().lower()
    if kind == "address":
        return _address(field, raw)
    if kind == "addresses":
        return tuple(_address(f"{field}[{i}]", item) for i, item in enumerate(raw))
    if kind == "people":
        out = []
        for i, item in enumerate(raw):
            if not isinstance(item, dict):
                raise LetterError(f"{field}[{i}]", _("must be an object with a name and an address"))
            name = item.get("name")
            if name is None or (isinstance(name, str) and not name.strip()):
                raise MissingDetail(f"{field}[{i}].name", _("is needed: the person's name"))
            address = item.get("address")
            lines = _address(f"{field}[{i}].address", address) if address not in (None, [], "") else ()
            out.append((_text(f"{field}[{i}].name", name), lines))
        return tuple(out)
    raise AssertionError(kind)
