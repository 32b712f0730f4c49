"""Plain-words meanings of the legal terms the check uses (reachable with F1 in the app).

Each entry cites where the meaning comes from, so an adviser can check it. Texts are ``N_()`` data,
translated when shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from kinship_app.i18n import N_


@dataclass(frozen=True)
class Term:
    code: str
    term: str
    meaning: str
    source: str


TERMS: tuple[Term, ...] = (
    Term("kinship_care", N_("Kinship care"),
         N_("A child being raised by a friend or family member who is not their parent, for a significant "
            "amount of the time. It may be for a short time or for good."),
         "Stable Homes, Built on Love (DfE, 2023), chapter 4, working definition"),
    Term("relative", N_("Relative"),
         N_("In private fostering law, a relative is a grandparent, brother, sister, uncle, aunt (by blood, half blood, marriage or civil partnership) "
            "or a step-parent. Cousins, great-aunts and great-uncles are close family but not 'relatives' here."),
         "Children Act 1989, section 105(1)"),
    Term("private_fostering", N_("Private fostering"),
         N_("When someone who is not a parent or relative looks after a child under 16 (under 18 if disabled) "
            "for 28 days or more, without the council arranging it. The council must be told: at least 6 weeks "
            "before it starts, or at once if it has already started."),
         "Children Act 1989, section 66; Children (Private Arrangements for Fostering) Regulations 2005"),
    Term("parental_responsibility", N_("Parental responsibility"),
         N_("The rights and duties a parent has, such as choosing a school and agreeing to medical treatment. "
            "A special guardianship order or a child arrangements order that says the child lives with you gives "
            "you parental responsibility."),
         "Children Act 1989, sections 3, 12 and 14C"),
    Term("special_guardianship_order", N_("Special guardianship order"),
         N_("A family court order that makes someone the child's special guardian until the child is 18. The "
            "special guardian has parental responsibility and makes everyday decisions. A parent cannot be a "
            "special guardian."),
         "Children Act 1989, sections 14A to 14G"),
    Term("child_arrangements_order", N_("Child arrangements order"),
         N_("A family court order that says who a child lives with, or spends time with. One that says the "
            "child lives with you gives you parental responsibility while it lasts. Before April 2014 this was "
            "called a residence order."),
         "Children Act 1989, section 8"),
    Term("adoption_order", N_("Adoption order"),
         N_("A court order that makes the adopter the child's legal parent for good, and ends the birth "
            "parents' parental responsibility."),
         "Adoption and Children Act 2002, sections 46 and 67"),
    Term("looked_after", N_("Looked after (in the council's care)"),
         N_("A child is looked after when the council has them under a care order, an interim care order or an "
            "emergency protection order, or provides them with accommodation with the parents' agreement "
            "(section 20)."),
         "Children Act 1989, section 22"),
    Term("section_20", N_("Section 20"),
         N_("An agreement where the council houses a child, usually with the parents' consent. The child is "
            "looked after, but the council does not share parental responsibility."),
         "Children Act 1989, section 20"),
    Term("care_order", N_("Care order"),
         N_("A court order that places a child in the council's care and gives the council parental "
            "responsibility. An interim care order does the same while the case is decided."),
         "Children Act 1989, sections 31 and 38"),
    Term("foster_carer_approval", N_("Approved foster carer"),
         N_("When a looked-after child lives with family or friends, the council must assess and approve them "
            "as foster carers. It can approve them temporarily, for a limited time, while it assesses them."),
         "Care Planning, Placement and Case Review (England) Regulations 2010, regulation 24"),
    Term("childrens_services", N_("Children's services"),
         N_("The part of your council that works with children and families, including social workers."),
         "Children Act 2004, section 18"),
    Term("disabled_child", N_("Disabled child"),
         N_("A child with a long-term physical or mental condition, illness or injury that has a big effect "
            "on their daily life. For private fostering it changes the age limit from 16 to 18."),
         "Children Act 1989, sections 17(11) and 66(4)"),
    Term("guardians_allowance", N_("Guardian's Allowance"),
         N_("A tax-free payment on top of Child Benefit for someone raising a child whose parents have died "
            "(or in some cases one has died). You do not need to be the child's legal guardian."),
         "Social Security Contributions and Benefits Act 1992, section 77"),
    Term("local_offer", N_("Kinship local offer"),
         N_("What your council publishes about the support it gives kinship families, including money, "
            "and how to ask for it. The government's guidance to councils asks every council in England to publish one."),
         "Kinship care: statutory guidance for local authorities (DfE, October 2024)"),
)

BY_CODE = {t.code: t for t in TERMS}
