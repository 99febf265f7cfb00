"""Conversations and handoff requests as CSV, for a spreadsheet or a school's own reports.

The same rules as the pages: emails and phone numbers masked in what people wrote, a
handoff request's contact in full (as in the queue), times in UTC. A cell that a
spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage
return) gets a leading apostrophe, so "+1 555 010 7788" reads as text and
"=HYPERLINK(...)" typed by a stranger never runs.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from bot.handoff.store import HandoffRequest
from bot.review.logs import MAX_PER_PAGE, ConversationLog, ConversationSummary, Filters
from bot.review.privacy import mask
from bot.review.shown import channel_name

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONVERSATION_COLUMNS = (
    "conversation",
    "name",
    "channel",
    "started (UTC)",
    "last message (UTC)",
    "messages from the person",
    "background",
    "roadmap step",
    "flags",
    "first message",
)
HANDOFF_COLUMNS = (
    "request",
    "status",
    "name",
    "contact",
    "channel",
    "received (UTC)",
    "message",
    "assigned to",
    "notes",
    "last changed by",
    "last changed (UTC)",
    "conversation",
)


def safe_cell(value: Any) -> str:
    """A cell as text, never read as a formula by a spreadsheet."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _time(value: dt.datetime | None) -> str:
    return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M") if value else ""


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return out.getvalue()


def all_conversations(log: ConversationLog, filters: Filters) -> Iterator[ConversationSummary]:
    """Every conversation that passes `filters`, most recent first, a page at a time."""
    page = log.conversations(filters, page=1, per_page=MAX_PER_PAGE)
    yield from page.items
    for number in range(2, page.pages + 1):
        yield from log.conversations(filters, page=number, per_page=MAX_PER_PAGE).items


def conversations_csv(
    log: ConversationLog, filters: Filters | None = None, background_name: Callable[[str], str] = str
) -> str:
    """The conversation list (every page) as CSV; `background_name` turns a background key into words."""
    filters = filters or Filters()
    rows = (
        (
            mask(c.sender_id),
            c.name or "",
            channel_name(c.channel),
            _time(c.started_at),
            _time(c.last_at),
            c.turns,
            background_name(c.background) if c.background else "",
            c.roadmap_step or "",
            " ".join(sorted(c.flags)),
            c.first_message,
        )
        for c in all_conversations(log, filters)
    )
    return _csv(CONVERSATION_COLUMNS, rows)


def handoffs_csv(
    requests: Iterable[HandoffRequest],
    assignees: Mapping[int, str] | None = None,
    notes: Mapping[int, Sequence[str]] | None = None,
) -> str:
    """Handoff requests as CSV, the contact in full, what they wrote masked; notes one a line."""
    assignees, notes = assignees or {}, notes or {}
    rows = (
        (
            r.id,
            r.status,
            r.name,
            r.contact,
            channel_name(r.channel),
            _time(r.created_at),
            mask(r.message),
            assignees.get(r.id, ""),
            "\n".join(notes.get(r.id, ())),
            r.updated_by or "",
            _time(r.updated_at) if r.updated_by else "",
            mask(r.sender_id),
        )
        for r in requests
    )
    return _csv(HANDOFF_COLUMNS, rows)
