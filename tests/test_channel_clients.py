"""Who sent a message, as the channels tell the action server (bot/rasa/channels/clients.py):
the peer or the address trusted proxies vouch for, kept only as a keyed hash, and never one
a client wrote into its own metadata."""

from __future__ import annotations

import pytest

from bot.rasa.channels.clients import CLIENT_KEY, client_address, client_key, trusted_proxies, with_client


@pytest.mark.parametrize(
    "peer, forwarded_for, proxies, expected",
    [
        ("203.0.113.7", None, 0, "203.0.113.7"),
        ("203.0.113.7", "198.51.100.1", 0, "203.0.113.7"),  # no proxy trusted: the header is anyone's
        ("10.0.0.5", "198.51.100.1", 1, "198.51.100.1"),
        ("10.0.0.5", "6.6.6.6, 198.51.100.1", 1, "198.51.100.1"),  # the client's own entry is not believed
        ("10.0.0.5", "6.6.6.6, 198.51.100.1, 10.0.0.9", 2, "198.51.100.1"),
        ("10.0.0.5", "", 1, "10.0.0.5"),
        ("127.0.0.1", None, 0, ""),  # a local tool or an undeclared proxy: shared by all, so unknown
        ("::1", None, 0, ""),
        (None, None, 0, ""),
    ],
)
def test_the_client_address_believes_only_trusted_proxies(peer, forwarded_for, proxies, expected):
    assert client_address(peer, forwarded_for, proxies) == expected


def test_the_address_is_kept_as_a_keyed_hash():
    key = b"k" * 32
    assert client_key("198.51.100.1", key) == client_key("198.51.100.1", key) != client_key("198.51.100.2", key)
    assert "198.51.100.1" not in client_key("198.51.100.1", key)
    assert client_key("198.51.100.1", b"x" * 32) != client_key("198.51.100.1", key)
    assert client_key("", key) == ""


def test_a_client_cannot_name_itself_in_its_metadata():
    assert with_client({"client": "someone-else", "page": "/apply"}, "abc") == {CLIENT_KEY: "abc", "page": "/apply"}
    assert with_client({"client": "someone-else"}, "") == {}
    assert with_client(None, "abc") == {CLIENT_KEY: "abc"}


@pytest.mark.parametrize("raw, expected", [("", 0), ("2", 2), ("x", 0), ("-1", 0), ("99", 10)])
def test_trusted_proxies_come_from_the_environment(raw, expected):
    assert trusted_proxies({"RASA_TRUSTED_PROXIES": raw}) == expected
