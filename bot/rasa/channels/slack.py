"""Slack connector: Rasa's, with a configurable API base URL and whole answers.

Credentials (`credentials.yml`, written by `bot.rasa.channels.config`):

    bot.rasa.channels.slack.SlackInput:
      slack_token: xoxb-...             # Bot User OAuth Token
      slack_signing_secret: ...         # every request is checked against it (400 if not)
      slack_channel: C0123456789        # optional: also answer in this channel
      api_base_url: https://slack.com/api/   # optional: where the Web API is (tests: a fake)

What differs from Rasa 3.6's SlackInput/SlackBot:
- the Web API base URL is configurable (Rasa never passes `base_url` to `AsyncWebClient`);
- a reply is one message: its text in plain-text section blocks of at most 3,000
  characters each (Slack's limit per block; Rasa posted every paragraph separately and
  put a long text with buttons into one block, which Slack rejects), its buttons as
  Slack buttons in actions blocks (any number of them; Rasa dropped all buttons past five);
- the Events API URL check (`url_verification`) is answered with the challenge as
  plain text, as Slack asks (Rasa answered a JSON string).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.slack import SlackBot as RasaSlackBot
from rasa.core.channels.slack import SlackInput as RasaSlackInput
from sanic import Blueprint, response
from sanic.request import Request
from slack_sdk.web.async_client import AsyncWebClient

from bot.rasa import require_supported
from bot.rasa.channels import split_text
from bot.rasa.channels.guard import guarded

require_supported("the Slack connector (SlackInput's internals)")

logger = logging.getLogger(__name__)

SECTION_LIMIT = 3000  # characters in one section block's text
BUTTON_TITLE_LIMIT = 75  # characters in a button's label
BUTTON_VALUE_LIMIT = 2000
BUTTONS_PER_BLOCK = 25  # elements in one actions block
SECTIONS_PER_MESSAGE = 10  # keeps the notification text (`text`) well under Slack's 40,000


def _base_url(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def _escape(text: str) -> str:
    """Slack's `text` field is mrkdwn: &, < and > must always be escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _label(title: str) -> str:
    return title if len(title) <= BUTTON_TITLE_LIMIT else title[: BUTTON_TITLE_LIMIT - 1] + "…"


def reply_messages(text: str, buttons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The `chat.postMessage` arguments (without channel) for one bot reply."""
    sections: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "plain_text", "text": part, "emoji": True}}
        for part in split_text(text or "", SECTION_LIMIT)
    ]
    usable = [b for b in buttons if b.get("title") and len(str(b.get("payload", b["title"]))) <= BUTTON_VALUE_LIMIT]
    actions: list[dict[str, Any]] = [
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "action_id": f"button_{start + i}",
                    "text": {"type": "plain_text", "text": _label(b["title"]), "emoji": True},
                    "value": str(b.get("payload") or b["title"]),
                }
                for i, b in enumerate(usable[start : start + BUTTONS_PER_BLOCK])
            ],
        }
        for start in range(0, len(usable), BUTTONS_PER_BLOCK)
    ]
    groups = [sections[i : i + SECTIONS_PER_MESSAGE] for i in range(0, len(sections), SECTIONS_PER_MESSAGE)] or [[]]
    groups[-1] = groups[-1] + actions
    messages = []
    for blocks in groups:
        shown = "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")
        fallback = shown or " ".join(b["title"] for b in usable)
        messages.append({"text": _escape(fallback), "blocks": blocks})
    return messages


class SlackBot(RasaSlackBot):
    """Output channel: one message per reply, buttons as Slack buttons, configurable API URL."""

    def __init__(
        self,
        token: str,
        slack_channel: str | None = None,
        thread_id: str | None = None,
        proxy: str | None = None,
        api_base_url: str | None = None,
    ) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        if api_base_url:
            self.client = AsyncWebClient(token, proxy=proxy, base_url=_base_url(api_base_url))

    async def _post_reply(self, recipient_id: str, text: str, buttons: list[dict[str, Any]]) -> None:
        recipient = self.slack_channel or recipient_id
        # No `as_user`: it is for classic Slack apps only; a bot token posts as the bot.
        for message in reply_messages(text, buttons):
            await self._post_message(channel=recipient, **message)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._post_reply(recipient_id, text, [])

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self._post_reply(recipient_id, text, buttons)


class SlackInput(RasaSlackInput):
    """Input channel: Rasa's request checks (signature, 5-minute timestamp window), our output."""

    api_base_url: str | None = None

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> SlackInput:
        channel = super().from_credentials(credentials)
        channel.api_base_url = (credentials or {}).get("api_base_url") or None
        return channel

    def get_output_channel(self, channel: str | None = None, thread_id: str | None = None) -> SlackBot:
        return SlackBot(self.slack_token, channel or self.slack_channel, thread_id, self.proxy, self.api_base_url)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        slack_webhook = super().blueprint(guarded(on_new_message))

        @slack_webhook.middleware("request")
        async def url_verification(request: Request) -> Any | None:
            if (
                request.method != "POST"
                or not request.path.endswith("/webhook")
                or request.headers.get("content-type") != "application/json"
            ):
                return None
            try:
                body = json.loads(request.body or b"{}")
            except ValueError:
                return None
            if not isinstance(body, dict) or body.get("type") != "url_verification":
                return None
            if not self.is_request_from_slack_authentic(request):
                return response.text(
                    "Message is not properly signed with a valid X-Slack-Signature header",
                    status=HTTPStatus.BAD_REQUEST,
                )
            return response.text(str(body.get("challenge", "")))

        return slack_webhook
