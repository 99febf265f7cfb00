"""Website widget conversations that the server hands out, and which web pages may open them.

Plain Python (no Rasa import). Used by the widget's Socket.IO channel
(`bot.rasa.channels.socketio`).

Rasa's Socket.IO channel let the browser name its conversation: whoever sent
`session_request {"session_id": X}` joined X, received X's replies and could post
into it, whatever channel X came from (a Telegram chat id, a REST sender). Here the
server issues the widget a token, `<random>.<signature>`: 32 random bytes, signed
with a key only the server holds. The conversation is a one-way hash of the random
part, `web-<32 hex>`, so

- a token the server did not sign gets a fresh conversation, never someone else's;
- a conversation id seen in the console or a log cannot be turned back into a token;
- no widget conversation can be another channel's: they all start with `web-`.

The key comes from WIDGET_SESSION_SECRET when it is set (several servers must share
it), else from a file under var/ that is created once with mode 0600.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

CONVERSATION_PREFIX = "web-"
_RANDOM_BYTES = 32
_TOKEN = re.compile(r"^(?P<random>[A-Za-z0-9_-]{43})\.(?P<signature>[A-Za-z0-9_-]{43})$")


class WidgetSessions:
    """Issues widget tokens and reads the conversation a genuine token stands for."""

    def __init__(self, key: bytes):
        if len(key) < 16:
            raise ValueError("the widget session key must have at least 16 bytes")
        self._key = key

    def _sign(self, random_part: str) -> str:
        digest = hmac.new(self._key, random_part.encode("ascii"), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")

    def issue(self) -> str:
        """A new token for a new conversation."""
        random_part = base64.urlsafe_b64encode(secrets.token_bytes(_RANDOM_BYTES)).decode("ascii").rstrip("=")
        return f"{random_part}.{self._sign(random_part)}"

    def conversation(self, token: Any) -> str | None:
        """The conversation id a token this server signed stands for; None for anything else."""
        if not isinstance(token, str) or len(token) > 100:
            return None
        match = _TOKEN.match(token)
        if match is None or not hmac.compare_digest(match["signature"], self._sign(match["random"])):
            return None
        return CONVERSATION_PREFIX + hashlib.sha256(match["random"].encode("ascii")).hexdigest()[:32]


def load_key(secret: str | None, key_file: Path) -> bytes:
    """The signing key: `secret` when given, else the key file's, created with a new key if missing."""
    if secret:
        return secret.encode("utf-8")
    try:
        return bytes.fromhex(key_file.read_text().strip())
    except FileNotFoundError:
        pass
    key = secrets.token_bytes(32)
    key_file.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".widget-key-", dir=key_file.parent)
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(key.hex() + "\n")
        os.chmod(tmp, 0o600)
        os.link(tmp, key_file)  # fails if another process created it first: then use theirs
    except FileExistsError:
        return bytes.fromhex(key_file.read_text().strip())
    finally:
        Path(tmp).unlink(missing_ok=True)
    return key


#: Where the key is kept when WIDGET_SESSION_SECRET is not set.
DEFAULT_KEY_FILE = Path(__file__).resolve().parents[3] / "var" / "widget-session.key"


def widget_key() -> bytes:
    """This server's key (WIDGET_SESSION_SECRET, else the key file), read once per process."""
    global _key
    if _key is None:
        _key = load_key(os.environ.get("WIDGET_SESSION_SECRET"), DEFAULT_KEY_FILE)
    return _key


_key: bytes | None = None


def parse_origins(value: str | Iterable[str] | None) -> frozenset[str]:
    """Web origins from WIDGET_ORIGINS ("https://a.edu https://b.edu", commas allowed), without trailing "/"."""
    if value is None:
        return frozenset()
    items = value.replace(",", " ").split() if isinstance(value, str) else list(value)
    return frozenset(item.strip().rstrip("/") for item in items if item.strip())


def origin_allowed(origin: str | None, environ: Mapping[str, Any], allowed: frozenset[str]) -> bool:
    """Whether a browser page at `origin` may open the widget's socket.

    The page the server itself serves (same scheme and host as the request, or https
    when a TLS proxy says so in X-Forwarded-Proto) and the sites in `allowed` may. A
    request without an Origin header does not come from a web page's script, and a
    browser always sends one, so only pages are held to the list.
    """
    if not origin:
        return True
    origin = origin.rstrip("/")
    if "*" in allowed or origin in allowed:
        return True
    host = environ.get("HTTP_HOST")
    if not host:
        return False
    schemes = {environ.get("wsgi.url_scheme", "http")}
    forwarded = environ.get("HTTP_X_FORWARDED_PROTO")
    if forwarded:
        schemes.add(forwarded.split(",")[0].strip())
    return origin in {f"{scheme}://{host}" for scheme in schemes}
