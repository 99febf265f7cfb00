"""The timeline estimate: sourced ranges per part, finish months from a start date, nothing invented."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from bot.kb.queries import KnowledgeBase
from bot.roadmap import build_plan
from bot.roadmap.progress import Profile
from bot.roadmap.timeline import add_business_days, add_months, estimate
from tests.test_kb_loading import edit, problems_of

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
