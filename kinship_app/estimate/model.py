"""The allowance estimate: the means test's steps as small functions over the variant's data.

``estimate(case, finances, as_of)`` returns an ``Estimate``: every step with its figure (a range
where something is not known), the period, and the source of the rule it applies; the result is a
range from ``low`` to ``high``, never below zero and never above the baseline (the fostering
allowance the council would pay). The council decides; this is an estimate of its test.

How a range is found: every step is monotone in every input (more income never raises the
allowance, more outgoings never lower it, ...), so the test is run twice: once with every
uncertain input at the end that gives the most, once at the end that gives the least.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from kinship_app.case import Case, CaseError
from kinship_app.estimate.finances import ASKED, INF, PERIODS, UNKNOWN_AMOUNT, ZERO, Finances
from kinship_app.estimate.variants import NOT_PUBLISHED, UNKNOWN, Parameter, Resolved, Variants
from kinship_app.i18n import N_, _, format_money

HUNDRED = Decimal(100)
PENNY = Decimal("0.01")

STEP_LABELS = {
    "income": N_("Household income that counts"),
    "income_disregard": N_("Part of income set aside before the test"),
    "income_counted": N_("Income after what is set aside"),
    "outgoings": N_("Outgoings you pay (housing, council tax, childcare, other)"),
    "living_costs": N_("Allowance for everyday living costs"),
    "expenditure": N_("Expenditure taken into account"),
    "disposable": N_("Disposable (spare) income"),
    "contribution": N_("Share of disposable income the council counts"),
    "baseline": N_("Fostering allowance the council would pay (the starting point)"),
    "child_payments": N_("Child Benefit and other payments for the child taken off"),
    "allowance": N_("Estimated allowance"),
}


@dataclass(frozen=True)
class Step:
    code: str
    low: Decimal  # per year; may be -Infinity or Infinity where nothing bounds it
    high: Decimal
    source: tuple[str, str] | None  # (title, url)
    note: str  # English, marked for translation where fixed; data notes are shown as written
    percent: tuple[Decimal, Decimal] | None = None


@dataclass(frozen=True)
class Estimate:
    variant_code: str
    variant_name: str
    variant_read_on: dt.date
    period: str
    steps: tuple[Step, ...]
    low: Decimal  # per year, the allowance
    high: Decimal
    asked: tuple[str, ...]  # fields of ASKED / unknown amounts, in order
    baseline_label: str
    baseline_confirmed: bool
    pilot: dict[str, Any] | None
    as_of: dt.date
    # What the figures rest on, for saying later which of them changed (saved.py): every rate looked
    # up and every variant parameter used, with its value, dates and source. Codes and values only.
    basis: tuple[dict[str, Any], ...] = ()

    def in_period(self, yearly: Decimal, period: str | None = None) -> Decimal | None:
        return per_period(yearly, period or self.period)

    def to_json(self) -> dict[str, Any]:
        def money(v: Decimal) -> float | None:
            out = self.in_period(v)
            return None if out is None else float(out)

        steps = []
        for s in self.steps:
            lo, hi = money(s.low), money(s.high)
            item = {
                "code": s.code, "label": _(STEP_LABELS[s.code]),
                "amount": lo if lo == hi else None, "min": lo, "max": hi, "period": self.period,
                "source": {"title": s.source[0], "url": s.source[1]} if s.source else None,
                "note": s.note,
            }
            if s.percent is not None:
                item["percent"] = {"min": float(s.percent[0]), "max": float(s.percent[1])}
            steps.append(item)
        asked = []
        for name in self.asked:
            what, where = ASKED.get(name, UNKNOWN_AMOUNT)
            asked.append({"field": name, "what": _(what), "where_to_find": _(where)})
        result = {"min": money(self.low), "max": money(self.high), "period": self.period, "exact": self.low == self.high}
        for per in PERIODS:
            result[per] = {"min": _float(per_period(self.low, per)), "max": _float(per_period(self.high, per))}
        return {
            "as_of": self.as_of.isoformat(),
            "variant": {"code": self.variant_code, "name": self.variant_name, "read_on": self.variant_read_on.isoformat()},
            "steps": steps,
            "result": result,
            "asked": asked,
            "baseline": {"label": self.baseline_label, "confirmed": self.baseline_confirmed},
            "kinship_allowance_pilot": self.pilot,
            "basis": [dict(b) for b in self.basis],
            "council_decides": _("This is an estimate. The council decides the allowance, and may use its own "
                                 "version of the means test."),
        }


def _float(v: Decimal | None) -> float | None:
    return None if v is None else float(v)


def per_period(yearly: Decimal, period: str) -> Decimal | None:
    """A yearly figure in ``period``, to the penny; None for an unbounded one."""
    if not yearly.is_finite():
        return None
    return (yearly / PERIODS[period]).quantize(PENNY, rounding=ROUND_HALF_UP)


def _mul(a: Decimal, b: Decimal) -> Decimal:
    """a × b where 0 × Infinity is 0 (nothing of an unbounded amount is nothing)."""
    if a == 0 or b == 0:
        return ZERO
    return a * b


def estimate(case: Case, finances: Finances, as_of: dt.date, variants: Variants) -> Estimate:
    council = case.household.council
    if finances.variant is not None:
        variant = variants.get(finances.variant)
        if variant is None:
            raise CaseError("finances.variant", _("'{code}' is not a means-test variant we know (known: {codes})").format(
                code=finances.variant[:40], codes=", ".join(v.code for v in variants.all())))
    else:
        variant = variants.for_council(council)
    resolved = variants.resolve(variant.code, as_of)
    age = case.child.age
    if age is not None and age >= 18:
        raise CaseError("child.age", _("the allowance estimate is for a child under 18 (the order ends at 18)"))
    return _Test(case, finances, as_of, resolved).run()


class _Test:
    def __init__(self, case: Case, f: Finances, as_of: dt.date, resolved: Resolved):
        self.case, self.f, self.as_of, self.r = case, f, as_of, resolved
        self.asked: list[str] = list(f.unknown_fields)
        self.steps: list[Step] = []
        self.basis: dict[str, dict[str, Any]] = {}
        v = resolved.variant
        self.basis["variant"] = {"key": "variant", "kind": "variant", "code": v.code, "name": v.name,
                                 "read_on": v.read_on.isoformat()}

    def param(self, name: str) -> Parameter:
        p, code = self.r.parameters[name]
        period = self.r.periods.get(name)
        self.basis[f"parameter:{name}"] = {
            "key": f"parameter:{name}", "kind": "parameter", "name": name, "variant": code,
            "value": _plain(p.value),
            "valid_from": period.valid_from.isoformat() if period and period.valid_from else None,
            "valid_to": period.valid_to.isoformat() if period and period.valid_to else None,
            "source": {"title": p.source.title, "url": p.source.url}}
        return p

    def rate(self, name: str, **dims: str) -> Any:
        from kinship_app.data import rates

        amount = rates.lookup(name, self.as_of, **dims)
        if amount is not None:
            key = ":".join(["rate", name, *(f"{k}={dims[k]}" for k in sorted(dims))])
            self.basis[key] = {
                "key": key, "kind": "rate", "name": name, "dims": dict(sorted(dims.items())),
                "value": amount.value, "unit": amount.period, "valid_from": amount.valid_from.isoformat(),
                "valid_to": amount.valid_to.isoformat() if amount.valid_to else None,
                "confirmed": amount.confirmed, "source": amount.source}
        return amount

    def src(self, p: Parameter) -> tuple[str, str]:
        return (p.source.title, p.source.url)

    def ask(self, name: str) -> None:
        if name not in self.asked:
            self.asked.append(name)

    def add(self, code: str, lo: Decimal, hi: Decimal, source=None, note: str = "", percent=None) -> tuple[Decimal, Decimal]:
        lo, hi = min(lo, hi), max(lo, hi)
        self.steps.append(Step(code, lo, hi, source, note, percent))
        return lo, hi

    # -- each step ---------------------------------------------------------------------------------
    def run(self) -> Estimate:
        f = self.f
        # 1. Income that counts (the child's DLA only where the variant counts it).
        dla = self.param("child_dla_counted")
        counted = {k: v for k, v in f.income.items() if k != "child_disability_living_allowance"}
        inc_lo = sum((v[0] for v in counted.values()), ZERO)
        inc_hi = sum((v[1] for v in counted.values()), ZERO)
        child_dla = f.income.get("child_disability_living_allowance")
        if child_dla:
            if dla.value is True:
                inc_lo, inc_hi = inc_lo + child_dla[0], inc_hi + child_dla[1]
            elif dla.value is None:
                inc_hi += child_dla[1]
                self.ask("variant.child_dla_counted")
        first = self.r.variant.sources[0]
        income = self.add("income", inc_lo, inc_hi, self.src(dla) if child_dla else (first.title, first.url),
                          dla.note if child_dla else _("Earnings after tax and National Insurance, benefits (Universal "
                                                       "Credit included), pensions, interest and other income."))

        # 2. What is set aside before the test.
        disregard = self.param("income_disregard_percent")
        pct = self.percent_range(disregard, f.income_disregard_percent, "finances.income_disregard_percent")
        self.add("income_disregard", _mul(income[0], pct[0] / HUNDRED), _mul(income[1], pct[1] / HUNDRED),
                 self.src(disregard), disregard.note, pct)
        # The most counted comes with the most income and the least set aside, and the other way.
        counted_lo = _mul(income[0], (HUNDRED - pct[1]) / HUNDRED)
        counted_hi = _mul(income[1], (HUNDRED - pct[0]) / HUNDRED)
        counted_income = self.add("income_counted", counted_lo, counted_hi)

        # 3. Outgoings and the living-costs allowance.
        out_lo = sum((v[0] for v in f.outgoings.values()), ZERO)
        out_hi = sum((v[1] for v in f.outgoings.values()), ZERO)
        self.add("outgoings", out_lo, out_hi, None,
                 _("The outgoings your council allows may differ: it decides which it counts."))
        living = self.param("living_costs_percent_of_income_support")
        if living.value == NOT_PUBLISHED:
            liv = (ZERO, ZERO)
            self.add("living_costs", ZERO, ZERO, self.src(living), living.note)
        else:
            lpct = (ZERO, INF) if living.value == UNKNOWN else living.value
            rate = f.income_support_rate
            if rate is None or rate[1] == INF:
                self.ask("finances.income_support_rate")
                rate = (rate or (ZERO, INF))[0], INF
            liv = (_mul(rate[0], lpct[0] / HUNDRED), _mul(rate[1], lpct[1] / HUNDRED))
            self.add("living_costs", *liv, source=self.src(living), note=living.note, percent=lpct if lpct[1] != INF else None)
        expenditure = self.add("expenditure", out_lo + liv[0], out_hi + liv[1])

        # 4. Disposable income: may be negative (then nothing is counted).
        disposable = self.add("disposable", counted_income[0] - expenditure[1], counted_income[1] - expenditure[0])

        # 5. The share the council counts.
        share = self.param("share_of_disposable_percent")
        spct = self.percent_range(share, f.council_share_percent, "finances.council_share_percent")
        contribution = self.add("contribution", _mul(max(disposable[0], ZERO), spct[0] / HUNDRED),
                                _mul(max(disposable[1], ZERO), spct[1] / HUNDRED), self.src(share), share.note, spct)

        # 6. The baseline: the council's fostering allowance, at least the national minimum.
        baseline, base_label, base_confirmed, base_note = self.baseline()
        base_param = self.param("baseline")
        self.add("baseline", *baseline, source=self.src(base_param), note=base_note or base_param.note)

        # 7. Child Benefit and other payments for the child.
        cb_param = self.param("child_benefit_deducted")
        cb = f.child_benefit
        if cb is None or cb[1] == INF:
            self.ask("finances.child_benefit")
            cb = (ZERO, self.child_benefit_most())
        pay = (cb[0] + f.other_child_payments[0], cb[1] + f.other_child_payments[1])
        if f.other_child_payments[1] == INF:
            self.ask("finances.other_child_payments")
        if cb_param.value is False:
            pay = (ZERO, ZERO)
        elif cb_param.value is None:
            self.ask("variant.child_benefit_deducted")
            pay = (ZERO, pay[1])
        self.add("child_payments", *pay, source=self.src(cb_param), note=cb_param.note)

        # 8. The allowance: the baseline less those payments and the counted share, within 0..baseline.
        high = _clamp(baseline[1] - pay[0] - contribution[0], baseline[1])
        low = _clamp(baseline[0] - pay[1] - contribution[1], baseline[0])
        self.add("allowance", low, high)
        variant = self.r.variant
        return Estimate(variant.code, variant.name, variant.read_on, f.period, tuple(self.steps), min(low, high),
                        max(low, high), tuple(self.asked), base_label, base_confirmed, self.pilot(), self.as_of,
                        tuple(self.basis[k] for k in sorted(self.basis)))

    # -- helpers -----------------------------------------------------------------------------------
    def percent_range(self, p: Parameter, given: Decimal | None, field: str) -> tuple[Decimal, Decimal]:
        """The carer's figure for their council where given (within the variant's range if it has
        one), else the variant's; an unknown one asks."""
        if p.value == UNKNOWN:
            if given is not None:
                return (given, given)
            self.ask(field)
            return (ZERO, HUNDRED)
        lo, hi = p.value
        if lo != hi:
            if given is not None:
                return (given, given)
            self.ask(field)
        return (lo, hi)

    def regions(self) -> list[str]:
        from kinship_app.data import councils

        council = councils.get(self.case.household.council) if self.case.household.council else None
        if council is None:
            self.ask("household.council")
            return ["london", "south_east", "rest_of_england"]
        return [council.nma_region]

    def bands(self) -> list[str]:
        from kinship_app.data.rates import NMA_AGE_BANDS, nma_age_band

        age = self.case.child.age
        if age is None:
            self.ask("child.age")
            return [code for _lo, _hi, code in NMA_AGE_BANDS]
        band = nma_age_band(age)
        return [band] if band else []

    def nma_weekly(self) -> tuple[list[Decimal], bool, str]:
        from kinship_app.wording import amount_label

        values, confirmed, label = [], True, ""
        for region in self.regions():
            for band in self.bands():
                amount = self.rate("fostering_nma", region=region, age_band=band)
                if amount is None:
                    continue
                values.append(Decimal(str(amount.value)))
                confirmed = confirmed and amount.confirmed
                label = amount_label(amount)
        if not values:
            raise CaseError("as_of", _("no national minimum fostering allowance is known for this date"))
        return values, confirmed, label

    def baseline(self) -> tuple[tuple[Decimal, Decimal], str, bool, str]:
        given = self.f.council_fostering_allowance
        if given is not None and given[1] != INF:
            note = ""
            try:
                weekly, _confirmed, _label = self.nma_weekly()
            except CaseError:  # no national minimum known for that date: the council's figure stands
                weekly = []
            if weekly and given[0] < min(weekly) * 52:
                note = _("This is less than the national minimum fostering allowance for the child's age and region "
                         "({amount} a week): ask the council why.").format(amount=format_money(min(weekly)))
            return given, _("your council's fostering allowance"), True, note
        if given is not None:
            self.ask("finances.council_fostering_allowance")
        try:
            weekly, confirmed, label = self.nma_weekly()
        except CaseError:
            raise CaseError("finances.council_fostering_allowance", _(
                "no national minimum fostering allowance is known for this date: give the council's fostering "
                "allowance for the child")) from None
        nma = (min(weekly) * 52, max(weekly) * 52)
        note = _("The national minimum fostering allowance ({label}); your council may pay more, and then the "
                 "estimate is higher.").format(label=label if len(weekly) == 1 else _("for the ages and regions that may apply"))
        if not confirmed:
            note += " " + _("This year's figure is not confirmed yet: the last confirmed figure is used.")
        return nma, label, confirmed, note

    def child_benefit_most(self) -> Decimal:
        amount = self.rate("child_benefit_eldest")
        return Decimal(str(amount.value)) * 52 if amount else INF

    def pilot(self) -> dict[str, Any] | None:
        from kinship_app.data import councils

        code = self.case.household.council
        if not code or not councils.is_pilot_area(code, self.as_of):
            return None
        council = councils.get(code)
        try:
            weekly, confirmed, _label = self.nma_weekly()
        except CaseError:
            return None
        p = councils.pilot()
        return {
            "council": council.nice_name if council else code,
            "name": p.name,
            "min": float(min(weekly)), "max": float(max(weekly)), "period": "week",
            "amount_confirmed_for_this_year": confirmed,
            "means_tested": False,
            "start_date": None,
            "note": _("{council} is in the {pilot}: carers with a qualifying special guardianship or child "
                      "arrangements order can claim a weekly allowance equal to the national minimum fostering "
                      "allowance, without a means test. When payments start in your area has not been confirmed: "
                      "check with your council.").format(council=council.nice_name if council else code, pilot=p.name),
            "sources": [{"title": t, "url": u} for t, u in p.sources],
        }


def _plain(value: Any) -> Any:
    """A parameter's value as JSON: a (low, high) range as [low, high] numbers."""
    if isinstance(value, tuple):
        return [float(v) for v in value]
    return value


def _clamp(value: Decimal, top: Decimal) -> Decimal:
    return max(ZERO, min(value, top))
