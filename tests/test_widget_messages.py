"""What the widget's Socket.IO channel sends: one message per bot utterance with its id, what a
reconnecting widget has not shown (bot/rasa/channels/widget_messages.py), and the built files
sent compressed and cacheable (bot/rasa/channels/widget_files.py)."""

from __future__ import annotations

import asyncio
import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from bot.answers.reply import reply_for
from bot.kb.queries import KnowledgeBase
from bot.rasa.channels.widget_files import IMMUTABLE, REVALIDATE, WidgetFiles
from bot.rasa.channels.widget_messages import unseen, widget_message


class _FakeServer:
    """The few calls Rasa's Socket.IO output makes on python-socketio's server."""

    def __init__(self) -> None:
        self.emitted: list[tuple[str, Any, str]] = []

    async def emit(self, event: str, data: Any = None, room: str = "", **_: Any) -> None:
        self.emitted.append((event, data, room))


def test_an_answer_and_its_sources_go_to_the_widget_as_one_message(kb: KnowledgeBase):
    from rasa.core.channels.socketio import SocketIOOutput

    from bot.rasa.channels.socketio import WidgetOutput

    answer = reply_for(kb, "ask_salary")
    assert "\n\nSource" in answer.text  # a body and its source line, a blank line apart
    message = {"text": answer.text, "buttons": answer.buttons, "timestamp": 1765000000.25}

    ours, stock = _FakeServer(), _FakeServer()
    asyncio.run(WidgetOutput(ours, "bot_uttered").send_response("room-1", dict(message)))
    asyncio.run(SocketIOOutput(stock, "bot_uttered").send_response("room-1", dict(message)))
    assert len(stock.emitted) > 1  # Rasa's own output cut it at the blank line
    assert len(ours.emitted) == 1
    event, sent, room = ours.emitted[0]
    assert (event, room) == ("bot_uttered", "room-1")
    assert sent["text"] == answer.text.strip() and sent["id"] == 1765000000.25
    assert [r["title"] for r in sent["quick_replies"]] == [b["title"] for b in answer.buttons]
    assert [r["payload"] for r in sent["quick_replies"]] == [b["payload"] for b in answer.buttons]


def test_an_advisors_message_says_a_person_wrote_it_but_not_who():
    stored = {"text": "Hi, this is Ana.", "timestamp": 5.0, "advisor": "ana@school.edu", "kind": "reply"}
    sent = widget_message(stored)
    assert sent["from"] == "advisor" and "ana@school.edu" not in str(sent)
    assert "from" not in widget_message({"text": "The bot's answer.", "timestamp": 6.0})


def test_a_message_the_channel_makes_up_has_no_id():
    assert "id" not in widget_message({"text": "Please slow down."})
    assert "id" not in widget_message({"text": "x", "timestamp": True})


def _stored(*texts: str, start: float = 100.0) -> list[dict[str, Any]]:
    return [{"text": text, "timestamp": start + n} for n, text in enumerate(texts)]


def test_a_widget_gets_what_was_stored_after_the_last_message_it_showed():
    stored = _stored("greeting", "answer 1", "answer 2", "answer 3")
    assert [m["text"] for m in unseen(stored, 101.0)] == ["answer 2", "answer 3"]
    assert [m["id"] for m in unseen(stored, 101.0)] == [102.0, 103.0]
    assert unseen(stored, 103.0) == []
    assert [m["text"] for m in unseen(stored, 0)] == ["greeting", "answer 1", "answer 2", "answer 3"]


def test_equal_timestamps_are_told_apart_by_position():
    stored = [{"text": "a", "timestamp": 5.0}, {"text": "b", "timestamp": 5.0}, {"text": "c", "timestamp": 6.0}]
    assert [m["text"] for m in unseen(stored, 5.0)] == ["b", "c"]


def test_a_shown_message_no_longer_stored_falls_back_to_time():
    stored = _stored("after a session restart", "next", start=200.0)
    assert [m["text"] for m in unseen(stored, 150.0)] == ["after a session restart", "next"]
    assert [m["text"] for m in unseen(stored, 200.5)] == ["next"]


@pytest.mark.parametrize("shown", [None, "101", [], {"id": 1}, True])
def test_a_client_naming_no_usable_message_is_sent_nothing_again(shown):
    assert unseen(_stored("greeting", "answer"), shown) == []


def test_only_text_messages_are_sent_again():
    stored = [{"text": "", "image": "x.png", "timestamp": 1.0}, {"text": "answer", "timestamp": 2.0}]
    assert [m["text"] for m in unseen(stored, 0)] == ["answer"]


# --- the built files -----------------------------------------------------------------------------


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    names = {"loader": "webchat.js", "script": "widget.abc.js", "style": "widget.def.css"}
    (tmp_path / "manifest.json").write_text(json.dumps(names))
    for name, body in [
        ("webchat.js", "loader();" * 50),
        ("widget.abc.js", "widget();" * 500),
        ("widget.def.css", "a{}"),
    ]:
        (tmp_path / name).write_text(body)
        (tmp_path / f"{name}.gz").write_bytes(gzip.compress(body.encode()))
        (tmp_path / f"{name}.br").write_bytes(b"brotli:" + body.encode())
    (tmp_path / "LICENSE").write_text("MIT")
    return tmp_path


def test_files_go_compressed_to_browsers_that_take_it(dist: Path):
    script = WidgetFiles(dist).get("widget.abc.js")
    assert script is not None
    br = script.answer("gzip, deflate, br", None)
    assert br.headers["Content-Encoding"] == "br" and br.body.startswith(b"brotli:")
    gz = script.answer("gzip", None)
    assert (
        gz.headers["Content-Encoding"] == "gzip" and gzip.decompress(gz.body) == (dist / "widget.abc.js").read_bytes()
    )
    plain = script.answer(None, None)
    assert "Content-Encoding" not in plain.headers and plain.body == (dist / "widget.abc.js").read_bytes()
    assert "Content-Encoding" not in script.answer("br;q=0, gzip;q=0", None).headers
    assert all(r.headers["Vary"] == "Accept-Encoding" for r in (br, gz, plain))


def test_versioned_files_are_cached_for_a_year_and_the_loader_is_revalidated(dist: Path):
    files = WidgetFiles(dist)
    script, style, loader = files.get("widget.abc.js"), files.get("widget.def.css"), files.get("webchat.js")
    assert script and style and loader
    assert script.answer(None, None).headers["Cache-Control"] == IMMUTABLE
    assert style.answer(None, None).headers["Content-Type"].startswith("text/css")
    first = loader.answer("gzip", None)
    assert first.headers["Cache-Control"] == REVALIDATE and first.status == 200
    again = loader.answer("gzip", first.headers["ETag"])
    assert again.status == 304 and again.body == b""
    assert files.get("widget.other.js") is None
