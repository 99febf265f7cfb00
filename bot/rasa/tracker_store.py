"""Rasa's SQL tracker store, without rebuilding the whole conversation from the database every turn.

Profiling one request (README, "Benchmark") showed Rasa's SQLTrackerStore spending
most of a turn in `retrieve`: it reads every event of the conversation and replays
them into a new tracker, so each turn costs more than the one before. Here the
tracker a turn ended with is kept in memory and handed to the next turn of the same
conversation, as long as the database proves nothing else has written to that
conversation since (its newest event id is the one we saved) and the tracker holds
no events that were never saved. Otherwise it is read from the database as before,
so several Rasa processes sharing one database stay correct. Every event is still
written to the database at once; the cache only saves reading it back.

SQLite databases get a connection pool (Rasa opened a new connection for every query)
and write-ahead logging, which makes each commit cheaper and lets readers (a
conversation review, a backup) work while the bot writes.

When the database cannot be read or written during a guarded turn, the store does not
pretend: it forgets its copy of the conversation, writes nothing for the turn (a
tracker Rasa rebuilt from nothing after a failed read would overwrite the
conversation's state), logs the error and marks the turn as not stored
(`bot.rasa.turns`), so the person is asked to try again instead of getting answers
that were never stored. Rasa's own fallback to an in-memory store is never reached.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool

from bot.rasa import require_supported
from bot.rasa.turns import current_turn

require_supported("the cached SQL tracker store (SQLTrackerStore's internals)")

logger = logging.getLogger(__name__)

DEFAULT_CACHED_CONVERSATIONS = 500
#: How long a write waits for another writer's lock on an SQLite database before it fails.
SQLITE_BUSY_TIMEOUT_S = 5.0


@dataclass
class _Cached:
    tracker: DialogueStateTracker
    saved_events: int  # how many of tracker.events are in the database
    newest_id: int | None  # the database's newest event id for this conversation when we last looked


class CachedSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore plus an in-memory copy of the most recent conversations (LRU)."""

    engine: sa.engine.Engine  # set by SQLTrackerStore.__init__, which does not annotate it

    def __init__(self, *args: Any, cached_conversations: int = DEFAULT_CACHED_CONVERSATIONS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cached_conversations = int(cached_conversations)
        self._cache: OrderedDict[str, _Cached] = OrderedDict()
        if self.engine.dialect.name == "sqlite":
            # Rasa opens a new SQLite connection for every query (SQLAlchemy 1.4's default for files);
            # a pool keeps a few open, as bot.db does for the app database.
            self.engine.dispose()
            self.engine = sa.create_engine(
                self.engine.url,
                poolclass=QueuePool,
                connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S},
            )
            self.sessionmaker = sessionmaker(bind=self.engine)
            with self.engine.connect() as conn:  # persistent: recorded in the database file itself
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")

    def _newest_id(self, sender_id: str) -> int | None:
        with self.session_scope() as session:
            return session.query(sa.func.max(self.SQLEvent.id)).filter(self.SQLEvent.sender_id == sender_id).scalar()

    def _remember(self, tracker: DialogueStateTracker, newest_id: int | None) -> None:
        if tracker.events.maxlen is not None:  # a capped history: its length no longer counts saved events
            return
        self._cache[tracker.sender_id] = _Cached(tracker, len(tracker.events), newest_id)
        self._cache.move_to_end(tracker.sender_id)
        while len(self._cache) > self.cached_conversations:
            self._cache.popitem(last=False)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The latest session's tracker: from memory if the database has nothing newer, else from it."""
        try:
            return await self._retrieve_cached(sender_id)
        except Exception as error:
            self._not_stored(sender_id, "read", error)
            raise

    def _not_stored(self, sender_id: str, what: str, error: Exception) -> None:
        """Forget our copy and mark the turn; outside a guarded turn the caller re-raises."""
        self._cache.pop(sender_id, None)
        turn = current_turn()
        if turn is not None:
            turn.stored = False
        logger.error(
            f"Could not {what} conversation {sender_id!r} in the tracker store "
            f"({type(error).__name__}: {error}); the turn is not stored and the person is asked to try again."
        )

    async def _retrieve_cached(self, sender_id: str) -> DialogueStateTracker | None:
        newest_id = self._newest_id(sender_id)
        cached = self._cache.get(sender_id)
        if cached and cached.newest_id == newest_id and len(cached.tracker.events) == cached.saved_events:
            self._cache.move_to_end(sender_id)
            return cached.tracker
        self._cache.pop(sender_id, None)
        tracker = await super().retrieve(sender_id)
        if tracker is not None:
            self._remember(tracker, newest_id)
        return tracker

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        """For a tracker we handed out, the events after the ones we know are saved (no count query)."""
        cached = self._cache.get(tracker.sender_id)
        if cached and cached.tracker is tracker:
            return iter(list(tracker.events)[cached.saved_events :])
        return super()._additional_events(session, tracker)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Write the turn's new events, or (in a guarded turn that failed) nothing, and say so."""
        turn = current_turn()
        if turn is not None and not turn.stored:
            # The read failed: Rasa rebuilt this tracker from nothing; writing it would corrupt the log.
            self._cache.pop(tracker.sender_id, None)
            return
        try:
            await super().save(tracker)
        except Exception as error:
            self._not_stored(tracker.sender_id, "write", error)
            if turn is None:
                raise
            return
        try:
            self._after_save(tracker)
        except Exception:  # the turn is stored; only our copy is in doubt, so read it back next time
            self._cache.pop(tracker.sender_id, None)

    def _after_save(self, tracker: DialogueStateTracker) -> None:
        cached = self._cache.get(tracker.sender_id)
        if sum(isinstance(e, SessionStarted) for e in tracker.events) > 1:
            # A new session began inside this tracker; from the database it would hold only the
            # new session's events, so let the next turn read it back from there.
            self._cache.pop(tracker.sender_id, None)
        elif cached is None or cached.tracker is tracker:
            # Nothing else writes this conversation between our insert and this query: Rasa holds the
            # conversation's lock for the whole turn (several workers need a shared lock store anyway).
            self._remember(tracker, self._newest_id(tracker.sender_id))
