"""The guided roadmap over the REST webhook: questions, steps, navigation, interruptions,
the eligibility checker, the timeline, and progress that survives a restart of both servers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.settings import PROJECT_ROOT
from tests.e2e import running_bot, say, server_settings

pytestmark = pytest.mark.e2e


def chat(bot, sender: str, message: str) -> str:
    replies = say(bot, sender, message, timeout=60)
    assert replies, f"no reply to {message!r}"
    return "\n".join(r.get("text", "") for r in replies)


def buttons(bot, sender: str, message: str) -> list[dict[str, str]]:
    return [b for r in say(bot, sender, message, timeout=60) for b in r.get("buttons", [])]


def step_number(text: str) -> tuple:
    found = re.search(r"Step (\d+) of (\d+): (.+)", text)
    assert found, f"no step heading in:\n{text}"
    return int(found[1]), int(found[2]), found[3]


def begin_img(bot, sender: str) -> str:
    assert "which of these describes you" in chat(bot, sender, "walk me through becoming a medical assistant")
    assert "Which credential" in chat(bot, sender, "I'm a doctor from Egypt")
    assert "Which state" in chat(bot, sender, "recommend one for me")
    assert "stepping stone" in chat(bot, sender, "Texas")
    return chat(bot, sender, "a stepping stone to residency")


def test_a_full_img_walk_through(bot):
    sender = "img-walk"
    text = begin_img(bot, sender)
    assert step_number(text)[:2] == (1, 6) and "credentials evaluated" in text
    assert "course-by-course" in text and "Source" in text
    seen = [step_number(text)[2]]
    for expected in range(2, 7):
        replies = say(bot, sender, "next", timeout=60)
        text = "\n".join(r.get("text", "") for r in replies)
        number, total, title = step_number(text)
        assert (number, total) == (expected, 6)
        assert "What to do:" in text and text.count("Source") == 1  # one message, one source line
        # The tip and the common mistake wait behind "Tell me more".
        assert "/roadmap_details" in [b["payload"] for r in replies for b in r.get("buttons", [])]
        seen.append(title)
    assert any("externship" in t.lower() for t in seen) and any("exam" in t.lower() for t in seen)
    assert "realistic total" in chat(bot, sender, "go to the job search step")
    assert "last step" in chat(bot, sender, "go to the last step") + chat(bot, sender, "next")


def test_a_high_school_graduate_starts_with_the_program_not_the_diploma_they_have(bot):
    sender = "hs-walk"
    chat(bot, sender, "can you guide me step by step to become a medical assistant?")
    chat(bot, sender, "I just graduated high school")
    chat(bot, sender, "the CMA")
    text = chat(bot, sender, "skip")  # no state; not an IMG, so no residency question
    number, total, title = step_number(text)
    assert number == 1 and "program" in title.lower() and "diploma" not in title.lower()
    assert step_number(chat(bot, sender, "next"))[0] == 2
    assert "Already behind you: finish your high-school diploma or GED." in chat(bot, sender, "show me the whole plan")


def test_a_credential_named_early_is_kept_and_the_plan_asked_for_as_a_question_is_shown(bot):
    """ "CMA I think" at the background question is not asked again later, and "can you just show me
    the whole plan" (a move put as a question) shows the plan, not "I'm not sure I understood"."""
    sender = "early-credential"
    chat(bot, sender, "can you walk me through the whole thing step by step?")
    assert "which of these describes you" in chat(bot, sender, "CMA I think")
    assert "Which credential" not in chat(bot, sender, "career changer, I did warehouse work")
    sender = "plan-as-question"
    chat(bot, sender, "can you walk me through the whole thing step by step?")
    assert "Which credential" in chat(bot, sender, "career changer i guess")
    plan = chat(bot, sender, "can you just show me the whole plan")
    assert "Your roadmap to the" in plan and "not sure I understood" not in plan


def test_back_repeat_jump_where_overview_done_and_start_over(bot):
    sender = "nav"
    begin_img(bot, sender)
    chat(bot, sender, "next")
    assert step_number(chat(bot, sender, "back"))[0] == 1
    assert "already at the first step" in chat(bot, sender, "back")
    assert step_number(chat(bot, sender, "repeat that"))[0] == 1
    jumped = chat(bot, sender, "go to the externship step")
    assert "externship" in step_number(jumped)[2].lower()
    assert re.search(r"You're on step \d of 6: .*externship", chat(bot, sender, "which step am I on?"), re.I)
    plan = chat(bot, sender, "show me the whole plan")
    assert "(you are here)" in plan and plan.count("\n• ") + plan.count("\n▶ ") + plan.count("\n✓ ") == 6
    done = chat(bot, sender, "I finished my program")
    assert "marked steps" in done and "exam" in step_number(done)[2].lower()
    assert "✓" in chat(bot, sender, "show me the whole plan")
    restarted = chat(bot, sender, "start over")
    assert step_number(restarted)[0] == 1
    assert "✓" not in chat(bot, sender, "show me the whole plan")


def test_a_question_in_the_middle_is_answered_then_the_step_is_offered_again(bot):
    sender = "interrupt"
    begin_img(bot, sender)
    chat(bot, sender, "next")
    answer = say(bot, sender, "wait, is the externship paid?")
    assert "unpaid" in "\n".join(r.get("text", "") for r in answer)
    offered = [b for r in answer for b in r.get("buttons", [])]
    assert {"title": "Back to step 2 of 6", "payload": "/roadmap_continue"} in offered
    resumed = chat(bot, sender, "/roadmap_continue")  # the button
    assert step_number(resumed)[0] == 2


def test_a_question_while_the_form_waits_is_answered_and_the_question_asked_again(bot):
    sender = "form-interrupt"
    chat(bot, sender, "walk me through becoming a medical assistant")
    reply = chat(bot, sender, "do I need the USMLE for this?")
    assert "don't need the USMLE" in reply and "which of these describes you" in reply
    assert "Which credential" in chat(bot, sender, "I'm an international medical graduate")


@pytest.mark.parametrize(
    "background, education, years, expect",
    [
        (
            "I'm an international medical graduate",
            "no program yet",
            "none",
            ["CMA (AAMA): not yet", "RMA (AMT): not yet"],
        ),
        ("I just finished high school", "I graduated from an accredited program", "none", ["CMA (AAMA): yes, now"]),
        (
            "career changer, I work in retail",
            "I finished a program that was not accredited",
            "none",
            ["CMA (AAMA): yes, now (Category 4", "CCMA (NHA): yes, now"],
        ),
        (
            "I work as an MA without a certificate",
            "no program yet",
            "4 years",
            ["RMA (AMT): yes, now (work-experience route)", "CMA (AAMA): not yet"],
        ),
        (
            "veteran, army medic",
            "no program",
            "none",
            ["RMA (AMT): yes, now (military route)", "NCMA (NCCT): yes, now (military route)"],
        ),
    ],
)
def test_eligibility_checker_for_each_background(bot, background, education, years, expect):
    sender = f"elig-{abs(hash(background))}"
    assert "which of these describes you" in chat(bot, sender, "which credentials can I sit for right now?")
    report = chat(bot, sender, background)
    if "army" not in background:  # military training is checked against its routes at once
        assert "finished a medical assisting program" in report
        report = chat(bot, sender, education)
        if "finished a program" not in education and "graduated" not in education:
            assert "How many years" in report  # a finished program is checked against its routes at once
            report = chat(bot, sender, years)
    for line in expect:
        assert line in report, report
    assert "Source" in report


def test_timeline_estimate_with_a_start_month(bot):
    sender = "timeline"
    chat(bot, sender, "make me a personal timeline")
    chat(bot, sender, "high school graduate")
    chat(bot, sender, "certificate")
    text = chat(bot, sender, "March 2027")
    assert "starting March 2027" in text and "9–12 months" in text
    assert re.search(r"between \w+ 2027 and \w+ 2028", text) and "Source" in text


def test_progress_survives_restarting_both_servers(model: Path, loaded_db_url: str, tmp_path: Path):
    """Same sender, same databases, new processes: "continue" lands on the same step."""
    settings = server_settings(loaded_db_url, tmp_path)
    with running_bot(settings, model, tmp_path / "first.log") as first:
        begin_img(first, "restart")
        chat(first, "restart", "next")
        before = step_number(chat(first, "restart", "next"))
    with running_bot(settings, model, tmp_path / "second.log") as second:
        resumed = chat(second, "restart", "continue")
    assert "Welcome back" in resumed and step_number(resumed) == before


def response(name: str) -> str:
    """A response's text as domain.yml words it."""
    return yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())["responses"][name][0]["text"]


@pytest.mark.parametrize("said", ["next", "skip"])
def test_next_or_skip_at_the_state_question_moves_on(bot, said):
    sender = f"state-{said}"
    chat(bot, sender, "walk me through becoming a medical assistant")
    chat(bot, sender, "I'm a doctor from Egypt")
    assert "Which state" in chat(bot, sender, "recommend one for me")
    reply = chat(bot, sender, said)
    assert reply == response("utter_ask_career_goal")  # the next question, nothing else
    assert step_number(chat(bot, sender, "a stepping stone to residency"))[0] == 1


def test_back_and_repeat_at_a_roadmap_question_ask_the_form_s_questions_not_a_plan_s_steps(bot):
    sender = "roadmap-back"
    chat(bot, sender, "walk me through becoming a medical assistant")
    chat(bot, sender, "I'm a doctor from Egypt")
    at_state = chat(bot, sender, "recommend one for me")
    assert "Which state" in at_state
    again = chat(bot, sender, "repeat")
    assert "Which state" in again and "haven't started" not in again
    back = chat(bot, sender, "back")  # the credential question again, not "We haven't started your roadmap"
    assert "haven't started" not in back and "Which credential" in back
    assert "Which state" in chat(bot, sender, "recommend one for me")


def test_cancel_at_a_roadmap_question_stops_and_saves_nothing(bot):
    sender = "roadmap-cancel"
    chat(bot, sender, "walk me through becoming a medical assistant")
    chat(bot, sender, "I just graduated high school")
    stopped = say(bot, sender, "actually never mind, cancel that")
    assert [r["text"] for r in stopped] == [response("utter_form_cancelled")]
    assert {"title": "Walk me through it", "payload": "/start_roadmap"} in stopped[0]["buttons"]
    assert "haven't started your roadmap" in chat(bot, sender, "back")  # no plan was made
    assert "months" in chat(bot, sender, "how long does it take?")


def test_start_over_and_a_needed_question_in_the_eligibility_checker(bot):
    sender = "elig-commands"
    chat(bot, sender, "which credentials can I sit for right now?")
    first = response("utter_ask_background")
    assert chat(bot, sender, "skip") == f"{response('utter_form_needed')}\n{first}"
    chat(bot, sender, "I'm an international medical graduate")
    assert chat(bot, sender, "start over") == f"{response('utter_form_restarted')}\n{first}"
    chat(bot, sender, "I work as an MA without a certificate")
    which = chat(bot, sender, "si")  # yes, but which program?
    assert which == f"{response('utter_education_which_program')}\n{response('utter_ask_education')}"
    assert "How many years" in chat(bot, sender, "nah")
    assert "RMA (AMT): yes, now (work-experience route)" in chat(bot, sender, "4 years")


def test_a_question_naming_a_state_is_answered_and_the_state_asked_again(bot):
    sender = "state-question"
    chat(bot, sender, "walk me through becoming a medical assistant")
    chat(bot, sender, "I'm a doctor from Egypt")
    chat(bot, sender, "recommend one for me")
    reply = chat(bot, sender, "do MAs need a license in Texas?")
    assert "Texas" in reply and reply.rstrip().endswith(response("utter_ask_state"))
    assert "stepping stone" in chat(bot, sender, "Texas")


def test_a_plan_asked_for_a_credential_says_so_and_skips_what_the_message_said(bot):
    """ "a step by step plan for my RMA, I'm in Ohio": the reply says a plan is being built, and the
    credential and state questions are never asked."""
    sender = "plan-rma-ohio"
    first = chat(bot, sender, "can you make me a step by step plan for getting my RMA? I live in Ohio")
    assert first.startswith(response("utter_roadmap_intro")) and response("utter_ask_background") in first
    rest = chat(bot, sender, "I just graduated high school")
    assert "Which credential" not in rest and "Which state" not in rest
    assert step_number(rest)[0] == 1


def test_at_a_roadmap_question_a_fact_is_noted_a_question_answered_and_cancel_said_loosely_cancels(bot, kb):
    sender = "plan-loose"
    chat(bot, sender, "walk me through becoming a medical assistant")
    assert "Which credential" in chat(bot, sender, "I'm a doctor from Egypt")
    noted = chat(bot, sender, "ohio")  # the state question's answer, given early
    assert "Noted" in noted and "Ohio" in noted and noted.rstrip().endswith(response("utter_ask_credential_goal"))
    fee = kb.facts(["cma_exam_fee"])["cma_exam_fee"].value.split()[0]
    both = chat(bot, sender, "one thing tho, how much is the CMA exam when u just finished the program")
    assert fee in both and both.rstrip().endswith(response("utter_ask_career_goal"))  # its CMA answered the question
    stopped = say(bot, sender, "actually cancel, ill do this later")
    assert [r["text"] for r in stopped] == [response("utter_form_cancelled")]
