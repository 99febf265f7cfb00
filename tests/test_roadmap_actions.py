"""The roadmap's Rasa actions: registered under their domain names, each taking its own turn."""

from __future__ import annotations

import shutil
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher
from sqlalchemy.exc import OperationalError

from actions import roadmap, services
from bot.roadmap.commands import COMMAND_OF_INTENT, DEFAULT_COMMAND
from bot.roadmap.turns import Said
from bot.settings import PROJECT_ROOT
from bot.understanding.context import CONTEXT_SLOT, Context

#: What each roadmap action must do: the RoadmapTurns method it calls.
EXPECTED_TURNS = {
    "action_roadmap_start": "start",
    "action_roadmap_navigate": "navigate",
    "action_check_eligibility": "eligibility",
    "action_estimate_timeline": "timeline",
}
SLOTS = {"background": "working_ma", "education": "none", "work_years": 4.0, "requested_slot": None}


def domain() -> dict[str, Any]:
    return yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())


def rules() -> list[dict[str, Any]]:
    return [
        rule
        for path in sorted((PROJECT_ROOT / "data" / "stories").glob("*.yml"))
        for rule in yaml.safe_load(path.read_text()).get("rules", [])
    ]


def tracker(intent: str = "roadmap_next", text: str = "next", slots: dict[str, Any] | None = None) -> Tracker:
    latest = {"intent": {"name": intent, "confidence": 0.97}, "entities": [], "text": text}
    return Tracker("walker", dict(slots or SLOTS), latest, [], False, None, {}, "action_listen")


class RecordingTurns:
    """Stands in for RoadmapTurns: remembers which turn was taken, with what."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def _take(self, turn: str, *args: Any) -> list[Said]:
        self.calls.append((turn, args))
        return [Said(f"{turn} said", [{"title": "Next step", "payload": "/roadmap_next"}])]

    def start(self, sender: str, answers: dict[str, Any]) -> list[Said]:
        return self._take("start", sender, answers)

    def navigate(self, sender: str, command: str, text: str = "", answers: dict[str, Any] | None = None) -> list[Said]:
        return self._take("navigate", sender, command, text, answers)

    def eligibility(self, sender: str, answers: dict[str, Any]) -> list[Said]:
        return self._take("eligibility", sender, answers)

    def timeline(self, sender: str, answers: dict[str, Any]) -> list[Said]:
        return self._take("timeline", sender, answers)


@pytest.fixture(scope="module")
def executor() -> ActionExecutor:
    """The action server's registry, filled the way `rasa run actions --actions actions` fills it."""
    registry = ActionExecutor()
    registry.register_package("actions")
    return registry


@pytest.fixture
def recorded(monkeypatch) -> RecordingTurns:
    fake = RecordingTurns()
    monkeypatch.setattr(services, "turns", lambda: fake)
    return fake


def run(executor: ActionExecutor, name: str, on: Tracker, answered: bool = True) -> list[dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    events = executor.actions[name](dispatcher, on, {})
    # "next" says nothing about the person; a verdict given is kept as the conversation's topic, nothing else
    assert events == (roadmap.remembered_topic(name) if answered else [])
    return dispatcher.messages


def test_the_action_server_registers_exactly_the_domain_s_custom_actions(executor: ActionExecutor):
    custom = {a for a in domain()["actions"] if not a.startswith("utter_")}
    assert set(executor.actions) == custom  # every one, and nothing registered without a name
    assert set(EXPECTED_TURNS) <= set(executor.actions)
    assert set(roadmap.TURNS) == set(EXPECTED_TURNS)
    assert roadmap.ROADMAP_ACTIONS["action_roadmap_start"].__name__ == "ActionRoadmapStart"


@pytest.mark.parametrize("name, turn", EXPECTED_TURNS.items())
def test_each_roadmap_action_takes_its_turn_and_sends_what_it_says(
    executor: ActionExecutor, recorded: RecordingTurns, name: str, turn: str
):
    messages = run(executor, name, tracker("roadmap_jump", "go to the exam step"))
    (called,) = recorded.calls
    assert called[0] == turn and called[1][0] == "walker"
    if turn == "navigate":
        assert called[1][1:3] == ("jump", "go to the exam step")
        assert {k: called[1][3][k] for k in ("background", "work_years")} == {  # a left form's answers
            k: SLOTS[k] for k in ("background", "work_years")
        }
    else:  # what the forms collected, slot by slot
        answers = called[1][1]
        assert {k: answers[k] for k in ("background", "education", "work_years")} == {
            k: SLOTS[k] for k in ("background", "education", "work_years")
        }
        assert set(answers) == set(roadmap.PROFILE_SLOTS)
    assert [(m["text"], m["buttons"]) for m in messages] == [
        (f"{turn} said", [{"title": "Next step", "payload": "/roadmap_next"}])
    ]


def test_every_navigation_intent_is_read_as_its_command(executor: ActionExecutor, recorded: RecordingTurns):
    for intent in COMMAND_OF_INTENT:
        run(executor, "action_roadmap_navigate", tracker(intent, "whatever they typed"))
    run(executor, "action_roadmap_navigate", tracker("nlu_fallback", "hmm"))
    assert [args[1] for _, args in recorded.calls] == [*COMMAND_OF_INTENT.values(), DEFAULT_COMMAND]


def test_the_command_table_matches_the_domain_and_its_rules():
    assert set(COMMAND_OF_INTENT) <= set(domain()["intents"])
    assert all(command == intent.removeprefix("roadmap_") for intent, command in COMMAND_OF_INTENT.items())
    navigating = {
        r["steps"][0]["intent"]
        for r in rules()
        if len(r["steps"]) == 2 and r["steps"][1].get("action") == "action_roadmap_navigate"
    }
    assert navigating == set(COMMAND_OF_INTENT)


def test_a_database_fault_gets_the_polite_message(executor: ActionExecutor, monkeypatch, caplog):
    def broken():
        raise OperationalError("SELECT 1", {}, Exception("database is locked"))

    monkeypatch.setattr(services, "turns", broken)
    for name in EXPECTED_TURNS:
        (message,) = run(executor, name, tracker(), answered=False)
        assert message["response"] == "utter_kb_unavailable" and not message["text"]
    assert any("database unavailable" in r.getMessage() for r in caplog.records)


def test_the_eligibility_action_answers_from_the_knowledge_base(
    executor: ActionExecutor, loaded_db_url: str, tmp_path, monkeypatch
):
    copy = tmp_path / "app.sqlite3"  # the action saves progress: not into the session's shared database
    shutil.copy(loaded_db_url.removeprefix("sqlite:///"), copy)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{copy}")
    services.knowledge_base.cache_clear()
    try:
        (message,) = run(executor, "action_check_eligibility", tracker("check_eligibility", "can I sit for it"))
        expected = services.turns().eligibility("someone-else", SLOTS)[0]
    finally:
        services.knowledge_base.cache_clear()
    assert message["text"] == expected.text and "Source" in message["text"]
    assert message["buttons"] == expected.buttons


def test_what_they_tell_after_their_verdict_is_answered_again_not_taken_as_a_move(
    executor: ActionExecutor, loaded_db_url: str, tmp_path, monkeypatch
):
    """ "graduated AIT back in 2019 tho", read as "back" (0.61) after a military eligibility verdict, once got
    "We haven't started your roadmap yet": with no roadmap, what they told re-answers the question in hand."""
    copy = tmp_path / "app.sqlite3"
    shutil.copy(loaded_db_url.removeprefix("sqlite:///"), copy)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{copy}")
    services.knowledge_base.cache_clear()
    latest = {
        "intent": {"name": "roadmap_back", "confidence": 0.61},
        "intent_ranking": [{"name": "roadmap_back", "confidence": 0.61}, {"name": "inform", "confidence": 0.2}],
        "entities": [],
        "text": "graduated AIT back in 2019 tho",
    }
    slots = {CONTEXT_SLOT: Context("ask_eligibility").to_slot(), "background": "military"}
    told = Tracker("medic", slots, latest, [], False, None, {}, "action_listen")
    try:
        dispatcher = CollectingDispatcher()
        executor.actions["action_roadmap_navigate"](dispatcher, told, {})
        rma = services.knowledge_base().display_name("credential", "rma")
    finally:
        services.knowledge_base.cache_clear()
    text = " ".join(m.get("text") or "" for m in dispatcher.messages)
    assert "haven't started" not in text
    assert rma and rma in text, "the eligibility verdict, credential by credential"
