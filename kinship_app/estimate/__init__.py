"""The SGO / CAO allowance estimator: the standardised means test as data and small functions.

``estimate_case(data, as_of)`` takes a case with a ``finances`` object (decoded JSON) and returns an
``Estimate``; ``variants.load`` reads the national model and council variants. The core only: no Qt.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from kinship_app.estimate.model import Estimate, estimate, per_period  # noqa: F401


def estimate_case(data: Any, as_of: dt.date, extra_variants: Iterable[str] = ()) -> Estimate:
    from kinship_app.case import CaseError, parse_case
    from kinship_app.estimate import variants
    from kinship_app.estimate.finances import parse_finances
    from kinship_app.i18n import _

    if not isinstance(data, dict):
        raise CaseError("case", _("must be a JSON object with the case and a finances object"))
    if "finances" not in data:
        raise CaseError("finances", _("is missing: the estimate needs the household's income and outgoings"))
    rest = {k: v for k, v in data.items() if k != "finances"}
    case = parse_case(rest)
    finances = parse_finances(data["finances"])
    return estimate(case, finances, as_of, variants.load(extra_variants))
