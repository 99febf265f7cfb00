"""Reading the answers to the handoff questions (name, contact, confirmation) from free text.

The handoff form asks three things in a row; people answer in their own words
("it's Ana Souza", "you can call me on +1 555 010 7788", "yes please"), and may
instead ask a question or give up ("never mind"). These readers say what an answer
holds, or None, so the form can tell an answer from an interruption.
"""

from __future__ import annotations

import re

from bot.contacts import EMAIL_PATTERN, PHONE_PATTERN, find_contact

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

_NAME_PREFIX = re.compile(
    r"^(?:(?:hi|hello|hey|ok|okay|sure|yes)[,!.]?\s+)?"
    r"(?:my name is|my name's|name is|name:|i am|i'm|im|it's|it is|this is|call me)\s+",
    re.IGNORECASE,
)
_QUESTION_START = re.compile(
    r"^(?:what|how|why|when|where|who|which|can|could|do|does|is|are|will|should|would)\b", re.IGNORECASE
)
_CANCEL = re.compile(
    r"^(?:cancel|never\s?mind|nvm|stop|forget it|no thanks|no,? thank you|don't|do not|"
    r"not now|i changed my mind)\b",
    re.IGNORECASE,
)
_YES = re.compile(
    r"^(?:y|yes|yeah|yep|yup|sure|ok|okay|correct|right|that's right|send|please do|go ahead)\b", re.IGNORECASE
)
_NO = re.compile(r"^(?:n|no|nope|nah)\b", re.IGNORECASE)
_CHANGE = re.compile(r"\b(?:change|edit|fix|wrong|typo|update)\b", re.IGNORECASE)


def is_cancel(text: str) -> bool:
    """True for "cancel", "never mind" and the like: the person no longer wants an advisor."""
    return bool(_CANCEL.match((text or "").strip()))


def is_question(text: str, intent: str | None, confidence: float) -> bool:
    """True when the message reads as a question or a request rather than an answer."""
    text = (text or "").strip()
    if text.endswith("?") or _QUESTION_START.match(text):
        return True
    if not intent or confidence < NOT_AN_ANSWER_CONFIDENCE:
        return False
    return intent.startswith("ask_") or intent in NOT_ANSWER_INTENTS


def name(text: str) -> str | None:
    """The name in an answer such as "it's Ana Souza" or "Ana, ana@example.com"; None if it is not one."""
    text = EMAIL_PATTERN.sub(" ", text or "")
    text = PHONE_PATTERN.sub(" ", text)
    text = _NAME_PREFIX.sub("", text.strip())
    text = re.sub(r"\s+", " ", text).strip(" ,.;:!-")
    if not text or len(text) > MAX_NAME_CHARS or len(text.split()) > MAX_NAME_WORDS:
        return None
    if re.search(r"\d", text) or not re.search(r"[^\W\d_]", text) or is_cancel(text) or _QUESTION_START.match(text):
        return None
    return text


def contact(text: str) -> str | None:
    """The email address or phone number in an answer, or None."""
    return find_contact(text or "")


def confirmation(text: str) -> str | None:
    """ "yes" (send it), "no" (cancel), "change" (ask the details again), or None."""
    text = (text or "").strip()
    if _CHANGE.search(text):
        return "change"
    if is_cancel(text) or _NO.match(text):
        return "no"
    if _YES.match(text):
        return "yes"
    return None
