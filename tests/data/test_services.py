"""The services directory: verified national records, and charities' own files merged safely."""

import datetime as dt
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data_fuzz import damaged, mutated, only_clear_errors
from kinship_app.data import services
from kinship_app.data._files import DataError

LEEDS, BOLTON = "E08000035", "E08000001"
# Phone numbers FACTS.md confirms from a source; anything else must not appear (the Kinship advice
# line number found only in code, 0300 123 7015, is UNVERIFIED).
CONFIRMED_PHONES = {"0808 801 0366", "18001 0808 801 0366", "0300 322 9080", "0300 200 3100"}


def test_national_records_are_sourced_dated_and_verified():
    every = services.all()
    assert {s.code for s in every} == {"frg_advice_line", "kinship_advice", "kinship_compass",
                                       "kinship_peer_support", "guardians_allowance_unit",
                                       "child_benefit_helpline", "govuk_someone_elses_child",
                                       "kinship_allowance_pilot_info", "turn2us_benefits_calculator",
                                       "kinship_connected"}
    for s in every:
        assert s.source and s.source.startswith("https://")
        assert isinstance(s.checked_on, dt.date) and s.verified
        assert s.provider is None
        for number in (s.phone, s.textphone):
            assert number is None or number in CONFIRMED_PHONES, (s.code, number)


def test_no_unverified_number_anywhere_in_the_file():
    text = services.NATIONAL_FILE.read_text(encoding="utf-8")
    assert "123 7015" not in text
    for number in re.findall(r"\b0\d{3} ?\d{3} ?\d{4}\b", text):
        assert number in CONFIRMED_PHONES


def test_the_confirmed_details():
    frg = services.load().get("frg_advice_line")
    assert (frg.phone, frg.textphone) == ("0808 801 0366", "18001 0808 801 0366")
    assert frg.hours == "Monday to Friday, 9.30am to 3pm, not bank holidays"
    kinship = services.load().get("kinship_advice")
    assert kinship.phone is None and kinship.website == "https://kinship.org.uk"
    assert "check their phone number" in kinship.note.lower()
    compass = services.load().get("kinship_compass")
    assert compass.website == "https://compass.kinship.org.uk" and "March 2027" in compass.note
    assert services.load().get("guardians_allowance_unit").phone == "0300 322 9080"
    assert services.load().get("child_benefit_helpline").phone == "0300 200 3100"


def test_every_national_text_is_marked_for_translation():
    data = tomllib.loads(services.NATIONAL_FILE.read_text(encoding="utf-8"))
    texts = [r[k] for r in data["service"] for k in ("name", "hours", "note") if k in r]
    assert sorted(texts) == sorted(services.NATIONAL_TEXTS)


def test_the_pilot_page_is_only_for_the_seven_pilot_areas():
    from kinship_app.data import councils

    pilot = {c.code for c in councils.all() if c.pilot}
    for council in councils.all():
        codes = [s.code for s in services.for_council(council.code, topic="money")]
        assert ("kinship_allowance_pilot_info" in codes) == (council.code in pilot), council.nice_name


def test_for_council_filters():
    assert len(services.for_council(LEEDS)) == 9  # with Kinship Connected (Leeds pays for it)
    assert len(services.for_council(BOLTON)) == 9
    assert [s.code for s in services.for_council(LEEDS, kind="advice_line", delivery="phone")] == ["frg_advice_line"]
    assert {s.code for s in services.for_council(LEEDS, topic="benefits", delivery="phone")} == {
        "guardians_allowance_unit", "child_benefit_helpline"}
    national = [s.kind for s in services.for_council(LEEDS) if not s.local]
    assert national == sorted(national, key=services.KINDS.index)
    assert services.for_council(LEEDS)[0].code == "kinship_connected"  # local records first
    with pytest.raises(ValueError, match="unknown council"):
        services.for_council("E99999999")
    with pytest.raises(ValueError, match="unknown kind"):
        services.for_council(LEEDS, kind="pub")


def test_local_offer_is_unknown_without_a_charity_file():
    offer = services.load().local_offer(LEEDS)
    assert not offer.known and offer.website is None and offer.phone is None
    assert offer.gov_uk_url == "https://www.gov.uk/find-local-council/leeds"


# --- a charity's own file ------------------------------------------------------------------------

GOOD = services.EXAMPLE_FILE.read_text(encoding="utf-8")
EXAMPLE_WHERE = 'where = "Example Community Centre, 1 Example Street"'
EXAMPLE_PHONE = 'phone = "0113 496 0000"'
EXAMPLE_WEBSITE = 'website = "https://example.org/groups"'


def write(tmp_path, text, name="leeds.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_documented_example_loads_and_adds_local_records_first():
    d = services.load([services.EXAMPLE_FILE])
    found = d.for_council(LEEDS)
    first = next(s for s in found if s.provider)
    assert first.code == "example-tuesday-group" and first.local
    assert found.index(first) < min(i for i, s in enumerate(found) if not s.local)
    assert first.provider.name == "Example Kinship Carers Group" and first.verified
    assert first.phone == "0113 496 0000" and first.where.startswith("Example Community Centre")
    assert [s.code for s in d.for_council(BOLTON)] == [s.code for s in services.for_council(BOLTON)]
    offer = d.local_offer(LEEDS)
    assert offer.known and offer.email == "kinship@example.org" and offer.provider.name
    assert not d.local_offer(BOLTON).known
    assert len(services.all()) == 10  # the built-in list is untouched


def test_a_charity_record_is_unverified_unless_it_says_so(tmp_path):
    d = services.load([write(tmp_path, GOOD.replace("verified = true", ""))])
    assert d.get("example-tuesday-group").verified is False


@pytest.mark.parametrize("changes, field, words", [
    ([('kind = "peer_support"', 'kind = "party"')], "service[1].kind", "must be one of"),
    ([('topics = ["emotional"]', 'topics = ["gossip"]')], "service[1].topics", "is not one of"),
    ([('topics = ["emotional"]', "topics = []")], "service[1].topics", "at least one"),
    ([('covers = ["E08000035"]', 'covers = ["E99999999"]')], "service[1].covers",
     "not the code of an English council"),
    ([('covers = ["E08000035"]', 'covers = ["e08000035"]')], "service[1].covers", "not the code"),
    ([('covers = ["E08000035"]', "covers = []")], "service[1].covers", "needs at least one area"),
    ([('code = "example-tuesday-group"', 'code = "Leeds Group!"')], "service[1].code", "lower-case"),
    ([('code = "example-tuesday-group"', 'code = "frg_advice_line"')], "service[1].code",
     "already used in national.toml"),
    ([("checked_on = 2026-11-01\n\n[[local", 'checked_on = "yesterday"\n\n[[local')],
     "service[1].checked_on", "date"),
    ([(EXAMPLE_PHONE, 'phone = "12345"')], "service[1].phone", "not a UK phone number"),
    ([(EXAMPLE_WHERE, ""), (EXAMPLE_PHONE, ""), (EXAMPLE_WEBSITE, "")], "service[1]", "a way to reach it"),
    ([('delivery = ["in_person"]', 'delivery = ["phone"]'), (EXAMPLE_PHONE, "")], "service[1].phone",
     "needed when delivery includes phone"),
    ([("verified = true", 'verified = "yes"')], "service[1].verified", "true or false"),
    ([('name = "Tuesday coffee morning for kinship carers"', 'name = ""')], "service[1].name", "non-empty"),
    ([('name = "Tuesday coffee morning for kinship carers"', 'name = "a\\u0007b"')], "service[1].name",
     "control characters"),
    ([('hours = "Tuesdays, 10am to 12 noon, term time"', 'opening = "x"')], "service[1].opening",
     "unknown field"),
    ([('website = "https://example.org/kinship-local-offer"', 'website = "javascript:alert(1)"')],
     "local_offer[1].website", "web address"),
    ([('council = "E08000035"', 'council = "Leeds"')], "local_offer[1].council", "not the code"),
    ([('email = "kinship@example.org"', 'email = "kinship at example"')], "local_offer[1].email",
     "not an email"),
    ([('name = "Example Kinship Carers Group"', '# name = "x"')], "provider.name", "is missing"),
])
def test_broken_charity_files_name_the_file_record_and_field(tmp_path, changes, field, words):
    text = GOOD
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    path = write(tmp_path, text)
    with pytest.raises(DataError) as err:
        services.load([path])
    assert err.value.field == field and words in err.value.message
    assert err.value.path == str(path)


def test_whole_file_or_nothing_and_codes_unique_across_files(tmp_path):
    a = write(tmp_path, GOOD, "a.toml")
    b = write(tmp_path, GOOD.replace("E08000035", BOLTON), "b.toml")
    with pytest.raises(DataError, match="already used in a.toml"):
        services.load([a, b])
    assert len(services.load([a]).all()) == 11  # the good file alone still loads


def test_import_checks_everything_before_copying(tmp_path):
    inbox, folder = tmp_path / "inbox", tmp_path / "data"
    inbox.mkdir()
    bad = write(inbox, GOOD.replace('kind = "peer_support"', 'kind = "x"'), "bad file.toml")
    with pytest.raises(DataError):
        services.import_file(bad, folder)
    assert not folder.exists() or list(folder.iterdir()) == []
    good = write(inbox, GOOD, "Leeds group (2026).toml")
    target = services.import_file(good, folder)
    assert target == folder / "Leeds-group-2026.toml" and target.read_bytes() == good.read_bytes()
    assert [p.name for p in folder.iterdir()] == ["Leeds-group-2026.toml"]  # no temporary left
    # The same codes again, from another file, clash with the one already imported.
    again = write(inbox, GOOD.replace("E08000035", BOLTON), "other.toml")
    with pytest.raises(DataError, match="already used"):
        services.import_file(again, folder, others=[target])
    # Re-importing an updated copy of the same file replaces it.
    services.import_file(good, folder, others=[target])


def test_unreadable_oversize_and_non_utf8_files(tmp_path):
    with pytest.raises(DataError, match="cannot be read"):
        services.load([tmp_path / "missing.toml"])
    big = write(tmp_path, GOOD + "#" * (services.MAX_FILE_BYTES + 1), "big.toml")
    with pytest.raises(DataError, match="too large"):
        services.load([big])
    latin = tmp_path / "latin.toml"
    latin.write_bytes(GOOD.replace("coffee", "caf\u00e9").encode("latin-1", errors="replace"))
    with pytest.raises(DataError, match="not UTF-8"):
        services.load([latin])
    with pytest.raises(DataError, match="no \\[\\[service\\]\\]"):
        services.load([write(tmp_path, '[provider]\nname = "x"\nchecked_on = 2026-01-01\n', "empty.toml")])


def test_editing_a_file_is_picked_up(tmp_path):
    path = write(tmp_path, GOOD)
    assert services.load([path]).get("example-tuesday-group").hours == "Tuesdays, 10am to 12 noon, term time"
    path.write_text(GOOD.replace("Tuesdays, 10am to 12 noon, term time", "Tuesdays 1pm to 3pm, from January"),
                    encoding="utf-8")
    assert services.load([path]).get("example-tuesday-group").hours == "Tuesdays 1pm to 3pm, from January"


# --- fuzz: thousands of generated files give only clear errors, never a crash -------------------

FUZZ = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PARSED = [tomllib.loads(GOOD), tomllib.loads(services.NATIONAL_FILE.read_text(encoding="utf-8"))]


def parse_extra(raw: bytes) -> None:
    services.parse_extra(raw, Path("fuzz"))


@FUZZ
@given(st.binary(max_size=400))
def test_fuzz_random_bytes(raw):
    only_clear_errors(parse_extra, raw)


@FUZZ
@given(st.data())
def test_fuzz_damaged_example_file(data):
    only_clear_errors(parse_extra, damaged(data, GOOD).encode("utf-8", "surrogatepass"))


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fuzz_one_value_anywhere(data):
    # The example (or the national list, read as a charity's file) with one place in it replaced.
    tree = mutated(data, data.draw(st.sampled_from(PARSED), label="file"))
    only_clear_errors(lambda d: services._parse_data(d, Path("fuzz"), national=False), tree)


# The councils that pay for Kinship Connected (Kinship's list, FACTS.md section 0); Rhondda Cynon Taf
# is on it too, but is in Wales.
KINSHIP_CONNECTED = {"Barnet", "Bradford", "Bromley", "Calderdale", "Camden", "Enfield", "Hackney", "Haringey",
                     "Islington", "Kirklees", "Leeds", "Newcastle upon Tyne", "Surrey", "Wakefield", "Walsall"}


def test_kinship_connected_is_shown_only_where_the_council_pays_for_it():
    from kinship_app.data import councils

    service = services.load().get("kinship_connected")
    assert service.source == "https://kinship.org.uk/commission-our-services/kinship-connected/"
    assert service.verified and service.phone is None  # no number was published: none is shown
    for council in councils.all():
        shown = "kinship_connected" in [s.code for s in services.for_council(council.code)]
        assert shown == (council.nice_name in KINSHIP_CONNECTED), council.nice_name


def test_council_pages_are_read_with_their_source_and_date_never_guessed():
    from kinship_app.data import councils

    pages = services.council_pages()
    assert len(pages) >= 46
    for code, page in pages.items():
        assert councils.get(code) is not None
        assert page.url.startswith("https://") and page.read_from.startswith("https://")
        assert page.read_on == dt.date(2026, 12, 6) and page.kind in services.PAGE_KINDS
    assert pages["E09000028"].kind == "local_offer"  # Southwark: the page calls itself the local offer
    assert pages["E08000035"].kind == "kinship_page"  # Leeds: a kinship care page, not called the offer
    assert services.load().local_offer(BOLTON).page is None  # no page read: "not known"
    assert services.load().local_offer(LEEDS).page.url == "https://leeds.gov.uk/one-minute-guides/kinship-care"
    # December 2026, second pass: each read from the council's own page.
    assert pages["E08000010"].kind == "local_offer" and pages["E08000010"].title == "Local kinship offer"  # Wigan
    assert pages["E06000052"].url == "https://www.cornwall.gov.uk/health-and-social-care/childrens-services/kinship-local-offer"
    assert pages["E06000047"].kind == "kinship_page"  # County Durham: a kinship care page, not called the offer
    # Achieving for Children runs Kingston's, Richmond's and Windsor and Maidenhead's children's services.
    assert {pages[c].url for c in ("E09000021", "E09000027", "E06000040")} == {
        "https://www.achievingforchildren.org.uk/pages/fostering/what-we-offer/kinship-care"}
    assert "E06000035" not in pages  # Medway: no page of its own could be read
