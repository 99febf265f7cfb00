"""Taking a conversation over without the servers: who holds what, the console's take over /
reply / hand back against a stand-in for the Rasa server's relay, the live pane, the guard
keeping a held conversation's messages unanswered, and the relay refusing what it cannot do."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.db import get_engine
from bot.rasa.channels import guard, held
from bot.rasa.channels.advisor import Refused, read_body
from bot.settings import Settings, load_settings
from bot.takeover.store import HoldStore
from bot.takeover.wording import HANDED_BACK
from tests.console_app import ADVISOR, console_in_process, csrf_token
from tests.e2e import free_port
from tests.review_store import TrackerStore

TOKEN = "relay-token-for-tests"
SENDER = "web-0123abcd"
OTHER = "other.advisor@school.edu"


# --- who holds a conversation ----------------------------------------------------------------


def test_holds_are_recorded_with_who_and_when(db_url):
    holds = HoldStore(get_engine(db_url))
    assert holds.current(SENDER) is None and holds.release(SENDER, ADVISOR) is None
    first = holds.take(SENDER, ADVISOR)
    assert holds.take(SENDER, ADVISOR) == first  # taking it again changes nothing
    second = holds.take(SENDER, OTHER)  # another advisor takes it from the first
    assert holds.current(SENDER) == second and second.held_by == OTHER
    ended = holds.release(SENDER, OTHER)
    assert ended.released_by == OTHER and ended.released_at >= ended.held_at
    history = holds.history(SENDER)
    assert [(h.held_by, h.released_by) for h in history] == [(ADVISOR, OTHER), (OTHER, OTHER)]
    assert holds.current(SENDER) is None and holds.held() == {}


# --- the console, with a stand-in for the Rasa server's relay -----------------------------------


class FakeRelay:
    """`/webhooks/advisor/say` as the Rasa server answers it, recording what the console sent."""

    def __init__(self, answer: dict[str, Any] | None = None, status: int = 200):
        self.port = free_port()
        self.answer = answer or {"stored": True, "delivered": True, "channel": "socketio"}
        self.status = status
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.runner: web.AppRunner | None = None

    async def _say(self, request: web.Request) -> web.Response:
        self.calls.append((request.headers.get("Authorization", ""), await request.json()))
        return web.json_response(self.answer, status=self.status)

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_post("/webhooks/advisor/say", self._say)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.port).start()

    def __enter__(self) -> FakeRelay:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(10)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.runner is not None:
            asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


def settings_for(tmp_path: Path, app_url: str, tracker_url: str, rasa_port: int, token: str = TOKEN) -> Settings:
    return load_settings(
        env_file=tmp_path / "absent.env",
        environ={
            "DATABASE_URL": app_url,
            "TRACKER_STORE_URL": tracker_url,
            "CONSOLE_TRUSTED_PROXIES": "1",
            "RASA_PORT": str(rasa_port),
            "RASA_API_TOKEN": token,
        },
    )


@pytest.fixture
def relay() -> Iterator[FakeRelay]:
    with FakeRelay() as fake:
        yield fake


@pytest.fixture
def stores(loaded_db_url: str, tmp_path: Path) -> tuple[str, str]:
    """An app database (a copy of the knowledge base) and a tracker store with one widget conversation."""
    app_db = tmp_path / "app.sqlite3"
    shutil.copy(loaded_db_url.removeprefix("sqlite:///"), app_db)
    tracker = TrackerStore(f"sqlite:///{tmp_path / 'conversations.sqlite3'}")
    talk = tracker.conversation(SENDER, channel="socketio")
    talk.user("can I talk to a real person", "request_human", 0.97)
    talk.bot("What name should the advisor use?")
    return f"sqlite:///{app_db}", tracker.url


def transcript_panel(page: str) -> str:
    return re.search(r'<section class="card takeover.*?</section>', page, re.S).group(0)


def test_an_advisor_takes_over_replies_and_hands_back(stores, tmp_path, relay):
    app_url, tracker_url = stores
    settings = settings_for(tmp_path, app_url, tracker_url, relay.port)
    holds = HoldStore(get_engine(app_url))
    with console_in_process(settings) as console:
        client = console.signed_in()
        page = client.get(f"/c/{SENDER}").body
        assert "The bot is answering" in transcript_panel(page) and "website chat" in transcript_panel(page)
        assert client.post(f"/c/{SENDER}/take", {"csrf_token": "wrong"}).status == 403
        assert holds.current(SENDER) is None  # refused without the right CSRF token, nothing changed

        taken = client.post(f"/c/{SENDER}/take", {"csrf_token": csrf_token(page)})
        assert taken.status == 303 and taken.location == f"/c/{SENDER}?said=taken#reply"
        assert holds.current(SENDER).held_by == ADVISOR
        page = client.get(taken.location.split("#")[0]).body
        panel = transcript_panel(page)
        assert "Taken over by you" in panel and f'src="/c/{SENDER}/live"' in panel
        assert "the bot stays silent until you hand it back" in panel
        assert relay.calls == []  # taking over says nothing to the person

        sent = client.post(
            f"/c/{SENDER}/reply", {"csrf_token": csrf_token(page), "text": "  Hi, I'm Ana from admissions.  "}
        )
        assert sent.status == 303 and "said=delivered" in sent.location
        assert relay.calls == [
            (
                f"Bearer {TOKEN}",
                {"sender_id": SENDER, "text": "Hi, I'm Ana from admissions.", "advisor": ADVISOR, "kind": "reply"},
            )
        ]
        assert "Sent in their chat and kept in the conversation." in client.get(f"/c/{SENDER}?said=delivered").body

        empty = client.post(f"/c/{SENDER}/reply", {"csrf_token": csrf_token(page), "text": "   "})
        assert empty.status == 400 and len(relay.calls) == 1

        back = client.post(f"/c/{SENDER}/hand-back", {"csrf_token": csrf_token(page)})
        assert back.status == 303 and "said=handed-back" in back.location
        assert relay.calls[-1][1] == {
            "sender_id": SENDER,
            "text": HANDED_BACK,
            "advisor": ADVISOR,
            "kind": "handed_back",
        }
        assert holds.current(SENDER) is None
        history = transcript_panel(client.get(f"/c/{SENDER}").body)
        assert f"{ADVISOR} from " in history and " to " in history  # who held it and when


def test_a_reply_to_a_conversation_nobody_holds_takes_it_over(stores, tmp_path, relay):
    app_url, tracker_url = stores
    settings = settings_for(tmp_path, app_url, tracker_url, relay.port)
    with console_in_process(settings) as console:
        client = console.signed_in()
        page = client.get(f"/c/{SENDER}").body
        assert client.post(f"/c/{SENDER}/reply", {"csrf_token": csrf_token(page), "text": "Hello"}).status == 303
        assert HoldStore(get_engine(app_url)).current(SENDER).held_by == ADVISOR
        assert client.post("/c/no-such-conversation/reply", {"csrf_token": csrf_token(page), "text": "x"}).status == 404


def test_when_the_bots_server_cannot_be_reached_the_advisor_is_told_and_keeps_the_conversation(stores, tmp_path):
    app_url, tracker_url = stores
    settings = settings_for(tmp_path, app_url, tracker_url, free_port())  # nothing listens there
    with console_in_process(settings) as console:
        client = console.signed_in()
        page = client.get(f"/c/{SENDER}").body
        failed = client.post(f"/c/{SENDER}/reply", {"csrf_token": csrf_token(page), "text": "Hello"})
        assert failed.status == 502 and "could not be reached" in failed.body and "stays with you" in failed.body
        assert HoldStore(get_engine(app_url)).current(SENDER) is not None


def test_a_rest_conversation_keeps_the_reply_and_the_advisor_is_told_it_was_not_delivered(stores, tmp_path):
    app_url, tracker_url = stores
    answer = {"stored": True, "delivered": False, "channel": "rest", "problem": "rest cannot receive it"}
    with FakeRelay(answer) as relay:
        settings = settings_for(tmp_path, app_url, tracker_url, relay.port)
        with console_in_process(settings) as console:
            client = console.signed_in()
            page = client.get(f"/c/{SENDER}").body
            sent = client.post(f"/c/{SENDER}/reply", {"csrf_token": csrf_token(page), "text": "Hello"})
            assert "said=stored" in sent.location
            assert "their channel cannot receive it" in client.get(sent.location.split("#")[0]).body


def test_the_live_pane_refreshes_itself_and_only_the_console_may_frame_it(stores, tmp_path, relay):
    app_url, tracker_url = stores
    settings = settings_for(tmp_path, app_url, tracker_url, relay.port)
    HoldStore(get_engine(app_url)).take(SENDER, ADVISOR)
    with console_in_process(settings) as console:
        client = console.signed_in()
        live = client.get(f"/c/{SENDER}/live")
        assert live.status == 200 and '<meta http-equiv="refresh" content="5">' in live.body
        assert "What name should the advisor use?" in live.body and f"Held by {ADVISOR}" in live.body
        assert live.headers["x-frame-options"] == "SAMEORIGIN"
        assert "frame-ancestors 'self'" in live.headers["content-security-policy"]
        assert "script" not in live.headers["content-security-policy"]
        transcript = client.get(f"/c/{SENDER}")
        assert "frame-ancestors 'none'" in transcript.headers["content-security-policy"]
        assert transcript.headers["x-frame-options"] == "DENY"
        assert console.client().get(f"/c/{SENDER}/live").status in (302, 303)  # signed out: no pane


def test_the_handoff_card_offers_taking_over(stores, tmp_path, relay):
    from bot.handoff.store import HandoffStore

    app_url, tracker_url = stores
    settings = settings_for(tmp_path, app_url, tracker_url, relay.port)
    request_id = HandoffStore(get_engine(app_url)).create(sender_id=SENDER, name="Ana", contact="a@example.com")
    with console_in_process(settings) as console:
        client = console.signed_in()
        queue = client.get("/handoff").body
        card = re.search(rf'id="request-{request_id}">.*?</article>', queue, re.S).group(0)
        assert f'action="/c/{SENDER}/take"' in card
        assert client.post(f"/c/{SENDER}/take", {"csrf_token": csrf_token(queue)}).status == 303
        card = re.search(rf'id="request-{request_id}">.*?</article>', client.get("/handoff").body, re.S).group(0)
        assert f"held by {ADVISOR}" in card and f'href="/c/{SENDER}#reply"' in card


# --- the guard and the relay endpoint, without a server --------------------------------------------


def test_a_held_conversations_message_is_kept_and_not_answered(monkeypatch):
    answered, kept = [], []

    async def on_new_message(message: UserMessage) -> None:
        answered.append(message.text)

    async def keep(message: UserMessage, text: str, advisor: str) -> None:
        kept.append((message.sender_id, text, advisor))

    monkeypatch.setattr(held, "holder", lambda sender_id: ADVISOR if sender_id == SENDER else None)
    monkeypatch.setattr(held, "keep_unanswered", keep)
    out = CollectingOutputChannel()
    handle = guard.guarded(on_new_message)
    asyncio.run(handle(UserMessage("are you there?\x00", out, SENDER, input_channel="socketio")))
    assert kept == [(SENDER, "are you there?", ADVISOR)] and answered == [] and out.messages == []

    # a failure to store it is never silent: the person is told it was not kept
    async def broken(message: UserMessage, text: str, advisor: str) -> None:
        raise RuntimeError("database is locked")

    monkeypatch.setattr(held, "keep_unanswered", broken)
    asyncio.run(handle(UserMessage("hello?", out, SENDER, input_channel="socketio")))
    assert [m["text"] for m in out.messages] == [guard.NOT_STORED["text"]] and answered == []


def test_outside_a_rasa_server_nothing_is_held():
    assert held.running_agent() is None and held.holder(SENDER) is None


@pytest.mark.parametrize(
    "body, said",
    [
        (b"not json", "not JSON"),
        (json.dumps([1]).encode(), "JSON object"),
        (json.dumps({"text": "hi", "advisor": "a"}).encode(), "sender_id"),
        (json.dumps({"sender_id": "s", "text": "hi"}).encode(), "advisor"),
        (json.dumps({"sender_id": "s", "text": " \x00 ", "advisor": "a"}).encode(), "empty"),
        (json.dumps({"sender_id": "s", "text": "x" * 2001, "advisor": "a"}).encode(), "longer than"),
        (json.dumps({"sender_id": "s", "text": "hi", "advisor": "a", "kind": "shout"}).encode(), "kind"),
    ],
    ids=["not json", "not an object", "no sender", "no advisor", "empty", "too long", "unknown kind"],
)
def test_the_relay_refuses_what_it_cannot_say(body, said):
    with pytest.raises(Refused, match=said) as refused:
        read_body(body)
    assert refused.value.status == 400


def test_the_relay_reads_a_good_request():
    body = json.dumps({"sender_id": " s1 ", "text": " Hello\x00 there ", "advisor": "a@school.edu"}).encode()
    assert read_body(body) == ("s1", "Hello there", "a@school.edu", "reply")
