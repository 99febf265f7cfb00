"""Rasa actions and form validation for the guided roadmap; the logic lives in bot/.

The forms ask who the person is (roadmap_form), what they have done so far
(eligibility_form) and when they would start (timeline_form). Each answer is read
by bot.roadmap.profile_reading from buttons, entities or free text; an answer that does not
fit leaves the slot empty, so the form is rejected and the message is handled as
the question it probably is (the interruption rules), then the form asks again.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions.actions import fresh_knowledge_base
from bot.kb.queries import KnowledgeBase
from bot.roadmap import profile_reading as read
from bot.roadmap.progress import ProgressStore
from bot.roadmap.turns import RoadmapTurns, Said

log = logging.getLogger(__name__)
PROFILE_SLOTS = (
    "background",
    "credential_goal",
    "state",
    "career_goal",
    "program_type",
    "start_date",
    "education",
    "work_years",
)
NAVIGATION = {
    "roadmap_next": "next",
    "roadmap_back": "back",
    "roadmap_repeat": "repeat",
    "roadmap_jump": "jump",
    "roadmap_where": "where",
    "roadmap_restart": "restart",
    "roadmap_overview": "overview",
    "roadmap_done": "done",
    "roadmap_continue": "continue",
}


def turns() -> RoadmapTurns:
    return _turns(fresh_knowledge_base())


@lru_cache(maxsize=1)
def _turns(kb: KnowledgeBase) -> RoadmapTurns:
    return RoadmapTurns(kb, ProgressStore(kb.engine))


def entities(tracker: Tracker) -> dict[str, str]:
    """Entities of the latest message by type: KB keys for names, raw text for years."""
    found: dict[str, str] = {}
    for e in tracker.latest_message.get("entities", []):
        kind, value = e.get("entity"), e.get("value")
        if not kind or value is None or kind in found:
            continue
        if kind == "experience_years":
            found[kind] = str(value)
            continue
        entity = fresh_knowledge_base().resolve(str(value))
        found[kind] = entity.key if entity and entity.kind == kind else str(value)
    return found


def answers(tracker: Tracker) -> dict[str, Any]:
    return {slot: tracker.get_slot(slot) for slot in PROFILE_SLOTS}


def send(dispatcher: CollectingDispatcher, said: list[Said]) -> None:
    for message in said:
        dispatcher.utter_message(text=message.text, buttons=message.buttons)


def _guarded(dispatcher: CollectingDispatcher, work) -> list[dict[str, Any]]:
    """Run a roadmap turn; a database fault gets the polite system message, not a traceback."""
    try:
        send(dispatcher, work())
    except SQLAlchemyError as exc:
        log.error("roadmap turn failed, database unavailable: %s", exc)
        dispatcher.utter_message(response="utter_kb_unavailable")
    return []


class ActionRoadmapStart(Action):
    def name(self) -> str:
        return "action_roadmap_start"

    def run(self, dispatcher, tracker, domain):
        return _guarded(dispatcher, lambda: turns().start(tracker.sender_id, answers(tracker)))


class ActionRoadmapNavigate(Action):
    def name(self) -> str:
        return "action_roadmap_navigate"

    def run(self, dispatcher, tracker, domain):
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        command = NAVIGATION.get(intent, "repeat")
        text = tracker.latest_message.get("text") or ""
        return _guarded(dispatcher, lambda: turns().navigate(tracker.sender_id, command, text))


class ActionCheckEligibility(Action):
    def name(self) -> str:
        return "action_check_eligibility"

    def run(self, dispatcher, tracker, domain):
        return _guarded(dispatcher, lambda: turns().eligibility(tracker.sender_id, answers(tracker)))


class ActionEstimateTimeline(Action):
    def name(self) -> str:
        return "action_estimate_timeline"

    def run(self, dispatcher, tracker, domain):
        return _guarded(dispatcher, lambda: turns().timeline(tracker.sender_id, answers(tracker)))


class _ProfileAnswers:
    """Shared readers: each fills its slot only when the form asked for it.

    A mixin, not an Action: rasa-sdk registers every Action subclass it finds, and a
    base class without a name would stop the action server from starting.
    """

    def _asked(self, tracker: Tracker, slot: str) -> bool:
        return tracker.get_slot("requested_slot") == slot

    def _text(self, tracker: Tracker) -> str:
        return tracker.latest_message.get("text") or ""

    def _fill(self, tracker: Tracker, slot: str, value: Any | None) -> dict[str, Any]:
        return {slot: value} if value is not None and self._asked(tracker, slot) else {}

    async def extract_background(self, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._fill(tracker, "background", read.background(self._text(tracker), entities(tracker)))

    async def extract_credential_goal(self, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._fill(tracker, "credential_goal", read.credential_choice(self._text(tracker), entities(tracker)))

    async def extract_state(self, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._fill(tracker, "state", read.state(self._text(tracker), entities(tracker)))

    async def extract_career_goal(self, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._fill(tracker, "career_goal", read.goal(self._text(tracker)))

    async def extract_education(self, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._fill(tracker, "education", read.education(self._text(tracker)))

    async def extract_work_years(self, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._fill(tracker, "work_years", read.work_years(self._text(tracker), entities(tracker)))

    async def extract_program_type(self, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._fill(tracker, "program_type", read.program_type(self._text(tracker), entities(tracker)))

    async def extract_start_date(self, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._fill(tracker, "start_date", read.start_date(self._text(tracker)))


class ValidateRoadmapForm(_ProfileAnswers, FormValidationAction):
    def name(self) -> str:
        return "validate_roadmap_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        """Only international medical graduates are asked whether this is a stepping stone to residency."""
        background = tracker.get_slot("background")
        return [s for s in domain_slots if s != "career_goal" or background in (None, "img")]


class ValidateEligibilityForm(_ProfileAnswers, FormValidationAction):
    def name(self) -> str:
        return "validate_eligibility_form"


class ValidateTimelineForm(_ProfileAnswers, FormValidationAction):
    def name(self) -> str:
        return "validate_timeline_form"
