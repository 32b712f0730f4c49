"""The About box's text: the version and the dates our data was last checked."""

from __future__ import annotations

from typing import Any

from kinship_app import __version__
from kinship_app.i18n import _, format_date


def data_checked_dates() -> list[tuple[str, Any]]:
    """(what, latest "checked on" date) for the rate data, the councils and the services directory."""
    from kinship_app.data import councils, rates, services

    out = []
    latest = getattr(rates, "latest_checked_on", None)
    if latest:
        out.append((_("Rates and allowances"), latest()))
    all_councils = councils.all()
    if all_councils:
        out.append((_("Councils ({n})").format(n=len(all_councils)), max(c.checked_on for c in all_councils)))
    found = services.all()
    if found:
        out.append((_("Advice lines and services"), max(s.checked_on for s in found)))
    return out


def about_text(ctx: Any) -> str:
    lines = [_("Version {version}").format(version=__version__), "",
             _("Helps kinship carers in England find out what kind of arrangement they have and what "
               "support they can get. Not legal advice: talk to an adviser before relying on it."), "",
             _("Our information was last checked:")]
    for what, when in data_checked_dates():
        lines.append(f"•  {what}: {format_date(when)}")
    lines += ["", _("Saved households: {where}").format(where=ctx.database_url.split("@")[-1])]
    return "\n".join(lines)
