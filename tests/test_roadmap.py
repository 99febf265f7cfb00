"""The guided roadmap without Rasa: each person's plan, what a step says, and navigation."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

import pytest

from bot.citing import Cited
from bot.kb.queries import KnowledgeBase
from bot.kb.text_rules import DIGITS_ALLOWED_IN
from bot.profile import Profile
from bot.roadmap import (
    MAX_STEP_WORDS,
    Plan,
    advance,
    back,
    begin,
    build_plan,
    find_step,
    jump,
    mark_done,
    overview,
    render_move,
    render_step,
    repeat,
    start_over,
    where,
)
from bot.roadmap.progress import Progress

IMG = Profile(background="img", credential="cma", goal="residency")
HS = Profile(background="hs_graduate", credential="cma")
WORKING_MA_3 = Profile(background="working_ma", experience_years=3, experience_span_years=3)


def unsourced_figures(kb: KnowledgeBase, message: Cited, extra: Iterable[str] = ()) -> list:
    """Digits in a message that come from neither a cited fact's value nor an allowed structure.

    Each fact the message used must also be cited by its source's label. `extra`
    lists other sourced text the message may quote (an eligibility line, which
    carries its routes' citations).
    """
    facts = kb.facts(message.fact_keys)
    labels = {c.label for c in message.citations}
    for fact in facts.values():
        assert kb.cite(fact.source, None).label in labels, f"{fact.key} is stated without its source"
    body = re.sub(r"^Step \d+ of \d+: ", "", message.body)
    for value in sorted([f.value for f in facts.values()] + list(extra), key=len, reverse=True):
        body = body.replace(value, "")
    for token in DIGITS_ALLOWED_IN:
        body = body.replace(token, "")
    return re.findall(r"\S*\d\S*", body)


# --- plans -----------------------------------------------------------------------------


def test_an_img_plan_starts_with_credential_evaluation(kb: KnowledgeBase):
    plan = build_plan(kb, IMG)
    assert plan.keys == ["credential_evaluation", "program", "externship", "exam", "job_search", "renewal"]
    assert plan.credential == "cma" and not plan.recommended


def test_a_high_school_graduate_starts_with_the_diploma(kb: KnowledgeBase):
    plan = build_plan(kb, Profile(background="hs_graduate"))
    assert plan.keys == ["diploma", "program", "externship", "exam", "job_search", "renewal"]
    # Nothing qualifies them yet, so the recommendation is the knowledge base's first credential.
    assert plan.credential == "cma" and plan.recommended


def test_a_working_ma_with_three_years_goes_straight_to_an_experience_route(kb: KnowledgeBase):
    plan = build_plan(kb, WORKING_MA_3)
    assert plan.credential == "rma" and plan.recommended and plan.eligible_now
    assert plan.keys == ["experience_check", "exam", "renewal"]  # no program, externship or job search
    assert [s.key for s in plan.skipped] == ["program", "externship"]
    step = render_step(kb, plan, "experience_check")
    assert "For you: RMA (AMT): yes, now (work-experience route)." in step.main.body
    assert "Already open to you: the CCMA and the NCMA." in step.main.body
    assert (
        "Left out, because you can already sit for the exam: enroll in an accredited medical assisting "
        "program and complete your clinical externship." in overview(kb, plan, Progress("s")).body
    )


def test_a_working_ma_aiming_for_the_cma_still_needs_the_program(kb: KnowledgeBase):
    plan = build_plan(
        kb, Profile(background="working_ma", credential="cma", experience_years=3, experience_span_years=3)
    )
    assert plan.keys == ["experience_check", "program", "externship", "exam", "renewal"]
    text = render_step(kb, plan, "experience_check").main.body
    assert "It lists no work-experience route." in text


def test_a_working_ma_short_of_the_rma_is_told_what_is_missing_and_keeps_the_program(kb: KnowledgeBase):
    plan = build_plan(
        kb, Profile(background="working_ma", credential="rma", experience_years=2, experience_span_years=2)
    )
    assert "program" in plan.keys and not plan.eligible_now
    text = render_step(kb, plan, "experience_check").main.body
    assert "or 3 years of medical assisting work within the last 7 years (you have 2 years)." in text


def test_recent_military_training_skips_the_program(kb: KnowledgeBase):
    plan = build_plan(kb, Profile(background="military", military_years_ago=2))
    assert plan.credential == "rma" and plan.keys == ["experience_check", "exam", "job_search", "renewal"]


# --- what a step says --------------------------------------------------------------------


def test_a_step_has_its_heading_what_why_how_long_tip_mistake_and_sources(kb: KnowledgeBase):
    step = render_step(kb, build_plan(kb, HS), "program")
    assert step.heading == "Step 2 of 6: Enroll in an accredited medical assisting program"
    main, details = step.main.text, step.details.text
    assert main.startswith(step.heading)
    for label in ("What to do: ", "Why it matters: ", "How long: 9–12 months for a certificate"):
        assert label in main
    assert "The CMA (AAMA) needs a CAAHEP- or ABHES-accredited program" in main
    assert details.count("Tip: ") == 1 and details.count("Common mistake: ") == 1
    assert "\n\nSources: " in main and "Medical Assistant Careers guide (undated; read 2026)" in main


def test_a_step_states_the_facts_for_the_persons_credential(kb: KnowledgeBase):
    rma = render_step(kb, build_plan(kb, Profile(background="hs_graduate", credential="rma")), "program").main
    assert "The RMA (AMT) does not require CAAHEP or ABHES and also accepts work experience." in rma.body
    assert "at least 720 hours" in rma.body and "CMA (AAMA) needs" not in rma.body
    assert "confirm with AMT" in rma.text  # a secondary source says where to check
    exam = render_step(kb, build_plan(kb, HS), "exam").main.body
    assert "200 multiple-choice questions in four 40-minute segments" in exam
    assert "up to 30 days before finishing" in exam


def test_img_advice_replaces_the_general_tip_and_follows_their_goal(kb: KnowledgeBase):
    img = build_plan(kb, IMG)
    exam = render_step(kb, img, "exam").details.body
    assert "Tip: Focus on what is new to you" in exam and "review course" not in exam
    job = render_step(kb, img, "job_search")
    assert "International Medical Education" in job.details.body
    assert "stepping stone to residency" in job.details.body and "long-term career" not in job.details.body
    assert "1.5 to 2.5 years" in job.main.body
    career = render_step(kb, build_plan(kb, Profile(background="img", goal="career")), "job_search").details.body
    assert "long-term career" in career and "residency" not in career
    hs = render_step(kb, build_plan(kb, HS), "exam").details.body
    assert "Tip: Review official study guides" in hs and "IMG" not in hs


def test_a_state_with_its_own_rules_is_named_on_the_exam_step(kb: KnowledgeBase):
    wa = render_step(kb, build_plan(kb, Profile(background="hs_graduate", state="washington")), "exam").main
    assert "Washington also requires a state credential" in wa.body
    assert "Washington State Department of Health" in wa.text
    tx = render_step(kb, build_plan(kb, Profile(background="hs_graduate", state="texas")), "exam").main
    assert "Washington" not in tx.body


# Every background, credential and amount of experience; goals and states take turns, so
# every combination of the optional notes is seen without rendering hundreds of plans.
_PEOPLE = [
    Profile(
        background=b,
        credential=c,
        goal=(None, "residency", "career")[i % 3],
        state=(None, "washington")[i % 2],
        experience_years=y,
        experience_span_years=y or None,
        military_years_ago=m,
    )
    for i, (b, c, (y, m)) in enumerate(
        itertools.product(
            ["img", "hs_graduate", "career_changer", "working_ma", "military"],
            [None, "cma", "rma", "ccma", "ncma"],
            [(0.0, None), (2.0, 3.0), (4.0, 8.0)],
        )
    )
] + [
    Profile(
        background="img",
        credential=c,
        goal="residency",
        state="washington",
        experience_years=4,
        experience_span_years=4,
    )
    for c in ("cma", "rma", "ccma", "ncma")
]


def test_every_step_for_everyone_stays_short_and_every_figure_carries_its_source(kb: KnowledgeBase):
    seen = 0
    for profile in _PEOPLE:
        plan = build_plan(kb, profile)
        for key in plan.keys:
            step = render_step(kb, plan, key)
            for message in (step.main, step.details):
                assert message.words <= MAX_STEP_WORDS, f"{key} for {profile}: {message.words} words"
                assert "{fact:" not in message.body
                eligibility = [r.text for r in plan.eligibility.results] if key == "experience_check" else []
                assert unsourced_figures(kb, message, eligibility) == [], (key, profile)
                if re.search(r"\d", message.body.split(":", 1)[1]):
                    assert "\n\nSource" in message.text
                seen += 1
    assert seen > 400


# --- navigation --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def img_plan(kb: KnowledgeBase) -> Plan:
    return build_plan(kb, IMG)


def test_next_back_and_repeat(img_plan: Plan):
    move = begin(img_plan, Progress("maria", IMG))
    assert (move.outcome, move.current) == ("started", "credential_evaluation")
    move = advance(img_plan, move.progress)
    assert (move.outcome, move.current) == ("moved", "program")
    assert repeat(img_plan, move.progress).current == "program"
    move = back(img_plan, move.progress)
    assert move.current == "credential_evaluation"
    at_start = back(img_plan, move.progress)
    assert (at_start.outcome, at_start.current) == ("at_start", "credential_evaluation")
    last = jump(img_plan, move.progress, "the last step")
    at_end = advance(img_plan, last.progress)
    assert (at_end.outcome, at_end.current) == ("at_end", "renewal")


@pytest.mark.parametrize(
    "said, key",
    [
        ("go to the externship step", "externship"),
        ("exam", "exam"),
        ("job search", "job_search"),
        ("take me to the clinical externship", "externship"),
        ("step 3", "externship"),
        ("the third step", "externship"),
        ("the last step", "renewal"),
        ("I want to see renewal", "renewal"),
        ("resume tips", "job_search"),
        ("transcripts", "credential_evaluation"),
        ("Go to the Exams", "exam"),
    ],
)
def test_jump_by_loose_name_or_number(img_plan: Plan, said: str, key: str):
    assert find_step(img_plan, said) == key
    move = jump(img_plan, Progress("maria", IMG, current="program"), said)
    assert move.current == key and move.outcome in ("moved", "same")


def test_jump_to_a_step_off_the_path_or_to_nothing(kb: KnowledgeBase):
    hs = build_plan(kb, HS)
    progress = Progress("sam", HS, current="program")
    off = jump(hs, progress, "credential evaluation", every_step=kb.roadmap_steps())
    assert (off.outcome, off.asked, off.current) == ("not_in_plan", "credential_evaluation", "program")
    (said,) = render_move(kb, hs, off)
    assert said.body.startswith('"Get your international credentials evaluated" isn\'t a step on your path')
    assert "You're on step 2 of 6" in said.body
    lost = jump(hs, progress, "banana bread", every_step=kb.roadmap_steps())
    assert lost.outcome == "not_found" and lost.current == "program"
    assert "I couldn't tell which step you mean" in render_move(kb, hs, lost)[0].body


def test_where_am_i_and_mark_done(img_plan: Plan):
    progress = Progress("maria", IMG, current="program")
    assert where(img_plan, progress) == "You're on step 2 of 6: Enroll in an accredited medical assisting program."
    move = mark_done(img_plan, progress, "I finished my program")
    # Every step before it, and the externship, which is part of the program.
    assert move.progress.done == ("credential_evaluation", "program", "externship") == move.marked
    assert move.current == "exam"
    assert where(img_plan, move.progress) == (
        "You're on step 4 of 6: Prepare for and pass your certification exam. Done so far: steps 1, 2 and 3."
    )
    done_here = mark_done(img_plan, move.progress)  # "done" with no name: the current step
    assert done_here.current == "job_search" and done_here.marked == ("exam",)
    finished = mark_done(img_plan, done_here.progress, "renewal")
    assert finished.outcome == "at_end" and len(finished.progress.done) == 6
    assert where(img_plan, Progress("new", IMG)).startswith("We haven't started your roadmap yet.")
    # Finishing an earlier step while further ahead keeps them where they are.
    ahead = mark_done(img_plan, Progress("maria", IMG, current="exam"), "my credential evaluation")
    assert (ahead.current, ahead.progress.done) == ("exam", ("credential_evaluation",))


def test_marking_done_is_acknowledged_before_the_next_step(kb: KnowledgeBase, img_plan: Plan):
    move = mark_done(img_plan, Progress("maria", IMG, current="externship"), "I finished my program")
    first, main, _ = render_move(kb, img_plan, move)
    assert first.body == (
        "Great, I've marked steps 1 (get your international credentials evaluated), "
        "2 (enroll in an accredited medical assisting program) and 3 (complete your clinical "
        "externship) done. Here's what comes next."
    )
    assert main.body.startswith("Step 4 of 6: Prepare for and pass your certification exam")


def test_overview_is_a_compact_checklist(kb: KnowledgeBase, img_plan: Plan):
    progress = mark_done(img_plan, Progress("maria", IMG, current="program"), "evaluation").progress
    lines = overview(kb, img_plan, progress).body.splitlines()
    assert lines == [
        "Your roadmap to the CMA (international medical graduate):",
        "✓ 1. Get your international credentials evaluated (done)",
        "▶ 2. Enroll in an accredited medical assisting program (you are here)",
        "• 3. Complete your clinical externship (next)",
        "• 4. Prepare for and pass your certification exam",
        "• 5. Find your first medical assistant job",
        "• 6. Keep your credential current",
    ]


def test_a_recommended_credential_is_said_in_the_overview(kb: KnowledgeBase):
    body = overview(kb, build_plan(kb, WORKING_MA_3), Progress("s")).body
    assert "I planned this for the RMA, because you can sit for it now" in body


def test_start_over_keeps_the_answers_but_not_the_progress(img_plan: Plan):
    progress = mark_done(img_plan, Progress("maria", IMG, current="exam"), "exam").progress
    move = start_over(img_plan, progress)
    assert move.progress.done == () and move.current == "credential_evaluation"
    assert move.progress.profile == IMG


def test_continue_resumes_and_survives_a_changed_plan(kb: KnowledgeBase, img_plan: Plan):
    saved = Progress("maria", IMG, current="exam", done=("credential_evaluation", "program", "externship"))
    resumed = begin(img_plan, saved)
    assert (resumed.outcome, resumed.current) == ("resumed", "exam")
    messages = render_move(kb, img_plan, resumed)
    assert messages[0].body == "Welcome back! Here's where you left off."
    assert messages[1].body.startswith("Step 4 of 6: Prepare for and pass your certification exam")
    # They now say they are a working MA with three years: the exam is still there, the program is not.
    changed = build_plan(kb, WORKING_MA_3)
    assert begin(changed, saved).current == "exam"
    gone = Progress("maria", WORKING_MA_3, current="externship", done=("credential_evaluation",))
    moved = begin(changed, gone)
    assert (moved.outcome, moved.current) == ("moved", "experience_check")
    assert advance(changed, gone).current == "exam"  # placed on the plan first, then moved on
