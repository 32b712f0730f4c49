"""The store at a busy drop-in's size: 5,000 households (run: make bench; figures in the README).

Opening the file, listing, and searching by name or reference are what a support worker waits for.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy.orm import Session

from kinship_app.store import Store
from kinship_app.store.models import CarerRow, ChildRow, HouseholdRow
from kinship_app.store.service import _search_text

HOUSEHOLDS = 5000
FIRST = ["Margaret", "Siân", "Priya", "Joan", "Dai", "Aisha", "Zoë", "Wojciech", "Chinwe", "Eilidh", "Mohammed",
         "Bronwen", "Tomasz", "Grace", "Olu", "Ruth", "Imran", "Kezia", "Patrick", "Nkechi"]
LAST = ["Ellis", "Patel", "O'Brien", "Kowalski", "Jones", "Okafor", "Ward", "Hughes", "Begum", "Nowak", "Campbell",
        "Adeyemi", "Walsh", "Khan", "Murphy", "Evans", "Ahmed", "Taylor", "Smith", "Ó Súilleabháin"]
FACTS = {"child": {"age": 9}, "carer": {"relationship": "grandparent"}, "arrangement": {"days_so_far": 400}}


def _clock() -> dt.datetime:
    return dt.datetime(2026, 11, 22, 9, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def big_store_url(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('bench') / 'households.sqlite'}"
    rng = random.Random(5000)
    start = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    with Store(url, clock=_clock) as store:
        # Seeded in one transaction (through the real tables) so the fixture takes a second, not minutes.
        with Session(store.engine) as session, session.begin():
            for i in range(1, HOUSEHOLDS + 1):
                surname = rng.choice(LAST)
                moment = start + dt.timedelta(minutes=97 * i)
                row = HouseholdRow(reference=f"KC-{moment.year}-{i:04d}", label=f"{surname} family", council=None,
                                   version=1, created_at=moment, updated_at=moment, search_text="")
                row.carers = [CarerRow(position=k, name=f"{rng.choice(FIRST)} {surname}", address=["1 Road", "Town"],
                                       phone="", email="") for k in range(rng.choice((1, 1, 2)))]
                row.children = [ChildRow(position=k, name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                                         date_of_birth=dt.date(2012 + k, 5, 1), facts=FACTS, people={})
                                for k in range(rng.choice((1, 1, 2, 3)))]
                row.search_text = _search_text(row)
                session.add(row)
        assert store.count_households() == HOUSEHOLDS
    return url


def test_open_store_with_5000_households(benchmark, big_store_url):
    def open_and_close():
        Store(big_store_url, clock=_clock).close()

    benchmark(open_and_close)


def test_list_all_5000(benchmark, big_store_url):
    with Store(big_store_url, clock=_clock) as store:
        result = benchmark(store.list_households)
    assert len(result) == HOUSEHOLDS and result[0].updated_at >= result[-1].updated_at


def test_list_recent_page_of_50(benchmark, big_store_url):
    with Store(big_store_url, clock=_clock) as store:
        result = benchmark(store.list_households, limit=50)
    assert len(result) == 50


def test_search_by_name(benchmark, big_store_url):
    with Store(big_store_url, clock=_clock) as store:
        result = benchmark(store.search, "sian o'brien", limit=None)
    assert result and all(any("Siân O'Brien" == n for n in s.carer_names + s.child_names) for s in result)


def test_search_by_reference(benchmark, big_store_url):
    with Store(big_store_url, clock=_clock) as store:
        result = benchmark(store.search, "KC-2025-0042")
    assert [s.reference for s in result] == ["KC-2025-0042"]


def test_save_one_note(benchmark, big_store_url):
    """One acknowledged save: a transaction made durable on disk (synchronous=FULL)."""
    with Store(big_store_url, clock=_clock) as store:
        hid = store.list_households(limit=1)[0].id
        benchmark(store.add_note, hid, "rang the council")


def test_last_page_of_50(benchmark, big_store_url):
    """Any page of the households list comes from the index (issue 15: 50 ms at most for 5,000)."""
    with Store(big_store_url, clock=_clock) as store:
        result = benchmark(store.list_households, limit=50, offset=HOUSEHOLDS - 50)
    assert len(result) == 50
