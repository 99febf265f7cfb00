"""Retention: forget conversations nobody has touched for longer than RETENTION_DAYS.

A conversation goes as a whole, decided by its last event, so a person who came
back last week keeps their early messages too. With it go everything the app keeps
about that sender: advisors' annotations and reviewed marks, handoff requests and
roadmap progress. A dry run counts the same rows and deletes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Connection

from bot.handoff.store import HandoffStore, handoff_table
from bot.kb.db import get_engine
from bot.review.annotations import AnnotationStore
from bot.review.logs import ConversationLog
from bot.roadmap.progress import metadata as progress_metadata
from bot.roadmap.progress import progress_table

#: Sender ids per IN (...) clause: well under SQLite's and PostgreSQL's parameter limits.
CHUNK = 500


@dataclass(frozen=True)
class PurgeResult:
    conversations: int
    events: int
    annotations: int = 0
    handoff_requests: int = 0
    roadmap_progress: int = 0


def _chunks(items: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), CHUNK):
        yield list(items[start : start + CHUNK])


def _count(conn: Connection, column, senders: Sequence[str]) -> int:
    return sum(
        conn.execute(select(func.count()).select_from(column.table).where(column.in_(chunk))).scalar_one()
        for chunk in _chunks(senders)
    )


def purge(
    tracker_url: str, app_url: str, older_than_days: int, *, dry_run: bool = False, now: dt.datetime | None = None
) -> PurgeResult:
    """Delete (or with `dry_run`, count) the conversations whose last event is older than `older_than_days`."""
    if isinstance(older_than_days, bool) or not isinstance(older_than_days, int) or older_than_days < 1:
        raise ValueError(f"The retention period must be a whole number of days, 1 or more, got {older_than_days!r}.")
    now = now or dt.datetime.now(dt.timezone.utc)
    cutoff = (now - dt.timedelta(days=older_than_days)).timestamp()
    table = ConversationLog(tracker_url, app_url).events()
    if table is None:
        return PurgeResult(0, 0)
    app = get_engine(app_url)
    annotations = AnnotationStore(app)
    handoffs = HandoffStore(app)  # creates its table if this database has never had one
    progress_metadata.create_all(app, checkfirst=True)
    stale = select(table.c.sender_id).group_by(table.c.sender_id).having(func.max(table.c.timestamp) < cutoff)
    with get_engine(tracker_url).connect() as tracker:
        senders = sorted(tracker.execute(stale).scalars())
        events = _count(tracker, table.c.sender_id, senders)
    with app.connect() as conn:
        counts = PurgeResult(
            len(senders),
            events,
            annotations.count_for(senders),
            _count(conn, handoff_table.c.sender_id, senders),
            _count(conn, progress_table.c.sender_id, senders),
        )
    if dry_run or not senders:
        return counts
    # App-side rows first: if the tracker store then fails, the next purge finds the same
    # conversations again, while the reverse order would leave app rows no purge could find.
    for chunk in _chunks(senders):
        annotations.delete_for(chunk)
        handoffs.delete_for(chunk)
        with app.begin() as conn:
            conn.execute(delete(progress_table).where(progress_table.c.sender_id.in_(chunk)))
    with get_engine(tracker_url).begin() as tracker:
        for chunk in _chunks(senders):
            # Checked again: someone who wrote since the count above keeps their conversation.
            tracker.execute(delete(table).where(table.c.sender_id.in_(chunk), table.c.sender_id.in_(stale)))
    return counts
