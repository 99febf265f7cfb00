"""Answers must be reachable, cite what they state, and stay short once their figures are filled in."""

from __future__ import annotations

from collections.abc import Iterator

from bot.kb.catalog import Content
from bot.kb.checks.buttons import asked_aspects
from bot.kb.checks.known import Known
from bot.kb.checks.references import unknown_facts, unknown_source
from bot.kb.problems import Place, Problem
from bot.kb.records import Answer, Topic
from bot.kb.text_rules import ENTITY_PLACEHOLDER, MAX_ANSWER_WORDS, PLACEHOLDER


def _answers(content: Content) -> Iterator[tuple[Topic, Answer, Place]]:
    """Every answer, with its topic, at its topic's file and variant."""
    for topic in content.topics:
        for answer in topic.answers:
            yield topic, answer, Place(content.file_of(topic), f"{topic.key!r} answer {answer.variant!r}")


def unreachable_variants(content: Content, known: Known) -> Iterator[Problem]:
    """A variant is chosen by an entity key, an entity type or an aspect a button asks for; anything else
    (a typo) would never be said. `{entity}` is filled only in answers written for a whole entity type."""
    asked = asked_aspects(content, known)
    entities = known.entity_keys | known.entity_kinds
    for topic, answer, at in _answers(content):
        variant = answer.variant
        aspects = asked[topic.key][1] if topic.key in asked else set()
        if variant != "default" and variant not in entities | aspects:
            yield at.problem("variant", "not an entity key, an entity type, or an aspect any button asks for")
        if ENTITY_PLACEHOLDER in answer.text and variant not in known.entity_kinds:
            yield at.problem("text", "{entity} is only filled in answers whose variant is an entity type")


def _too_long(answer: Answer, at: Place, known: Known) -> Iterator[Problem]:
    """The word limit counts the figures as people read them; an unknown fact counts as one word."""
    rendered = PLACEHOLDER.sub(
        lambda m: known.facts[m.group(1)].value if m.group(1) in known.facts else "x", answer.text
    )
    words = len(rendered.split())
    if words > MAX_ANSWER_WORDS:
        message = f"answers are kept short: {words} words once figures are filled in, at most {MAX_ANSWER_WORDS}"
        yield at.problem("text", message)


def answer_problems(content: Content, known: Known) -> Iterator[Problem]:
    """Facts and sources an answer names exist; it is short; an "info" answer cites at least one source."""
    for topic, answer, at in _answers(content):
        yield from unknown_facts(at, "text", answer.text, known)
        for key in answer.sources:
            yield from unknown_source(at, "sources", key, known)
        yield from _too_long(answer, at, known)
        if topic.kind == "info" and not answer.sources and not PLACEHOLDER.search(answer.text):
            yield at.problem("sources", "an answer needs at least one source")
