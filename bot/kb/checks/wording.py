"""Wording for international medical graduates stays in the answers only they get.

The bot picks an answer's `img` variant for someone whose background is "img"; everyone
else (and anyone whose background is not known) gets the default or another variant.
So an IMG-only phrase (wording.yml) anywhere but in an IMG-only answer reaches people it
does not fit: a school leaver told about "your science background".

An aspect variant counts as IMG-only when every button that asks for it is on an IMG-only
answer, and its key is no entity a message could name instead (e.g. "img_interview").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from bot.kb.catalog import Content
from bot.kb.checks.known import Known
from bot.kb.problems import Place, Problem
from bot.kb.text_rules import ASPECT_PAYLOAD

#: The variant chosen for people whose background is "img" (backgrounds.yml).
IMG = "img"
#: Typographic apostrophes read the same as typed ones.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})

Answer = tuple[str, str]  # (topic key, variant)


def _normal(text: str) -> str:
    return " ".join(text.translate(_APOSTROPHES).split())


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """The phrase as a whole: not part of a longer word, any case, any run of spaces between words."""
    words = [re.escape(w) for w in _normal(phrase).split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def phrases_in(text: str, patterns: Iterable[tuple[str, re.Pattern[str]]]) -> list[str]:
    """The phrases (as listed) that `text` contains."""
    normal = _normal(text)
    return [phrase for phrase, pattern in patterns if pattern.search(normal)]


def _askers(content: Content, known: Known) -> dict[Answer, set[Answer]]:
    """(topic, aspect) -> the answers whose buttons ask that topic for that aspect."""
    asked: dict[Answer, set[Answer]] = {}
    for topic in content.topics:
        for answer in topic.answers:
            for button in answer.buttons:
                match = ASPECT_PAYLOAD.match(button.payload)
                target = known.topic_of.get(match["intent"]) if match else None
                if match and target is not None and match["aspect"]:
                    asked.setdefault((target.key, match["aspect"]), set()).add((topic.key, answer.variant))
    return asked


def img_only_answers(content: Content, known: Known) -> set[Answer]:
    """Every (topic, variant) only IMGs get: the `img` variants, and aspects only those lead to."""
    only: set[Answer] = {(t.key, a.variant) for t in content.topics for a in t.answers if a.variant == IMG}
    exists = {(t.key, a.variant) for t in content.topics for a in t.answers}
    named = known.entity_keys | known.entity_kinds
    asked = {
        where: askers for where, askers in _askers(content, known).items() if where in exists and where[1] not in named
    }
    grown = True
    while grown:  # an IMG-only answer's button may lead to another IMG-only aspect, and so on
        grown = False
        for where, askers in asked.items():
            if where not in only and askers <= only:
                only.add(where)
                grown = True
    return only


def img_wording(content: Content, known: Known) -> Iterator[Problem]:
    """No answer that people of any background can get says an IMG-only phrase, in its text or a button."""
    patterns = [(p.phrase, phrase_pattern(p.phrase)) for p in content.img_only_phrases]
    only = img_only_answers(content, known)
    for topic in content.topics:
        for answer in topic.answers:
            if (topic.key, answer.variant) in only:
                continue
            at = Place(content.file_of(topic), f"{topic.key!r} answer {answer.variant!r}")
            fields = [("text", answer.text)]
            fields += [(f"buttons.{n}.title", b.title) for n, b in enumerate(answer.buttons, 1)]
            for field, text in fields:
                for phrase in phrases_in(text, patterns):
                    message = (
                        f"{phrase!r} is for international medical graduates only: say it in the topic's 'img' variant"
                    )
                    yield at.problem(field, message)
