"""What an assessment means (CONTRACT.md, "Output: an assessment"), as plain typed values.

An assessment holds meaning, not sentences: the category and flag codes, each reason's code with
the facts it rests on and the parameters it used, each entitlement's code with the codes of why it
appears and what to do next, amounts with their periods and sources (from the rate files), and the
actions with their dates. Words are made when it is shown, in the language asked for, by
``kinship_app.wording``. The results screen, the letters and the store all start from these values;
none recomputes a rule.

Three JSON forms:

- ``to_json(language)``: the contract's JSON, every field it has always had (the text fields in
  ``language``) plus the codes and parameters behind them.
- ``to_meaning()``: what the store keeps: the same without any words, so a saved answer can be shown
  in any language, and words improved later reach it.
- ``from_json`` reads either, and also an answer saved by an earlier version, which held English
  sentences only: those sentences are kept (``said``) and shown as they were then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kinship_app.wording import CATEGORIES, FLAGS, PERIODS  # noqa: F401  (re-exported: old import path)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which a command does without
if TYPE_CHECKING:
    from typing import Any

DEFINITION = "working-definition-2023"
MEANING_FORMAT = 2  # 1: sentences only (before codes); 2: codes, facts and parameters


def category_title(code: str, language: str | None = None) -> str:
    from kinship_app.wording import category_title as title

    return title(code, language)


def flag_text(code: str, language: str | None = None) -> str:
    from kinship_app.wording import flag_text as text

    return text(code, language)


def unconfirmed_warning(language: str | None = None) -> str:
    """The one warning every figure past its confirmed period carries: on screen, in print and in
    letters."""
    from kinship_app.wording import unconfirmed_warning as warning

    return warning(language)


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class Phrase:
    """One thing to say, by code, with the values it mentions (numbers, codes, ISO dates)."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def __hash__(self) -> int:
        # Values are numbers, codes and ISO dates: hashable, so the same phrase can be worded once
        # (kinship_app.wording keeps a memo); a value that is not raises TypeError, as a dict would.
        return hash((self.code, tuple(sorted(self.params.items()))))

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params)}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Phrase":
        return cls(d["code"], dict(d.get("params") or {}))


def phrases(items: Any) -> tuple[Phrase, ...]:
    return tuple(Phrase.from_json(p) for p in items or ())


@dataclass(frozen=True)
class Amount:
    """A sourced figure for one child, and the period it is for."""

    value: float
    period: str  # week | month | year | once
    valid_from: dt.date
    valid_to: dt.date | None
    confirmed: bool  # False when the answer's date is past the last period our data confirms
    source: str  # from the rate file's own [sources], never typed into a rule
    checked_on: dt.date | None = None
    currency: str = "GBP"
    label: str = ""  # only in answers saved by an earlier version: their English label
    rate: str = ""  # which rate (resources/rates), so the label is made when shown
    dims: dict[str, str] = field(default_factory=dict)  # e.g. {"age_band": "5-10", "region": "london"}

    def to_meaning(self) -> dict[str, Any]:
        out = {
            "value": self.value, "currency": self.currency, "period": self.period,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "confirmed": self.confirmed, "source": self.source,
            "checked_on": self.checked_on.isoformat() if self.checked_on else None,
            "rate": self.rate, "dims": dict(self.dims),
        }
        if self.label and not self.rate:
            out["label"] = self.label
        return out

    def to_json(self, language: str = "en") -> dict[str, Any]:
        from kinship_app.wording import amount_label

        return dict(self.to_meaning(), label=amount_label(self, language))

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Amount":
        rate = d.get("rate") or ""
        return cls(
            value=d["value"], currency=d.get("currency", "GBP"), period=d["period"],
            valid_from=dt.date.fromisoformat(d["valid_from"]), valid_to=_date(d.get("valid_to")),
            confirmed=d["confirmed"], source=d.get("source", ""), checked_on=_date(d.get("checked_on")),
            label="" if rate else d.get("label", ""), rate=rate, dims=dict(d.get("dims") or {}),
        )


@dataclass(frozen=True)
class Reason:
    """Why the answer is what it is: a reason code (the named rule that gave it), the facts it rests
    on and the values it used."""

    code: str
    source: str
    facts: tuple[str, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)
    said: str = ""  # only in answers saved by an earlier version: the English sentence shown then

    @property
    def rule(self) -> str:
        return self.code

    def to_meaning(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "rule": self.code, "source": self.source,
                               "facts": list(self.facts), "params": dict(self.params)}
        if self.said:
            out["said"] = self.said
        return out

    def to_json(self, language: str = "en") -> dict[str, Any]:
        from kinship_app.wording import reason_text

        return {"text": reason_text(self, language), **self.to_meaning()}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Reason":
        if "code" in d:
            return cls(d["code"], d.get("source", ""), tuple(d.get("facts") or ()), dict(d.get("params") or {}),
                       d.get("said", ""))
        # Saved by an earlier version: the rule name is the code; the sentence is kept as it was.
        return cls(d.get("rule", ""), d.get("source", ""), said=d.get("text", ""))


@dataclass(frozen=True)
class Entitlement:
    code: str
    source: str  # the rule's own citation; an amount carries its rate file's source
    grounds: tuple[Phrase, ...] = ()  # why it appears, by code
    steps: tuple[Phrase, ...] = ()  # what to do next, by code
    amount: Amount | None = None
    # "qualifies" when the facts given meet the conditions; "may_qualify" when it depends on
    # something we did not ask or the council decides (discretionary, means-tested).
    certainty: str = "qualifies"
    # A related benchmark, e.g. the fostering allowance a council should have regard to.
    reference_amount: Amount | None = None
    deadline: dt.date | None = None
    facts: tuple[str, ...] = ()  # the case facts that made it appear
    said: dict[str, str] = field(default_factory=dict)  # earlier versions only: title, why, next_step

    def to_meaning(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code, "source": self.source,
            "why_codes": [p.to_json() for p in self.grounds],
            "next_step_codes": [p.to_json() for p in self.steps],
            "facts": list(self.facts),
            "amount": self.amount.to_meaning() if self.amount else None,
            "certainty": self.certainty,
            "reference_amount": self.reference_amount.to_meaning() if self.reference_amount else None,
            "deadline": self.deadline.isoformat() if self.deadline else None,
        }
        if self.said:
            out["said"] = dict(self.said)
        return out

    def to_json(self, language: str = "en") -> dict[str, Any]:
        from kinship_app.wording import entitlement_words

        title, why, next_step = entitlement_words(self, language)
        meaning = self.to_meaning()
        out = {"code": self.code, "title": title, "why": why, "next_step": next_step}
        out.update(meaning)
        out.update(amount=self.amount.to_json(language) if self.amount else None,
                   reference_amount=self.reference_amount.to_json(language) if self.reference_amount else None)
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Entitlement":
        coded = "why_codes" in d
        said = dict(d.get("said") or {}) if coded else {k: d.get(k, "") for k in ("title", "why", "next_step")}
        return cls(
            code=d["code"], source=d.get("source", ""),
            grounds=phrases(d.get("why_codes")), steps=phrases(d.get("next_step_codes")),
            amount=Amount.from_json(d["amount"]) if d.get("amount") else None,
            certainty=d.get("certainty", "qualifies"),
            reference_amount=Amount.from_json(d["reference_amount"]) if d.get("reference_amount") else None,
            deadline=_date(d.get("deadline")), facts=tuple(d.get("facts") or ()), said=said,
        )


@dataclass(frozen=True)
class Action:
    """Something to do, with a due date where the law gives one (feeds the household's action list)."""

    code: str
    source: str
    due: dt.date | None = None
    say: Phrase | None = None  # which words, when more than one fits the code
    said: str = ""  # earlier versions only: the English sentence shown then

    @property
    def phrase(self) -> Phrase:
        return self.say or Phrase(self.code)

    def to_meaning(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "source": self.source,
                               "due": self.due.isoformat() if self.due else None, "say": self.phrase.to_json()}
        if self.said:
            out["said"] = self.said
        return out

    def to_json(self, language: str = "en") -> dict[str, Any]:
        from kinship_app.wording import action_text

        meaning = self.to_meaning()
        return {"code": self.code, "text": action_text(self, language), **meaning}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Action":
        if "say" in d:
            say = Phrase.from_json(d["say"])
            return cls(d["code"], d.get("source", ""), _date(d.get("due")),
                       None if say == Phrase(d["code"]) else say, d.get("said", ""))
        return cls(d["code"], d.get("source", ""), _date(d.get("due")), said=d.get("text", ""))


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

    @property
    def worded_then(self) -> bool:
        """Saved by an earlier version that kept English sentences rather than codes."""
        return any(r.said for r in self.reasons) or any(e.said for e in self.entitlements) \
            or any(a.said for a in self.actions)

    def to_meaning(self) -> dict[str, Any]:
        """What the store keeps: codes, facts, parameters and amounts, no words."""
        return {
            "format": MEANING_FORMAT,
            "definition": self.definition,
            "as_of": self.as_of.isoformat(),
            "kinship": self.kinship,
            "category": self.category,
            "flags": list(self.flags),
            "reasons": [r.to_meaning() for r in self.reasons],
            "missing": list(self.missing),
            "entitlements": [e.to_meaning() for e in self.entitlements],
            "actions": [a.to_meaning() for a in self.actions],
        }

    def to_json(self, language: str = "en") -> dict[str, Any]:
        """The contract's JSON, with its text fields in ``language`` (a ``ValueError`` for a
        language with no catalogue)."""
        from kinship_app.i18n import translator

        translator(language)  # an unknown language fails here, before any words are made
        return {
            "definition": self.definition,
            "as_of": self.as_of.isoformat(),
            "language": language,
            "kinship": self.kinship,
            "category": self.category,
            "flags": list(self.flags),
            "reasons": [r.to_json(language) for r in self.reasons],
            "missing": list(self.missing),
            "entitlements": [e.to_json(language) for e in self.entitlements],
            "actions": [a.to_json(language) for a in self.actions],
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
