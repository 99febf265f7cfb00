"""Who is on the other end of a message: a client's network address, kept as a keyed hash.

Plain Python (no Rasa import). The REST and widget channels put `client` into every
message's metadata, overwriting whatever a client sent under that name, so the action
server can throttle handoff requests per address (`bot.handoff.store`) without the
address itself ever being stored: the hash is keyed with the widget session key
(`bot.rasa.channels.sessions`), so it cannot be reversed by trying every IPv4 address.

Behind reverse proxies the peer is the proxy; RASA_TRUSTED_PROXIES (default 0) says
how many proxies append to X-Forwarded-For, and only those entries are believed. With
0, X-Forwarded-For is ignored (anyone could write one). A loopback address is no
client's own: it is a local tool (the terminal chat, the tests) or a proxy nobody told
us about, shared by everyone behind it, so it counts as unknown and no per-address
limit applies to it.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
from collections.abc import Mapping
from typing import Any

CLIENT_KEY = "client"
MAX_TRUSTED_PROXIES = 10


def trusted_proxies(environ: Mapping[str, str] | None = None) -> int:
    """RASA_TRUSTED_PROXIES as a count (0 when unset or unusable)."""
    raw = (environ if environ is not None else os.environ).get("RASA_TRUSTED_PROXIES", "") or "0"
    try:
        return max(0, min(int(raw), MAX_TRUSTED_PROXIES))
    except ValueError:
        return 0


def client_address(peer: str | None, forwarded_for: str | None, proxies: int) -> str:
    """The client's address: the peer, or with `proxies` trusted proxies the entry they vouch for;
    "" when unknown or loopback."""
    address = peer or ""
    if proxies and forwarded_for:
        hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
        if len(hops) >= proxies:
            address = hops[-proxies]
    try:
        if ipaddress.ip_address(address).is_loopback:
            return ""
    except ValueError:
        pass
    return address


def client_key(address: str, key: bytes) -> str:
    """A keyed hash of `address`: the same for the same address, unreadable without the key."""
    return hmac.new(key, address.encode("utf-8", "replace"), hashlib.sha256).hexdigest()[:24] if address else ""


def with_client(metadata: Mapping[str, Any] | None, client: str) -> dict[str, Any]:
    """`metadata` with the server's `client`, never one a client sent."""
    result = dict(metadata or {})
    result.pop(CLIENT_KEY, None)
    if client:
        result[CLIENT_KEY] = client
    return result
