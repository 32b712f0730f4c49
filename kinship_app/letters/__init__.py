"""Letters a family can send today, filled in from the household and the assessment.

The public API (used by the app and by ``kinship_app.letters.cli``):

- ``available_letters(case, assessment) -> list[LetterInfo]``: the letters that fit this household.
- ``required_details(letter_id, case) -> list[Detail]``: every detail the letter uses, and which are
  missing, so the app can ask before making it.
- ``build_letter(letter_id, case, assessment, as_of, language="en") -> LetterContent``: the letter
  as structured content; raises ``MissingDetail`` / ``LetterError`` naming the field.
- ``render_pdf(content, path)`` (atomic) and ``render_pdf_bytes(content)``: the A4 PDF.
- ``set_detail(people, path, value)``: a copy of ``people`` with one detail filled in.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

from kinship_app.case import Case
from kinship_app.i18n import _, current_language, format_date, translator, using
from kinship_app.letters import council, employer, school, summary
from kinship_app.letters.base import Ctx, LetterSpec, all_specs, read_all, recipient_party, sender_party
from kinship_app.letters.content import (
    Block, Bullets, Citation, Detail, Fields, Heading, LetterContent, LetterError, LetterInfo,
    MissingDetail, Note, Para, Party,
)
from kinship_app.letters.people import is_missing, set_detail
from kinship_app.result import Assessment
from kinship_app import wording
from kinship_app.wording import Shown

__all__ = [
    "LETTER_IDS", "available_letters", "letter_title", "required_details", "build_letter", "render_pdf",
    "render_pdf_bytes", "set_detail", "LetterInfo", "Detail", "LetterContent", "LetterError", "MissingDetail", "Party", "Block",
    "Para", "Heading", "Bullets", "Fields", "Note", "Citation",
]

_SPECS: dict[str, LetterSpec] = {
    s.id: s for s in council.LETTERS + school.LETTERS + employer.LETTERS + summary.LETTERS
}
LETTER_IDS = tuple(_SPECS)


def _spec(letter_id: str) -> LetterSpec:
    try:
        return _SPECS[letter_id]
    except KeyError:
        raise LetterError("letter", _("'{id}' is not a letter we know; use one of: {ids}").format(
            id=str(letter_id)[:60], ids=", ".join(LETTER_IDS))) from None


def _shown(assessment: Assessment | Shown, language: str) -> Shown:
    """The assessment in words, in ``language`` (letters read words, never rules)."""
    if isinstance(assessment, Shown):
        return assessment if assessment.language == language else wording.render(assessment.meaning, language)
    # (not ``render``: that name is this package's PDF module once it is imported)
    return wording.render(assessment, language)


def available_letters(case: Case, assessment: Assessment | Shown) -> list[LetterInfo]:
    """The letters that fit this household, in the order a family would usually need them (in the
    language in force: see ``kinship_app.i18n``)."""
    out = []
    assessment = _shown(assessment, current_language())
    for spec in _SPECS.values():
        why = spec.fits(case, assessment)
        if why is not None:
            out.append(LetterInfo(id=spec.id, title=_(spec.title), why=why, recipient=spec.recipient,
                                  advice=tuple(_(a) for a in spec.advice)))
    return out


def letter_title(letter_id: str) -> str:
    return _(_spec(letter_id).title)


def required_details(letter_id: str, case: Case) -> list[Detail]:
    """Every detail the letter uses (required or optional), in the order to ask for them."""
    spec = _spec(letter_id)
    return [Detail(path=s.path, label=_(s.label), kind=s.kind, required=s.required,
                   missing=is_missing(case.people, s), hint=_(s.hint) if s.hint else "")
            for s in all_specs(spec, case)]


@contextmanager
def _language(code: str):
    """Within the block, this thread's ``_()`` speaks ``code``; the app's language is untouched, so
    a letter can be made off the UI thread."""
    try:
        translator(code)
    except ValueError:
        raise LetterError("language", _("there is no translation for '{code}'").format(code=code[:20])) from None
    with using(code):
        yield


def build_letter(letter_id: str, case: Case, assessment: Assessment, as_of: dt.date,
                 language: str = "en", estimate: dict | None = None) -> LetterContent:
    """The letter as content. Raises ``LetterError`` (``MissingDetail`` for a detail not given).

    ``language`` is the family's. The support summary is written wholly in it; a letter to a
    council, a school or an employer stays in English and gets a first page in the family's
    language (``family_page``) saying what it asks for, where to send it and what happens next."""
    spec = _spec(letter_id)
    if spec.recipient == "family" or language == "en":
        return _build(spec, case, assessment, as_of, language, estimate)
    with _language(language):  # an unknown language is refused before any work is done
        pass
    content = _build(spec, case, assessment, as_of, "en", estimate)
    with _language(language):
        from kinship_app.letters import family_page

        page = family_page.build(content, language, english_title=content.title)
    from dataclasses import replace

    return replace(content, family_page=page)


def _build(spec: LetterSpec, case: Case, assessment: Assessment, as_of: dt.date, language: str,
           estimate: dict | None = None) -> LetterContent:
    with _language(language):
        assessment = _shown(assessment, language)
        why = spec.fits(case, assessment)
        if why is None:
            raise LetterError("letter", _("'{title}' does not fit this household, from what the check found")
                              .format(title=_(spec.title)))
        specs = all_specs(spec, case)
        values = read_all(specs, case.people)
        ctx = Ctx(case=case, assessment=assessment, as_of=as_of, language=language, values=values,
                  estimate=estimate)
        body = spec.body(ctx)
        sender = recipient = your_ref = None
        salutation = closing = signature = None
        if spec.recipient != "family":
            sender = sender_party(ctx)
            recipient, your_ref = recipient_party(ctx, spec.recipient)
            if recipient.contact:
                salutation, closing = _("Dear {name},").format(name=recipient.contact), _("Yours sincerely,")
            else:
                salutation, closing = _("Dear Sir or Madam,"), _("Yours faithfully,")
            signature = ctx.v("carer.name")
        return LetterContent(
            letter_id=spec.id, title=_(spec.title), language=language, date=as_of,
            date_text=format_date(as_of, language), subject=body.subject, blocks=tuple(body.blocks),
            citations=tuple(body.citations), our_reference=f"{spec.short}-{as_of:%Y%m%d}",
            sender=sender, recipient=recipient, your_reference=your_ref, salutation=salutation,
            closing=closing, signature_name=signature, enclosures=tuple(body.enclosures),
            details_used={s.path: _printed(values[s.path], language) for s in specs
                          if values[s.path] is not None and s.kind not in ("yes_no", "pronouns") and values[s.path] != "none"},
        )


def _printed(value, language: str) -> tuple[str, ...]:
    """The strings a detail prints as (a date as '4 January 2027', an address line by line)."""
    if isinstance(value, dt.date):
        return (format_date(value, language),)
    if isinstance(value, tuple):
        return tuple(s for item in value for s in _printed(item, language))
    return (str(value),)


def render_pdf(content: LetterContent, path) -> None:
    from kinship_app.letters.render import render_pdf as _render

    _render(content, path)


def render_pdf_bytes(content: LetterContent) -> bytes:
    from kinship_app.letters.render import render_pdf_bytes as _render

    return _render(content)
