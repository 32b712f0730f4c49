"""The parts every letter shares: its definition, the sender and recipient, and shared wording."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable

from kinship_app.case import Case
from kinship_app.i18n import N_, _, format_date, format_money
from kinship_app.letters.content import Block, Citation, Party
from kinship_app.letters.people import Spec, read
from kinship_app.result import PERIODS, Amount, Assessment, unconfirmed_warning


@dataclass(frozen=True)
class Body:
    subject: str
    blocks: list[Block]
    citations: list[Citation]
    enclosures: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LetterSpec:
    id: str
    title: str  # N_()
    short: str  # start of "our reference"
    recipient: str  # the people slot it goes to: council | virtual_school | school | employer | family
    fits: Callable[[Case, Assessment], str | None]  # why it fits (from the assessment), or None
    details: Callable[[Case], list[Spec]]  # what it needs beyond sender and recipient
    body: Callable[["Ctx"], Body]
    advice: tuple[str, ...] = ()  # N_() strings for the person making the letter
    # "relationship": the letter says "I am [child]'s …" (asks the exact word and what to call the child);
    # "name": it names the child more than once (asks what to call them); "": neither.
    child_words: str = ""


@dataclass
class Ctx:
    case: Case
    assessment: Assessment
    as_of: dt.date
    language: str
    values: dict[str, Any]
    # The child's saved allowance estimate (Store.estimates: the EstimateRecord's result and date), for
    # "How I worked this out" in the allowance letter; None when there is none.
    estimate: dict[str, Any] | None = None

    def v(self, path: str) -> Any:
        return self.values.get(path)

    def date(self, day: dt.date) -> str:
        return format_date(day, self.language)

    @property
    def child(self) -> str:
        """How the letter names the child after naming them in full once: the name the family chose
        (``child.known_as``), else the first name."""
        return short_name(self.v("child.name"), self.v("child.known_as"))

    @property
    def child_full(self) -> str:
        return self.v("child.name")

    # After the child has been named in a paragraph, letters refer to them the way the family chose
    # (``child.pronouns``): she/her, he/him, they/them, or by name only (the default, as before).
    # These are for the middle of a sentence; a paragraph starts with the child's name.

    @property
    def they(self) -> str:
        """The child as the subject of a verb that does not change with the pronoun ('can', 'were')."""
        return _pronoun(self.v("child.pronouns"), 0) or self.child

    @property
    def them(self) -> str:
        """The child as an object: 'caring for her'."""
        return _pronoun(self.v("child.pronouns"), 1) or self.child

    @property
    def their(self) -> str:
        """The child's: 'her age', 'their education', or 'Ellis's age' by name."""
        return _pronoun(self.v("child.pronouns"), 2) or f"{self.child}'s"

    def child_born(self) -> str:
        """'Ellis Ward, born on 27 March 2017' — how a council finds a child's file."""
        return _("{name}, born on {dob}").format(name=self.child_full, dob=self.date(self.v("child.date_of_birth")))

    def order_words(self) -> str:
        return order_words(self.case.arrangement.order)

    def money(self, amount: Amount) -> str:
        return amount_text(amount, self.language)


# English only: letters to a council, a school or an employer are written in English (build_letter).
PRONOUN_FORMS = {"she": ("she", "her", "her"), "he": ("he", "him", "his"), "they": ("they", "them", "their")}


def _pronoun(choice: str | None, form: int) -> str | None:
    """Subject (0), object (1) or possessive (2) form of the family's choice; None for 'name'."""
    forms = PRONOUN_FORMS.get(choice or "name")
    return forms[form] if forms else None


def short_name(full: str | None, known_as: str | None) -> str | None:
    """The name used after the first, full mention: the family's choice, else the first word."""
    if known_as:
        return known_as
    if not full:
        return full
    return full.split()[0]


def first_why(assessment: Assessment, *codes: str) -> str | None:
    """Why the first of these entitlements appeared, in the assessment's own words."""
    for code in codes:
        found = assessment.entitlement(code)
        if found:
            return found.why
    return None


def order_words(order: str | None) -> str:
    words = {
        "special_guardianship_order": N_("special guardianship order"),
        "cao_lives_with": N_("child arrangements order saying the child lives with me"),
        "adoption_order": N_("adoption order"),
    }
    return _(words.get(order or "", N_("court order")))


def amount_text(amount: Amount, language: str = "en") -> str:
    """'£27.05 a week (figure for 6 April 2026 to 5 April 2027)', flagged when not confirmed."""
    money = format_money(amount.value, amount.currency, language)
    period = _(PERIODS.get(amount.period, amount.period))
    if amount.valid_to:
        span = _("figure for {start} to {end}").format(
            start=format_date(amount.valid_from, language), end=format_date(amount.valid_to, language))
    else:
        span = _("figure from {start}").format(start=format_date(amount.valid_from, language))
    text = _("{money} {period} ({span})").format(money=money, period=period, span=span)
    if not amount.confirmed:
        text += " — " + unconfirmed_warning()
    return text


# Who the carer is to the child, as a noun after "I am {child}'s …".
RELATION_NOUNS = {
    "grandparent": N_("grandparent"), "sibling": N_("brother or sister"), "aunt_uncle": N_("aunt or uncle"),
    "great_aunt_uncle": N_("great-aunt or great-uncle"), "cousin": N_("cousin"),
    "other_relative": N_("relative"), "step_parent": N_("step-parent"),
    "former_step_parent": N_("former step-parent"), "former_partner_of_parent": N_("former step-parent"),
    "friend_of_child": N_("friend"), "friend_of_family": N_("family friend"),
    "family_of_half_sibling": N_("relative through a half-brother or half-sister"),
    "prior_connection": N_("carer, and I knew them before"), "no_prior_connection": N_("carer"),
}


# Codes whose noun is two words joined by "or": the letter asks the exact word once instead.
AMBIGUOUS_RELATIONSHIPS = ("sibling", "aunt_uncle", "great_aunt_uncle")


def who_i_am(ctx: Ctx) -> str:
    """Names the child in full, once, with the carer's exact relationship if the family gave it."""
    given = ctx.v("carer.relationship_to_child")
    noun = given or (_(RELATION_NOUNS[ctx.case.carer.relationship]) if ctx.case.carer.relationship
                     in RELATION_NOUNS else None)
    if noun is None:
        return _("{child} lives with me.").format(child=ctx.child_born())
    return _("I am {full}'s {noun}. {name} was born on {dob} and lives with me.").format(
        full=ctx.child_full, name=ctx.child, noun=noun, dob=ctx.date(ctx.v("child.date_of_birth")))


def relationship_specs(case: Case) -> list[Spec]:
    """Asked once and kept with the household: the carer's exact relationship, what to call the child
    after the first full mention, and whether letters then say she/her, he/him, they/them or the name."""
    return [
        Spec("carer.relationship_to_child", N_("What you are to the child, in a word or two"), "text",
             required=case.carer.relationship in AMBIGUOUS_RELATIONSHIPS,
             hint=N_("For example: grandmother, uncle, older sister. Letters say 'I am [child]'s …' with it.")),
        Spec("child.known_as", N_("What to call the child after their full name"), "text", required=False,
             hint=N_("Letters name the child in full once, then by their first name. Write another name here "
                     "if the family prefers, for example the name they are known by.")),
        Spec("child.pronouns", N_("How letters refer to the child after naming them"), "pronouns", required=False,
             hint=N_("Letters name the child in full once. After that they can say 'she' and 'her', 'he' and "
                     "'him', or 'they' and 'them', or keep to the child's name. If you do not choose, they keep "
                     "to the name.")),
    ]


# ---- sender and recipient -------------------------------------------------------------------

SENDER = [
    Spec("carer.name", N_("Your full name"), "text"),
    Spec("carer.address", N_("Your address"), "address"),
    Spec("carer.phone", N_("Your phone number"), "text", required=False),
    Spec("carer.email", N_("Your email address"), "text", required=False),
]
CHILD = [
    Spec("child.name", N_("The child's full name"), "text"),
    Spec("child.date_of_birth", N_("The child's date of birth"), "date"),
]
ORDER_DATE = Spec("order_date", N_("The date the court made the order"), "date")

RECIPIENT_LABELS = {
    "council": (N_("The name of the council department the letter goes to"),
                N_("The council's postal address for children's services")),
    "virtual_school": (N_("Who the letter goes to at the Virtual School"),
                       N_("The Virtual School's postal address")),
    "school": (N_("The name of the school"), N_("The school's address")),
    "employer": (N_("Your employer's name"), N_("Your employer's address")),
}


def council_name(case: Case) -> str | None:
    """The council's name from the reference data, if it has loaded and knows the code."""
    if not case.household.council:
        return None
    try:
        from kinship_app.data import councils
    except ImportError:
        return None
    council = councils.get(case.household.council)
    return council.name if council else None


def recipient_key(people: dict[str, Any], slot: str) -> str:
    """The letter's own slot (``school``) if given, else the contract's general ``recipient``."""
    if isinstance(people.get(slot), dict) or not isinstance(people.get("recipient"), dict):
        return slot
    return "recipient"


def recipient_specs(case: Case, slot: str) -> list[Spec]:
    if slot == "family":
        return []
    key = recipient_key(case.people, slot)
    name_label, address_label = RECIPIENT_LABELS[slot]
    has_default = slot in ("council", "virtual_school") and council_name(case) is not None
    return [
        Spec(f"{key}.name", name_label, "text", required=not has_default),
        Spec(f"{key}.contact", N_("A person to address it to, if you know one (for example Ms J Patel)"),
             "text", required=False),
        # A postal address we do not hold is asked for, never invented. A carer seldom knows the
        # council's: without it the letter prints a clearly marked space to write it in.
        Spec(f"{key}.address", address_label, "address", required=not has_default,
             hint=N_("If you do not know it, leave it empty: the letter will have a marked space to write it "
                     "in.") if has_default else ""),
        Spec(f"{key}.reference", N_("Their reference number for you, if they gave one"), "text", required=False),
    ]


def recipient_party(ctx: Ctx, slot: str) -> tuple[Party, str | None]:
    key = recipient_key(ctx.case.people, slot)
    name = ctx.v(f"{key}.name")
    council = council_name(ctx.case)
    lines: list[str] = []
    if slot == "council":
        if name is None:
            name, lines = _("Children's Services"), [council]
    elif slot == "virtual_school":
        if name is None:
            name, lines = _("The Virtual School Head"), [council]
    contact = ctx.v(f"{key}.contact")
    if contact:
        lines.insert(0, name)
        name = contact
    address = ctx.v(f"{key}.address")
    if address is None:
        if council and council not in lines and council != name:
            lines.append(council)
        address = address_space()
    return Party(name=name, lines=tuple(lines) + tuple(address), contact=contact), ctx.v(f"{key}.reference")


ADDRESS_SPACE_LINE = "_" * 34


def address_space() -> tuple[str, ...]:
    """A clearly marked space for a postal address the carer does not know yet."""
    return (_("Postal address (write it in before sending):"), ADDRESS_SPACE_LINE, ADDRESS_SPACE_LINE)


def sender_party(ctx: Ctx) -> Party:
    lines = list(ctx.v("carer.address"))
    if ctx.v("carer.phone"):
        lines.append(_("Phone: {phone}").format(phone=ctx.v("carer.phone")))
    if ctx.v("carer.email"):
        lines.append(_("Email: {email}").format(email=ctx.v("carer.email")))
    return Party(name=ctx.v("carer.name"), lines=tuple(lines))


def all_specs(spec: LetterSpec, case: Case) -> list[Spec]:
    own = spec.details(case)
    sender = [] if spec.recipient == "family" else SENDER
    seen: set[str] = set()
    out = []
    if spec.child_words and any(s.path == "child.name" for s in own):
        at = next(i for i, s in enumerate(own) if s.path == "child.name") + 1
        extra = relationship_specs(case)
        if spec.child_words != "relationship":
            extra = [s for s in extra if s.path != "carer.relationship_to_child"]
        own = own[:at] + extra + own[at:]
    for s in sender + recipient_specs(case, spec.recipient) + own:
        if s.path not in seen:
            seen.add(s.path)
            out.append(s)
    return out


def read_all(specs: list[Spec], people: dict[str, Any]) -> dict[str, Any]:
    return {s.path: read(people, s) for s in specs}


