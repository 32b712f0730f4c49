"""The 153 upper-tier councils in England (the ones with children's services), and which of them
are in the Kinship Allowance Pilot. Data: ``resources/councils/`` (see its README for sources)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from kinship_app.data._files import RESOURCES, SLUG, DataError, Fields, parse_checked, read_bytes
from kinship_app.i18n import N_

COUNCILS_DIR = RESOURCES / "councils"
# Shown in the About box: the licence (CC BY 4.0) asks for attribution.
ATTRIBUTION = N_("Council names and codes: mySociety, UK Local Authority Names and Codes "
                 "(https://pages.mysociety.org/uk_local_authority_names_and_codes/), CC BY 4.0")
CODE = re.compile(r"^E(06|08|09|10)\d{6}$")
NMA_REGIONS = ("london", "south_east", "rest_of_england")
COLUMNS = ("code", "official_name", "nice_name", "type", "region", "nma_region",
           "nma_region_confirmed", "nma_region_source", "gov_uk_slug", "checked_on")

TYPES = {
    "county": N_("County council"),
    "unitary": N_("Unitary authority"),
    "metropolitan_district": N_("Metropolitan borough"),
    "london_borough": N_("London borough"),
    "city_corporation": N_("City corporation"),
}
# ONS regions as stored; marked so that the names can be translated when shown.
REGIONS = {
    "North East": N_("North East"),
    "North West": N_("North West"),
    "Yorkshire and The Humber": N_("Yorkshire and The Humber"),
    "East Midlands": N_("East Midlands"),
    "West Midlands": N_("West Midlands"),
    "East of England": N_("East of England"),
    "London": N_("London"),
    "South East": N_("South East"),
    "South West": N_("South West"),
}


@dataclass(frozen=True)
class Council:
    code: str
    name: str  # official name, e.g. "Leeds City Council"
    nice_name: str  # what people call it, e.g. "Leeds"
    type: str  # a key of TYPES
    region: str  # ONS region, a key of REGIONS
    nma_region: str  # london | south_east | rest_of_england
    # False where DfE's NMA region for this council could not be confirmed (resources/councils/README.md).
    nma_region_confirmed: bool
    nma_region_source: str | None  # where a council states its NMA region, if we found it
    pilot: bool  # in the Kinship Allowance Pilot (see pilot_areas for the date it applies from)
    gov_uk_slug: str | None
    checked_on: dt.date

    @property
    def gov_uk_url(self) -> str | None:
        """GOV.UK's page for this council (its website and contact details), where we have one."""
        return f"https://www.gov.uk/find-local-council/{self.gov_uk_slug}" if self.gov_uk_slug else None

    @property
    def type_title(self) -> str:
        """The council type in English, marked for translation; show it with ``_()``."""
        return TYPES[self.type]


@dataclass(frozen=True)
class Pilot:
    name: str
    announced_on: dt.date
    checked_on: dt.date
    councils: tuple[str, ...]
    sources: tuple[tuple[str, str], ...]  # (title, url)
    children: int | None = None  # how many children it covers at most, where a source says so
    children_source: str | None = None


def get(code: str) -> Council | None:
    return _load(COUNCILS_DIR)[0].get(code.strip().upper()) if isinstance(code, str) else None


def all() -> list[Council]:  # noqa: A001 - the name the rest of the app codes against
    """Every council, sorted by the name people use."""
    return list(_load(COUNCILS_DIR)[1])


def search(text: str) -> list[Council]:
    """Councils whose name (either form) or code contains ``text``, ignoring case; all for blank text."""
    needle = " ".join(text.split()).casefold()
    if not needle:
        return all()
    return [c for c in all()
            if needle in c.nice_name.casefold() or needle in c.name.casefold() or needle == c.code.casefold()]


def by_code() -> dict[str, Council]:
    """Every council by its code (the table as loaded: do not change it)."""
    return _load(COUNCILS_DIR)[0]


def pilot() -> Pilot:
    return _load(COUNCILS_DIR)[2]


def pilot_areas(as_of: dt.date) -> list[Council]:
    """Councils in the Kinship Allowance Pilot on ``as_of``: none before the areas were announced."""
    p = pilot()
    if as_of < p.announced_on:
        return []
    return [c for c in all() if c.pilot]


def is_pilot_area(code: str, as_of: dt.date) -> bool:
    council = get(code)
    return bool(council and council.pilot and as_of >= pilot().announced_on)


@functools.lru_cache(maxsize=4)
def _load(directory: Path) -> tuple[dict[str, Council], tuple[Council, ...], Pilot]:
    zones = _read_pilot(directory / "kinship_zones.toml")
    rows = _read_csv(directory / "councils.csv", set(zones.councils))
    by_code = {c.code: c for c in rows}
    missing = [code for code in zones.councils if code not in by_code]
    if missing:
        raise DataError(directory / "kinship_zones.toml", "pilot.councils",
                        f"names codes not in councils.csv: {', '.join(missing)}")
    ordered = tuple(sorted(rows, key=lambda c: (c.nice_name.casefold(), c.code)))
    return by_code, ordered, zones


def _read_csv(path: Path, pilot_codes: set[str]) -> list[Council]:
    return parse_csv(read_bytes(path), path, pilot_codes)


def parse_csv(raw: bytes, path: Path | str, pilot_codes: set[str]) -> list[Council]:
    """The councils in the bytes of a councils.csv; raises only ``DataError`` when broken."""
    import csv

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError(path, "", "is not UTF-8 text") from None
    reader = csv.DictReader(text.splitlines())
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise DataError(path, "header", f"must be exactly: {','.join(COLUMNS)}")
    councils: list[Council] = []
    seen: set[str] = set()
    for line, row in enumerate(reader, start=2):
        f = Fields(path, f"line {line}", row)
        if None in row or any(v is None for v in row.values()):
            f.fail("", f"must have exactly {len(COLUMNS)} columns")
        code = row["code"]
        if not CODE.match(code):
            f.fail("code", f"{code!r} is not an English upper-tier ONS code (E06/E08/E09/E10 + 6 digits)")
        if code in seen:
            f.fail("code", f"{code} appears twice")
        seen.add(code)
        slug = row["gov_uk_slug"] or None
        if slug is not None and not SLUG.match(slug):
            f.fail("gov_uk_slug", f"{slug!r} is not a GOV.UK slug")
        if row["nma_region_confirmed"] not in ("yes", "no"):
            f.fail("nma_region_confirmed", "must be yes or no")
        try:
            checked = dt.date.fromisoformat(row["checked_on"])
        except ValueError:
            f.fail("checked_on", "must be a date written like 2026-11-22")
        councils.append(Council(
            code=code,
            name=f.text("official_name", max_len=200),
            nice_name=f.text("nice_name", max_len=200),
            type=f.choice("type", tuple(TYPES)),
            region=f.choice("region", tuple(REGIONS)),
            nma_region=f.choice("nma_region", NMA_REGIONS),
            nma_region_confirmed=row["nma_region_confirmed"] == "yes",
            nma_region_source=f.url("nma_region_source") if row["nma_region_source"] else None,
            pilot=code in pilot_codes,
            gov_uk_slug=slug,
            checked_on=checked,
        ))
    if not councils:
        raise DataError(path, "", "lists no councils")
    return councils


def _read_pilot(path: Path) -> Pilot:
    return parse_checked(read_bytes(path), path, lambda data: parse_pilot(data, path))


def parse_pilot(data: object, path: Path | str) -> Pilot:
    """The pilot areas from a parsed kinship_zones.toml; raises only ``DataError`` when broken."""
    top = Fields(path, "", data)
    top.only("pilot")
    p = top.sub("pilot")
    p.only("name", "announced_on", "checked_on", "councils", "sources", "children", "children_source")
    codes = p.list_of("councils")
    for code in codes:
        if not isinstance(code, str) or not CODE.match(code):
            p.fail("councils", f"{code!r} is not an English upper-tier ONS code")
    if len(set(codes)) != len(codes):
        p.fail("councils", "lists a council twice")
    sources = []
    for i, raw in enumerate(p.list_of("sources")):
        s = Fields(path, f"pilot.sources[{i + 1}]", raw)
        s.only("title", "url")
        sources.append((s.text("title", max_len=300), s.url("url")))
    if not sources:
        p.fail("sources", "needs at least one source")
    children = p.get("children", None)
    if children is not None and (isinstance(children, bool) or not isinstance(children, int) or children <= 0):
        p.fail("children", "must be a whole number of children")
    children_source = p.text("children_source", None, max_len=500)
    if (children is None) != (children_source is None):
        p.fail("children_source", "give the number of children and its source together")
    return Pilot(p.text("name"), p.date("announced_on"), p.date("checked_on"), tuple(codes), tuple(sources),
                 children, children_source)
