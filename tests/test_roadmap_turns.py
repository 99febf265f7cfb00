"""The turn layer the Rasa actions call: progress in, messages out, progress saved."""

from __future__ import annotations

from typing import get_args

import yaml

from bot.db import get_engine
from bot.kb.text_rules import DIALOGUE_INTENTS
from bot.roadmap.commands import COMMAND_OF_INTENT, Command, payload
from bot.roadmap.progress import ProgressStore
from bot.roadmap.turns import RoadmapTurns, profile_changes
from bot.settings import PROJECT_ROOT

IMG = {"background": "img", "credential_goal": "recommend", "state": "texas", "career_goal": "residency"}


def turns(kb, tmp_path) -> RoadmapTurns:
    return RoadmapTurns(kb, ProgressStore(get_engine(f"sqlite:///{tmp_path / 'progress.sqlite3'}")))


def test_form_answers_become_the_profile():
    changes = profile_changes(
        {**IMG, "state": "skip", "work_years": 0.0, "start_date": "2027-03-01", "credential_goal": "rma"}
    )
    assert changes["background"] == "img" and changes["credential"] == "rma" and changes["state"] is None
    assert changes["experience_years"] == 0.0 and changes["start_date"].isoformat() == "2027-03-01"
    assert profile_changes({"background": "military"})["military_training"] is True
    assert profile_changes({"credential_goal": "recommend"})["credential"] is None


def test_start_shows_step_one_and_navigation_reads_the_saved_plan(kb, tmp_path):
    t = turns(kb, tmp_path)
    first = t.start("p1", IMG)
    assert "Step 1 of 6" in first[0].text and first[-1].buttons[0]["payload"] == "/roadmap_next"
    assert "Step 2 of 6" in t.navigate("p1", "next")[0].text
    again = turns(kb, tmp_path)  # a new process: only the database remembers
    assert "Step 2 of 6" in again.navigate("p1", "continue")[1].text
    assert again.resume_button("p1") == {"title": "Back to step 2 of 6", "payload": "/roadmap_continue"}


def test_every_command_is_carried_out_on_a_started_plan(kb, tmp_path):
    t = turns(kb, tmp_path)
    t.start("p2", IMG)
    assert set(COMMAND_OF_INTENT.values()) == set(get_args(Command))
    for command in get_args(Command):
        said = t.navigate("p2", command, "the exam step" if command == "jump" else "")
        assert said and all(s.text for s in said), command
        assert said[-1].buttons[0]["payload"] == payload("next") == "/roadmap_next", command


def test_navigation_before_starting_offers_to_start(kb, tmp_path):
    t = turns(kb, tmp_path)
    (said,) = t.navigate("nobody", "next")
    assert "haven't started" in said.text and said.buttons[0]["payload"] == "/start_roadmap"
    assert t.resume_button("nobody") is None


def test_eligibility_and_timeline_use_and_keep_the_answers(kb, tmp_path):
    t = turns(kb, tmp_path)
    (report,) = t.eligibility("w", {"background": "working_ma", "education": "none", "work_years": 4.0})
    assert "RMA (AMT): yes, now (work-experience route)" in report.text and "Source" in report.text
    (timeline,) = t.timeline("w", {"program_type": "certificate", "start_date": "2027-03-01"})
    assert "starting March 2027" in timeline.text


def test_dialogue_intents_exist_and_every_question_can_interrupt_every_form():
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())
    assert set(DIALOGUE_INTENTS) <= set(domain["intents"])
    rules = [
        rule
        for path in sorted((PROJECT_ROOT / "data" / "stories").glob("*.yml"))
        for rule in yaml.safe_load(path.read_text()).get("rules", [])
    ]
    questions = [i for i in domain["intents"] if i.startswith("ask_")]
    for form in domain["forms"]:
        covered = {
            r["steps"][0]["intent"]
            for r in rules
            if r.get("condition") == [{"active_loop": form}] and "intent" in r["steps"][0]
        }
        assert set(questions) <= covered, (form, set(questions) - covered)
