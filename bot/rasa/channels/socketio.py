"""The website widget's channel: Rasa's Socket.IO connector with conversations the server
issues, an Origin allow-list, bounded messages and working replies, plus the widget's
static files and the demo page, served by the Rasa server itself.

In credentials.yml:

    bot.rasa.channels.socketio.SocketIOInput:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered
      session_persistence: true

Every message goes through `bot.rasa.channels.guard` (cleaned, bounded, and never left
without a reply), and a malformed `user_uttered` event is answered or ignored instead of
raising inside the stock handler.

Why not Rasa's own blueprint:

- Whoever asked for a session id got it (`session_request {"session_id": X}`), so any
  page could read and write any conversation, even a Telegram or REST one. Here the
  server issues the widget a signed token and decides the conversation from it
  (`bot.rasa.channels.sessions`); a socket posts only into the conversation its own
  session_request was given, whatever `session_id` its messages name.
- It accepted sockets from every web origin. Here a page must be served by this server
  or listed in WIDGET_ORIGINS (`allowed_origins` in the credentials).
- It accepted 1 MB per message; here 64 KB (`bot.rasa.channels.limits`).
- With `session_persistence: true`, Rasa 3.6 calls `sio.enter_room(...)` without
  `await`; python-socketio >= 5.10 made that a coroutine, so every reply was lost
  (RasaHQ/rasa#13027). Here it is awaited.
- It cut every reply at blank lines into several messages, so an answer and its
  sources came apart. Here one bot utterance is one message, with an `id`
  (`bot.rasa.channels.widget_messages`).
- A reply sent while the visitor's page was reloading went to an empty room and was
  never seen. Here `session_request` may name the last message the widget has shown
  (`{"session_id": token, "shown": id}`); the server then sends that socket what the
  tracker store holds after it. A client that names none (the old rasa-webchat) is
  sent nothing more, as before.
- A `user_uttered` event is acknowledged as soon as it is taken (Socket.IO's ack), so
  the widget knows which messages it must send again after a reload.

With persistence the widget keeps its token in the browser's storage, so a reload
continues the same conversation.

The same blueprint serves, under `/web/` on the Rasa server's own host and port:

    /web/widget/webchat.js   the loader a school's snippet names (web/src/loader.js)
    /web/widget/widget.<hash>.js, .css
                             the widget (web/src/, with socket.io-client), cached for a year
    /web/widget/LICENSE      the licences of what it bundles
    /web/demo/               a mock school admissions page with the widget (web/demo/)
    /web/                    the connector's health check ({"status": "ok"})

all built by scripts/build-web.sh and sent compressed (brotli or gzip) when the
browser takes it (`bot.rasa.channels.widget_files`), so a school page needs nothing
from a CDN, and the demo page talks to Socket.IO on the same origin.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import logging
import os
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage, decode_bearer_token
from rasa.core.channels.socketio import SocketBlueprint, SocketIOOutput
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from rasa.shared.core.events import BotUttered
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.rasa import require_supported
from bot.rasa.channels.clients import client_address, client_key, trusted_proxies, with_client
from bot.rasa.channels.guard import guarded, system_message
from bot.rasa.channels.limits import MAX_BODY_BYTES, too_deep
from bot.rasa.channels.sessions import WidgetSessions, load_key, origin_allowed, parse_origins, widget_key
from bot.rasa.channels.widget_files import WidgetFiles
from bot.rasa.channels.widget_messages import is_plain, unseen, widget_message
from bot.settings import PROJECT_ROOT

require_supported("the Socket.IO connector (SocketIOInput's internals)")

logger = logging.getLogger(__name__)

WEB_ROOT = PROJECT_ROOT / "web"
URL_PREFIX = "/web"


NOSNIFF = {"X-Content-Type-Options": "nosniff"}


def _hashes(page: str, tag: str) -> str:
    """CSP source expressions for the page's inline `<tag>` elements."""
    return " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for body in re.findall(rf"<{tag}>(.*?)</{tag}>", page, re.DOTALL)
    )


def demo_page_headers(page: str) -> dict[str, str]:
    """Security headers for the demo page: a Content-Security-Policy that lets in only this
    server's scripts and styles and the page's own inline ones (by hash), no framing, no sniffing.

    The widget styles itself from its own stylesheet, so no other inline style is allowed."""
    policy = (
        f"default-src 'self'; script-src 'self' {_hashes(page, 'script')}; style-src 'self' {_hashes(page, 'style')}; "
        "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )
    return {
        "Content-Security-Policy": policy,
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
        **NOSNIFF,
    }


def _metadata(sent: Any) -> dict[str, Any] | None:
    """The metadata of a `user_uttered` event (an object, or JSON text of one), or None if unusable."""
    if isinstance(sent, str):
        try:
            sent = json.loads(sent)
        except (ValueError, RecursionError):
            return None
    return sent if isinstance(sent, dict) and not too_deep(sent) else None


class WidgetOutput(SocketIOOutput):
    """Rasa's Socket.IO output, sending each bot utterance as one message with its id
    (`bot.rasa.channels.widget_messages`) instead of one message per paragraph."""

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        if is_plain(message):
            await self._send_message(recipient_id, widget_message(message))
        else:
            await super().send_response(recipient_id, message)


class _AppBlueprint(SocketBlueprint):
    """Rasa's Socket.IO blueprint, remembering the app it is registered on (its agent holds
    the tracker store, from which a reconnecting widget is sent what it missed)."""

    def register(self, app: Sanic, options: dict[str, Any]) -> None:
        self.ctx.app = app
        super().register(app, options)


async def stored_bot_messages(app: Sanic | None, conversation: str) -> list[dict[str, Any]]:
    """The bot's messages in the conversation's current session, as the tracker store holds them."""
    agent = getattr(getattr(app, "ctx", None), "agent", None)
    if agent is None or agent.tracker_store is None:
        return []
    tracker = await agent.tracker_store.retrieve(conversation)
    if tracker is None:
        return []
    return [event.message() for event in tracker.events if isinstance(event, BotUttered)]


class _ReadingServer(AsyncServer):
    """python-socketio's server, answering a message it cannot decode (malformed, or JSON nested
    thousands of levels deep) instead of dropping it with a traceback in the log."""

    unreadable_event = "bot_uttered"

    async def _handle_eio_message(self, eio_sid: str, data: Any) -> None:
        try:
            await super()._handle_eio_message(eio_sid, data)
        except (ValueError, RecursionError) as error:
            logger.warning(f"A Socket.IO message that could not be read was refused ({type(error).__name__}).")
            sid = self.manager.sid_from_eio_sid(eio_sid, "/")
            if sid is not None:
                await self.emit(self.unreadable_event, system_message("utter_empty_message"), to=sid)


class SocketIOInput(RasaSocketIOInput):
    """Rasa's SocketIOInput with server-issued conversations, an Origin allow-list, bounded
    messages, an awaited `enter_room`, persistence on by default, and the widget's files."""

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        credentials = dict(credentials or {})
        credentials.setdefault("session_persistence", True)
        channel = super().from_credentials(credentials)
        assert isinstance(channel, cls)
        channel.web_root = Path(credentials.get("web_root") or WEB_ROOT)
        channel.serve_demo = bool(credentials.get("serve_demo", True))
        channel.allowed_origins = parse_origins(
            credentials.get("allowed_origins") or os.environ.get("WIDGET_ORIGINS", "")
        )
        if credentials.get("session_secret") or credentials.get("session_key_file"):
            channel.sessions = WidgetSessions(
                load_key(credentials.get("session_secret"), Path(credentials.get("session_key_file") or "."))
            )
        return channel

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.web_root = WEB_ROOT
        self.serve_demo = True
        self.allowed_origins: frozenset[str] = frozenset()
        self.sessions: WidgetSessions | None = None

    def url_prefix(self) -> str:
        # An absolute prefix: Rasa joins it to "/webhooks/" and keeps it as is.
        return URL_PREFIX

    def _widget_sessions(self) -> WidgetSessions:
        if self.sessions is None:  # built without from_credentials (a test, or Rasa's defaults)
            self.sessions = WidgetSessions(widget_key())
        return self.sessions

    def _authorised(self, auth: Any) -> bool:
        """Whether a socket may connect: always, unless a JWT key is set and its token is not valid."""
        if not self.jwt_key:
            return True
        token = auth.get("token") if isinstance(auth, dict) else None
        return bool(token and decode_bearer_token(token, self.jwt_key, self.jwt_algorithm))

    def get_output_channel(self) -> OutputChannel | None:
        """What Rasa (and anyone sending to a widget conversation) uses to reach the widget."""
        return WidgetOutput(self.sio, self.bot_message_evt) if self.sio is not None else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        handle = guarded(on_new_message)
        sessions = self._widget_sessions()
        sio = _ReadingServer(
            async_mode="sanic",
            cors_allowed_origins=lambda origin, environ: origin_allowed(origin, environ, self.allowed_origins),
            max_http_buffer_size=MAX_BODY_BYTES,
        )
        sio.unreadable_event = self.bot_message_evt
        bp = _AppBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio  # Rasa's get_output_channel reads it
        namespace = self.namespace or "/"
        turns: set[asyncio.Task] = set()  # turns under way (a task must be referenced until it ends)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        async def connect(sid: str, environ: dict, auth: dict | None = None) -> bool:
            if not self._authorised(auth):
                return False
            address = client_address(environ.get("REMOTE_ADDR"), environ.get("HTTP_X_FORWARDED_FOR"), trusted_proxies())
            await sio.save_session(sid, {"client": client_key(address, widget_key())}, namespace=namespace)
            return True

        async def session_request(sid: str, data: Any = None) -> None:
            """Continue the conversation of a token this server issued, or start a new one; then
            send what the widget says it has not shown yet."""
            asked = data.get("session_id") if isinstance(data, dict) else None
            conversation = sessions.conversation(asked) if self.session_persistence else None
            token = asked
            continued = conversation is not None
            if conversation is None:
                token = sessions.issue()
                conversation = sessions.conversation(token)
            session = await sio.get_session(sid, namespace=namespace)
            previous = session.get("conversation")
            if previous and previous != conversation:
                await sio.leave_room(sid, previous, namespace=namespace)
            await sio.save_session(sid, {**session, "conversation": conversation}, namespace=namespace)
            # Joined before the store is read: a reply stored meanwhile comes live, or in what is
            # sent below, or both (the widget shows a message id once), never in neither.
            await sio.enter_room(sid, conversation, namespace=namespace)
            await sio.emit("session_confirm", token, room=sid, namespace=namespace)
            logger.debug(f"Socket {sid} joined conversation {conversation}.")
            if continued and conversation and isinstance(data, dict) and "shown" in data:
                await send_missed(sid, conversation, data["shown"])

        async def send_missed(sid: str, conversation: str, shown: Any) -> None:
            try:
                missed = unseen(await stored_bot_messages(getattr(bp.ctx, "app", None), conversation), shown)
            except Exception:  # the store is down: the widget still works, it just misses nothing new
                logger.exception(f"Could not read conversation {conversation} to send what the widget missed.")
                return
            for message in missed:
                await sio.emit(self.bot_message_evt, message, room=sid, namespace=namespace)
            if missed:
                logger.debug(f"Sent socket {sid} {len(missed)} message(s) it had not shown.")

        async def user_message(sid: str, data: Any = None) -> bool:
            """A message for the socket's own conversation; malformed events answered, never raised.

            Returns (Socket.IO's ack) as soon as the message is taken; the turn goes on in a
            task, in order with the conversation's other messages (`guard.QUEUE`)."""
            session = await sio.get_session(sid, namespace=namespace)
            conversation = session.get("conversation")
            if conversation is None:
                logger.warning("A Socket.IO message before session_request was ignored.")
                return False
            if not isinstance(data, dict):
                await sio.emit(
                    self.bot_message_evt, system_message("utter_empty_message"), room=sid, namespace=namespace
                )
                return True
            metadata = with_client(_metadata(data.get(self.metadata_key)), session.get("client", ""))
            text = data.get("message")
            turn = asyncio.ensure_future(
                handle(
                    UserMessage(
                        text if isinstance(text, str) else "",
                        WidgetOutput(sio, self.bot_message_evt),
                        conversation,
                        input_channel=self.name(),
                        metadata=metadata,
                    )
                )
            )
            turns.add(turn)
            turn.add_done_callback(turns.discard)
            return True

        sio.on("connect", connect, namespace=self.namespace)
        sio.on("session_request", session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, user_message, namespace=self.namespace)
        self._add_pages(bp)
        return bp

    def _add_pages(self, bp: Blueprint) -> None:
        dist = self.web_root / "dist"
        if not (dist / "manifest.json").is_file():
            logger.warning(
                f"The web widget is not built ({dist / 'manifest.json'} is missing): run scripts/build-web.sh. "
                "Socket.IO still works; the widget's files and the demo page are not served."
            )
            return
        files = WidgetFiles(dist)

        for name, served in files.files.items():

            async def widget_file(request: Request, served: Any = served) -> HTTPResponse:
                answer = served.answer(request.headers.get("accept-encoding"), request.headers.get("if-none-match"))
                headers = dict(answer.headers)
                content_type = headers.pop("Content-Type")
                return response.raw(answer.body, status=answer.status, headers=headers, content_type=content_type)

            bp.add_route(
                widget_file,
                f"/widget/{name}",
                methods=["GET"],
                name=f"widget_{re.sub(r'[^a-z0-9]', '_', name.lower())}",
            )

        if not self.serve_demo:
            return
        page = (self.web_root / "demo" / "index.html").read_text(encoding="utf-8")
        headers = demo_page_headers(page)

        @bp.route("/demo", methods=["GET"], strict_slashes=False, name="demo_page")
        async def demo(_: Request) -> HTTPResponse:
            return response.html(page, headers=headers)
