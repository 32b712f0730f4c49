"""Reads that use indexes: the trigram name index (SQLite FTS5, kept in step by triggers), the
references' unique index, and paging (the households list and search results a page at a time)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from store_helpers import Clock, carer, child, make_household

from kinship_app.store import Store, search_index
from kinship_app.store.models import HouseholdRow

SAMPLES = Path(__file__).parent / "samples"
NAMES = ["Siân O'Brien", "Zoë 100%_x", 'Dai "Big" Jones', "Wojciech Kowalski", "Ó Súilleabháin", "Priya Patel",
         "Aisha Begum", "Al", "Jo Ng"]
NEEDLES = ["sian", "SIÂN o'b", "zoe", "100%_", "%", "_", '"big"', 'dai "', "kowal", "suilleab", "o'", "patel", "al",
           "ng", "j", "a", "begum\n", "nobody", "kc-", "KC-2026", "kc-2026-000", "0003", "family", "'", "ai", "100"]


def _plan(store: Store, where) -> str:
    query = select(HouseholdRow.id).where(where)
    compiled = query.compile(store.engine, compile_kwargs={"literal_binds": True})
    with store.engine.connect() as conn:
        return " / ".join(str(r[-1]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))


@pytest.fixture
def filled(tmp_path):
    clock = Clock()
    with Store(f"sqlite:///{tmp_path / 'households.sqlite'}", clock=clock) as store:
        for i, name in enumerate(NAMES):
            make_household(store, label=f"{name.split()[-1]} family", carers=[carer(name)],
                           children=[child(f"{NAMES[(i + 3) % len(NAMES)]} Junior")])
            clock.advance(seconds=1)
        yield store


def _like_only(store: Store):
    store._search_index = False
    try:
        return {n: [s.id for s in store.search(n, limit=None)] for n in NEEDLES}
    finally:
        store._search_index = True


def test_the_index_gives_exactly_what_reading_every_household_gives(filled):
    assert filled._search_index
    indexed = {n: [s.id for s in filled.search(n, limit=None)] for n in NEEDLES}
    assert indexed == _like_only(filled)
    assert indexed["sian"] and indexed['"big"'] and indexed["100%_"] and indexed["suilleab"]


def test_searches_use_the_indexes(filled):
    by_name = _plan(filled, filled._search_where("Kowalski", "kowalski"))
    assert "VIRTUAL TABLE INDEX" in by_name and search_index.TABLE in by_name, by_name
    whole = _plan(filled, filled._search_where("kc-2026-0004", "kc-2026-0004"))
    start = _plan(filled, filled._search_where("KC-2026-00", "kc-2026-00"))
    for plan in (whole, start):
        assert "USING COVERING INDEX sqlite_autoindex_households_1" in plan and "SCAN" not in plan, plan
    assert "SCAN households" in _plan(filled, filled._search_where("al", "al"))  # two letters: no trigram


def test_the_index_follows_every_change(filled):
    first = filled.list_households(order="reference")[0]
    household = filled.get_household(first.id)
    filled.update_household(first.id, carers=[carer("Ngozi Adeyemi")], expected_version=household.version)
    assert [s.id for s in filled.search("adeyemi")] == [first.id]
    assert first.id not in [s.id for s in filled.search(household.carers[0].name)]
    filled.erase_household(first.id)
    assert filled.search("adeyemi") == []
    latest = filled.list_households()[0]
    exported = filled.export_household(latest.id)
    name = exported["household"]["carers"][0]["name"]
    before = [s.id for s in filled.search(name)]
    filled.erase_household(latest.id)
    assert [s.id for s in filled.search(name)] == [i for i in before if i != latest.id]
    imported = filled.import_household(exported)
    assert [s.id for s in filled.search(name)] == [imported.id] + [i for i in before if i != latest.id]
    assert {n: [s.id for s in filled.search(n, limit=None)] for n in NEEDLES} == _like_only(filled)


def test_triggers_lost_in_a_later_migration_are_put_back_and_the_index_rebuilt(filled):
    path = filled.path
    target = filled.list_households()[0]
    filled.close()
    con = sqlite3.connect(path)
    for name in search_index.TRIGGERS:
        con.execute(f"DROP TRIGGER {name}")
    # What a batch migration's copy of the table would leave: changes the index never heard of.
    con.execute("UPDATE households SET search_text = 'renamed xyzzy' WHERE id = ?", (target.id,))
    con.commit()
    con.close()
    with Store(f"sqlite:///{path}", clock=Clock()) as store:
        assert store._search_index
        assert [s.id for s in store.search("xyzzy")] == [target.id]
        triggers = {r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
        assert set(search_index.TRIGGERS) <= triggers


def test_the_0001_sample_gets_the_index_with_every_household_in_it(tmp_path):
    db = tmp_path / "households.sqlite"
    shutil.copy(SAMPLES / "schema_0001.sqlite", db)
    with sqlite3.connect(db) as con:
        references = [r[0] for r in con.execute("SELECT reference FROM households ORDER BY id")]
    with Store(f"sqlite:///{db}", clock=Clock()) as store:
        assert store.schema == "0002" and store._search_index
        for summary in store.list_households():
            record = store.get_household(summary.id)
            for name in [c.name for c in record.carers] + [c.name for c in record.children]:
                if len(name) >= 3:
                    assert summary.id in [s.id for s in store.search(name)], name
        assert sorted(s.reference for s in store.search("kc-")) == sorted(references)
        assert store.integrity_check() == ["ok"]


def test_without_fts5_the_upgrade_still_works_and_search_reads_every_household(tmp_path, monkeypatch):
    monkeypatch.setattr(search_index, "fts5_available", lambda execute: False)
    db = tmp_path / "households.sqlite"
    shutil.copy(SAMPLES / "schema_0001.sqlite", db)
    with Store(f"sqlite:///{db}", clock=Clock()) as store:
        assert store.schema == "0002" and not store._search_index
        first = store.get_household(store.list_households()[0].id)
        assert first.id in [s.id for s in store.search(first.carers[0].name)]


def test_pages_of_the_list_and_of_a_search(store, clock):
    ids = []
    for i in range(23):
        ids.append(make_household(store, label=f"Family {i}", carers=[carer(f"Carer Smith {i}")]).id)
        clock.advance(seconds=1)
    recent = list(reversed(ids))
    pages = [store.list_households(limit=10, offset=o) for o in (0, 10, 20)]
    assert [[s.id for s in p] for p in pages] == [recent[:10], recent[10:20], recent[20:]]
    assert store.list_households(limit=10, offset=30) == []
    assert [s.id for s in store.search("smith", limit=10, offset=20)] == recent[20:]
    assert store.count_search("smith") == 23 and store.count_search("smith 1") == 11
    assert store.count_search("") == store.count_households() == 23
    assert store.count_search("nobody") == 0


def test_an_erased_households_names_leave_no_trigram_in_the_index(filled):
    """The delete trigger takes the household's trigrams out, and the erase merges the index into
    one segment (FTS5 'optimize'), so its entries are dropped, not only marked deleted."""
    unique = make_household(filled, label="", carers=[carer("Zebedee Quillfeather")], children=[child("Xyzzyq")])
    vocab = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms USING fts5vocab(main, 'households_fts', 'row')"

    def terms() -> set[str]:
        with sqlite3.connect(filled.path) as con:
            con.execute(vocab)
            return {r[0] for r in con.execute("SELECT term FROM temp.terms")}

    assert {"zeb", "qui", "yzz"} <= terms()
    filled.erase_household(unique.id)
    left = {"zeb", "ebe", "qui", "yzz", "zzy"} & terms()  # ("uil" is in Súilleabháin too)
    assert not left, left
    with sqlite3.connect(filled.path) as con:
        assert con.execute("SELECT count(DISTINCT segid) FROM households_fts_idx").fetchone()[0] == 1


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(needle=st.text(alphabet="aeinoqrsxyzABJKOS'\"%_-*^():. 0123456789âëöñóú\\", min_size=1, max_size=7)
       | st.sampled_from(NAMES).map(lambda name: name[1:-1]))
def test_any_text_finds_through_the_index_what_reading_every_household_finds(filled, needle):
    indexed = [s.id for s in filled.search(needle, limit=None)]
    filled._search_index = False
    try:
        assert indexed == [s.id for s in filled.search(needle, limit=None)]
    finally:
        filled._search_index = True
