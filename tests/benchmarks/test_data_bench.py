"""Reference data speed (run: make bench): cold loads, lookups, council search, a charity's file."""

from __future__ import annotations

import datetime as dt

from kinship_app.data import councils, rates, services

DAY = dt.date(2026, 11, 22)


def _cold_rates():
    rates.load.cache_clear()
    return rates.load()


def _cold_councils():
    councils._load.cache_clear()
    return councils.all()


def test_rates_cold_load(benchmark):
    assert len(benchmark(_cold_rates)) == 7


def test_councils_cold_load(benchmark):
    assert len(benchmark(_cold_councils)) == 153


def test_lookups(benchmark):
    def run():
        for band in ("0-2", "3-4", "5-10", "11-15", "16-17"):
            for region in ("london", "south_east", "rest_of_england"):
                rates.lookup("fostering_nma", DAY, region=region, age_band=band)
        rates.lookup("child_benefit_eldest", DAY)
    benchmark.extra_info["lookups_per_round"] = 16
    benchmark(run)


def test_council_search(benchmark):
    assert [c.nice_name for c in benchmark(councils.search, "york")][-1] == "York"


def test_charity_file_of_500_records_cold(benchmark, tmp_path):
    # The documented example's [[service]] record, 500 times over with different codes.
    example = services.EXAMPLE_FILE.read_text(encoding="utf-8")
    head = example[:example.index("[[service]]")]
    record = example[example.index("[[service]]"):example.index("[[local_offer]]")]
    path = tmp_path / "big.toml"
    path.write_text(head + "".join(record.replace("example-tuesday-group", f"group-{i}") for i in range(500)),
                    encoding="utf-8")

    def run():
        services._cached_parse.cache_clear()
        return services.load([path]).for_council("E08000035", kind="peer_support")
    assert len(benchmark(run)) == 502  # 500, the built-in peer groups and Kinship Connected (Leeds pays for it)
