"""Encrypted household exports (issue 12: an export leaves the encrypted store, so it is encrypted too).

The canaries (a carer's name, a child's name, a note, an address) must not be readable anywhere in an
encrypted export's bytes; the file round-trips through erase and import; a wrong passphrase, a
truncated or damaged file each get a plain message and change nothing; plain JSON exports from
earlier versions still import. Every test passes the cheap ``crypto.TEST_KDF``; the shipped cost is
checked once.
"""

from __future__ import annotations

import base64
import json
import os
import stat

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinship_app.store import (
    ExportPassphraseNeededError, ImportDataError, PlainExportNotAllowedError, Store, StoreError,
    WeakPassphraseError, WrongExportPassphraseError, crypto, export_file,
)

from store_helpers import Clock, carer, child

CANARIES = ("Zephyrine Quillfeather", "Orlagh Bramblewick", "77 Quokka Crescent", "CANARY-NOTE-4417")
PASS = "plum tree at the gate"
KDF = crypto.TEST_KDF


def _canary_household(store: Store):
    h = store.create_household(label="Canary family", council="E08000035",
                               carers=[carer(CANARIES[0], address=(CANARIES[2], "Leeds"))],
                               children=[child(CANARIES[1])])
    store.add_note(h.id, CANARIES[3])
    store.reassess(h.children[0].id, Clock().now.date())
    return store.get_household(h.id)


def _readable(data: bytes) -> list[str]:
    """Each canary found in ``data`` as UTF-8, UTF-16, lower case, or inside any base64 run that
    decodes (so a merely encoded copy would be caught too)."""
    found = []
    for canary in CANARIES:
        forms = (canary.encode("utf-8"), canary.encode("utf-16-le"), canary.lower().encode("utf-8"),
                 json.dumps(canary).encode("ascii"))
        if any(f in data for f in forms):
            found.append(canary)
    for token in data.replace(b'"', b" ").replace(b",", b" ").split():
        try:
            decoded = base64.b64decode(token, validate=True)
        except ValueError:
            continue
        found.extend(c for c in CANARIES if c.encode("utf-8") in decoded)
    return found


def _household_part(document: dict) -> dict:
    part = dict(document["household"])
    part.pop("audit")
    return part


@pytest.fixture
def home(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'households.sqlite'}", clock=Clock(), passphrase="store passphrase",
               kdf=KDF, worker="Carer") as s:
        yield s


def test_an_encrypted_export_shows_no_canary_and_comes_back_after_erase(home, tmp_path):
    h = _canary_household(home)
    before = home.export_household(h.id)
    raw = home.export_household_file(h.id, PASS)
    assert _readable(raw) == []
    assert h.reference.encode() not in raw and PASS.encode() not in raw
    assert sorted(_readable(export_file.plain_bytes(before))) == sorted(CANARIES)  # the search does find them
    envelope = json.loads(raw)
    assert envelope["format"] == "kinship-app/household-encrypted" and envelope["cipher"] == "AES-256-GCM"
    assert envelope["kdf"]["name"] == "argon2id" and envelope["kdf"]["memory_cost_kib"] == KDF.memory_cost
    # saved privately (0600), atomically, where the person chose
    (tmp_path / "out").mkdir()
    target = export_file.save(tmp_path / "out" / f"{h.reference}.kinship", raw)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600 and target.read_bytes() == raw

    home.erase_household(h.id)
    assert home.find_reference(h.reference) is None
    back = home.import_household_file(target.read_bytes(), PASS, name=target.name)
    assert back.reference == h.reference
    assert _household_part(home.export_household(back.id)) == _household_part(before)
    assert [n.text for n in home.notes(back.id)] == [CANARIES[3]]


def test_every_export_file_is_in_the_audit_log_with_its_kind(home):
    h = _canary_household(home)
    home.export_household_file(h.id, PASS)
    home.export_household_file(h.id, None)  # a carer's own store: plain JSON is theirs to choose
    what = [e.what for e in home.audit_log(h.id)]
    assert what[:2] == ["exported household as plain JSON, not encrypted",
                        "exported household, encrypted with a passphrase"]
    assert all(c not in w for w in what for c in CANARIES)
    assert home.verify_audit().ok


def test_a_wrong_passphrase_or_none_says_so_and_imports_nothing(home):
    h = _canary_household(home)
    raw = home.export_household_file(h.id, PASS)
    count = home.count_households()
    with pytest.raises(ExportPassphraseNeededError, match="protected by a passphrase"):
        home.import_household_file(raw, None, name="KC.kinship", keep_reference=False)
    with pytest.raises(WrongExportPassphraseError) as err:
        home.import_household_file(raw, PASS.upper(), name="KC.kinship", keep_reference=False)
    assert str(err.value).startswith("That passphrase does not open KC.kinship. Nothing was imported.")
    assert home.count_households() == count
    copy = home.import_household_file(raw, PASS, name="KC.kinship", keep_reference=False)
    assert copy.reference != h.reference and home.count_households() == count + 1


def test_an_export_passphrase_must_be_a_real_one(home):
    h = _canary_household(home)
    with pytest.raises(WeakPassphraseError):
        home.export_household_file(h.id, "short")
    assert not any(e.what.startswith("exported") for e in home.audit_log(h.id))


def test_plain_json_exports_from_earlier_versions_still_import(home, tmp_path):
    h = _canary_household(home)
    # An earlier version wrote exactly export_household's document as indented UTF-8 JSON.
    old = json.dumps(home.export_household(h.id), ensure_ascii=False, indent=2).encode("utf-8")
    back = home.import_household_file(old, None, name="old.json", keep_reference=False)
    assert [c.name for c in back.carers] == [CANARIES[0]]
    # a passphrase typed for a plain file is simply not needed
    again = home.import_household_file(b"\xef\xbb\xbf" + old, "anything", name="old.json", keep_reference=False)
    assert [c.name for c in again.children] == [CANARIES[1]]


def test_a_file_changed_after_it_was_saved_is_refused(home):
    h = _canary_household(home)
    envelope = json.loads(home.export_household_file(h.id, PASS))
    count = home.count_households()
    body = bytearray(base64.b64decode(envelope["ciphertext"]))
    body[len(body) // 2] ^= 0x01
    cases = {
        "ciphertext": dict(envelope, ciphertext=base64.b64encode(bytes(body)).decode()),
        "nonce": dict(envelope, nonce=base64.b64encode(b"\x00" * 12).decode()),
        "format_version": dict(envelope, format_version=1, about="changed text is not authenticated"),
    }
    for name in ("ciphertext", "nonce"):
        with pytest.raises(ImportDataError, match="was changed or damaged after it was saved"):
            home.import_household_file(json.dumps(cases[name]).encode(), PASS, name="f.kinship", keep_reference=False)
    # the explanatory text is not part of what is protected; the household still opens
    home.import_household_file(json.dumps(cases["format_version"]).encode(), PASS, name="f.kinship",
                               keep_reference=False)
    assert home.count_households() == count + 1
    # a newer format says so
    with pytest.raises(ImportDataError, match="newer version of this app"):
        home.import_household_file(json.dumps(dict(envelope, format_version=2)).encode(), PASS, name="f")
    # a hostile cost is refused before any key is derived
    for costs in ({"memory_cost_kib": 64 * 1024 * 1024}, {"time_cost": 10_000}, {"parallelism": 0}):
        hostile = dict(envelope, kdf=dict(envelope["kdf"], **costs))
        with pytest.raises(ImportDataError, match="kdf"):
            home.import_household_file(json.dumps(hostile).encode(), PASS, name="f")


def test_an_organisation_refuses_plain_exports_without_a_coordinator(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'org.sqlite'}", clock=Clock(), passphrase="store passphrase", kdf=KDF,
               require_passphrase=True) as org:
        h = _canary_household(org)
        assert not org.plain_export_allowed()
        with pytest.raises(PlainExportNotAllowedError, match="must be protected by a passphrase"):
            org.export_household_file(h.id, None)
        assert _readable(org.export_household_file(h.id, PASS)) == []
        org.create_account("Rosa", "coordinator", "coordinator passphrase")
        assert org.plain_export_allowed()
        assert CANARIES[0] in org.export_household_file(h.id, None).decode("utf-8")


def test_the_shipped_export_cost_is_the_stores():
    sealed = json.loads(export_file.seal({"format": "kinship-app/household"}, PASS))
    kdf = sealed["kdf"]
    assert (kdf["time_cost"], kdf["memory_cost_kib"], kdf["parallelism"]) == (3, 65536, 4) == (
        crypto.DEFAULT_KDF.time_cost, crypto.DEFAULT_KDF.memory_cost, crypto.DEFAULT_KDF.parallelism)
    assert len(base64.b64decode(kdf["salt"])) == 16 and len(base64.b64decode(sealed["nonce"])) == 12
    # a fresh salt and nonce every time
    again = json.loads(export_file.seal({"format": "kinship-app/household"}, PASS, KDF))
    assert again["kdf"]["salt"] != kdf["salt"] and again["nonce"] != sealed["nonce"]


# -- fuzzing the reader: any bytes give a plain message, never a crash and never a half-import ------------------

_STORE: dict[str, object] = {}


def _fuzz_store(tmp_path_factory) -> tuple[Store, bytes, bytes]:
    if "store" not in _STORE:
        path = tmp_path_factory.mktemp("export-fuzz") / "households.sqlite"
        store = Store(f"sqlite:///{path}", clock=Clock(), worker="Fuzz")
        h = _canary_household(store)
        _STORE.update(store=store, sealed=store.export_household_file(h.id, PASS),
                      plain=store.export_household_file(h.id, None))
    return _STORE["store"], _STORE["sealed"], _STORE["plain"]  # type: ignore[return-value]


@pytest.fixture(scope="module")
def fuzz(tmp_path_factory):
    yield _fuzz_store(tmp_path_factory)
    _STORE.pop("store").close()  # type: ignore[union-attr]
    _STORE.clear()


def _import_or_plain_error(store: Store, raw: bytes, passphrase: str | None) -> None:
    count = store.count_households()
    try:
        store.import_household_file(raw, passphrase, name="h.kinship", keep_reference=False)
    except StoreError as exc:
        assert isinstance(exc, (ImportDataError, WrongExportPassphraseError, ExportPassphraseNeededError)), repr(exc)
        assert str(exc).strip() and "Traceback" not in str(exc)
        assert store.count_households() == count
    else:
        assert store.count_households() == count + 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(which=st.sampled_from(["sealed", "plain"]), cut=st.floats(0, 1, exclude_max=True))
def test_a_truncated_file_gives_a_clear_error(fuzz, which, cut):
    store, sealed, plain = fuzz
    raw = sealed if which == "sealed" else plain
    short = raw[:int(len(raw) * cut)]
    count = store.count_households()
    with pytest.raises(ImportDataError, match="is not a household file exported from this app|is missing|"
                                              "must be|is not|damaged"):
        store.import_household_file(short, PASS, name="h.kinship", keep_reference=False)
    assert store.count_households() == count


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.floats(0, 1, exclude_max=True), byte=st.integers(0, 255),
       passphrase=st.sampled_from([PASS, None, "not the passphrase"]))
def test_a_corrupted_encrypted_file_gives_a_clear_error_or_imports_whole(fuzz, position, byte, passphrase):
    store, sealed, _plain = fuzz
    data = bytearray(sealed)
    data[int(len(data) * position)] = byte
    _import_or_plain_error(store, bytes(data), passphrase)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.one_of(st.binary(max_size=400),
                     st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                                  lambda kids: st.lists(kids, max_size=4) | st.dictionaries(
                                      st.sampled_from(["format", "format_version", "cipher", "kdf", "nonce", "check",
                                                       "ciphertext", "salt", "time_cost", "memory_cost_kib",
                                                       "parallelism", "name", "version", "hash_len"]),
                                      kids, max_size=6), max_leaves=20).map(
                         lambda v: json.dumps(v).encode())))
def test_any_bytes_give_a_clear_error_never_a_crash(fuzz, raw):
    store, _sealed, _plain = fuzz
    _import_or_plain_error(store, raw, PASS)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(["format_version", "cipher", "kdf", "nonce", "check", "ciphertext"]),
       value=st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.text(max_size=40),
                       st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(),
                                                                            max_size=3)))
def test_an_envelope_with_any_field_replaced_gives_a_clear_error(fuzz, field, value):
    store, sealed, _plain = fuzz
    envelope = json.loads(sealed)
    envelope[field] = value
    _import_or_plain_error(store, json.dumps(envelope).encode(), PASS)
