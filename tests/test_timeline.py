"""The timeline estimate: sourced ranges per part, finish months from a start date, nothing invented."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pytest

from bot.kb.queries import KnowledgeBase
from bot.profile import Profile
from bot.roadmap import build_plan
from bot.roadmap.timeline import add_business_days, add_months, estimate, month_name
from tests.test_kb_loading import edit, problems_of
from tests.test_roadmap import FIVE, START

MONTH_YEAR = re.compile(
    r"(January|February|March|April|May|June|July|August|September|October|November|December)"
    r" \d{4}"
)


def test_an_img_certificate_timeline_with_a_start_date(kb: KnowledgeBase):
    plan = build_plan(kb, Profile(background="img", credential="cma", program_type="certificate"))
    timeline = estimate(kb, plan, dt.date(2026, 3, 2))
    assert [p.key for p in timeline.parts] == ["credential_evaluation", "program", "exam", "job_search"]
    # 10 business days, then 9–12 months, then the CMA exam from 30 days before the end to 90 days after.
    assert timeline.finish == (dt.date(2026, 11, 16), dt.date(2027, 6, 14))
    assert "You could sit the exam between November 2026 and June 2027 (derived)." in timeline.message.body
    assert (
        "Start to first job (IMG guide): 1.5 to 2.5 years, so between September 2027 and September 2028."
        in timeline.message.body
    )
    assert "• Program, including the externship: 9–12 months." in timeline.message.body
    assert "• Job search: Our sources give no typical length." in timeline.message.body
    assert set(timeline.message.fact_keys) == {
        "ece_turnaround",
        "certificate_length",
        "cma_early_testing",
        "cma_testing_window",
        "img_total_timeline",
    }
    for label in (
        "ECE (Educational Credential Evaluators), FAQ (retrieved 2026)",
        "IMG-to-CMA career guide",
        "Medical Assistant Careers guide",
        "AAMA, CMA (AAMA) application steps (older AAMA wording",
    ):
        assert label in timeline.message.text


def test_a_part_before_the_last_dated_one_says_when_it_could_end(kb: KnowledgeBase):
    """ "If I start a 9 month certificate in March, when would I finish?": the program's own end, not only the exam's."""
    plan = build_plan(kb, Profile(background="hs_graduate", credential="cma", program_type="certificate"))
    start = dt.date(2027, 3, 1)
    length = kb.facts(["certificate_length"])["certificate_length"]
    ends = f"between {month_name(add_months(start, length.range_min))} and {month_name(add_months(start, length.range_max))}"
    lines = estimate(kb, plan, start).message.body.split("\n")
    [program] = [line for line in lines if line.startswith("• Program")]
    assert program.endswith(f"You could finish your program {ends}.")
    [exam] = [line for line in lines if line.startswith("• Exam")]
    assert "You could sit the exam" not in exam  # the closing line says it, once
    assert lines[-1].startswith("You could sit the exam")


def test_an_associate_degree_moves_the_months(kb: KnowledgeBase):
    plan = build_plan(kb, Profile(background="img", program_type="associate"))
    timeline = estimate(kb, plan, dt.date(2026, 3, 2))
    assert "You could sit the exam between August 2027 and June 2028 (derived)." in timeline.message.body


def test_without_an_exam_figure_the_estimate_stops_at_the_program_and_says_why(kb: KnowledgeBase):
    plan = build_plan(kb, Profile(background="hs_graduate", credential="ccma", program_type="certificate"))
    timeline = estimate(kb, plan, dt.date(2026, 9, 1))
    assert "• Exam: Our sources give no figure for study time or for scheduling this exam." in timeline.message.body
    assert timeline.message.body.endswith("You could finish your program between June 2027 and September 2027.")
    assert "derived" not in timeline.message.body and "IMG" not in timeline.message.body


def test_no_start_date_or_program_type_means_no_months(kb: KnowledgeBase):
    timeline = estimate(kb, build_plan(kb, Profile(background="hs_graduate")))
    assert timeline.finish is None and not MONTH_YEAR.search(timeline.message.body)
    assert "tell me whether you plan a certificate or an associate degree" in timeline.message.body
    assert timeline.message.body.endswith("Tell me when you plan to start and I'll work out the months.")


def test_a_working_ma_who_can_test_now_has_no_program_part(kb: KnowledgeBase):
    plan = build_plan(kb, Profile(background="working_ma", experience_years=3, experience_span_years=3))
    timeline = estimate(kb, plan, dt.date(2026, 1, 15), program_type="certificate")
    assert [p.key for p in timeline.parts] == ["exam"]
    assert "certificate" not in timeline.message.body and timeline.finish is None
    assert "I can't work out months for you" in timeline.message.body


def test_every_figure_in_a_timeline_is_a_cited_fact_or_a_month(kb: KnowledgeBase):
    for profile in (
        Profile(background=b, program_type=t, credential=c)
        for b in ("img", "hs_graduate", "career_changer")
        for t in ("certificate", "associate")
        for c in ("cma", "rma")
    ):
        timeline = estimate(kb, build_plan(kb, profile), dt.date(2026, 5, 31))
        body = MONTH_YEAR.sub("", timeline.message.body)
        facts = kb.facts(timeline.message.fact_keys)
        for value in sorted((f.value for f in facts.values()), key=len, reverse=True):
            body = body.replace(value, "")
        assert not re.search(r"\d", body), (profile, body)
        labels = {c.label for c in timeline.message.citations}
        assert all(kb.cite(f.source, None).label in labels for f in facts.values())


def test_calendar_arithmetic():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 3, 2), 18) == dt.date(2027, 9, 2)
    assert add_months(dt.date(2026, 3, 2), 1.5) == dt.date(2026, 4, 17)
    assert add_business_days(dt.date(2026, 3, 6), 1) == dt.date(2026, 3, 9)  # Friday -> Monday
    assert add_business_days(dt.date(2026, 3, 2), 10) == dt.date(2026, 3, 16)


def _fact(d, key):
    return next(f for f in d["facts"] if f["key"] == key)


def test_a_range_must_agree_with_the_value_it_describes(content_dir: Path):
    edit(
        content_dir / "facts.yml",
        lambda d: _fact(d, "associate_length").update(range={"min": 18, "max": 30, "unit": "months"}),
    )
    (problem,) = problems_of(content_dir)
    assert (problem.file, problem.entry, problem.field) == ("facts.yml", "'associate_length'", "range")
    assert "30 not in it" in problem.message


def test_a_timeline_part_needs_a_fact_with_a_range(content_dir: Path):
    edit(content_dir / "facts.yml", lambda d: _fact(d, "ece_turnaround").pop("range"))
    (problem,) = problems_of(content_dir)
    assert (problem.file, problem.entry, problem.field) == ("timeline.yml", "'credential_evaluation'", "ranges.default")


def test_a_part_without_a_default_must_say_what_it_has_no_figure_for(content_dir: Path):
    edit(content_dir / "timeline.yml", lambda d: d["timeline"][2].pop("no_range"))
    (problem,) = problems_of(content_dir)
    assert (problem.file, problem.entry, problem.field) == ("timeline.yml", "'exam'", "no_range")


# --- the timeline follows the person's plan ------------------------------------------------


def fact_value(kb: KnowledgeBase, key: str) -> str:
    return kb.facts([key])[key].value


def part_of(kb: KnowledgeBase, key: str):
    return next(p for p in kb.timeline_parts() if p.key == key)


FIVE_PARTS = {
    "img": ["credential_evaluation", "program", "exam", "job_search"],
    "hs_graduate": ["program", "exam", "job_search"],
    "career_changer": ["program", "exam", "job_search"],
    "working_ma": ["exam"],
    "military": ["program", "exam", "job_search"],
}


@pytest.mark.parametrize("background", sorted(FIVE))
def test_each_background_gets_a_timeline_for_its_plan(kb: KnowledgeBase, background: str):
    profile = FIVE[background]
    plan = build_plan(kb, profile)
    timeline = estimate(kb, plan)
    body = timeline.message.body
    assert body.startswith(f"Your timeline to the {plan.target.abbreviation}")
    assert [p.key for p in timeline.parts] == FIVE_PARTS[background]
    if profile.start_date:  # the start month they gave earlier, not asked again
        assert f"starting {month_name(profile.start_date)}:" in body.splitlines()[0]
    if "program" in plan.keys:
        length = fact_value(kb, f"{profile.program_type}_length")
        assert f"• Program, including the externship: {length}." in body
    else:
        assert "Program" not in body and "No time for the program and externship steps" in body


def test_the_title_follows_the_plans_credential(kb: KnowledgeBase):
    for credential, _ in kb.credentials_with_routes():
        plan = build_plan(kb, Profile(background="hs_graduate", credential=credential.key))
        assert estimate(kb, plan).message.body.startswith(f"Your timeline to the {credential.abbreviation}:")
    picked = build_plan(kb, Profile(background="working_ma", experience_years=3, experience_span_years=3))
    assert estimate(kb, picked).message.body.startswith(f"Your timeline to the {picked.target.abbreviation}:")


def test_someone_who_can_sit_the_exam_now_gets_no_program_months(kb: KnowledgeBase):
    plan = build_plan(kb, FIVE["working_ma"])
    timeline = estimate(kb, plan, program_type="certificate")
    assert [p.key for p in timeline.parts] == ["exam"]
    assert fact_value(kb, "certificate_length") not in timeline.message.body
    line = timeline.message.body.splitlines()[1]
    assert (
        line
        == f"No time for the program and externship steps: you can sit the RMA now through its {plan.target.route.label}."
    )
    assert set(plan.target.citations) <= set(timeline.message.citations)


def test_part_time_study_gets_the_full_time_length_said_as_such_and_no_invented_months(kb: KnowledgeBase):
    profile = FIVE["hs_graduate"]
    assert profile.pace == "part_time"
    timeline = estimate(kb, build_plan(kb, profile))
    body = timeline.message.body
    assert body.startswith("Your timeline to the CCMA, certificate or diploma program, part-time, starting September")
    program = next(p for p in timeline.parts if p.key == "program")
    assert not program.ranged  # no months worked out from a full-time figure
    assert program.text == (
        f"Program, including the externship: {fact_value(kb, 'certificate_length')}. {part_of(kb, 'program').part_time}"
    )
    assert "full-time lengths only" in program.text and "ask the program" in program.text
    # Without a program type it is said all the same.
    untyped = estimate(kb, build_plan(kb, replace(profile, program_type=None))).message.body
    assert part_of(kb, "program").part_time in untyped and "can't work out the months" in untyped
    assert timeline.finish is None and " between " not in body
    assert body.endswith("Without a part-time length for your program, I can't work out the months after it.")
    # Full-time, the same person gets the months.
    full_time = estimate(kb, build_plan(kb, replace(profile, pace="full_time")))
    fact = kb.facts(["certificate_length"])["certificate_length"]
    ends = (add_months(START, fact.range_min), add_months(START, fact.range_max))
    assert full_time.finish == ends
    assert f"between {month_name(ends[0])} and {month_name(ends[1])}" in full_time.message.body


def test_an_img_studying_part_time_gets_the_guides_total_without_dates(kb: KnowledgeBase):
    timeline = estimate(kb, build_plan(kb, replace(FIVE["img"], pace="part_time")))
    total = fact_value(kb, "img_total_timeline")
    assert f"Start to first job (IMG guide): {total}." in timeline.message.body and timeline.total is None
    # The evaluation comes before the program, so its months still stand.
    assert timeline.finish is not None and timeline.finish_label == part_of(kb, "credential_evaluation").milestone
