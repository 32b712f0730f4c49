"""The ``finances`` part of an estimate's input, parsed and checked (README, "Allowance estimate").

Every amount is a number in ``finances.period`` ("week" or "month"), or ``{"amount": n, "period":
"week"}`` for its own period, or ``"unknown"`` ("I'm not sure": kept, and the estimate becomes a
range). An income or outgoing left out means the household has none. Bad input raises
``CaseError`` naming the field (``finances.income.earnings``).

Amounts are held per YEAR as ``Decimal`` intervals ``(low, high)``: a week is 52 of them, a month
12, so a figure given weekly or monthly leads to the same result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from kinship_app.case import UNKNOWN, CaseError
from kinship_app.i18n import N_, _

PERIODS = {"week": Decimal(52), "month": Decimal(12)}
INF = Decimal("Infinity")
ZERO = Decimal(0)
MAX_AMOUNT = Decimal(10_000_000)

INCOME = ("earnings", "universal_credit", "other_benefits", "pensions", "savings_interest", "maintenance",
          "other", "child_disability_living_allowance")
OUTGOINGS = ("housing", "council_tax", "childcare", "other")
TOP = ("period", "variant", "income", "outgoings", "income_support_rate", "child_benefit", "other_child_payments",
       "council_fostering_allowance", "council_share_percent", "income_disregard_percent")

# What each asked-for figure is and where a carer finds it, for the "asked" list (words rendered
# when shown).
ASKED = {
    "finances.income_support_rate": (
        N_("The Income Support rate for your family (the personal allowances and premiums), which the "
           "living-costs allowance is built on"),
        N_("The council's financial assessment form or its letter; the rates are also on GOV.UK, "
           "'Benefit and pension rates', under Income Support")),
    "finances.council_share_percent": (
        N_("How much of your spare (disposable) income your council counts, as a percentage"),
        N_("The council's special guardianship or child arrangements allowance policy, or the "
           "assessment letter")),
    "finances.income_disregard_percent": (
        N_("The percentage of your income your council sets aside before the test"),
        N_("Your council's assessment letter or its allowance policy")),
    "finances.child_benefit": (
        N_("The Child Benefit paid for this child"),
        N_("Your Child Benefit award letter, bank statement or HMRC online account")),
    "finances.other_child_payments": (
        N_("Other payments for this child that your council takes off the allowance"),
        N_("The council's assessment letter lists what it takes off")),
    "child.age": (
        N_("The child's age"), N_("The child's birth certificate")),
    "household.council": (
        N_("The council that pays the allowance (it sets the fostering allowance region)"),
        N_("The council named on the court order or the support plan")),
    "variant.child_benefit_deducted": (
        N_("Whether your council takes Child Benefit off the allowance"),
        N_("Ask the council's kinship or special guardianship team, or read its allowance policy")),
    "variant.child_dla_counted": (
        N_("Whether your council counts the child's Disability Living Allowance as income"),
        N_("Ask the council's kinship or special guardianship team, or read its allowance policy")),
}
UNKNOWN_AMOUNT = (N_("This amount (you said you are not sure)"),
                  N_("Payslips, benefit award letters, bank statements or bills"))


Interval = tuple[Decimal, Decimal]


@dataclass(frozen=True)
class Finances:
    period: str
    variant: str | None
    income: dict[str, Interval]
    outgoings: dict[str, Interval]
    income_support_rate: Interval | None  # None = not given
    child_benefit: Interval | None
    other_child_payments: Interval
    council_fostering_allowance: Interval | None
    council_share_percent: Decimal | None
    income_disregard_percent: Decimal | None
    unknown_fields: tuple[str, ...] = field(default=())


def parse_finances(data: Any) -> Finances:
    if not isinstance(data, dict):
        raise CaseError("finances", _("must be a JSON object (see the README, 'Allowance estimate')"))
    for key in data:
        if key not in TOP:
            raise CaseError(f"finances.{str(key)[:60]}", _("is not a field of finances (expected one of: {fields})").format(
                fields=", ".join(TOP)))
    period = data.get("period", "month")
    if not isinstance(period, str) or period not in PERIODS:
        raise CaseError("finances.period", _("must be \"week\" or \"month\""))
    variant = data.get("variant")
    if variant is not None and (not isinstance(variant, str) or not variant.strip() or len(variant) > 80):
        raise CaseError("finances.variant", _("must be the code of a means-test variant, like \"national\""))
    unknown: list[str] = []

    def money(name: str, raw: Any) -> Interval:
        if raw == UNKNOWN:
            unknown.append(name)
            return (ZERO, INF)
        per = period
        if isinstance(raw, dict):
            for key in raw:
                if key not in ("amount", "period"):
                    raise CaseError(f"{name}.{str(key)[:40]}", _("is not a field of an amount (expected amount, period)"))
            per = raw.get("period", period)
            if not isinstance(per, str) or per not in PERIODS:
                raise CaseError(f"{name}.period", _("must be \"week\" or \"month\""))
            if "amount" not in raw:
                raise CaseError(f"{name}.amount", _("is missing"))
            raw = raw["amount"]
            if raw == UNKNOWN:
                unknown.append(name)
                return (ZERO, INF)
            name = f"{name}.amount"
        value = _number(name, raw)
        yearly = value * PERIODS[per]
        return (yearly, yearly)

    def group(name: str, keys: tuple[str, ...]) -> dict[str, Interval]:
        raw = data.get(name)
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            raise CaseError(f"finances.{name}", _("must be a JSON object, like {{\"{key}\": 1200}}").format(key=keys[0]))
        out = {}
        for key, value in raw.items():
            if key not in keys:
                raise CaseError(f"finances.{name}.{str(key)[:60]}", _("is not a kind of {group} (expected one of: {kinds})").format(
                    group=name, kinds=", ".join(keys)))
            if value is not None:
                out[key] = money(f"finances.{name}.{key}", value)
        return out

    def optional_money(name: str) -> Interval | None:
        raw = data.get(name)
        return None if raw is None else money(f"finances.{name}", raw)

    def percent(name: str) -> Decimal | None:
        raw = data.get(name)
        if raw is None or raw == UNKNOWN:
            return None
        value = _number(f"finances.{name}", raw, limit=Decimal(100), what=_("a percentage from 0 to 100"))
        return value

    income = group("income", INCOME)
    outgoings = group("outgoings", OUTGOINGS)
    return Finances(
        period=period,
        variant=variant.strip() if isinstance(variant, str) else None,
        income=income,
        outgoings=outgoings,
        income_support_rate=optional_money("income_support_rate"),
        child_benefit=optional_money("child_benefit"),
        other_child_payments=optional_money("other_child_payments") or (ZERO, ZERO),
        council_fostering_allowance=optional_money("council_fostering_allowance"),
        council_share_percent=percent("council_share_percent"),
        income_disregard_percent=percent("income_disregard_percent"),
        unknown_fields=tuple(unknown),
    )


def _number(name: str, raw: Any, *, limit: Decimal = MAX_AMOUNT, what: str | None = None) -> Decimal:
    what = what or _("an amount of money, like 1250.50, or \"unknown\"")
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise CaseError(name, _("must be {what}").format(what=what))
    try:
        value = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        raise CaseError(name, _("must be {what}").format(what=what)) from None
    if not value.is_finite() or value < 0 or value > limit:
        raise CaseError(name, _("must be {what}, from 0 to {limit}").format(what=what, limit=f"{limit:,}"))
    return value
