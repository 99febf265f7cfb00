"""The widget's Socket.IO channel against the real servers: an answer and its sources arrive as
one message with an id, a message is acknowledged as soon as it is taken, and a widget that
comes back names the last message it showed and is sent, from the tracker store, every reply
it missed, once. The browser test reloads a real page; this one checks the protocol itself."""

from __future__ import annotations

import asyncio
import time
import urllib.request
from typing import Any

import pytest

from bot.settings import Settings
from tests.e2e import answer

pytestmark = pytest.mark.e2e


class Widget:
    """One page's socket, as the widget uses it (polling: see tests/e2e.py)."""

    def __init__(self, bot: Settings):
        import socketio

        self.bot = bot
        self.client = socketio.AsyncClient(reconnection=False)
        self.received: list[dict[str, Any]] = []
        self.token: str | None = None
        self._confirmed = asyncio.Event()
        self.client.on("session_confirm", self._confirm)
        self.client.on("bot_uttered", self.received.append)

    def _confirm(self, token: Any) -> None:
        self.token = token
        self._confirmed.set()

    async def open(self, request: dict[str, Any]) -> None:
        await self.client.connect(self.bot.rasa_url, transports=["polling"], socketio_path="/socket.io")
        await self.client.emit("session_request", request)
        await asyncio.wait_for(self._confirmed.wait(), 30)

    async def send(self, text: str) -> Any:
        """Send a message; what the server acknowledged, and after how long."""
        return await self.client.call("user_uttered", {"message": text, "session_id": self.token}, timeout=10)

    async def wait_quiet(self, quiet_s: float = 2.0, first_within_s: float = 30) -> list[dict[str, Any]]:
        deadline = time.monotonic() + first_within_s
        while not self.received and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        count = -1
        while count != len(self.received):
            count = len(self.received)
            await asyncio.sleep(quiet_s)
        return self.received

    async def close(self) -> None:
        await self.client.eio.disconnect(abort=True)


def test_an_answer_and_its_sources_arrive_as_one_message_with_an_id(bot):
    question = "what does a medical assistant earn?"
    over_rest = answer(bot, question, sender="rest-salary")
    assert "\nSource" in over_rest  # REST still gives the answer and its source line as before

    async def scenario() -> list[dict[str, Any]]:
        widget = Widget(bot)
        await widget.open({"session_id": None, "shown": 0})
        await widget.send(question)
        replies = list(await widget.wait_quiet())
        await widget.close()
        return replies

    replies = asyncio.run(scenario())
    with_figure = [r for r in replies if "$" in r["text"]]
    assert len(with_figure) == 1, replies
    (salary,) = with_figure
    assert "\n\nSource" in salary["text"] and isinstance(salary["id"], float)
    assert not [r for r in replies if r["text"].startswith("Source")], "a source line arrived on its own"
    assert over_rest.split("\n")[0] in salary["text"]


def test_a_message_is_acknowledged_before_it_is_answered(bot):
    async def scenario() -> tuple[Any, float, int]:
        widget = Widget(bot)
        await widget.open({"session_id": None, "shown": 0})
        started = time.monotonic()
        ack = await widget.send("how long does it take?")
        took = time.monotonic() - started
        answered_then = len(widget.received)
        await widget.wait_quiet()
        await widget.close()
        return ack, took, answered_then

    ack, took, answered_then = asyncio.run(scenario())
    assert ack is True and took < 5
    assert answered_then == 0, "the acknowledgement waited for the answer"


def test_a_widget_that_comes_back_is_sent_every_reply_it_missed_once(bot):
    async def scenario() -> None:
        first = Widget(bot)
        await first.open({"session_id": None, "shown": 0})
        await first.send("/greet")
        greeting = list(await first.wait_quiet())
        shown = greeting[-1]["id"]
        # The page goes away right after sending: the reply is stored, but nobody is in the room.
        await first.send("how long does it take?")
        await first.close()
        await asyncio.sleep(6)

        back = Widget(bot)
        await back.open({"session_id": first.token, "shown": shown})
        missed = list(await back.wait_quiet())
        assert back.token == first.token
        assert missed and any("months" in m["text"] for m in missed), missed
        assert all(m["id"] > shown for m in missed)
        assert len({m["id"] for m in missed}) == len(missed)

        # Shown everything: nothing is sent twice.
        again = Widget(bot)
        await again.open({"session_id": first.token, "shown": missed[-1]["id"]})
        await asyncio.sleep(2)
        assert again.received == []

        # A client that does not say what it has shown (rasa-webchat) is sent nothing more, as before.
        old = Widget(bot)
        await old.open({"session_id": first.token})
        await asyncio.sleep(2)
        assert old.received == []

        # A token the server did not sign gets a new conversation, and none of the other's replies.
        stranger = Widget(bot)
        await stranger.open({"session_id": "forged." + "A" * 43, "shown": 0})
        await asyncio.sleep(2)
        assert stranger.token != first.token and stranger.received == []
        for widget in (back, again, old, stranger):
            await widget.close()

    asyncio.run(scenario())


def test_the_widget_files_are_compressed_cacheable_and_small(bot):
    def get(path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(f"{bot.rasa_url}{path}", headers=headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()

    _, loader_headers, loader = get("/web/widget/webchat.js")
    assert loader_headers["cache-control"] == "public, max-age=0, must-revalidate"
    text = loader.decode()
    script = "/web/widget/" + text.split('SCRIPT = "')[1].split('"')[0]
    style = "/web/widget/" + text.split('STYLE = "')[1].split('"')[0]
    compressed = len(get("/web/widget/webchat.js", **{"Accept-Encoding": "gzip"})[2])
    for path in (script, style):
        _, headers, body = get(path, **{"Accept-Encoding": "gzip, br"})
        assert headers["content-encoding"] == "br" and headers["cache-control"].startswith("public, max-age=31536000")
        compressed += len(body)
        _, headers, body = get(path, **{"Accept-Encoding": "gzip"})
        assert headers["content-encoding"] == "gzip"
    print(f"\nwidget: loader, script and styles {compressed / 1024:.1f} KB compressed")
    assert compressed < 150 * 1024
