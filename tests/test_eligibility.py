"""The eligibility checker: who can sit for which credential now, and exactly what is missing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.db import get_engine
from bot.eligibility.check import check, recommend
from bot.eligibility.personal import verdict_for
from bot.kb.loader import load
from bot.kb.queries import KnowledgeBase
from bot.profile import Profile
from tests.test_kb_loading import edit, problems_of

ACCREDITED = "an ABHES- or CAAHEP-accredited medical assisting program"
CMA_NO_PROGRAM = f"CMA (AAMA): not yet. You need one of: {ACCREDITED}; or a medical assisting program AAMA accepts."
RMA_PROGRAM = (
    "a medical assisting program of at least 720 hours, including at least 160 hours of externship, "
    "finished within the last 4 years"
)


def lines(kb: KnowledgeBase, applicant: Profile) -> dict:
    return {r.credential: r.text for r in check(kb, applicant).results}


def rma_work(kb: KnowledgeBase) -> str:
    """The RMA's work route as the checker says it: its years, and its hours where a source gives them."""
    route = next(r for c, r in kb.experience_routes() if c.key == "rma")
    hours = f", or {route.min_hours:,} hours," if route.min_hours else ""
    return f"{route.min_years:g} years{hours} of medical assisting work within the last {route.within_years:g} years"


def rma_duties(kb: KnowledgeBase) -> str:
    """What a "not yet" adds after the RMA's work route when its source asks for both kinds of duties."""
    route = next(r for c, r in kb.experience_routes() if c.key == "rma")
    return ", with both clinical and administrative duties" if "clinical_and_admin" in route.also_needs else ""


def rma_years(kb: KnowledgeBase) -> str:
    route = next(r for c, r in kb.experience_routes() if c.key == "rma")
    return f"{route.min_years:g} years" + (f", or {route.min_hours:,} hours," if route.min_hours else "")


def work_rule(kb: KnowledgeBase, credential: str) -> str:
    """What a credential's work-experience route asks for, in the words a "yes" uses, from the content."""
    route = next(r for c, r in kb.experience_routes() if c.key == credential)
    years = f"{route.min_years:g} year" + ("" if route.min_years == 1 else "s")
    hours = f", or {route.min_hours:,} hours," if route.min_hours else ""
    return f"it asks for {years}{hours} of medical assisting work within the last {route.within_years:g} years"


def military_rule(kb: KnowledgeBase, credential: str) -> str:
    routes = next(rs for c, rs in kb.credentials_with_routes() if c.key == credential)
    route = next(r for r in routes if r.requires == "military")
    return f"it asks for U.S. military medical training finished within the last {route.within_years:g} years"


def test_an_img_without_a_us_program_can_sit_for_nothing_yet(kb: KnowledgeBase):
    got = lines(kb, Profile(background="img"))
    assert got == {
        "cma": CMA_NO_PROGRAM,
        "rma": f"RMA (AMT): not yet. You need {RMA_PROGRAM}. AMT also asks for a course-by-course evaluation "
        "of your education from abroad.",
        "ccma": "CCMA (NHA): not yet. You need a medical assisting program, finished within the last 5 years.",
        "ncma": "NCMA (NCCT): not yet. You need a medical assisting program NCCT accepts, finished within the last "
        "5 years.",
    }


def test_a_recent_accredited_graduate_can_sit_for_all_four(kb: KnowledgeBase):
    report = check(
        kb, Profile(background="hs_graduate", education="accredited_program_graduate", years_since_graduation=0.5)
    )
    assert report.eligible_now == ["cma", "rma", "ccma", "ncma"]
    got = {r.credential: r.text for r in report.results}
    assert got["cma"].startswith("CMA (AAMA): yes, now (Category 1: completing student or recent graduate)")
    assert "it asks for a program finished within the last" in got["cma"]  # how recent, as people ask
    assert got["rma"].startswith("RMA (AMT): yes, now (education route): it asks for a program finished within")
    assert got["rma"].endswith(", if your program had at least 720 hours, including at least 160 of externship.")
    assert got["ccma"].startswith("CCMA (NHA): yes, now (training-program route)")
    assert got["ccma"].endswith(". Also needed: a high-school diploma or GED.")
    assert got["ncma"].startswith("NCMA (NCCT): yes, now (graduate route)")
    assert got["ncma"].endswith(", if NCCT accepts your program.")


def test_an_older_accredited_graduate_keeps_the_cma_but_not_the_others(kb: KnowledgeBase):
    got = lines(
        kb, Profile(background="career_changer", education="accredited_program_graduate", years_since_graduation=6)
    )
    assert got["cma"] == "CMA (AAMA): yes, now (Category 2: graduate of an accredited program)."
    # A career changer also hears about the work-experience route, in case they have worked as an MA.
    assert got["rma"] == (
        "RMA (AMT): no, not now. You need one of: a medical assisting program, finished within the "
        f"last 4 years (yours was 6 years ago); or {rma_work(kb)}{rma_duties(kb)}."
    )


def test_a_career_changer_from_another_program_relies_on_what_the_certifiers_accept(kb: KnowledgeBase):
    got = lines(
        kb,
        Profile(
            background="career_changer", education="other_program", program_accredited=False, years_since_graduation=2
        ),
    )
    assert got["cma"] == (
        "CMA (AAMA): yes, now (Category 4: the time-limited Alternative Pathway). "
        "Also needed: AAMA's review of your program documents."
    )
    assert got["ccma"].startswith("CCMA (NHA): yes, now (training-program route)")


def test_a_new_graduate_who_does_not_say_whether_the_program_was_accredited_hears_both_cma_routes(kb: KnowledgeBase):
    """ "i just finished my ma program, how soon can i take the cma": Category 1 if it was accredited,
    the Alternative Pathway if not, never only the narrower of the two."""
    got = lines(kb, Profile(education="other_program", years_since_graduation=0))["cma"]
    assert got.startswith(
        "CMA (AAMA): yes, now (Category 1: completing student or recent graduate) if your program was "
    )
    assert "-accredited; if not, Category 4: the time-limited Alternative Pathway." in got
    two_years_on = lines(kb, Profile(education="other_program", years_since_graduation=2))["cma"]
    assert two_years_on.startswith(
        "CMA (AAMA): yes, now (Category 2: graduate of an accredited program) if your program"
    )
    unsaid_when = lines(kb, Profile(education="other_program"))["cma"]  # which accredited route is unknown
    assert unsaid_when.startswith("CMA (AAMA): yes, now (Category 4")


def test_a_working_ma_with_three_recent_years(kb: KnowledgeBase):
    got = lines(kb, Profile(background="working_ma", experience_years=3, experience_span_years=3))
    assert got["cma"] == CMA_NO_PROGRAM + " It lists no work-experience route."
    assert got["rma"] == (
        "RMA (AMT): yes, now (work-experience route). Also needed: both clinical and "
        "administrative duties; current CPR; a high-school diploma or GED. Sources differ on its work "
        f"route ({rma_years(kb)} by one source, 5 years by another, within the last 7 years): confirm with AMT."
    )
    assert got["ccma"] == (
        f"CCMA (NHA): yes, now (work-experience route): {work_rule(kb, 'ccma')}. "
        "Also needed: supervised work; a high-school diploma or GED."
    )
    assert got["ncma"] == (
        f"NCMA (NCCT): yes, now (work-experience route): {work_rule(kb, 'ncma')}. Also needed: full-time work."
    )


def test_a_working_ma_with_two_years_is_told_exactly_what_is_missing(kb: KnowledgeBase):
    got = lines(kb, Profile(background="working_ma", experience_years=2, experience_span_years=2))
    assert got["rma"] == (
        f"RMA (AMT): not yet. You need one of: {RMA_PROGRAM}; or {rma_work(kb)} (you have 2 years){rma_duties(kb)}."
    )
    assert got["ncma"].startswith("NCMA (NCCT): yes, now")


def test_work_spread_over_too_many_years_only_counts_inside_the_window(kb: KnowledgeBase):
    # 8 years within the last 10: at least 5 of them fall in the RMA's 7-year window.
    assert check(kb, Profile(experience_years=8, experience_span_years=10)).result("rma").eligible
    # 4 within the last 10: maybe none in the CCMA's 3-year window.
    got = lines(kb, Profile(background="working_ma", experience_years=4, experience_span_years=10))
    assert got["ccma"].endswith(
        "or 1 year of medical assisting work within the last 3 years (yours is spread over the last 10 years)."
    )


def test_unknown_recency_is_a_condition_not_an_assumption(kb: KnowledgeBase):
    got = lines(kb, Profile(background="working_ma", experience_years=3))
    assert got["rma"].startswith(
        "RMA (AMT): yes, now (work-experience route), if that work was within the last 7 years."
    )  # two published figures for the RMA's years: the dispute names both, so no single rule is said
    assert got["ccma"].startswith(
        f"CCMA (NHA): yes, now (work-experience route): {work_rule(kb, 'ccma')}, so yours counts, "
        "if that work was within the last 3 years."
    )


def test_military_training_recent_and_not(kb: KnowledgeBase):
    recent = lines(kb, Profile(background="military", military_years_ago=3))
    assert recent["rma"] == f"RMA (AMT): yes, now (military route): {military_rule(kb, 'rma')}."
    assert recent["ncma"] == f"NCMA (NCCT): yes, now (military route): {military_rule(kb, 'ncma')}."
    # Some sites report a CCMA military route that NHA does not confirm: neither promised nor denied.
    assert kb.credential("ccma").unconfirmed_routes == ["military"]
    assert recent["ccma"] == (
        "CCMA (NHA): not yet. You need a medical assisting program, finished within the last "
        "5 years. Some sites report a military route, but it is not confirmed: ask NHA."
    )
    assert recent["cma"].endswith(" It lists no military route.")  # AAMA says it has none
    old = lines(kb, Profile(background="military", military_years_ago=6))
    assert old["rma"] == (
        f"RMA (AMT): no, not now. You need one of: {RMA_PROGRAM}; or U.S. military medical training "
        "finished within the last 4 years (yours was 6 years ago)."
    )
    # A window that has closed is "not now", never "not yet"; a route never started is "not yet".
    assert old["ccma"].startswith("CCMA (NHA): not yet.")


def test_every_figure_comes_from_a_cited_route_or_from_the_person(kb: KnowledgeBase):
    report = check(
        kb, Profile(background="working_ma", experience_years=2, experience_span_years=2, military_years_ago=6)
    )
    allowed = {"2", "6"}  # the person's own numbers
    for _cred, routes in kb.credentials_with_routes():
        for r in routes:
            allowed |= {
                f"{n:g}" for n in (r.min_years, r.within_years, r.min_program_hours, r.min_externship_hours) if n
            }
            allowed |= {f"{r.min_hours:,}"} if r.min_hours else set()
    assert set(re.findall(r"\d+(?:,\d{3})*(?:\.\d+)?", report.text)) <= allowed
    rendered = report.render()
    assert (
        "\n\nSources: " in rendered
        and "confirm with AMT" in rendered
        and "AAMA, CMA (AAMA) exam eligibility" in rendered
    )


def test_recommendation_prefers_what_they_can_sit_for_now(kb: KnowledgeBase):
    order = [c.key for c, _ in kb.credentials_with_routes()]
    assert order == ["cma", "rma", "ccma", "ncma"]
    assert recommend(check(kb, Profile(experience_years=1, experience_span_years=1)), order) == "ccma"
    assert recommend(check(kb, Profile(background="img")), order) == "cma"


def test_the_rules_come_from_the_knowledge_base(content_dir: Path, db_url: str):
    def loosen(d):
        rma = next(c for c in d["credentials"] if c["key"] == "rma")
        next(r for r in rma["routes"] if r["kind"] == "experience")["min_years"] = 2

    edit(content_dir / "credentials.yml", loosen)
    engine = get_engine(db_url)
    load(engine, content_dir)
    report = check(KnowledgeBase(engine), Profile(experience_years=2, experience_span_years=2))
    assert report.result("rma").eligible


def _route(d, cred, kind):
    return next(r for c in d["credentials"] if c["key"] == cred for r in c["routes"] if r["kind"] == kind)


@pytest.mark.parametrize(
    "change, field, message",
    [
        (
            lambda d: _route(d, "rma", "military").update(requires="accredited_program"),
            "routes.3.requires",
            "a military route requires one of: military",
        ),
        (lambda d: _route(d, "ccma", "education").update(min_years=2), "routes.0.min_years", "for experience routes"),
        (
            lambda d: _route(d, "ncma", "experience").update(min_program_hours=700),
            "routes.2.min_externship_hours",
            "program hours are for routes that require a program",
        ),
        (lambda d: _route(d, "cma", "education").pop("requires"), "routes.0.requires", "field required"),
        (lambda d: _route(d, "ccma", "education").update(min_hours=900), "routes.0.min_hours", "for experience routes"),
        (
            lambda d: _route(d, "rma", "experience").update(also_needs=["cpr", "a pulse"]),
            "routes.2.also_needs.1",
            "unexpected value",
        ),
    ],
)
def test_malformed_route_conditions_name_file_entry_and_field(content_dir: Path, change, field, message):
    edit(content_dir / "credentials.yml", change)
    problems = problems_of(content_dir)
    assert any(p.file == "credentials.yml" and p.field == field and message in p.message for p in problems), problems


def test_two_credentials_cannot_share_an_order(content_dir: Path):
    edit(content_dir / "credentials.yml", lambda d: d["credentials"][3].update(order=1))
    (problem,) = problems_of(content_dir)
    assert (problem.file, problem.entry, problem.field) == ("credentials.yml", "'ncma'", "order")


def test_a_student_in_a_program_hears_how_early_the_route_for_completing_students_lets_them_test(kb: KnowledgeBase):
    """ "im in my MA program rn (its caahep accredited)": AAMA's Category 1 takes completing students, and its
    summary says how early; it is still "not yet" until then, and the other credentials are unchanged."""
    routes = next(rs for c, rs in kb.credentials_with_routes() if c.key == "cma")
    category_1 = next(r for r in routes if "student" in (r.label or "").lower())
    how_early = next(c.strip(" .") for c in re.split(r"[;.]\s+", category_1.summary) if c.startswith("students"))
    got = lines(kb, Profile(background="hs_graduate", in_program=True))
    assert got["cma"] == (
        f"CMA (AAMA): not yet. You need one of: {ACCREDITED}, finished or nearly so ({how_early}); "
        "or a medical assisting program AAMA accepts."
    )
    assert got["rma"] == f"RMA (AMT): not yet. You need {RMA_PROGRAM}."


def test_only_someone_educated_abroad_hears_that_amt_evaluates_it_course_by_course(kb: KnowledgeBase):
    """The RMA's education route asks a foreign degree for a course-by-course evaluation: said to an IMG,
    whose degree AMT may weigh, and never to a working MA, for whom it would be noise."""

    def rma_line(profile: Profile) -> str:
        return next(line for line in verdict_for(kb, profile).text.splitlines() if "RMA (AMT)" in line)

    assert "course-by-course evaluation" in rma_line(Profile(background="img"))
    assert "course-by-course" not in rma_line(Profile(background="working_ma", experience_years=4.0))
    assert "course-by-course" not in rma_line(Profile(background="hs_graduate"))


def test_a_nurse_hears_the_evaluation_of_training_abroad_as_a_condition(kb: KnowledgeBase):
    """ "im a nurse, 8 years... and the rma?": many nurses asking here trained abroad, some in the US; the
    evaluation is said as a condition ("if you trained abroad"), never as a fact about them."""
    nurse = Profile(other_healthcare_role="nurse", other_healthcare_years=8.0)
    rma = lines(kb, nurse)["rma"]
    assert rma.endswith("If you trained abroad, AMT also asks for a course-by-course evaluation of that education.")
    assert "If you trained abroad" not in lines(kb, Profile(background="img", other_healthcare_role="doctor"))["rma"]
    assert "abroad" not in lines(kb, Profile(other_healthcare_role="CNA", other_healthcare_years=2.0))["rma"]


def test_someone_who_held_the_cma_can_take_it_again_by_its_holders_route(kb: KnowledgeBase):
    """ "I was a CMA back in 2008, it expired. Do I have to go back to school first?": AAMA's route for
    holders (renewing by exam) is theirs; it is no way in for anyone else, and holding one credential
    opens no route to another."""
    routes = next(rs for c, rs in kb.credentials_with_routes() if c.key == "cma")
    holders = next(r for r in routes if r.requires == "credential_holder")
    former = Profile(background="working_ma", held_credential="cma")
    result = check(kb, former).result("cma")
    assert result is not None and result.eligible and result.route is not None
    assert result.route.route == holders.key
    assert result.text.startswith(f"CMA (AAMA): yes, now ({holders.label})")
    assert not check(kb, Profile(background="working_ma")).result("cma").eligible
    assert lines(kb, former)["rma"] == lines(kb, Profile(background="working_ma"))["rma"]


def test_another_job_s_years_hear_which_work_routes_ask_for_both_sides(kb):
    """An ER tech's years are no medical assisting work, and the credentials whose work route asks for both
    clinical and administrative duties (in the content, not here) say so; a credential without one says nothing."""
    profile = Profile(background="military", other_healthcare_years=10, other_healthcare_role="ER technician")
    both = [
        cred.key
        for cred, routes in kb.credentials_with_routes()
        if any("clinical_and_admin" in (r.also_needs or ()) for r in routes)
    ]
    assert both, "the content names a work route asking for both sides of the job"
    text = verdict_for(kb, profile, both).text
    assert "not medical assisting work" in text and "both clinical and administrative duties" in text
    others = [cred.key for cred, _ in kb.credentials_with_routes() if cred.key not in both]
    assert "both clinical and administrative duties" not in verdict_for(kb, profile, others[:1]).text
