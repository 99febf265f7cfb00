"""Requests for a human advisor, written by the bot and worked through by advisors.

When someone asks for a person, the bot collects a name and an email address or
phone number (actions/handoff.py) and stores a request here; the advisor console
lists the open ones with the conversation attached (by sender id) and advisors mark
them contacted or resolved. The table is an app table (bot.db), like roadmap progress,
so a knowledge-base reload never deletes a request that is waiting for someone.
"""

from __future__ import annotations

import builtins
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Column, Integer, String, Table, Text, func, insert, select, update
from sqlalchemy.engine import Engine

from bot.db import CONVERSATION_KEY, UTCDateTime, metadata, utcnow
from bot.db.migrate import ensure_schema

STATUSES = ("open", "contacted", "resolved")
#: At most this many requests per conversation, and per client address, in each window: enough for a
#: person who corrects their details, far from the 300 in 22 s that one address filed.
PER_CONVERSATION = (3, dt.timedelta(hours=24))
PER_CLIENT = (5, dt.timedelta(hours=1))

handoff_table = Table(
    "handoff_requests",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("channel", String(64), nullable=False, default=""),
    Column("name", String(200), nullable=False),
    Column("contact", String(200), nullable=False),
    Column("message", Text, nullable=False, default=""),  # what they asked, in their words
    Column("status", String(16), nullable=False, default="open"),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Column("updated_by", String(200), nullable=True),  # the advisor who last changed the status
    # A keyed hash of the client's address (bot/rasa/channels/clients.py), for the per-address limit.
    Column("client", String(64), nullable=True, index=True),
    info={CONVERSATION_KEY: "sender_id"},
)


class TooManyRequests(Exception):
    """This conversation or this client has filed as many requests as the limits allow for now."""


@dataclass(frozen=True)
class HandoffPage:
    """One page of the queue and how many requests each status has."""

    requests: builtins.list[HandoffRequest]
    page: int
    pages: int
    total: int
    counts: dict[str, int]


@dataclass(frozen=True)
class HandoffRequest:
    id: int
    sender_id: str
    channel: str
    name: str
    contact: str
    message: str
    status: str
    created_at: dt.datetime
    updated_at: dt.datetime
    updated_by: str | None
    client: str | None = None


class HandoffStore:
    """Handoff requests in SQL; brings the app tables up to date on first use (bot.db)."""

    def __init__(self, engine: Engine):
        self.engine = engine
        ensure_schema(engine)

    def create(
        self, *, sender_id: str, name: str, contact: str, channel: str = "", message: str = "", client: str = ""
    ) -> int:
        """Store a request as given (advisors' tools, tests); the bot files through `file`."""
        return self._insert(sender_id, name, contact, channel, message, client, limited=False)

    def file(
        self, *, sender_id: str, name: str, contact: str, channel: str = "", message: str = "", client: str = ""
    ) -> int:
        """What the bot does when a person confirms: `create`, unless this conversation (or this
        client, when known) already filed as many requests as PER_CONVERSATION (PER_CLIENT) allows."""
        return self._insert(sender_id, name, contact, channel, message, client, limited=True)

    def _insert(
        self, sender_id: str, name: str, contact: str, channel: str, message: str, client: str, limited: bool
    ) -> int:
        now = utcnow()
        with self.engine.begin() as conn:
            limits = [(handoff_table.c.sender_id == sender_id, PER_CONVERSATION)]
            if client:
                limits.append((handoff_table.c.client == client, PER_CLIENT))
            for which, (most, window) in limits if limited else []:
                recent = conn.execute(
                    select(func.count()).where(which, handoff_table.c.created_at >= now - window)
                ).scalar()
                if (recent or 0) >= most:
                    raise TooManyRequests(f"{recent} requests in the last {window}")
            result = conn.execute(
                insert(handoff_table).values(
                    sender_id=sender_id,
                    channel=channel or "",
                    name=name.strip()[:200],
                    contact=contact.strip()[:200],
                    message=(message or "")[:2000],
                    status="open",
                    created_at=now,
                    updated_at=now,
                    client=client[:64] or None,
                )
            )
            return int(result.inserted_primary_key[0])

    def get(self, request_id: int) -> HandoffRequest | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(handoff_table).where(handoff_table.c.id == request_id)).mappings().first()
        return HandoffRequest(**row) if row else None

    def list(self, status: str | None = None, sender_id: str | None = None) -> builtins.list[HandoffRequest]:
        """Newest first; `status` narrows to one of STATUSES, `sender_id` to one conversation."""
        query = select(handoff_table).order_by(handoff_table.c.created_at.desc(), handoff_table.c.id.desc())
        if status:
            query = query.where(handoff_table.c.status == status)
        if sender_id is not None:
            query = query.where(handoff_table.c.sender_id == sender_id)
        with self.engine.connect() as conn:
            return [HandoffRequest(**row) for row in conn.execute(query).mappings()]

    def count(self, status: str) -> int:
        """How many requests have `status` (the console's menu shows the open ones on every page)."""
        with self.engine.connect() as conn:
            query = select(func.count()).select_from(handoff_table).where(handoff_table.c.status == status)
            return int(conn.execute(query).scalar() or 0)

    def page(self, status: str, page: int = 1, per_page: int = 25) -> HandoffPage:
        """One page of the requests with `status`, newest first, and the count of each status."""
        with self.engine.connect() as conn:
            counts = dict.fromkeys(STATUSES, 0)
            grouped = select(handoff_table.c.status, func.count()).group_by(handoff_table.c.status)
            counts.update({row[0]: int(row[1]) for row in conn.execute(grouped)})
            total = counts.get(status, 0)
            pages = max(1, -(-total // per_page))
            query = (
                select(handoff_table)
                .where(handoff_table.c.status == status)
                .order_by(handoff_table.c.created_at.desc(), handoff_table.c.id.desc())
                .limit(per_page)
                .offset((page - 1) * per_page)
            )
            requests = [HandoffRequest(**row) for row in conn.execute(query).mappings()]
        return HandoffPage(requests, page, pages, total, counts)

    def set_status(self, request_id: int, status: str, by: str | None = None) -> bool:
        """Move a request along; False when there is no such request."""
        if status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}, got {status!r}")
        with self.engine.begin() as conn:
            result = conn.execute(
                update(handoff_table)
                .where(handoff_table.c.id == request_id)
                .values(status=status, updated_at=utcnow(), updated_by=by)
            )
            return result.rowcount > 0

    def delete_for(self, sender_ids: builtins.list[str]) -> int:
        """Forget the requests of purged conversations (retention); returns how many went."""
        if not sender_ids:
            return 0
        with self.engine.begin() as conn:
            return conn.execute(handoff_table.delete().where(handoff_table.c.sender_id.in_(sender_ids))).rowcount
