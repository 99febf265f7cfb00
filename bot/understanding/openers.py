"""A form-opening reading the message's words do not support, and one they ask for plainly.

"where do i double check" after a state's rules, "my husband just made E-6, somebody said
that makes me not eligible anymore" after MyCAA: NLU hears "check" and "eligible" and reads a
request for the eligibility check, and Rasa's rules open its form before any action can weigh
the conversation. Such a reading is dropped before the rules see it (`bot.rasa.story_reading`)
when the message has none of the opener's own words (`topic_words` in
data/understanding/cues.yml), or asks about a facet of the topic in hand; the answer action
then reads the message as the question it is, in its conversation. A message with the
opener's words ("can you check what I can take?") opens its form as before.

The other way round: "if i start a certificate program in march when am i done?" asks for the
person's own timeline in so many words, while NLU, torn between the path's length, the exam and
the timeline, finds no topic; when the timeline is among its guesses, the message opens it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.understanding.context import MA_TASKS, MAX_FACET_WORDS, Context, is_question, picks_between_options
from bot.understanding.cues import (
    OPENER_QUESTION,
    cued_intent,
    decisive_topic,
    facet_of_topic_in_hand,
    looks_like_question,
    off_topic_words,
)
from bot.understanding.language import OTHER_LATIN, SPANISH, detect

#: The intents whose rules open a form at once (data/stories/roadmap.yml). The roadmap's own opener
#: is left alone: people ask for a plan in too many words to list.
OPENERS = frozenset({"check_eligibility", "estimate_timeline"})
#: What a dropped opener becomes: no topic of its own, so the conversation decides.
NO_TOPIC = "nlu_fallback"


def misread_opener(intent: str | None, text: str, context: Context) -> bool:
    """True when NLU's form-opening reading is the story's words or a follow-up, not a request."""
    if intent in (*OPENERS, "start_roadmap") and not text.startswith("/") and detect(text) in (SPANISH, OTHER_LATIN):
        # "¿Y si me gradúo y espero más de un año para tomarlo?": NLU knows English only; the answer action says in
        # which language the bot answers first, and answers what it understood
        return True
    if intent == "start_roadmap" and not text.startswith("/"):
        # "ok what about starting IVs": a task an MA may or may not do, not a request for the plan; "ok name one
        # concrete thing a cert lets you do that someone without one cant": words that decide another question
        return bool(MA_TASKS.search(text) or decisive_topic(text)) and not PLAN_ASKED.search(text)
    if intent not in OPENERS or text.startswith("/"):
        return False
    follow_up = (
        is_question(context.intent)
        and len(text.split()) <= MAX_FACET_WORDS
        and facet_of_topic_in_hand(context.intent, text)
    )
    # "which national ones would take my 3 years": words that decide another topic ask that question
    decided = decisive_topic(text)
    another_topic = decided is not None and decided != OPENER_QUESTION[intent]  # the opener's own question is no other
    # "i've worked at a pediatrician office for 2 yrs now... can i sit for the CMA?": their story and one
    # credential named ask that credential's question of them, answered from what they told
    # "which exams can I take right now? I have a high school diploma and 5 years working as an MA": a story
    # long enough to tell their years is answered from it too
    told_for_one = (
        intent == "check_eligibility"
        and bool(OWN_YEARS.search(text))
        and bool(ONE_CREDENTIAL.search(text) or len(text.split()) >= TOLD_ENOUGH)
    )
    return (
        follow_up
        or another_topic
        or told_for_one
        or picks_between_options(text, context)
        or off_topic_words(intent, text)
    )


#: Words that ask for the plan itself, whatever task the message names.
PLAN_ASKED = re.compile(r"\b(plan|roadmap|steps?|walk me|guide me)\b", re.IGNORECASE)
#: A national credential named, and a length of time told ("2 yrs", "18 months").
ONE_CREDENTIAL = re.compile(r"\b(cma|rma|ccma|ncma)\b", re.IGNORECASE)
#: A message this long that tells their years tells enough to answer from.
TOLD_ENOUGH = 15
OWN_YEARS = re.compile(r"\b\d+(\.\d+)? ?(yrs?|years?|months?|mos?)\b", re.IGNORECASE)


def without_opener(parse: Mapping[str, Any], context: Context) -> dict[str, Any]:
    """The parse with a misread opener replaced by no topic (its ranking kept for the answer action)."""
    intent = parse.get("intent") or {}
    if not misread_opener(intent.get("name"), str(parse.get("text") or ""), context):
        return dict(parse)
    return {
        **parse,
        "intent": {"name": NO_TOPIC, "confidence": float(intent.get("confidence") or 0.0)},
        "opener_intent": intent,
    }


#: Their own start, then when they would be done: the timeline's question in so many words.
OWN_TIMELINE = re.compile(
    r"\bif (i|we|he|she|my \w+) (start|begin|enroll|sign up)\w*\b[^?!]*\bwhen\b[^?!]*\b(done|finish\w*|graduat\w*|"
    r"working|ready|certified|take)\b|\bwhen (would|will|could|do|am|can) (i|we)\b[^?!]*\b(be done|finish\w*|graduat\w*|"
    r"be working|start working)\b[^?!]*\bif (i|we) (start|begin|enroll)",
    re.IGNORECASE,
)
#: Readings that leave the timeline's question unanswered when its words are plain.
UNSURE = frozenset({NO_TOPIC, "out_of_scope", "ask_duration", "inform"})  # "inform": the start month told
#: How far down NLU's guesses the timeline may be.
TOP_GUESSES = 3


def heard_opener(parse: Mapping[str, Any]) -> dict[str, Any]:
    """The parse, with the timeline as its intent when the message plainly asks for it and NLU guessed it."""
    intent = parse.get("intent") or {}
    text = str(parse.get("text") or "")
    guesses = [str(r.get("name")) for r in (parse.get("intent_ranking") or [])[:TOP_GUESSES]]
    if intent.get("name") not in UNSURE or "estimate_timeline" not in guesses or not OWN_TIMELINE.search(text):
        return dict(parse)
    return {**parse, "intent": {"name": "estimate_timeline", "confidence": float(intent.get("confidence") or 0.0)}}


#: A plan asked for in so many words: "can you walk me through getting my RMA", "make me a step by step plan".
PLAIN_PLAN = re.compile(
    r"\b(walk|take|guide) me through\b|\bstep[- ]by[- ]step\b|\b(make|give|build|write) me a (\w+ )?(plan|roadmap)\b|"
    r"\bwhat are (the|my) steps\b|\bsteps for (me|her|him|us)\b|"
    # "Can you lay it out for me, like what do I do first, second, third, to get certified and hired?"
    r"\blay (it|this|that|it all|everything|the steps) out for (me|her|him|us)\b|\bfirst,? (then )?second,? (and )?third\b",
    re.IGNORECASE,
)
#: Below this, NLU's reading of a message whose last sentence asks for a plan in so many words gives way to the plan,
#: even when NLU did not guess the plan among its first readings (a long story before it drowns the request).
UNSURE_BEFORE_A_PLAN = 0.5
_LAST_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def heard_plan(parse: Mapping[str, Any]) -> dict[str, Any]:
    """The parse, with the roadmap as its intent when the message plainly asks for a plan and NLU guessed
    one among its first readings ("Can you walk me through getting my RMA? I've been working as an MA for 5
    years." read first as eligibility), or when its last sentence does and NLU is unsure of anything ("...I just
    want to fix it. Can you lay it out for me, like what do I do first, second, third"): the plan fits itself to
    the story."""
    intent = parse.get("intent") or {}
    text = str(parse.get("text") or "")
    # the fallback's own entry is no reading: the first readings are the intents after it
    ranking = [str(r.get("name")) for r in parse.get("intent_ranking") or [] if r.get("name") != NO_TOPIC]
    guesses = ranking[:TOP_GUESSES]
    if intent.get("name") in ("start_roadmap", "request_human") or text.startswith("/"):
        return dict(parse)
    confidence = float(intent.get("confidence") or 0.0)
    asked_last = confidence < UNSURE_BEFORE_A_PLAN and PLAIN_PLAN.search(_LAST_SENTENCE.split(text.strip())[-1])
    if not (("start_roadmap" in guesses and PLAIN_PLAN.search(text)) or asked_last):
        return dict(parse)
    return {**parse, "intent": {"name": "start_roadmap", "confidence": confidence}}


#: The whole plan asked for in so many words: "lay the full thing out for me", "the plan from start to finish".
WHOLE_PLAN = re.compile(
    r"\b(full|whole|entire|complete) (plan|roadmap|thing|list|route|path)\b|\bstart to finish\b|"
    r"\blay (it|them|everything|the (whole|full) thing) out\b|"
    r"\b(see|show me) the (plan|roadmap)\b",
    re.IGNORECASE,
)


def heard_overview(parse: Mapping[str, Any]) -> dict[str, Any]:
    """The parse, asking for the whole plan when the message plainly does and NLU guessed it among its
    first readings ("Can I see the full plan from start to finish?", torn between the overview and starting
    over; "ok lay the full thing out for me", read first as a goodbye)."""
    intent = parse.get("intent") or {}
    text = str(parse.get("text") or "")
    ranking = [str(r.get("name")) for r in parse.get("intent_ranking") or [] if r.get("name") != NO_TOPIC]
    if intent.get("name") in ("roadmap_overview", "start_roadmap", "request_human") or text.startswith("/"):
        return dict(parse)
    if "roadmap_overview" not in ranking[:TOP_GUESSES] or not WHOLE_PLAN.search(text):
        return dict(parse)
    return {**parse, "intent": {"name": "roadmap_overview", "confidence": float(intent.get("confidence") or 0.0)}}


#: A request for a person names one, or how to reach one.
ASKS_FOR_A_PERSON = re.compile(
    # (not a language spoken: "can i translate it myself? i speak both perfect")
    r"\b(talk|speak|chat)\w*\b(?!\s+(both|english|spanish|\w+ish|fluent\w*|perfect\w*|two|2|languages?)\b)|"
    r"\b(call|phone|contact|reach|connect|email|text)\w*\b|\b(human|person|advisor|adviser|agent|"
    r"representative|rep|staff|counselor|counsellor|someone real|real person|admissions)\b",
    re.IGNORECASE,
)


#: What to do now, asked of the plan: its step itself, not only its number ("ok so what do i do first").
WHAT_TO_DO = (
    r"\bwhat (do|should|must) (i|we|she|he|they) (actually |really |even )?do (first|now|next)\b|\bwhere (do|should) (i|we) (even )?start\b|"
    r"\bwhat comes (first|next)\b"
)
#: Where the plan stands, in the words people use for it.
ASKS_WHERE_THE_PLAN_IS = re.compile(
    r"\bwhere (am i|are we|was i|were we|did (i|we) (stop|leave))\b|\b(progress|steps?|plan|roadmap)\b|"
    rf"{WHAT_TO_DO}",
    re.IGNORECASE,
)
#: A plan asked for: "make me a plan", "walk me through it", "how do I get started".
ASKS_FOR_A_PLAN = re.compile(
    # (not "idk where to start studying": studying for the exam)
    r"\b(plan|roadmap|steps?|step[- ]by[- ]step|walk me|guide me|start|started|begin)\b(?!\s+(studying|to study|prepping)\b)",
    re.IGNORECASE,
)
#: What the bot can do, asked: "help", "what can you do", "who are you", "what are my options".
ASKS_FOR_HELP = re.compile(
    r"\bhelp\b|\bwhat (can|do) (you|u) do\b|\b(who|what) (even |exactly )?(are|r) (you|u)\b|\bmenu\b|\boptions\b|\bhow (does|do) (this|it) work\b|"
    r"\bwhat can i ask\b|\bstart over\b|\bconfused\b|\blost\b|\bbot\b|\brobot\b|\b(real|actual|live) (person|human)\b|"
    r"\bwhat is this( thing)?\b|\bwho (am i|is this)\b|\b(are|r) (you|u) (a |an )?(human|person|ai)\b",
    re.IGNORECASE,
)
#: Navigation readings and the words of their own that a real request has.
NAVIGATION_WORDS = {
    "request_human": ASKS_FOR_A_PERSON,
    "roadmap_where": ASKS_WHERE_THE_PLAN_IS,
    "start_roadmap": ASKS_FOR_A_PLAN,
    "help": ASKS_FOR_HELP,  # "who can train me for this" is no question about the bot
}
#: Readings that give way only to a decisive topic: a person may still be wanted, a plan still asked for.
ONLY_DECISIVE = ("request_human", "start_roadmap")
#: Navigation readings heard in words that mean something else: "ohio next door" after a state's pay
#: names a neighbouring state, and "next year" a time; neither asks for the plan's next step.
MISLEADING_SURE = 0.6
MISLEADING_WORDS = {
    # "parents want me to have a plan. whats the fastest way to become a medical assistant": someone else's wish
    # for a plan, then their own question
    "start_roadmap": re.compile(
        r"\b(parents?|mom|mum|dad|family|wife|husband|they|counselor)\b[^.?!]{0,20}\b(want|wants|wanted|need|needs|expects?)"
        r" me to (have|make|get) (a|some) plan\b[^?]*\b(what'?s|whats|what is|how|which)\b",
        re.IGNORECASE,
    ),
    # "rma hours requirement again?": a credential's rule asked again, not the plan's step repeated
    "roadmap_repeat": re.compile(
        r"\b(c?cma|rma|ncma|aama|amt|nha|ncct)\b[^.?!]*\b(hours?|hrs|fees?|cost|price|requirements?|rules?|questions?|"
        r"pass\w*|renew\w*|eligib\w*|routes?)\b",
        re.IGNORECASE,
    ),
    "roadmap_next": re.compile(
        r"^(?!.*\b(next step|what'?s next|go on|continue|move on)\b).*"
        r"\bnext (door|year|month|week|semester|spring|summer|fall|winter|time)\b",
        re.IGNORECASE,
    ),
}


#: Whether someone else may start ("My niece is 16, same for her? could she start now"): a question about them, never
#: a request for the writer's own plan, however sure NLU is.
SOMEONE_ELSE_STARTS = re.compile(
    r"\b(can|could|would|will|may|should|when can|when could) (she|he|they|my (son|daughter|niece|nephew|kid|child|wife|"
    r"husband|sister|brother|cousin|friend)) (even |already |still |just )?(start|begin)\b",
    re.IGNORECASE,
)


def heard_step_asked(parse: Mapping[str, Any]) -> dict[str, Any]:
    """The parse, asking for the plan's step in full when "where am I" is asked as "what do I do first":
    they want what to do, which the step's own text says, not only its number."""
    intent = parse.get("intent") or {}
    text = str(parse.get("text") or "")
    if intent.get("name") != "roadmap_where" or not re.search(WHAT_TO_DO, text, re.IGNORECASE):
        return dict(parse)
    return {**parse, "intent": {**intent, "name": "roadmap_repeat"}}


def without_misheard_person(parse: Mapping[str, Any]) -> dict[str, Any]:
    """ "is there really work out there for somebody my age": "somebody" is no request for a person when
    the words name a topic and nothing asks for someone to talk to; "where i take it" after the CCMA's fee
    is no question about the plan's progress; "what if i want to be RN here instead, whats the process"
    asks for no plan. The answer action reads such a message instead."""
    intent = parse.get("intent") or {}
    text = str(parse.get("text") or "")
    if intent.get("name") == "start_roadmap" and not text.startswith("/") and SOMEONE_ELSE_STARTS.search(text):
        return {**parse, "intent": {"name": NO_TOPIC, "confidence": float(intent.get("confidence") or 0.0)}}
    misleading = MISLEADING_WORDS.get(str(intent.get("name")))
    confident = float(intent.get("confidence") or 0.0) >= MISLEADING_SURE  # a weak guess is reread in context anyway
    if misleading and confident and not text.startswith("/") and misleading.search(text):
        return {**parse, "intent": {"name": NO_TOPIC, "confidence": float(intent.get("confidence") or 0.0)}}
    own_words = NAVIGATION_WORDS.get(str(intent.get("name")))
    if own_words is None or text.startswith("/") or own_words.search(text):
        return dict(parse)
    # "can someone help me with aid" may still want a person: only a decisive topic outweighs it; a question
    # without the plan's words ("Which is faster?") is no question about the plan
    # "what if i want to be RN here instead, whats the process" is the foreign nurse's question, not a plan
    sticky = intent.get("name") in ONLY_DECISIVE
    asks = decisive_topic(text) or (not sticky and (cued_intent(text, None) or looks_like_question(text)))
    if not asks:
        return dict(parse)
    return {**parse, "intent": {"name": NO_TOPIC, "confidence": float(intent.get("confidence") or 0.0)}}


#: A person asked for in so many words, whatever else the message asks ("could a real person look over
#: my resume?", "can someone help me find a program? call me 617-555-0143").
WANTS_A_PERSON = re.compile(
    r"\b(real|actual|live) (person|human)\b|"
    r"\b(appreciate|prefer|rather|like|want|wanna|need) (to )?(talk|speak|chat)(ing)? (to|with) (one of )?(your|the) "
    r"(school'?s )?(advis[eo]rs?|counse\w+|staff)\b|\b(can|could|would|will|pls|please) (someone|somebody|a person|a human|"
    r"an? advis[eo]r|a counselor|someone from (the|your) school|your staff)\b[^.?!]*\b(call|text|email|contact|reach|"
    r"help|look|review|go over|check|talk)\b|"
    # (not someone who did not: "...and she did not call me back")
    # (nor a name: "can they call me a CMA with it")
    r"\b(?<!\bnot )(?<!n't )(?<!\bnever )(?<!\bdidnt )(?<!\bdont )(?<!\bwont )(call|text|email) me\b"
    r"(?! (an?|the|certified|registered)\b)|\breach me (at|on)\b|"
    r"\b(can|could|may) i (talk|speak|chat) (to|with) (someone|somebody|a person|a human|an? advis[eo]r|a counse\w+|"
    r"(one of )?(your|the) (school'?s )?(advis[eo]rs?|counse\w+|staff))\b|"
    r"\b(want|wanna|need|like) to (talk|speak|chat) (to|with) (someone|somebody|a person|a human|an? advis[eo]r|a counse\w+)\b|"
    # "I would like a real advisor to help me enroll"
    r"\b(like|want|need) (a |an )?(real |actual |live )(advis[eo]r|counse\w+|person|human)\b|"
    # "I would appreciate speaking with an advisor directly about this"
    r"\b(appreciate|prefer|rather|love|like) (talking|speaking|chatting|to talk|to speak) (to|with) (someone|somebody|a person|"
    r"a human|an? (real |actual )?(advis[eo]r|counse\w+|person))\b|"
    r"\b(someone|somebody|a person|an? advis[eo]r|a counse\w+)\b[^.?!]*\b(i|we) (could|can|might) (email|call|text|contact|"
    r"reach|(talk|speak) (to|with))\b",
    re.IGNORECASE,
)


#: Whether the bot is a person, which the bot answers itself.
ABOUT_THE_BOT = re.compile(
    r"\b(are|r|is) (you|u|this|it) (even )?(a |an )?(real|actual|live) (person|human)\b|"
    # "am I speaking with a real person or a computer?"
    r"\b(am i|are we|r we) (speaking|talking|chatting|texting|writing) (with|to) (a |an )?(real |actual |live )?(person|human)"
    r"\b|\b(person|human) or (a |an )?(bot|computer|machine|robot|ai|program)\b",
    re.I,
)


def heard_person(parse: Mapping[str, Any]) -> dict[str, Any]:
    """The parse, with a request for a person as its intent when the message asks for one in so many words."""
    intent = parse.get("intent") or {}
    text = str(parse.get("text") or "")
    if intent.get("name") == "request_human" and not text.startswith("/") and _only_about_the_bot(text):
        # "lol ok. are you even a real person": what they are talking to, which the bot says itself
        return {**parse, "intent": {"name": "help", "confidence": float(intent.get("confidence") or 0.0)}}
    if intent.get("name") == "request_human" or text.startswith("/") or not WANTS_A_PERSON.search(text):
        return dict(parse)
    if ABOUT_THE_BOT.search(text):  # "r u a real person or a bot" asks what they are talking to
        return dict(parse)
    return {**parse, "intent": {"name": "request_human", "confidence": float(intent.get("confidence") or 0.0)}}


def _only_about_the_bot(text: str) -> bool:
    """Whether the message asks what the bot is and asks for no one besides."""
    return bool(ABOUT_THE_BOT.search(text)) and not WANTS_A_PERSON.search(ABOUT_THE_BOT.sub(" ", text))
