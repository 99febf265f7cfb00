"""What the website widget receives for one bot message, and which stored messages a
reconnecting widget has not shown yet.

Plain Python (no Rasa import). Used by the widget's Socket.IO channel
(`bot.rasa.channels.socketio`).

Rasa's Socket.IO output cut every text at blank lines into separate messages: an
answer and its "Sources:" line arrived as two bubbles (a roadmap step as four), and a
question sent quickly could land between them. Here one bot utterance is one widget
message, with its line breaks: the widget lays out paragraphs, lists and the source
line itself. Slack, Telegram and REST are not touched.

Each message carries `id`, the timestamp of the bot event the tracker store keeps for
it. The widget remembers the last id it has shown and names it when it (re)connects;
the server then sends what the store holds after it, so a reply that arrived while
the page was reloading or offline is not lost. Messages the channel makes up itself
(an apology, "please slow down") are never stored, carry no id and are not sent again.
An advisor's message (its stored event names the advisor) carries `"from": "advisor"`,
so the widget shows that a person, not the bot, is writing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

#: Keys of a bot message the widget does not lay out as text and buttons.
_OTHER_KINDS = ("image", "attachment", "elements", "custom")


def is_plain(message: Mapping[str, Any]) -> bool:
    """Whether `message` is text and buttons only (what this bot says), so it can go as one widget message."""
    return bool(message.get("text")) and not any(message.get(kind) for kind in _OTHER_KINDS)


def message_id(message: Mapping[str, Any]) -> float | None:
    """The id of a bot message: the timestamp of its stored event; None for messages never stored."""
    stamp = message.get("timestamp")
    if isinstance(stamp, bool) or not isinstance(stamp, (int, float)):
        return None
    return float(stamp)


def widget_message(message: Mapping[str, Any]) -> dict[str, Any]:
    """One bot utterance as one widget message: its whole text, its buttons as quick replies, its id.

    The shape is Rasa's Socket.IO message (`text`, `quick_replies` with `content_type`,
    `title` and `payload`), so any client of that protocol still reads it.
    """
    out: dict[str, Any] = {"text": str(message.get("text") or "").strip()}
    buttons = message.get("buttons") or message.get("quick_replies") or []
    if buttons:
        out["quick_replies"] = [
            {"content_type": "text", "title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
            for b in buttons
            if isinstance(b, Mapping)
        ]
    found = message_id(message)
    if found is not None:
        out["id"] = found
    if message.get("advisor"):  # a person at the school wrote it: the widget says so (never who)
        out["from"] = "advisor"
    return out


def unseen(stored: Sequence[Mapping[str, Any]], shown: Any) -> list[dict[str, Any]]:
    """The stored bot messages (oldest first) a widget that has shown message `shown` has not.

    The messages after the one whose id is `shown`; if that one is no longer in the
    store's current session, those stored later than it. Nothing for a widget that
    names no message it has shown (an older client): it keeps its own history.
    """
    last = message_id({"timestamp": shown})
    if last is None:
        return []
    ids = [message_id(m) for m in stored]
    after = next((i + 1 for i, found in enumerate(ids) if found == last), None)
    if after is None:
        picked: Iterable[Mapping[str, Any]] = (
            m for m, found in zip(stored, ids, strict=True) if found is not None and found > last
        )
    else:
        picked = stored[after:]
    return [widget_message(m) for m in picked if is_plain(m) and message_id(m) is not None]
