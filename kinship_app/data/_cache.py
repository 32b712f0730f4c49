"""The app's own data files, parsed once and kept between runs (as Python keeps ``.pyc`` files).

Every start of the app and every ``kinship-app assess`` reads TOML files from ``resources/``
(the advice lines, the rates, the dated parameters). Parsing them means importing ``tomllib`` and
running its pure-Python parser; this module keeps what ``tomllib`` returned for each file in the
user's cache folder, so a later run reads it back with ``marshal`` instead.

Safe by construction:

- **Keyed on the file's exact bytes**: an entry holds a BLAKE2b digest of the bytes it was parsed
  from (personalised with this cache format and the Python version), and is used only when the
  bytes read now have the same digest. A rate edited in place (even to the same size and
  modification time) is parsed afresh; nothing is ever served stale.
- **Only the app's own files** under ``resources/`` are kept (public data: rates, parameters,
  services, councils, the estimator's variants), and ``locale/languages.toml``
  (``kinship_app.languages``); a charity's file or anything a person chose is never copied here,
  and no family's data goes near it.
- **Only files that passed their check**: the caller stores an entry after its checks accept the
  data, so a broken file is never kept, and it gives the same ``DataError`` every time.
- **Never pickle**: ``marshal`` holds only plain values; dates, times and datetimes (which marshal
  cannot hold) are written as tagged tuples (TOML never produces a tuple) and rebuilt on reading.
  Each entry also carries a digest of its own payload, so a truncated or damaged file is noticed
  before ``marshal`` reads it, and the values read back are checked to be TOML's kinds only.
- **Any problem means parsing as before**: no cache folder, a read-only disk, a missing, damaged,
  foreign (another user's, another format's) or stale entry. A bad entry is replaced.
- **Bounded**: one file per data file (``rates--benefits.toml.parsed``), replaced atomically
  (a temporary file and ``os.replace``), created ``0600`` in a ``0700`` folder.

The folder is ``$KINSHIP_APP_CACHE_DIR`` when set (the tests point it at a temporary folder), else
the user's cache folder (``platformdirs.user_cache_dir("kinship-app")``, on Linux
``~/.cache/kinship-app``). Deleting it is always safe.
"""

from __future__ import annotations

import _thread
import datetime as dt
import marshal
import os
import stat
import sys

ENV_VAR = "KINSHIP_APP_CACHE_DIR"
APP_NAME = "kinship-app"
FORMAT = 1
MAGIC = b"kinTOML" + bytes([FORMAT])
DIGEST = 32
HEADER = len(MAGIC) + 2 * DIGEST
SUFFIX = ".parsed"
# The digest of a file's bytes is personalised with the format and the Python version (marshal's
# format, and tomllib's behaviour, may change with it): an entry from another is a miss.
PERSON = f"{FORMAT}:{sys.hexversion:x}".encode()[:16]
MISSING = object()

_O_BINARY = getattr(os, "O_BINARY", 0)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_LEAVES = (str, int, float, bool)


class NotCacheable(TypeError):
    """A value TOML never produces: such data is simply not kept."""


def _blake2b():
    # The C module itself: ``hashlib`` would also load OpenSSL's bindings (measured: about 2 ms).
    try:
        from _blake2 import blake2b
    except ImportError:  # another Python build
        from hashlib import blake2b
    return blake2b


# -- where ------------------------------------------------------------------------------------------

def cache_dir() -> str | None:
    """The folder entries live in, or None when there is none to be had."""
    chosen = os.environ.get(ENV_VAR, "")
    if chosen:
        return chosen
    if sys.platform.startswith("linux"):
        # What platformdirs answers on Linux for an absolute $XDG_CACHE_HOME or $HOME (a test holds
        # the two equal), without importing it on every run; anything else is left to platformdirs.
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        if xdg.startswith("/"):
            return os.path.join(xdg, APP_NAME)
        home = os.environ.get("HOME", "")
        if home.startswith("/"):
            return os.path.join(os.path.expanduser("~/.cache"), APP_NAME)
    try:
        from platformdirs import user_cache_dir

        return user_cache_dir(APP_NAME)
    except Exception:  # noqa: BLE001 - no home folder: no cache, the files are parsed
        return None


def entry_name(path: object, resources: object) -> str | None:
    """The entry's file name for a data file under the app's ``resources`` folder
    (``rates--benefits.toml.parsed``), or None for any other file, which is never kept."""
    text, root = os.fspath(path), os.fspath(resources) + os.sep  # type: ignore[call-overload]
    if not text.startswith(root):
        return None
    parts = text[len(root):].split(os.sep)
    if not all(p and p not in (".", "..") and p.isascii() and all(c.isalnum() or c in "._-" for c in p)
               for p in parts):
        return None
    return "--".join(parts) + SUFFIX


class Entry:
    """The kept parse of one data file's bytes."""

    def __init__(self, folder: str, name: str, raw: bytes):
        self.folder, self.name = folder, name
        self.file = os.path.join(folder, name)
        self.key = _blake2b()(raw, digest_size=DIGEST, person=PERSON).digest()

    def get(self) -> object:
        """The data ``tomllib`` gave for these bytes, or ``MISSING``."""
        try:
            fd = os.open(self.file, os.O_RDONLY | _O_BINARY | _O_NOFOLLOW)
        except OSError:
            return MISSING
        try:
            with os.fdopen(fd, "rb") as fh:
                if not _trusted(os.fstat(fh.fileno())):
                    return MISSING
                blob = fh.read()
            if (len(blob) < HEADER or blob[:len(MAGIC)] != MAGIC
                    or blob[len(MAGIC):len(MAGIC) + DIGEST] != self.key):
                return MISSING
            payload = memoryview(blob)[HEADER:]
            if _blake2b()(payload, digest_size=DIGEST).digest() != blob[len(MAGIC) + DIGEST:HEADER]:
                return MISSING
            return decode(marshal.loads(payload))
        except Exception:  # noqa: BLE001 - whatever is wrong with an entry, the file is parsed instead
            return MISSING

    def put(self, payload: bytes) -> bool:
        """Keep ``payload`` (from ``encode``) for these bytes; False (and nothing kept) on any problem."""
        digest = _blake2b()(payload, digest_size=DIGEST).digest()
        # One temporary name per process and thread, so two writers never share one.
        tmp = os.path.join(self.folder, f".{self.name}.{os.getpid()}-{_thread.get_ident()}.tmp")
        try:
            _make_folder(self.folder)
            try:
                fd = _create(tmp)
            except FileExistsError:  # left by an earlier process of the same number that stopped mid-write
                os.unlink(tmp)
                fd = _create(tmp)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(MAGIC + self.key + digest)
                    fh.write(payload)
                os.replace(tmp, self.file)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
            return True
        except OSError:
            return False


def entry(path: object, raw: bytes, resources: object) -> Entry | None:
    """The entry for ``raw``, the bytes of ``path``; None if the file is not one of the app's own
    (under ``resources``), which are the only ones kept, or there is no cache folder."""
    name = entry_name(path, resources)
    if name is None:
        return None
    folder = cache_dir()
    if not folder:
        return None
    return Entry(folder, name, raw)


def _create(path: str) -> int:
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY | _O_NOFOLLOW, 0o600)


def _make_folder(folder: str) -> None:
    parent = os.path.dirname(folder)
    if parent:
        os.makedirs(parent, exist_ok=True)
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    # Never write into a folder that is not ours or that others may write in.
    st = os.stat(folder)
    if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
        raise PermissionError(folder)


def _trusted(st: os.stat_result) -> bool:
    if not stat.S_ISREG(st.st_mode):
        return False
    return not hasattr(os, "getuid") or (st.st_uid == os.getuid() and not st.st_mode & 0o022)


# -- what: TOML's values in marshal's -----------------------------------------------------------------

def encode(value: object) -> bytes:
    """``marshal`` bytes for what ``tomllib`` returned; ``NotCacheable`` for anything TOML never gives."""
    return marshal.dumps(_encode(value))


def _encode(value: object) -> object:
    t = type(value)
    if t is dict:
        out = {}
        for k, v in value.items():  # type: ignore[attr-defined]
            if type(k) is not str:
                raise NotCacheable(k)
            out[k] = _encode(v)
        return out
    if t is list:
        return [_encode(v) for v in value]  # type: ignore[attr-defined]
    if t in _LEAVES:
        return value
    if t is dt.datetime:
        v = value  # type: ignore[assignment]
        return ("datetime", v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond,
                _offset(v.tzinfo), v.fold)
    if t is dt.date:
        return ("date", value.year, value.month, value.day)  # type: ignore[attr-defined]
    if t is dt.time:
        v = value  # type: ignore[assignment]
        return ("time", v.hour, v.minute, v.second, v.microsecond, _offset(v.tzinfo), v.fold)
    raise NotCacheable(t)


def _offset(tz: object) -> int | None:
    """A tzinfo as microseconds east of UTC: only the fixed offsets tomllib makes (or none)."""
    if tz is None:
        return None
    if type(tz) is not dt.timezone:
        raise NotCacheable(tz)
    delta = tz.utcoffset(None)
    if tz != dt.timezone(delta) or tz.tzname(None) != dt.timezone(delta).tzname(None):
        raise NotCacheable(tz)  # a named zone: tomllib never makes one
    return delta // dt.timedelta(microseconds=1)


def _zone(micros: object) -> dt.timezone | None:
    if micros is None:
        return None
    if type(micros) is not int:
        raise ValueError("bad offset")
    return dt.timezone(dt.timedelta(microseconds=micros))


def decode(value: object) -> object:
    """The values ``encode`` was given, from what ``marshal`` read back; ``ValueError`` for anything
    that is not TOML's kinds."""
    t = type(value)
    if t is dict:
        for k, v in value.items():  # type: ignore[attr-defined]
            if type(k) is not str:
                raise ValueError("bad key")
            tv = type(v)
            if tv is dict or tv is list or tv is tuple:
                value[k] = decode(v)  # type: ignore[index]
            elif tv not in _LEAVES:
                raise ValueError("bad value")
        return value
    if t is list:
        for i, v in enumerate(value):  # type: ignore[arg-type]
            tv = type(v)
            if tv is dict or tv is list or tv is tuple:
                value[i] = decode(v)  # type: ignore[index]
            elif tv not in _LEAVES:
                raise ValueError("bad value")
        return value
    if t is tuple and value:
        tag, *rest = value  # type: ignore[misc]
        if tag == "date" and len(rest) == 3:
            return dt.date(*rest)
        if tag == "datetime" and len(rest) == 9:
            *fields, micros, fold = rest
            return dt.datetime(*fields, tzinfo=_zone(micros), fold=fold)
        if tag == "time" and len(rest) == 6:
            *fields, micros, fold = rest
            return dt.time(*fields, tzinfo=_zone(micros), fold=fold)
    if t in _LEAVES:
        return value
    raise ValueError("not a TOML value")
