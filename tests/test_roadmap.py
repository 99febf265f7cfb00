"""The guided roadmap without Rasa: each person's plan, what a step says, and navigation."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

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
from bot.roadmap.changes import opening
from bot.roadmap.progress import Progress
from bot.roadmap.standing import closed_military_routes
from tests.test_kb_loading import edit, problems_of

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
    body = re.sub(r"^(Step \d+ of \d+|More on step \d+): ", "", message.body)
    for value in sorted([f.value for f in facts.values()] + list(extra), key=len, reverse=True):
        body = body.replace(value, "")
    for token in DIGITS_ALLOWED_IN:
        body = body.replace(token, "")
    return re.findall(r"\S*\d\S*", body)


# --- plans -----------------------------------------------------------------------------


def route(kb: KnowledgeBase, credential: str, kind: str):
    """A credential's route of one kind, as the knowledge base states it."""
    return next(
        r for c, routes in kb.credentials_with_routes() if c.key == credential for r in routes if r.kind == kind
    )


def first_credential(kb: KnowledgeBase) -> str:
    return kb.credentials_with_routes()[0][0].key


#: One person for each background, as they would describe themselves (the timeline tests use them too).
START = dt.date(2026, 9, 1)
FIVE = {
    "img": Profile(background="img", goal="residency", education="none", program_type="certificate", start_date=START),
    "hs_graduate": Profile(
        background="hs_graduate", credential="ccma", program_type="certificate", pace="part_time", start_date=START
    ),
    "career_changer": Profile(background="career_changer", experience_years=0, program_type="associate"),
    "working_ma": Profile(
        background="working_ma", credential="rma", experience_years=4, experience_span_years=4, start_date=START
    ),
    "military": Profile(
        background="military",
        military_training=True,
        military_years_ago=6,
        experience_years=0,
        other_healthcare_years=6,
        other_healthcare_role="army medic",
        education="none",
        program_type="certificate",
        start_date=START,
    ),
}
PROGRAM_PATH = ["program", "externship", "exam", "job_search", "renewal"]
FIVE_STEPS = {
    "img": ["credential_evaluation", *PROGRAM_PATH],
    "hs_graduate": ["diploma", *PROGRAM_PATH],
    "career_changer": PROGRAM_PATH,
    "working_ma": ["exam", "renewal"],
    "military": ["experience_check", *PROGRAM_PATH],
}


@pytest.mark.parametrize("background", sorted(FIVE))
def test_each_background_gets_its_steps_credential_and_reason(kb: KnowledgeBase, background: str):
    profile = FIVE[background]
    plan = build_plan(kb, profile)
    assert plan.keys == FIVE_STEPS[background]
    if profile.credential:  # they named one: that one, and no reason to give
        assert plan.credential == profile.credential and not plan.recommended and plan.reason is None
    # "Recommend one": a credential they can sit now on a route the sources agree on, if any ...
    picked = build_plan(kb, replace(profile, credential=None))
    assert picked.recommended and picked.reason is not None and picked.reason.body.count(".") == 1
    agreed = [r for r in picked.eligibility.results if r.eligible and not r.route.disputed]
    if agreed:
        best = agreed[0]  # the knowledge base's order among them
        assert picked.credential == best.credential
        label = best.route.label
        how = f"through its {label}" if label.endswith("route") else f"({label[:1].lower()}{label[1:]})"
        assert picked.reason.body == f"I picked the {best.abbreviation} because you can sit it now {how}."
        assert picked.reason.citations == best.citations
        return
    # ... else the knowledge base's first credential, through a program.
    first = kb.credentials_with_routes()[0][0]
    assert picked.eligibility.eligible_now == [] and picked.credential == first.key
    reason = picked.reason.body
    assert reason.startswith(f"I picked the {first.abbreviation} because") and "can't sit an exam yet" in reason
    if first.requires_accredited_program:
        assert reason.endswith(f"-accredited one opens the {first.abbreviation}.")
    assert [c.label for c in picked.reason.citations] == [kb.cite(first.source, None).label]


def test_an_img_plan_starts_with_credential_evaluation(kb: KnowledgeBase):
    plan = build_plan(kb, IMG)
    assert plan.keys == ["credential_evaluation", "program", "externship", "exam", "job_search", "renewal"]
    assert plan.credential == "cma" and not plan.recommended and plan.reason is None
    assert plan.held == ()  # a medical degree implies the diploma, and an IMG's path never had that step


def test_a_high_school_graduate_starts_with_the_diploma(kb: KnowledgeBase):
    plan = build_plan(kb, Profile(background="hs_graduate"))
    assert plan.keys == ["diploma", "program", "externship", "exam", "job_search", "renewal"]
    # Nothing qualifies them yet, so the recommendation is the knowledge base's first credential.
    assert plan.credential == first_credential(kb) and plan.recommended


def test_a_diploma_already_held_is_never_step_one(kb: KnowledgeBase):
    said_so = build_plan(kb, Profile(background="hs_graduate", hs_diploma=True))
    assert "diploma" not in said_so.keys and [s.key for s in said_so.held] == ["diploma"]
    overview_text = overview(kb, said_so, Progress("s")).body
    assert "Already behind you: finish your high-school diploma or GED." in overview_text
    # A finished program implies it; so does a medical degree; a career changer who has not said is not asked.
    for implied in (
        Profile(background="hs_graduate", education="other_program"),
        Profile(background="img"),
        Profile(background="career_changer"),
        Profile(background="career_changer", hs_diploma=True),
    ):
        assert "diploma" not in build_plan(kb, implied).keys, implied
    # Only a person who says they have none, whatever their background, gets it as a step.
    for missing in (Profile(background="career_changer", hs_diploma=False), Profile(background="hs_graduate")):
        assert build_plan(kb, missing).keys[0] == "diploma", missing


def test_a_35_year_old_manager_starts_with_the_program(kb: KnowledgeBase):
    plan = build_plan(kb, Profile(background="career_changer", experience_years=0))
    assert plan.keys == ["program", "externship", "exam", "job_search", "renewal"]
    step = render_step(kb, plan, plan.keys[0])
    assert step.heading.startswith("Step 1 of 5:") and "diploma" not in step.heading.lower()


def test_a_working_ma_with_three_years_asking_us_to_pick_gets_a_route_the_sources_agree_on(kb: KnowledgeBase):
    plan = build_plan(kb, WORKING_MA_3)
    # The RMA's work route is disputed at 3 years (3 of 7 by one source, 5 of 7 by another): not picked.
    assert plan.eligibility.result("rma").route.disputed
    assert plan.credential == "ccma" and plan.recommended and plan.eligible_now
    assert plan.reason.body == "I picked the CCMA because you can sit it now through its work-experience route."
    assert plan.reason.citations == plan.target.citations
    assert plan.keys == ["exam", "renewal"]  # no experience check, program, externship or job search
    assert [s.key for s in plan.skipped] == ["program", "externship"]
    assert [s.key for s in plan.held] == ["experience_check"]
    exam = render_step(kb, plan, "exam").main.body
    assert f"For you: {plan.target.text}" in exam
    assert "Already open to you: the RMA and the NCMA." in exam
    assert plan.left_out().body == (
        "You can sit the CCMA now through its work-experience route, so you start at the exam step and the "
        "program and externship steps are left out."
    )
    assert plan.left_out().body in overview(kb, plan, Progress("s")).body


def test_the_working_ma_with_four_recent_years_planning_the_rma_starts_at_the_exam(kb: KnowledgeBase):
    work = route(kb, "rma", "experience")
    years = work.min_years + 1  # 4 with today's rule, inside its window
    plan = build_plan(
        kb, Profile(background="working_ma", credential="rma", experience_years=years, experience_span_years=years)
    )
    assert plan.credential == "rma" and not plan.recommended and plan.eligible_now
    assert plan.keys[0] == "exam" and not {"program", "externship", "experience_check"} & set(plan.keys)
    assert plan.target.route.label == work.label
    assert plan.left_out().body.startswith(f"You can sit the RMA now through its {work.label}, so you start at")
    exam = render_step(kb, plan, "exam")
    assert exam.heading.startswith("Step 1 of ")
    assert "Sources differ on its work route" in exam.main.body  # 4 years meets one figure, not the other


def test_a_working_ma_aiming_for_the_cma_still_needs_the_program(kb: KnowledgeBase):
    plan = build_plan(
        kb, Profile(background="working_ma", credential="cma", experience_years=3, experience_span_years=3)
    )
    assert plan.keys == ["experience_check", "program", "externship", "exam", "renewal"]
    text = render_step(kb, plan, "experience_check").main.body
    assert "It lists no work-experience route." in text
    assert "Already open to you: the RMA, the CCMA and the NCMA." in text


def test_a_working_ma_short_of_the_rma_is_told_what_is_missing_and_keeps_the_program(kb: KnowledgeBase):
    plan = build_plan(
        kb, Profile(background="working_ma", credential="rma", experience_years=2, experience_span_years=2)
    )
    assert "program" in plan.keys and not plan.eligible_now
    text = render_step(kb, plan, "experience_check").main.body
    route = next(r for c, r in kb.experience_routes() if c.key == "rma")
    hours = f", or {route.min_hours:,} hours," if route.min_hours else ""
    assert f"or {route.min_years:g} years{hours} of medical assisting work within the last" in text
    assert "(you have 2 years)" in text


def test_recent_military_training_starts_at_the_exam(kb: KnowledgeBase):
    plan = build_plan(kb, Profile(background="military", military_years_ago=2))
    assert plan.credential == "rma" and plan.keys == ["exam", "job_search", "renewal"]
    assert plan.reason.body == "I picked the RMA because you can sit it now through its military route."


def test_an_army_medic_trained_six_years_ago_gets_no_military_route_exam_step(kb: KnowledgeBase):
    medic = Profile(
        background="military",
        military_training=True,
        military_years_ago=6,
        experience_years=0,
        other_healthcare_years=6,
        other_healthcare_role="army medic",
        education="none",
    )
    plan = build_plan(kb, medic)
    assert not plan.eligible_now and plan.eligibility.eligible_now == []
    assert plan.keys == ["experience_check", "program", "externship", "exam", "job_search", "renewal"]
    assert plan.skipped == () and plan.credential == first_credential(kb)
    assert plan.reason.body.startswith(f"I picked the {plan.target.abbreviation} because, from what you've told me,")
    check = render_step(kb, plan, "experience_check").main.body
    windows = [route(kb, c, "military").within_years for c in ("rma", "ncma")]
    assert (
        f"Closed to you: the military routes of the RMA (training within the last {windows[0]} years) and the "
        f"NCMA (training within the last {windows[1]} years); yours ended 6 years ago."
    ) in check
    assert "yes, now" not in check


@pytest.mark.parametrize(
    "profile",
    [
        Profile(background="working_ma", experience_years=4, experience_span_years=4),
        Profile(background="military", military_years_ago=1),
        Profile(background="career_changer", experience_years=2, experience_span_years=2),
    ],
)
def test_the_cma_is_not_picked_for_someone_who_can_sit_another_exam_now(kb: KnowledgeBase, profile: Profile):
    plan = build_plan(kb, profile)
    assert plan.eligible_now and plan.credential != "cma" and plan.recommended
    assert not kb.credential(plan.credential).requires_accredited_program
    asked = build_plan(kb, replace(profile, credential="cma"))  # unless they ask for it
    assert asked.credential == "cma" and not asked.recommended and "program" in asked.keys


def test_programme_wording_follows_whether_the_credential_needs_an_accredited_program(kb: KnowledgeBase):
    for credential, _ in kb.credentials_with_routes():
        plan = build_plan(kb, Profile(background="hs_graduate", credential=credential.key))
        program = render_step(kb, plan, "program")
        externship = render_step(kb, plan, "externship")
        said = "\n".join(m.body for m in (program.main, program.details, externship.main, externship.details))
        if credential.requires_accredited_program:
            assert "Choose a CAAHEP- or ABHES-accredited program" in said
            assert plan.get("program").title == "Enroll in a CAAHEP- or ABHES-accredited medical assisting program"
        else:
            assert "accredited program" not in program.heading and "Choose a CAAHEP" not in said
            assert "Choose a program that covers clinical and administrative skills" in program.main.body
            assert plan.get("program").title == "Enroll in a medical assisting program"
            assert "Accreditation shows" not in said and "school is accredited" not in said


def test_a_plan_that_can_sit_the_exam_says_why_in_one_sentence(kb: KnowledgeBase):
    plan = build_plan(kb, Profile(background="hs_graduate", education="accredited_program_graduate"))
    assert plan.credential == "cma" and plan.eligible_now
    sentence = plan.left_out().body
    assert sentence.count(".") == 1 and sentence.endswith(
        "so you start at the exam step and the program and externship steps are left out."
    )
    assert plan.keys == ["exam", "job_search", "renewal"]


# --- what a step says --------------------------------------------------------------------


def test_a_step_is_one_short_message_and_its_details_wait_for_tell_me_more(kb: KnowledgeBase):
    step = render_step(kb, build_plan(kb, HS), "program")
    assert step.heading == "Step 2 of 6: Enroll in a CAAHEP- or ABHES-accredited medical assisting program"
    main, details = step.main.text, step.details.text
    assert main.startswith(step.heading)
    length = kb.facts(["certificate_length"])["certificate_length"].value
    for label in ("What to do: ", f"How long: {length} for a certificate"):
        assert label in main
    assert "The CMA (AAMA) needs a CAAHEP- or ABHES-accredited program" in main
    assert "Why it matters: " not in main and "Tip: " not in main and "Common mistake: " not in main
    assert details.startswith("More on step 2: Enroll in a CAAHEP- or ABHES-accredited medical assisting program")
    assert details.count("Why it matters: ") == 1
    assert details.count("Tip: ") == 1 and details.count("Common mistake: ") == 1
    # One source line per message, naming each source once.
    assert main.count("Source") == 1 and "\n\nSources: " in main
    assert "Medical Assistant Careers guide (undated; read 2026)" in main
    line = main.split("\n\n")[-1]
    assert all(line.count(label) == 1 for label in {c.label for c in step.main.citations})


def test_a_line_that_does_not_fit_moves_to_the_details(kb: KnowledgeBase):
    # The longest step: an RMA exam in Washington for someone who can sit it now, with two more open.
    plan = build_plan(
        kb,
        Profile(
            background="working_ma", credential="rma", state="washington", experience_years=4, experience_span_years=4
        ),
    )
    step = render_step(kb, plan, "exam")
    assert step.main.words <= MAX_STEP_WORDS < step.main.words + step.details.words
    assert "Washington also requires a state credential" in step.main.body and "For you: " in step.main.body
    assert "How long: " in step.details.body  # the least needed line moved, not cut


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
# Who can sit an exam now (the verdict on the exam step), in the state with its own rules, and the five above.
_PEOPLE += [
    replace(profile, credential=c, state="washington")
    for c in (None, "cma", "rma", "ccma", "ncma")
    for profile in (
        Profile(background="working_ma", experience_years=4, experience_span_years=4, hs_diploma=True),
        Profile(background="military", military_years_ago=4.5, hs_diploma=False),
        Profile(background="hs_graduate", education="accredited_program_graduate", years_since_graduation=0.5),
        Profile(background="career_changer", education="other_program", hs_diploma=False, pace="part_time"),
    )
] + list(FIVE.values())


def test_every_step_for_everyone_stays_short_and_every_figure_carries_its_source(kb: KnowledgeBase):
    seen = 0
    for profile in _PEOPLE:
        plan = build_plan(kb, profile)
        said_first = opening(kb, plan)  # why this credential, why steps are missing: short too
        assert said_first is None or said_first.words <= MAX_STEP_WORDS
        for key in plan.keys:
            step = render_step(kb, plan, key)
            for message in (step.main, step.details):
                assert message.words <= MAX_STEP_WORDS, f"{key} for {profile}: {message.words} words"
                assert "{fact:" not in message.body
                eligibility = [r.text for r in plan.eligibility.results]  # each cites its routes
                closed = closed_military_routes(plan)  # the routes' windows, and the person's own years
                eligibility += [closed.body] if closed else []
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
    assert (
        where(img_plan, progress)
        == "You're on step 2 of 6: Enroll in a CAAHEP- or ABHES-accredited medical assisting program."
    )
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
    first, main = render_move(kb, img_plan, move)
    assert first.body == (
        "Great, I've marked steps 1 (get your international credentials evaluated), "
        "2 (enroll in a CAAHEP- or ABHES-accredited medical assisting program) and 3 (complete your clinical "
        "externship) done. Here's what comes next."
    )
    assert main.body.startswith("Step 4 of 6: Prepare for and pass your certification exam")


def test_overview_is_a_compact_checklist(kb: KnowledgeBase, img_plan: Plan):
    progress = mark_done(img_plan, Progress("maria", IMG, current="program"), "evaluation").progress
    lines = overview(kb, img_plan, progress).body.splitlines()
    assert lines == [
        "Your roadmap to the CMA (international medical graduate):",
        "✓ 1. Get your international credentials evaluated (done)",
        "▶ 2. Enroll in a CAAHEP- or ABHES-accredited medical assisting program (you are here)",
        "• 3. Complete your clinical externship (next)",
        "• 4. Prepare for and pass your certification exam",
        "• 5. Find your first medical assistant job",
        "• 6. Keep your credential current",
    ]


def test_a_recommended_credential_and_its_reason_are_said_in_the_overview(kb: KnowledgeBase):
    plan = build_plan(kb, WORKING_MA_3)
    body = overview(kb, plan, Progress("s")).body
    assert f"{plan.reason.body} Tell me if you'd rather aim for another credential." in body
    assert "I picked" not in overview(kb, build_plan(kb, IMG), Progress("s")).body  # they named the CMA


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
    assert (moved.outcome, moved.current) == ("moved", "exam")
    assert advance(changed, gone).current == "renewal"  # placed on the plan first, then moved on


# --- the content behind it ------------------------------------------------------------------


def _program_step(data: dict) -> dict:
    return next(s for s in data["roadmap_steps"] if s["key"] == "program")


def test_a_title_note_may_not_carry_a_figure(content_dir: Path):
    def figure_in_title(data: dict) -> None:
        note = next(n for n in _program_step(data)["notes"] if n.get("part") == "title")
        note["text"] = "Enroll in a program of {fact:certificate_length}"

    edit(content_dir / "roadmap.yml", figure_in_title)
    (problem,) = problems_of(content_dir)
    assert (problem.file, problem.entry) == ("roadmap.yml", "'program'")
    assert problem.field.endswith(".text") and "no {fact:" in problem.message


def test_a_step_may_only_give_what_the_plan_knows_how_to_check(content_dir: Path):
    edit(content_dir / "roadmap.yml", lambda d: _program_step(d).update(gives="a_degree"))
    (problem,) = problems_of(content_dir)
    assert (problem.file, problem.field) == ("roadmap.yml", "gives") and problem.entry.startswith("'program'")


def test_a_current_student_who_may_test_now_keeps_the_program_steps(kb: KnowledgeBase):
    plan = build_plan(kb, Profile(background="hs_graduate", hs_diploma=True, in_program=True))
    assert plan.eligible_now and plan.target.route.requires == "current_student"
    assert plan.keys == PROGRAM_PATH and plan.skipped == () and plan.left_out() is None
    label = plan.target.route.label
    assert (
        plan.reason.body == f"I picked the {plan.target.abbreviation} because you can sit it now through its {label}."
    )
