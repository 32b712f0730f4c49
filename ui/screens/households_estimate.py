"""A household's allowance estimates on its page: for each child with one, the current estimate (the
range, the date it was worked out for, the version of the means test), a button to open it and work
it out again, the plain warning when it changed because the rates changed (old figure and new, which
rate or rule changed, its source and date), and the earlier estimates kept in history.

The figures and what changed come from the store (``Store.estimates``; ``Store.refresh_estimates``
works a saved estimate out again when the household is opened); words are rendered here, when shown.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QWidget

from kinship_app.estimate import saved as saved_estimate
from kinship_app.i18n import _, format_date
from ui import widgets

# The results from which the allowance can be estimated (ui/screens/results.py's ESTIMATE_CATEGORIES).
ESTIMATE_CATEGORIES = ("special_guardianship", "child_arrangements_order")


def by_child(estimates: list[Any]) -> dict[int, list[Any]]:
    """child id -> that child's estimates, newest first (the first is the current one)."""
    out: dict[int, list[Any]] = {}
    for item in sorted(estimates, key=lambda e: (e.made_at, e.id), reverse=True):
        out.setdefault(item.child_id, []).append(item)
    return out


def _variant_words(result: dict[str, Any]) -> str:
    variant = result.get("variant") or {}
    return _("Means test used: {name} (read on {date}).").format(
        name=variant.get("name", ""), date=format_date(dt.date.fromisoformat(variant["read_on"]))
        if variant.get("read_on") else "")


def changed_text(current: Any, before: Any | None) -> list[str]:
    """The warning for an estimate worked out again because the rates changed, line by line: what
    happened, the figure before and now, then each rate or rule that changed."""
    lines = [_("This estimate has changed because the rates it uses changed.")]
    if before is not None:
        lines.append(_("Before: {figure} (worked out for {date}).").format(
            figure=saved_estimate.figure_text(before.result), date=format_date(before.as_of)))
    lines.append(_("Now: {figure} (worked out again for {date}).").format(
        figure=saved_estimate.figure_text(current.result), date=format_date(current.as_of)))
    return lines


def estimate_cards(screen: Any, record: Any, estimates: list[Any], latest_runs: dict[int, Any]) -> list[QWidget]:
    """One card per child who has an estimate, or whose latest check makes one possible."""
    cards: list[QWidget] = []
    kept = by_child(estimates)
    for child in record.children:
        mine = kept.get(child.id, [])
        run = latest_runs.get(child.id)
        category = run.result.get("category") if run is not None else None
        if not mine and category not in ESTIMATE_CATEGORIES:
            continue
        cards.append(_card(screen, child, mine))
    return cards


def _card(screen: Any, child: Any, mine: list[Any]) -> QWidget:
    card = widgets.Card()
    card.setObjectName(f"estimate_card_{child.id}")
    name = child.name or _("the child")
    card.add(widgets.heading(_("Allowance estimate for {name}").format(name=name), level=2))
    if not mine:
        card.add(widgets.label(_("No estimate saved yet. Estimate what the council might pay, and keep it here "
                                 "to use in the allowance letter.")))
        go = widgets.button(role="", on_click=lambda _c=False, cid=child.id: screen.open_estimate(cid))
        widgets.set_button_text(go, _("Estimate the allowance"), name)
        go.setObjectName(f"estimate_open_{child.id}")
        card.add(go)
        return card
    current = mine[0]
    figure = widgets.label(saved_estimate.figure_text(current.result), "subheading")
    figure.setObjectName(f"estimate_figure_{child.id}")
    card.add(figure)
    card.add(widgets.label(_("Worked out for {date}.").format(date=format_date(current.as_of)) + " "
                           + _variant_words(current.result)))
    if current.reason == saved_estimate.REASON_RATES_CHANGED:
        warning = widgets.Card("warning")
        warning.setObjectName(f"estimate_changed_{child.id}")
        first, *rest = changed_text(current, mine[1] if len(mine) > 1 else None)
        warning.add(widgets.label("⚠  " + first, "subheading"))  # not colour alone
        for line in rest:
            warning.add(widgets.label(line))
        warning.add(widgets.label(_("What changed:")))
        for reason in saved_estimate.describe_changes(list(current.changes)):
            warning.add(widgets.label("•  " + reason))
        card.add(warning)
    card.add(widgets.label(_("This is an estimate: the council decides the allowance, and may use its own version "
                             "of the means test."), "hint"))
    again = widgets.button(role="", on_click=lambda _c=False, cid=child.id: screen.open_estimate(cid))
    widgets.set_button_text(again, _("Open or redo the estimate"), name)
    again.setObjectName(f"estimate_open_{child.id}")
    card.add(again)
    if len(mine) > 1:
        history = widgets.Disclosure()
        history.setObjectName(f"estimate_history_{child.id}")
        lines = []
        for item in mine[1:]:
            why = (_("worked out again because the rates changed") if item.reason == saved_estimate.REASON_RATES_CHANGED
                   else _("saved"))
            lines.append("•  " + _("{date}: {figure} ({why})").format(
                date=format_date(item.as_of), figure=saved_estimate.figure_text(item.result), why=why))
        history.set_content(_("Earlier estimates ({n})").format(n=len(mine) - 1), "\n".join(lines))
        card.add(history)
    return card
