"""Turn knowledge-base answers into what a person reads.

Kept apart from the Rasa action so every channel (REST, widget, Slack, Telegram)
and every test sees the same wording, including the source line that every
stated figure must carry.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence

from sqlalchemy.exc import SQLAlchemyError

from bot.kb.queries import Citation, KnowledgeBase, ResolvedAnswer

log = logging.getLogger(__name__)

FALLBACK_TOPIC = "fallback"


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: List[Dict[str, str]]
    topic: str


class KnowledgeBaseUnavailable(RuntimeError):
    """The database is missing, locked or broken; callers answer politely instead."""


def source_line(citations: Sequence[Citation]) -> str:
    """One line naming each source once, with the years of the figures taken from it.

    e.g. "Sources: BLS, quoted by career sites (May 2024 data; 2024–34 projection;
    as reported, confirm with bls.gov); IMG-to-CMA career guide."
    """
    grouped: Dict[Citation, List[str]] = {}
    for c in citations:
        key = Citation(c.label, None, c.tier, c.confirm_with)
        whens = grouped.setdefault(key, [])
        if c.when and c.when not in whens:
            whens.append(c.when)
    parts = []
    for source, whens in grouped.items():
        notes = list(whens)
        if source.tier == "secondary":
            notes.append(f"as reported, confirm with {source.confirm_with}")
        parts.append(f"{source.label} ({'; '.join(notes)})" if notes else source.label)
    if not parts:
        return ""
    return ("Source: " if len(parts) == 1 else "Sources: ") + "; ".join(parts) + "."


def format_answer(answer: ResolvedAnswer) -> Reply:
    line = source_line(answer.citations)
    text = answer.text if not line else f"{answer.text}\n\n{line}"
    return Reply(text=text, buttons=list(answer.buttons), topic=answer.topic)


def reply_for(kb: KnowledgeBase, intent: Optional[str], entity_names: Iterable[str] = ()) -> Reply:
    """The reply to a message classified as `intent`, specific to the entities it named if we can."""
    try:
        topic = (intent and kb.topic_for_intent(intent)) or FALLBACK_TOPIC
        prefer = [e.key for e in (kb.resolve(n) for n in entity_names) if e is not None]
        answer = kb.answer(topic, prefer) or kb.answer(FALLBACK_TOPIC)
    except SQLAlchemyError as exc:
        log.error("knowledge base unavailable: %s", exc)
        raise KnowledgeBaseUnavailable(str(exc)) from exc
    if answer is None:  # an empty knowledge base: treat like an unreadable one
        raise KnowledgeBaseUnavailable("the knowledge base has no answers loaded")
    return format_answer(answer)
