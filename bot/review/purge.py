"""Retention: forget conversations nobody has touched for longer than RETENTION_DAYS.

A conversation goes as a whole, decided by its last event, so a person who came
back last week keeps their early messages too. With it go everything the app keeps
about that sender: every app table registered as belonging to a conversation
(bot.db.tables.CONVERSATION_KEY): advisors' annotations and reviewed marks, handoff
requests, roadmap progress. A dry run counts the same rows and deletes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Column, delete, func, select
from sqlalchemy.engine import Connection, Engine

from bot.db import conversation_columns, get_engine
from bot.db.migrate import ensure_schema
from bot.review.logs import ConversationLog

log = logging.getLogger(__name__)

#: Sender ids per IN (...) clause: well under SQLite's and PostgreSQL's parameter limits.
CHUNK = 500


@dataclass(frozen=True)
class PurgeResult:
    """How many conversations and events went (or would go), and how many rows of each app table."""

    conversations: int
    events: int
    #: (table name, rows) for every app table that belongs to a conversation.
    app_rows: tuple[tuple[str, int], ...] = field(default=())

    def rows(self, table: str) -> int:
        return dict(self.app_rows).get(table, 0)

    @property
    def annotations(self) -> int:
        return self.rows("review_annotations")

    @property
    def handoff_requests(self) -> int:
        return self.rows("handoff_requests")

    @property
    def roadmap_progress(self) -> int:
        return self.rows("roadmap_progress")


def _chunks(items: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), CHUNK):
        yield list(items[start : start + CHUNK])


def _count(conn: Connection, column: Column, senders: Sequence[str]) -> int:
    return sum(
        conn.execute(select(func.count()).select_from(column.table).where(column.in_(chunk))).scalar_one()
        for chunk in _chunks(senders)
    )


def _app_counts(conn: Connection, columns: Sequence[Column], senders: Sequence[str]) -> Mapping[str, int]:
    return {column.table.name: _count(conn, column, senders) for column in columns}


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
    ensure_schema(app)  # a database that has never had some app table still has it to count in
    columns = conversation_columns()
    stale = select(table.c.sender_id).group_by(table.c.sender_id).having(func.max(table.c.timestamp) < cutoff)
    with get_engine(tracker_url).connect() as tracker:
        senders = sorted(tracker.execute(stale).scalars())
        events = _count(tracker, table.c.sender_id, senders)
    with app.connect() as conn:
        counts = PurgeResult(len(senders), events, tuple(_app_counts(conn, columns, senders).items()))
    if dry_run or not senders:
        return counts
    # App-side rows first: if the tracker store then fails, the next purge finds the same
    # conversations again, while the reverse order would leave app rows no purge could find.
    for chunk in _chunks(senders):
        with app.begin() as conn:
            _secure_delete(conn)
            for column in columns:
                conn.execute(delete(column.table).where(column.in_(chunk)))
    with get_engine(tracker_url).begin() as tracker:
        _secure_delete(tracker)
        for chunk in _chunks(senders):
            # Checked again: someone who wrote since the count above keeps their conversation.
            tracker.execute(delete(table).where(table.c.sender_id.in_(chunk), table.c.sender_id.in_(stale)))
    for engine in (app, get_engine(tracker_url)):
        _checkpoint(engine)
    return counts


def _secure_delete(conn: Connection) -> None:
    """On SQLite, have deleted rows overwritten with zeros, not just marked free (still readable on disk)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA secure_delete = ON")


def _checkpoint(engine: Engine) -> None:
    """On SQLite in WAL mode, move the write-ahead log into the database and empty it: until then
    the purged conversations were still in the -wal file. A reader holding the log open (the bot
    serving) can delay this; it is logged, and the next purge or SQLite's own checkpoint finishes it."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as conn:
        busy, _, _ = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    if busy:
        log.warning("The purge could not empty the SQLite write-ahead log yet (a reader holds it); it will be.")
