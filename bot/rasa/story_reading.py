"""A message is read as the question it asks before any rule, form or action sees it.

A story around one question is classified by its question (`bot.understanding.story`), and
a form-opening reading that the message's words do not support ("where do i double check"
read as the eligibility check) is dropped, and one the words plainly ask for ("if i start in march
when am i done?") is taken, and so is a person asked for in so many words ("could a real person look
over my resume?") (`bot.understanding.openers`).

Rasa 3.6 gives a message one NLU reading, of all its words. Here
`MessageProcessor.parse_message` is wrapped so that a long message whose question is a
small part of it is parsed a second time, the question alone, and the topic both readings
support most decides the intent before any rule, form or action sees the message. Only
stories pay for the second parse (a few milliseconds with our classifier).
"""

from __future__ import annotations

from typing import Any

from bot.rasa import require_supported
from bot.understanding.context import CONTEXT_SLOT, Context
from bot.understanding.openers import (
    heard_opener,
    heard_overview,
    heard_person,
    heard_plan,
    heard_step_asked,
    without_misheard_person,
    without_opener,
)
from bot.understanding.story import by_its_question, story_question

_applied = False


def _install() -> None:
    from rasa.core.channels.channel import UserMessage
    from rasa.core.processor import MessageProcessor

    whole_parse = MessageProcessor.parse_message

    async def parse_message(
        self: MessageProcessor, message: Any, tracker: Any = None, only_output_properties: bool = True
    ) -> dict[str, Any]:
        parsed = await whole_parse(self, message, tracker, only_output_properties)
        question = story_question(message.text or "", float((parsed.get("intent") or {}).get("confidence") or 0.0))
        if question is not None:
            alone = UserMessage(question, sender_id=message.sender_id, input_channel=message.input_channel)
            parsed = by_its_question(parsed, await whole_parse(self, alone, tracker, only_output_properties))
        if tracker is None or tracker.active_loop_name:
            return parsed  # a waiting form reads its own answers
        context = Context.from_slot(tracker.get_slot(CONTEXT_SLOT))
        read = heard_overview(heard_plan(heard_opener(without_opener(parsed, context))))
        return heard_step_asked(heard_person(without_misheard_person(read)))

    MessageProcessor.parse_message = parse_message


def apply() -> None:
    """Read stories by their question (once, after `bot.rasa.offload`); raises on another Rasa version."""
    global _applied
    require_supported("bot.rasa.story_reading (a story read by its question)")
    if not _applied:
        _install()
        _applied = True
