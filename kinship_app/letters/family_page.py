"""The family's page: in their language, in front of a letter that stays in English.

A letter to a council, a school or an employer is written in English, because that is what the
people who receive it work in. When the family reads another language, the PDF starts with a page
for them, in that language: what the letter asks for, where to send it, and what should happen
next. It is built inside the family's language (``_()`` speaks it), so every sentence comes from
the catalogue; names, addresses and the letter's English title are printed as they are, so the
family can match them to the letter.
"""

from __future__ import annotations

from kinship_app.i18n import N_, _
from kinship_app.letters.content import Block, Bullets, FamilyPage, Heading, LetterContent, Para

# What each letter asks for, and what should happen next: said plainly, with the legal term in
# English in brackets the first time (locale/GLOSSARY.md). No deadline or number is promised here
# that the letter itself does not state.
ASKS = {
    "sg_support_assessment": (
        N_("It asks the council to assess what support your family needs as special guardians "
           "(special guardianship support assessment), and to say what support it will give."),
        N_("The council should reply and arrange the assessment. If you hear nothing, phone the council, "
           "say the date you sent the letter and ask who is dealing with it."),
    ),
    "allowance_request": (
        N_("It asks the council to pay you an allowance for looking after the child, or to look again "
           "at the allowance you get now."),
        N_("The council should reply in writing with its decision and how it worked out the amount. "
           "If you disagree, you can ask it to look at the decision again; an advice line can help you."),
    ),
    "child_in_need_assessment": (
        N_("It asks the council to assess the child's needs (child in need assessment, section 17) and "
           "to say what help it will give."),
        N_("A social worker should contact you to arrange the assessment. If you hear nothing, phone the "
           "council, say the date you sent the letter and ask who is dealing with it."),
    ),
    "private_fostering_notice": (
        N_("It tells the council that you are looking after someone else's child by a private "
           "arrangement (private fostering), as the law says you must."),
        N_("The council should contact you and visit you and the child at home. This is to check that "
           "the child is safe and well; it does not mean you have done something wrong."),
    ),
    "school_previously_looked_after": (
        N_("It tells the school that the child was in the council's care before your court order, so "
           "the school can give the extra help such children can have."),
        N_("The school should record this. It may ask to see a copy of your court order. You can ask the "
           "school's designated teacher what support the child will get."),
    ),
    "virtual_school_advice": (
        N_("It asks the head of the council's Virtual School for advice about the child's education."),
        N_("The Virtual School should reply with advice, or contact the child's school. Keep a copy of "
           "any advice they give you."),
    ),
    "flexible_working_request": (
        N_("It asks your employer to change your working hours or pattern (flexible working) so you can "
           "care for the child."),
        N_("Your employer must deal with the request and tell you their decision. If you are not sure "
           "about their answer, an advice line can help you."),
    ),
    "parental_leave_request": (
        N_("It asks your employer for unpaid time off to care for the child (unpaid parental leave)."),
        N_("Your employer should reply and confirm the dates. If you are not sure about their answer, "
           "an advice line can help you."),
    ),
}


def build(letter: LetterContent, language: str, english_title: str) -> FamilyPage:
    """The family's page for ``letter``; call inside the family's language."""
    asks, then = ASKS.get(letter.letter_id, (None, None))
    blocks: list[Block] = [
        Para(_("This page is for you, in your language. The letter after it is in English, because the "
               "people who receive it work in English. Send only the letter, and keep this page.")),
        Heading(_("What the letter asks for")),
        Para(_("The letter: {title}").format(title=english_title)),
    ]
    if asks:
        blocks.append(Para(_(asks)))
    blocks.append(Heading(_("Where to send it")))
    if letter.recipient:
        blocks.append(Bullets((letter.recipient.name, *letter.recipient.lines)))
    blocks.append(Para(_("Read the letter, sign it where your name is, and post it or take it there. "
                         "Keep a copy and write down the date you sent it.")))
    blocks.append(Heading(_("What should happen next")))
    if then:
        blocks.append(Para(_(then)))
    help_line = _advice_line()
    if help_line:
        blocks.append(Heading(_("If you need help")))
        blocks.append(Para(help_line))
    return FamilyPage(language=language, title=_("About this letter"), blocks=tuple(blocks))


def _advice_line() -> str:
    """The first advice line with a phone number, as the app's footer shows it."""
    from kinship_app.data import services

    for service in services.all():
        if service.kind == "advice_line" and getattr(service, "phone", ""):
            return _("Free, independent advice: {name}, {phone}").format(name=_(service.name), phone=service.phone)
    return ""
