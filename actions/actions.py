"""Rasa custom actions: translate between Rasa and the domain code in `bot/`."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions import services
from bot.answers.reply import KnowledgeBaseUnavailable, reply_for

#: Small talk never gets a "back to step N" button: only real questions interrupt a walk-through.
CHAT_TOPICS = ("greet", "goodbye", "thanks", "help", "out_of_scope", "fallback", "request_human", "inform")


class ActionAnswer(Action):
    """Answer the latest message from the knowledge base, with its source line and buttons."""

    def name(self) -> str:
        return "action_answer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        entities = [
            (e.get("entity"), str(e.get("value")))
            for e in tracker.latest_message.get("entities", [])
            if e.get("entity") and e.get("value")
        ]
        try:
            reply = reply_for(services.fresh_knowledge_base(), intent, entities)
        except KnowledgeBaseUnavailable:
            dispatcher.utter_message(response="utter_kb_unavailable")
            return []
        dispatcher.utter_message(text=reply.text, buttons=reply.buttons + self._resume(tracker, reply.topic))
        return []

    @staticmethod
    def _resume(tracker: Tracker, topic: str) -> list[dict[str, str]]:
        """In the middle of a walk-through, offer to go back to the step they were on."""
        if topic in CHAT_TOPICS or tracker.active_loop.get("name"):
            return []
        try:
            button = services.turns().resume_button(tracker.sender_id)
        except SQLAlchemyError:
            return []
        return [button] if button else []
