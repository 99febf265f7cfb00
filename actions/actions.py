"""Rasa custom actions: translate between Rasa and the domain code in `bot/`."""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.answers import KnowledgeBaseUnavailable, reply_for
from bot.kb.db import get_engine
from bot.kb.queries import KnowledgeBase
from bot.settings import load_settings


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    return KnowledgeBase(get_engine(load_settings().database_url))


class ActionAnswer(Action):
    """Answer the latest message from the knowledge base, with its source line and buttons."""

    def name(self) -> Text:
        return "action_answer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        entities = [(e.get("entity"), str(e.get("value"))) for e in tracker.latest_message.get("entities", [])
                    if e.get("entity") and e.get("value")]
        try:
            reply = reply_for(knowledge_base(), intent, entities)
        except KnowledgeBaseUnavailable:
            dispatcher.utter_message(response="utter_kb_unavailable")
            return []
        dispatcher.utter_message(text=reply.text, buttons=reply.buttons)
        return []
