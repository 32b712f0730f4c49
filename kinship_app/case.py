"""A case: the facts a family gives us, parsed and checked (CONTRACT.md, "Input: a case").

``None`` means *not known*. Fields the contract gives a default take it when absent or null.
As an extension, every coded field (and every yes/no or number field that has a default) also accepts the
string ``"unknown"``, which is how "I'm not sure" reaches the rules: it is kept as ``None``,
instead of quietly becoming the default.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

from kinship_app.i18n import _

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which a command does without
if TYPE_CHECKING:
    from typing import Any

UNKNOWN = "unknown"

# "looked_after" is our extension: looked after by the council, on a basis the carer does not know.
LEGAL_STATUSES = ("none", "section_20", "emergency_protection_order", "interim_care_order", "care_order", "looked_after")
LOOKED_AFTER_STATUSES = LEGAL_STATUSES[1:]
APPROVALS = ("no", "temporary", "full")
ORDERS = ("none", "cao_lives_with", "cao_spend_time", "special_guardianship_order", "adoption_order")
LIVES_WITH = ("most_of_the_time", "part_of_the_time")
RELATIONSHIPS = (
    "grandparent", "sibling", "aunt_uncle", "great_aunt_uncle", "cousin", "other_relative",
    "step_parent", "former_step_parent", "former_partner_of_parent", "friend_of_child",
    "friend_of_family", "family_of_half_sibling", "prior_connection", "no_prior_connection", "parent",
)
# Guardian's Allowance routes beyond "cannot be found, in prison, detained in hospital" (our extension:
# Guardian's Allowance (General) Regulations 2003 reg 4 and 5; CPAG): the parents were not married, the
# mother has died and the father is not known; or the parents were divorced (or their civil
# partnership dissolved), and the surviving one had no custody and was not maintaining the child.
OTHER_PARENT_SITUATIONS = ("none", "father_not_known", "divorced_no_custody_no_maintenance")
COUNCIL_CODE = re.compile(r"^E(06|08|09|10)\d{6}$")


class CaseError(ValueError):
    """Bad input: ``field`` is the dotted name of the field, ``message`` says what is wrong."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Child:
    age: int | None = None
    disabled: bool | None = False
    legal_status: str | None = "none"
    looked_after_before_order: bool | None = None


@dataclass(frozen=True)
class Carer:
    relationship: str | None = None
    approved_foster_carer: str | None = "no"


@dataclass(frozen=True)
class Arrangement:
    order: str | None = "none"
    lives_with_carer: str | None = "most_of_the_time"
    days_so_far: int | None = None
    expected_days: int | None = None
    council_arranged: bool | None = False
    court_involved: bool | None = False


@dataclass(frozen=True)
class Household:
    council: str | None = None
    parents_died: int | None = 0
    surviving_parent_unavailable: bool | None = False
    employed: bool | None = None
    other_parent_situation: str | None = "none"


@dataclass(frozen=True)
class Case:
    child: Child = field(default_factory=Child)
    carer: Carer = field(default_factory=Carer)
    arrangement: Arrangement = field(default_factory=Arrangement)
    household: Household = field(default_factory=Household)
    # Names, addresses and dates that letters need (CONTRACT.md, "Letters"); checked by letters.
    people: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The case as contract JSON, so it round-trips through ``parse_case``: a fact not known is
        ``"unknown"`` where null would read back as the field's default (a legal status, an order,
        a parent's death), and null where null already means "not known" (an age, a council)."""
        out = {}
        for part in ("child", "carer", "arrangement", "household"):
            values = dataclasses.asdict(getattr(self, part))
            for _path, name, kind, _allowed, default in _FIELDS[part]:
                if values.get(name) is None and _unknown_is_not_null(kind, default):
                    values[name] = UNKNOWN
            out[part] = values
        if self.people:
            out["people"] = self.people
        return out


# (section, field, kind, allowed values or (min, max), default when absent/null)
_SPEC: dict[str, list[tuple[str, str, Any, Any]]] = {
    "child": [
        ("age", "int", (0, 25), None),
        ("disabled", "bool", None, False),
        ("legal_status", "code", LEGAL_STATUSES, "none"),
        ("looked_after_before_order", "bool", None, None),
    ],
    "carer": [
        ("relationship", "code", RELATIONSHIPS, None),
        ("approved_foster_carer", "code", APPROVALS, "no"),
    ],
    "arrangement": [
        ("order", "code", ORDERS, "none"),
        ("lives_with_carer", "code", LIVES_WITH, "most_of_the_time"),
        ("days_so_far", "int", (0, 365 * 26), None),
        ("expected_days", "int", (0, 365 * 26), None),
        ("council_arranged", "bool", None, False),
        ("court_involved", "bool", None, False),
    ],
    "household": [
        ("council", "council", None, None),
        ("parents_died", "int", (0, 2), 0),
        ("surviving_parent_unavailable", "bool", None, False),
        ("employed", "bool", None, None),
        ("other_parent_situation", "code", OTHER_PARENT_SITUATIONS, "none"),
    ],
}
_CLASSES = {"child": Child, "carer": Carer, "arrangement": Arrangement, "household": Household}
_TOP_LEVEL = set(_SPEC) | {"people"}
# Precomputed for parse_case (batch mode parses tens of thousands of cases a second).
_KNOWN = {section: frozenset(name for name, *_rest in fields) for section, fields in _SPEC.items()}
_FIELDS = {section: [(f"{section}.{name}", name, kind, allowed, default) for name, kind, allowed, default in fields]
           for section, fields in _SPEC.items()}
# The same, with each code field's allowed values as a set, for parse_case's quick path.
_PARSE_FIELDS = {section: [(*f, frozenset(f[3]) if f[2] == "code" else f[3]) for f in fields]
                 for section, fields in _FIELDS.items()}


def parse_case(data: Any) -> Case:
    """Check decoded JSON against the contract and return a ``Case``; raise ``CaseError`` if not."""
    if not isinstance(data, dict):
        raise CaseError("case", _("must be a JSON object with child, carer, arrangement and household"))
    if not _TOP_LEVEL.issuperset(data):
        for key in data:
            if key not in _TOP_LEVEL:
                raise CaseError(str(key), _("is not a part of a case (expected child, carer, arrangement, household, people)"))
    parts = {}
    for section, fields in _PARSE_FIELDS.items():
        raw = data.get(section)
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise CaseError(section, _("must be a JSON object"))
        known = _KNOWN[section]
        if not known.issuperset(raw):
            for key in raw:
                if key not in known:
                    raise CaseError(f"{section}.{key}", _("is not a field of {section}").format(section=section))
        values = {}
        for path, name, kind, allowed, default, members in fields:
            value = raw.get(name)
            # A plain valid value is taken as it is (batch mode parses tens of thousands of cases a
            # second); anything else (unknown, a float, the wrong type, out of range) is _parse_value's.
            if value is None:
                value = default
            elif kind == "code":
                if value.__class__ is not str or value not in members:
                    value = _parse_value(path, value, kind, allowed, default)
            elif kind == "bool":
                if value is not True and value is not False:
                    value = _parse_value(path, value, kind, allowed, default)
            elif kind == "int":
                if value.__class__ is not int or not allowed[0] <= value <= allowed[1]:
                    value = _parse_value(path, value, kind, allowed, default)
            elif kind == "council":
                if value.__class__ is not str or value not in _council_codes():
                    value = _parse_value(path, value, kind, allowed, default)
            else:
                value = _parse_value(path, value, kind, allowed, default)
            values[name] = value
        parts[section] = _CLASSES[section](**values)
    people = data.get("people")
    if people is None:
        people = {}
    if not isinstance(people, dict):
        raise CaseError("people", _("must be a JSON object"))
    case = Case(people=people, **parts)
    _check_combinations(case)
    return case


_COUNCIL_CODES: tuple[Any, frozenset[str]] = (None, frozenset())


def _council_codes() -> frozenset[str]:
    """The codes ``_parse_value`` takes as they are written: those of the councils data now loaded
    (kept while the same table is loaded) that have the shape of a council's code."""
    global _COUNCIL_CODES
    from kinship_app.data import councils

    table = councils.by_code()
    if _COUNCIL_CODES[0] is not table:
        _COUNCIL_CODES = (table, frozenset(code for code in table if COUNCIL_CODE.match(code)))
    return _COUNCIL_CODES[1]


def _unknown_is_not_null(kind: str, default: Any) -> bool:
    """Whether "not known" must be written ``"unknown"`` (null would mean the default)."""
    return kind == "code" or (kind in ("bool", "int") and default is not None)


def _parse_value(name: str, value: Any, kind: str, allowed: Any, default: Any) -> Any:
    if value is None:
        return default
    if value == UNKNOWN and _unknown_is_not_null(kind, default):
        return None
    if kind == "bool":
        if not isinstance(value, bool):
            raise CaseError(name, _("must be true or false"))
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                raise CaseError(name, _("must be a whole number"))
        low, high = allowed
        if not low <= value <= high:
            raise CaseError(name, _("must be between {low} and {high}").format(low=low, high=high))
        return value
    if kind == "code":
        if not isinstance(value, str):
            raise CaseError(name, _("must be one of: {codes}").format(codes=", ".join(allowed)))
        if value not in allowed:
            raise CaseError(name, _("'{value}' is not known; use one of: {codes}").format(
                value=value[:60], codes=", ".join(allowed)))
        return value
    if kind == "council":
        if not isinstance(value, str) or not COUNCIL_CODE.match(value):
            raise CaseError(name, _("must be the ONS code of an English upper-tier council, like E08000035"))
        from kinship_app.data import councils

        if councils.get(value) is None:
            raise CaseError(name, _("'{value}' is not an English upper-tier council we know").format(value=value))
        return value
    raise AssertionError(kind)


def _check_combinations(case: Case) -> None:
    """Combinations the law rules out."""
    rel, order = case.carer.relationship, case.arrangement.order
    status = case.child.legal_status
    if rel == "parent" and order == "special_guardianship_order":
        # Children Act 1989 s14A(2)(b): a special guardian may not be a parent of the child.
        raise CaseError("arrangement.order", _("a parent cannot be a special guardian of their own child"))
    if rel == "parent" and order == "adoption_order":
        raise CaseError("arrangement.order", _("a birth parent does not adopt their own child here; choose the order the carer holds"))
    if rel == "parent" and case.carer.approved_foster_carer in ("temporary", "full"):
        # A child placed with a parent is 'placed with parents', not fostered (Care Planning Regs 2010 Part 4).
        raise CaseError("carer.approved_foster_carer", _("a parent cannot be approved as a foster carer for their own child"))
    if order == "adoption_order" and status in LOOKED_AFTER_STATUSES:
        # An adoption order ends parental responsibility of the council (Adoption and Children Act 2002 s46).
        raise CaseError("child.legal_status", _("a child with an adoption order is no longer looked after; use none"))
    if order == "special_guardianship_order" and status in ("care_order", "interim_care_order"):
        # Children Act 1989 s91(5A): a special guardianship order discharges a care order.
        raise CaseError("child.legal_status", _("a special guardianship order ends a care order; use none or section_20"))
    if order == "cao_lives_with" and status in ("care_order", "interim_care_order"):
        # Children Act 1989 s91(1): a 'lives with' child arrangements order discharges a care order.
        raise CaseError("child.legal_status", _("a 'lives with' child arrangements order ends a care order; use none or section_20"))
    age = case.child.age
    if age is not None and status in ("care_order", "interim_care_order", "emergency_protection_order"):
        from kinship_app.data import law

        if age >= law.value("order_ends_at_age"):
            # Children Act 1989 s91(12): a care order ends at 18 (and the others with it).
            raise CaseError("child.legal_status", _("a care order, interim care order or emergency protection "
                                                    "order ends when the child turns 18; use none"))
    situation, died = case.household.other_parent_situation, case.household.parents_died
    if situation not in (None, "none") and died not in (None, 1):
        # Both routes describe a surviving parent after the other has died (CPAG; GA (General) Regs 2003).
        raise CaseError("household.other_parent_situation", _("describes the surviving parent, so exactly one "
                                                              "parent must have died (household.parents_died 1)"))
    days, expected = case.arrangement.days_so_far, case.arrangement.expected_days
    if days is not None and expected is not None and expected < days:
        raise CaseError("arrangement.expected_days", _("cannot be less than days_so_far (it is the whole expected length)"))


def parse_date(value: str, field_name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise CaseError(field_name, _("must be a date written YYYY-MM-DD")) from None
