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
#: A shorter story, from this many words, is read by its question when NLU was below SHORT_STORY_SURE.
SHORT_STORY_WORDS = 20
SHORT_STORY_SURE = 0.5
#: A question shorter than this points into its story ("Should I let him?") and says nothing alone.
MIN_QUESTION_WORDS = 5
#: Readings that name no topic: a question read as one of these leaves the whole message's reading.
NO_QUESTION = frozenset({"nlu_fallback", "inform", "out_of_scope", "greet", "goodbye", "thank"})


def story_question(text: str, whole_confidence: float = 0.0) -> str | None:
    """The question of a story, or None when the message is no story (short, or all question). A short
    story is read by its question only when NLU was unsure of the whole message (`whole_confidence`):
    "I completed my diploma last month and intend to sit for the RMA. Where is the exam actually
    administered?" leaves NLU torn, while "got registered as an MA in south dakota back in 2019, do i
    still need to renew that" is plainly South Dakota's rules, which "renew that" alone is not."""
    if text.startswith("/"):  # a button's payload
        return None
    words = len(text.split())
    asked = asking_clause(text)
    if words < SHORT_STORY_WORDS or (words < STORY_WORDS and whole_confidence >= SHORT_STORY_SURE):
        return None
    if words < STORY_RATIO * len(asked.split()) or len(asked.split()) < MIN_QUESTION_WORDS:
        return None  # "...He is not a lawyer. Should I let him?": a question this short is read with its story
    return asked


def by_its_question(whole: Mapping[str, Any], question: Mapping[str, Any]) -> dict[str, Any]:
    """The parse of a story with the topic both readings support most: each intent's confidence is the
    mean of its confidence in the whole message and in the question alone, so the question's
    words decide between topics the story left open, and the story still says what "that" or "it"
    in the question was ("the unemployment office said something about training money. could that
    pay for school"). The whole message keeps its entities and text; its own reading is kept beside
    (`story_intent`) for the logs. When the agreed topic is no topic, the parse is left as it was."""
    agreed = _agreed_ranking(_ranking(whole), _ranking(question))
    if not agreed or agreed[0][0] in NO_QUESTION:
        return dict(whole)
    name, confidence = agreed[0]
    return {
        **whole,
        "intent": {"name": name, "confidence": confidence},
        "intent_ranking": [{"name": n, "confidence": c} for n, c in agreed],
        "story_intent": whole.get("intent"),
    }


def _ranking(parse: Mapping[str, Any]) -> dict[str, float]:
    """A reading's confidence in each intent; the fallback's own entry is no intent."""
    return {
        str(r.get("name")): float(r.get("confidence") or 0.0)
        for r in parse.get("intent_ranking") or []
        if r.get("name") and r.get("name") != "nlu_fallback"
    }


def _agreed_ranking(whole: Mapping[str, float], question: Mapping[str, float]) -> list[tuple[str, float]]:
    """Every intent either reading ranked, by the normalised mean of its two confidences (a topic both
    readings half-support beats one each reading gives a little)."""
    names = set(whole) | set(question)
    means = {n: (whole.get(n, 0.0) + question.get(n, 0.0)) / 2 for n in names}
    total = sum(means.values())
    if total <= 0:
        return []
    return sorted(((n, m / total) for n, m in means.items()), key=lambda item: -item[1])
