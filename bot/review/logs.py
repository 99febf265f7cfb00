"""Conversations as advisors read them, built from Rasa's tracker store.

Rasa keeps every event of every conversation in one `events` table (endpoints.yml,
TRACKER_STORE_URL). This module reflects that table read-only with SQLAlchemy
rather than importing Rasa, so the console starts in a second and works on a copy
of the database as well as on the live one. From the events it builds what an
advisor needs: who talked on which channel and when, what each message was
understood as, and where the bot fell short (fallback, low confidence, a request
for a person). Advisor-side facts (reviewed marks, handoff requests, roadmap
progress) come from the app database.

Parsing JSON for every event is the slow part, so the parsed conversations are
kept until the events table changes (its row count or highest id); flags that
depend on the app database are added on every call.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, Table, and_, func, or_, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import NoSuchTableError, SQLAlchemyError

from bot.db import get_engine
from bot.handoff.store import HandoffStore
from bot.kb.queries import KnowledgeBase
from bot.review.annotations import Annotation, AnnotationStore
from bot.review.privacy import mask
from bot.review.shown import GREETING_PAYLOAD, as_seen, is_payload
from bot.roadmap import build_plan
from bot.roadmap.progress import ProgressStore

log = logging.getLogger(__name__)

FLAGS = ("fallback", "low_confidence", "handoff", "reviewed", "unreviewed")
FALLBACK_INTENT = "nlu_fallback"
HANDOFF_INTENT = "request_human"
#: Rasa's core fallback (a prediction below core_fallback_threshold) and what it says.
CORE_FALLBACK_ACTION = "action_default_fallback"
CORE_FALLBACK_RESPONSE = "utter_default"
#: The knowledge-base topic whose answer is "Sorry, I'm not sure I understood that".
FALLBACK_TOPIC = "fallback"
#: How much of the fallback answer's opening identifies it (answers end with buttons and sources).
FALLBACK_PREFIX = 40
MAX_PER_PAGE = 200


@dataclass(frozen=True)
class Filters:
    """What the conversation list is narrowed to; every field optional."""

    date_from: dt.date | None = None  # inclusive, UTC dates: a conversation active on any day in range
    date_to: dt.date | None = None
    channel: str | None = None  # input_channel: "rest", "socketio", "slack", "telegram", ...
    flag: str | None = None  # one of FLAGS
    text: str | None = None  # case-insensitive, in user and bot text as shown (masked)
    #: Search the text as it was written too, so a full email address finds its conversation:
    #: for signed-in advisors (the console), never for what a script prints.
    unmasked: bool = False

    def __post_init__(self) -> None:
        if self.flag and self.flag not in FLAGS:
            raise ValueError(f"Unknown flag {self.flag!r}: use one of {', '.join(FLAGS)}.")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"The date range is backwards: {self.date_from} is after {self.date_to}.")


@dataclass(frozen=True)
class ConversationSummary:
    sender_id: str
    channel: str
    started_at: dt.datetime
    last_at: dt.datetime
    turns: int  # user messages
    background: str | None
    roadmap_step: str | None  # e.g. "3 of 6"
    flags: frozenset[str]
    first_message: str  # masked; as the person saw it (a button's title, never the greeting payload)
    name: str | None = None  # the name they gave when they asked for a person


@dataclass(frozen=True)
class Turn:
    event_id: int
    kind: str  # "user" or "bot"
    timestamp: dt.datetime
    text: str  # masked unless reveal=True
    intent: str | None = None
    confidence: float | None = None
    entities: tuple[tuple[str, str], ...] = ()  # (entity type, value)
    buttons: tuple[str, ...] = ()  # bot turns: button titles
    annotation: Annotation | None = None  # user turns
    fallback: bool = False  # user turns: the bot did not understand it
    low_confidence: bool = False  # user turns: understood, but below the threshold
    advisor: str | None = None  # bot turns: said by this advisor, who had taken the conversation over
    payload: str | None = None  # user turns: what a button sent (`/inform{...}`) when `text` is its title
    hidden: bool = False  # user turns: the widget's greeting payload, sent when the chat opens


@dataclass(frozen=True)
class Page:
    items: list[ConversationSummary]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True)
class UserMessage:
    """One user message as the dashboard counts it (text unmasked: mask before showing)."""

    sender_id: str
    event_id: int
    timestamp: dt.datetime
    text: str
    intent: str | None
    confidence: float | None
    fallback: bool
    #: An answer to a form's question ("Dana", "Texas"): the form reads it whatever NLU made of it,
    #: so its intent and confidence say nothing about the bot falling short.
    form_answer: bool = False
    #: How far NLU's best guess led its runner-up (None: no runner-up, e.g. a button).
    margin: float | None = None
    #: The first bot message after it: the answer it got.
    reply_event: int | None = None
    #: The text as the person saw it: a button's title instead of its payload (unmasked).
    shown: str = ""
    channel: str = ""
    #: "This didn't help" from the widget names the answer it was under (`metadata.feedback_on`, the
    #: answer's stored timestamp): that bot event's id, and the person's message it answered.
    feedback_on: int | None = None
    feedback_about: int | None = None


@dataclass
class _Conversation:
    """What the events say about one conversation; flags from the app database are added later."""

    sender_id: str
    channel: str = ""
    started_at: dt.datetime | None = None
    last_at: dt.datetime | None = None
    background: str | None = None
    first_message: str = ""
    flags: set[str] = field(default_factory=set)
    search: list[str] = field(default_factory=list)  # masked, lower-cased texts
    raw_search: list[str] = field(default_factory=list)  # the same unmasked, for signed-in advisors
    buttons: dict[str, str] = field(default_factory=dict)  # payload -> title, of every button offered
    #: A bot message's stored timestamp -> (its event id, the event id of the message it answered).
    answers: dict[float, tuple[int, int | None]] = field(default_factory=dict)
    messages: list[UserMessage] = field(default_factory=list)
    active_loop: str | None = None  # the form waiting for an answer, as the events leave it

    @property
    def span(self) -> tuple[dt.datetime, dt.datetime]:
        """When it started and last moved; `_build` keeps only conversations that have both."""
        if self.started_at is None or self.last_at is None:
            raise ValueError(f"conversation {self.sender_id!r} has no message yet")
        return self.started_at, self.last_at

    def touch(self, stamp: dt.datetime) -> None:
        self.started_at = stamp if self.started_at is None else min(self.started_at, stamp)
        self.last_at = stamp if self.last_at is None else max(self.last_at, stamp)


def _stamp(value: Any) -> dt.datetime:
    return dt.datetime.fromtimestamp(float(value or 0), dt.timezone.utc)


def _day_start(day: dt.date) -> float:
    return dt.datetime.combine(day, dt.time(), dt.timezone.utc).timestamp()


def _load(data: str | None) -> dict[str, Any]:
    try:
        value = json.loads(data or "{}")
    except ValueError:
        return {}
    return _dict(value)


def _dict(value: Any) -> dict[str, Any]:
    """`value` if it is a JSON object, else an empty one: events written by other versions vary."""
    return value if isinstance(value, dict) else {}


def _parse(data: dict[str, Any]) -> tuple[str | None, float | None, tuple[tuple[str, str], ...]]:
    """Intent, confidence and (type, value) entities of a user event's parse data."""
    parsed = _dict(data.get("parse_data"))
    intent = _dict(parsed.get("intent"))
    confidence = intent.get("confidence")
    entities = tuple(
        (str(e.get("entity")), str(e.get("value")))
        for e in parsed.get("entities") or []
        if isinstance(e, dict) and e.get("entity") is not None
    )
    return intent.get("name"), float(confidence) if isinstance(confidence, (int, float)) else None, entities


def _button_pairs(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(title, payload) of a bot event's buttons."""
    inner = _dict(data.get("data"))
    return [
        (str(b.get("title", "")), str(b.get("payload", ""))) for b in inner.get("buttons") or [] if isinstance(b, dict)
    ]


def _buttons(data: dict[str, Any]) -> tuple[str, ...]:
    return tuple(title for title, _ in _button_pairs(data))


def _margin(data: dict[str, Any]) -> float | None:
    """The lead of NLU's best guess over its second: small when it was torn between two intents.

    The fallback classifier puts its own `nlu_fallback` at the top of the ranking; the margin is
    between the two real guesses under it."""
    ranking = _dict(data.get("parse_data")).get("intent_ranking") or []
    scores = sorted(
        (
            float(r["confidence"])
            for r in ranking
            if isinstance(r, dict)
            and r.get("name") != FALLBACK_INTENT
            and isinstance(r.get("confidence"), (int, float))
        ),
        reverse=True,
    )
    return scores[0] - scores[1] if len(scores) >= 2 else None


def _feedback_target(data: dict[str, Any], answers: dict[float, tuple[int, int | None]]) -> dict[str, Any]:
    """`feedback_on` and `feedback_about` of a user event whose metadata names the answer it is about."""
    named = _dict(data.get("metadata")).get("feedback_on")
    if isinstance(named, bool) or not isinstance(named, (int, float)):
        return {}
    found = answers.get(round(float(named), 6))
    return {"feedback_on": found[0], "feedback_about": found[1]} if found else {}


def _shown_annotation(annotation: Annotation | None, shown: Any) -> Annotation | None:
    """The annotation with its copy of the message masked like the turn it belongs to."""
    return annotation and replace(annotation, text=shown(annotation.text))


class ConversationLog:
    """Read conversations from the tracker store at `tracker_url`, with advisor data from `app_url`."""

    def __init__(self, tracker_url: str, app_url: str, low_confidence: float = 0.5):
        if not 0 <= low_confidence <= 1:
            raise ValueError(f"The low-confidence threshold must be between 0 and 1, got {low_confidence}.")
        self.tracker_url = tracker_url
        self.app_url = app_url
        self.low_confidence = low_confidence
        self.app_engine: Engine = get_engine(app_url)
        self.annotations = AnnotationStore(self.app_engine)
        self._table: Table | None = None
        self._lock = threading.Lock()
        self._cache_key: tuple[int, int] | None = None
        self._cache: dict[str, _Conversation] = {}
        self._fallback_prefix: str | None = None

    # --- the events table -------------------------------------------------------------

    def _tracker_missing(self) -> bool:
        """A SQLite tracker store that no conversation has created yet reads as empty (we never create it)."""
        url = make_url(self.tracker_url)
        return (
            url.get_backend_name() == "sqlite"
            and bool(url.database)
            and url.database != ":memory:"
            and not Path(url.database).exists()
        )

    def events(self) -> Table | None:
        """The reflected `events` table, or None while there is none."""
        if self._table is None:
            if self._tracker_missing():
                return None
            try:
                self._table = Table("events", MetaData(), autoload_with=get_engine(self.tracker_url))
            except NoSuchTableError:
                return None
        return self._table

    @property
    def tracker_engine(self) -> Engine:
        return get_engine(self.tracker_url)

    # --- app-side facts ---------------------------------------------------------------

    def _fallback_answer_prefix(self) -> str:
        """The opening of the knowledge base's "not understood" answer ("" when it cannot be read)."""
        if not self._fallback_prefix:  # asked again while the knowledge base is not loaded
            try:
                answer = KnowledgeBase(self.app_engine).answer(FALLBACK_TOPIC)
            except SQLAlchemyError:
                answer = None
            self._fallback_prefix = answer.text[:FALLBACK_PREFIX] if answer else None
        return self._fallback_prefix or ""

    def handoff_senders(self) -> set[str]:
        """Sender ids with a handoff request row, whatever its status."""
        return set(self.handoff_names())

    def handoff_names(self) -> dict[str, str]:
        """The name each person gave in their latest handoff request, by sender id."""
        names: dict[str, str] = {}
        for request in HandoffStore(self.app_engine).list():  # newest first: the first seen is the latest
            names.setdefault(request.sender_id, request.name)
        return names

    def _roadmap_step(self, sender_id: str, plans: dict[Any, Any]) -> tuple[str | None, str | None]:
        """("3 of 6", background) from the person's saved roadmap progress, if they started one.

        `plans` caches plans by profile for one request: many people share a profile,
        and building a plan runs the eligibility check.
        """
        try:
            progress = ProgressStore(self.app_engine).load(sender_id)
            background = progress.profile.background
            if progress.current is None or background is None:
                return None, background
            if progress.profile not in plans:
                plans[progress.profile] = build_plan(KnowledgeBase(self.app_engine), progress.profile)
            plan = plans[progress.profile]
        except (SQLAlchemyError, ValueError, LookupError) as exc:
            log.warning("roadmap step of %r unavailable: %s", sender_id, exc)
            return None, None
        index = plan.index(progress.current)
        return (None if index is None else f"{index + 1} of {len(plan)}"), background

    # --- parsing ------------------------------------------------------------------------

    def _parsed(self) -> dict[str, _Conversation]:
        """Every conversation, parsed once per state of the events table."""
        table = self.events()
        if table is None:
            return {}
        with self._lock:
            with self.tracker_engine.connect() as conn:
                key = tuple(
                    conn.execute(select(func.count(), func.coalesce(func.max(table.c.id), 0)).select_from(table)).one()
                )
                if key == self._cache_key:
                    return self._cache
                rows = conn.execute(
                    select(
                        table.c.id,
                        table.c.sender_id,
                        table.c.type_name,
                        table.c.timestamp,
                        table.c.action_name,
                        table.c.data,
                    )
                    .where(
                        or_(
                            table.c.type_name.in_(("user", "bot")),
                            and_(table.c.type_name == "slot", table.c.action_name == "background"),
                            table.c.type_name == "active_loop",
                            and_(table.c.type_name == "action", table.c.action_name == CORE_FALLBACK_ACTION),
                        )
                    )
                    .order_by(table.c.id)
                ).all()
            self._cache = self._build(rows)
            self._cache_key = key
            return self._cache

    def _build(self, rows: Iterable[Any]) -> dict[str, _Conversation]:
        fallback_prefix = self._fallback_answer_prefix()
        conversations: dict[str, _Conversation] = {}
        last_user: dict[str, int] = {}  # sender -> index of their latest message in .messages
        for row in rows:
            conv = conversations.setdefault(row.sender_id, _Conversation(row.sender_id))
            if row.type_name == "slot":
                value = _load(row.data).get("value")
                conv.background = str(value) if value else conv.background
                continue
            if row.type_name == "active_loop":
                conv.active_loop = _load(row.data).get("name") or None
                continue
            if row.type_name == "action":  # the core fallback answered the latest message
                self._mark_fallback(conv, last_user.get(row.sender_id))
                continue
            data = _load(row.data)
            stamp = _stamp(row.timestamp)
            text = str(data.get("text") or "")
            conv.touch(stamp)
            if row.type_name == "bot":
                conv.search.append(mask(text).lower())
                conv.raw_search.append(text.lower())
                conv.buttons.update({payload: title for title, payload in _button_pairs(data) if payload})
                self._mark_reply(conv, last_user.get(row.sender_id), row.id)
                answered = last_user.get(row.sender_id)
                conv.answers[round(float(row.timestamp or 0), 6)] = (
                    row.id,
                    None if answered is None else conv.messages[answered].event_id,
                )
                said_fallback = (data.get("metadata") or {}).get("utter_action") == CORE_FALLBACK_RESPONSE or bool(
                    fallback_prefix and text.startswith(fallback_prefix)
                )
                if said_fallback:
                    self._mark_fallback(conv, last_user.get(row.sender_id))
                continue
            intent, confidence, _ = _parse(data)
            conv.channel = conv.channel or str(data.get("input_channel") or "")
            shown = as_seen(text, conv.buttons)
            conv.search.append(mask(shown).lower())
            conv.raw_search.append(shown.lower() if shown == text else f"{shown}\n{text}".lower())
            if text.strip() != GREETING_PAYLOAD:
                conv.first_message = conv.first_message or shown
            form_answer = conv.active_loop is not None
            fallback = intent == FALLBACK_INTENT and not form_answer  # a form that could not use it says so
            conv.messages.append(
                UserMessage(
                    row.sender_id,
                    row.id,
                    stamp,
                    text,
                    intent,
                    confidence,
                    fallback,
                    form_answer,
                    margin=None if is_payload(text) else _margin(data),
                    shown=shown,
                    channel=conv.channel,
                    **_feedback_target(data, conv.answers),
                )
            )
            last_user[row.sender_id] = len(conv.messages) - 1
            if fallback:
                conv.flags.add("fallback")
            elif not form_answer and confidence is not None and confidence < self.low_confidence:
                conv.flags.add("low_confidence")
            if intent == HANDOFF_INTENT:
                conv.flags.add("handoff")
        return {k: v for k, v in conversations.items() if v.started_at is not None}

    @staticmethod
    def _mark_reply(conv: _Conversation, index: int | None, event_id: int) -> None:
        """Remember the first bot message after the person's latest one: the answer they got."""
        if index is not None and conv.messages[index].reply_event is None:
            conv.messages[index] = replace(conv.messages[index], reply_event=event_id)

    @staticmethod
    def _mark_fallback(conv: _Conversation, index: int | None) -> None:
        conv.flags.add("fallback")
        if index is not None and not conv.messages[index].fallback:
            conv.messages[index] = replace(conv.messages[index], fallback=True)

    # --- queries ------------------------------------------------------------------------

    def channels(self) -> list[str]:
        """The channels conversations came in on, for the filter's choices."""
        return sorted({c.channel for c in self._parsed().values() if c.channel})

    def _matching(self, filters: Filters) -> list[tuple[_Conversation, frozenset[str]]]:
        """Conversations that pass `filters` with all their flags, most recent first."""
        reviewed = self.annotations.reviewed()
        handoffs = self.handoff_names()
        start = _day_start(filters.date_from) if filters.date_from else None
        end = _day_start(filters.date_to + dt.timedelta(days=1)) if filters.date_to else None
        needle = (filters.text or "").strip().lower()
        found = []
        for conv in self._parsed().values():
            started_at, last_at = conv.span
            if start is not None and last_at.timestamp() < start:
                continue
            if end is not None and started_at.timestamp() >= end:
                continue
            if filters.channel and conv.channel != filters.channel:
                continue
            if needle and not self._found(needle, conv, filters.unmasked):
                continue
            flags = set(conv.flags)
            if conv.sender_id in handoffs:
                flags.add("handoff")
            flags.add("reviewed" if conv.sender_id in reviewed else "unreviewed")
            if filters.flag and filters.flag not in flags:
                continue
            found.append((conv, frozenset(flags)))
        found.sort(key=lambda item: (item[0].span[1], item[0].sender_id), reverse=True)
        return found

    @staticmethod
    def _found(needle: str, conv: _Conversation, unmasked: bool) -> bool:
        """Whether the conversation says `needle`, as shown (masked) or, when `unmasked`, as written."""
        return any(needle in text for text in conv.search) or (
            unmasked and any(needle in text for text in conv.raw_search)
        )

    def _summary(
        self,
        conv: _Conversation,
        flags: frozenset[str],
        plans: dict[Any, Any] | None = None,
        names: dict[str, str] | None = None,
    ) -> ConversationSummary:
        step, saved_background = self._roadmap_step(conv.sender_id, {} if plans is None else plans)
        started_at, last_at = conv.span
        return ConversationSummary(
            sender_id=conv.sender_id,
            channel=conv.channel,
            started_at=started_at,
            last_at=last_at,
            turns=len(conv.messages),
            background=conv.background or saved_background,
            roadmap_step=step,
            flags=frozenset(f for f in flags if f != "unreviewed"),
            first_message=mask(conv.first_message),
            name=(self.handoff_names() if names is None else names).get(conv.sender_id),
        )

    def conversations(self, filters: Filters = Filters(), page: int = 1, per_page: int = 25) -> Page:
        """One page of the conversations that pass `filters`, most recent first.

        `page` and `per_page` are clamped to sensible values (page 1 at least, at most
        MAX_PER_PAGE a page) so a hand-edited address cannot break the list.
        """
        per_page = max(1, min(int(per_page), MAX_PER_PAGE))
        page = max(1, int(page))
        found = self._matching(filters)
        chosen = found[(page - 1) * per_page : page * per_page]
        plans: dict[Any, Any] = {}
        names = self.handoff_names() if chosen else {}
        return Page([self._summary(c, f, plans, names) for c, f in chosen], page, per_page, len(found))

    def messages(self, filters: Filters = Filters()) -> list[UserMessage]:
        """The user messages of the conversations that pass `filters`, inside its date range (dashboard)."""
        start = _day_start(filters.date_from) if filters.date_from else None
        end = _day_start(filters.date_to + dt.timedelta(days=1)) if filters.date_to else None
        return [
            m
            for conv, _ in self._matching(filters)
            for m in conv.messages
            if (start is None or m.timestamp.timestamp() >= start) and (end is None or m.timestamp.timestamp() < end)
        ]

    def transcript(self, sender_id: str, reveal: bool = False) -> tuple[ConversationSummary, list[Turn]] | None:
        """The conversation's summary and its turns in order; None when there is no such conversation.

        Emails and phone numbers are masked unless `reveal` (for an advisor answering
        that person's handoff request).
        """
        table = self.events()
        if table is None:
            return None
        matches = [item for item in self._matching(Filters()) if item[0].sender_id == sender_id]
        if not matches:
            return None
        conv, flags = matches[0]
        shown = (lambda text: text) if reveal else mask
        fallback_ids = {m.event_id for m in conv.messages if m.fallback}
        seen = {m.event_id: m.shown for m in conv.messages}
        form_answers = {m.event_id for m in conv.messages if m.form_answer}
        annotations = self.annotations.for_conversation(sender_id)
        with self.tracker_engine.connect() as conn:
            rows = conn.execute(
                select(table.c.id, table.c.type_name, table.c.timestamp, table.c.data)
                .where(table.c.sender_id == sender_id, table.c.type_name.in_(("user", "bot")))
                .order_by(table.c.id)
            ).all()
        turns = []
        for row in rows:
            data = _load(row.data)
            written = str(data.get("text") or "")
            if row.type_name == "bot":
                advisor = _dict(data.get("metadata")).get("advisor")
                turns.append(
                    Turn(
                        row.id,
                        "bot",
                        _stamp(row.timestamp),
                        shown(written),
                        buttons=_buttons(data),
                        advisor=str(advisor) if advisor else None,
                    )
                )
                continue
            text = shown(seen.get(row.id, written))
            intent, confidence, entities = _parse(data)
            fallback = row.id in fallback_ids
            turns.append(
                Turn(
                    row.id,
                    "user",
                    _stamp(row.timestamp),
                    text,
                    intent,
                    confidence,
                    tuple((kind, shown(value)) for kind, value in entities),
                    annotation=_shown_annotation(annotations.get(row.id), shown),
                    fallback=fallback,
                    low_confidence=(
                        not fallback
                        and row.id not in form_answers
                        and confidence is not None
                        and confidence < self.low_confidence
                    ),
                    payload=shown(written) if is_payload(written) else None,
                    hidden=written.strip() == GREETING_PAYLOAD,
                )
            )
        summary = self._summary(conv, flags)
        if reveal:
            summary = replace(summary, first_message=conv.first_message)
        return summary, turns
