"""Widget conversations the server issues, and the pages allowed to open them
(bot/rasa/channels/sessions.py): a token the server did not sign never reaches an
existing conversation, and only listed origins (or the server's own) may connect."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from bot.rasa.channels.sessions import (
    CONVERSATION_PREFIX,
    WidgetSessions,
    load_key,
    origin_allowed,
    parse_origins,
)

KEY = b"k" * 32


def test_a_token_the_server_issued_leads_back_to_its_conversation():
    sessions = WidgetSessions(KEY)
    token = sessions.issue()
    conversation = sessions.conversation(token)
    assert conversation and conversation.startswith(CONVERSATION_PREFIX)
    assert sessions.conversation(token) == conversation  # a reload continues it
    assert sessions.issue() != token and sessions.conversation(sessions.issue()) != conversation


def test_the_conversation_id_does_not_reveal_the_token():
    sessions = WidgetSessions(KEY)
    token = sessions.issue()
    conversation = sessions.conversation(token)
    assert conversation is not None
    random_part = token.split(".")[0]
    assert random_part not in conversation and token not in conversation


@pytest.mark.parametrize(
    "asked",
    [
        None,
        "",
        "victim-session",
        "1234567890",  # a Telegram chat id
        "maria",  # a REST sender
        "web-0123456789abcdef0123456789abcdef",  # a widget conversation id seen in the console
        "a" * 43 + "." + "b" * 43,  # the token's shape, not its signature
        "x" * 200_000,
        42,
        {"session_id": "x"},
    ],
)
def test_anything_but_a_signed_token_is_no_conversation(asked):
    assert WidgetSessions(KEY).conversation(asked) is None


def test_a_token_signed_with_another_key_is_refused():
    token = WidgetSessions(b"other-key-of-32-bytes-at-least!!").issue()
    assert WidgetSessions(KEY).conversation(token) is None


def test_the_key_comes_from_the_secret_or_a_private_file_made_once(tmp_path: Path):
    assert load_key("from-the-environment", tmp_path / "unused.key") == b"from-the-environment"
    key_file = tmp_path / "var" / "widget-session.key"
    first = load_key(None, key_file)
    assert len(first) == 32 and load_key(None, key_file) == first
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert [p.name for p in key_file.parent.iterdir()] == ["widget-session.key"]


def test_origins_are_read_from_widget_origins():
    assert parse_origins("https://www.lakeside.edu  https://apply.lakeside.edu/,") == {
        "https://www.lakeside.edu",
        "https://apply.lakeside.edu",
    }
    assert parse_origins("") == frozenset() and parse_origins(None) == frozenset()


SERVED = {"HTTP_HOST": "advisor.example.edu", "wsgi.url_scheme": "http"}


@pytest.mark.parametrize(
    "origin, environ, allowed, expected",
    [
        ("http://advisor.example.edu", SERVED, "", True),  # the demo page the server serves
        (None, SERVED, "", True),  # no page: not a browser script
        ("https://evil.example", SERVED, "", False),
        ("https://evil.example", SERVED, "https://www.lakeside.edu", False),
        ("https://www.lakeside.edu", SERVED, "https://www.lakeside.edu", True),
        ("https://www.lakeside.edu/", SERVED, "https://www.lakeside.edu", True),
        ("https://advisor.example.edu", {**SERVED, "HTTP_X_FORWARDED_PROTO": "https"}, "", True),  # behind TLS
        ("https://advisor.example.edu", SERVED, "", False),
        ("http://advisor.example.edu.evil.example", SERVED, "", False),
        ("http://advisor.example.edu", {"wsgi.url_scheme": "http"}, "", False),  # no Host header
        ("https://anything.example", SERVED, "*", True),
    ],
)
def test_only_the_servers_own_pages_and_listed_sites_may_connect(origin, environ, allowed, expected):
    assert origin_allowed(origin, environ, parse_origins(allowed)) is expected
