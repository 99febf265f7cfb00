"""A story around one question is classified by its question (`bot.understanding.story`).

Rasa 3.6 gives a message one NLU reading, of all its words. Here
`MessageProcessor.parse_message` is wrapped so that a long message whose question is a
small part of it is parsed a second time, the question alone, and the topic both readings
support most decides the intent before any rule, form or action sees the message. Only
stories pay for the second parse (a few milliseconds with our classifier).
"""

from __future__ import annotations

from typing import Any

from bot.rasa import require_supported
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
        question = story_question(message.text or "")
        if question is None:
            return parsed
        alone = UserMessage(question, sender_id=message.sender_id, input_channel=message.input_channel)
        return by_its_question(parsed, await whole_parse(self, alone, tracker, only_output_properties))

    MessageProcessor.parse_message = parse_message


def apply() -> None:
    """Read stories by their question (once, after `bot.rasa.offload`); raises on another Rasa version."""
    global _applied
    require_supported("bot.rasa.story_reading (a story read by its question)")
    if not _applied:
        _install()
        _applied = True
