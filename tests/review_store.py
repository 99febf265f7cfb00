"""Small tracker stores for review tests, with rows shaped exactly as Rasa 3.6's SQLTrackerStore writes them.

The shapes were copied from a store filled by the trained bot over REST: a session
start (action_session_start, session_started, action_listen), then per message a
`user` event (text, parse_data with intent, confidence, entities and ranking,
input_channel), `user_featurization`, the action, `bot` events (text, data.buttons,
metadata.utter_action for domain responses) and `action_listen`; forms add
`active_loop` and `slot` events (action_name holds the slot's name).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, create_engine

metadata = MetaData()
events_table = Table(  # as rasa.core.tracker_store.SQLTrackerStore.SQLEvent creates it
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)
MODEL_META = {"model_id": "ad280f6b51db4740ae71cd428596b6f0", "assistant_id": "cma-advisor"}


class Conversation:
    """Appends one sender's events; each call advances the clock by `step` seconds."""

    def __init__(self, store: TrackerStore, sender_id: str, channel: str, start: dt.datetime, step: float):
        self.store, self.sender_id, self.channel, self.step = store, sender_id, channel, step
        self.clock = start.timestamp()
        self.action("action_session_start")
        self._event("session_started", {})
        self.action("action_listen")

    def _event(
        self,
        type_name: str,
        fields: dict[str, Any],
        intent_name: str | None = None,
        action_name: str | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> int:
        self.clock += self.step
        data = {"event": type_name, "timestamp": self.clock, "metadata": {**(metadata or {}), **MODEL_META}, **fields}
        return self.store.insert(self.sender_id, type_name, self.clock, intent_name, action_name, json.dumps(data))

    def at(self, when: dt.datetime) -> Conversation:
        self.clock = when.timestamp()
        return self

    def action(self, name: str) -> int:
        return self._event(
            "action",
            {"name": name, "policy": "RulePolicy", "confidence": 1.0, "action_text": None, "hide_rule_turn": False},
            action_name=name,
        )

    def user(
        self,
        text: str,
        intent: str | None,
        confidence: float = 0.95,
        entities: Iterable[tuple[str, str]] = (),
        ranking: Sequence[tuple[str, float]] = (),
        metadata: dict[str, Any] | None = None,
    ) -> int:
        """A message; `ranking` is NLU's intent ranking after the top intent (its runners-up),
        `metadata` what the channel sent with it (the widget's `feedback_on`)."""
        message_id = uuid.uuid4().hex
        parse = {
            "intent": {"name": intent, "confidence": confidence},
            "entities": [
                {
                    "entity": kind,
                    "value": value,
                    "start": 0,
                    "end": len(value),
                    "confidence": None,
                    "extractor": "SpacyEntityExtractor",
                }
                for kind, value in entities
            ],
            "text": text,
            "message_id": message_id,
            "metadata": {},
            "intent_ranking": [
                {"name": intent, "confidence": confidence},
                *({"name": name, "confidence": score} for name, score in ranking),
            ],
        }
        event_id = self._event(
            "user",
            {"text": text, "parse_data": parse, "input_channel": self.channel, "message_id": message_id},
            intent_name=intent,
            metadata=metadata,
        )
        self._event("user_featurization", {"use_text_for_featurization": False})
        return event_id

    def bot(
        self,
        text: str,
        buttons: Sequence[str] = (),
        utter_action: str | None = None,
        payloads: Sequence[str] = (),
    ) -> int:
        """A bot message; each button's payload is `payloads[i]` when given, else made from its title."""
        data = {
            "elements": None,
            "quick_replies": None,
            "attachment": None,
            "image": None,
            "custom": None,
            "buttons": [
                {"title": t, "payload": payloads[n] if n < len(payloads) else f"/{t.lower().replace(' ', '_')}"}
                for n, t in enumerate(buttons)
            ],
        }
        return self._event(
            "bot", {"text": text, "data": data}, metadata={"utter_action": utter_action} if utter_action else None
        )

    def slot(self, name: str, value: Any) -> int:
        return self._event("slot", {"name": name, "value": value}, action_name=name)

    def active_loop(self, name: str | None) -> int:
        """A form starting (its name) or ending (None)."""
        return self._event("active_loop", {"name": name})

    def exchange(
        self,
        text: str,
        intent: str | None,
        reply: str,
        confidence: float = 0.95,
        action: str = "action_answer",
        **user_kwargs: Any,
    ) -> int:
        """A user message, the action that answers it, one bot reply and action_listen; returns the user event id."""
        event_id = self.user(text, intent, confidence, **user_kwargs)
        self.action(action)
        self.bot(reply)
        self.action("action_listen")
        return event_id


class TrackerStore:
    """A SQLite tracker store at `url` with Rasa's events table."""

    def __init__(self, url: str):
        self.url = url
        self.engine = create_engine(url, future=True)
        metadata.create_all(self.engine)

    def insert(
        self,
        sender_id: str,
        type_name: str,
        timestamp: float,
        intent_name: str | None,
        action_name: str | None,
        data: str,
    ) -> int:
        with self.engine.begin() as conn:
            result = conn.execute(
                events_table.insert().values(
                    sender_id=sender_id,
                    type_name=type_name,
                    timestamp=timestamp,
                    intent_name=intent_name,
                    action_name=action_name,
                    data=data,
                )
            )
            return int(result.inserted_primary_key[0])

    def conversation(
        self,
        sender_id: str,
        channel: str = "rest",
        start: dt.datetime = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc),
        step: float = 1.0,
    ) -> Conversation:
        return Conversation(self, sender_id, channel, start, step)

    def rows(self) -> list[Any]:
        with self.engine.connect() as conn:
            return conn.execute(events_table.select().order_by(events_table.c.id)).all()
