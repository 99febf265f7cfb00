"""The website widget's channel: Rasa's Socket.IO connector with working session persistence,
plus the widget's static files and the demo page, served by the Rasa server itself.

In credentials.yml:

    bot.rasa.channels.socketio.SocketIOInput:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered
      session_persistence: true

Every message goes through `bot.rasa.channels.guard` (cleaned, and never left without a
reply), and a malformed `user_uttered` event is answered or ignored instead of
raising inside the stock handler.

Why a subclass: with `session_persistence: true`, Rasa 3.6's `session_request`
handler calls `sio.enter_room(...)` without `await`. python-socketio >= 5.10 made
that a coroutine, so the browser's socket never joins the room named after its
session id and every bot reply (emitted to that room) is lost (RasaHQ/rasa#13027).
Here the handler awaits it. With persistence, the conversation id is the session id
the widget keeps in the browser's storage, so a reload continues the same
conversation instead of starting a new one (rasa-webchat always asks for it).

The same blueprint serves, under `/web/` on the Rasa server's own host and port:

    /web/widget/webchat.js   rasa-webchat's UMD bundle (built by scripts/build-web.sh,
                             Google Fonts import removed), /web/widget/LICENSE its licence
    /web/demo/               a mock school admissions page with the widget (web/demo/)
    /web/                    the connector's health check ({"status": "ok"})

so a school page needs nothing from a CDN, and the demo page talks to Socket.IO on
the same origin.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from rasa.core.channels.socketio import SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.rasa import require_supported
from bot.rasa.channels.guard import guarded, system_message
from bot.rasa.channels.limits import MAX_BODY_BYTES
from bot.settings import PROJECT_ROOT

require_supported("the Socket.IO connector (SocketIOInput's internals)")

logger = logging.getLogger(__name__)

WEB_ROOT = PROJECT_ROOT / "web"
URL_PREFIX = "/web"


class SocketIOInput(RasaSocketIOInput):
    """Rasa's SocketIOInput with an awaited `enter_room`, persistence on by default,
    and the widget's files served next to it."""

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        credentials = dict(credentials or {})
        credentials.setdefault("session_persistence", True)
        channel = super().from_credentials(credentials)
        assert isinstance(channel, cls)
        channel.web_root = Path(credentials.get("web_root") or WEB_ROOT)
        channel.serve_demo = bool(credentials.get("serve_demo", True))
        return channel

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.web_root = WEB_ROOT
        self.serve_demo = True

    def url_prefix(self) -> str:
        # An absolute prefix: Rasa joins it to "/webhooks/" and keeps it as is.
        return URL_PREFIX

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        handle = guarded(on_new_message)
        bp = super().blueprint(handle)
        sio = self.sio
        assert sio is not None
        # python-socketio accepts 1 MB per message by default; nothing the widget sends comes near 64 KB.
        sio.eio.max_http_buffer_size = MAX_BODY_BYTES
        namespace = self.namespace or "/"

        async def user_message(sid: str, data: Any) -> None:
            """The stock handler, minus its crashes on malformed events (a non-object, bad metadata)."""
            if not isinstance(data, dict):
                await sio.emit(
                    self.bot_message_evt, system_message("utter_empty_message"), room=sid, namespace=namespace
                )
                return
            sender_id = data.get("session_id") if self.session_persistence else sid
            if not isinstance(sender_id, str) or not sender_id.strip():
                logger.warning("A Socket.IO message without a session id was ignored (send session_request first).")
                return
            metadata = data.get(self.metadata_key)
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = None
            text = data.get("message")
            await handle(
                UserMessage(
                    text if isinstance(text, str) else "",
                    SocketIOOutput(sio, self.bot_message_evt),
                    sender_id,
                    input_channel=self.name(),
                    metadata=metadata if isinstance(metadata, dict) else None,
                )
            )

        async def session_request(sid: str, data: dict | None) -> None:
            data = data if isinstance(data, dict) else {}
            session_id = data.get("session_id") or uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)
            logger.debug(f"Socket {sid} joined session {session_id}.")

        # Replace the stock handlers for the same events and namespace.
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
        bp.static("/widget", str(widget_dir), name="widget_files")
        if not self.serve_demo:
            return
        demo_page = self.web_root / "demo" / "index.html"

        @bp.route("/demo", methods=["GET"], strict_slashes=False, name="demo_page")
        async def demo(_: Request) -> HTTPResponse:
            return await response.file(str(demo_page), mime_type="text/html; charset=utf-8")
