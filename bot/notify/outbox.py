"""The notifications owed for each handoff request, and whether each went out.

A request is filed first and its notifications are written beside it; sending comes after,
so a mail server that is down never stops a request from being filed. A notification that
could not go is tried again later (RETRY_AFTER, then hourly) until GIVE_UP_AFTER has passed,
and the console shows each one's state ("not sent: connection refused").

Two processes may deliver (the action server right after filing, the console's retry loop,
`python -m bot.notify retry`): each claims a notification for LEASE before sending it, so one
mail is not sent twice by two of them at once.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Column, Integer, String, Table, Text, insert, or_, select, update
from sqlalchemy.engine import Engine

from bot.db import CONVERSATION_KEY, UTCDateTime, metadata, utcnow
from bot.db.migrate import ensure_schema

KINDS = ("email", "slack")
STATUSES = ("pending", "sent", "failed")  # failed: given up
#: Waits after the 1st, 2nd, ... failed attempt; after the last, hourly.
RETRY_AFTER = tuple(dt.timedelta(minutes=m) for m in (1, 2, 5, 10, 30))
HOURLY = dt.timedelta(hours=1)
GIVE_UP_AFTER = dt.timedelta(hours=24)
#: How long a delivering process owns a notification it claimed (longer than a send may take).
LEASE = dt.timedelta(minutes=2)

notification_table = Table(
    "handoff_notifications",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("request_id", Integer, nullable=False, index=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("status", String(16), nullable=False, default="pending"),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text, nullable=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("next_attempt_at", UTCDateTime(), nullable=False),
    Column("sent_at", UTCDateTime(), nullable=True),
    Column("claimed_until", UTCDateTime(), nullable=True),
    info={CONVERSATION_KEY: "sender_id"},
)


@dataclass(frozen=True)
class Notification:
    """One notification of one request, by email or to Slack, and how its delivery went."""

    id: int
    request_id: int
    sender_id: str
    kind: str
    status: str
    attempts: int
    last_error: str | None
    created_at: dt.datetime
    next_attempt_at: dt.datetime
    sent_at: dt.datetime | None
    claimed_until: dt.datetime | None

    @property
    def not_sent(self) -> bool:
        """Tried and failed at least once, and not sent since: what the console warns about."""
        return self.status != "sent" and self.attempts > 0


def next_attempt(attempts: int, now: dt.datetime) -> dt.datetime:
    """When to try again after `attempts` failed attempts."""
    wait = RETRY_AFTER[attempts - 1] if 0 < attempts <= len(RETRY_AFTER) else HOURLY
    return now + wait


class Outbox:
    """Notifications in SQL; brings the app tables up to date on first use (bot.db)."""

    def __init__(self, engine: Engine):
        self.engine = engine
        ensure_schema(engine)

    def add(self, request_id: int, sender_id: str, kinds: Iterable[str]) -> list[int]:
        """Owe one notification of each kind for a request; their ids."""
        now = utcnow()
        ids = []
        with self.engine.begin() as conn:
            for kind in kinds:
                if kind not in KINDS:
                    raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
                result = conn.execute(
                    insert(notification_table).values(
                        request_id=request_id,
                        sender_id=sender_id,
                        kind=kind,
                        status="pending",
                        attempts=0,
                        created_at=now,
                        next_attempt_at=now,
                    )
                )
                ids.append(int(result.inserted_primary_key[0]))
        return ids

    def claim(
        self, now: dt.datetime, request_id: int | None = None, ids: Sequence[int] | None = None, due_only: bool = True
    ) -> builtins.list[Notification]:
        """Take the pending notifications that are due (all pending ones when not `due_only`), for
        one request or some ids when given; each is this caller's to send for LEASE."""
        query = select(notification_table.c.id).where(
            notification_table.c.status == "pending",
            or_(notification_table.c.claimed_until.is_(None), notification_table.c.claimed_until < now),
        )
        if due_only:
            query = query.where(notification_table.c.next_attempt_at <= now)
        if request_id is not None:
            query = query.where(notification_table.c.request_id == request_id)
        if ids is not None:
            query = query.where(notification_table.c.id.in_(list(ids)))
        claimed = []
        with self.engine.begin() as conn:
            for (candidate,) in conn.execute(query.order_by(notification_table.c.id)).all():
                taken = conn.execute(
                    update(notification_table)
                    .where(
                        notification_table.c.id == candidate,
                        notification_table.c.status == "pending",
                        or_(notification_table.c.claimed_until.is_(None), notification_table.c.claimed_until < now),
                    )
                    .values(claimed_until=now + LEASE)
                )
                if taken.rowcount == 1:
                    claimed.append(candidate)
        return self._get(claimed)

    def sent(self, notification_id: int) -> None:
        now = utcnow()
        with self.engine.begin() as conn:
            conn.execute(
                update(notification_table)
                .where(notification_table.c.id == notification_id)
                .values(
                    status="sent",
                    sent_at=now,
                    attempts=notification_table.c.attempts + 1,
                    last_error=None,
                    claimed_until=None,
                )
            )

    def failed(self, notification: Notification, error: str, now: dt.datetime | None = None) -> str:
        """Record a failed attempt: tried again later, or given up after GIVE_UP_AFTER; the new status."""
        now = now or utcnow()
        attempts = notification.attempts + 1
        status = "failed" if now - notification.created_at >= GIVE_UP_AFTER else "pending"
        with self.engine.begin() as conn:
            conn.execute(
                update(notification_table)
                .where(notification_table.c.id == notification.id)
                .values(
                    status=status,
                    attempts=attempts,
                    last_error=error[:1000],
                    next_attempt_at=next_attempt(attempts, now),
                    claimed_until=None,
                )
            )
        return status

    def retry(self, notification_id: int) -> bool:
        """An advisor's "send again": due now, given up or not; False when there is no such unsent one."""
        with self.engine.begin() as conn:
            result = conn.execute(
                update(notification_table)
                .where(notification_table.c.id == notification_id, notification_table.c.status != "sent")
                .values(status="pending", next_attempt_at=utcnow())
            )
            return result.rowcount > 0

    def _get(self, ids: Sequence[int]) -> builtins.list[Notification]:
        if not ids:
            return []
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(notification_table).where(notification_table.c.id.in_(list(ids))).order_by("id")
            ).mappings()
            return [Notification(**row) for row in rows]

    def get(self, notification_id: int) -> Notification | None:
        found = self._get([notification_id])
        return found[0] if found else None

    def for_requests(self, request_ids: Iterable[int]) -> dict[int, builtins.list[Notification]]:
        """Each request's notifications, by request id (the queue shows them on each card)."""
        ids = list(request_ids)
        found: dict[int, builtins.list[Notification]] = {i: [] for i in ids}
        if not ids:
            return found
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(notification_table)
                .where(notification_table.c.request_id.in_(ids))
                .order_by(notification_table.c.id)
            ).mappings()
            for row in rows:
                found[row["request_id"]].append(Notification(**row))
        return found

    def list(self) -> builtins.list[Notification]:
        """Every notification, oldest first (tests, the command line)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(notification_table).order_by(notification_table.c.id)).mappings()
            return [Notification(**row) for row in rows]
