"""One conversation as the scale tests drive it and read it back from the tracker store."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import MetaData, Table, create_engine, select

Reply = list[dict[str, Any]]


class Server:
    """Enough of Settings for tests.e2e.say: where one Rasa server listens."""

    def __init__(self, url: str):
        self.rasa_url = url


def text_of(replies: Reply) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def tracker_events(tracker_url: str, sender: str) -> list[dict[str, Any]]:
    """The conversation as Rasa's SQL tracker store saved it, read straight from PostgreSQL."""
    engine = create_engine(tracker_url, future=True)
    try:
        events = Table("events", MetaData(), autoload_with=engine)
        with engine.connect() as conn:
            rows = conn.execute(select(events.c.data).where(events.c.sender_id == sender).order_by(events.c.id)).all()
    finally:
        engine.dispose()
    return [json.loads(row.data) for row in rows]


def turns(events: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(user message, everything the bot said until the next user message), in stored order."""
    result: list[tuple[str, str]] = []
    for event in events:
        if event["event"] == "user":
            result.append((event["text"], ""))
        elif event["event"] == "bot" and result:
            result[-1] = (result[-1][0], result[-1][1] + "\n" + (event.get("text") or ""))
    return result


# (message, what the reply to it must say): each check belongs to one message only.
WALK_THROUGH: list[tuple[str, str]] = [
    ("walk me through becoming a medical assistant", "which of these describes you"),
    ("I'm a doctor from Egypt", "Which credential"),  # the form goes on, on the other server
    ("recommend one for me", "Which state"),
    ("Texas", "stepping stone"),
    ("a stepping stone to residency", "Step 1 of 6"),
    ("next", "Step 2 of 6"),
    ("wait, is the externship paid?", "unpaid"),  # an FAQ in the middle of the walk-through
    ("/roadmap_continue", "Step 2 of 6"),  # its "Back to step 2 of 6" button
    ("next", "Step 3 of 6"),
    ("which step am I on?", "You're on step 3 of 6"),
    ("next", "Step 4 of 6"),
    ("back", "Step 3 of 6"),
]
