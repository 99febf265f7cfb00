"""Buttons must lead somewhere: to an intent a topic (or the roadmap's dialogue) answers, and to an aspect it has."""

from __future__ import annotations

from collections.abc import Iterator

from bot.kb.catalog import Content
from bot.kb.checks.known import Known
from bot.kb.problems import Place, Problem
from bot.kb.records import Button, Topic
from bot.kb.text_rules import ASPECT_PAYLOAD, DIALOGUE_INTENTS


def _buttons(content: Content) -> Iterator[tuple[Place, int, Button]]:
    """Every button, numbered from 1 within its answer, at its topic's file and answer."""
    for topic in content.topics:
        for answer in topic.answers:
            at = Place(content.file_of(topic), f"{topic.key!r} answer {answer.variant!r}")
            for number, button in enumerate(answer.buttons, 1):
                yield at, number, button


def _payload_problem(payload: str, known: Known) -> str | None:
    """Why a button's payload leads nowhere, or None."""
    match = ASPECT_PAYLOAD.match(payload)
    if not match:
        return 'must look like /intent or /intent{"aspect":"key"}'
    intent = match["intent"]
    if intent in known.topic_of or (intent in DIALOGUE_INTENTS and not match["aspect"]):
        return None
    return f"intent {intent!r} is not routed to any topic"


def button_payloads(content: Content, known: Known) -> Iterator[Problem]:
    """A payload has the form the bot reads, and its intent is answered by a topic or the roadmap."""
    for at, number, button in _buttons(content):
        problem = _payload_problem(button.payload, known)
        if problem:
            yield at.problem(f"buttons.{number}.payload", problem)


def asked_aspects(content: Content, known: Known) -> dict[str, tuple[Topic, set[str]]]:
    """topic key -> (the topic a button leads to, the aspects buttons ask it for)."""
    asked: dict[str, tuple[Topic, set[str]]] = {}
    for _at, _number, button in _buttons(content):
        match = ASPECT_PAYLOAD.match(button.payload)
        target = known.topic_of.get(match["intent"]) if match else None
        if match and target is not None and match["aspect"]:
            asked.setdefault(target.key, (target, set()))[1].add(match["aspect"])
    return asked


def missing_aspects(content: Content, known: Known) -> Iterator[Problem]:
    """An aspect a button asks for must be a variant of the topic, reported at that topic's file."""
    for topic_key, (target, aspects) in asked_aspects(content, known).items():
        have = {a.variant for t in content.topics if t.key == topic_key for a in t.answers}
        for aspect in sorted(aspects - have):
            message = f"a button asks for aspect {aspect!r} but the topic has no such variant"
            yield Problem(content.file_of(target), repr(topic_key), "answers", message)
