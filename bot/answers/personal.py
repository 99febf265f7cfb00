"""The answer to a message from a person we know something about.

What they said about themselves (bot.profile) changes the reply in three ways: a plan
to misstate experience is answered with the facts before anything else; a message
that tells or corrects something about them is said back ("Noted: …"), so they can
see what the advice now rests on; and the answer itself uses the profile (their own
eligibility verdict, wording for their background).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from bot.answers.expiry import runs_to
from bot.answers.reply import KnowledgeBaseUnavailable, Reply, format_answer, reply_for
from bot.eligibility.experience import parse_years
from bot.kb.queries import KnowledgeBase
from bot.profile import Profile
from bot.profile.describe import noted
from bot.profile.reading import Heard

HONEST_APPLICATION_TOPIC = "honest_application"
INFORM_TOPIC = INFORM_INTENT = "inform"
RENEWAL_INTENT = "ask_renewal"
HELD = "held_credential"


def answer_person(
    kb: KnowledgeBase,
    intent: str | None,
    entities: list[tuple[str, str]],
    profile: Profile,
    heard: Heard,
    *,
    asked_again: bool = False,
    in_form: bool = False,
) -> Reply:
    """The reply to the latest message, fitted to `profile` (which already includes `heard`).

    `asked_again`: the message corrects what the last question rested on, and `intent` is that
    question's, to be answered again for them rather than only noted. `in_form`: a form is asking them
    questions, so what they told is only noted (the plan offer would offer the plan they are making)."""
    if heard.misstating:
        return honest_application(kb)
    # "I've been an MA for 4 years, I have my GED" tells, it does not ask; a credential held before, told beside
    # a question ("so i got my cma like 6 yrs ago and kinda forgot to renew, is it just gone"), leaves it asked
    if set(heard.changes) - {HELD} and heard.statement and not asked_again:
        intent = INFORM_INTENT
    # "school secretary for 25 years", "I am 52 years old": years NLU tagged that are no MA work of theirs
    entities = [(k, v) for k, v in entities if not (k == "experience_years" and parse_years(v) in heard.not_ma_years)]
    # "so if i get the ged i can do the ccma?": answered as if they had it; what is noted stays as told
    supposing = replace(profile, **heard.supposed) if heard.supposed else profile
    reply = _theirs(kb, intent, entities, supposing) or reply_for(kb, intent, entities, supposing)
    if intent == RENEWAL_INTENT and heard.earned:
        # "when does my cma run out, i got it june 2022": the month it runs to, before how to renew it
        ends = runs_to(kb, reply.variant, heard.earned, dt.date.today())
        reply = replace(reply, text=f"{ends}\n{reply.text}") if ends else reply
    if heard.changes and (heard.correction or reply.topic == INFORM_TOPIC):
        said = noted(profile, lambda key: kb.display_name("us_state", key) or key)
        if said and in_form and reply.topic == INFORM_TOPIC:
            return replace(reply, text=said, buttons=[])
        if said:
            reply = replace(reply, text=f"{said}\n{reply.text}")
    return reply


def _theirs(kb: KnowledgeBase, intent: str | None, entities: list[tuple[str, str]], profile: Profile) -> Reply | None:
    """A general answer made specific by the profile: the credential they aim for, the state they are in.

    Only when the message (and the conversation) named no thing of that kind and the topic
    has an answer for theirs; the reply says which it used, so "how much is the exam?"
    from someone aiming for the CCMA reads "For the CCMA, the one you're aiming for: …".
    """
    named = {kind for kind, _ in entities}
    for kind, key, lead in (
        ("credential", profile.credential, "For the {}, the one you're aiming for: "),
        ("us_state", profile.state, "In {}, where you are: "),
    ):
        if key is None or kind in named or (kind == "credential" and "certifying_body" in named):
            continue
        reply = reply_for(kb, intent, [*entities, (kind, key)], profile)
        if reply.variant == key:
            return replace(reply, text=lead.format(kb.display_name(kind, key) or key) + reply.text)
    return None


def honest_application(kb: KnowledgeBase) -> Reply:
    """The facts about applying honestly: said before anything else to a plan to misstate experience."""
    honest = kb.answer(HONEST_APPLICATION_TOPIC)
    if honest is None:
        raise KnowledgeBaseUnavailable(f"the knowledge base has no {HONEST_APPLICATION_TOPIC!r} answer")
    return format_answer(honest)
