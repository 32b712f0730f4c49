"""One rule for out-of-date figures (issue 11): every figure past its confirmed period carries the
same "not confirmed" warning on screen (before the card is opened, and in it), in print and in the
letters — over every entitlement of every rule case, assessed on a date past all our rate data."""

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from kinship_app.assess import assess
from kinship_app.case import parse_case
from kinship_app.i18n import format_money
from kinship_app.result import unconfirmed_warning

CASES = tomllib.loads((Path(__file__).parents[1] / "rules" / "cases.toml").read_text(encoding="utf-8"))["case"]
LATE = dt.date(2031, 6, 1)  # past the last confirmed period of every rate we hold


def _late(case):
    return parse_case(case.get("facts", {})), assess(parse_case(case.get("facts", {})), LATE)


def figures(ent):
    return [a for a in (ent.amount, ent.reference_amount) if a is not None]


def test_the_late_date_leaves_figures_unconfirmed_for_every_entitlement_with_a_figure():
    seen = set()
    for case in CASES:
        _case, a = _late(case)
        for ent in a.entitlements:
            for fig in figures(ent):
                assert not fig.confirmed, (case["name"], ent.code)
                seen.add(ent.code)
    # Every kind of help that ever carries a figure is covered by the cases.
    assert {"child_benefit", "guardians_allowance", "fostering_allowance", "special_guardianship_support",
            "child_arrangements_order_allowance", "adoption_support_fund", "pupil_premium_plus",
            "universal_credit_child_element", "kinship_allowance_pilot"} <= seen


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_every_unconfirmed_figure_carries_the_warning_on_screen_in_print_and_in_letters(qtbot, case):
    from kinship_app import letters
    from ui.screens.results import HelpCard, ResultsPage, entitlement_lines

    the_case, a = _late(case)
    warning = unconfirmed_warning()
    page = ResultsPage(None, None)
    qtbot.addWidget(page)
    page.assessment, page.answers = a, {}
    printed = page.document_html()
    summary = letters.build_letter("support_summary", the_case, a, LATE).plain_text()
    for ent in a.entitlements:
        figs = figures(ent)
        if not figs:
            continue
        # On screen: in the card's lines, once for each figure, and on the closed card.
        lines = entitlement_lines(ent)
        assert sum(1 for style, text in lines if style == "warning" and text == warning) == len(figs), ent.code
        card = HelpCard(ent, [])
        qtbot.addWidget(card)
        closed = [lab.text() for lab in card.findChildren(type(card.title)) if not card.detail.isAncestorOf(lab)]
        assert any(warning in t for t in closed), ent.code
        # In print: the card's section of the printout.
        section = printed.split(f"<h3>{card.ent.title}</h3>".replace("'", "&#x27;"))[1].split("<h3>")[0]
        assert section.count(warning) == len(figs), ent.code
        # In the letter that lists everything: the figure, then the same warning.
        for fig in figs:
            money = format_money(fig.value, fig.currency)
            assert money in summary, (ent.code, money)
            after = summary.split(money, 1)[1][:200]
            assert warning in after, (ent.code, after)


def test_a_confirmed_figure_has_no_warning(qtbot):
    from ui.screens.results import entitlement_lines

    case = next(c for c in CASES if "contract's example" in c["name"])
    a = assess(parse_case(case["facts"]), dt.date(2026, 11, 22))
    cb = a.entitlement("child_benefit")
    assert cb.amount.confirmed
    assert unconfirmed_warning() not in [t for _s, t in entitlement_lines(cb)]
