"""Advisors' corrections to what the bot understood, and which conversations they have read.

An annotation says what a user message should have been classified as (an intent
from domain.yml, or out of scope), which entities it names when the model got them
wrong, and why; exported, annotations become NLU training data (bot.review.export).
Only annotations an admin approved go into the reviewed-examples file the retrain
job trains on, so one advisor's slip never reaches the model unseen; changing an
annotation takes its approval away. The text is kept here as the person typed it,
because the tracker store may be purged by retention while the annotation is still
waiting to be exported; masking happens on the way out.

Both are app tables (bot.db), apart from the knowledge base's schema, which the
knowledge-base loader drops on a content change; they belong to a conversation, so
the retention purge removes them with it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
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
    # JSON [[entity, value], ...] as corrected by an advisor; NULL: the model's entities were kept.
    Column("entities", Text, nullable=True),
    Column("approved_by", String(200), nullable=True),
    Column("approved_at", UTCDateTime(), nullable=True),
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
    #: The entities it names, as corrected by an advisor; None when the model's were not corrected.
    entities: tuple[tuple[str, str], ...] | None = None
    approved_by: str | None = None
    approved_at: dt.datetime | None = None

    @property
    def label(self) -> str | None:
        """What it becomes an example of: an intent, out_of_scope, or None for a note only."""
        return OUT_OF_SCOPE if self.out_of_scope else self.intent

    @property
    def approved(self) -> bool:
        return self.approved_at is not None


#: What an entity value may hold: it is written into training data as `[value](entity)`.
_ENTITY_VALUE = re.compile(r"[\w][\w .,'&/-]*", re.UNICODE)


def parse_entities(text: str) -> list[tuple[str, str]]:
    """`us_state=Texas; credential=CMA` (as the transcript's form shows them) as pairs.

    Raises AnnotationError naming the part that is not `entity=value`."""
    pairs = []
    for part in re.split(r"[;\n]", text or ""):
        if not part.strip():
            continue
        kind, sep, value = part.partition("=")
        kind, value = kind.strip(), " ".join(value.split())
        if not sep or not kind or not value:
            raise AnnotationError(f"Write each entity as entity=value, separated by ';' ({part.strip()!r} is not).")
        pairs.append((kind, value))
    return pairs


def format_entities(pairs: Iterable[tuple[str, str]]) -> str:
    """The inverse of parse_entities: what the form shows."""
    return "; ".join(f"{kind}={value}" for kind, value in pairs)


@lru_cache(maxsize=8)
def _domain_names(path: Path, mtime: float, key: str) -> tuple[str, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    names = []
    for item in data.get(key) or []:
        # An intent is a name, or a one-key mapping {name: {use_entities: ...}}.
        name = next(iter(item)) if isinstance(item, dict) else item
        if isinstance(name, str) and name not in names:
            names.append(name)
    return tuple(names)


def domain_intents(domain_path: Path = PROJECT_ROOT / "domain.yml") -> list[str]:
    """The intents an advisor may choose, in domain.yml's order (re-read when the file changes)."""
    return list(_domain_names(domain_path, domain_path.stat().st_mtime, "intents"))


def domain_entities(domain_path: Path = PROJECT_ROOT / "domain.yml") -> list[str]:
    """The entities an advisor may tag, in domain.yml's order."""
    return list(_domain_names(domain_path, domain_path.stat().st_mtime, "entities"))


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
        entities=None if row.entities is None else tuple((k, v) for k, v in json.loads(row.entities)),
        approved_by=row.approved_by,
        approved_at=row.approved_at,
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

    def _validate_entities(self, text: str, entities: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
        known = domain_entities(self.domain_path)
        lowered = text.lower()
        checked = []
        for kind, value in entities:
            if kind not in known:
                raise AnnotationError(f"Unknown entity {kind!r}: choose one of {', '.join(known)}.")
            if not _ENTITY_VALUE.fullmatch(value):
                raise AnnotationError(f"{value!r} cannot be an entity value: use the words as the person wrote them.")
            if value.lower() not in lowered:
                raise AnnotationError(f"{value!r} is not in the message: an entity is words the person wrote.")
            if (kind, value) not in checked:
                checked.append((kind, value))
        return tuple(checked)

    def annotate(
        self,
        *,
        event_id: int,
        sender_id: str,
        text: str,
        intent: str | None,
        out_of_scope: bool,
        note: str,
        by: str,
        entities: Sequence[tuple[str, str]] | None = None,
    ) -> Annotation:
        """Store (or replace) the annotation of one user message; raises AnnotationError on bad input.

        A replaced annotation loses its approval: what an admin approved is no longer what it says."""
        intent = self._validate(text, intent, out_of_scope, note, by)
        checked = None if entities is None else self._validate_entities(text, entities)
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
            entities=checked,
        )
        values = {k: v for k, v in asdict(annotation).items() if k != "event_id"}
        values["entities"] = None if checked is None else json.dumps([list(pair) for pair in checked])
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

    def all(
        self, since: dt.date | None = None, until: dt.date | None = None, approved: bool | None = None
    ) -> list[Annotation]:
        """Every annotation made between the UTC dates `since` and `until` (both included), only the
        approved ones (or only the others) when `approved` says so; oldest first, as the export keeps them."""
        self._ensure_tables()
        table = annotations_table.c
        query = select(annotations_table).order_by(table.at, table.event_id)
        if since is not None:
            query = query.where(table.at >= dt.datetime.combine(since, dt.time(), dt.timezone.utc))
        if until is not None:
            query = query.where(
                table.at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), dt.timezone.utc)
            )
        if approved is not None:
            query = query.where(table.approved_at.is_not(None) if approved else table.approved_at.is_(None))
        with self.engine.connect() as conn:
            return [_row(row) for row in conn.execute(query)]

    def delete(self, event_id: int, sender_id: str) -> bool:
        """Remove one message's annotation (approved or not); False when it had none."""
        self._ensure_tables()
        key = (annotations_table.c.event_id == event_id) & (annotations_table.c.sender_id == sender_id)
        with self.engine.begin() as conn:
            return bool(conn.execute(delete(annotations_table).where(key)).rowcount)

    def approve(self, event_ids: Iterable[int], by: str, approved: bool = True) -> int:
        """Approve annotations for training (or take the approval back); how many changed.

        A note without a correction is not training data, so it is never approved."""
        ids = [int(i) for i in event_ids]
        if not ids:
            return 0
        if approved and not (by or "").strip():
            raise AnnotationError("An approval needs the admin who gave it.")
        self._ensure_tables()
        table = annotations_table.c
        labelled = table.out_of_scope.is_(True) | table.intent.is_not(None)
        query = update(annotations_table).where(table.event_id.in_(ids))
        if approved:
            query = query.where(labelled, table.approved_at.is_(None)).values(
                approved_by=by.strip(), approved_at=utcnow()
            )
        else:
            query = query.where(table.approved_at.is_not(None)).values(approved_by=None, approved_at=None)
        with self.engine.begin() as conn:
            return int(conn.execute(query).rowcount)

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
