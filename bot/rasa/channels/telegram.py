"""Telegram connector: Rasa's, made to start offline and to keep working after start-up.

Credentials (`credentials.yml`, written by `bot.rasa.channels.config`):

    bot.rasa.channels.telegram.TelegramInput:
      access_token: "123456789:AA..."     # from @BotFather
      verify: cma_advisor_bot             # the bot's username; updates for another bot are ignored
      webhook_url: https://advisor.example.org/webhooks/telegram/webhook
      api_base_url: https://api.telegram.org   # optional: a local Bot API server, or a fake in tests
      webhook_secret: ...                 # optional: defaults to one derived from the token

What differs from Rasa 3.6's TelegramInput/TelegramOutput:
- nothing touches the network while the server is being built: Rasa called `setWebhook`
  in `asyncio.run` there, so `rasa run` aborted offline, and the aiohttp session it
  left behind belonged to that finished loop, so every later update failed with
  "Event loop is closed". Here `setWebhook` and `getMe` run in the server's own loop
  once it is up, as a background task whose failure is logged, not fatal; the session
  is opened lazily in that loop and closed when the server stops;
- the webhook is registered with a secret token and updates without it get 403
  (Rasa accepted any POST, letting anyone make the bot write to any chat);
- `getMe` is asked once, not on every update; updates are ignored when the token
  belongs to another bot than `verify`, or when a command or mention names another
  bot (`/start@other_bot`, `@other_bot hi`);
- the Bot API base URL is configurable (`TelegramAPIServer.from_base`);
- a reply is one message (Rasa sent each paragraph separately), split only past
  Telegram's 4,096-character limit (Rasa's send then failed); buttons become a reply
  keyboard, and a tap on one (which Telegram sends as the button's title) is turned
  back into the button's payload; a reply without buttons removes an old keyboard;
- "/start" and "/help", which Telegram clients send as commands, become our greet
  and help intents.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

from aiogram import Bot
from aiogram.bot.api import TELEGRAM_PRODUCTION, TelegramAPIServer
from aiogram.types import KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove, Update
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.telegram import TelegramInput as RasaTelegramInput
from rasa.core.channels.telegram import TelegramOutput as RasaTelegramOutput
from rasa.shared.constants import INTENT_MESSAGE_PREFIX
from rasa.shared.core.constants import USER_INTENT_RESTART
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.rasa import require_supported
from bot.rasa.channels import split_text, utf16_len
from bot.rasa.channels.guard import guarded

require_supported("the Telegram connector (TelegramInput's internals)")

logger = logging.getLogger(__name__)

MESSAGE_LIMIT = 4096  # Telegram's limit for one message's text (UTF-16 units)
KEYBOARD_MEMORY = 10_000  # chats whose last keyboard we remember
COMMANDS = {"/start": "/greet", "/help": "/help"}
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_ADDRESSED = re.compile(r"^(/[A-Za-z0-9_]+)@([A-Za-z0-9_]+)\b|^@([A-Za-z0-9_]+)\b")


def derived_secret(token: str) -> str:
    """A webhook secret that needs no configuration: stable per bot token, not guessable from outside."""
    return hashlib.sha256(f"cma-advisor telegram webhook {token}".encode()).hexdigest()


class TelegramOutput(RasaTelegramOutput):
    """Output channel: whole replies, reply keyboards, configurable Bot API server, no network at creation."""

    def __init__(self, access_token: str | None, api_base_url: str | None = None) -> None:
        server = TelegramAPIServer.from_base(api_base_url) if api_base_url else TELEGRAM_PRODUCTION
        Bot.__init__(self, access_token, server=server)  # aiogram opens its session lazily, in the running loop
        # chat id -> {button title: payload} of the last keyboard sent there
        self.keyboards: OrderedDict[str, dict[str, str]] = OrderedDict()

    def remember_keyboard(self, chat_id: str, buttons: list[dict[str, Any]] | None) -> None:
        chat_id = str(chat_id)
        self.keyboards.pop(chat_id, None)
        if buttons:
            self.keyboards[chat_id] = {b["title"]: str(b.get("payload") or b["title"]) for b in buttons}
            while len(self.keyboards) > KEYBOARD_MEMORY:
                self.keyboards.popitem(last=False)

    def payload_for(self, chat_id: str, text: str) -> str:
        """What a tap on a reply-keyboard button means: the payload behind its title."""
        return self.keyboards.get(str(chat_id), {}).get(text.strip(), text)

    async def _send(self, recipient_id: str, text: str, markup: Any) -> None:
        parts = split_text(text or "", MESSAGE_LIMIT, utf16_len) or ["…"]
        for part in parts[:-1]:
            await self.send_message(recipient_id, part)
        await self.send_message(recipient_id, parts[-1], reply_markup=markup)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        had_keyboard = str(recipient_id) in self.keyboards
        self.remember_keyboard(recipient_id, None)
        await self._send(recipient_id, text, ReplyKeyboardRemove() if had_keyboard else None)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], button_type: str | None = None, **kwargs: Any
    ) -> None:
        buttons = [b for b in buttons if b.get("title")]
        markup = ReplyKeyboardMarkup(
            keyboard=[[KeyboardButton(b["title"])] for b in buttons], resize_keyboard=True, one_time_keyboard=True
        )
        self.remember_keyboard(recipient_id, buttons)
        await self._send(recipient_id, text, markup)

    async def close_session(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()


class TelegramInput(RasaTelegramInput):
    """Input channel: see the module docstring for what it fixes."""

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TelegramInput:
        if not credentials:
            cls.raise_missing_credentials_exception()  # raises (Rasa does not annotate it as NoReturn)
        credentials = credentials or {}
        return cls(
            credentials.get("access_token"),
            credentials.get("verify"),
            credentials.get("webhook_url"),
            debug_mode=False,
            api_base_url=credentials.get("api_base_url"),
            webhook_secret=credentials.get("webhook_secret"),
        )

    def __init__(
        self,
        access_token: str | None,
        verify: str | None,
        webhook_url: str | None,
        debug_mode: bool = False,
        api_base_url: str | None = None,
        webhook_secret: str | None = None,
    ) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode)
        self.api_base_url = api_base_url or None
        self.verify = (verify or "").lstrip("@") or None
        # We register the webhook ourselves, so we know its secret; without a webhook URL
        # (set by hand elsewhere) only an explicitly configured secret is checked.
        self.webhook_secret = webhook_secret or (derived_secret(access_token) if webhook_url and access_token else None)
        self._out: TelegramOutput | None = None
        self._username: str | None = None

    def get_output_channel(self) -> TelegramOutput:
        """The one output channel of this connector; no network call (Rasa's set the webhook here)."""
        if self._out is None:
            self._out = TelegramOutput(self.access_token, self.api_base_url)
        return self._out

    # --- talking to the Bot API, in the server's loop --------------------------------

    async def bot_username(self) -> str | None:
        """The bot's username from `getMe`, asked once; None if the Bot API cannot be reached."""
        if self._username is None:
            try:
                me = await self.get_output_channel().get_me()
            except Exception as error:  # network or API error: try again at the next update
                logger.warning(f"Telegram getMe failed ({self.api_base_url or 'api.telegram.org'}): {error}")
                return None
            self._username = me.username or ""
        return self._username

    async def register_webhook(self) -> bool:
        """Tell Telegram where to send updates (with our secret). Logs and returns False on failure."""
        if not self.webhook_url:
            logger.info("Telegram: no webhook_url configured; not registering a webhook.")
            return False
        params = {
            "url": self.webhook_url,
            "allowed_updates": json.dumps(["message", "edited_message", "callback_query"]),
        }
        if self.webhook_secret:
            params["secret_token"] = self.webhook_secret
        try:
            ok = await self.get_output_channel().request("setWebhook", params)
        except Exception as error:
            logger.warning(
                f"Telegram setWebhook to {self.webhook_url} failed: {error}. The server keeps "
                f"running; GET /webhooks/telegram/set_webhook retries."
            )
            return False
        logger.info(f"Telegram webhook set to {self.webhook_url}")
        return bool(ok)

    async def start(self) -> None:
        await self.register_webhook()
        username = await self.bot_username()
        if username is not None and self.verify and username.lower() != self.verify.lower():
            logger.warning(f"Telegram token belongs to @{username}, not @{self.verify}: its updates are ignored.")

    # --- reading updates --------------------------------------------------------------

    async def ignore_reason(self, text: str | None) -> str | None:
        """Why an update must not be answered (another bot's), or None to answer it."""
        username = await self.bot_username()
        if username is None:
            return "unreachable"
        if self.verify and username.lower() != self.verify.lower():
            return f"token belongs to @{username}, not @{self.verify}"
        match = _ADDRESSED.match(text or "")
        if match:
            named = match.group(2) or match.group(3)
            if named.lower() != username.lower():
                return f"addressed to @{named}"
        return None

    @staticmethod
    def _strip_own_name(text: str, username: str | None) -> str:
        if username:
            text = re.sub(rf"^(/[A-Za-z0-9_]+)@{re.escape(username)}\b", r"\1", text, flags=re.IGNORECASE)
            text = re.sub(rf"^@{re.escape(username)}\b[\s,:]*", "", text, flags=re.IGNORECASE)
        return text.strip()

    def _read_update(self, update: Update) -> tuple[Any | None, str | None]:
        if self._is_button(update):
            return update.callback_query.message, update.callback_query.data
        if self._is_edited_message(update):
            return update.edited_message, update.edited_message.text
        msg = update.message
        if msg is None:
            return None, None
        if self._is_user_message(msg):
            return msg, msg.text
        if self._is_location(msg):
            return msg, f'{{"lng":{msg.location.longitude}, "lat":{msg.location.latitude}}}'
        return msg, None

    def _has_secret(self, request: Request) -> bool:
        """Whether an update carries our webhook secret (always, when none is configured)."""
        if not self.webhook_secret:
            return True
        return hmac.compare_digest(request.headers.get(SECRET_HEADER, "").encode(), self.webhook_secret.encode())

    def _update_from(self, request: Request) -> tuple[Any | None, str | None]:
        """The message and its text in the update posted; raises on one that cannot be read."""
        body = request.json
        if isinstance(body, str):
            body = json.loads(body)
        return self._read_update(Update(**body))

    def _user_texts(self, sender_id: str, text: str) -> list[str]:
        """What the person said, as the bot reads it: our own name taken off, a keyboard tap as its
        button's payload, Telegram's commands as our intents, and a restart followed by a greeting."""
        text = self._strip_own_name(text, self._username)
        text = self.get_output_channel().payload_for(sender_id, text)
        text = COMMANDS.get(text, text)
        return [text] if text != INTENT_MESSAGE_PREFIX + USER_INTENT_RESTART else [text, COMMANDS["/start"]]

    async def _pass_on(
        self,
        texts: list[str],
        sender_id: str,
        metadata: dict[str, Any] | None,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> None:
        """Hand each text to Rasa; a failure is logged, since Telegram would resend the same update forever."""
        out_channel = self.get_output_channel()
        try:
            for each in texts:
                await on_new_message(
                    UserMessage(each, out_channel, sender_id, input_channel=self.name(), metadata=metadata)
                )
        except Exception as error:  # answered 200 anyway
            logger.error(f"Exception when trying to handle a Telegram message: {error}")
            logger.debug(error, exc_info=True)
            if self.debug_mode:
                raise

    async def handle_update(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        """One POST to the webhook: checked, read, perhaps ignored, else answered."""
        if not self._has_secret(request):
            return response.text("wrong or missing secret token", status=HTTPStatus.FORBIDDEN)
        try:
            msg, text = self._update_from(request)
        except Exception as error:
            logger.warning(f"Telegram: unreadable update: {error}")
            return response.text("unreadable update", status=HTTPStatus.BAD_REQUEST)
        if msg is None or text is None:
            return response.text("success")

        reason = await self.ignore_reason(text)
        if reason == "unreachable":  # Telegram retries the update later
            return response.text("Telegram Bot API unreachable", status=HTTPStatus.SERVICE_UNAVAILABLE)
        if reason:
            logger.info(f"Telegram: ignoring an update ({reason}).")
            return response.text("ignored")

        sender_id = str(msg.chat.id)
        await self._pass_on(self._user_texts(sender_id, text), sender_id, self.get_metadata(request), on_new_message)
        return response.text("success")

    # --- the webhook's routes ---------------------------------------------------------

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The routes under /webhooks/telegram/ and the start/stop hooks; an update's handling is `handle_update`."""
        on_new_message = guarded(on_new_message)
        telegram_webhook = Blueprint("telegram_webhook", __name__)
        out_channel = self.get_output_channel()

        @telegram_webhook.listener("after_server_start")
        async def start(app: Any, _loop: Any) -> None:
            app.add_task(self.start())

        @telegram_webhook.listener("before_server_stop")
        async def stop(_app: Any, _loop: Any) -> None:
            await out_channel.close_session()

        @telegram_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @telegram_webhook.route("/set_webhook", methods=["GET", "POST"])
        async def set_webhook(_: Request) -> HTTPResponse:
            if await self.register_webhook():
                return response.text("Webhook setup successful")
            return response.text("Invalid webhook", status=HTTPStatus.BAD_GATEWAY)

        @telegram_webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            return await self.handle_update(request, on_new_message)

        return telegram_webhook
