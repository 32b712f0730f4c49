"""Encryption at rest, measured (issue 12; run: make bench): unlocking (Argon2id at the shipped cost,
then pooled SQLCipher connections) and list/search on 5,000 households, encrypted against the same
file unencrypted, run side by side. Ratios are printed; nothing here asserts a time (figures in the
README: unlock goal <= 1 s, list and search within 25% of unencrypted)."""

from __future__ import annotations

import pytest
from encryption_report import PASS, _clock, make_stores

from kinship_app.store import Store

HOUSEHOLDS = 5000
RESULTS: dict[str, float] = {}


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    files = make_stores(tmp_path_factory.mktemp("encbench"), HOUSEHOLDS)
    plain, encrypted = files["plain"], files["encrypted"]
    yield {"plain": f"sqlite:///{plain}", "encrypted": f"sqlite:///{encrypted}"}
    print("\nencryption at rest, medians (encrypted / unencrypted):")
    for what in ("list_recent_50", "list_all", "search_name", "save"):
        if f"{what}-plain" in RESULTS and f"{what}-encrypted" in RESULTS:
            ratio = RESULTS[f"{what}-encrypted"] / RESULTS[f"{what}-plain"]
            print(f"  {what}: {RESULTS[f'{what}-encrypted'] * 1000:.2f} ms / "
                  f"{RESULTS[f'{what}-plain'] * 1000:.2f} ms = {ratio:.2f}x (goal <= 1.25x)")
    if "unlock-encrypted" in RESULTS:
        print(f"  unlock (Argon2id at the shipped cost + open): {RESULTS['unlock-encrypted'] * 1000:.0f} ms "
              f"(goal <= 1000 ms); open unencrypted {RESULTS.get('unlock-plain', 0) * 1000:.0f} ms")


def _keep(benchmark, name: str) -> None:
    stats = getattr(benchmark, "stats", None)
    if stats is not None and getattr(stats, "stats", None) is not None:
        RESULTS[name] = stats.stats.median


@pytest.mark.parametrize("kind", ["plain", "encrypted"])
def test_unlock(benchmark, stores, kind):
    passphrase = PASS if kind == "encrypted" else None
    benchmark.pedantic(lambda: Store(stores[kind], clock=_clock, passphrase=passphrase).close(), rounds=5,
                       iterations=1)
    _keep(benchmark, f"unlock-{kind}")


@pytest.mark.parametrize("kind", ["plain", "encrypted"])
def test_list_recent_50(benchmark, stores, kind):
    with Store(stores[kind], clock=_clock, passphrase=PASS if kind == "encrypted" else None) as store:
        result = benchmark(store.list_households, limit=50)
    assert len(result) == 50
    _keep(benchmark, f"list_recent_50-{kind}")


@pytest.mark.parametrize("kind", ["plain", "encrypted"])
def test_list_all(benchmark, stores, kind):
    with Store(stores[kind], clock=_clock, passphrase=PASS if kind == "encrypted" else None) as store:
        result = benchmark(store.list_households)
    assert len(result) == HOUSEHOLDS
    _keep(benchmark, f"list_all-{kind}")


@pytest.mark.parametrize("kind", ["plain", "encrypted"])
def test_search_name(benchmark, stores, kind):
    with Store(stores[kind], clock=_clock, passphrase=PASS if kind == "encrypted" else None) as store:
        result = benchmark(store.search, "sian o'brien", limit=None)
    assert result
    _keep(benchmark, f"search_name-{kind}")


@pytest.mark.parametrize("kind", ["plain", "encrypted"])
def test_save(benchmark, stores, kind):
    with Store(stores[kind], clock=_clock, passphrase=PASS if kind == "encrypted" else None) as store:
        household = store.list_households(limit=1)[0].id
        state = {"version": store.get_household(household).version}

        def save() -> None:
            state["version"] = store.update_household(household, label=f"Family {state['version']}",
                                                      expected_version=state["version"]).version

        benchmark(save)
    _keep(benchmark, f"save-{kind}")
