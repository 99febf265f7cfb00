"""Conversations an advisor holds: their messages are stored, not answered.

The channel guard (`bot.rasa.channels.guard`) asks `holder` for every message. While an
advisor holds the conversation (bot/takeover/store.py, written by the console), the message
is parsed and added to the conversation as Rasa's own HTTP API logs a message (the
processor's `log_message`): the console shows it with its intent, and the bot predicts
nothing and says nothing. The user event carries `held_by` in its metadata, so the review
can tell a message nobody answered from one the bot answered badly.

The guard has no handle on the Rasa server's app; the running server is found through
Sanic's registry of apps under the names Rasa 3.6 gives its app. Outside a Rasa server
(a unit test of the guard) there is none, so nothing is held and no database is read.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic import Sanic
from sanic.exceptions import SanicException
from sqlalchemy.exc import SQLAlchemyError

from bot.db import get_engine
from bot.rasa import require_supported
from bot.settings import load_settings
from bot.takeover.store import HoldStore

require_supported("the held conversations (Rasa's app names and MessageProcessor.log_message)")

logger = logging.getLogger(__name__)

#: The names Rasa 3.6 gives the Sanic app of `rasa run` (with and without --enable-api).
RASA_APP_NAMES = ("rasa_server", "rasa_core_no_api")
HELD_BY = "held_by"


def running_agent() -> Any | None:
    """The Rasa agent of the server this process runs, or None outside one."""
    for name in RASA_APP_NAMES:
        try:
            app = Sanic.get_app(name)
        except SanicException:
            continue
        agent = getattr(app.ctx, "agent", None)
        if agent is not None:
            return agent
    return None


@lru_cache(maxsize=1)
def _holds() -> HoldStore:
    return HoldStore(get_engine(load_settings().database_url))


def holder(sender_id: str) -> str | None:
    """The advisor holding the conversation, or None: the bot answers. A database that cannot be
    read lets the bot answer (logged): a person is never left without any answer by a fault."""
    if running_agent() is None:
        return None
    try:
        hold = _holds().current(sender_id)
    except SQLAlchemyError as exc:
        logger.warning(f"Could not read whether {sender_id!r} is held by an advisor ({exc}); the bot answers.")
        return None
    return hold.held_by if hold else None


async def keep_unanswered(message: UserMessage, text: str, advisor: str) -> None:
    """Add the message to its conversation, parsed but unanswered (the advisor answers from the console)."""
    agent = running_agent()
    if agent is None or agent.processor is None:
        raise RuntimeError("no Rasa agent in this process to store the message with")
    metadata = {**(message.metadata or {}), HELD_BY: advisor}
    quiet = UserMessage(
        text=text,
        output_channel=CollectingOutputChannel(),  # a new session's start says nothing to the person either
        sender_id=message.sender_id,
        input_channel=message.input_channel,
        message_id=message.message_id,
        metadata=metadata,
    )
    async with agent.lock_store.lock(message.sender_id):
        await agent.processor.log_message(quiet, should_save_tracker=True)
    logger.info(f"Held by an advisor: stored a message of {message.sender_id!r} without answering it.")
