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

With persistence the widget keeps its token in the browser's storage, so a reload
continues the same conversation (rasa-webchat always asks for one).

The same blueprint serves, under `/web/` on the Rasa server's own host and port:

    /web/widget/webchat.js   rasa-webchat's UMD bundle (built by scripts/build-web.sh,
                             Google Fonts import removed), followed by web/history-limit.js,
                             which keeps the conversation stored in the browser short and recent
    /web/widget/LICENSE      its licence
    /web/demo/               a mock school admissions page with the widget (web/demo/)
    /web/                    the connector's health check ({"status": "ok"})

so a school page needs nothing from a CDN, and the demo page talks to Socket.IO on
the same origin.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage, decode_bearer_token
from rasa.core.channels.socketio import SocketBlueprint, SocketIOOutput
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.rasa import require_supported
from bot.rasa.channels.clients import client_address, client_key, trusted_proxies, with_client
from bot.rasa.channels.guard import guarded, system_message
from bot.rasa.channels.limits import MAX_BODY_BYTES, too_deep
from bot.rasa.channels.sessions import WidgetSessions, load_key, origin_allowed, parse_origins, widget_key
from bot.settings import PROJECT_ROOT

require_supported("the Socket.IO connector (SocketIOInput's internals)")

logger = logging.getLogger(__name__)

WEB_ROOT = PROJECT_ROOT / "web"
URL_PREFIX = "/web"


NOSNIFF = {"X-Content-Type-Options": "nosniff"}


def demo_page_headers(page: str) -> dict[str, str]:
    """Security headers for the demo page: a Content-Security-Policy that lets in only this
    server's scripts and the page's own inline scripts (by hash), no framing, no sniffing.

    The widget writes its styles into the page at run time, so inline styles stay allowed."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for body in re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    )
    policy = (
        f"default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )
    return {
        "Content-Security-Policy": policy,
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
        **NOSNIFF,
    }


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

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        handle = guarded(on_new_message)
        sessions = self._widget_sessions()
        sio = _ReadingServer(
            async_mode="sanic",
            cors_allowed_origins=lambda origin, environ: origin_allowed(origin, environ, self.allowed_origins),
            max_http_buffer_size=MAX_BODY_BYTES,
        )
        sio.unreadable_event = self.bot_message_evt
        bp = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio  # Rasa's get_output_channel reads it
        namespace = self.namespace or "/"

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        async def connect(sid: str, environ: dict, auth: dict | None = None) -> bool:
            if self.jwt_key:
                token = auth.get("token") if isinstance(auth, dict) else None
                if not (token and decode_bearer_token(token, self.jwt_key, self.jwt_algorithm)):
                    return False
            address = client_address(environ.get("REMOTE_ADDR"), environ.get("HTTP_X_FORWARDED_FOR"), trusted_proxies())
            await sio.save_session(sid, {"client": client_key(address, widget_key())}, namespace=namespace)
            return True

        async def session_request(sid: str, data: Any = None) -> None:
            """Continue the conversation of a token this server issued, or start a new one."""
            asked = data.get("session_id") if isinstance(data, dict) else None
            conversation = sessions.conversation(asked) if self.session_persistence else None
            token = asked
            if conversation is None:
                token = sessions.issue()
                conversation = sessions.conversation(token)
            session = await sio.get_session(sid, namespace=namespace)
            previous = session.get("conversation")
            if previous and previous != conversation:
                await sio.leave_room(sid, previous, namespace=namespace)
            await sio.save_session(sid, {**session, "conversation": conversation}, namespace=namespace)
            await sio.enter_room(sid, conversation, namespace=namespace)
            await sio.emit("session_confirm", token, room=sid, namespace=namespace)
            logger.debug(f"Socket {sid} joined conversation {conversation}.")

        async def user_message(sid: str, data: Any = None) -> None:
            """A message for the socket's own conversation; malformed events answered, never raised."""
            session = await sio.get_session(sid, namespace=namespace)
            conversation = session.get("conversation")
            if conversation is None:
                logger.warning("A Socket.IO message before session_request was ignored.")
                return
            if not isinstance(data, dict):
                await sio.emit(
                    self.bot_message_evt, system_message("utter_empty_message"), room=sid, namespace=namespace
                )
                return
            metadata = data.get(self.metadata_key)
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except (ValueError, RecursionError):
                    metadata = None
            text = data.get("message")
            if not isinstance(metadata, dict) or too_deep(metadata):
                metadata = None
            metadata = with_client(metadata, session.get("client", ""))
            await handle(
                UserMessage(
                    text if isinstance(text, str) else "",
                    SocketIOOutput(sio, self.bot_message_evt),
                    conversation,
                    input_channel=self.name(),
                    metadata=metadata,
                )
            )

        sio.on("connect", connect, namespace=self.namespace)
        sio.on("session_request", session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, user_message, namespace=self.namespace)
        self._add_pages(bp)
        return bp

    def _add_pages(self, bp: Blueprint) -> None:
        widget_dir = self.web_root / "dist"
        bundle = widget_dir / "webchat.js"
        if not bundle.is_file():
            logger.warning(
                f"The web widget is not built ({bundle} is missing): run scripts/build-web.sh. "
                "Socket.IO still works; the widget's files and the demo page are not served."
            )
            return
        script = bundle.read_bytes() + b"\n" + (self.web_root / "history-limit.js").read_bytes()
        licence = (widget_dir / "LICENSE").read_bytes()

        @bp.route("/widget/webchat.js", methods=["GET"], name="widget_script")
        async def widget_script(_: Request) -> HTTPResponse:
            return response.raw(script, content_type="application/javascript; charset=utf-8", headers=NOSNIFF)

        @bp.route("/widget/LICENSE", methods=["GET"], name="widget_licence")
        async def widget_licence(_: Request) -> HTTPResponse:
            return response.raw(licence, content_type="text/plain; charset=utf-8", headers=NOSNIFF)

        if not self.serve_demo:
            return
        page = (self.web_root / "demo" / "index.html").read_text(encoding="utf-8")
        headers = demo_page_headers(page)

        @bp.route("/demo", methods=["GET"], strict_slashes=False, name="demo_page")
        async def demo(_: Request) -> HTTPResponse:
            return response.html(page, headers=headers)
