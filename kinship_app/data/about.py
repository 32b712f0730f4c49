"""What the About box says about the app's reference data: what it holds, and when it was checked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kinship_app.i18n import N_


@dataclass(frozen=True)
class DataSet:
    title: str  # English, marked for translation; show it with _()
    checked_on: dt.date  # the most recent check of any record in it
    oldest_check: dt.date  # the least recently checked record
    confirmed_to: dt.date | None  # for rates: the last day the data confirms a figure
    sources: tuple[str, ...]  # "title – url"


def summary() -> list[DataSet]:
    """One row per rate, then the councils and the services directory."""
    from kinship_app.data import councils, law, rates, services

    rows = [DataSet(r.title, r.checked_on, min(p.checked_on for p in r.periods), r.last_confirmed,
                    tuple(str(s) for s in r.sources)) for r in rates.all_rates()]
    every = councils.all()
    pilot = councils.pilot()
    rows.append(DataSet(N_("English councils and their fostering allowance regions"),
                        max(c.checked_on for c in every), min(c.checked_on for c in every), None,
                        (councils.ATTRIBUTION,)))
    rows.append(DataSet(N_("Kinship Allowance Pilot areas"), pilot.checked_on, pilot.checked_on, None,
                        tuple(f"{title} – {url}" for title, url in pilot.sources)))
    national = services.all()
    rows.append(DataSet(N_("Advice lines, training and support"), max(s.checked_on for s in national),
                        min(s.checked_on for s in national), None,
                        tuple(dict.fromkeys(s.source for s in national if s.source))))
    dated = law.all_dated()
    rows.append(DataSet(N_("Dates and limits in the law (when a rule changed, ages, weeks)"),
                        max(d.checked_on for d in dated), min(d.checked_on for d in dated), None,
                        tuple(dict.fromkeys(f"{d.source} – {d.urls[0]}" for d in dated))))
    return rows
