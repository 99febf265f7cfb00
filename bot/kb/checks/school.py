"""`{school:...}` placeholders must name something the school profile can say, and leave the answer short.

The school's facts are filled in when the bot answers (bot/school/sayings.py). A name the
bot cannot fill would reach people as raw braces, so it is refused when the content loads.
The word limit counts each placeholder as what the bot says when the school has stated
nothing, the sentence every answer shows until a school fills its profile in.
"""

from __future__ import annotations

from collections.abc import Iterator

from bot.kb.catalog import Content
from bot.kb.checks.known import Known
from bot.kb.problems import Place, Problem
from bot.kb.text_rules import MAX_ANSWER_WORDS, PLACEHOLDER
from bot.school import sayings
from bot.school.profile import School

_UNSET = School()


def school_placeholders(content: Content, known: Known) -> Iterator[Problem]:
    """Every `{school:...}` name is one the bot fills; with the school's defaults the answer stays short."""
    names = ", ".join(sorted(sayings.SAYINGS))
    for topic in content.topics:
        for answer in topic.answers:
            if not sayings.PLACEHOLDER.search(answer.text):
                continue
            at = Place(content.file_of(topic), f"{topic.key!r} answer {answer.variant!r}")
            unknown = sayings.unknown_placeholders(answer.text)
            for name in unknown:
                yield at.problem("text", f"unknown placeholder {{school:{name}}} (known: {names})")
            if unknown:
                continue
            facts_filled = PLACEHOLDER.sub(
                lambda m: known.facts[m.group(1)].value if m.group(1) in known.facts else "x", answer.text
            )
            bare = len(sayings.PLACEHOLDER.sub("x", facts_filled).split())
            words = len(sayings.fill(facts_filled, _UNSET).split())
            if bare <= MAX_ANSWER_WORDS < words:
                message = (
                    f"answers are kept short: {words} words once the school's defaults are filled in, "
                    f"at most {MAX_ANSWER_WORDS}"
                )
                yield at.problem("text", message)
