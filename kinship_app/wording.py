"""The wording layer: an assessment's meaning rendered into words, in the language asked for.

Rules (``kinship_app.definition``, ``kinship_app.entitlements``) return codes, the facts behind them
and the values they used; nothing there is worded. Here every code has its words (marked ``N_`` for
the translation template), and ``render(assessment, language)`` makes a ``Shown`` assessment whose
attributes read like the old sentence-holding one (``reasons[i].text``, ``entitlements[i].title``,
``.why``, ``.next_step``, ``actions[i].text``), all in ``language``, using a translator bound to that
language: nothing here reads or changes the app's language, so it is safe on any thread.

An answer saved by an earlier version kept English sentences, not codes: those sentences (``said``)
are shown as they were then, and the codes it did keep (category, flags, entitlement titles,
amounts) are worded in the language asked for.

This module imports no other part of the app's core except ``i18n``, ``facts`` and the council list,
so that ``result`` and the data modules can import it without a circle.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass, field

from kinship_app.facts import FACTS, RELATIONSHIPS
from kinship_app import i18n
from kinship_app.i18n import N_, Translator, current_language, format_number, translator

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which a command does without
if TYPE_CHECKING:
    from typing import Any

CATEGORIES = {
    "private_family_arrangement": N_("Private family arrangement"),
    "private_fostering": N_("Private fostering"),
    "child_arrangements_order": N_("'Lives with' child arrangements order"),
    "special_guardianship": N_("Special guardianship"),
    "kinship_foster_care": N_("Kinship foster care"),
    "kinship_adoption": N_("Kinship adoption"),
    "informal_other": N_("Informal kinship care"),
    "not_kinship": N_("Not kinship care"),
    "undetermined": N_("We can't tell yet"),
}

FLAGS = {
    "private_fostering_notification": N_("You must tell the council about this private fostering arrangement"),
    "approval_needed": N_("The carer needs to be approved as a foster carer for this child"),
    "check_looked_after_status": N_("Ask children's services whether the child is, or should be, looked after"),
    "order_support_without_kinship": N_("Support that comes with the court order still applies"),
    "young_person_over_18": N_("The young person is 18 or over"),
}

# The one warning every figure past its confirmed period carries: on screen, in print and in letters.
UNCONFIRMED = N_("Not confirmed for this year — check before relying on it")

PERIODS = {"week": N_("a week"), "month": N_("a month"), "year": N_("a year"), "once": N_("once")}

# -- reasons (kinship_app.definition) ------------------------------------------------------------

REASONS = {
    "undetermined": N_("We can't tell which kind of arrangement this is yet. We would need to know: {facts}."),
    "adult": N_("The young person is {age}. Kinship care is about children under {adult_age}, so this is no "
                "longer kinship care, though some help can carry on after {adult_age}."),
    "carer_is_parent": N_("You told us you are the child's parent. Kinship care means a child is raised by a "
                          "friend or family member who is not their parent."),
    "carer_is_step_parent": N_("You told us you are a step-parent still married to, or in a civil partnership "
                               "with, the child's parent. For kinship care that counts as being a parent, so "
                               "this is not kinship care."),
    "not_connected": N_("You told us you did not know the child or the family before. Kinship care means the "
                        "carer is a friend or family member, so this is not kinship care."),
    "friend_or_family": N_("You are {relationship}: a friend or family member, and not the child's parent."),
    "part_time": N_("The child lives with you only part of the time. Kinship care means the child is raised by "
                    "you for a significant amount of the time."),
    "lives_with_carer": N_("The child lives with you most of the time."),
    "private_fostering": N_("In law this is private fostering: the child is {limit}, you are not a close "
                            "relative as the Children Act defines it (grandparent, brother, sister, aunt, uncle "
                            "or step-parent), and the arrangement lasts, or is meant to last, {days} days or "
                            "more."),
    "kinship_adoption": N_("A court has made an adoption order, and you were a friend or family member before "
                           "it was made. That is kinship adoption."),
    "special_guardianship": N_("A court has made a special guardianship order naming you as the child's "
                               "special guardian."),
    "child_arrangements_order": N_("A court has made a child arrangements order saying the child lives with you."),
    "spend_time_order": N_("The court order you have is about spending time with the child, not about where "
                           "the child lives, so it does not decide the type of arrangement."),
    "looked_after": N_("The child is looked after by the council."),
    "kinship_foster_care": N_("You have been approved as a foster carer for the child ({approval}). That is "
                              "kinship foster care, also called family and friends foster care."),
    "approval_needed": N_("You are not approved as a foster carer for the child. A looked-after child living "
                          "with family or friends should be placed with an approved carer, at least "
                          "temporarily: ask the child's social worker about approval and fostering allowance."),
    "council_arranged": N_("Children's services arranged for the child to live with you. Ask them whether the "
                           "child is 'looked after' by the council, or should be. It changes the help you can "
                           "get."),
    "close_family_not_relative": N_("You are close family, but cousins, great-aunts and great-uncles are not "
                                    "'relatives' in the Children Act, so the private fostering rules apply to "
                                    "you."),
    "private_family_arrangement": N_("You are close family and you arranged this within the family, without "
                                     "children's services setting it up and without a family court deciding "
                                     "it. That is a private family arrangement."),
    "court_no_order": N_("A family court has looked at the child's arrangements but made no order for you, so "
                         "this is informal kinship care rather than a private family arrangement."),
    "informal_other": N_("You are a friend or family member caring for the child informally, and it is not "
                         "private fostering, so this is informal kinship care."),
    "order_support": N_("Even so, the help that comes with your court order still applies to you."),
    "private_fostering_not_kinship": N_("It is still private fostering in law, so you must tell the council."),
    "guardians_allowance_not_listed": N_("Guardian's Allowance is not listed: with one parent who has died, it is "
                                         "paid only if the other parent cannot be found, is in prison for 2 years "
                                         "or more, or is held in hospital by a court. If that is so, change your "
                                         "answer about the child's parents."),
}

# Values a reason or phrase mentions by code, in words.
APPROVAL = {"temporary": N_("temporarily"), "full": N_("after a full assessment")}
PF_LIMIT = {"age": N_("under {age_limit}"), "disabled": N_("under {disabled_age_limit} and disabled")}
SG_WHERE = {
    "looked_after_before": N_("Send it to the council that looked after the child if the order is less than 3 "
                              "years old; after that, to the council where you live."),
    "not_looked_after_before": N_("Send it to children's services at the council where you live."),
    "unknown": N_("If the child was looked after just before the order, and the order is less than 3 years old, "
                  "send it to the council that looked after them; otherwise to the council where you live."),
}

# -- entitlements (kinship_app.entitlements) -----------------------------------------------------

TITLES = {
    "child_benefit": N_("Child Benefit"),
    "guardians_allowance": N_("Guardian's Allowance"),
    "universal_credit_child_element": N_("Universal Credit: extra money for the child"),
    "fostering_allowance": N_("Fostering allowance"),
    "special_guardianship_support": N_("Special guardianship support and allowance"),
    "child_arrangements_order_allowance": N_("Child arrangements order allowance"),
    "section_17_support": N_("Help for a child in need (section 17)"),
    "adoption_support_fund": N_("Adoption and Special Guardianship Support Fund (therapy)"),
    "pupil_premium_plus": N_("Pupil Premium Plus (paid to the school)"),
    "school_admission_priority": N_("Top priority for school places"),
    "virtual_school_advice": N_("Advice from the Virtual School"),
    "kinship_allowance_pilot": N_("Kinship allowance (pilot area)"),
    "staying_put": N_("Staying Put after 18"),
    "legal_aid_special_guardianship": N_("Legal aid to apply for special guardianship"),
    "parental_leave": N_("Unpaid parental leave"),
    "flexible_working": N_("The right to ask for flexible working"),
    "kinship_training": N_("Free training and information for kinship carers"),
    "peer_support": N_("Kinship carer support groups"),
    "kinship_local_offer": N_("Your council's kinship local offer"),
    "advice_line": N_("Free independent advice"),
}

# Why an entitlement appears (grounds) and what to do next (steps), by phrase code.
PHRASES = {
    "over_16": N_("At {age_from} or over, it carries on only while the young person is in approved education or "
                  "training, up to age {up_to}."),
    "child_benefit.if_not_looked_after": N_("If the child is not looked after by the council, you can claim "
                                            "Child Benefit for them. Only one person can get it for a child."),
    "child_benefit.lives_with": N_("The child lives with you and is not looked after by the council, so you can "
                                   "claim Child Benefit for them. Only one person can get it for a child."),
    "child_benefit.claim": N_("Claim Child Benefit from HM Revenue and Customs (Child Benefit helpline 0300 200 "
                              "3100). If a parent still gets it for this child, tell HMRC the child now lives "
                              "with you."),
    "guardians_allowance.if_parents_died": N_("If both of the child's parents have died, or one has and the "
                                              "other cannot be found, is in prison for 2 years or more, or is "
                                              "held in hospital by a court, you may get this."),
    "guardians_allowance.both_died": N_("You told us both of the child's parents have died."),
    "guardians_allowance.one_died_other_unavailable": N_("You told us one parent has died and the other cannot "
                                                         "be found, is in prison for 2 years or more, or is held "
                                                         "in hospital by a court."),
    "guardians_allowance.one_died": N_("You told us one parent has died. You can get it too if the other parent "
                                       "cannot be found, is in prison for 2 years or more or held in hospital by a "
                                       "court; or if the parents were not married, the mother has died and the "
                                       "father is not known; or if they were divorced and the other parent had no "
                                       "custody and was not paying towards the child's upkeep."),
    "guardians_allowance.father_not_known": N_("You told us the child's parents were not married, the mother has "
                                               "died and the father is not known."),
    "guardians_allowance.divorced_no_custody": N_("You told us one parent has died, the parents were divorced (or "
                                                  "their civil partnership ended), and the other parent did not "
                                                  "have custody of the child and was not paying towards their "
                                                  "upkeep."),
    "guardians_allowance.step_parent": N_("A step-parent does not count as a parent for Guardian's Allowance, so "
                                          "you can claim it."),
    "guardians_allowance.conditions": N_("You also need to get Child Benefit for the child. And one of the "
                                         "parents must have been born in the UK, the EEA or Switzerland, or have "
                                         "lived in the UK for at least 52 weeks in any 2 years after they were "
                                         "16."),
    "guardians_allowance.adopted": N_("Because you have adopted the child, you can keep it only if you were "
                                      "already getting it before the adoption."),
    "guardians_allowance.claim": N_("Fill in form BG1 and send it to the Guardian's Allowance Unit (0300 322 "
                                    "9080) with the child's full birth certificate and the death certificate of "
                                    "each parent who has died (originals). Claim within 3 months: it can only be "
                                    "backdated 3 months. It is tax-free and does not count as income for other "
                                    "benefits."),
    "universal_credit_child_element.what": N_("If you get Universal Credit, it can include extra money for a "
                                              "child who normally lives with you and whom you are responsible "
                                              "for, whether or not you are their parent. This is called the child "
                                              "element."),
    "universal_credit_child_element.no_limit": N_("Since {date} there is no two-child limit: it is paid for "
                                                  "every child."),
    "universal_credit_child_element.limit_exception": N_("The two-child limit does not apply to a child you are "
                                                         "raising as a family member or friend, if there is a "
                                                         "court order, or if the child would otherwise be likely "
                                                         "to go into care."),
    "universal_credit_child_element.usual_amount": N_("The amount shown is the usual one. It is more for a first "
                                                      "child born before 6 April 2017, and there can be extra "
                                                      "for a disabled child. A new yearly figure starts with your "
                                                      "first assessment period that begins on or after the April "
                                                      "change."),
    "universal_credit_child_element.tell_uc": N_("If you already get Universal Credit, tell the Universal Credit "
                                                 "service that the child now lives with you, so that it is "
                                                 "added. If you do not, check whether you can get it with a "
                                                 "free benefits calculator such as Turn2us, or ask an adviser."),
    "fostering_allowance.approved": N_("The child is looked after by the council and you are approved as their "
                                       "foster carer."),
    "fostering_allowance.once_approved": N_("The child is looked after by the council. Once you are approved as "
                                            "their foster carer, even temporarily, you should be paid a "
                                            "fostering allowance."),
    "fostering_allowance.temporary_limits": N_("Temporary approval lasts up to {weeks} weeks. The council can "
                                               "extend it once, by up to {extra} weeks, if it has not finished "
                                               "assessing you (or until a review of a refusal is decided). By then "
                                               "it must approve you fully or make other arrangements for the "
                                               "child."),
    "fostering_allowance.temporary_overdue": N_("The child has lived with you for more than {total} weeks, so "
                                                "unless a review is under way your temporary approval should have "
                                                "ended: ask the social worker in writing whether you are now fully "
                                                "approved."),
    "fostering_allowance.ask": N_("Ask the child's social worker for the fostering allowance and the council's "
                                  "written rates. Kinship foster carers should get the same allowance as other "
                                  "foster carers, and at least the national minimum for the child's age."),
    "fostering_allowance.region_unsure": N_("We are not sure which of the national minimum rate areas your "
                                            "council is in: check with the council."),
    "special_guardianship_support.looked_after_before": N_("You are a special guardian and the child was looked "
                                                           "after by the council just before the order, so the "
                                                           "council must assess your family's support needs if "
                                                           "you ask."),
    "special_guardianship_support.not_looked_after_before": N_("You are a special guardian. The council can "
                                                               "assess your family's support needs; if it decides "
                                                               "not to, it must tell you why and let you reply."),
    "special_guardianship_support.unknown": N_("You are a special guardian. If the child was looked after just "
                                               "before the order, the council must assess your family's support "
                                               "needs when you ask; otherwise it can."),
    "special_guardianship_support.ask": N_("Write to children's services asking for a special guardianship "
                                           "support assessment (this app has the letter), with a copy of the "
                                           "order. {where} Ask for the written report and the decision. Any "
                                           "allowance is means-tested and reviewed every year. The council "
                                           "should take into account what a foster carer would be paid."),
    "special_guardianship_support.after_18": N_("The special guardianship order ended when the young person "
                                                "turned 18, so the council no longer has to assess your family's "
                                                "support needs. What does continue: an allowance the council was "
                                                "already paying you can carry on while the young person is in "
                                                "full-time education or training. New special guardianship "
                                                "support cannot start now."),
    "special_guardianship_support.after_18_ask": N_("If the council pays you a special guardianship allowance, tell "
                                                    "it in writing that the young person is still in full-time "
                                                    "education or training, and ask it to confirm that the "
                                                    "allowance continues and until when."),
    "child_arrangements_order_allowance.why": N_("The child lives with you under a 'lives with' child "
                                                 "arrangements order and you are not their parent, so the council "
                                                 "can pay an allowance. It decides whether to, and usually "
                                                 "means-tests it."),
    "child_arrangements_order_allowance.ask": N_("Ask children's services for a child arrangements order "
                                                 "allowance (this app has the letter), with a copy of the order "
                                                 "and details of your income. Ask for a written agreement that "
                                                 "says how much, for how long and how it will be reviewed, and "
                                                 "how it was worked out. Check your council's kinship local "
                                                 "offer."),
    "section_17_support.why": N_("The council has a duty to support children in its area who are 'in need', for "
                                 "example because their health or development would suffer without help. "
                                 "Children living with family or friends often are. The council can assess the "
                                 "child's needs and decide what help to give."),
    "section_17_support.ask": N_("Write to children's services asking for a child in need assessment (this app "
                                 "has the letter). Describe what the child needs. Help can be services, things, "
                                 "or sometimes money."),
    "adoption_support_fund.what": N_("The fund pays for therapy for children who left care through special "
                                     "guardianship or adoption (or a child arrangements order made while special "
                                     "guardianship was assessed)."),
    "adoption_support_fund.cao": N_("With a child arrangements order, it depends on whether the court made it "
                                    "while you were being assessed as a special guardian."),
    "adoption_support_fund.if_looked_after_before": N_("It depends on whether the child was looked after just "
                                                       "before the order."),
    "adoption_support_fund.over_21": N_("Over {age} it applies only with an education, health and care plan."),
    "adoption_support_fund.ask": N_("You cannot apply yourself. Ask the council for an assessment of the child's "
                                    "support needs; the council then applies to the fund within 3 months. For the "
                                    "first 3 years after the order, ask the council that looked after the child; "
                                    "after that, the council where you live. The amount is a yearly limit for "
                                    "each child."),
    "pupil_premium_plus.why": N_("The child left care through a court order, so the school gets extra money each "
                                 "year to support them, from Reception to Year 11. The money goes to the school, "
                                 "not to you."),
    "pupil_premium_plus.school_year": N_("At {age}, it depends on the child's school year."),
    "pupil_premium_plus.tell_school": N_("Tell the school before the October school census that the child was "
                                         "looked after before the order, and give them a copy of the order "
                                         "(names can be blacked out) or a letter from the council (this app has "
                                         "the letter). Ask the school how it will use the money."),
    "school_admission_priority.why": N_("Children who are looked after, or who left care through adoption, "
                                        "special guardianship or a child arrangements order, get top priority "
                                        "for a school place."),
    "school_admission_priority.with_social_worker": N_("Plan any school application with the child's social "
                                                       "worker, so that it says the child is looked after, and "
                                                       "send it by the closing date."),
    "school_admission_priority.tick_the_box": N_("When you apply for a school place, tick the box for "
                                                 "looked-after or previously looked-after children and send a "
                                                 "copy of the whole order by the closing date."),
    "virtual_school_advice.looked_after": N_("The child is looked after. The council must promote the education "
                                             "of every child it looks after, through its Virtual School Head."),
    "virtual_school_advice.previously_looked_after": N_("The Virtual School Head must give advice about the "
                                                        "education of children who left care through an order."),
    "virtual_school_advice.kinship_extension": N_("Since {date} the council's Virtual School Head also gives "
                                                  "advice about the education of children living with special "
                                                  "guardians or under a child arrangements order."),
    "virtual_school_advice.kinship_duty": N_("Since {date} the council must promote the education of children "
                                             "in kinship care, such as children living with special guardians or "
                                             "under a child arrangements order, and must have an officer to do "
                                             "it: the Virtual School Head."),
    "virtual_school_advice.contact": N_("Contact your council's Virtual School and ask for advice on the child's "
                                        "education (this app has the letter)."),
    "kinship_allowance_pilot.special_guardian": N_("You live in {council}, one of the pilot areas, and you are a "
                                                   "special guardian."),
    "kinship_allowance_pilot.cao": N_("You live in {council}, one of the pilot areas. With a child arrangements "
                                      "order it applies if the order was made in care proceedings, or the child "
                                      "would otherwise be in care (for example they were looked after just "
                                      "before)."),
    "kinship_allowance_pilot.children": N_("The pilot covers up to {count} children in its seven areas."),
    "kinship_allowance_pilot.ask": N_("Ask your council's kinship team about the kinship allowance pilot and when "
                                      "its payments start in your area (we could not confirm the start date). "
                                      "Have a copy of your court order ready. With a child arrangements order, "
                                      "also have proof that the child would otherwise be in care, such as papers "
                                      "showing they were looked after, a child protection plan or the court's "
                                      "welfare report. It can be paid for up to 3 years and is not "
                                      "means-tested. Its effect on benefits is not confirmed: ask an adviser."),
    "staying_put.in_foster_care": N_("The child is in kinship foster care. At 18 they can stay with you under "
                                     "Staying Put, and the council must support it, with money too, until they "
                                     "are 21, if they have been looked after for 13 weeks since they were 14 and "
                                     "are looked after on their 18th birthday."),
    "staying_put.former_foster_carer": N_("You were the young person's foster carer. Under Staying Put they can "
                                          "stay with you until 21, with support from the council, if they were "
                                          "looked after for 13 weeks since they were 14 and on their 18th "
                                          "birthday."),
    "staying_put.leaving_care_team": N_("Ask the council's leaving care team (the young person's personal "
                                        "adviser) to confirm the Staying Put arrangement in writing, including "
                                        "the money the council will pay you."),
    "staying_put.pathway_plan": N_("Ask the social worker to plan Staying Put in the young person's pathway plan "
                                   "well before their 18th birthday, including the money the council will pay "
                                   "you."),
    "legal_aid_special_guardianship.why": N_("If you apply to court to become the child's special guardian, you "
                                             "may get legal aid. It depends on your income and savings and on the "
                                             "strength of your case. Legal aid to apply for a child arrangements "
                                             "order is harder to get: you usually need evidence that the child "
                                             "is at risk from a parent."),
    "legal_aid_special_guardianship.ask": N_("Call Family Rights Group's advice line (0808 801 0366) to talk "
                                             "through your legal options. Then ask a family law solicitor who "
                                             "does legal aid whether you qualify, and take proof of your income "
                                             "and savings."),
    "parental_leave.day_one": N_("Your court order gives you parental responsibility, so you can take unpaid "
                                 "parental leave. Since {date} you can take it from your first day in the job."),
    "parental_leave.year_service": N_("Your court order gives you parental responsibility, so if you have worked "
                                      "for your employer for a year you can take unpaid parental leave. From {date} "
                                      "the year's service is no longer needed."),
    "parental_leave.ask": N_("Ask your employer in writing (this app has the letter). They can ask to see proof, "
                             "such as the court order. You can take up to 18 weeks for each child before they "
                             "are 18, and at most 4 weeks a year. It is unpaid."),
    "flexible_working.if_employed": N_("If you are in paid work, you can ask to change your hours or where you "
                                       "work from your first day in the job."),
    "flexible_working.employed": N_("You are in paid work, so you can ask to change your hours or where you "
                                    "work, from your first day in the job."),
    "flexible_working.ask": N_("Make a written flexible working request to your employer (this app has the "
                               "letter). You can make 2 requests in any 12 months, your employer must deal with "
                               "it reasonably, and an agreed change is permanent. We know of no legal right to "
                               "kinship leave, but some employers give it: ask yours."),
    "kinship_training.why": N_("The national training and support offer is for all kinship carers in England, "
                               "with or without a court order."),
    "kinship_training.look": N_("Look at Kinship Compass (compass.kinship.org.uk) for free workshops, training "
                                "and advice pages. Its government funding was agreed to March 2025, with a "
                                "possible extension to March 2027: check what is running now."),
    "peer_support.why": N_("Support groups run by and for kinship carers meet across England, in person and "
                           "online."),
    "peer_support.look": N_("Look on the Kinship website (kinship.org.uk) for support groups, or ask your "
                            "council's kinship team about groups near you."),
    "kinship_local_offer.why": N_("Every council should publish what support it gives kinship families, who can "
                                  "get money, how to apply and how it decides."),
    "kinship_local_offer.duty": N_("Every council must publish its kinship local offer: what support it gives "
                                   "kinship families, including money, health, education and housing, who can get "
                                   "it and how to ask. It must consult kinship carers and children before "
                                   "publishing or changing it, and keep it up to date."),
    "kinship.cannot_tell_yet": N_("We cannot tell yet whether this is kinship care: the answers we still need "
                                  "would settle it."),
    "kinship_local_offer.read": N_("Read {where} on the council's website, or ask children's services for a "
                                   "copy. Any money it agrees to pay should be set out in a written agreement "
                                   "saying how much, for how long and how it will be reviewed."),
    "advice_line.why": N_("An adviser can talk your situation through, explain your legal options and help you "
                          "ask for support."),
    "advice_line.call": N_("Call Family Rights Group's advice line on 0808 801 0366 (Monday to Friday, 9.30am to "
                           "3pm, not bank holidays; textphone: dial 18001 first). Kinship also gives free advice: "
                           "see kinship.org.uk for how to reach them."),
}
LOCAL_OFFER = {"named": N_("{council}'s kinship local offer"), "unnamed": N_("your council's kinship local offer")}

# -- actions (kinship_app.entitlements.actions_for) ----------------------------------------------

ACTIONS = {
    "private_fostering_notice.started": N_("Tell the council's children's services about the private fostering "
                                           "arrangement now: it has started, and the law says to tell them at "
                                           "once. This app has the letter."),
    "private_fostering_notice.before_start": N_("Tell the council's children's services about the private "
                                                "fostering arrangement at least 6 weeks before it starts, or at "
                                                "once if it starts sooner. This app has the letter."),
    "ask_approval": N_("Ask the child's social worker about being approved as a foster carer for the child, and "
                       "about the fostering allowance."),
    "check_looked_after": N_("Ask children's services in writing whether the child is looked after, and on what "
                             "legal basis."),
    "claim_guardians_allowance": N_("Claim Guardian's Allowance on form BG1 within 3 months of the child coming "
                                    "to you, to get full backdating."),
    "ask_sg_assessment": N_("Ask the council in writing for a special guardianship support assessment."),
    "tell_school": N_("Tell the school the child was looked after before the order, before the October census, "
                      "with a copy of the order."),
}
# An action code whose words depend on the case names its default phrase here (for the household's
# action list, which keeps the code only).
ACTION_DEFAULTS = {"private_fostering_notice": "private_fostering_notice.started"}

# -- amounts (resources/rates) ------------------------------------------------------------------

# Titles are declared here rather than in the data files so that they reach the translation
# catalogue; a data test checks every rate in the files has one.
RATE_TITLES = {
    "child_benefit_eldest": N_("Child Benefit for the eldest or only child"),
    "child_benefit_additional": N_("Child Benefit for each additional child"),
    "guardians_allowance": N_("Guardian's Allowance"),
    "fostering_nma": N_("Fostering national minimum allowance"),
    "pupil_premium_plus": N_("Pupil Premium Plus, paid to the school"),
    "asgsf_fair_access_limit": N_("Adoption and Special Guardianship Support Fund: fair access limit per child"),
    "uc_child_element": N_("Universal Credit child element for each child"),
}

# How each dimension value reads inside a label such as "age 5 to 10, London".
DIM_LABELS = {
    "region": {
        "london": N_("London"),
        "south_east": N_("South East"),
        "rest_of_england": N_("rest of England"),
    },
    "age_band": {
        "0-2": N_("age 0 to 2"),
        "3-4": N_("age 3 to 4"),
        "5-10": N_("age 5 to 10"),
        "11-15": N_("age 11 to 15"),
        "16-17": N_("age 16 to 17"),
    },
}
# Age first reads naturally: "age 5 to 10, London".
LABEL_ORDER = ("age_band", "region")

MORE_ABOUT = N_("more about the arrangement")


# -- rendered values ----------------------------------------------------------------------------

@dataclass(frozen=True)
class ShownReason:
    code: str
    text: str
    source: str
    facts: tuple[str, ...] = ()

    @property
    def rule(self) -> str:
        return self.code


@dataclass(frozen=True)
class ShownEntitlement:
    code: str
    title: str
    why: str
    next_step: str
    source: str
    amount: Any = None  # an Amount whose ``label`` is in the language shown
    certainty: str = "qualifies"
    reference_amount: Any = None
    deadline: dt.date | None = None
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class ShownAction:
    code: str
    text: str
    source: str
    due: dt.date | None = None


@dataclass(frozen=True)
class Shown:
    """An assessment in words, in one language, with the attribute names screens and letters use."""

    language: str
    as_of: dt.date
    kinship: bool | None
    category: str
    category_title: str
    flags: list[str]
    flag_texts: dict[str, str]
    reasons: list[ShownReason]
    missing: list[str]
    missing_words: dict[str, str]
    entitlements: list[ShownEntitlement]
    actions: list[ShownAction]
    definition: str
    worded_then: bool = False  # saved by an earlier version: some sentences are shown as they were then
    meaning: Any = field(default=None, compare=False, repr=False)  # the Assessment it was made from

    def entitlement(self, code: str) -> ShownEntitlement | None:
        return next((e for e in self.entitlements if e.code == code), None)


# -- rendering ----------------------------------------------------------------------------------

def _t(language: str | None) -> Translator:
    return translator(language or current_language())


def category_title(code: str, language: str | None = None) -> str:
    t = _t(language)
    return t.gettext(CATEGORIES[code]) if code in CATEGORIES else code


def flag_text(code: str, language: str | None = None) -> str:
    t = _t(language)
    return t.gettext(FLAGS[code]) if code in FLAGS else code


def unconfirmed_warning(language: str | None = None) -> str:
    return _t(language).gettext(UNCONFIRMED)


def fact_words(name: str, language: str | None = None) -> str:
    t = _t(language)
    fact = FACTS.get(name)
    return t.gettext(fact.words) if fact else name


def relationship_words(code: str, language: str | None = None) -> str:
    return _t(language).gettext(RELATIONSHIPS[code]) if code in RELATIONSHIPS else code


def period_words(period: str, language: str | None = None) -> str:
    return _t(language).gettext(PERIODS[period]) if period in PERIODS else period


def entitlement_title(code: str, language: str | None = None) -> str:
    return _t(language).gettext(TITLES[code]) if code in TITLES else code


def _council_name(code: str) -> str:
    from kinship_app.data import councils

    found = councils.get(code) if code else None
    return found.nice_name if found else code


def _values(params: dict[str, Any], t: Translator) -> dict[str, Any]:
    """The values a template mentions, each in words in ``t``'s language."""
    out: dict[str, Any] = {}
    for key, value in params.items():
        if key == "relationship":
            out[key] = t.gettext(RELATIONSHIPS[value]) if value in RELATIONSHIPS else str(value)
        elif key == "approval":
            out[key] = t.gettext(APPROVAL.get(value, str(value)))
        elif key == "facts":
            out[key] = "; ".join(fact_words(f, t.language) for f in value or ()) or t.gettext(MORE_ABOUT)
        elif key == "where":
            out[key] = t.gettext(SG_WHERE[value]) if value in SG_WHERE else str(value)
        elif key == "council":
            out[key] = _council_name(value)
        elif key.endswith("date") and isinstance(value, str) and value:
            out[key] = t.date(dt.date.fromisoformat(value))
        elif key == "count" and isinstance(value, int) and not isinstance(value, bool):
            out[key] = format_number(value, t.language)
        elif isinstance(value, bool) or value is None:
            out[key] = value
        elif isinstance(value, int):
            out[key] = str(value)
        else:
            out[key] = value
    if "limit" in params:
        template = PF_LIMIT.get(params["limit"])
        out["limit"] = t.gettext(template).format(**out) if template else str(params["limit"])
    return out


def _fill(template: str, params: dict[str, Any], t: Translator) -> str:
    values = _values(params, t)
    try:
        return t.gettext(template).format(**values)
    except (KeyError, IndexError, ValueError):  # a translation naming a value we do not have
        return template.format(**values)


def reason_text(reason: Any, language: str | None = None) -> str:
    if reason.said:
        return reason.said
    template = REASONS.get(reason.code)
    if template is None:
        return reason.code
    return _fill(template, reason.params, _t(language))


def phrase_text(phrase: Any, language: str | None = None) -> str:
    t = _t(language)
    if phrase.code == "kinship_local_offer.read":
        council = phrase.params.get("council") or ""
        where = (t.gettext(LOCAL_OFFER["named"]).format(council=_council_name(council)) if council
                 else t.gettext(LOCAL_OFFER["unnamed"]))
        return t.gettext(PHRASES[phrase.code]).format(where=where)
    template = PHRASES.get(phrase.code) or ACTIONS.get(phrase.code)
    if template is None:
        return phrase.code
    return _fill(template, phrase.params, t)


def action_text(action: Any, language: str | None = None) -> str:
    if action.said:
        return action.said
    return phrase_text(action.phrase, language)


def action_words(code: str, stored: str = "", language: str | None = None) -> str:
    """The words for a household's saved action: from its code where the app knows it, else the
    text that was saved with it (an action someone typed). The store keeps the code and, for
    people and older versions reading the file, the English words; where a code has more than one
    wording, the English words saved say which."""
    variants = [k for k in ACTIONS if k.startswith(code + ".")]
    key = next((k for k in variants if ACTIONS[k] == stored), ACTION_DEFAULTS.get(code, code))
    if code and key in ACTIONS:
        return _t(language).gettext(ACTIONS[key])
    return stored or code


def amount_label(amount: Any, language: str | None = None) -> str:
    """Which figure this is ("age 5 to 10, London"), in ``language``."""
    if not getattr(amount, "rate", ""):
        return amount.label
    language = language or current_language()
    return _amount_label(language, str(i18n.LOCALE_DIR), amount.rate, tuple((amount.dims or {}).items()))


@functools.lru_cache(maxsize=1024)
def _amount_label(language: str, locale_dir: str, rate: str, dim_items: tuple[tuple[str, str], ...]) -> str:
    t = translator(language)
    dims = dict(dim_items)
    if not dims:
        return t.gettext(RATE_TITLES.get(rate, rate))
    parts = [t.gettext(DIM_LABELS.get(d, {}).get(dims[d], dims[d])) for d in LABEL_ORDER if d in dims]
    parts += [dims[d] for d in dims if d not in LABEL_ORDER]
    return ", ".join(parts)


def _amount(amount: Any, t: Translator) -> Any:
    if amount is None:
        return None
    return dataclasses.replace(amount, label=amount_label(amount, t.language))


@functools.lru_cache(maxsize=8192)
def _entitlement_words(language: str, locale_dir: str, code: str, grounds: tuple[Any, ...],
                       steps: tuple[Any, ...]) -> tuple[str, str, str]:
    """Title, why and next step for these codes: the same codes and values in the same language
    always read the same, so a batch of many answers words each only once. ``locale_dir`` is in the
    key so that other catalogues are never answered from this memo."""
    t = translator(language)
    return (t.gettext(TITLES[code]) if code in TITLES else code,
            " ".join(phrase_text(p, language) for p in grounds),
            " ".join(phrase_text(p, language) for p in steps))


def entitlement_words(ent: Any, language: str | None = None) -> tuple[str, str, str]:
    """An entitlement's title, why and next step in ``language`` (an answer saved by an earlier
    version keeps the words it had)."""
    t = _t(language)
    said = ent.said or {}
    try:
        # The catalogues' folder is read at call time (tests point it at other catalogues).
        title, why, step = _entitlement_words(t.language, str(i18n.LOCALE_DIR), ent.code, tuple(ent.grounds),
                                              tuple(ent.steps))
    except TypeError:  # a value that cannot be a memo key: worded without the memo
        title = t.gettext(TITLES[ent.code]) if ent.code in TITLES else ent.code
        why = " ".join(phrase_text(p, t.language) for p in ent.grounds)
        step = " ".join(phrase_text(p, t.language) for p in ent.steps)
    return said.get("title") or title, said.get("why") or why, said.get("next_step") or step


def render_entitlement(ent: Any, language: str | None = None) -> ShownEntitlement:
    t = _t(language)
    title, why, next_step = entitlement_words(ent, t.language)
    return ShownEntitlement(
        code=ent.code, title=title, why=why, next_step=next_step,
        source=ent.source, amount=_amount(ent.amount, t), certainty=ent.certainty,
        reference_amount=_amount(ent.reference_amount, t), deadline=ent.deadline, facts=tuple(ent.facts),
    )


def render(assessment: Any, language: str) -> Shown:
    """``assessment`` in words, in ``language`` (``ValueError`` for a language with no catalogue)."""
    t = translator(language)
    return Shown(
        language=t.language, as_of=assessment.as_of, kinship=assessment.kinship, category=assessment.category,
        category_title=category_title(assessment.category, t.language),
        flags=list(assessment.flags), flag_texts={f: flag_text(f, t.language) for f in assessment.flags},
        reasons=[ShownReason(r.code, reason_text(r, t.language), r.source, tuple(r.facts))
                 for r in assessment.reasons],
        missing=list(assessment.missing),
        missing_words={m: fact_words(m, t.language) for m in assessment.missing},
        entitlements=[render_entitlement(e, t.language) for e in assessment.entitlements],
        actions=[ShownAction(a.code, action_text(a, t.language), a.source, a.due) for a in assessment.actions],
        definition=assessment.definition, worded_then=assessment.worded_then, meaning=assessment,
    )


def every_code() -> dict[str, set[str]]:
    """Every code that has words, by kind (for the test that no code lacks them)."""
    return {"reasons": set(REASONS), "phrases": set(PHRASES), "titles": set(TITLES), "actions": set(ACTIONS),
            "categories": set(CATEGORIES), "flags": set(FLAGS), "facts": set(FACTS)}
