"""The Rasa action, driven the way the action server drives it, against a test database."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import actions, services


def tracker(intent: str, text: str, entities: list[dict[str, Any]] = ()) -> Tracker:
    latest = {"intent": {"name": intent, "confidence": 0.97}, "entities": list(entities), "text": text}
    return Tracker("test-user", {}, latest, [], False, None, {}, "action_listen")


@pytest.fixture
def use_db(monkeypatch):
    def _use(url: str) -> None:
        monkeypatch.setenv("DATABASE_URL", url)
        services.knowledge_base.cache_clear()

    yield _use
    services.knowledge_base.cache_clear()


def run(intent: str, text: str, entities=()) -> list[dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    events = actions.ActionAnswer().run(dispatcher, tracker(intent, text, entities), {})
    assert events == []
    return dispatcher.messages


def test_answers_from_the_knowledge_base_with_source_and_buttons(use_db, loaded_db_url):
    use_db(loaded_db_url)
    (message,) = run("ask_salary", "what do medical assistants make?")
    assert "$44,200" in message["text"] and "Sources:" in message["text"]
    assert [b["payload"] for b in message["buttons"]] == [
        "/ask_duration",
        "/ask_degree_perception",
        '/ask_salary{"aspect":"outlook"}',
    ]


def test_uses_entities_from_the_entity_ruler(use_db, loaded_db_url):
    use_db(loaded_db_url)
    entity = {"entity": "role", "value": "LPN", "start": 16, "end": 19, "extractor": "SpacyEntityExtractor"}
    (message,) = run("ask_salary", "how much does an LPN make vs an MA", [entity])
    assert "$59,730" in message["text"]


def test_fallback_intent_gets_the_not_understood_answer(use_db, loaded_db_url):
    use_db(loaded_db_url)
    (message,) = run("nlu_fallback", "asdf qwerty")
    assert message["text"].startswith("Sorry, I'm not sure I understood")
    assert len(message["buttons"]) == 4


def test_unreadable_knowledge_base_gives_a_polite_answer(use_db, tmp_path, caplog):
    use_db(f"sqlite:///{tmp_path / 'never-loaded.sqlite3'}")
    (message,) = run("ask_usmle", "do I need the usmle")
    assert message["response"] == "utter_kb_unavailable"
    assert "text" not in message or not message["text"]
    assert any("knowledge base unavailable" in r.getMessage() for r in caplog.records)
