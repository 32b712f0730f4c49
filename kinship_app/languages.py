"""What the app knows about each shipped language beyond its words: whether its catalogue is
declared complete, who reviewed it, and which fonts draw its script.

``locale/languages.toml`` holds one table per language::

    [bn]
    complete = false            # the catalogue tests insist on every message only when true
    script = "Bengali"
    fonts = ["Noto Sans Bengali"]

A translation counts as checked only when a native-speaking adviser has put their name and the
date in the header comment of its ``.po`` file::

    # Reviewed-By: Nasrin Ahmed, 2027-01-15

(a header comment, not a header field: ``pybabel update`` keeps comments but drops header fields
it does not know, so ``make translations`` would silently erase a ``Reviewed-By:`` field). Until
then Settings and the About box say, in the language itself, that it has not been checked yet.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kinship_app import i18n

LANGUAGES_FILE = "languages.toml"
_REVIEWED = re.compile(r"^#\s*Reviewed-By:\s*(?P<name>\S.*?)\s*,\s*(?P<date>\d{4}-\d{2}-\d{2})\s*$")
_FIELD = re.compile(r'^"Reviewed-By:\s*(?P<name>\S.*?)\s*,\s*(?P<date>\d{4}-\d{2}-\d{2})\s*\\n"$')


@dataclass(frozen=True)
class Review:
    name: str
    date: dt.date


@dataclass(frozen=True)
class LanguageInfo:
    code: str
    complete: bool = False
    script: str = "Latin"
    fonts: tuple[str, ...] = ()


def po_path(code: str, locale_dir: Path | None = None) -> Path:
    return (locale_dir or i18n.LOCALE_DIR) / code / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def info(code: str, locale_dir: Path | None = None) -> LanguageInfo:
    """The table for ``code`` in languages.toml (defaults for a language it does not list)."""
    found = _table(str(locale_dir or i18n.LOCALE_DIR)).get(code, {})
    return LanguageInfo(code=code, complete=bool(found.get("complete", False)),
                        script=str(found.get("script", "Latin")),
                        fonts=tuple(str(f) for f in found.get("fonts", ())))


def listed(locale_dir: Path | None = None) -> list[str]:
    return sorted(_table(str(locale_dir or i18n.LOCALE_DIR)))


@lru_cache(maxsize=4)
def _table(locale_dir: str) -> dict[str, dict]:
    path = Path(locale_dir) / LANGUAGES_FILE
    if not path.is_file():
        return {}
    data = _parse(path.read_bytes(), path, shipped=Path(locale_dir) == i18n.LOCALE_DIR)
    return {code: value for code, value in data.items() if isinstance(value, dict)}


def _parse(raw: bytes, path: Path, shipped: bool) -> dict:
    """The file's TOML, as ``tomllib.load`` gives it (and raising as it does). The shipped file's
    parse is kept between runs, keyed on its exact bytes, like the data files' (kinship_app.data._cache):
    the window reads it just after its first paint, and this spares importing tomllib there."""
    from kinship_app.data import _cache

    entry = _cache.entry(path, raw, i18n.LOCALE_DIR.parent) if shipped else None
    if entry is not None:
        data = entry.get()
        if data is not _cache.MISSING:
            return data  # type: ignore[return-value]
    import tomllib

    data = tomllib.loads(raw.decode())  # what tomllib.load does with the file's bytes
    if entry is not None:
        try:
            entry.put(_cache.encode(data))
        except (_cache.NotCacheable, ValueError, RecursionError):
            pass
    return data


def review(code: str, locale_dir: Path | None = None) -> Review | None:
    """Who checked the ``code`` translation and when, from its .po header; None: not checked yet.

    English is the source language and needs no review (returns None too; callers ask only for
    other languages). A line without both a name and a valid date does not count."""
    if code == "en":
        return None
    path = po_path(code, locale_dir)
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("msgstr"):  # the header's fields follow: look at them, then stop
                for field in fh:
                    field = field.strip()
                    if not field.startswith('"'):
                        break
                    found = _FIELD.match(field)
                    if found:
                        return _review(found)
                return None
            found = _REVIEWED.match(line)
            if found:
                return _review(found)
    return None


def _review(found: re.Match) -> Review | None:
    try:
        day = dt.date.fromisoformat(found["date"])
    except ValueError:
        return None
    return Review(name=found["name"], date=day)
