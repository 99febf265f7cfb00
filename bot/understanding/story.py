"""A long message that tells a story around one question: NLU reads the question on its own.

"I retired last spring after thirty years as a paramedic ... I want to know whether all my
field experience can count toward the CMA exam" is classified by every word in it: the
story's words (paramedic, money, school) outvote the question's, and the message comes
back as "telling us about themselves" or as the story's topic. The question alone
("whether all my field experience can count toward the CMA exam") NLU reads well. So a
story is parsed twice, whole and by its question, and the question's reading decides
the topic while the whole message still gives the names (state, credential, years) and
what the person said about themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.understanding.cues import asking_clause

#: A message this long, at least STORY_RATIO times longer than its question, is a story around it.
STORY_WORDS = 30
STORY_RATIO = 2
#: Readings that name no topic: a question read as one of these leaves the whole message's reading.
NO_QUESTION = frozenset({"nlu_fallback", "inform", "out_of_scope", "greet", "goodbye", "thank"})


def story_question(text: str) -> str | None:
    """The question of a story, or None when the message is no story (short, or all question)."""
    if text.startswith("/"):  # a button's payload
        return None
    words = len(text.split())
    asked = asking_clause(text)
    if words < STORY_WORDS or words < STORY_RATIO * len(asked.split()):
        return None
    return asked


def by_its_question(whole: Mapping[str, Any], question: Mapping[str, Any]) -> dict[str, Any]:
    """The parse of a story with the topic its question was read as: the question's intent and
    ranking, the whole message's entities and text. The whole message's reading is kept beside it
    (`story_intent`) for the logs. A question read as no topic leaves the parse as it was."""
    intent = (question.get("intent") or {}).get("name")
    if intent is None or intent in NO_QUESTION:
        return dict(whole)
    return {
        **whole,
        "intent": question.get("intent"),
        "intent_ranking": question.get("intent_ranking") or [],
        "story_intent": whole.get("intent"),
    }
