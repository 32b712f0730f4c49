"""Advice lines shown on every page (Family Rights Group's lesson: a human to call on every screen).

The numbers come from the services directory (kinship_app.data.services), which holds only
contacts confirmed from a source; a service without a confirmed phone number is shown by its website.
"""

from __future__ import annotations

from typing import Any

from kinship_app.i18n import _


def advice_lines() -> list[Any]:
    from kinship_app.data import services

    return [s for s in services.all() if s.kind == "advice_line"]


def describe(service: Any) -> str:
    """'Family Rights Group advice line: 0808 801 0366, Monday to Friday, 9.30am to 3pm'."""
    parts = [_(service.name)]
    contact = []
    if getattr(service, "phone", ""):
        contact.append(service.phone)
    if getattr(service, "hours", ""):
        contact.append(_(service.hours))
    if not contact and getattr(service, "website", ""):
        contact.append(service.website)
    return parts[0] + (": " + ", ".join(contact) if contact else "")


def footer_line() -> str:
    """The first advice line with a phone number, short enough for one line at large text sizes
    (its hours are on the start page and the result)."""
    for service in advice_lines():
        if getattr(service, "phone", ""):
            return _("Free, independent advice: {name}, {phone}").format(name=_(service.name), phone=service.phone)
    return ""
