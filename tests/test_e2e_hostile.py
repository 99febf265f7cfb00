"""Hostile use against running servers (issue: "close the holes hostile use found"):
one message must never freeze the bot for everyone else.

Each test measures what the issue measured: how long a hostile message takes and how
long another person's question takes while it is being handled, against the same
question on an idle server."""

from __future__ import annotations

import asyncio
import contextlib
import json
import statistics
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from bot.rasa.channels.limits import MAX_BODY_BYTES
from bot.settings import Settings
from tests.e2e import answer, post_raw

pytestmark = pytest.mark.e2e

QUESTION = "how long does it take?"
#: Another person's question may take this much longer than on an idle server.
SLACK_S = 1.0


def timed(fn: Callable[..., Any], *args: Any) -> tuple[float, Any]:
    started = time.monotonic()
    result = fn(*args)
    return time.monotonic() - started, result


def idle_seconds(bot: Settings) -> float:
    return statistics.median(timed(answer, bot, QUESTION, f"idle-{n}")[0] for n in range(3))


def while_busy(bot: Settings, hostile: Callable[[threading.Event], Any]) -> tuple[float, Any, float]:
    """(seconds the hostile call took, its result, seconds a calm question took meanwhile).

    `hostile` sets the event it is given once its message is on its way."""
    sent = threading.Event()
    with ThreadPoolExecutor(2) as pool:
        attack = pool.submit(timed, hostile, sent)
        sent.wait(30)
        time.sleep(0.2)  # the hostile message is being handled when the calm one arrives
        calm = pool.submit(timed, answer, bot, QUESTION, "calm-neighbour")
        attack_s, result = attack.result(timeout=300)
        calm_s, text = calm.result(timeout=300)
    assert "months" in text
    return attack_s, result, calm_s


@pytest.mark.parametrize("braces", [10_000, 30_000])
def test_a_payload_of_braces_over_rest_is_answered_at_once_and_blocks_nobody(bot, braces):
    idle = idle_seconds(bot)
    body = json.dumps({"sender": f"braces-{braces}", "message": "/greet" + "{" * braces}).encode()
    attack_s, (status, replies), calm_s = while_busy(
        bot, lambda sent: (sent.set(), post_raw(bot, body, timeout=300))[1]
    )
    print(
        f"\n{braces} braces over REST: answered in {attack_s:.2f} s; a question meanwhile {calm_s:.2f} s (idle {idle:.2f} s)"
    )
    assert status == 200 and replies and replies[0].get("text"), replies
    assert attack_s < 1.0
    assert calm_s < idle + SLACK_S


def test_a_run_of_punctuation_in_plain_text_is_answered_at_once(bot):
    idle = idle_seconds(bot)
    body = json.dumps({"sender": "bangs", "message": "why" + "!?" * 999}).encode()
    attack_s, (status, replies), calm_s = while_busy(
        bot, lambda sent: (sent.set(), post_raw(bot, body, timeout=300))[1]
    )
    assert status == 200 and replies
    assert attack_s < 1.0 and calm_s < idle + SLACK_S


async def _widget_send(
    bot: Settings, message: str, wait_s: float, sent_event: threading.Event | None = None
) -> tuple[list[Any], float]:
    """Send one message over the widget's Socket.IO channel: (bot messages within wait_s,
    seconds from sending to the first of them). Disconnecting a polling client takes
    until its pending poll returns, so it is left out of the time."""
    import socketio

    client = socketio.AsyncClient(reconnection=False)
    received: list[Any] = []
    session: list[str] = []
    confirmed = asyncio.Event()
    client.on("session_confirm", lambda sid: (session.append(sid), confirmed.set()))
    client.on("bot_uttered", received.append)
    await client.connect(bot.rasa_url, transports=["polling"], socketio_path="/socket.io")
    try:
        await client.emit("session_request", {})
        await asyncio.wait_for(confirmed.wait(), 30)
        sent = time.monotonic()
        with contextlib.suppress(Exception):  # the server may refuse the message by closing the transport
            await client.emit("user_uttered", {"message": message, "session_id": session[0]})
        if sent_event is not None:
            sent_event.set()
        deadline = sent + wait_s
        while not received and time.monotonic() < deadline and client.connected:
            await asyncio.sleep(0.05)
        return received, time.monotonic() - sent
    finally:
        await client.eio.disconnect(abort=True)


def test_a_payload_of_braces_over_the_widget_is_answered_at_once_and_blocks_nobody(bot):
    idle = idle_seconds(bot)
    _, (received, attack_s), calm_s = while_busy(
        bot, lambda sent: asyncio.run(_widget_send(bot, "/greet" + "{" * 8000, wait_s=120, sent_event=sent))
    )
    print(f"\n8,000 braces over Socket.IO: answered in {attack_s:.2f} s; a question meanwhile {calm_s:.2f} s")
    assert received and received[0].get("text"), received
    assert attack_s < 1.0
    assert calm_s < idle + SLACK_S


def test_a_widget_message_over_the_size_limit_is_refused_and_the_bot_goes_on(bot):
    received, _ = asyncio.run(_widget_send(bot, "how long " * (MAX_BODY_BYTES // 8), wait_s=5))
    assert received == []
    assert "months" in answer(bot, QUESTION, sender="after-the-big-one")


# --- widget sessions: an id the client cannot choose, no cross-channel joins, an Origin allow-list ---


class WidgetClient:
    """One browser's socket to the widget channel, as rasa-webchat uses it."""

    def __init__(self, bot: Settings, headers: dict[str, str] | None = None):
        import socketio

        self.bot, self.headers = bot, headers or {}
        self.client = socketio.AsyncClient(reconnection=False)
        self.received: list[dict[str, Any]] = []
        self.token: str | None = None
        self._confirmed = asyncio.Event()
        self.client.on("session_confirm", self._confirm)
        self.client.on("bot_uttered", self.received.append)

    def _confirm(self, token: Any) -> None:
        self.token = token
        self._confirmed.set()

    async def open(self, session_id: str | None = None) -> str | None:
        await self.client.connect(
            self.bot.rasa_url, transports=["polling"], socketio_path="/socket.io", headers=self.headers
        )
        await self.client.emit("session_request", {"session_id": session_id})
        await asyncio.wait_for(self._confirmed.wait(), 30)
        return self.token

    async def say(self, text: str, session_id: str | None = None, wait_s: float = 30) -> list[dict[str, Any]]:
        before = len(self.received)
        await self.client.emit("user_uttered", {"message": text, "session_id": session_id or self.token})
        deadline = time.monotonic() + wait_s
        while len(self.received) == before and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        await asyncio.sleep(1.0)  # the rest of this turn's messages
        return self.received[before:]

    async def close(self) -> None:
        """Leave at once: a polling client's clean disconnect waits for its pending poll (up to 25 s)."""
        await self.client.eio.disconnect(abort=True)


def stored_senders(bot: Settings, text: str) -> set[str]:
    """The conversations in which a person said `text`."""
    import sqlite3

    with sqlite3.connect(bot.tracker_store_url.removeprefix("sqlite:///")) as db:
        rows = db.execute(
            "SELECT DISTINCT sender_id FROM events WHERE type_name = 'user' AND data LIKE ?", (f"%{text}%",)
        ).fetchall()
    return {row[0] for row in rows}


def test_a_second_client_asking_for_a_victims_id_gets_a_fresh_conversation(bot):
    answer(bot, "what does it pay? rest-victim-says-hi", sender="rest-victim")
    victim_text = "victim-says-7f3a how long does it take?"

    async def scenario() -> None:
        victim = WidgetClient(bot)
        token = await victim.open()
        assert token
        assert any("months" in r.get("text", "") for r in await victim.say(victim_text))
        (conversation,) = stored_senders(bot, "victim-says-7f3a")

        asked_for = {
            "the conversation id": conversation,
            "the token with another signature": token.split(".")[0] + "." + "A" * 43,
            "a REST sender": "rest-victim",
            "a Telegram chat id": "123456789",
        }
        thieves = {}
        for what, session_id in asked_for.items():
            thief = WidgetClient(bot)
            got = await thief.open(session_id)
            assert got and got != session_id and got != token, what
            thieves[what] = thief

        # The victim goes on talking: no thief hears a word of it.
        await victim.say("what does it pay?")
        for what, thief in thieves.items():
            assert thief.received == [], f"{what}: the thief received {thief.received}"

        # What a thief says lands in a conversation of its own, even naming the victim's id in the message.
        for n, (what, thief) in enumerate(thieves.items()):
            marker = f"thief-{n}-was-here"
            replies = await thief.say(f"{marker} what is a cma?", session_id=asked_for[what])
            assert replies, what
            senders = stored_senders(bot, marker)
            assert senders and senders.isdisjoint({conversation, "rest-victim", "123456789"}), (what, senders)
        assert stored_senders(bot, "rest-victim-says-hi") == {"rest-victim"}

        # The victim's own browser, reloaded with its token, is still in its conversation.
        await victim.close()
        reloaded = WidgetClient(bot)
        assert await reloaded.open(token) == token
        await reloaded.say("victim-again-91c2 what is a cma?")
        assert stored_senders(bot, "victim-again-91c2") == {conversation}
        for client in [reloaded, *thieves.values()]:
            await client.close()

    asyncio.run(scenario())


def test_a_page_from_another_origin_cannot_open_the_widget_socket(bot):
    async def connects(origin: str) -> bool:
        client = WidgetClient(bot, headers={"Origin": origin})
        try:
            await client.open()
        except Exception:  # noqa: BLE001 - socketio's ConnectionError or a timeout: refused
            return False
        await client.close()
        return True

    assert not asyncio.run(connects("https://evil.example"))
    assert asyncio.run(connects(bot.rasa_url))  # the demo page the server serves itself


def test_the_widget_script_keeps_the_stored_conversation_short_and_recent(bot):
    import urllib.request

    with urllib.request.urlopen(f"{bot.rasa_url}/web/widget/webchat.js", timeout=30) as response:
        script = response.read().decode()
    assert "cma-advisor website widget" in script[:200]  # the loader, which also forgets day-old conversations
    assert "cma-advisor: the widget keeps only a short, recent conversation" in script


# --- no silent loss when the conversation database cannot be written ---------------------------


def user_texts(bot: Settings, sender: str) -> list[str]:
    import sqlite3

    with sqlite3.connect(bot.tracker_store_url.removeprefix("sqlite:///")) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (sender,)
        ).fetchall()
    return [json.loads(data)["text"] for (data,) in rows]


def test_turns_the_database_cannot_store_are_not_answered_as_if_saved_and_leave_no_hole(bot):
    import sqlite3

    from bot.rasa.channels.guard import NOT_STORED

    sender = "store-down"
    assert "months" in answer(bot, QUESTION, sender=sender)

    # Another writer holds the database's write lock: nothing can be written for a while.
    lock = sqlite3.connect(bot.tracker_store_url.removeprefix("sqlite:///"), isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")
    try:
        during = [
            post_raw(bot, json.dumps({"sender": sender, "message": m}).encode()) for m in ("what does it pay?",) * 2
        ]
    finally:
        lock.rollback()
        lock.close()
    for status, replies in during:
        assert status == 200 and [r.get("text") for r in replies] == [NOT_STORED["text"]], replies

    # Writable again: the person's retry is answered and stored, and the conversation goes on.
    assert "$" in answer(bot, "what does it pay?", sender=sender)
    assert "months" in answer(bot, QUESTION, sender=sender)
    assert user_texts(bot, sender) == [QUESTION, "what does it pay?", QUESTION]  # every answered turn, no other
    log = (Path(bot.tracker_store_url.removeprefix("sqlite:///")).parent / "servers.log").read_text(errors="replace")
    assert "Falling back to use the 'InMemoryTrackerStore'" not in log


# --- 400, never 500: malformed JSON, deep nesting, odd paths ----------------------------------------

DEEP = "[" * 5000 + "]" * 5000


def raw_request(bot: Settings, request: bytes, port: int | None = None) -> int:
    """Send bytes as they are (no client library fixing them up); the response's status code."""
    import socket

    with socket.create_connection(("127.0.0.1", port or bot.rasa_port), timeout=30) as sock:
        sock.sendall(request)
        head = b""
        while b"\r\n" not in head:
            chunk = sock.recv(4096)
            if not chunk:
                break
            head += chunk
    return int(head.split(b" ", 2)[1])


def server_log(bot: Settings) -> str:
    return (Path(bot.tracker_store_url.removeprefix("sqlite:///")).parent / "servers.log").read_text(errors="replace")


@pytest.mark.parametrize(
    "raw",
    [
        ('{"sender": "deep", "message": "hi", "metadata": ' + DEEP + "}").encode(),
        DEEP.encode(),
        ('{"a":' * 5000 + "1" + "}" * 5000).encode(),
        ('{"sender": "deep", "message": "hi", "input_channel": ' + DEEP + "}").encode(),
        ('{"sender": "deep", "message": "hi", "metadata": {"a": ' + "[" * 20 + "]" * 20 + "}}").encode(),
    ],
    ids=["deep-metadata", "deep-body", "deep-object", "deep-input-channel", "metadata-20-levels"],
)
def test_deeply_nested_json_over_rest_gets_400_with_a_reason(bot, raw):
    assert len(raw) < MAX_BODY_BYTES
    status, reply = post_raw(bot, raw)
    assert status == 400 and "nest" in reply["error"], (status, reply)
    assert "months" in answer(bot, QUESTION, sender="after-deep")


def test_deeply_nested_json_over_the_widget_is_answered_not_dropped(bot):
    from bot.rasa.channels.guard import system_message

    async def scenario() -> list[dict[str, Any]]:
        client = WidgetClient(bot)
        await client.open()
        # python-socketio's client cannot even encode this; a hostile client writes the packet itself.
        await client.client.eio.send('2["user_uttered",{"message":"hi","metadata":' + DEEP + "}]")
        deadline = time.monotonic() + 10
        while not client.received and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        replies = list(client.received)
        assert any("months" in r.get("text", "") for r in await client.say(QUESTION))  # and the socket goes on
        await client.close()
        return replies

    replies = asyncio.run(scenario())
    assert [r.get("text") for r in replies] == [system_message("utter_empty_message")["text"]]


@pytest.mark.parametrize(
    "request_line, expected",
    [
        (b"GET /web/widget/ HTTP/1.1", 404),
        (b"GET /web/widget/%00 HTTP/1.1", 404),
        (b"GET /web/widget/webchat.js%00 HTTP/1.1", 404),
        (b"GET /web/demo/%00 HTTP/1.1", 404),
        (b"GET /%00 HTTP/1.1", 404),
        (b"GET /static/ HTTP/1.1", 404),
        (b"POST /webhooks/rest/webhook HTTP/1.1\r\nContent-Length: abc", 400),
        (b"POST /webhooks/rest/webhook HTTP/1.1\r\nTransfer-Encoding: chunked", 400),
    ],
)
def test_odd_requests_to_the_rasa_server_get_a_4xx_and_no_traceback(bot, request_line, expected):
    before = server_log(bot).count("Traceback")
    body = b"zz\r\n" if b"chunked" in request_line else b""
    status = raw_request(bot, request_line + b"\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" + body)
    assert status == expected
    time.sleep(0.5)  # the server logs after it has answered
    assert server_log(bot).count("Traceback") == before


# --- a burst on one conversation: answers in order, "slow down" for the rest, nothing silent ---------


async def websocket_burst(bot: Settings, messages: list[str], quiet_s: float = 5, limit_s: float = 180) -> list[Any]:
    """Send `messages` over one Socket.IO websocket as fast as it takes them, as a raw client
    does (python-socketio's client cannot use websockets in this environment, and over
    polling it batches them into one request); the bot's messages until it has been quiet."""
    import websockets

    url = bot.rasa_url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    received: list[Any] = []
    async with websockets.connect(url, max_size=None) as ws:

        async def frame() -> str:
            while True:
                data = await ws.recv()
                if data == "2":  # engine.io ping
                    await ws.send("3")
                    continue
                return data

        assert (await frame()).startswith("0")  # engine.io open
        await ws.send("40")
        assert (await frame()).startswith("40")  # socket.io connect
        await ws.send('42["session_request",{"session_id":null}]')
        assert "session_confirm" in await frame()
        for text in messages:
            await ws.send("42" + json.dumps(["user_uttered", {"message": text}]))
        started = last = time.monotonic()
        while time.monotonic() - last < quiet_s and time.monotonic() - started < limit_s:
            try:
                data = await asyncio.wait_for(frame(), timeout=0.5)
            except asyncio.TimeoutError:
                continue
            if data.startswith("42"):
                event, payload = json.loads(data[2:])
                if event == "bot_uttered":
                    received.append(payload)
                    last = time.monotonic()
    return received


def test_a_burst_on_one_conversation_is_answered_or_told_to_slow_down_in_order(bot):
    from bot.rasa.channels.guard import SLOW_DOWN

    burst = 300
    received = asyncio.run(websocket_burst(bot, [f"what is a cma? burst-{n:03d}" for n in range(burst)]))
    (conversation,) = stored_senders(bot, "burst-000") or {""}
    slowed = sum(r.get("text") == SLOW_DOWN["text"] for r in received)
    handled = [t for t in user_texts(bot, conversation) if "burst-" in t]
    numbers = [int(t.rsplit("-", 1)[1]) for t in handled]
    print(
        f"\n{burst} messages in one burst: {len(handled)} answered, {slowed} told to slow down, "
        f"{burst - len(handled) - slowed} without a word"
    )
    assert len(handled) + slowed == burst, (len(handled), slowed)  # none dropped silently
    assert numbers == sorted(numbers) and handled  # stored in the order they were sent


# --- handoff filing throttled per conversation and per client address ------------------------------


@pytest.fixture(scope="module")
def proxied_bot(model, loaded_db_url, tmp_path_factory):
    """Servers of their own behind one trusted proxy (RASA_TRUSTED_PROXIES=1), on a fresh app database."""
    import os
    import shutil

    from tests.e2e import running_bot, server_settings

    workdir = tmp_path_factory.mktemp("proxied")
    app_db = workdir / "app.sqlite3"
    shutil.copy(loaded_db_url.removeprefix("sqlite:///"), app_db)
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(os.environ, "RASA_TRUSTED_PROXIES", "1")
        settings = server_settings(f"sqlite:///{app_db}", workdir)
        with running_bot(settings, model, workdir / "servers.log") as running:
            yield running


def say_from(bot: Settings, sender: str, message: str, address: str) -> str:
    """A REST message as a proxy in front of the bot forwards it for `address`."""
    import urllib.request

    request = urllib.request.Request(
        f"{bot.rasa_url}/webhooks/rest/webhook",
        data=json.dumps({"sender": sender, "message": message}).encode(),
        headers={"Content-Type": "application/json", "X-Forwarded-For": address},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return "\n".join(r.get("text", "") for r in json.load(response))


def file_request(bot: Settings, sender: str, address: str) -> str:
    """Ask for a person, give a name and a contact, confirm; the bot's last words."""
    say_from(bot, sender, "can I talk to a real advisor?", address)
    say_from(bot, sender, "Sam Flood", address)
    say_from(bot, sender, "sam.flood@example.com", address)
    return say_from(bot, sender, "yes, send it", address)


def filed(bot: Settings) -> int:
    from bot.db import get_engine
    from bot.handoff.store import HandoffStore

    return len(HandoffStore(get_engine(bot.database_url)).list())


def test_one_address_cannot_flood_the_advisors_queue(proxied_bot):
    from bot.handoff.store import PER_CLIENT

    attempts = 12
    before = filed(proxied_bot)
    replies = [file_request(proxied_bot, f"flood-{n}", "198.51.100.66") for n in range(attempts)]
    accepted = sum("in the advisors' queue" in r for r in replies)
    print(f"\n{attempts} handoff requests from one address, each in a new conversation: {accepted} filed")
    assert accepted == filed(proxied_bot) - before == PER_CLIENT[0]
    assert all("couldn't file your request" in r for r in replies[PER_CLIENT[0] :])
    # Someone else, at another address, is not held up.
    assert "in the advisors' queue" in file_request(proxied_bot, "someone-else", "203.0.113.9")


def test_one_conversation_cannot_file_request_after_request(proxied_bot):
    from bot.handoff.store import PER_CONVERSATION

    replies = [file_request(proxied_bot, "repeat-filer", f"192.0.2.{n}") for n in range(PER_CONVERSATION[0] + 2)]
    assert sum("in the advisors' queue" in r for r in replies) == PER_CONVERSATION[0]


# --- hardening: the action server answers only its Rasa servers; the demo page's headers ------------


def test_the_action_server_answers_only_requests_carrying_the_token(bot):
    import urllib.error
    import urllib.request

    from bot.rasa.action_server import TOKEN_HEADER

    call = json.dumps({"next_action": "action_answer", "sender_id": "someone-else", "tracker": {}, "domain": {}})
    for headers in ({}, {TOKEN_HEADER: "guessed"}):
        request = urllib.request.Request(
            f"http://127.0.0.1:{bot.action_port}/webhook",
            data=call.encode(),
            headers={"Content-Type": "application/json", **headers},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code == 401
    with urllib.request.urlopen(f"http://127.0.0.1:{bot.action_port}/health", timeout=30) as health:
        assert health.status == 200
    assert "months" in answer(bot, QUESTION, sender="token-check")  # the Rasa server has it


def test_the_demo_page_is_served_with_a_content_security_policy(bot):
    import urllib.request

    with urllib.request.urlopen(f"{bot.rasa_url}/web/demo/", timeout=30) as page:
        headers = page.headers
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self' 'sha256-" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert headers["X-Frame-Options"] == "DENY" and headers["X-Content-Type-Options"] == "nosniff"
