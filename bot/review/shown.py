"""What the person saw, in plain words: button titles for payloads, channels by name.

A tap on a bot's button reaches the tracker store as its payload (`/inform{"background":"img"}`,
`/roadmap_next`), and the website widget opens every chat by sending `/greet`. Advisors
read conversations as the person lived them, so a payload is shown as the title of the
button that sent it (the latest button offered with that payload), the greeting
payload is hidden, and channels have the names people know.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

#: What the widget sends when a chat opens (web/README.md, `initPayload`).
GREETING_PAYLOAD = "/greet"
#: A message that is a button's payload: `/intent` with optional JSON entities.
_PAYLOAD = re.compile(r"^/(?P<intent>[A-Za-z_][\w-]*)(?P<entities>\{.*\})?$", re.S)

CHANNEL_NAMES = {
    "socketio": "website chat",
    "rest": "REST API",
    "slack": "Slack",
    "telegram": "Telegram",
    "cmdline": "terminal chat",
}


def channel_name(channel: str | None) -> str:
    """ "website chat" for socketio; an unknown channel by its own name; "unknown channel" when empty."""
    if not channel:
        return "unknown channel"
    return CHANNEL_NAMES.get(channel, channel)


def is_payload(text: str) -> bool:
    """Whether `text` is a button payload rather than something the person typed."""
    return bool(_PAYLOAD.match((text or "").strip()))


def as_seen(text: str, buttons: Mapping[str, str]) -> str:
    """`text` as the person saw it: the title of the button whose payload it is, else the text.

    A payload no button offered (an old widget, a payload typed by hand) reads as its
    intent and values in words: "(button) inform: img"."""
    stripped = (text or "").strip()
    match = _PAYLOAD.match(stripped)
    if match is None:
        return text
    title = buttons.get(stripped)
    if title:
        return title
    if stripped == GREETING_PAYLOAD:
        return "(opened the chat)"
    words = match["intent"].replace("_", " ")
    try:
        values = json.loads(match["entities"]) if match["entities"] else {}
    except ValueError:
        values = {}
    named = ", ".join(str(v) for v in values.values()) if isinstance(values, dict) else ""
    return f"(button) {words}: {named}" if named else f"(button) {words}"
