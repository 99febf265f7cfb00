"""What every channel does before and after Rasa handles a message.

Before: the text is made safe to store and to parse. Lone surrogates (which JSON
allows as escapes) would make the SQL tracker store fail, control characters only
confuse the NLU, and a 10,000-character paste gains nothing past the first few
hundred words, so it is cut at MAX_MESSAGE_CHARS. Long runs of symbols are cut and
button payloads bounded (`bot.rasa.channels.limits`), so no message can make NLU
slow for everyone. A message that is empty after that is answered with a short
prompt instead of going through NLU.

After: Rasa 3.6 logs a failed custom action (the action server is down, or an
action crashed) and carries on, so the person would get no reply at all. Every
channel's handler is wrapped here: when a turn produced no message, the person
gets an apology and the offer of a human advisor. Nothing else changes, so the
bot recovers by itself as soon as the action server is back.

A turn's replies are held until the turn is over. If the conversation store could
not keep the turn (`bot.rasa.turns`), they are dropped and the person is told that
nothing was saved, so no one gets an answer the log does not have.

While an advisor holds the conversation (bot/takeover), a message is stored without an
answer (`bot.rasa.channels.held`): the advisor answers it from the console.

The wording lives in domain.yml with the other system messages
(`utter_no_reply`, `utter_empty_message`) so it is edited in one place.
"""

from __future__ import annotations

import asyncio
import logging
import re
import unicodedata
from collections.abc import Awaitable, Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rasa.core.channels.channel import OutputChannel, UserMessage

from bot.rasa import require_supported
from bot.rasa.channels import held
from bot.rasa.channels.limits import bounded_payload, collapse_symbol_runs
from bot.rasa.channels.queue import Busy, ConversationQueue
from bot.rasa.turns import recording_turn
from bot.settings import PROJECT_ROOT
from bot.understanding.split import LATER_QUESTION, UNPLACED, UNSURE, split_questions

require_supported("the channel guard (how connectors hand messages to Rasa)")

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 2000
#: C0/C1 control characters and other invisible format characters, except tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
DOMAIN = PROJECT_ROOT / "domain.yml"

Handler = Callable[[UserMessage], Awaitable[Any]]

#: Sent instead of a turn's answers when the conversation store could not keep the turn
#: (bot/rasa/turns.py). Not in domain.yml: only the channel ever sends it, and Rasa's
#: model would have to be retrained for a change of wording there.
NOT_STORED = {"text": "Sorry, I couldn't save that, so I haven't answered it. Please try again in a minute."}
#: Sent at once to a message that arrives while many of the same conversation's wait (bot/rasa/channels/queue.py).
SLOW_DOWN = {
    "text": "You're sending messages faster than I can answer, so I skipped that one. "
    "Please wait for my replies, then send it again."
}
#: Every channel's messages of one conversation share one line, in this process.
QUEUE = ConversationQueue()


def clean_text(text: Any) -> str:
    """The text as NLU and the tracker store should see it; "" when nothing is left."""
    if not isinstance(text, str):
        return ""
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates become "?"
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text))
    text = re.sub(r"[ \t]+", " ", text).strip()
    return collapse_symbol_runs(text[:MAX_MESSAGE_CHARS].rstrip())


def is_command(text: str) -> bool:
    """A button payload such as /ask_salary or /inform{"background":"img"}: not cut, not cleaned of braces."""
    return text.startswith("/")


def prepare_text(text: Any) -> str:
    """What NLU gets for a message: a well-formed payload as it is (bounded), anything else cleaned."""
    if isinstance(text, str) and is_command(text):
        payload = bounded_payload(text)
        if payload is not None:
            return payload
    return clean_text(text)


@lru_cache(maxsize=4)
def system_message(name: str, domain_path: Path = DOMAIN) -> dict[str, Any]:
    """A response from domain.yml as a channel message (text, buttons)."""
    responses = yaml.safe_load(domain_path.read_text(encoding="utf-8")).get("responses", {})
    variants = responses.get(name)
    if not variants:
        raise KeyError(f"{domain_path} has no response {name!r}")
    first = variants[0]
    message: dict[str, Any] = {"text": first["text"].strip()}
    if first.get("buttons"):
        message["buttons"] = list(first["buttons"])
    return message


async def send(output: OutputChannel, recipient_id: str, message: dict[str, Any]) -> None:
    await output.send_response(recipient_id, dict(message))


#: The lead naming whom an answer was fitted to ("In California: ", "For the RMA: "): the same answer with
#: or without it is the same answer.
_SAID_FOR = re.compile(r"^(?:In|For the) [^:\n]{1,40}: ")
#: How much of a part that was not understood its reply quotes.
QUOTED_CHARS = 60


class _Held(OutputChannel):
    """Keeps a turn's messages until the turn is over, then passes them on (or not) in order."""

    def __init__(self, inner: OutputChannel, asked: str = ""):
        self.inner = inner
        self.asked = asked
        self.held: list[tuple[str, dict[str, Any]]] = []

    def name(self) -> str:  # an instance's name (the inner channel's), not the class's
        return self.inner.name()

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.held.append((recipient_id, message))

    @property
    def unplaced(self) -> bool:
        """Everything this part said places no question (`UNPLACED`)."""
        return bool(self.held) and all(message.get(UNPLACED) for _, message in self.held)

    @property
    def unsure(self) -> bool:
        """This part was not understood (`UNSURE`)."""
        return any(message.get(UNSURE) for _, message in self.held)

    def quoting(self) -> None:
        """Its not-understood reply names the part it is about: "About “38k??”: Sorry, …"."""
        asked = self.asked if len(self.asked) <= QUOTED_CHARS else self.asked[: QUOTED_CHARS - 1].rstrip() + "…"
        self.held = [
            (
                who,
                {**message, "text": f"About “{asked}”: {message.get('text') or ''}"}
                if message.get(UNSURE)
                else message,
            )
            for who, message in self.held
        ]

    async def release(self, said: set[str] | None = None) -> int:
        """Send what the turn said; how many messages it said. A text already in `said` (what earlier
        questions of the same message were told) is counted but not sent twice: two questions of one
        message that come to the same answer ("may I work as an MA? which certification accepts my
        nursing?") get it once."""
        held, self.held = self.held, []
        for recipient_id, message in held:
            text = _SAID_FOR.sub("", str(message.get("text") or ""), count=1)
            if said is not None and text:
                if text in said:
                    continue
                said.add(text)
            await self.inner.send_response(recipient_id, message)
        return len(held)

    def __getattr__(self, item: str) -> Any:
        return getattr(self.inner, item)


async def _release(answered: list[_Held], said: set[str]) -> int:
    """Send each stored part's replies in order, leaving out parts that placed no question when another
    part was answered, and putting parts that were not understood after those that were; how many
    messages were said (those left out count as said: they were stored)."""
    placed = any(not part.unplaced for part in answered)
    several = len(answered) > 1
    understood = several and any(not (part.unplaced or part.unsure) for part in answered)
    later = [part for part in answered if understood and part.unsure]
    count = 0
    for part in [*(part for part in answered if part not in later), *later]:
        if placed and part.unplaced and several:
            count += len(part.held)
            part.held = []
            continue
        if part in later:
            part.quoting()
        count += await part.release(said)
    answered.clear()
    return count


def _with_text(message: UserMessage, text: str, output: OutputChannel, first: bool) -> UserMessage:
    """A copy of `message` with another text, sent to `output`: the first part keeps its id, and the
    later ones say they follow on from it (`LATER_QUESTION`)."""
    metadata = message.metadata if first else {**(message.metadata or {}), LATER_QUESTION: True}
    return UserMessage(
        text=text,
        output_channel=output,
        sender_id=message.sender_id,
        parse_data=message.parse_data,
        input_channel=message.input_channel,
        message_id=message.message_id if first else None,
        metadata=metadata,
    )


def guarded(on_new_message: Handler, queue: ConversationQueue = QUEUE) -> Handler:
    """`on_new_message` that never leaves a person without an answer, nor with one that was not
    stored, and handles one conversation's messages one at a time, in order."""

    async def handle(message: UserMessage) -> None:
        output = message.output_channel
        text = prepare_text(message.text)
        if not text:
            await send(output, message.sender_id, system_message("utter_empty_message"))
            return
        try:
            async with queue.turn(message.sender_id):
                # In a worker thread: a locked database must not stall every other conversation.
                advisor = await asyncio.to_thread(held.holder, message.sender_id)
                if advisor is None:
                    await _answer(on_new_message, message, text)
                else:
                    await _keep_for_the_advisor(message, text, advisor)
        except Busy:
            logger.warning(
                f"Conversation {message.sender_id!r} has {queue.waiting(message.sender_id)} messages in line; "
                "asked the person to slow down instead of queueing another."
            )
            await send(output, message.sender_id, SLOW_DOWN)

    return handle


async def _keep_for_the_advisor(message: UserMessage, text: str, advisor: str) -> None:
    """A held conversation's message: stored for the advisor, no answer from the bot."""
    with recording_turn() as turn:
        try:
            await held.keep_unanswered(message, text, advisor)
        except Exception:  # logged; the person is told it was not kept, as for any turn not stored
            logger.exception(f"Storing a held message of {message.sender_id!r} failed.")
            turn.stored = False
    if not turn.stored:
        await send(message.output_channel, message.sender_id, NOT_STORED)


async def _answer(on_new_message: Handler, message: UserMessage, text: str) -> None:
    """Hand the message (each of its questions) to Rasa; its replies go out only if the turn was stored."""
    output = message.output_channel
    sent = 0
    said: set[str] = set()
    answered: list[_Held] = []  # stored parts, sent once all are answered (or at the first failure)
    try:
        # Several questions in one message are handled one after another, each answered.
        for n, part in enumerate(split_questions(text)):
            held = _Held(output, part)
            with recording_turn() as turn:
                try:
                    await on_new_message(_with_text(message, part, held, first=n == 0))
                finally:
                    if turn.stored:
                        answered.append(held)
            if not turn.stored:
                sent += await _release(answered, said)
                await send(output, message.sender_id, NOT_STORED)
                sent += 1
                break  # the rest would build on a turn that is not there
        else:
            sent += await _release(answered, said)
    except Exception:  # logged with the traceback; the person gets the apology below
        logger.exception(f"Handling a message from {message.sender_id!r} failed.")
        sent += await _release(answered, said)
    if sent == 0:
        logger.error(f"No reply to {message.sender_id!r} (is the action server up?); sent the apology.")
        await send(output, message.sender_id, system_message("utter_no_reply"))
