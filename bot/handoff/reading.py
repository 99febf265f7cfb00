"""Reading the answers to the handoff questions (name, contact, confirmation) from free text.

The handoff form asks three things in a row; people answer in their own words
("it's Ana Souza", "you can call me on +1 555 010 7788", "yes please"), and may
instead ask a question or give up ("never mind"). These readers say what an answer
holds, or None, so the form can tell an answer from an interruption.
"""

from __future__ import annotations

import re

from bot.contacts import EMAIL_PATTERN, find_contact, without_phones
from bot.forms import replies

MAX_NAME_CHARS = 80
MAX_NAME_WORDS = 6
#: Intents that mean "this is a question or a request, not my name", when NLU is sure enough.
NOT_AN_ANSWER_CONFIDENCE = 0.7
NOT_ANSWER_INTENTS = (
    "help",
    "greet",
    "thank",
    "goodbye",
    "request_human",
    "start_roadmap",
    "check_eligibility",
    "estimate_timeline",
)

#: Readings NLU gives a bare name, which only words of small talk can confirm.
SMALL_TALK = ("greet", "thank", "goodbye")

_NAME_PREFIX = re.compile(
    r"^(?:(?:hi|hello|hey|ok|okay|sure|yes)[,!.]?\s+)?"
    r"(?:my name is|my name's|name is|name:|i am|i'm|im|it's|it is|this is|call me)\s+",
    re.IGNORECASE,
)
_CHANGE = re.compile(r"\b(?:change|edit|fix|wrong|typo|update)\b", re.IGNORECASE)
#: "please send it", "send my request": yes, to "Shall I send your request?".
_SEND = re.compile(r"(?:please )?send(?: it| my request| the request| that)?(?: please| now)?")


def is_question(text: str, intent: str | None, confidence: float) -> bool:
    """True when the message reads as a question or a request rather than an answer."""
    text = (text or "").strip()
    if text.endswith("?") or replies.asks_something(text):
        return True
    if contact(text):  # "Rosa Hernández, rosa@example.com", whatever NLU heard in it (a greeting)
        return False
    if not intent or confidence < NOT_AN_ANSWER_CONFIDENCE:
        return False
    if intent in SMALL_TALK and not replies.courtesy(text):
        return False  # "Sam Flood" heard as a greeting: a name has no "hi" in it
    return intent.startswith("ask_") or intent in NOT_ANSWER_INTENTS


def name(text: str) -> str | None:
    """The name in an answer such as "it's Ana Souza" or "Ana, ana@example.com"; None if it is not one."""
    text = EMAIL_PATTERN.sub(" ", text or "")
    text = without_phones(text)
    text = _NAME_PREFIX.sub("", text.strip())
    text = re.sub(r"\s+", " ", text).strip(" ,.;:!-")
    if not text or len(text) > MAX_NAME_CHARS or len(text.split()) > MAX_NAME_WORDS:
        return None
    if re.search(r"\d", text) or not re.search(r"[^\W\d_]", text):
        return None
    if replies.control(text) or replies.asks_something(text) or _is_yes_no(text):
        return None
    return text


def _is_yes_no(text: str) -> bool:
    """ "ok" or "yes please" said where a name is asked; "Si" (a name too) is taken as one."""
    return replies.only_yes_no(text) and replies.normalize(text) not in replies.ALSO_NAMES


def contact(text: str) -> str | None:
    """The email address or phone number in an answer, or None."""
    return find_contact(text or "")


def confirmation(text: str) -> str | None:
    """ "yes" (send it), "no" (cancel), "change" (ask the details again), or None.

    Yes and no are read as everywhere in the forms ("si", "yep", "nah"); "send it" and
    "please do" also say yes here, where the question is whether to send."""
    if _CHANGE.search(text or "") or replies.control(text) == "restart":
        return "change"
    if replies.control(text) == "cancel":
        return "no"
    if _SEND.fullmatch(replies.normalize(text)):
        return "yes"
    return replies.yes_no(text)
