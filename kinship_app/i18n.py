"""One translation pipeline for the whole app.

Every user-visible string goes through ``_()`` (or ``N_()`` where a string is declared as data and
translated when shown). Catalogues are the ``.po`` files in ``locale/<lang>/LC_MESSAGES/`` read
directly with Babel, so adding a language needs no compile step. Storage never translates: the
core keeps codes, and text is produced when it is shown, for the language asked for.

Two ways to say which language:

- ``translator(code)`` gives a ``Translator`` bound to one language (``gettext``, ``ngettext``,
  ``money``, ``date``). The wording layer (``kinship_app.wording``) and anything off the UI thread
  use this, with the language passed in explicitly.
- ``_()`` translates into the language in force: the one bound by ``using(code)`` in this thread or
  task (a context variable, so two threads never see each other's language), otherwise the app's
  language set by ``set_language`` (the desktop app's setting). Letters are built inside
  ``using(language)``; nothing switches the app's language temporarily.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as _dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which a command does without
if TYPE_CHECKING:  # decimal is imported when money is first formatted, not at start-up
    from decimal import Decimal

DOMAIN = "kinship_app"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
RTL_LANGUAGES = {"ar", "fa", "he", "ur", "ps", "yi"}

_catalog: dict[str, object] = {}
_language = "en"
# The language bound by ``using`` in this thread or task; None: the app's language.
_bound: contextvars.ContextVar["Translator | None"] = contextvars.ContextVar("kinship_language", default=None)


def _lookup(table: dict[str, object], message: str) -> str:
    found = table.get(message)
    if isinstance(found, str) and found:
        return found
    return message


def _nlookup(table: dict[str, object], singular: str, plural: str, n: int) -> str:
    found = table.get((singular, plural))
    if isinstance(found, tuple) and len(found) >= 2 and all(found):
        return found[plural_index(table, n, len(found))]
    return singular if n == 1 else plural


@dataclass(frozen=True)
class Translator:
    """Words for one language, whatever the app's language is: safe to use from any thread."""

    language: str
    table: dict[str, object]

    def gettext(self, message: str) -> str:
        return _lookup(self.table, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return _nlookup(self.table, singular, plural, n)

    def money(self, value: float | Decimal, currency: str = "GBP") -> str:
        return format_money(value, currency, self.language)

    def date(self, day: _dt.date) -> str:
        return format_date(day, self.language)


def translator(code: str | None) -> Translator:
    """A ``Translator`` for ``code`` ("en" needs no file). Raises ``ValueError`` for a language
    with no catalogue. Catalogues are read once per language and directory."""
    code = code or "en"
    return _translator(code, str(LOCALE_DIR))


@functools.lru_cache(maxsize=16)
def _translator(code: str, locale_dir: str) -> Translator:
    return Translator(code, _read_catalog(code, Path(locale_dir)))


def is_known_language(code: str) -> bool:
    try:
        translator(code)
    except ValueError:
        return False
    return True


@contextlib.contextmanager
def using(code: str) -> Iterator[Translator]:
    """Within the block, ``_()`` in this thread (or task) speaks ``code``; the app's language and
    other threads are untouched. Raises ``ValueError`` for a language with no catalogue."""
    bound = translator(code)
    token = _bound.set(bound)
    try:
        yield bound
    finally:
        _bound.reset(token)


def current_language() -> str:
    """The language ``_()`` speaks here: the one bound by ``using``, else the app's."""
    bound = _bound.get()
    return bound.language if bound is not None else _language


def _(message: str) -> str:
    """Translate ``message`` into the language in force (see the module docstring)."""
    bound = _bound.get()
    return _lookup(bound.table if bound is not None else _catalog, message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (for data declared at import)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    bound = _bound.get()
    return _nlookup(bound.table if bound is not None else _catalog, singular, plural, n)


# The key under which a catalogue table keeps its language's plural rule (never a message id).
PLURAL_RULE = "\x00plural"


def plural_index(table: dict, n: int, forms: int) -> int:
    """Which of a message's plural forms fits ``n``, by the catalogue's Plural-Forms rule (Polish
    and Romanian have three forms, Arabic six); without a rule, English's two."""
    rule = table.get(PLURAL_RULE)
    index = rule(n) if callable(rule) else int(n != 1)
    return index if 0 <= index < forms else forms - 1


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
    """The app's language (the desktop app's setting)."""
    return _language


def is_rtl(language: str | None = None) -> bool:
    return (language or current_language()).split("_")[0] in RTL_LANGUAGES


def set_language(code: str) -> None:
    """Set the app's language: every later ``_()`` outside a ``using`` block speaks ``code``.
    English (the source language) needs no file. Only the desktop app's settings call this."""
    global _language, _catalog
    code = code or "en"
    _catalog, _language = translator(code).table, code


def _read_catalog(code: str, locale_dir: Path) -> dict[str, object]:
    if code == "en":
        return {}
    po = locale_dir / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file() or "/" in code or code.startswith("."):
        raise ValueError(f"no translation for language {code!r}")
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh, locale=code)
    table: dict[str, object] = {}
    table[PLURAL_RULE] = _plural_rule(catalog.plural_expr)
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            table[tuple(message.id)] = tuple(message.string)
        else:
            table[message.id] = message.string
    return table


def _plural_rule(expr: str):
    import gettext

    try:
        return gettext.c2py(expr)
    except (ValueError, SyntaxError):
        return None


def format_money(value: float | Decimal, currency: str = "GBP", language: str | None = None) -> str:
    """'£27.05' in English; whole pounds without pence ('£3,000')."""
    from decimal import Decimal

    from babel.numbers import format_currency

    lang = language or current_language()
    amount = Decimal(str(value))
    pattern = "¤#,##0" if amount == amount.to_integral_value() else "¤#,##0.00"
    if lang != "en":
        return _money_for(amount, currency, lang)
    return format_currency(amount, currency, format=pattern, locale=_babel_locale(lang), currency_digits=False)


def format_number(value: int, language: str | None = None) -> str:
    """A whole number as people write it: '4,500' in English."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_babel_locale(language or current_language()), numbering_system="latn")


def _money_for(amount: Decimal, currency: str, lang: str) -> str:
    """The language's own currency pattern ('27,05 £' in Polish, '£27.05' in Urdu), with the pound
    sign a family sees on every UK letter (not 'GBP' or 'UK£') and Western digits, as on the
    council's and DWP's papers the family will hold next to ours (CLDR's default for all six)."""
    from babel import Locale
    from babel.numbers import format_currency, get_currency_symbol

    locale = Locale.parse(_babel_locale(lang))
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    if amount == amount.to_integral_value():
        pattern = pattern.replace(".00", "")
    text = format_currency(amount, currency, format=pattern, locale=locale, currency_digits=False,
                           numbering_system="latn")
    if currency == "GBP":
        text = text.replace(get_currency_symbol(currency, locale=locale), "£")
    return text


_ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December")


def format_date(day: _dt.date, language: str | None = None) -> str:
    """A date as people write it: '4 January 2027'. English is written here (exactly what Babel's
    en_GB "d MMMM y" gives, tested), so the command line's English answers never load Babel's
    calendar data; every other language is Babel's."""
    lang = language or current_language()
    if lang == "en":
        return f"{day.day} {_ENGLISH_MONTHS[day.month - 1]} {day.year}"
    from babel.dates import format_date as _format

    return _format(day, format="d MMMM y", locale=_babel_locale(lang))


def _babel_locale(lang: str) -> str:
    return "en_GB" if lang == "en" else lang
