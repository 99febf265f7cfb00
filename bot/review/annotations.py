"""Advisors' corrections to what the bot understood, and which conversations they have read.

An annotation says what a user message should have been classified as (an intent
from domain.yml, or out of scope) and why; exported, annotations become NLU
training data (bot.review.export). The text is kept here as the person typed it,
because the tracker store may be purged by retention while the annotation is still
waiting to be exported; masking happens on the way out.

Both are app tables (bot.db), apart from the knowledge base's schema, which the
knowledge-base loader drops on a content change; they belong to a conversation, so
the retention purge removes them with it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Boolean, Column, Integer, String, Table, Text, delete, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot.db import CONVERSATION_KEY, UTCDateTime, metadata, utcnow
from bot.db.migrate import ensure_schema
from bot.settings import PROJECT_ROOT

#: The intent that training data uses for "not something this bot answers".
OUT_OF_SCOPE = "out_of_scope"
MAX_NOTE = 2000
MAX_TEXT = 2000

annotations_table = Table(
    "review_annotations",
    metadata,
    # Rasa's event id: unique in the tracker store, so one annotation per user message.
    Column("event_id", Integer, primary_key=True, autoincrement=False),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("intent", String(200), nullable=True),
    Column("out_of_scope", Boolean, nullable=False, default=False),
    Column("note", Text, nullable=False, default=""),
    Column("by", String(200), nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    info={CONVERSATION_KEY: "sender_id"},
)
reviewed_table = Table(
    "review_marks",
    metadata,
    Column("sender_id", String(255), primary_key=True),
    Column("by", String(200), nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    info={CONVERSATION_KEY: "sender_id"},
)


class AnnotationError(ValueError):
    """An annotation that cannot be stored; the message says what to change."""


@dataclass(frozen=True)
class Annotation:
    event_id: int
    sender_id: str
    text: str  # as the user typed it (unmasked); masked when shown or exported
    intent: str | None
    out_of_scope: bool
    note: str
    by: str
    at: dt.datetime


@lru_cache(maxsize=4)
def _domain_intents(path: Path, mtime: float) -> tuple[str, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    names = []
    for item in data.get("intents") or []:
        # An intent is a name, or a one-key mapping {name: {use_entities: ...}}.
        name = next(iter(item)) if isinstance(item, dict) else item
        if isinstance(name, str) and name not in names:
            names.append(name)
    return tuple(names)


def domain_intents(domain_path: Path = PROJECT_ROOT / "domain.yml") -> list[str]:
    """The intents an advisor may choose, in domain.yml's order (re-read when the file changes)."""
    return list(_domain_intents(domain_path, domain_path.stat().st_mtime))


def _row(row: Any) -> Annotation:
    return Annotation(
        event_id=row.event_id,
        sender_id=row.sender_id,
        text=row.text,
        intent=row.intent,
        out_of_scope=bool(row.out_of_scope),
        note=row.note or "",
        by=row.by,
        at=row.at,
    )


class AnnotationStore:
    """Annotations and reviewed marks in the app database at `engine`."""

    def __init__(self, engine: Engine, domain_path: Path = PROJECT_ROOT / "domain.yml"):
        self.engine = engine
        self.domain_path = domain_path
        self._ready = False

    def _ensure_tables(self) -> None:
        if not self._ready:
            ensure_schema(self.engine)
            self._ready = True

    def _validate(self, text: str, intent: str | None, out_of_scope: bool, note: str, by: str) -> str | None:
        if not (text or "").strip():
            raise AnnotationError("The message to annotate is empty.")
        if len(text) > MAX_TEXT:
            raise AnnotationError(f"The message is longer than {MAX_TEXT} characters.")
        if len(note or "") > MAX_NOTE:
            raise AnnotationError(f"The note is longer than {MAX_NOTE} characters.")
        if not (by or "").strip():
            raise AnnotationError("An annotation needs the advisor who made it.")
        intent = (intent or "").strip() or None
        if intent and out_of_scope and intent != OUT_OF_SCOPE:
            raise AnnotationError(f"Choose either an intent or out of scope, not both ({intent!r} was given).")
        if intent and intent != OUT_OF_SCOPE and intent not in domain_intents(self.domain_path):
            raise AnnotationError(f"Unknown intent {intent!r}: choose one of the intents in domain.yml.")
        if not intent and not out_of_scope and not (note or "").strip():
            raise AnnotationError("Set the correct intent, mark the message out of scope, or write a note.")
        return intent

    def annotate(
        self, *, event_id: int, sender_id: str, text: str, intent: str | None, out_of_scope: bool, note: str, by: str
    ) -> Annotation:
        """Store (or replace) the annotation of one user message; raises AnnotationError on bad input."""
        intent = self._validate(text, intent, out_of_scope, note, by)
        if intent == OUT_OF_SCOPE:  # the domain's own out_of_scope intent is the same thing as the mark
            intent, out_of_scope = None, True
        if not isinstance(event_id, int) or isinstance(event_id, bool) or event_id < 1:
            raise AnnotationError(f"Not a message id: {event_id!r}.")
        if not (sender_id or "").strip():
            raise AnnotationError("An annotation needs the conversation's sender id.")
        self._ensure_tables()
        annotation = Annotation(
            event_id=event_id,
            sender_id=sender_id,
            text=text,
            intent=intent,
            out_of_scope=bool(out_of_scope),
            note=(note or "").strip(),
            by=by.strip(),
            at=utcnow(),
        )
        values = {k: v for k, v in asdict(annotation).items() if k != "event_id"}
        key = annotations_table.c.event_id == event_id
        # Update first, insert if there was none; two advisors saving at once meet the primary key.
        with self.engine.begin() as conn:
            changed = conn.execute(update(annotations_table).where(key).values(**values)).rowcount
        if not changed:
            try:
                with self.engine.begin() as conn:
                    conn.execute(annotations_table.insert().values(event_id=event_id, **values))
            except IntegrityError:
                with self.engine.begin() as conn:
                    conn.execute(update(annotations_table).where(key).values(**values))
        return annotation

    def for_conversation(self, sender_id: str) -> dict[int, Annotation]:
        """Annotations of one conversation by event id."""
        self._ensure_tables()
        query = select(annotations_table).where(annotations_table.c.sender_id == sender_id)
        with self.engine.connect() as conn:
            return {row.event_id: _row(row) for row in conn.execute(query)}

    def all(self) -> list[Annotation]:
        """Every annotation, oldest first (the order the export keeps)."""
        self._ensure_tables()
        query = select(annotations_table).order_by(annotations_table.c.at, annotations_table.c.event_id)
        with self.engine.connect() as conn:
            return [_row(row) for row in conn.execute(query)]

    def set_reviewed(self, sender_id: str, by: str, reviewed: bool = True) -> None:
        """Mark a conversation as read by an advisor, or take the mark away."""
        if not (sender_id or "").strip():
            raise AnnotationError("Which conversation? The sender id is empty.")
        self._ensure_tables()
        key = reviewed_table.c.sender_id == sender_id
        with self.engine.begin() as conn:
            conn.execute(delete(reviewed_table).where(key))
            if reviewed:
                conn.execute(
                    reviewed_table.insert().values(sender_id=sender_id, by=(by or "").strip() or "?", at=utcnow())
                )

    def reviewed(self) -> set[str]:
        """Sender ids of the conversations marked reviewed."""
        self._ensure_tables()
        with self.engine.connect() as conn:
            return set(conn.execute(select(reviewed_table.c.sender_id)).scalars())
