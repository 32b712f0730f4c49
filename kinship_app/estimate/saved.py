"""A saved allowance estimate: its inputs, its result as computed then, and working it out again.

What a household keeps (``kinship_app.store``, table ``allowance_estimates``):

- ``inputs``: ``{"case": {...}, "finances": {...}}``: the case as used (the contract's child, carer,
  arrangement and household sections: never the names and addresses of ``people``) and the finances
  answers exactly as given, with the variant chosen (``finances.variant``; absent = the council's,
  else the national model);
- ``as_of``: the date the estimate was worked out for;
- ``result``: ``Estimate.to_json()`` as it was then, plus ``yearly`` (the allowance per year, as
  exact decimal strings, for comparing) and ``basis`` (every rate and rule it rests on).

``refresh(inputs, result, as_of)`` works the estimate out again from the saved inputs with the rates
and variants as they are for ``as_of``; when the figure is different it returns the new result and
``changes``: which rates or rules changed (old and new value, their dates and source). Codes and
values only; ``describe_change`` and ``figure_text`` put them into words when shown.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Iterable

from kinship_app.i18n import N_, _, format_date, format_money

CASE_SECTIONS = ("child", "carer", "arrangement", "household")
REASON_SAVED = "saved"
REASON_RATES_CHANGED = "rates_changed"

PARAMETER_LABELS = {
    "income_disregard_percent": N_("The part of income set aside before the test"),
    "living_costs_percent_of_income_support": N_("The allowance for everyday living costs (a percentage of the "
                                                 "Income Support rate)"),
    "share_of_disposable_percent": N_("The share of spare (disposable) income the council counts"),
    "child_benefit_deducted": N_("Whether Child Benefit is taken off the allowance"),
    "child_dla_counted": N_("Whether the child's Disability Living Allowance counts as income"),
    "baseline": N_("The starting point of the allowance"),
}
PERIOD_WORDS = {"week": N_("a week"), "month": N_("a month"), "year": N_("a year")}


def inputs_for(case: dict[str, Any], finances: dict[str, Any]) -> dict[str, Any]:
    """The inputs to keep: the case's sections the test reads (no names or addresses) and the answers."""
    kept = {k: case[k] for k in CASE_SECTIONS if isinstance(case.get(k), dict)}
    return {"case": kept, "finances": finances}


def work_out(inputs: dict[str, Any], as_of: dt.date, extra_variants: Iterable[str] = ()) -> dict[str, Any]:
    """The result to keep for these inputs on ``as_of``; raises ``CaseError`` naming a bad field."""
    from kinship_app.case import CaseError
    from kinship_app.estimate import estimate_case

    if not isinstance(inputs, dict) or not isinstance(inputs.get("case"), dict):
        raise CaseError("inputs.case", _("must be a JSON object with the case"))
    est = estimate_case({**inputs["case"], "finances": inputs.get("finances")}, as_of, extra_variants)
    out = est.to_json()
    out["yearly"] = {"min": str(est.low), "max": str(est.high)}
    return out


def same_figure(old: dict[str, Any], new: dict[str, Any]) -> bool:
    return old.get("yearly") == new.get("yearly")


def _signature(item: dict[str, Any]) -> tuple:
    return tuple(repr(item.get(k)) for k in ("value", "valid_from", "valid_to", "confirmed", "variant", "code"))


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """The rates and rules whose value or dates differ between two results, rates first."""
    before = {b["key"]: b for b in old.get("basis") or [] if isinstance(b, dict) and "key" in b}
    after = {b["key"]: b for b in new.get("basis") or [] if isinstance(b, dict) and "key" in b}
    out = []
    for key in dict.fromkeys([*before, *after]):
        a, b = before.get(key), after.get(key)
        if a is None or b is None or _signature(a) != _signature(b):
            out.append({"key": key, "old": a, "new": b})
    order = {"rate": 0, "parameter": 1, "variant": 2}
    return sorted(out, key=lambda c: order.get((c["new"] or c["old"]).get("kind"), 3))


def refresh(inputs: dict[str, Any], result: dict[str, Any], as_of: dt.date,
            extra_variants: Iterable[str] = ()) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """The estimate worked out again from the saved inputs for ``as_of``: (new result, what changed),
    or None when the figure is the same as the saved one."""
    new = work_out(inputs, as_of, extra_variants)
    if same_figure(result, new):
        return None
    return new, changes(result, new)


# -- in words, when shown ------------------------------------------------------------------------------

def figure_text(result: dict[str, Any], language: str | None = None) -> str:
    """'About £120 a week' or 'Between £0 and £166.95 a week'."""
    res = result.get("result") or {}
    period = _(PERIOD_WORDS.get(res.get("period"), N_("a month")))
    low, high = res.get("min"), res.get("max")
    if low is None and high is None:
        return _("Not known")
    if low == high:
        return _("About {amount} {period}").format(amount=format_money(low, language=language), period=period)
    if high is None:
        return _("{low} or more {period}").format(low=format_money(low, language=language), period=period)
    return _("Between {low} and {high} {period}").format(low=format_money(low or 0, language=language),
                                                       high=format_money(high, language=language), period=period)


def step_figure(step: dict[str, Any], language: str | None = None) -> str:
    """One step's figure: '£232.50', '£0 to £1,000', '£0 or more', 'not known'."""
    if step.get("amount") is not None:
        return format_money(step["amount"], language=language)
    low, high = step.get("min"), step.get("max")
    if low is None and high is None:
        return _("not known")
    if low is None:
        return _("up to {high}").format(high=format_money(high, language=language))
    if high is None:
        return _("{low} or more").format(low=format_money(low, language=language))
    return _("{low} to {high}").format(low=format_money(low, language=language), high=format_money(high, language=language))


def step_label(step: dict[str, Any]) -> str:
    from kinship_app.estimate.model import STEP_LABELS

    code = step.get("code")
    return _(STEP_LABELS[code]) if code in STEP_LABELS else str(step.get("label") or code)


def percent_words(value: Any) -> str:
    if isinstance(value, list) and len(value) == 2:
        lo, hi = (_pct(v) for v in value)
        return f"{lo}%" if lo == hi else _("{low}% to {high}%").format(low=lo, high=hi)
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if value in ("unknown", None):
        return _("not confirmed")
    if value == "not_published":
        return _("not published")
    return str(value)


def _pct(v: Any) -> str:
    d = Decimal(str(v)).normalize()
    return format(d, "f")


def _rate_words(item: dict[str, Any], language: str | None) -> str:
    money = format_money(item["value"], language=language)
    words = _("{money} {period}").format(money=money, period=_(PERIOD_WORDS.get(item.get("unit"), N_("a week"))))
    if item.get("valid_from"):
        day = format_date(dt.date.fromisoformat(item["valid_from"]), language)
        if item.get("confirmed") is False:
            words += " " + _("(the figure from {date}, not confirmed for this year)").format(date=day)
        else:
            words += " " + _("(the figure from {date})").format(date=day)
    return words


def _rate_title(item: dict[str, Any]) -> str:
    from types import SimpleNamespace

    from kinship_app.wording import RATE_TITLES, amount_label

    name = str(item.get("name") or "")
    title = _(RATE_TITLES[name]) if name in RATE_TITLES else name
    dims = item.get("dims") or {}
    if not dims or not isinstance(dims, dict):
        return title
    label = amount_label(SimpleNamespace(rate=name, dims={str(k): str(v) for k, v in dims.items()}, label=""))
    return f"{title} ({label})" if label else title


def _source_words(item: dict[str, Any]) -> str:
    source = item.get("source")
    if isinstance(source, dict):
        source = source.get("title")
    return _("Source: {source}").format(source=source) if source else ""


def describe_change(change: dict[str, Any], language: str | None = None) -> str:
    """One changed rate or rule, in a sentence: what it is, new and old value, its date and source."""
    old, new = change.get("old"), change.get("new")
    item = new or old or {}
    kind = item.get("kind")
    if kind == "rate":
        what = _rate_title(item)
        if old and new:
            text = _("{what} is now {new}; it was {old}.").format(what=what, new=_rate_words(new, language),
                                                                  old=_rate_words(old, language))
        elif new:
            text = _("{what} is now used: {new}.").format(what=what, new=_rate_words(new, language))
        else:
            text = _("{what} is no longer used (it was {old}).").format(what=what, old=_rate_words(old, language))
    elif kind == "parameter":
        what = _(PARAMETER_LABELS.get(item.get("name"), item.get("name") or ""))

        def rule(x: dict[str, Any]) -> str:
            words = percent_words(x.get("value"))
            if x.get("valid_from"):
                words += " " + _("(from {date})").format(date=format_date(dt.date.fromisoformat(x["valid_from"]),
                                                                          language))
            return words

        if old and new:
            text = _("{what} is now {new}; it was {old}.").format(what=what, new=rule(new), old=rule(old))
        elif new:
            text = _("{what} is now used: {new}.").format(what=what, new=rule(new))
        else:
            text = _("{what} is no longer used (it was {old}).").format(what=what, old=rule(old))
    elif kind == "variant":
        if old and new:
            text = _("The version of the means test used is now {new} (read on {date}); it was {old}.").format(
                new=new.get("name"), old=old.get("name"),
                date=format_date(dt.date.fromisoformat(new["read_on"]), language))
        else:
            text = _("The version of the means test used has changed.")
    else:
        text = _("Something the estimate rests on has changed.")
    source = _source_words(new or {}) if kind != "variant" else ""
    return f"{text} {source}".strip()


def describe_changes(changes_: list[dict[str, Any]], language: str | None = None) -> list[str]:
    if not changes_:
        return [_("The way this app works out the estimate has changed since it was saved (a newer version "
                  "of the app); the rates it uses are the same.")]
    return [describe_change(c, language) for c in changes_]
