"""What a letter says, as plain data: built by the letter definitions, laid out by ``render``.

Every string here is plain text exactly as it should print — never markup. The renderer is the only
place that turns it into ReportLab markup, escaping it on the way (ARCHITECTURE.md, lesson 11).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Union


class LetterError(ValueError):
    """A letter cannot be made: ``field`` is the dotted name (``people.child.name``, ``letter``)."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class MissingDetail(LetterError):
    """A detail the letter needs was not given; the app asks for it, the CLI exits 2."""


@dataclass(frozen=True)
class LetterInfo:
    id: str
    title: str
    why: str  # from the assessment: why this letter fits the household
    recipient: str  # council | virtual_school | school | employer | family
    advice: tuple[str, ...] = ()  # shown to the person making the letter, not printed in it


@dataclass(frozen=True)
class Detail:
    """One detail a letter uses. ``path`` is dotted, inside the case's ``people`` object."""

    path: str
    label: str
    kind: str  # text | long_text | date | address | people | addresses | date_or_none | yes_no | pronouns
    required: bool
    missing: bool
    hint: str = ""


@dataclass(frozen=True)
class Party:
    name: str
    lines: tuple[str, ...] = ()  # address lines, then phone and email where given
    contact: str | None = None  # a named person, which changes the greeting


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Fields:
    """Label and value pairs (the private fostering notice's Schedule 1 details)."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Note:
    """Small print under an item: a source, a 'checked on' date."""

    text: str


Block = Union[Para, Heading, Bullets, Fields, Note]


@dataclass(frozen=True)
class Citation:
    law: str  # the law or guidance, named in full
    says: str  # what it says, in plain words


@dataclass(frozen=True)
class FamilyPage:
    """A page in front of an English letter, in the family's language (``letters.family_page``)."""

    language: str
    title: str
    blocks: tuple[Block, ...]

    def plain_text(self) -> str:
        out = [self.title]
        for block in self.blocks:
            if isinstance(block, Bullets):
                out += [f"• {item}" for item in block.items]
            else:
                out.append(block.text)
        return "\n".join(out)


@dataclass(frozen=True)
class LetterContent:
    letter_id: str
    title: str
    language: str
    date: dt.date
    date_text: str
    subject: str
    blocks: tuple[Block, ...]
    citations: tuple[Citation, ...]
    our_reference: str
    sender: Party | None = None
    recipient: Party | None = None
    your_reference: str | None = None
    salutation: str | None = None
    closing: str | None = None
    signature_name: str | None = None
    enclosures: tuple[str, ...] = ()
    # The details given by the person: path -> the strings they print as (tests check each prints).
    details_used: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # In the family's language, printed first, when the letter itself stays in English.
    family_page: FamilyPage | None = None

    def plain_text(self) -> str:
        """The whole letter as text, in reading order (for the household's history and search)."""
        out: list[str] = []
        if self.sender:
            out += [self.sender.name, *self.sender.lines]
        out.append(self.date_text)
        if self.recipient:
            out += [self.recipient.name, *self.recipient.lines]
        out += [line for line in self.reference_lines()]
        if self.salutation:
            out.append(self.salutation)
        out.append(self.subject)
        for block in self.blocks:
            if isinstance(block, (Para, Heading, Note)):
                out.append(block.text)
            elif isinstance(block, Bullets):
                out += [f"• {item}" for item in block.items]
            elif isinstance(block, Fields):
                out += [f"{label}: {value}" for label, value in block.rows]
        if self.closing:
            out.append(self.closing)
        if self.signature_name:
            out.append(self.signature_name)
        out += list(self.enclosures)
        out += [f"{c.law}: {c.says}" for c in self.citations]
        return "\n".join(out)

    def reference_lines(self) -> list[str]:
        from kinship_app.i18n import _

        lines = []
        if self.your_reference:
            lines.append(_("Your reference: {ref}").format(ref=self.your_reference))
        lines.append(_("Our reference: {ref}").format(ref=self.our_reference))
        return lines

    def to_json(self) -> dict[str, Any]:
        """A record of what was sent, for the household's history."""
        return {
            "letter_id": self.letter_id, "title": self.title, "language": self.language,
            "date": self.date.isoformat(), "subject": self.subject,
            "our_reference": self.our_reference,
            "recipient": self.recipient.name if self.recipient else None,
            "enclosures": list(self.enclosures),
            "citations": [c.law for c in self.citations],
            "text": self.plain_text(),
            **({"family_page": {"language": self.family_page.language, "text": self.family_page.plain_text()}}
               if self.family_page else {}),
        }
