"""One translation pipeline for the whole app.

Every user-visible string goes through ``_()`` (or ``N_()`` where a string is declared as data and
translated when shown). Catalogues are the ``.po`` files in ``locale/<lang>/LC_MESSAGES/`` read
directly with Babel, so adding a language needs no compile step. Storage never translates: the
core keeps codes, and text is produced for the language in force when it is shown.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # decimal is imported when money is first formatted, not at start-up
    from decimal import Decimal

DOMAIN = "kinship_app"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
RTL_LANGUAGES = {"ar", "fa", "he", "ur", "ps", "yi"}

_catalog: dict[str, object] = {}
_language = "en"


def _(message: str) -> str:
    """Translate ``message`` into the language in force."""
    # String keys hold strings (plural forms are keyed by a tuple); "" means not translated yet.
    return _catalog.get(message) or message


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (for data declared at import)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    found = _catalog.get((singular, plural))
    if isinstance(found, tuple) and len(found) >= 2 and all(found):
        return found[0] if n == 1 else found[1]
    return singular if n == 1 else plural


def available_languages() -> dict[str, str]:
    """Language code -> name of the language in itself, for every catalogue shipped."""
    codes = ["en"]
    if LOCALE_DIR.is_dir():
        codes += sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    names = {}
    for code in dict.fromkeys(codes):
        names[code] = _language_name(code)
    return names


def _language_name(code: str) -> str:
    try:
        from babel import Locale

        return Locale.parse(code).get_display_name(code).capitalize()
    except Exception:  # an unknown code still gets listed, by its code
        return code


def get_language() -> str:
    return _language


def is_rtl(language: str | None = None) -> bool:
    return (language or _language).split("_")[0] in RTL_LANGUAGES


def set_language(code: str) -> None:
    """Switch every later ``_()`` call to ``code``; English (the source language) needs no file."""
    global _language, _catalog
    code = code or "en"
    if code == "en":
        _catalog, _language = {}, "en"
        return
    po = LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file():
        raise ValueError(f"no translation for language {code!r}")
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh, locale=code)
    table: dict[str, object] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            table[tuple(message.id)] = tuple(message.string)
        else:
            table[message.id] = message.string
    _catalog, _language = table, code


def format_money(value: float | Decimal, currency: str = "GBP", language: str | None = None) -> str:
    """'£27.05' in English; whole pounds without pence ('£3,000')."""
    from decimal import Decimal

    from babel.numbers import format_currency

    lang = language or _language
    amount = Decimal(str(value))
    pattern = "¤#,##0" if amount == amount.to_integral_value() else "¤#,##0.00"
    return format_currency(amount, currency, format=pattern, locale=_babel_locale(lang), currency_digits=False)


def format_date(day: _dt.date, language: str | None = None) -> str:
    """A date as people write it: '4 January 2027'."""
    from babel.dates import format_date as _format

    lang = language or _language
    return _format(day, format="d MMMM y", locale=_babel_locale(lang))


def _babel_locale(lang: str) -> str:
    return "en_GB" if lang == "en" else lang
