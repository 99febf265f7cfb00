"""Advisors' notes on a handoff request and who is handling it.

Kept in their own app tables beside `handoff_requests` (bot/handoff/store.py) rather than
as columns of it: the bot files requests, advisors annotate them, and neither needs the
other's columns. Both tables belong to the conversation (sender id), so the retention
purge removes them with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Column, Integer, String, Table, Text, delete, insert, select
from sqlalchemy.engine import Engine

from bot.db import CONVERSATION_KEY, UTCDateTime, metadata, utcnow
from bot.db.migrate import ensure_schema

MAX_NOTE = 2000

notes_table = Table(
    "handoff_notes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("request_id", Integer, nullable=False, index=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("by", String(200), nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    info={CONVERSATION_KEY: "sender_id"},
)
assignees_table = Table(
    "handoff_assignees",
    metadata,
    Column("request_id", Integer, primary_key=True, autoincrement=False),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("assignee", String(200), nullable=False),
    Column("by", String(200), nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    info={CONVERSATION_KEY: "sender_id"},
)


class NoteError(ValueError):
    """A note or an assignment that cannot be stored; the message says what to change."""


@dataclass(frozen=True)
class Note:
    id: int
    request_id: int
    text: str
    by: str
    at: dt.datetime


@dataclass(frozen=True)
class Assignment:
    request_id: int
    assignee: str
    by: str
    at: dt.datetime


class HandoffNotes:
    """Notes and assignees of handoff requests in the app database at `engine`."""

    def __init__(self, engine: Engine):
        self.engine = engine
        ensure_schema(engine)

    def add(self, *, request_id: int, sender_id: str, text: str, by: str) -> Note:
        """Add a note to a request; raises NoteError when it is empty or too long."""
        text = (text or "").strip()
        if not text:
            raise NoteError("The note is empty.")
        if len(text) > MAX_NOTE:
            raise NoteError(f"The note is longer than {MAX_NOTE} characters.")
        now = utcnow()
        with self.engine.begin() as conn:
            result = conn.execute(
                insert(notes_table).values(request_id=request_id, sender_id=sender_id, text=text, by=by, at=now)
            )
        return Note(int(result.inserted_primary_key[0]), request_id, text, by, now)

    def notes(self, request_ids: Iterable[int]) -> dict[int, list[Note]]:
        """The notes of each request, oldest first."""
        ids = list(request_ids)
        if not ids:
            return {}
        query = select(notes_table).where(notes_table.c.request_id.in_(ids)).order_by(notes_table.c.id)
        found: dict[int, list[Note]] = {}
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                found.setdefault(row.request_id, []).append(Note(row.id, row.request_id, row.text, row.by, row.at))
        return found

    def assign(self, *, request_id: int, sender_id: str, assignee: str | None, by: str) -> None:
        """Give the request to `assignee` (an advisor's email), or to nobody when it is empty."""
        assignee = (assignee or "").strip().lower()
        if len(assignee) > 200:
            raise NoteError("That is not an advisor's email address.")
        with self.engine.begin() as conn:
            conn.execute(delete(assignees_table).where(assignees_table.c.request_id == request_id))
            if assignee:
                conn.execute(
                    insert(assignees_table).values(
                        request_id=request_id, sender_id=sender_id, assignee=assignee, by=by, at=utcnow()
                    )
                )

    def assignments(self, request_ids: Iterable[int]) -> dict[int, Assignment]:
        """Who handles each request (requests nobody has are left out)."""
        ids = list(request_ids)
        if not ids:
            return {}
        query = select(assignees_table).where(assignees_table.c.request_id.in_(ids))
        with self.engine.connect() as conn:
            return {
                row.request_id: Assignment(row.request_id, row.assignee, row.by, row.at) for row in conn.execute(query)
            }
