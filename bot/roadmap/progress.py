"""Where each person is on their roadmap, kept in the database across sessions and restarts.

Someone who comes back days later and says "continue" must land on the same step,
whichever server process answers, so progress lives in SQL, keyed by the channel's
sender id. The table is an app table (bot.db), apart from the knowledge base's
`schema.Base`: the knowledge-base loader deletes (and on a schema change drops) every
table of that, and a content reload must never forget people's progress.

Stored rows are JSON text. A row that cannot be read (hand-edited, truncated, from
an incompatible version) is logged and replaced by a fresh start rather than
breaking the conversation.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Column, String, Table, Text, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot.db import CONVERSATION_KEY, UTCDateTime, as_utc, metadata, utcnow
from bot.db.migrate import ensure_schema
from bot.profile import Profile

log = logging.getLogger(__name__)

#: Bump when the stored shape changes incompatibly; older rows then read as a fresh start.
FORMAT = 1

progress_table = Table(
    "roadmap_progress",
    metadata,
    Column("sender_id", String(255), primary_key=True),
    Column("data", Text, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    info={CONVERSATION_KEY: "sender_id"},
)


@dataclass(frozen=True)
class Progress:
    """A person's place on their roadmap: the step they are on and the steps they have done.

    Steps are named by their knowledge-base key, not by number, so a plan that gains
    or loses a step (new content, a changed profile) still finds the person's place.
    """

    sender_id: str
    profile: Profile = field(default_factory=Profile)
    current: str | None = None  # None: the walk-through has not started
    done: tuple[str, ...] = ()
    updated_at: dt.datetime | None = None
    #: The profile their plan was last shown for. What they say is saved to `profile` as they
    #: say it, in any turn; when the two differ, the plan is rebuilt and the next roadmap reply
    #: says what changed. None: no plan shown yet (or saved before this was kept).
    planned_for: Profile | None = None

    def with_profile(self, **changes: Any) -> Progress:
        return replace(self, profile=replace(self.profile, **changes))

    def to_json(self) -> str:
        data = {"format": FORMAT, "profile": self.profile.to_dict(), "current": self.current, "done": list(self.done)}
        if self.planned_for is not None:
            data["planned_for"] = self.planned_for.to_dict()
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_json(cls, sender_id: str, text: str, updated_at: dt.datetime | None = None) -> Progress:
        """Rebuild stored progress; raises ValueError (json errors included) on anything malformed."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a progress record of this format")
        current, done = data.get("current"), data.get("done", [])
        if current is not None and not isinstance(current, str):
            raise ValueError("current step is not a key")
        if not isinstance(done, list) or not all(isinstance(k, str) for k in done):
            raise ValueError("done steps are not a list of keys")
        planned = data.get("planned_for")
        planned_for = None if planned is None else Profile.from_dict(planned)
        profile = Profile.from_dict(data.get("profile", {}))
        return cls(sender_id, profile, current, tuple(done), updated_at, planned_for)


class ProgressStore:
    """Load and save progress by sender id in the database at `engine`."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._ready = False

    @classmethod
    def default(cls) -> ProgressStore:
        """The store in the knowledge base's database (Settings.database_url)."""
        from bot.db import get_engine
        from bot.settings import load_settings

        return cls(get_engine(load_settings().database_url))

    def _ensure_table(self) -> None:
        if not self._ready:
            ensure_schema(self.engine)
            self._ready = True

    def load(self, sender_id: str) -> Progress:
        """The person's progress, or a fresh one if there is none or it cannot be read."""
        self._ensure_table()
        with self.engine.connect() as conn:
            row = conn.execute(
                select(progress_table.c.data, progress_table.c.updated_at).where(
                    progress_table.c.sender_id == sender_id
                )
            ).first()
        if row is None:
            return Progress(sender_id)
        try:
            return Progress.from_json(sender_id, row.data, row.updated_at)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            log.warning("unreadable roadmap progress for sender %r, starting afresh: %s", sender_id, exc)
            return Progress(sender_id)

    def save(self, progress: Progress, now: dt.datetime | None = None) -> Progress:
        """Insert or update the person's row; returns the progress with its new `updated_at`."""
        self._ensure_table()
        stamp = as_utc(now) if now else utcnow()
        values = {"data": progress.to_json(), "updated_at": stamp}
        key = progress_table.c.sender_id == progress.sender_id
        # Update first; insert if there was no row. Two first saves racing for one sender
        # meet the primary key: the loser then updates what the winner inserted.
        with self.engine.begin() as conn:
            changed = conn.execute(update(progress_table).where(key).values(**values)).rowcount
        if not changed:
            try:
                with self.engine.begin() as conn:
                    conn.execute(progress_table.insert().values(sender_id=progress.sender_id, **values))
            except IntegrityError:
                with self.engine.begin() as conn:
                    conn.execute(update(progress_table).where(key).values(**values))
        return replace(progress, updated_at=stamp)

    def forget(self, sender_id: str) -> None:
        """Remove a person's progress entirely (a full "start over", or a deletion request)."""
        self._ensure_table()
        with self.engine.begin() as conn:
            conn.execute(progress_table.delete().where(progress_table.c.sender_id == sender_id))
