"""Handing a conversation to a human advisor: the form that collects a name and a way to
reach the person, and the action that files the request (bot/handoff/store.py).

The readers in bot/handoff/reading.py decide what an answer holds. A message that
is a question instead fills nothing, so the form is rejected, the question is
answered (the interruption rules in data/stories/handoff.yml) and the form asks
again. "Cancel" or "never mind" at any question ends the form without filing anything,
"start over" asks for the name again, and every question is required
(actions/form_control.py).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions import services
from actions.form_control import FORM_CANCELLED, ControlledForm, cancelled
from bot.handoff import reading as read
from bot.handoff.store import HandoffStore, TooManyRequests
from bot.notify.deliver import Notifier
from bot.settings import load_settings

log = logging.getLogger(__name__)
SLOTS = ("handoff_name", "handoff_contact", "handoff_confirm")


@lru_cache(maxsize=1)
def store() -> HandoffStore:
    return HandoffStore(services.knowledge_base().engine)


@lru_cache(maxsize=1)
def notifier() -> Notifier:
    """Mail and Slack to the advisors per .env (bot/notify); sends in the background, never fails a request."""
    return Notifier(load_settings(), services.knowledge_base().engine)


def _intent(tracker: Tracker) -> tuple:
    intent = tracker.latest_message.get("intent") or {}
    return intent.get("name"), float(intent.get("confidence") or 0.0)


def _request_text(tracker: Tracker) -> str:
    """What the person said when they asked for a human, for the advisor's queue."""
    for event in reversed(tracker.events):
        if (
            event.get("event") == "user"
            and (event.get("parse_data", {}).get("intent") or {}).get("name") == "request_human"
        ):
            return event.get("text") or ""
    return ""


class ValidateHandoffForm(ControlledForm):
    where_response = "utter_handoff_form_where"

    def name(self) -> str:
        return "validate_handoff_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        """Nothing more to ask once the person cancelled (the answer "no" itself must stay required,
        or rasa-sdk drops it before validation)."""
        return ["handoff_confirm"] if tracker.get_slot("handoff_confirm") == "no" else domain_slots

    def _answer(self, tracker: Tracker) -> str | None:
        text = tracker.latest_message.get("text") or ""
        return None if read.is_question(text, *_intent(tracker)) else text

    async def extract_handoff_name(self, dispatcher, tracker, domain) -> dict[str, Any]:
        text = self._answer(tracker)
        if tracker.get_slot("requested_slot") != "handoff_name" or text is None:
            return {}
        found = {"handoff_name": read.name(text)}
        if read.contact(text):  # "Ana, ana@example.com" answers two questions at once
            found["handoff_contact"] = read.contact(text)
        return found if found["handoff_name"] else {"handoff_name": text}

    async def extract_handoff_contact(self, dispatcher, tracker, domain) -> dict[str, Any]:
        text = self._answer(tracker)
        if tracker.get_slot("requested_slot") != "handoff_contact" or text is None:
            return {}
        return {"handoff_contact": read.contact(text) or text}

    async def extract_handoff_confirm(self, dispatcher, tracker, domain) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "handoff_confirm":
            return {}
        answer = read.confirmation(tracker.latest_message.get("text") or "")
        return {"handoff_confirm": answer} if answer else {}

    def validate_handoff_name(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if read.name(str(value or "")):
            return {"handoff_name": read.name(str(value))}
        dispatcher.utter_message(response="utter_handoff_bad_name")
        return {"handoff_name": None}

    def validate_handoff_contact(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if read.contact(str(value or "")):
            return {"handoff_contact": read.contact(str(value))}
        dispatcher.utter_message(response="utter_handoff_bad_contact")
        return {"handoff_contact": None}

    def validate_handoff_confirm(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if value == "change":
            return dict.fromkeys(SLOTS)
        return {"handoff_confirm": value}


def _client(tracker: Tracker) -> str:
    """The keyed hash of the person's address that the channel put in their message's metadata."""
    said: dict[str, Any] = next((e for e in reversed(tracker.events) if e.get("event") == "user"), {})
    return str((said.get("metadata") or {}).get("client") or "")


class ActionHandoffSubmit(Action):
    """File the request (or not, if they cancelled or said no) and clear the slots for next time."""

    def name(self) -> str:
        return "action_handoff_submit"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        name, contact = tracker.get_slot("handoff_name"), tracker.get_slot("handoff_contact")
        if cancelled(tracker) or tracker.get_slot("handoff_confirm") != "yes" or not name or not contact:
            dispatcher.utter_message(response="utter_handoff_cancelled")
        else:
            try:
                request_id = store().file(
                    sender_id=tracker.sender_id,
                    name=name,
                    contact=contact,
                    channel=tracker.get_latest_input_channel() or "",
                    message=_request_text(tracker),
                    client=_client(tracker),
                )
            except TooManyRequests as limit:
                log.warning(f"Did not file another handoff request for {tracker.sender_id!r}: {limit}.")
                dispatcher.utter_message(response="utter_handoff_failed")
            except SQLAlchemyError:
                log.exception(f"Could not file the handoff request of {tracker.sender_id!r}.")
                dispatcher.utter_message(response="utter_handoff_failed")
            else:
                try:
                    notifier().request_filed(request_id, tracker.sender_id)
                except Exception:  # the request is filed: telling the advisors must never undo that
                    log.exception(f"Could not notify the advisors of handoff request {request_id}.")
                dispatcher.utter_message(response="utter_handoff_sent", contact=contact)
        return [SlotSet(slot, None) for slot in (*SLOTS, FORM_CANCELLED)]
