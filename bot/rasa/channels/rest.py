"""The REST webhook (`POST /webhooks/rest/webhook`), strict about what it accepts.

Rasa's own RestInput takes whatever `request.json` gives: a body that is not JSON,
not UTF-8, or lacks `sender`/`message` ends in a 500 or in an empty `[]` that a
client cannot tell from "the bot had nothing to say". This one answers such
requests with 400 and a sentence saying what is wrong, and hands every accepted
message to `bot.rasa.channels.guard`, so an accepted message always gets a reply.

In credentials.yml (the channel keeps the name "rest", so the URL is unchanged):

    bot.rasa.channels.rest.RestInput:
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

import rasa.utils.endpoints
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.rasa import require_supported
from bot.rasa.channels.clients import client_address, client_key, trusted_proxies, with_client
from bot.rasa.channels.guard import guarded, prepare_text
from bot.rasa.channels.limits import MAX_BODY_BYTES, MAX_JSON_DEPTH, too_deep
from bot.rasa.channels.sessions import CONVERSATION_PREFIX, widget_key

require_supported("the REST connector (RestInput's internals)")

MAX_SENDER_CHARS = 128
#: Conversation ids a REST caller may use: letters, digits and . _ : @ + - (an email address fits).
SENDER = re.compile(r"^[A-Za-z0-9._:@+\-]+$")
#: What a REST caller may say its messages came from. Slack, Telegram and the widget have
#: connectors of their own; a caller claiming to be one of them would mislead the console.
REST_CHANNEL_NAMES = ("rest", "cmdline")


class BadRequest(ValueError):
    """The request cannot be handled; the message says why, for the client."""


def parse_body(body: bytes) -> tuple[str, str, dict[str, Any] | None, str | None]:
    """(sender, message, metadata, input_channel) from a webhook body, or BadRequest."""
    if len(body) > MAX_BODY_BYTES:
        raise BadRequest(f"The request body is larger than {MAX_BODY_BYTES // 1024} KB.")
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadRequest("The request body is not valid UTF-8.") from None
    except ValueError:
        raise BadRequest('The request body is not valid JSON; send {"sender": "...", "message": "..."}.') from None
    except RecursionError:
        raise BadRequest(f"The request body nests deeper than {MAX_JSON_DEPTH} levels.") from None
    if not isinstance(data, dict):
        raise BadRequest('The request body must be a JSON object: {"sender": "...", "message": "..."}.')
    sender, message = _sender(data.get("sender")), data.get("message")
    if not isinstance(message, str):
        raise BadRequest('"message" must be a string (the person\'s message).')
    if not prepare_text(message):
        raise BadRequest('"message" is empty; type a question, for example "How long does it take?".')
    metadata = data.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise BadRequest('"metadata" must be a JSON object when given.')
    if metadata is not None and too_deep(metadata):
        raise BadRequest(f'"metadata" may nest at most {MAX_JSON_DEPTH} levels.')
    channel = data.get("input_channel")
    if channel is not None and channel not in REST_CHANNEL_NAMES:
        raise BadRequest(f'"input_channel" may only be {" or ".join(REST_CHANNEL_NAMES)} when given.')
    return sender, message, metadata, channel


def _sender(sender: Any) -> str:
    """The conversation id from a webhook body, or BadRequest saying what is wrong with it."""
    if isinstance(sender, int) and not isinstance(sender, bool):
        sender = str(sender)
    if not isinstance(sender, str) or not sender.strip():
        raise BadRequest('"sender" must be a non-empty string of printable characters (the conversation id).')
    sender = sender.strip()
    if len(sender) > MAX_SENDER_CHARS:
        raise BadRequest(f'"sender" must be at most {MAX_SENDER_CHARS} characters.')
    if not SENDER.match(sender):
        raise BadRequest(
            '"sender" must be a non-empty string of printable characters (the conversation id): '
            "letters, digits and . _ : @ + - only."
        )
    if sender.startswith(CONVERSATION_PREFIX):
        raise BadRequest(f'"sender" may not start with "{CONVERSATION_PREFIX}": those are the website widget\'s.')
    return sender


class RestInput(RasaRestInput):
    """Rasa's RestInput with input checks (400 with a reason) and a reply for every accepted message."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        handle = guarded(on_new_message)
        webhook = Blueprint("strict_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                sender, text, metadata, channel = parse_body(request.body or b"")
            except BadRequest as problem:
                return response.json({"error": str(problem)}, status=400)
            address = client_address(request.ip, request.headers.get("x-forwarded-for"), trusted_proxies())
            metadata = with_client(metadata, client_key(address, widget_key()))
            collector = CollectingOutputChannel()
            await handle(UserMessage(text, collector, sender, input_channel=channel or self.name(), metadata=metadata))
            if rasa.utils.endpoints.bool_arg(request, "stream", default=False):
                # Rasa's console client (`make chat`) asks for one JSON message per line.
                lines = "".join(json.dumps(message) + "\n" for message in collector.messages)
                return response.text(lines, content_type="text/event-stream")
            return response.json(collector.messages)

        return webhook
