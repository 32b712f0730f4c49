"""Where kinship carers can get help: national services with confirmed contact details, plus the
local records a charity adds in its own file.

The built-in records are ``resources/services/national.toml``. A charity's file (same record
format, with a ``[provider]`` table, see ``resources/services/README.md``) lives in the user's
data folder and is passed in by path: ``load(extra_paths=[...])``. Every file is checked in full
before any of it is used, so a file applies wholly or not at all, and an error names the file,
the record and the field.

We hold no confirmed contact details for councils' kinship local offers, so ``local_offer``
returns only what a charity's file supplies, plus the council's GOV.UK page where we have one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from kinship_app.data._files import RESOURCES, DataError, Fields, parse_checked, read_bytes
from kinship_app.i18n import N_, _

NATIONAL_FILE = RESOURCES / "services" / "national.toml"
# Councils' own kinship pages, each with the page it was read from and the date read.
COUNCIL_PAGES_FILE = RESOURCES / "councils" / "kinship_pages.toml"
PAGE_KINDS = ("local_offer", "kinship_page")
# A commented example of a charity's file, for people to copy; never loaded unless imported.
EXAMPLE_FILE = RESOURCES / "services" / "example-local-services.toml"
KINDS = ("advice_line", "training", "peer_support", "benefits_helpline", "information")
TOPICS = ("general", "legal", "money", "benefits", "school", "emotional", "work", "contact", "health")
DELIVERY = ("phone", "online", "in_person")
AREAS = ("england", "england_and_wales")
MAX_FILE_BYTES = 512 * 1024
MAX_RECORDS = 2000

KIND_TITLES = {
    "advice_line": N_("Advice lines"),
    "training": N_("Training and information"),
    "peer_support": N_("Peer support groups"),
    "benefits_helpline": N_("Benefit helplines"),
    "information": N_("Information"),
}
TOPIC_TITLES = {
    "general": N_("Kinship care in general"),
    "legal": N_("Legal orders and the courts"),
    "money": N_("Money and allowances"),
    "benefits": N_("Benefits"),
    "school": N_("School and education"),
    "emotional": N_("Support for you and the child"),
    "work": N_("Work and time off"),
    "contact": N_("Contact with parents and family"),
    "health": N_("Health"),
}
DELIVERY_TITLES = {"phone": N_("By phone"), "online": N_("Online"), "in_person": N_("In person")}

# The English texts of national.toml, repeated so that they reach the translation catalogue
# (tests/data/test_services.py keeps this in step with the file). Show them with _().
NATIONAL_TEXTS = (
    N_("Family Rights Group advice line"),
    N_("Monday to Friday, 9.30am to 3pm, not bank holidays"),
    N_("Free, independent and confidential advice for parents and kinship carers whose children are involved "
       "with children's services in England. The website has advice sheets and template letters; there is "
       "also an email enquiry form, forums and webchat on two afternoons a week (check the days on their "
       "website)."),
    N_("Kinship advice service"),
    N_("Free advice for kinship carers from the charity Kinship (formerly Grandparents Plus). Check their "
       "phone number and opening hours on their website."),
    N_("Kinship Compass: training and information for kinship carers"),
    N_("The national training and support offer for kinship carers in England, whatever their legal "
       "order, run by Kinship for the Department for Education: free workshops, training and advice "
       "pages. It went live in April 2024 under a contract to March 2025 that could be extended to "
       "March 2027: check on the website what is running now."),
    N_("Kinship peer support groups"),
    N_("Groups where kinship carers meet others in the same situation, run with the charity Kinship; "
       "there are more than 140 across England. Ask Kinship, through their website, about a group near you."),
    N_("Guardian's Allowance Unit"),
    N_("To claim Guardian's Allowance (form BG1) or ask about a claim. Claim within 3 months: it can "
       "only be backdated 3 months."),
    N_("Child Benefit helpline"),
    N_("For Child Benefit claims and questions. Only one person can get Child Benefit for a child."),
    N_("GOV.UK: Looking after someone else's child"),
    N_("The government's short guide for family and friends carers: private fostering (you must tell the "
       "council), Child Benefit and help for disabled children."),
    N_("Kinship: the financial allowances pilot"),
    N_("Kinship's advice page on the kinship allowance pilot in this council area: who qualifies and what "
       "evidence to give. Ask the council when payments start."),
    N_("Kinship Connected: one-to-one support and peer groups"),
    N_("Kinship's Kinship Connected service, paid for by this council: a project worker gives kinship carers "
       "one-to-one support and helps set up and run local support groups. Ask the council's kinship team how "
       "to be referred."),
    N_("Turn2us benefits calculator"),
    N_("An online calculator that checks which means-tested benefits a household can get, with help "
       "text on every question. It is not specific to kinship care."),
)

# UK numbers as people write them: 11 digits from 0 (spaces allowed), or +44 and 10 digits; a
# textphone number is the 18001 relay prefix and then such a number.
_PHONE = re.compile(r"^(?:0\d{10}|\+44\d{10})$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


@dataclass(frozen=True)
class Provider:
    name: str
    website: str | None
    checked_on: dt.date
    file: str


@dataclass(frozen=True)
class Service:
    code: str
    name: str  # English for built-in records (translate with _()); as written for local ones
    kind: str
    topics: tuple[str, ...]
    delivery: tuple[str, ...]
    covers: tuple[str, ...]  # "england", "england_and_wales" or council codes
    checked_on: dt.date
    # Every contact detail was checked against the source (for a charity's record: they say so).
    verified: bool
    source: str | None = None
    phone: str | None = None
    textphone: str | None = None
    hours: str | None = None
    website: str | None = None
    where: str | None = None
    note: str | None = None
    provider: Provider | None = None  # None for the app's own records

    @property
    def local(self) -> bool:
        return not any(area in AREAS for area in self.covers)

    def covers_council(self, code: str) -> bool:
        # Every council in our list is in England, so national records cover them all.
        return any(area in AREAS for area in self.covers) or code in self.covers


@dataclass(frozen=True)
class CouncilPage:
    """A council's own page for kinship families, as read on ``read_on`` from ``read_from``."""

    council: str
    kind: str  # "local_offer" (the page calls itself the kinship local offer) | "kinship_page"
    title: str
    url: str
    read_from: str
    read_on: dt.date


@dataclass(frozen=True)
class LocalOffer:
    """How to reach a council's kinship local offer, as far as we know it."""

    council: str
    website: str | None  # None: not known
    phone: str | None
    email: str | None
    checked_on: dt.date | None
    provider: Provider | None
    gov_uk_url: str | None  # the council's GOV.UK page, to find its website and contact details
    page: CouncilPage | None = None  # the council's own page, where we could read one

    @property
    def known(self) -> bool:
        return bool(self.website or self.phone or self.email)


@dataclass(frozen=True)
class Directory:
    services: tuple[Service, ...]
    local_offers: dict[str, LocalOffer]  # by council code, from charities' files
    providers: tuple[Provider, ...]

    def all(self) -> list[Service]:
        return list(self.services)

    def get(self, code: str) -> Service | None:
        return next((s for s in self.services if s.code == code), None)

    def for_council(self, code: str, kind: str | None = None, topic: str | None = None,
                    delivery: str | None = None) -> list[Service]:
        """Services open to someone living in council ``code``: local ones first, then national."""
        _check_council(code)
        for value, allowed, what in ((kind, KINDS, "kind"), (topic, TOPICS, "topic"), (delivery, DELIVERY, "delivery")):
            if value is not None and value not in allowed:
                raise ValueError(f"unknown {what} {value!r} (one of: {', '.join(allowed)})")
        found = [s for s in self.services if s.covers_council(code)
                 and (kind is None or s.kind == kind)
                 and (topic is None or topic in s.topics)
                 and (delivery is None or delivery in s.delivery)]
        return sorted(found, key=lambda s: (not s.local, KINDS.index(s.kind), s.name.casefold()))

    def local_offer(self, code: str) -> LocalOffer:
        council = _check_council(code)
        known = self.local_offers.get(code) or LocalOffer(code, None, None, None, None, None, None)
        return dataclasses.replace(known, gov_uk_url=council.gov_uk_url, page=council_pages().get(code))


@functools.cache
def council_pages() -> dict[str, CouncilPage]:
    """The councils' own kinship pages we could read (resources/councils/kinship_pages.toml)."""
    path = COUNCIL_PAGES_FILE
    return parse_checked(read_bytes(path, MAX_FILE_BYTES), path, lambda data: _council_pages(data, path))


def _council_pages(data: Any, path: Path) -> dict[str, CouncilPage]:
    top = Fields(path, "", data)
    top.only("page")
    out: dict[str, CouncilPage] = {}
    for i, raw in enumerate(top.list_of("page")):
        f = Fields(path, f"page[{i + 1}]", raw)
        f.only("council", "kind", "title", "url", "read_from", "read_on")
        code = _council_code(f, f.text("council", max_len=20))
        if code in out:
            f.fail("council", _("{code} has two pages in this file").format(code=code))
        out[code] = CouncilPage(code, f.choice("kind", PAGE_KINDS), f.text("title", max_len=200), f.url("url"),
                                f.url("read_from"), f.date("read_on"))
    return out


def all() -> list[Service]:  # noqa: A001 - the name the rest of the app codes against
    """The built-in national services."""
    return load().all()


def for_council(code: str, kind: str | None = None, topic: str | None = None,
                delivery: str | None = None) -> list[Service]:
    return load().for_council(code, kind=kind, topic=topic, delivery=delivery)


def load(extra_paths: Iterable[Path | str] = ()) -> Directory:
    """The built-in services merged with each extra file, all checked before any is used.

    Raises ``DataError`` naming the first broken file, record and field. Parsed files are cached
    by path, size and modification time, so calling this again is cheap.
    """
    return _merge(_parsed_files(extra_paths))


def _parsed_files(extra_paths: Iterable[Path | str]) -> list[tuple[Path, bool, Any]]:
    files = [_cached_parse(NATIONAL_FILE, True, *_stamp(NATIONAL_FILE))]
    for p in extra_paths:
        path = Path(p)
        files.append(_cached_parse(path, False, *_stamp(path)))
    return files


def check_file(path: Path | str, others: Iterable[Path | str] = ()) -> Directory:
    """Check ``path`` as an extra file together with ``others`` (the ones already in use)."""
    return load([*others, path])


def import_file(source: Path | str, folder: Path | str, others: Iterable[Path | str] = ()) -> Path:
    """Check ``source`` and copy it into ``folder`` (the user's data folder) in one step.

    Nothing is copied unless the whole file is valid alongside ``others``; the copy is written to a
    temporary file and renamed into place, so a half-written file never appears.
    """
    source, folder = Path(source), Path(folder)
    target = folder / _safe_name(source.name)
    others = [Path(o) for o in others if Path(o).resolve() != target.resolve()]
    data = read_bytes(source, MAX_FILE_BYTES)
    # Check exactly the bytes that will be copied, together with the files already in use.
    _merge([*_parsed_files(others), (source, False, _parse(data, source, national=False))])
    import tempfile  # only here: it imports shutil, random, bz2 and lzma, which start-up does without

    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".import-", suffix=".toml", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def parse_extra(raw: bytes, path: Path | str) -> tuple[list[Service], dict[str, LocalOffer], Provider]:
    """Parse the bytes of one extra file (no merging). Raises only ``DataError``."""
    return _parse(raw, Path(path), national=False)


def _safe_name(name: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", Path(name).stem).strip("-")[:60] or "services"
    return f"{stem}.toml"


def _stamp(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError as exc:
        raise DataError(path, "", _("cannot be read ({reason})").format(reason=exc.strerror or exc)) from None
    return st.st_size, st.st_mtime_ns


@functools.lru_cache(maxsize=64)
def _cached_parse(path: Path, national: bool, size: int, mtime_ns: int):
    # size and mtime_ns are part of the cache key only: an edited file is read again.
    return path, national, _parse(read_bytes(path, MAX_FILE_BYTES), path, national)


def _parse(raw: bytes, path: Path, national: bool) -> tuple[list[Service], dict[str, LocalOffer], Provider | None]:
    if len(raw) > MAX_FILE_BYTES:
        raise DataError(path, "", _("is too large for this kind of file (over {size} KB)").format(size=MAX_FILE_BYTES // 1024))
    return parse_checked(raw, path, lambda data: _parse_data(data, path, national))


def _parse_data(data: Any, path: Path, national: bool):
    top = Fields(path, "", data)
    provider = None
    if national:
        top.only("service")
    else:
        top.only("provider", "service", "local_offer")
        pf = top.sub("provider")
        pf.only("name", "website", "checked_on")
        provider = Provider(pf.text("name", max_len=200), pf.url("website", None), pf.date("checked_on"), str(path))
    raw_services = top.list_of("service", [])
    raw_offers = [] if national else top.list_of("local_offer", [])
    if not raw_services and not raw_offers:
        top.fail("", _("has no [[service]] or [[local_offer]] records"))
    if len(raw_services) + len(raw_offers) > MAX_RECORDS:
        top.fail("", _("has more than {count} records").format(count=MAX_RECORDS))
    services = [_parse_service(Fields(path, f"service[{i + 1}]", raw), national, provider)
                for i, raw in enumerate(raw_services)]
    offers: dict[str, LocalOffer] = {}
    for i, raw in enumerate(raw_offers):
        f = Fields(path, f"local_offer[{i + 1}]", raw)
        f.only("council", "website", "phone", "email", "checked_on")
        code = _council_code(f, f.text("council", max_len=20))
        if code in offers:
            f.fail("council", _("{code} has two local_offer records in this file").format(code=code))
        website, phone, email = f.url("website", None), _phone(f, "phone"), f.text("email", None, max_len=200)
        if email is not None and not _EMAIL.match(email):
            f.fail("email", _("{value} is not an email address").format(value=repr(email)))
        if not (website or phone or email):
            f.fail("", _("needs at least one of website, phone or email"))
        offers[code] = LocalOffer(code, website, phone, email, f.date("checked_on"), provider, None)
    return services, offers, provider


def _parse_service(f: Fields, national: bool, provider: Provider | None) -> Service:
    f.only("code", "name", "kind", "topics", "delivery", "covers", "checked_on", "verified", "source",
           "phone", "textphone", "hours", "website", "where", "note")
    code = f.code("code")
    topics = _codes(f, "topics", TOPICS)
    delivery = _codes(f, "delivery", DELIVERY)
    # The built-in file's council codes are checked against the councils list on first use of a
    # council (``_check_council``), not here: the start screen's advice lines need no councils.
    covers = tuple(c if c in AREAS else _council_code(f, c, "covers", known=not national)
                   for c in _list_of_text(f, "covers"))
    if not covers:
        f.fail("covers", _("needs at least one area: england, england_and_wales or a council code"))
    phone, textphone = _phone(f, "phone"), _phone(f, "textphone", relay=True)
    if "phone" in delivery and not phone:
        f.fail("phone", _("is needed when delivery includes phone"))
    service = Service(
        code=code,
        name=f.text("name", max_len=200),
        kind=f.choice("kind", KINDS),
        topics=topics,
        delivery=delivery,
        covers=covers,
        checked_on=f.date("checked_on"),
        # Built-in records must say; in a charity's file it is the charity's own word (default no).
        verified=f.boolean("verified") if national else f.boolean("verified", False),
        source=f.url("source") if national else f.url("source", None),
        phone=phone,
        textphone=textphone,
        hours=f.text("hours", None, max_len=300),
        website=f.url("website", None),
        where=f.text("where", None, max_len=300),
        note=f.text("note", None, max_len=1000),
        provider=provider,
    )
    if not (service.phone or service.website or service.where):
        f.fail("", _("needs a way to reach it: phone, website or where"))
    return service


def _list_of_text(f: Fields, key: str) -> list[str]:
    values = f.list_of(key)
    for v in values:
        if not isinstance(v, str) or not v:
            f.fail(key, _("must be a list of codes in quotes, like [\"general\"]"))
    if len(set(values)) != len(values):
        f.fail(key, _("lists the same code twice"))
    return values


def _codes(f: Fields, key: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    values = _list_of_text(f, key)
    if not values:
        f.fail(key, _("needs at least one of: {allowed}").format(allowed=", ".join(allowed)))
    for v in values:
        if v not in allowed:
            f.fail(key, _("{value} is not one of: {allowed}").format(value=repr(v), allowed=", ".join(allowed)))
    return tuple(values)


def _phone(f: Fields, key: str, relay: bool = False) -> str | None:
    value = f.text(key, None, max_len=40)
    if value is None:
        return None
    digits = re.sub(r"[\s()-]", "", value)
    if relay and digits.startswith("18001"):
        digits = digits[5:]
    if not _PHONE.match(digits):
        example = "18001 0808 801 0366" if relay else "0808 801 0366"
        f.fail(key, _("{value} is not a UK phone number like {example}").format(value=repr(value), example=example))
    return value


_COUNCIL_CODE = re.compile(r"^E(06|08|09|10)\d{6}$")  # the shape of an upper-tier council's ONS code


def _council_code(f: Fields, code: str, key: str = "council", known: bool = True) -> str:
    """``code`` if it is a council's code; with ``known=False`` only its shape is checked now."""
    if not _COUNCIL_CODE.match(code) or (known and not _is_council(code)):
        f.fail(key, _not_a_council(code))
    return code


def _not_a_council(code: str) -> str:
    return _("{value} is not the code of an English council (see resources/councils/councils.csv)").format(value=repr(code))


def _is_council(code: str) -> bool:
    from kinship_app.data import councils

    return councils.get(code) is not None and code == code.strip().upper()


@functools.lru_cache(maxsize=4)
def _check_national_covers(size: int, mtime_ns: int) -> None:
    # size and mtime_ns key the cache like _cached_parse: an edited built-in file is checked again.
    _path, _national, (national, _offers, _provider) = _cached_parse(NATIONAL_FILE, True, size, mtime_ns)
    for i, service in enumerate(national):
        for code in service.covers:
            if code not in AREAS and not _is_council(code):
                raise DataError(NATIONAL_FILE, f"service[{i + 1}].covers", _not_a_council(code))


def _check_council(code: str):
    from kinship_app.data import councils

    _check_national_covers(*_stamp(NATIONAL_FILE))
    council = councils.get(code) if isinstance(code, str) else None
    if council is None:
        raise ValueError(f"unknown council code {code!r}")
    return council


def _merge(files: list[tuple[Path, bool, Any]]) -> Directory:
    services: list[Service] = []
    owner: dict[str, Path] = {}
    offers: dict[str, LocalOffer] = {}
    offer_owner: dict[str, Path] = {}
    providers: list[Provider] = []
    for path, _national, (file_services, file_offers, provider) in files:
        if provider is not None:
            providers.append(provider)
        for i, s in enumerate(file_services):
            if s.code in owner:
                where = _("this file") if owner[s.code] == path else owner[s.code].name
                raise DataError(path, f"service[{i + 1}].code", _("{code} is already used in {where}").format(code=repr(s.code), where=where))
            owner[s.code] = path
            services.append(s)
        for code, offer in file_offers.items():
            if code in offer_owner:
                raise DataError(path, "local_offer", _("{code} already has a local offer in {where}").format(code=code, where=offer_owner[code].name))
            offer_owner[code] = path
            offers[code] = offer
    return Directory(tuple(services), offers, tuple(providers))
