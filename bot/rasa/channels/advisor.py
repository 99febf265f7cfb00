"""The advisors' way into a conversation: `POST /webhooks/advisor/say`, for the console only.

The console is a separate process; when an advisor replies to a person, or hands the
conversation back to the bot, it asks the Rasa server here to say it in the person's own
channel (the website widget's Socket.IO room, Slack, Telegram) and to keep it in the
conversation as a bot event whose metadata names the advisor. Every request must carry
`Authorization: Bearer <RASA_API_TOKEN>` (compared in constant time); without a configured
token the endpoint refuses everything.

    POST /webhooks/advisor/say
    {"sender_id": "...", "text": "...", "advisor": "ana@school.edu", "kind": "reply" | "handed_back"}
    -> 200 {"stored": true, "delivered": true, "channel": "slack"}
       200 {"stored": true, "delivered": false, "channel": "rest", "problem": "..."}
       400 / 401 / 404 / 503 {"error": "..."}

The event is stored before it is sent, so no one reads an advisor's words that the log does
not have. Handing back also closes a form the bot was in the middle of, so the bot does not
take the person's next message as the answer to a question asked before the advisor came in.
REST has no way to push a message, so there the reply is stored only, and the answer says so.

In credentials.yml (written by `bot.rasa.channels.config.write_server_credentials`):

    bot.rasa.channels.advisor.AdvisorInput:
"""

from __future__ import annotations

import hmac
import json
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.shared.core.constants import REQUESTED_SLOT
from rasa.shared.core.events import ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.rasa import require_supported
from bot.rasa.channels.guard import clean_text
from bot.takeover.wording import MAX_REPLY_CHARS

require_supported("the advisor relay (trackers, events and connectors' output channels)")

logger = logging.getLogger(__name__)

TOKEN_ENV = "RASA_API_TOKEN"
KINDS = ("reply", "handed_back")
MAX_BODY_BYTES = 16_384


class Refused(Exception):
    """The request cannot be done; `status` and the message are the answer."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def read_body(body: bytes) -> tuple[str, str, str, str]:
    """(sender_id, text, advisor, kind) from a request body, or Refused(400) saying what is wrong."""
    if len(body) > MAX_BODY_BYTES:
        raise Refused(400, "The request body is too large.")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Refused(400, "The request body is not JSON.") from None
    if not isinstance(data, dict):
        raise Refused(400, "The request body must be a JSON object.")
    sender, advisor, kind = data.get("sender_id"), data.get("advisor"), data.get("kind", "reply")
    raw = data.get("text")
    if isinstance(raw, str) and len(raw.strip()) > MAX_REPLY_CHARS:  # refused whole, never cut short
        raise Refused(400, f'"text" is longer than {MAX_REPLY_CHARS} characters.')
    text = clean_text(raw)
    if not isinstance(sender, str) or not sender.strip():
        raise Refused(400, '"sender_id" must name the conversation.')
    if not isinstance(advisor, str) or not advisor.strip():
        raise Refused(400, '"advisor" must name who speaks.')
    if kind not in KINDS:
        raise Refused(400, f'"kind" must be one of {", ".join(KINDS)}.')
    if not text:
        raise Refused(400, '"text" is empty.')
    return sender.strip(), text, advisor.strip()[:200], kind


def _latest_user_metadata(tracker: DialogueStateTracker) -> dict[str, Any]:
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return dict(event.metadata or {})
    return {}


def output_for(channels: list[InputChannel], tracker: DialogueStateTracker) -> tuple[str, OutputChannel | None]:
    """The conversation's channel name and the output channel that reaches the person there
    (None when that channel cannot send a message nobody asked for, as REST cannot)."""
    name = tracker.get_latest_input_channel() or ""
    connector = next((c for c in channels if c.name() == name), None)
    if connector is None:
        return name, None
    if name == "slack":  # answer where they wrote: the DM or channel, and its thread
        metadata = _latest_user_metadata(tracker)
        output = connector.get_output_channel(metadata.get("out_channel"), metadata.get("thread_id"))
    else:
        output = connector.get_output_channel()
    return name, output


class AdvisorInput(InputChannel):
    """Not a channel people talk on: the console's authenticated way to speak in a conversation."""

    @classmethod
    def name(cls) -> str:
        return "advisor"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls((credentials or {}).get("token"))

    def __init__(self, token: str | None = None) -> None:
        self.token = token or None

    def _token(self) -> str | None:
        return self.token or os.environ.get(TOKEN_ENV) or None

    def _check(self, request: Request) -> None:
        token = self._token()
        if not token:
            raise Refused(503, f"{TOKEN_ENV} is not set on this server, so advisors cannot speak through it.")
        given = request.headers.get("authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            raise Refused(401, "A valid token is required.")

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        relay = Blueprint("advisor_relay", __name__)

        @relay.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @relay.route("/say", methods=["POST"])
        async def say(request: Request) -> HTTPResponse:
            try:
                self._check(request)
                sender_id, text, advisor, kind = read_body(request.body or b"")
                return response.json(await self._say(request, sender_id, text, advisor, kind))
            except Refused as refused:
                return response.json({"error": str(refused)}, status=refused.status)

        return relay

    async def _say(self, request: Request, sender_id: str, text: str, advisor: str, kind: str) -> dict[str, Any]:
        agent = getattr(request.app.ctx, "agent", None)
        if agent is None or not agent.is_ready():
            raise Refused(503, "The bot's model is not loaded yet; try again in a moment.")
        async with agent.lock_store.lock(sender_id):
            tracker = await agent.tracker_store.retrieve(sender_id)
            if tracker is None or not tracker.events:
                raise Refused(404, "There is no conversation with that id.")
            channel, output = output_for(getattr(request.app.ctx, "input_channels", []), tracker)
            tracker.update(BotUttered(text, data={}, metadata={"advisor": advisor, "kind": kind}))
            if kind == "handed_back" and tracker.active_loop_name:
                tracker.update(ActiveLoop(None))
                tracker.update(SlotSet(REQUESTED_SLOT, None))
            await agent.tracker_store.save(tracker)
        answer: dict[str, Any] = {"stored": True, "delivered": False, "channel": channel}
        if output is None:
            answer["problem"] = (
                f"the {channel or 'unknown'} channel cannot receive a message the person did not ask for"
            )
            return answer
        try:
            await output.send_response(sender_id, {"text": text, "advisor": advisor})  # the widget labels it
        except Exception as exc:  # the service refused or could not be reached: the console says so
            logger.warning(f"An advisor's message to {sender_id!r} on {channel} was not delivered: {exc}")
            answer["problem"] = f"{channel} did not take it ({type(exc).__name__})"
            return answer
        answer["delivered"] = True
        logger.info(f"An advisor's message ({kind}) was delivered to {sender_id!r} on {channel}.")
        return answer
