"""Hostile and broken input over the REST webhook and the widget's Socket.IO channel:
each gets a clear answer or a 4xx with a reason, never a 500, and the server keeps
serving the next request. What was stored before is still there afterwards."""

from __future__ import annotations

import asyncio
import json
import sqlite3

import pytest

from bot.rasa.channels.guard import MAX_MESSAGE_CHARS, system_message
from tests.e2e import answer, post_raw, widget_say

pytestmark = pytest.mark.e2e

EMPTY = system_message("utter_empty_message")["text"]
SCRIPT = "<script>alert('x')</script><img src=x onerror=alert(1)>"
INJECTION = "'; DROP TABLE events; --"


def body(**fields) -> bytes:
    return json.dumps(fields).encode()


def events_in(bot) -> int:
    with sqlite3.connect(bot.tracker_store_url.removeprefix("sqlite:///")) as db:
        return db.execute("SELECT COUNT(*) FROM events").fetchone()[0]


@pytest.mark.parametrize(
    "raw, reason",
    [
        (body(sender="bad-1", message=""), "empty"),
        (body(sender="bad-1", message="   \t\n "), "empty"),
        (body(sender="bad-1", message="\x00\x07\x1b"), "empty"),
        (b'{"sender": "bad-1", "message": "caf\xe9"}', "UTF-8"),
        (b'{"sender": "bad-1", "message": ', "JSON"),
        (b"", "JSON"),
        (body(message="hello"), "sender"),
        (body(sender="bad-1"), "message"),
        (body(sender={"id": 1}, message="hello"), "sender"),
        (body(sender="bad-1", message=None), "message"),
    ],
    ids=[
        "empty",
        "whitespace",
        "control-only",
        "invalid-utf8",
        "truncated-json",
        "no-body",
        "no-sender",
        "no-message",
        "sender-object",
        "message-null",
    ],
)
def test_broken_rest_requests_get_400_with_a_reason_and_the_server_goes_on(bot, raw, reason):
    status, reply = post_raw(bot, raw)
    assert status == 400 and reason in reply["error"], (status, reply)
    assert "months" in answer(bot, "how long does it take?", sender="bad-after")


@pytest.mark.parametrize(
    "message",
    [
        "x" * 10_000,
        "🙂🎓🩺",
        "¿Cuánto tiempo se tarda en ser asistente médico certificado?",
        "how long\x00 does\x1b it\u200b take?",
        INJECTION,
        SCRIPT,
        "\ud800 lone surrogate",
    ],
    ids=["10k-chars", "emoji", "spanish", "control-chars", "sql-injection", "html-script", "lone-surrogate"],
)
def test_odd_but_valid_messages_get_a_clear_answer(bot, message):
    before = events_in(bot)
    status, replies = post_raw(bot, json.dumps({"sender": "odd", "message": message}).encode())
    assert status == 200 and replies and all(r.get("text") for r in replies), replies
    assert "Traceback" not in json.dumps(replies)
    assert events_in(bot) > before  # stored, and nothing stored before was lost
    assert "months" in answer(bot, "how long does it take?", sender="odd-after")


def test_long_messages_are_stored_cut_and_injection_is_stored_as_plain_text(bot):
    answer(bot, "y" * 10_000, sender="long-one")
    answer(bot, INJECTION, sender="long-one")
    with sqlite3.connect(bot.tracker_store_url.removeprefix("sqlite:///")) as db:
        texts = [
            json.loads(d)["text"]
            for (d,) in db.execute(
                "SELECT data FROM events WHERE sender_id = 'long-one' AND type_name = 'user' ORDER BY id"
            )
        ]
    assert len(texts[0]) == MAX_MESSAGE_CHARS and texts[1] == INJECTION


def test_the_widget_channel_answers_broken_events_and_goes_on(bot):
    replies = asyncio.run(
        widget_say(
            bot,
            "widget-bad",
            "",
            "   ",
            "\x00",
            "a" * 10_000,
            SCRIPT,
            {"message": 42, "session_id": "widget-bad"},
            "how long does it take?",
        )
    )
    texts = [r.get("text", "") for r in replies]
    assert texts.count(EMPTY) >= 4, texts  # "", "   ", "\x00" and the number
    assert any("months" in t for t in texts), texts
    assert not any("Traceback" in t for t in texts)


def test_a_widget_event_that_is_not_an_object_is_answered_on_the_socket(bot):
    replies = asyncio.run(widget_say(bot, "widget-odd", ["not", "an", "object"]))
    assert [r.get("text") for r in replies] == [EMPTY]
