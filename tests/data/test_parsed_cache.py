"""The parsed data files kept between runs (kinship_app.data._cache): the same data as a fresh
parse, never stale, never a broken file, and any trouble with the cache means parsing as before."""

from __future__ import annotations

import datetime as dt
import json
import marshal
import math
import os
import shutil
import stat
import subprocess
import sys
import threading
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinship_app.data import _cache, _files, councils, parameters, rates, services
from kinship_app.data._files import RESOURCES, DataError

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(RESOURCES.rglob("*.toml"))


# -- the values: what tomllib returns, through marshal and back --------------------------------------

def same(a, b, where="top"):
    """Equal, and of the same kinds all the way down (1, 1.0 and True differ; NaN is NaN; -0.0 is
    not 0.0; datetimes the same wall time, offset and fold)."""
    assert type(a) is type(b), (where, a, b)
    if type(a) is dict:
        assert list(a) == list(b), where
        for k in a:
            same(a[k], b[k], f"{where}.{k}")
    elif type(a) is list:
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{where}[{i}]")
    elif type(a) is float:
        assert (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b)), where
    elif type(a) in (dt.datetime, dt.time):
        assert a.replace(tzinfo=None) == b.replace(tzinfo=None) and a.fold == b.fold, where
        assert (a.tzinfo is None) == (b.tzinfo is None), where
        if a.tzinfo is not None:
            assert a.utcoffset() == b.utcoffset() and type(b.tzinfo) is dt.timezone, where
            assert a.tzinfo.tzname(None) == b.tzinfo.tzname(None), where
    else:
        assert a == b, where


def round_trip(value):
    return _cache.decode(marshal.loads(_cache.encode(value)))


zones = st.one_of(st.none(), st.just(dt.timezone.utc),
                  st.integers(-1439, 1439).map(lambda m: dt.timezone(dt.timedelta(minutes=m))))
leaves = st.one_of(
    st.text(), st.integers(-(2**63), 2**63 - 1), st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.dates(), st.datetimes(timezones=zones), st.times(), st.times(timezones=zones),
)
toml_values = st.recursive(leaves, lambda inner: st.lists(inner, max_size=5)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=5), max_leaves=40)
toml_documents = st.dictionaries(st.text(max_size=8), toml_values, max_size=6)


@settings(max_examples=300, deadline=None)
@given(toml_documents)
def test_any_toml_shaped_value_comes_back_the_same(doc):
    same(round_trip(doc), doc)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(RESOURCES)))
def test_every_shipped_file_comes_back_the_same(path):
    parsed = tomllib.loads(path.read_text(encoding="utf-8"))
    same(round_trip(parsed), parsed)


def test_toml_written_dates_times_and_floats_come_back_the_same():
    text = """
    d = 2026-04-06
    ldt = 2026-04-06T07:32:00.999999
    utc = 1979-05-27T07:32:00Z
    off = 1979-05-27T00:32:00-07:00
    plus = 1979-05-27T00:32:00+05:30
    zero = 1979-05-27T00:32:00+00:00
    t = 07:32:00.5
    floats = [nan, +inf, -inf, -0.0, 0.1, 1e308]
    ints = [0, -1, 9223372036854775807]
    mixed = [[1, "a"], {x = true}, [[2026-01-01]]]
    [[tables]]
    a = 1
    [[tables]]
    b = { c = 2026-12-31T23:59:59Z }
    """
    parsed = tomllib.loads(text)
    same(round_trip(parsed), parsed)


@pytest.mark.parametrize("value", [
    {"a": None}, {"a": (1, 2)}, {"a": b"bytes"}, {"a": {1, 2}}, {1: "key not text"}, {"a": 1j},
    {"a": dt.timezone.utc}, {"a": dt.datetime(2026, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1), "BST"))},
])
def test_values_toml_never_gives_are_not_kept(value):
    with pytest.raises(_cache.NotCacheable):
        _cache.encode(value)


@pytest.mark.parametrize("read_back", [
    None, b"bytes", {"a": None}, {"a": {1, 2}}, {1: "a"}, {"a": ("date", 2026, 13, 1)}, {"a": ("nonsense", 1)},
    {"a": ("date", 2026)}, {"a": ("datetime", 2026, 1, 1, 0, 0, 0, 0, "x", 0)}, {"a": [()]},
])
def test_anything_but_tomls_kinds_read_back_is_refused(read_back):
    with pytest.raises((ValueError, TypeError)):
        _cache.decode(read_back)


# -- the cache on disk ------------------------------------------------------------------------------------

@pytest.fixture
def resources(tmp_path, monkeypatch):
    """A copy of resources/ that the cache treats as the app's own (so tests can edit its files),
    and an empty cache folder of the test's own."""
    copy = tmp_path / "resources"
    for sub in ("rates", "parameters", "services", "councils"):
        shutil.copytree(RESOURCES / sub, copy / sub)
    monkeypatch.setattr(_files, "RESOURCES", copy)
    cache = tmp_path / "cache"
    monkeypatch.setenv(_cache.ENV_VAR, str(cache))
    return copy


def cache_files(tmp_path) -> list[str]:
    folder = tmp_path / "cache"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def without_file(found):
    """Rates as read, less the name of the file each came from."""
    import dataclasses

    return [dataclasses.replace(r, file="") for r in found]


def no_parsing(monkeypatch):
    def refuse(raw, path):
        raise AssertionError(f"{path} was parsed, not read from the cache")

    monkeypatch.setattr(_files, "parse_toml", refuse)


def test_a_second_read_gives_what_a_fresh_parse_gives_without_parsing(resources, tmp_path, monkeypatch):
    first = rates.load.__wrapped__(resources / "rates")
    first_params = parameters.load.__wrapped__(resources / "parameters")
    first_services = services._parse(*(lambda p: (p.read_bytes(), p))(resources / "services" / "national.toml"), True)
    assert cache_files(tmp_path) == ["parameters--law.toml.parsed", "rates--asgsf.toml.parsed",
                                     "rates--benefits.toml.parsed", "rates--fostering_nma.toml.parsed",
                                     "rates--schools.toml.parsed", "services--national.toml.parsed"]
    no_parsing(monkeypatch)
    assert rates.load.__wrapped__(resources / "rates") == first
    assert parameters.load.__wrapped__(resources / "parameters") == first_params
    path = resources / "services" / "national.toml"
    assert services._parse(path.read_bytes(), path, True) == first_services
    monkeypatch.undo()
    # and what the shipped files give, read the ordinary way
    assert {k: v.periods for k, v in first.items()} == {k: v.periods for k, v in rates.load().items()}


def test_the_entry_holds_exactly_what_tomllib_gave(resources, tmp_path):
    path = resources / "parameters" / "law.toml"
    parameters.parse_bytes(path.read_bytes(), path)
    entry = _cache.entry(path, path.read_bytes(), _files.RESOURCES)
    same(entry.get(), tomllib.loads(path.read_text(encoding="utf-8")))


def nma_5_to_10(table, day=dt.date(2025, 6, 1)):
    rate = table["fostering_nma"]
    period = next(p for p in rate.periods if p.valid_from <= day <= p.valid_to)
    return next(v for k, v in period.values.items() if "5-10" in k and "rest_of_england" in k)


def test_an_edited_file_of_the_same_size_and_time_is_parsed_again(resources, tmp_path):
    path = resources / "rates" / "fostering_nma.toml"
    before = path.stat()
    assert nma_5_to_10(rates.load.__wrapped__(resources / "rates")) == 194
    text = path.read_text(encoding="utf-8")
    assert text.count('"5-10" = 194') == 1
    path.write_text(text.replace('"5-10" = 194', '"5-10" = 195'), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert nma_5_to_10(rates.load.__wrapped__(resources / "rates")) == 195
    # the entry now holds the edited file's parse
    assert cache_files(tmp_path).count("rates--fostering_nma.toml.parsed") == 1
    same(_cache.entry(path, path.read_bytes(), _files.RESOURCES).get(), tomllib.loads(path.read_text(encoding="utf-8")))
    assert nma_5_to_10(rates.load.__wrapped__(resources / "rates")) == 195


DAMAGE = {
    "empty": lambda blob: b"",
    "truncated header": lambda blob: blob[:20],
    "truncated payload": lambda blob: blob[:len(blob) // 2],
    "one byte flipped in the payload": lambda blob: blob[:-5] + bytes([blob[-5] ^ 0x40]) + blob[-4:],
    "one byte flipped in the key": lambda blob: blob[:10] + bytes([blob[10] ^ 1]) + blob[11:],
    "another format": lambda blob: b"kinTOML\x00" + blob[8:],
    "garbage": lambda blob: os.urandom(len(blob)),
    "a pickle": lambda blob: b"\x80\x04\x95" + blob,
    "a longer file": lambda blob: blob + b"\x00" * 10,
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_entry_is_parsed_afresh_and_repaired(resources, tmp_path, monkeypatch, damage):
    path = resources / "services" / "national.toml"
    raw = path.read_bytes()
    good = services._parse(raw, path, True)
    entry_file = tmp_path / "cache" / "services--national.toml.parsed"
    entry_file.write_bytes(DAMAGE[damage](entry_file.read_bytes()))
    assert _cache.entry(path, raw, _files.RESOURCES).get() is _cache.MISSING
    assert services._parse(raw, path, True) == good
    no_parsing(monkeypatch)
    assert services._parse(raw, path, True) == good  # repaired: read from the cache


def test_an_entry_of_right_digests_but_not_tomls_kinds_is_refused(resources, tmp_path):
    # Only someone able to write in the user's own cache folder could make one; still refused.
    path = resources / "services" / "national.toml"
    raw = path.read_bytes()
    good = services._parse(raw, path, True)
    entry = _cache.entry(path, raw, _files.RESOURCES)
    payload = marshal.dumps({"service": [{"code": frozenset({1})}]})
    digest = _cache._blake2b()(payload, digest_size=_cache.DIGEST).digest()
    Path(entry.file).write_bytes(_cache.MAGIC + entry.key + digest + payload)
    assert entry.get() is _cache.MISSING
    assert services._parse(raw, path, True) == good


def test_the_folder_and_files_are_private_and_replaced_atomically(resources, tmp_path):
    old = os.umask(0o022)
    try:
        path = resources / "rates" / "schools.toml"
        for n in range(3):  # three versions of the file: still one entry, no temporary file left
            path.write_bytes(path.read_bytes() + f"\n# edit {n}\n".encode())
            rates.parse_file(path)
    finally:
        os.umask(old)
    folder = tmp_path / "cache"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert cache_files(tmp_path) == ["rates--schools.toml.parsed"]
    assert stat.S_IMODE((folder / "rates--schools.toml.parsed").stat().st_mode) == 0o600


def test_a_temporary_file_left_by_a_stopped_process_does_not_stop_writing(resources, tmp_path):
    path = resources / "rates" / "asgsf.toml"
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    (folder / f".rates--asgsf.toml.parsed.{os.getpid()}-{threading.get_ident()}.tmp").write_bytes(b"half")
    rates.parse_file(path)
    assert cache_files(tmp_path) == ["rates--asgsf.toml.parsed"]
    assert _cache.entry(path, path.read_bytes(), _files.RESOURCES).get() is not _cache.MISSING


def test_without_a_usable_cache_folder_the_files_are_parsed(resources, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    expected = without_file(rates.load.__wrapped__(RESOURCES / "rates").values())
    for folder in (blocker / "cache", blocker):  # cannot be made; is not a folder
        monkeypatch.setenv(_cache.ENV_VAR, str(folder))
        assert without_file(rates.load.__wrapped__(resources / "rates").values()) == expected
        assert blocker.read_text() == "not a folder"


def test_a_folder_others_may_write_in_is_not_used(resources, tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o777)
    rates.load.__wrapped__(resources / "rates")
    assert cache_files(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_an_entry_belonging_to_someone_else_is_not_read(resources, tmp_path, monkeypatch):
    path = resources / "rates" / "benefits.toml"
    rates.parse_file(path)
    entry_file = tmp_path / "cache" / "rates--benefits.toml.parsed"
    os.chown(entry_file, 4321, 4321)
    assert _cache.entry(path, path.read_bytes(), _files.RESOURCES).get() is _cache.MISSING
    assert without_file(rates.parse_file(path)) == without_file(rates.parse_file(RESOURCES / "rates" / "benefits.toml"))


def test_an_entry_others_may_write_is_not_read(resources, tmp_path):
    path = resources / "rates" / "benefits.toml"
    rates.parse_file(path)
    (tmp_path / "cache" / "rates--benefits.toml.parsed").chmod(0o666)
    assert _cache.entry(path, path.read_bytes(), _files.RESOURCES).get() is _cache.MISSING


BROKEN = {
    "not TOML": ("rates/benefits.toml", lambda t: t + "\n[[[\n"),
    "not UTF-8": ("rates/benefits.toml", None),
    "a check fails": ("rates/fostering_nma.toml", lambda t: t.replace('"5-10" = 194', '"5-10" = -194')),
    "unknown field": ("parameters/law.toml", lambda t: t.replace("[parameters.", "[parametres.", 1)),
    "services record": ("services/national.toml", lambda t: t.replace("https://", "ftp://", 1)),
}


def load_one(rel: str, path: Path):
    if rel.startswith("rates/"):
        return rates.parse_file(path)
    if rel.startswith("parameters/"):
        return parameters.parse_bytes(path.read_bytes(), path)
    return services._parse(path.read_bytes(), path, True)


@pytest.mark.parametrize("broken", BROKEN, ids=list(BROKEN))
def test_a_broken_file_raises_as_before_and_is_never_kept(resources, tmp_path, monkeypatch, broken):
    rel, edit = BROKEN[broken]
    path = resources / rel
    if edit is None:
        path.write_bytes(path.read_bytes() + b"\n# \xff\xfe\n")
    else:
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    errors = []
    for _ in range(2):
        with pytest.raises(DataError) as caught:
            load_one(rel, path)
        errors.append((str(caught.value), caught.value.path, caught.value.field))
    assert cache_files(tmp_path) == []
    # exactly what the same bytes give with no cache at all (a file outside resources/)
    monkeypatch.setattr(_files, "RESOURCES", tmp_path / "elsewhere")
    with pytest.raises(DataError) as plain:
        load_one(rel, path)
    assert errors == [(str(plain.value), plain.value.path, plain.value.field)] * 2
    assert str(path) in str(plain.value)


def test_only_the_apps_own_files_are_kept_never_a_charitys(resources, tmp_path):
    extra = tmp_path / "our-local-services.toml"
    shutil.copy(RESOURCES / "services" / "example-local-services.toml", extra)
    services.load([extra])
    services._parse(extra.read_bytes(), extra, False)
    assert _cache.entry_name(extra, _files.RESOURCES) is None
    assert cache_files(tmp_path) == []
    assert _cache.entry_name(resources / "rates" / "x.toml", _files.RESOURCES) == "rates--x.toml.parsed"
    assert _cache.entry_name(resources / ".." / "x.toml", _files.RESOURCES) is None
    assert _cache.entry_name(resources / "rates" / "a b.toml", _files.RESOURCES) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the quick path is Linux's")
@pytest.mark.parametrize("env", [
    {"HOME": "/home/someone"}, {"HOME": "/home/someone/"}, {"HOME": "/h", "XDG_CACHE_HOME": "/var/xdg"},
    {"HOME": "/h", "XDG_CACHE_HOME": "relative/ignored"}, {"HOME": "/h", "XDG_CACHE_HOME": ""},
    {"HOME": "relative"}, {},
])
def test_the_folder_is_the_users_cache_folder_as_platformdirs_says(monkeypatch, env):
    import platformdirs

    for name in (_cache.ENV_VAR, "HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    try:
        expected = platformdirs.user_cache_dir("kinship-app")
    except RuntimeError:
        expected = None
    assert _cache.cache_dir() == expected


def test_the_tests_never_use_the_real_cache_folder():
    assert os.environ[_cache.ENV_VAR] != os.path.expanduser("~/.cache/kinship-app")
    assert _cache.cache_dir() == os.environ[_cache.ENV_VAR]


# -- as a real second run does it -------------------------------------------------------------------------

PROBE = """
import sys
from kinship_app.data import services, rates, parameters, councils
services.all(); services.council_pages(); rates.load(); parameters.load(); councils.get("E08000035")
print(sorted(m for m in ("tomllib", "hashlib", "platformdirs", "pickle") if m in sys.modules))
"""


def test_a_second_run_reads_the_files_without_importing_tomllib(tmp_path):
    env = dict(os.environ, **{_cache.ENV_VAR: str(tmp_path / "cache")})
    runs = [subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
            for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr + runs[1].stderr
    assert runs[0].stdout.split() == ["['tomllib']"]
    assert runs[1].stdout.split() == ["[]"]
    kept = sorted(p.name for p in (tmp_path / "cache").iterdir())
    assert kept == sorted(_cache.entry_name(p, _files.RESOURCES) for p in SHIPPED if p.parent.name != "estimator"
                          and p.name != "example-local-services.toml")


def test_assess_a_second_time_imports_no_tomllib(tmp_path):
    env = dict(os.environ, **{_cache.ENV_VAR: str(tmp_path / "cache")})
    case = tmp_path / "case.json"
    case.write_text('{"child": {"age": 9}, "carer": {"relationship": "grandparent"}, '
                    '"arrangement": {"days_so_far": 400}}')
    outs = []
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "kinship_app", "assess", str(case),
                               "--as-of", "2026-11-22"], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
        assert proc.returncode == 0, proc.stderr
        imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
        outs.append((proc.stdout, "tomllib" in imported, "hashlib" in imported))
    assert outs[0][0] == outs[1][0]
    assert [o[1:] for o in outs] == [(True, False), (False, False)]


def test_the_shipped_languages_file_is_kept_too_and_others_raise_as_before(tmp_path, monkeypatch):
    from kinship_app import i18n, languages

    monkeypatch.setenv(_cache.ENV_VAR, str(tmp_path / "cache"))
    shipped = str(i18n.LOCALE_DIR)
    first = languages._table.__wrapped__(shipped)
    assert cache_files(tmp_path) == ["locale--languages.toml.parsed"]

    def refuse(text):
        raise AssertionError("parsed, not read from the cache")

    with monkeypatch.context() as m:
        m.setattr(tomllib, "loads", refuse)
        assert languages._table.__wrapped__(shipped) == first
    assert first == {k: v for k, v in tomllib.loads((i18n.LOCALE_DIR / "languages.toml").read_text("utf-8")).items()
                     if isinstance(v, dict)}
    # another folder's file (a test's, a translator's copy) is never kept, and a broken one raises as ever
    other = tmp_path / "locale"
    other.mkdir()
    (other / "languages.toml").write_text("[bn]\ncomplete = maybe\n", encoding="utf-8")
    with pytest.raises(tomllib.TOMLDecodeError):
        languages._table.__wrapped__(str(other))
    (other / "languages.toml").write_text("[bn]\ncomplete = true\n", encoding="utf-8")
    assert languages._table.__wrapped__(str(other)) == {"bn": {"complete": True}}
    assert cache_files(tmp_path) == ["locale--languages.toml.parsed"]


def test_threads_reading_the_same_file_at_once_all_get_it(resources, tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    path = resources / "services" / "national.toml"
    raw = path.read_bytes()
    expected = services._parse(raw, RESOURCES / "services" / "national.toml", True)
    for _ in range(3):
        shutil.rmtree(tmp_path / "cache", ignore_errors=True)
        with ThreadPoolExecutor(8) as pool:
            found = list(pool.map(lambda _: services._parse(raw, path, True), range(16)))
        assert all([s.code for s in f[0]] == [s.code for s in expected[0]] for f in found)
        assert cache_files(tmp_path) == ["services--national.toml.parsed"]
        assert _cache.entry(path, raw, _files.RESOURCES).get() is not _cache.MISSING
