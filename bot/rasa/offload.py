"""NLU and dialogue-policy work in worker threads, so one slow turn never stalls everyone else.

Rasa 3.6 runs its NLU pipeline (spaCy, the featurizers, the classifier) and its
policies synchronously inside the Sanic event loop that also receives every other
person's requests. While one message is being understood, nobody else's request is
even read: a message that took spaCy 17 s to tokenize kept every conversation on the
server waiting 17 s. The channels now bound every message (`bot.rasa.channels.limits`)
so no message should take long, and here the two graph runs of a turn are moved to a
small thread pool, so the loop keeps accepting and answering other conversations
while one turn computes.

Safe because Rasa holds a conversation's lock for the whole turn: only this turn
touches its tracker, and the components only read their trained state.

`apply()` replaces `MessageProcessor.parse_message` and `_run_prediction_loop` with
versions that differ from Rasa 3.6.21's only in where the synchronous graph runs.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from bot.rasa import require_supported

logger = logging.getLogger(__name__)

#: Threads for graph runs; several people's turns can compute at once.
WORKERS = 4
#: A graph run slower than this is logged (with the conversation, never the text).
SLOW_S = 1.0

T = TypeVar("T")
_executor: ThreadPoolExecutor | None = None
_applied = False


def _pool() -> ThreadPoolExecutor:
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="rasa-graph")
    return _executor


async def off_loop(what: str, sender_id: str, fn: Callable[..., T], *args: Any) -> T:
    """`fn(*args)` in the worker pool, awaited; logs a run slower than SLOW_S."""
    started = time.monotonic()
    result = await asyncio.get_running_loop().run_in_executor(_pool(), functools.partial(fn, *args))
    took = time.monotonic() - started
    if took > SLOW_S:
        logger.warning(f"{what} for conversation {sender_id!r} took {took:.1f} s.")
    return result


def _install() -> None:
    from rasa.core.processor import MessageProcessor, structlogger
    from rasa.core.processor import logger as rasa_logger
    from rasa.exceptions import ActionLimitReached
    from rasa.shared.core.trackers import DialogueStateTracker

    original_parse = MessageProcessor.parse_message

    async def parse_message(
        self: MessageProcessor, message: Any, tracker: Any = None, only_output_properties: bool = True
    ) -> dict[str, Any]:
        if self.http_interpreter:  # NLU on another server: nothing runs here
            return await original_parse(self, message, tracker, only_output_properties)
        if tracker is None:
            tracker = DialogueStateTracker.from_events(message.sender_id, [])
        parse_data = await off_loop(
            "Understanding a message",
            message.sender_id,
            self._parse_message_with_graph,
            message,
            tracker,
            only_output_properties,
        )
        self._update_full_retrieval_intent(parse_data)
        structlogger.debug(
            "processor.message.parse",
            parse_data_intent=parse_data["intent"],
        )
        self._check_for_unseen_features(parse_data)
        return parse_data

    async def _run_prediction_loop(self: MessageProcessor, output_channel: Any, tracker: Any) -> None:
        should_predict_another_action = True
        while should_predict_another_action and self._should_handle_message(tracker):
            try:
                action, prediction = await off_loop(
                    "Predicting the next action", tracker.sender_id, self.predict_next_with_tracker_if_should, tracker
                )
            except ActionLimitReached:
                rasa_logger.warning(
                    f"Circuit breaker tripped. Stopped predicting more actions for sender '{tracker.sender_id}'."
                )
                if self.on_circuit_break:
                    self.on_circuit_break(tracker, output_channel, self.nlg)
                break
            if prediction.is_end_to_end_prediction:
                tracker = await self.run_action_extract_slots(output_channel, tracker)
            should_predict_another_action = await self._run_action(
                action, tracker, output_channel, self.nlg, prediction
            )

    MessageProcessor.parse_message = parse_message
    MessageProcessor._run_prediction_loop = _run_prediction_loop


def apply() -> None:
    """Move NLU and policy runs off the event loop (once); raises on another Rasa version."""
    global _applied
    require_supported("bot.rasa.offload (NLU and policies in worker threads)")
    if not _applied:
        _install()
        _applied = True
