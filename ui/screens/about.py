"""The About box's text: the version and the dates our data was last checked."""

from __future__ import annotations

from typing import Any

from kinship_app import __version__
from kinship_app.i18n import _, format_date, get_language


def data_checked_dates() -> list[tuple[str, Any]]:
    """(what, latest "checked on" date) for the councils and the services directory."""
    from kinship_app.data import councils, services

    out = []
    all_councils = councils.all()
    if all_councils:
        out.append((_("Councils ({n})").format(n=len(all_councils)), max(c.checked_on for c in all_councils)))
    found = services.all()
    if found:
        out.append((_("Advice lines and services"), max(s.checked_on for s in found)))
    return out


def rates_checked() -> list[Any]:
    from kinship_app.data import rates

    return rates.all_rates()


def translation_note(language: str) -> str:
    """In ``language`` itself: whether a native-speaking adviser has checked this translation, and
    where the English is. Empty for English, the app's own language."""
    if not language or language == "en":
        return ""
    from kinship_app.languages import review

    checked = review(language)
    if checked is None:
        return _("This translation has not yet been checked by an adviser who speaks the language. "
                 "If something is unclear, the English is in Settings, under Language: choose English.")
    return _("This translation was checked by {name} on {date}. The English is in Settings, under Language.").format(
        name=checked.name, date=format_date(checked.date))


def about_text(ctx: Any) -> str:
    lines = [_("Version {version}").format(version=__version__), ""]
    note = translation_note(get_language())
    if note:
        lines += [note, ""]
    lines += [
             _("Helps kinship carers in England find out what kind of arrangement they have and what "
               "support they can get. Not legal advice: talk to an adviser before relying on it."), "",
             _("Our information was last checked:")]
    for what, when in data_checked_dates():
        lines.append(f"•  {what}: {format_date(when)}")
    lines += ["", _("Amounts (checked on; figures confirmed up to):")]
    for rate in rates_checked():
        lines.append("•  " + _("{title}: {checked}; up to {confirmed}").format(
            title=_(rate.title), checked=format_date(rate.checked_on), confirmed=format_date(rate.last_confirmed)))
    lines += ["", _("What changed in December 2026:")]
    lines += [f"•  {_(change)}" for change in _what_changed()]
    lines += ["", _("Saved households: {where}").format(where=_where(ctx.database_url)), "",
              _("Keys: F1 help with words, Ctrl+P print, Ctrl+Q quit, Shift three times hides the screen.")]
    return "\n".join(lines)


def _what_changed() -> tuple[str, ...]:
    from kinship_app.data.law import WHAT_CHANGED_DECEMBER_2026

    return WHAT_CHANGED_DECEMBER_2026


def _where(url: str) -> str:
    # A file path, or a server's address without its user name or password.
    return url.removeprefix("sqlite:///") if url.startswith("sqlite:") else url.split("@")[-1]
