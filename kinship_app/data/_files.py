"""Reading and checking the hand-edited data files: one error type that names the file and field."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from pathlib import Path

from kinship_app.data import _cache
from kinship_app.i18n import _

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which a command does without
if TYPE_CHECKING:
    from typing import Any, Callable, TypeVar

    T = TypeVar("T")


@dataclass(frozen=True)
class Source:
    """Where a figure or a date in resources/ comes from (rates and parameters)."""

    title: str
    url: str

    def __str__(self) -> str:
        return f"{self.title} – {self.url}"

RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


class DataError(ValueError):
    """A data file is broken: ``path`` is the file, ``field`` the dotted place in it."""

    def __init__(self, path: Path | str, field: str, message: str):
        where = f"{path}: {field}" if field else str(path)
        super().__init__(f"{where}: {message}")
        self.path = str(path)
        self.field = field
        self.message = message


def parse_checked(raw: bytes, path: Path | str, check: Callable[[Any], T]) -> T:
    """``check(parse_toml(raw, path))``: what ``check`` makes of the file's TOML, raising the same
    ``DataError`` as ever when the file is broken.

    For the app's own files under ``resources/`` the parse is kept between runs, keyed on the
    exact bytes (``kinship_app.data._cache``): a later run with the same bytes reads it back
    without importing ``tomllib``. It is kept only once ``check`` has accepted it, so a broken
    file is never kept; ``check`` is given the same data either way.
    """
    entry = _cache.entry(path, raw, RESOURCES)
    if entry is not None:
        data = entry.get()
        if data is not _cache.MISSING:
            return check(data)
    data = parse_toml(raw, path)
    if entry is None:
        return check(data)
    try:
        payload: bytes | None = _cache.encode(data)  # before check: what is kept is what tomllib gave
    except (_cache.NotCacheable, ValueError, RecursionError):
        payload = None
    result = check(data)
    if payload is not None:
        entry.put(payload)
    return result


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    try:
        if limit is not None and path.stat().st_size > limit:
            raise DataError(path, "", _("is too large for this kind of file (over {size} KB)").format(size=limit // 1024))
        return path.read_bytes()
    except OSError as exc:
        raise DataError(path, "", _("cannot be read ({reason})").format(reason=exc.strerror or exc)) from None


def parse_toml(raw: bytes, path: Path | str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise DataError(path, "", _("is not UTF-8 text")) from None
    except tomllib.TOMLDecodeError as exc:
        raise DataError(path, "", _("is not valid TOML ({reason})").format(reason=exc)) from None
    except RecursionError:
        raise DataError(path, "", _("is nested too deeply to be a data file")) from None


class Fields:
    """Typed access to one TOML table, raising ``DataError`` that names ``path`` and ``where``."""

    def __init__(self, path: Path | str, where: str, table: Any):
        self.path, self.where = path, where
        if not isinstance(table, dict):
            self.fail("", _("must be a table"))
        self.table: dict[str, Any] = table

    def fail(self, key: str, message: str) -> None:
        field = ".".join(p for p in (self.where, key) if p)
        raise DataError(self.path, field, message)

    def only(self, *allowed: str) -> None:
        # A misspelt key would otherwise be ignored silently; say so instead.
        for key in self.table:
            if key not in allowed:
                self.fail(str(key), _("unknown field (expected one of: {allowed})").format(allowed=", ".join(allowed)))

    def get(self, key: str, default: Any = ...) -> Any:
        if key not in self.table:
            if default is ...:
                self.fail(key, _("is missing"))
            return default
        return self.table[key]

    def text(self, key: str, default: Any = ..., *, max_len: int = 2000) -> str:
        value = self.get(key, default)
        if value is default and default is not ...:
            return value
        if not isinstance(value, str) or not value.strip():
            self.fail(key, _("must be non-empty text"))
        if len(value) > max_len:
            self.fail(key, _("is too long (at most {count} characters)").format(count=max_len))
        if any(ord(c) < 32 and c not in "\t\n" for c in value):
            self.fail(key, _("contains control characters"))
        return value.strip()

    def code(self, key: str, default: Any = ...) -> str:
        value = self.get(key, default)
        if value is default and default is not ...:
            return value
        if not isinstance(value, str) or not SLUG.match(value) or len(value) > 80:
            self.fail(key, _("must be a code of lower-case letters, digits, '-' or '_'"))
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: Any = ...) -> str:
        value = self.get(key, default)
        if value is default and default is not ...:
            return value
        if value not in choices:
            self.fail(key, _("must be one of: {choices} (got {value})").format(choices=", ".join(choices), value=_show(value)))
        return value

    def url(self, key: str, default: Any = ...) -> str:
        value = self.text(key, default, max_len=500)
        if value is default and default is not ...:
            return value
        if not URL.match(value):
            self.fail(key, _("must be a web address starting with https:// (got {value})").format(value=_show(value)))
        return value

    def date(self, key: str, default: Any = ...) -> dt.date:
        value = self.get(key, default)
        if value is default and default is not ...:
            return value
        # TOML writes dates bare (2026-04-06); a datetime or a quoted string is a mistake.
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            self.fail(key, _("must be a date written like 2026-04-06, without quotes (got {value})").format(value=_show(value)))
        return value

    def boolean(self, key: str, default: Any = ...) -> bool:
        value = self.get(key, default)
        if not isinstance(value, bool):
            self.fail(key, _("must be true or false"))
        return value

    def number(self, key: str) -> float:
        return check_number(self, key, self.get(key))

    def list_of(self, key: str, default: Any = ...) -> list[Any]:
        value = self.get(key, default)
        if value is default and default is not ...:
            return value
        if not isinstance(value, list):
            self.fail(key, _("must be a list, like [\"a\", \"b\"]"))
        return value

    def sub(self, key: str, default: Any = ...) -> "Fields":
        value = self.get(key, default)
        return Fields(self.path, ".".join(p for p in (self.where, key) if p), value)


def check_number(fields: Fields, key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        fields.fail(key, _("must be a number of pounds, like 27.05 (got {value})").format(value=_show(value)))
    if not math.isfinite(value) or value < 0 or value > 1_000_000:
        fields.fail(key, _("must be an amount between 0 and 1,000,000 (got {value})").format(value=value))
    return float(value)


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def read_sources(top: Fields) -> dict[str, Source]:
    """A data file's ``[sources.<id>]`` tables (title, url), by id: the rates and the dated
    parameters cite their sources the same way."""
    sources: dict[str, Source] = {}
    table = top.sub("sources", {})
    for sid in table.table:
        entry = table.sub(sid)
        entry.only("title", "url")
        sources[sid] = Source(entry.text("title", max_len=300), entry.url("url"))
    return sources
