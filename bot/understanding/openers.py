"""A form-opening reading the message's words do not support.

"where do i double check" after a state's rules, "my husband just made E-6, somebody said
that makes me not eligible anymore" after MyCAA: NLU hears "check" and "eligible" and reads a
request for the eligibility check, and Rasa's rules open its form before any action can weigh
the conversation. Such a reading is dropped before the rules see it (`bot.rasa.story_reading`)
when the message has none of the opener's own words (`topic_words` in
data/understanding/cues.yml), or asks about a facet of the topic in hand; the answer action
then reads the message as the question it is, in its conversation. A message with the
opener's words ("can you check what I can take?") opens its form as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.understanding.context import MAX_FACET_WORDS, Context, is_question, picks_between_options
from bot.understanding.cues import facet_of_topic_in_hand, off_topic_words

#: The intents whose rules open a form at once (data/stories/roadmap.yml). The roadmap's own opener
#: is left alone: people ask for a plan in too many words to list.
OPENERS = frozenset({"check_eligibility", "estimate_timeline"})
#: What a dropped opener becomes: no topic of its own, so the conversation decides.
NO_TOPIC = "nlu_fallback"


def misread_opener(intent: str | None, text: str, context: Context) -> bool:
    """True when NLU's form-opening reading is the story's words or a follow-up, not a request."""
    if intent not in OPENERS or text.startswith("/"):
        return False
    follow_up = (
        is_question(context.intent)
        and len(text.split()) <= MAX_FACET_WORDS
        and facet_of_topic_in_hand(context.intent, text)
    )
    return follow_up or picks_between_options(text, context) or off_topic_words(intent, text)


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
