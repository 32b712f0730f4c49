"""The households list a page at a time: a drop-in's thousands of households are never all read
at once; a person pages through them (and through search results) with two buttons."""

from __future__ import annotations

import pytest
from test_households_helpers import click, ops, settle, store, visible_text  # noqa: F401 (fixtures)

from ui.screens.households import RECENT_LIMIT, HouseholdsScreen


@pytest.fixture
def many(store):
    from kinship_app.store import CarerRecord, ChildRecord

    made = []
    for i in range(45):
        name = f"Smith {i}" if i % 2 else f"Jones {i}"
        made.append(store.create_household(carers=[CarerRecord(name=f"Carer {name}")],
                                           children=[ChildRecord(name=f"Child {i}")]))
    return [h.reference for h in reversed(made)]  # most recently changed first


@pytest.fixture
def screen(qtbot, ctx, ops, many):
    w = HouseholdsScreen(ctx, ops)
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    w.show_list()
    return w


def shown(screen) -> list[str]:
    settle()  # pages are read off the UI thread
    results = screen.list_page.results
    return [results.item(i).text() for i in range(results.count())]


def test_the_recent_list_pages_through_every_household(qtbot, screen, many):
    page = screen.list_page
    assert RECENT_LIMIT == 20
    assert [r.split(" — ")[0] for r in shown(screen)] == many[:20]
    assert "Households 1 to 20 of 45, most recently changed first" in visible_text(screen)
    assert not page.previous_button.isEnabled() and page.next_button.isEnabled()
    click(qtbot, page.next_button)
    assert [r.split(" — ")[0] for r in shown(screen)] == many[20:40]
    assert "Households 21 to 40 of 45" in visible_text(screen)
    click(qtbot, page.next_button)
    assert [r.split(" — ")[0] for r in shown(screen)] == many[40:]
    assert "Households 41 to 45 of 45" in visible_text(screen)
    assert page.previous_button.isEnabled() and not page.next_button.isEnabled()
    assert "Carer" not in visible_text(screen) + "".join(shown(screen))  # still references only
    click(qtbot, page.previous_button)
    assert [r.split(" — ")[0] for r in shown(screen)] == many[20:40]


def test_search_results_page_too_and_a_new_search_starts_at_its_first_page(qtbot, screen, many):
    page = screen.list_page
    qtbot.keyClicks(page.search, "smith")
    click(qtbot, page.search_button)
    assert len(shown(screen)) == 20 and all("Carer Smith" in r for r in shown(screen))
    assert "Results 1 to 20 of 22" in visible_text(screen)
    click(qtbot, page.next_button)
    assert len(shown(screen)) == 2 and "Results 21 to 22 of 22" in visible_text(screen)
    assert not page.next_button.isEnabled()
    page.search.clear()
    qtbot.keyClicks(page.search, "jones 4")
    click(qtbot, page.search_button)
    assert sorted(r.split(" — ")[1] for r in shown(screen)) == ["Carer Jones 4, Child 4", "Carer Jones 40, Child 40",
                                                                 "Carer Jones 42, Child 42", "Carer Jones 44, Child 44"]
    assert not page.next_button.isVisible() and "Results" not in visible_text(screen)  # one page: no pager


def test_few_households_show_no_pager(qtbot, ctx, ops, store):
    from kinship_app.store import CarerRecord

    store.create_household(carers=[CarerRecord(name="Only One")])
    w = HouseholdsScreen(ctx, ops)
    qtbot.addWidget(w)
    w.show()
    w.show_list()
    settle()
    assert w.list_page.results.count() == 1
    assert not w.list_page.next_button.isVisible() and not w.list_page.previous_button.isVisible()
    assert "Households 1 to" not in visible_text(w)
