"""Who holds a conversation: an advisor who took it over from the bot, since when, and the history.

While a conversation is held the bot stays silent (bot/rasa/channels/guard.py asks
`is_held` for every message) and the advisor answers from the console; handing it back
ends the hold. Every hold is kept with who took it, who handed it back and when, so the
record of who spoke for the school in a conversation survives. The table is an app table
(bot.db) that belongs to its conversation, so the retention purge removes it with the rest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Column, Integer, String, Table, insert, select, update
from sqlalchemy.engine import Connection, Engine

from bot.db import CONVERSATION_KEY, UTCDateTime, metadata, utcnow
from bot.db.migrate import ensure_schema

hold_table = Table(
    "conversation_holds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("held_by", String(200), nullable=False),
    Column("held_at", UTCDateTime(), nullable=False),
    Column("released_by", String(200), nullable=True),
    Column("released_at", UTCDateTime(), nullable=True),
    info={CONVERSATION_KEY: "sender_id"},
)


@dataclass(frozen=True)
class Hold:
    """One advisor's hold of one conversation; `released_at` is None while it lasts."""

    id: int
    sender_id: str
    held_by: str
    held_at: dt.datetime
    released_by: str | None
    released_at: dt.datetime | None

    @property
    def current(self) -> bool:
        return self.released_at is None


class HoldStore:
    """Holds in SQL; brings the app tables up to date on first use (bot.db)."""

    def __init__(self, engine: Engine):
        self.engine = engine
        ensure_schema(engine)

    def current(self, sender_id: str) -> Hold | None:
        """The hold in force on the conversation, or None: the bot answers."""
        with self.engine.connect() as conn:
            return self._in_force(conn, sender_id)

    def is_held(self, sender_id: str) -> bool:
        return self.current(sender_id) is not None

    def take(self, sender_id: str, advisor: str) -> Hold:
        """`advisor` holds the conversation from now; from another advisor who held it, if one did.

        Taking a conversation one already holds changes nothing."""
        now = utcnow()
        with self.engine.begin() as conn:
            held = conn.execute(
                select(hold_table.c.id, hold_table.c.held_by).where(
                    hold_table.c.sender_id == sender_id, hold_table.c.released_at.is_(None)
                )
            ).all()
            if any(row.held_by == advisor for row in held):
                return self._first_current(conn, sender_id)
            if held:
                conn.execute(
                    update(hold_table)
                    .where(hold_table.c.id.in_([row.id for row in held]))
                    .values(released_by=advisor, released_at=now)
                )
            conn.execute(insert(hold_table).values(sender_id=sender_id, held_by=advisor, held_at=now))
            return self._first_current(conn, sender_id)

    @classmethod
    def _first_current(cls, conn: Connection, sender_id: str) -> Hold:
        hold = cls._in_force(conn, sender_id)
        assert hold is not None, "a hold was just made in this transaction"
        return hold

    @staticmethod
    def _in_force(conn: Connection, sender_id: str) -> Hold | None:
        """The newest hold on the conversation not yet released, read on `conn`."""
        row = (
            conn.execute(
                select(hold_table)
                .where(hold_table.c.sender_id == sender_id, hold_table.c.released_at.is_(None))
                .order_by(hold_table.c.id.desc())
            )
            .mappings()
            .first()
        )
        return Hold(**row) if row else None

    def release(self, sender_id: str, advisor: str) -> Hold | None:
        """End the hold in force (whoever held it: any advisor may hand a conversation back);
        the hold as it ended, or None when the bot already had it."""
        now = utcnow()
        with self.engine.begin() as conn:
            ids = [
                row.id
                for row in conn.execute(
                    select(hold_table.c.id).where(
                        hold_table.c.sender_id == sender_id, hold_table.c.released_at.is_(None)
                    )
                )
            ]
            if not ids:
                return None
            conn.execute(
                update(hold_table).where(hold_table.c.id.in_(ids)).values(released_by=advisor, released_at=now)
            )
            row = conn.execute(select(hold_table).where(hold_table.c.id == max(ids))).mappings().one()
        return Hold(**row)

    def history(self, sender_id: str) -> list[Hold]:
        """Every hold of the conversation, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(hold_table).where(hold_table.c.sender_id == sender_id).order_by(hold_table.c.id)
            ).mappings()
            return [Hold(**row) for row in rows]

    def held(self, sender_ids: list[str] | None = None) -> dict[str, Hold]:
        """The holds in force, by conversation (of `sender_ids` when given)."""
        query = select(hold_table).where(hold_table.c.released_at.is_(None))
        if sender_ids is not None:
            if not sender_ids:
                return {}
            query = query.where(hold_table.c.sender_id.in_(sender_ids))
        with self.engine.connect() as conn:
            return {row["sender_id"]: Hold(**row) for row in conn.execute(query.order_by(hold_table.c.id)).mappings()}
