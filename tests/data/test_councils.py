import csv
import datetime as dt

import pytest

from kinship_app.data import councils
from kinship_app.data._files import DataError

PILOT = {"Bexley", "Bolton", "Newcastle upon Tyne", "North East Lincolnshire", "Medway", "Thurrock", "Wiltshire"}


def test_all_153_councils_with_unique_valid_codes_and_checked_on():
    every = councils.all()
    assert len(every) == 153
    assert len({c.code for c in every}) == 153
    for c in every:
        assert councils.CODE.match(c.code)
        assert isinstance(c.checked_on, dt.date)
        assert c.name and c.nice_name and c.type in councils.TYPES and c.region in councils.REGIONS
        assert c.nma_region in councils.NMA_REGIONS


def test_counts_by_type_match_the_source():
    # FACTS §5: 21 counties + 63 unitaries + 36 metropolitan districts + 32 London boroughs + City of London.
    counts = {}
    for c in councils.all():
        counts[c.type] = counts.get(c.type, 0) + 1
    assert counts == {"county": 21, "unitary": 63, "metropolitan_district": 36, "london_borough": 32,
                      "city_corporation": 1}


def test_every_row_of_the_shared_extract_is_present_unchanged():
    try:
        with open("/work/shared/domain/england_upper_tier_councils.csv", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    except FileNotFoundError:
        pytest.skip("the shared extract is only on the build machine")
    assert len(rows) == 153
    for row in rows:
        c = councils.get(row["gss_code"])
        assert (c.name, c.nice_name, c.region) == (row["official_name"], row["nice_name"], row["region"])


def test_sorted_by_nice_name():
    names = [c.nice_name.casefold() for c in councils.all()]
    assert names == sorted(names)


def test_get_and_search():
    leeds = councils.get("E08000035")
    assert leeds.nice_name == "Leeds" and leeds.name == "Leeds City Council"
    assert councils.get(" e08000035 ") == leeds
    assert councils.get("E99999999") is None and councils.get("") is None
    assert [c.nice_name for c in councils.search("YORK")] == ["East Riding of Yorkshire", "North Yorkshire", "York"]
    assert councils.search("Leeds City") == [leeds]
    assert councils.search("   ") == councils.all()
    assert councils.search("zzz") == []


def test_seven_pilot_areas_from_the_announcement_date():
    p = councils.pilot()
    assert p.announced_on == dt.date(2026, 2, 27) and p.sources
    assert {c.nice_name for c in councils.all() if c.pilot} == PILOT
    assert {c.nice_name for c in councils.pilot_areas(dt.date(2026, 2, 27))} == PILOT
    assert councils.pilot_areas(dt.date(2026, 2, 26)) == []
    assert councils.is_pilot_area("E06000034", dt.date(2026, 11, 22))
    assert not councils.is_pilot_area("E06000034", dt.date(2025, 11, 22))
    assert not councils.is_pilot_area("E08000035", dt.date(2026, 11, 22))


def test_nma_regions():
    assert councils.get("E09000004").nma_region == "london"  # Bexley
    assert councils.get("E06000035").nma_region == "south_east"  # Medway
    assert councils.get("E08000035").nma_region == "rest_of_england"  # Leeds
    herts = councils.get("E10000015")
    assert (herts.nma_region, herts.nma_region_confirmed) == ("south_east", True)
    assert herts.nma_region_source.startswith("https://")
    # The rest of the East of England may be in DfE's "South East": flagged as not confirmed.
    doubtful = {c.nice_name for c in councils.all() if not c.nma_region_confirmed}
    assert doubtful == {"Bedford", "Cambridgeshire", "Central Bedfordshire", "Essex", "Luton", "Norfolk",
                        "Peterborough", "Southend-on-Sea", "Suffolk", "Thurrock"}
    for c in councils.all():
        if c.nma_region_source is None and c.region != "East of England":
            expected = {"London": "london", "South East": "south_east"}.get(c.region, "rest_of_england")
            assert c.nma_region == expected, c.nice_name


def test_gov_uk_links_only_where_a_slug_is_known():
    assert councils.get("E08000035").gov_uk_url == "https://www.gov.uk/find-local-council/leeds"
    assert councils.get("E06000063").gov_uk_url is None  # Cumberland: no slug in the source
    assert all(c.gov_uk_url is None or c.gov_uk_url.startswith("https://www.gov.uk/find-local-council/")
               for c in councils.all())


def _write(tmp_path, csv_text, pilot_codes='["E08000035"]'):
    (tmp_path / "councils.csv").write_text(csv_text, encoding="utf-8")
    (tmp_path / "kinship_zones.toml").write_text(
        f'[pilot]\nname = "P"\nannounced_on = 2026-02-27\nchecked_on = 2026-11-22\ncouncils = {pilot_codes}\n'
        '[[pilot.sources]]\ntitle = "T"\nurl = "https://example.org"\n', encoding="utf-8")
    councils._load.cache_clear()
    try:
        return councils._load(tmp_path)
    finally:
        councils._load.cache_clear()


HEADER = ",".join(councils.COLUMNS) + "\n"
LEEDS = "E08000035,Leeds City Council,Leeds,metropolitan_district,Yorkshire and The Humber,rest_of_england,yes,,leeds,2026-11-22\n"


def test_a_good_councils_file(tmp_path):
    by_code, ordered, pilot = _write(tmp_path, HEADER + LEEDS)
    assert by_code["E08000035"].pilot and len(ordered) == 1


@pytest.mark.parametrize("old, new, words", [
    ("E08000035", "W06000001", "not an English upper-tier"),
    ("2026-11-22", "22/11/2026", "checked_on"),
    ("rest_of_england", "wales", "nma_region"),
    (",yes,", ",maybe,", "yes or no"),
    ("leeds,2026", "Leeds City!,2026", "not a GOV.UK slug"),
    ("Leeds,metropolitan", ",metropolitan", "nice_name"),
    (",2026-11-22", ",2026-11-22,extra", "columns"),
    (",yes,,", ",yes,www.example.org,", "nma_region_source"),
])
def test_broken_councils_file(tmp_path, old, new, words):
    with pytest.raises(DataError, match=words):
        _write(tmp_path, HEADER + LEEDS.replace(old, new))


def test_duplicate_code_and_unknown_pilot_code(tmp_path):
    with pytest.raises(DataError, match="appears twice"):
        _write(tmp_path, HEADER + LEEDS + LEEDS)
    with pytest.raises(DataError, match="not in councils.csv: E06000034"):
        _write(tmp_path, HEADER + LEEDS, '["E06000034"]')
    with pytest.raises(DataError, match="header"):
        _write(tmp_path, "code,name\n" + LEEDS)
