"""What an assessment says (CONTRACT.md, "Output: an assessment"), as plain typed values.

The results screen, the letters and the store all render from these; none recomputes a rule.
``to_json`` gives the contract's JSON; ``from_json`` reads it back (the store keeps it so that
history shows what was said then, even after rates change).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kinship_app.i18n import N_, _

DEFINITION = "working-definition-2023"

CATEGORIES = {
    "private_family_arrangement": N_("Private family arrangement"),
    "private_fostering": N_("Private fostering"),
    "child_arrangements_order": N_("'Lives with' child arrangements order"),
    "special_guardianship": N_("Special guardianship"),
    "kinship_foster_care": N_("Kinship foster care"),
    "kinship_adoption": N_("Kinship adoption"),
    "informal_other": N_("Informal kinship care"),
    "not_kinship": N_("Not kinship care"),
    "undetermined": N_("We can't tell yet"),
}

FLAGS = {
    "private_fostering_notification": N_("You must tell the council about this private fostering arrangement"),
    "approval_needed": N_("The carer needs to be approved as a foster carer for this child"),
    "check_looked_after_status": N_("Ask children's services whether the child is, or should be, looked after"),
    "order_support_without_kinship": N_("Support that comes with the court order still applies"),
    "young_person_over_18": N_("The young person is 18 or over"),
}

PERIODS = {"week": N_("a week"), "month": N_("a month"), "year": N_("a year"), "once": N_("once")}

# The one warning every figure past its confirmed period carries: on screen, in print and in letters.
UNCONFIRMED = N_("Not confirmed for this year — check before relying on it")


def unconfirmed_warning() -> str:
    return _(UNCONFIRMED)


def category_title(code: str) -> str:
    return _(CATEGORIES[code])


def flag_text(code: str) -> str:
    return _(FLAGS[code])


@dataclass(frozen=True)
class Amount:
    """A sourced figure for one child, and the period it is for."""

    value: float
    period: str  # week | month | year | once
    valid_from: dt.date
    valid_to: dt.date | None
    confirmed: bool  # False when the answer's date is past the last period our data confirms
    source: str
    checked_on: dt.date | None = None
    currency: str = "GBP"
    label: str = ""  # which figure this is, e.g. "national minimum allowance, age 5-10, London"

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value, "currency": self.currency, "period": self.period,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "confirmed": self.confirmed, "source": self.source,
            "checked_on": self.checked_on.isoformat() if self.checked_on else None,
            "label": self.label,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Amount":
        return cls(
            value=d["value"], currency=d.get("currency", "GBP"), period=d["period"],
            valid_from=dt.date.fromisoformat(d["valid_from"]),
            valid_to=dt.date.fromisoformat(d["valid_to"]) if d.get("valid_to") else None,
            confirmed=d["confirmed"], source=d.get("source", ""),
            checked_on=dt.date.fromisoformat(d["checked_on"]) if d.get("checked_on") else None,
            label=d.get("label", ""),
        )


@dataclass(frozen=True)
class Reason:
    text: str
    source: str
    rule: str = ""  # the named rule that gave this reason (the trace)

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "source": self.source, "rule": self.rule}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Reason":
        return cls(d["text"], d.get("source", ""), d.get("rule", ""))


@dataclass(frozen=True)
class Entitlement:
    code: str
    title: str
    why: str
    next_step: str
    source: str
    amount: Amount | None = None
    # "qualifies" when the facts given meet the conditions; "may_qualify" when it depends on
    # something we did not ask or the council decides (discretionary, means-tested).
    certainty: str = "qualifies"
    # A related benchmark, e.g. the fostering allowance a council should have regard to.
    reference_amount: Amount | None = None
    deadline: dt.date | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code, "title": self.title, "why": self.why, "next_step": self.next_step,
            "source": self.source, "amount": self.amount.to_json() if self.amount else None,
            "certainty": self.certainty,
            "reference_amount": self.reference_amount.to_json() if self.reference_amount else None,
            "deadline": self.deadline.isoformat() if self.deadline else None,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Entitlement":
        return cls(
            code=d["code"], title=d["title"], why=d["why"], next_step=d["next_step"], source=d["source"],
            amount=Amount.from_json(d["amount"]) if d.get("amount") else None,
            certainty=d.get("certainty", "qualifies"),
            reference_amount=Amount.from_json(d["reference_amount"]) if d.get("reference_amount") else None,
            deadline=dt.date.fromisoformat(d["deadline"]) if d.get("deadline") else None,
        )


@dataclass(frozen=True)
class Action:
    """Something to do, with a due date where the law gives one (feeds the household's action list)."""

    code: str
    text: str
    source: str
    due: dt.date | None = None

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "text": self.text, "source": self.source,
                "due": self.due.isoformat() if self.due else None}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Action":
        return cls(d["code"], d["text"], d.get("source", ""),
                   dt.date.fromisoformat(d["due"]) if d.get("due") else None)


@dataclass(frozen=True)
class Assessment:
    as_of: dt.date
    kinship: bool | None
    category: str
    flags: list[str] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    entitlements: list[Entitlement] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    definition: str = DEFINITION

    def entitlement(self, code: str) -> Entitlement | None:
        return next((e for e in self.entitlements if e.code == code), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "definition": self.definition,
            "as_of": self.as_of.isoformat(),
            "kinship": self.kinship,
            "category": self.category,
            "flags": list(self.flags),
            "reasons": [r.to_json() for r in self.reasons],
            "missing": list(self.missing),
            "entitlements": [e.to_json() for e in self.entitlements],
            "actions": [a.to_json() for a in self.actions],
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Assessment":
        return cls(
            as_of=dt.date.fromisoformat(d["as_of"]), kinship=d["kinship"], category=d["category"],
            flags=list(d.get("flags", [])), reasons=[Reason.from_json(r) for r in d.get("reasons", [])],
            missing=list(d.get("missing", [])),
            entitlements=[Entitlement.from_json(e) for e in d.get("entitlements", [])],
            actions=[Action.from_json(a) for a in d.get("actions", [])],
            definition=d.get("definition", DEFINITION),
        )
