"""The turn layer the Rasa actions call: progress in, messages out, progress saved."""

from __future__ import annotations

from typing import get_args

import pytest
import yaml

from bot.db import get_engine
from bot.kb.text_rules import DIALOGUE_INTENTS
from bot.profile import Profile
from bot.roadmap import build_plan
from bot.roadmap.commands import COMMAND_OF_INTENT, Command, payload
from bot.roadmap.progress import Progress, ProgressStore
from bot.roadmap.questions import needless_for_eligibility
from bot.roadmap.turns import SHOWS_THE_PATH, USUAL_PATH, RoadmapTurns, Said, profile_changes
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


def payloads(said: Said) -> list[str]:
    return [b["payload"] for b in said.buttons]


def test_start_shows_step_one_and_navigation_reads_the_saved_plan(kb, tmp_path):
    t = turns(kb, tmp_path)
    first = t.start("p1", IMG)
    reason, step = first  # why this credential, then step 1 with its sources: one message each
    assert reason.text.startswith("I picked the CMA because") and not reason.buttons
    assert step.text.startswith("Step 1 of 6") and step.text.count("Source") == 1
    assert payloads(step) == ["/roadmap_details", "/roadmap_next", "/roadmap_back", "/roadmap_overview"]
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
        assert payload("next") == "/roadmap_next" in payloads(said[-1]), command


def test_tell_me_more_shows_the_steps_details_in_one_message(kb, tmp_path):
    t = turns(kb, tmp_path)
    t.start("p3", IMG)
    (step,) = t.navigate("p3", "next")
    (more,) = t.navigate("p3", "details")
    assert more.text.startswith("More on step 2: ") and more.text.count("Source") == 1
    for label in ("Why it matters: ", "Tip: ", "Common mistake: "):
        assert label in more.text and label not in step.text
    assert "/roadmap_details" not in payloads(more) and payloads(more)[0] == "/roadmap_next"
    assert "Step 2 of 6" in t.navigate("p3", "repeat")[0].text  # still on the same step


def test_the_last_step_offers_the_timeline_and_a_person_instead_of_next(kb, tmp_path):
    t = turns(kb, tmp_path)
    t.start("p4", IMG)
    (last,) = t.navigate("p4", "jump", "the last step")
    assert last.text.startswith("Step 6 of 6")
    assert last.buttons[:3] == [
        {"title": "Tell me more", "payload": "/roadmap_details"},
        {"title": "My timeline", "payload": "/estimate_timeline"},
        {"title": "Talk to a person", "payload": "/request_human"},
    ]
    assert "/roadmap_next" not in payloads(last)
    assert "/roadmap_next" not in payloads(t.navigate("p4", "details")[0])
    (end,) = t.navigate("p4", "next")
    assert "last step" in end.text and "/roadmap_next" not in payloads(end)
    assert {"/estimate_timeline", "/request_human"} <= set(payloads(end))


def test_choosing_another_credential_mid_plan_rebuilds_it_and_says_what_changed(kb, tmp_path):
    t = turns(kb, tmp_path)
    t.start("p5", {"background": "hs_graduate", "credential_goal": "cma", "state": "skip"})
    t.navigate("p5", "next")
    changed, step = t.start("p5", {}, Profile(background="hs_graduate", credential="rma"))
    assert changed.text.startswith("Your plan now aims at the RMA instead of the CMA.")
    assert step.text.startswith("Step 2 of 6: Enroll in a medical assisting program")  # same place, new wording
    assert "Choose a CAAHEP" not in step.text
    # The same profile again is not a change: they are welcomed back where they were.
    welcome, same = t.start("p5", {})
    assert welcome.text == "Welcome back! Here's where you left off." and same.text == step.text


def test_years_of_work_said_mid_plan_move_a_working_ma_to_the_exam(kb, tmp_path):
    t = turns(kb, tmp_path)
    t.start("p6", {"background": "working_ma", "credential_goal": "rma", "state": "skip", "work_years": 0.0})
    assert t.navigate("p6", "jump", "the program step")[0].text.startswith("Step 2 of ")
    work = next(r for c, rs in kb.credentials_with_routes() if c.key == "rma" for r in rs if r.kind == "experience")
    years = float(work.min_years + 1)
    changed, step = t.start("p6", {"work_years": years})
    assert changed.text.startswith(
        "The experience check, program and externship steps are left out, because you can sit the RMA now "
        f"through its {work.label}."
    )
    assert step.text.startswith("Step 1 of 2: Prepare for and pass your certification exam")
    assert "For you: RMA (AMT): yes, now" in step.text


def test_a_new_state_or_background_is_said_when_the_plan_is_rebuilt(kb, tmp_path):
    t = turns(kb, tmp_path)
    t.start("p7", {"background": "career_changer", "credential_goal": "ccma", "state": "texas"})
    (changed, _) = t.start("p7", {"state": "ohio"})
    assert changed.text == "Your state is now Ohio."
    (changed, step) = t.start("p7", {}, Profile(background="hs_graduate", credential="ccma", state="ohio"))
    assert changed.text == (
        "It now fits a high-school graduate instead of a career changer; it now includes the diploma step."
    )
    # They stay on the step they were on; the new step is there for them to go back to.
    assert step.text.startswith("Step 2 of 6: Enroll in a medical assisting program")
    assert t.navigate("p7", "back")[0].text.startswith("Step 1 of 6: Finish your high-school diploma or GED")


def test_navigation_before_starting_offers_to_start(kb, tmp_path):
    t = turns(kb, tmp_path)
    (said,) = t.navigate("nobody", "back")
    assert "haven't started" in said.text and said.buttons[0]["payload"] == "/start_roadmap"
    assert t.resume_button("nobody") is None


@pytest.mark.parametrize("command", sorted(SHOWS_THE_PATH))
def test_show_me_the_plan_before_starting_shows_the_usual_path_and_offers_theirs(kb, tmp_path, command):
    """ "show me the whole plan" or "ok, then what?" from someone with no roadmap: the usual path's steps
    (from the knowledge base), then the button that fits it to them; nothing is saved as started."""
    t = turns(kb, tmp_path)
    (said,) = t.navigate("nobody", command)
    usual = build_plan(kb, Profile())
    assert said.text.startswith(USUAL_PATH)
    assert all(step.title in said.text for step in usual.steps)
    assert said.buttons[0]["payload"] == "/start_roadmap" and t.resume_button("nobody") is None


@pytest.mark.parametrize("command", sorted(SHOWS_THE_PATH - {"next"}))
def test_show_me_the_plan_from_someone_who_told_who_they_are_shows_theirs(kb, tmp_path, command):
    """ "show me the whole plan" from a working MA who told us so, and named the RMA at a form's question
    before leaving it: their own plan (the RMA's), not the usual path, placed at its first step."""
    t = turns(kb, tmp_path)
    t.store.save(Progress("ma", Profile(background="working_ma", experience_years=4.0, state="ohio")))
    said = t.navigate("ma", command, "", {"credential_goal": "rma"})
    theirs = build_plan(kb, Profile(background="working_ma", experience_years=4.0, state="ohio", credential="rma"))
    assert not any(s.text.startswith(USUAL_PATH) for s in said)
    assert theirs.credential == "rma" and build_plan(kb, t.store.load("ma").planned_for).credential == "rma"
    assert t.resume_button("ma") == {"title": f"Back to step 1 of {len(theirs)}", "payload": "/roadmap_continue"}


def test_whats_my_next_step_from_someone_who_told_who_they_are_starts_their_plan(kb, tmp_path):
    t = turns(kb, tmp_path)
    t.store.save(Progress("ma", Profile(background="working_ma", experience_years=4.0)))
    said = t.navigate("ma", "next")
    plan = build_plan(kb, Profile(background="working_ma", experience_years=4.0))
    assert said[-1].text.startswith(f"Step 1 of {len(plan)}") and t.started("ma")


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


def test_a_credential_picked_anew_after_a_change_comes_with_its_reason_once(kb, tmp_path):
    t = turns(kb, tmp_path)
    t.start("p8", {}, Profile(background="career_changer"))
    changed, step = t.start("p8", {}, Profile(background="working_ma", experience_years=4, experience_span_years=4))
    plan = build_plan(kb, Profile(background="working_ma", experience_years=4, experience_span_years=4))
    assert changed.text.startswith(
        f"Your plan now aims at the {plan.target.abbreviation} instead of the CMA; it now fits a working medical "
        "assistant without a credential instead of a career changer; the program, externship and job search steps "
        f"are left out. {plan.reason.body}"
    )
    assert changed.text.count("you can sit it now") == 1
    assert step.text.startswith("Step 1 of 2: Prepare for and pass your certification exam")


def test_a_change_that_leaves_the_plan_as_it_was_is_not_announced(kb, tmp_path):
    t = turns(kb, tmp_path)
    ma = Profile(background="working_ma", credential="rma", experience_years=4, experience_span_years=4)
    first = t.start("p9", {}, ma)
    assert first[0].text.startswith("You can sit the RMA now")
    welcome, step = t.start("p9", {"start_date": "2027-01-01"}, ma)  # only the start month is new
    assert welcome.text == "Welcome back! Here's where you left off." and step.text == first[1].text


def test_a_change_heard_in_another_turn_is_said_by_the_next_roadmap_reply(kb, tmp_path):
    """Every turn saves what the person says to their profile before the roadmap answers
    ("I'd rather aim for the RMA"): the plan they last saw is compared, not the stored profile."""
    t = turns(kb, tmp_path)
    t.start("p10", {"background": "hs_graduate", "credential_goal": "cma", "state": "skip"})
    store = t.store
    store.save(store.load("p10").with_profile(credential="rma"))  # heard and saved by another turn
    changed, step = t.navigate("p10", "next")
    assert changed.text.startswith("Your plan now aims at the RMA instead of the CMA.")
    assert step.text.startswith("Step 2 of 6: Enroll in a medical assisting program")
    assert len(t.navigate("p10", "repeat")) == 1  # said once
    store.save(store.load("p10").with_profile(state="ohio"))
    changed, step = t.start("p10", {})
    assert changed.text == "Your state is now Ohio." and step.text.startswith("Step 2 of 6")


def test_progress_keeps_the_profile_its_plan_was_shown_for(kb, tmp_path):
    t = turns(kb, tmp_path)
    t.start("p11", IMG)
    saved = t.store.load("p11")
    assert saved.planned_for == saved.profile and saved.planned_for.background == "img"


def test_a_row_saved_before_plans_kept_their_profile_still_reads_and_compares_with_the_stored_one(kb, tmp_path):
    old = '{"format": 1, "profile": {"background": "img", "credential": "cma"}, "current": "program", "done": []}'
    assert Progress.from_json("p12", old).planned_for is None
    t = turns(kb, tmp_path)
    t.store.save(Progress.from_json("p12", old))
    changed, step = t.start("p12", {}, Profile(background="img", credential="rma"))
    assert changed.text.startswith("Your plan now aims at the RMA instead of the CMA")
    again = t.store.load("p12")
    assert Progress.from_json("p12", again.to_json(), again.updated_at) == again
    assert again.planned_for.credential == "rma"


def test_the_eligibility_check_asks_only_what_changes_the_verdict():
    """MA years, military training or a finished program are checked against their routes at once."""
    assert needless_for_eligibility(Profile()) == frozenset()
    assert needless_for_eligibility(Profile(experience_years=2.0)) == {"education", "background"}
    assert needless_for_eligibility(Profile(background="military")) == {"education", "work_years"}
    assert needless_for_eligibility(Profile(), "other_program") == {"education", "work_years", "background"}
    assert needless_for_eligibility(Profile(), "none") == frozenset()
