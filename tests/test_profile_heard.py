"""The profile heard from free text in any turn, and what the person is told because of it.

The messages quoted from the issue's blind conversations are kept word for word: the
Army medic whose medic years were counted as MA work, and the working MA sent back to
school. Expected verdicts come from the knowledge base's routes (check), not copied.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from bot.answers.personal import HONEST_APPLICATION_TOPIC, answer_person
from bot.db import get_engine
from bot.eligibility.check import check
from bot.kb.queries import KnowledgeBase
from bot.profile import Profile
from bot.profile.describe import as_you_said, noted
from bot.profile.memory import ProfileMemory
from bot.profile.reading import Heard, apply, read
from bot.roadmap.profile_reading import work_years
from bot.roadmap.progress import ProgressStore
from bot.roadmap.questions import answered, superseded

TODAY = dt.date(2026, 12, 1)
MEDIC = (
    "no, just army medic training (68W AIT, finished 6 years ago)",
    "none as an MA, I've been a medic for 6 years",
)


def heard_from(*messages: str, entities: dict[str, str] | None = None, start: Profile | None = None) -> Profile:
    profile = start or Profile()
    for message in messages:
        profile = apply(profile, read(message, entities, profile, TODAY))
    return profile


# --- reading ---------------------------------------------------------------------------------------


def test_the_medic_s_years_are_not_medical_assisting_work():
    medic = heard_from(*MEDIC)
    assert medic.background == "military" and medic.has_military_training
    assert medic.military_years_ago == 6
    assert medic.experience_years == 0  # "none as an MA"
    assert (medic.other_healthcare_years, medic.other_healthcare_role) == (6, "military medic")


def test_the_form_s_years_question_does_not_take_medic_years_for_ma_years():
    assert work_years(MEDIC[1], {}) == 0
    assert work_years("4 years", {}) == 4
    assert work_years("I was a CNA for 3 years", {}) == 0


@pytest.mark.parametrize(
    "message, role, years",
    [
        ("I qualified as a midwife in Enugu and practised for 11 years before relocating", "midwife", 11),
        ("I was laboratory technician 8 years in Kharkiv", "lab technician", 8),
        ("im a trucker 22 yrs, in omaha. back is shot", "truck driver", 22),
        ("got laid off from the ups hub after 15 yrs", "warehouse worker", 15),
        ("I have MPH from Nepal and worked 4 years public health programs", "public health worker", 4),
        # a doctor's office is where they work, not what they are
        ("i work as recepcionista in a doctor office in the bronx 2 years", "receptionist", 2),
        # years as a citizen are no years of the work told before them
        (
            "I was a general surgeon in Cairo for 11 years, I came here through family, I have been a citizen for two "
            "years and I drive for Uber at night",
            "doctor",
            11,
        ),
        # from blind_bd: a store managed, a class taught; "before you can work as a medical assistant" is no MA work
        (
            "Hi so this is kind of a long story, I've managed a shoe store at the mall for 19 years and the store is "
            "closing in January, so my question is does Arizona make you get some kind of license before you can "
            "work as a medical assistant",
            "retail worker",
            19,
        ),
        ("I taught for 15 years. Does the RMA instructor route help me at all?", "teacher", 15),
        # a nurse in Spanish ("enfermero") is a nurse, not a medical assistant
        (
            "hi i was enfermero in Mexico 10 years, does that count for the medical assistant certification or i "
            "start from zero?",
            "nurse",
            10,
        ),
    ],
)
def test_years_in_another_line_of_work_are_not_ma_work(message: str, role: str, years: float):
    changes = read(message, today=TODAY).changes
    assert changes.get("experience_years") is None
    assert (changes.get("other_healthcare_role"), changes.get("other_healthcare_years")) == (role, years)


@pytest.mark.parametrize(
    "message, start",
    [
        # schooling they would rather avoid, said after a military story, is no medic years
        ("so whats my path, i dont want 2 years of school", Profile(background="military")),
        # a program's length, in its own clause after the program, is no MA work
        (
            "I am medical doctor from Venezuela, graduate 2017. I found one program of medical office "
            "administration, only the administrative part, 6 months and is cheap. With this I can present the CMA exam?",
            Profile(),
        ),
    ],
)
def test_lengths_of_schooling_are_no_years_of_work(message: str, start: Profile):
    heard = read(message, profile=start, today=TODAY)
    assert not {"experience_years", "other_healthcare_years"} & set(heard.changes)
    assert heard.not_ma_years, "the amount is set aside, so NLU's own tag of it is dropped too"


def test_work_since_a_year_is_years_of_work_up_to_now():
    """ "i been working full time as an MA at an urgent care since 2021 tho", after a medic's verdict, once
    changed nothing: the verdict never saw the MA work."""
    heard = read("i been working full time as an MA at an urgent care since 2021 tho", today=TODAY).changes
    assert heard["experience_years"] == heard["experience_span_years"] == TODAY.year - 2021
    assert "experience_years" not in read("i finished my program since 2021", today=TODAY).changes


def test_an_age_is_no_years_of_work():
    """ "...working as medical assistant for 18 years... I am 52 years old lol" once came back as 52 years of MA work."""
    told = (
        "Hello. I have been working as medical assistant for 18 years in a dermatology office in Tampa. "
        "Which one I can take with my experience? I am 52 years old lol"
    )
    assert read(told, today=TODAY).changes["experience_years"] == 18
    assert "experience_years" not in read("im a 40-year-old mom, 19 years of age is my son", today=TODAY).changes


def test_a_year_they_cannot_go_unpaid_is_no_work_but_an_ma_at_a_factory_clinic_is():
    unpaid = "i cant afford to not get paid for a year tho so is there any way to learn MA stuff while getting paid"
    assert "experience_years" not in read(unpaid, today=TODAY).changes
    assert read("I worked as an MA for 3 years at a factory clinic", today=TODAY).changes["experience_years"] == 3


@pytest.mark.parametrize(
    "message",
    [
        "i been an MA at a family clinic for 2 yrs my manager says i need to get credentialed in washington is that true",
        "mbbs from lahore. thinking of taking an MA job to get US clinical experience. good idea or waste of time",
        "i cant afford to not get paid for a year so is there any way to learn MA stuff while getting paid",
        "hi i was lab tech in krakow 10 years i do many blood draws. in new york can medical assistant give the vaccine",
        "im in arizona does that change it",
        "i work now as phlebotomist 2 years in hospital here is it enough for ccma without school",
        "ok. here in nj can MA give injections to patients",
        "here in california MA can give shots or only nurse",
        "good day. i trained as nurse and midwife in nigeria 15yrs ago. here in california can a doctor train me "
        "himself to be MA or i must go to school",
        "understood thank you. for the RMA what document they want for my indian degree",
    ],
)
def test_a_question_without_a_question_mark_is_a_question(message: str):
    """Told as a statement, these got "Noted: …" and their question was dropped: a question tagged on
    after the story, or asked in the middle of a message."""
    assert not read(message, today=TODAY).statement


@pytest.mark.parametrize(
    "message, expected",
    [
        ("I've been an MA for 4 years, no certification", {"background": "working_ma", "experience_years": 4}),
        ("i work as a medical assistant at a clinic, 4 years now", {"background": "working_ma", "experience_years": 4}),
        ("im 18 and just graduated high school", {"background": "hs_graduate", "hs_diploma": True}),
        ("I'm 35, retail manager. I have my high school diploma", {"background": "career_changer", "hs_diploma": True}),
        ("I'm a doctor from India, MBBS 2015, I want to do residency eventually", {"background": "img"}),
        ("I didn't finish high school", {"hs_diploma": False}),
        ("I graduated from a CAAHEP accredited program in 2023", {"education": "accredited_program_graduate"}),
        ("i finished an ma program 2 years ago but it wasnt accredited", {"education": "other_program"}),
        ("i finished an ma program 2 years ago but it wasnt accredited", {"program_accredited": False}),
        ("i just finished my ma program!! how soon can i take the cma", {"education": "other_program"}),
        ("i just finished my ma program!! how soon can i take the cma", {"program_accredited": None}),
        ("i just finished my ma program!! how soon can i take the cma", {"years_since_graduation": 0}),
        ("I'm in an MA program right now", {"in_program": True}),
        # in their own words: no "I'm", a learner's "I am study in", a graduation still to come
        (
            "marine vet, in a caahep accredited ma program rn, done in april. when can i take the cma",
            {"in_program": True},
        ),
        ("I am physician from Egypt and I am study in accredited medical assistant program", {"in_program": True}),
        ("My graduation is in May. When I can sit for the CMA exam?", {"in_program": True}),
        ("what is taught in the program now?", {"in_program": None}),
        ("MBBS Lagos, presently completing a medical assisting certificate at an ABHES school", {"in_program": True}),
        ("2 yrs as MA, no certification, no US school", {"education": "none"}),
        ("trained by my doctor, no school", {"education": "none"}),
        (
            "20 yrs as an MA, the doctor trained me. which one can i take with just my experience?",
            {"education": "none"},
        ),
        ("i learned everything on the job, 6 years now", {"education": "none"}),
        (
            "ive been a medical assistant almost 20 years in columbus, the new office manager wants us certified",
            {"background": "working_ma"},  # "ive" without its apostrophe; "office manager" is not their career
        ),
        ("I want to study part-time in the evenings", {"pace": "part_time"}),
        ("I'd like to start in March", {"start_date": dt.date(2027, 3, 1)}),
        ("I'm a nurse from Guatemala with 10 years experience", {"other_healthcare_role": "nurse"}),
        ("im a cna 4 yrs in a nursing home", {"other_healthcare_role": "CNA", "experience_years": None}),
        ("navy corpsman. finished A school 4 and a half yrs ago", {"military_years_ago": 4.5}),
        ("Former HM. Corpsman school finished 2016, separated 2021.", {"military_years_ago": TODAY.year - 2016}),
        # the year they left the service, when nothing says when the training itself ended
        (
            "air force 4N0, separated 2018. does my military medical training still count for RMA or NCMA?",
            {"military_years_ago": TODAY.year - 2018},
        ),
        # years of service as a span end in its last year; the work since they got out is that work's own
        (
            "I served as an Army combat medic from 2004 to 2012. Since I got out I have worked as an ER tech at a "
            "hospital for about ten years. Would my ER tech years count toward the RMA work experience?",
            {
                "military_years_ago": TODAY.year - 2012,
                "other_healthcare_role": "ER technician",
                "other_healthcare_years": 10.0,
            },
        ),
        ("I was an Army medic until 2012.", {"military_years_ago": TODAY.year - 2012}),
        ("army medic and I worked until 2020 at a clinic", {"military_years_ago": None}),  # the clinic's year
        ("hi i am medica general from colombia 5 years practice. now i live in orlando", {"background": "img"}),
        # work they aim for is no work they have
        (
            "hey so i just graduated hs and i wanna be working as an MA by next summer tbh",
            {"background": "hs_graduate"},
        ),
        (
            "I was an MA for 4 yrs full time (front and back office, 2012-2016)",
            {"background": "working_ma", "experience_years": 4, "experience_span_years": TODAY.year - 2012},
        ),
        # a sentence that asks nothing tells about them, though another sentence asks
        ("just graduated hs in columbus. can u make me a step by step plan", {"background": "hs_graduate"}),
        (
            "can you check what i'm eligible for right now? 2 yrs full time as an MA in a cardiology office, HS diploma",
            {"background": "working_ma", "experience_years": 2, "hs_diploma": True},
        ),
    ],
)
def test_statements_about_themselves(message: str, expected: dict):
    changes = read(message, today=TODAY).changes
    assert {k: changes.get(k) for k in expected} == expected


def test_a_cna_asking_about_her_years_hears_that_they_are_not_ma_work(kb: KnowledgeBase):
    message = "im a cna 4 yrs in a nursing home. can i sit for the ccma with my experience or nah"
    heard = read(message, today=TODAY)
    reply = answer_person(
        kb, "ask_eligibility", [("credential", "CCMA"), ("experience_years", "4 yrs")], apply(Profile(), heard), heard
    )
    assert "yes, now" not in reply.text and "not medical assisting work" in reply.text


def test_how_long_ago_something_ended_is_no_years_of_work():
    message = "She graduated from a CAAHEP program in September, so about 14 months ago. Can she still take it?"
    assert 14 / 12 in read(message, today=TODAY).not_ma_years
    assert 3 not in read("i started as an MA 3 years ago", today=TODAY).not_ma_years  # work begun then


def test_a_past_year_or_ago_says_when_a_program_ended():
    assert read("I graduated from a CAAHEP accredited program in 2023", today=TODAY).changes[
        "years_since_graduation"
    ] == (TODAY.year - 2023)
    assert read("i finished an ma program 2 years ago", today=TODAY).changes["years_since_graduation"] == 2


@pytest.mark.parametrize(
    "question, entities",
    [
        ("can I take the RMA with 3 years?", {"credential": "rma"}),
        ("what about California?", {"us_state": "california"}),
        ("does the 4 year thing mean I'm too late for the RMA military route?", {"credential": "rma"}),
        ("is there a military route for the RMA?", {"credential": "rma"}),
        ("how much is the CCMA exam?", {"credential": "ccma"}),
    ],
)
def test_a_question_names_things_without_saying_they_are_the_person_s(question: str, entities: dict):
    changes = read(question, entities, today=TODAY).changes
    assert "credential" not in changes and "state" not in changes
    assert "experience_years" not in changes and "other_healthcare_years" not in changes
    if "military" in question and "4 year" not in question:
        assert "background" not in changes


def test_years_at_a_clinic_after_the_service_are_medical_assisting_work():
    """A former corpsman: "Since 2022 I have worked at an urgent care clinic, about three and a half years now,
    doing both front-desk and clinical work" is clinic work, not more years as a medic; a role named stays."""
    corpsman = Profile(background="military", military_training=True)
    text = "Since 2022 I have worked at an urgent care clinic, about three and a half years now, doing both front-desk and clinical work."
    changes = read(text, {}, corpsman, today=TODAY).changes
    assert changes.get("experience_years") == 3.5 and "other_healthcare_years" not in changes
    receptionist = read("I worked at a clinic as a receptionist 3 years", today=TODAY).changes
    assert receptionist.get("other_healthcare_role") == "receptionist" and "experience_years" not in receptionist


@pytest.mark.parametrize(
    "message, entities, held",
    [
        (
            "Long story short, I was a CMA back in 2008, then had my kids. My CMA expired years ago. Can I just renew it?",
            {"credential": "cma"},
            "cma",
        ),
        ("my certification lapsed in 2015, can i get my cma back", {"credential": "cma"}, "cma"),
        ("i was a cma, can i take the rma?", {"credential": "rma"}, "cma"),  # the one held, not the one asked
        ("I used to be registered, RMA through AMT", {"credential": "rma"}, "rma"),
        ("my sister was a CMA", {"credential": "cma"}, None),
        ("i got my cma exam next week", {"credential": "cma"}, None),
        ("can I take the CMA with 3 years?", {"credential": "cma"}, None),
    ],
)
def test_a_credential_held_before_is_theirs_not_one_asked_about(message: str, entities: dict, held: str | None):
    """ "I was a CMA back in 2008… my CMA expired": the holder's own way back is theirs, so it is kept."""
    assert read(message, entities, today=TODAY).changes.get("held_credential") == held


def test_statements_of_a_goal_or_a_place_are_kept():
    assert read("I'd rather aim for the RMA", {"credential": "rma"}).changes["credential"] == "rma"
    assert read("I live in Texas", {"us_state": "texas"}).changes["state"] == "texas"


def test_corrections_replace_what_was_said():
    ma = heard_from("I've been an MA for 4 years", "actually I'm in Ohio", entities={"us_state": "ohio"})
    assert ma.state == "ohio" and read("actually I'm in Ohio", {"us_state": "ohio"}).correction
    fixed = heard_from("I meant 2 years", start=ma)
    assert fixed.experience_years == 2 and fixed.state == "ohio"
    halves = heard_from("sorry i meant 2 and a half years, i started in june 2024", start=ma)
    assert halves.experience_years == 2.5  # not the "half years" at its end


@pytest.mark.parametrize(
    "message",
    ["my doctor friend will sign anything, nobody checks right?", "can I just fake the experience letter?"],
)
def test_a_plan_to_misstate_is_noticed(message: str):
    assert read(message).misstating


def test_ordinary_messages_are_not_taken_for_misstating():
    assert not read("my doctor will sign my externship hours").misstating
    assert not read("ok so what do i ask a school before i sign anything").misstating
    assert not read("dont sign anything until you check accreditation").misstating
    assert not read("how do i prove the hours if theres no one to sign anything").misstating
    assert not read("how do they check my experience?").misstating
    assert not read("forget it").misstating and read("can I forge the letter?").misstating
    assert not read("whats AAMA even. sounds made up").misstating and read("can i just make up my hours").misstating
    # a school's lies are no plan of theirs
    assert not read("whats stopping them from lying about job placement").misstating
    assert not read("if they lie about the jobs after i sign who do i complain to").misstating
    assert read("can i just lie about my hours").misstating


# --- the questions the forms skip -------------------------------------------------------------------


def test_questions_already_answered_are_not_asked_again():
    assert answered(Profile()) == frozenset()
    ma = heard_from("I've been an MA for 4 years, I live in Ohio", entities={"us_state": "ohio"})
    assert {"background", "work_years", "state"} <= answered(ma)
    assert "education" not in answered(ma)
    assert superseded(["experience_years", "state"]) == {"work_years", "state"}


# --- eligibility for the person ---------------------------------------------------------------------


def test_the_medic_from_the_issue_is_eligible_for_nothing_now(kb: KnowledgeBase):
    report = check(kb, heard_from(*MEDIC))
    assert report.eligible_now == []
    windows = {
        c.key: r.within_years for c, routes in kb.credentials_with_routes() for r in routes if r.kind == "military"
    }
    for credential, window in windows.items():
        line = report.result(credential).text
        assert "yours was 6 years ago" in line and window < 6


def test_the_working_ma_from_the_issue_qualifies_by_the_work_routes(kb: KnowledgeBase):
    ma = heard_from("I've been an MA for 4 years, no certification")
    report = check(kb, ma)
    work_routes = {c.key: r for c, r in kb.experience_routes()}
    expected = [key for key, route in work_routes.items() if route.min_years <= 4]
    assert sorted(report.eligible_now) == sorted(expected) and expected


def test_a_disputed_figure_is_named_with_whom_to_confirm(kb: KnowledgeBase):
    for cred, route in kb.experience_routes():
        if route.reported_min_years is None:
            continue
        between = (route.min_years + route.reported_min_years) / 2
        line = check(kb, Profile(experience_years=between, experience_span_years=between)).result(cred.key).text
        body = kb.display_name("certifying_body", cred.body)
        assert "Sources differ" in line and f"confirm with {body}" in line, line


def test_no_diploma_closes_the_routes_that_need_one(kb: KnowledgeBase):
    needs = {c.key for c, r in kb.credentials_with_routes() for x in r if "hs_diploma" in (x.also_needs or ())}
    without = check(kb, Profile(background="working_ma", experience_years=4, experience_span_years=4, hs_diploma=False))
    with_it = check(kb, Profile(background="working_ma", experience_years=4, experience_span_years=4, hs_diploma=True))
    for credential in needs:
        assert not without.result(credential).eligible
        assert "high-school diploma or GED" in without.result(credential).text
        assert "high-school diploma" not in with_it.result(credential).text


# --- what the person reads ------------------------------------------------------------------------


def test_the_verdict_says_what_it_rests_on(kb: KnowledgeBase):
    medic = heard_from(*MEDIC)
    reply = answer_person(kb, "ask_eligibility", [("credential", "RMA")], medic, Heard())
    assert reply.text.startswith(as_you_said(medic).rstrip())
    assert "no, not now" in reply.text and "yes, now" not in reply.text
    assert "not medical assisting work" in reply.text
    assert "Source" in reply.text


def test_a_plan_to_misstate_gets_the_facts_before_anything_else(kb: KnowledgeBase):
    heard = read("my doctor friend will sign anything, nobody checks right?")
    reply = answer_person(kb, "ask_eligibility", [], heard_from("I've been an MA for 1 year"), heard)
    expected = kb.answer(HONEST_APPLICATION_TOPIC)
    assert reply.topic == HONEST_APPLICATION_TOPIC and expected is not None
    assert reply.text.startswith(expected.text) and "yes, now" not in reply.text


def test_a_correction_is_said_back(kb: KnowledgeBase):
    before = heard_from("I've been an MA for 4 years")
    heard = read("actually I'm in Ohio", {"us_state": "ohio"}, before)
    after = apply(before, heard)
    reply = answer_person(kb, "inform", [("us_state", "Ohio")], after, heard)
    assert reply.text.startswith(noted(after, lambda k: kb.display_name("us_state", k) or k))
    assert "Ohio" in reply.text.split("\n")[0]


# --- kept across sessions ---------------------------------------------------------------------------


def test_the_profile_is_kept_for_the_sender_across_restarts(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'app.sqlite3'}"
    first = ProfileMemory(ProgressStore(get_engine(url)))
    first.hear("medic-1", MEDIC[0], today=TODAY)
    first.hear("medic-1", MEDIC[1], today=TODAY)
    again = ProfileMemory(ProgressStore(get_engine(url))).profile("medic-1")
    assert again == heard_from(*MEDIC)
    assert ProfileMemory(ProgressStore(get_engine(url))).profile("someone-else") == Profile()


def test_a_general_question_uses_their_credential_and_state_and_says_so(kb: KnowledgeBase):
    aiming = Profile(credential="ccma")
    reply = answer_person(kb, "ask_renewal", [], aiming, Heard())
    specific = kb.answer("renewal", ["ccma"])
    assert specific is not None and specific.variant == "ccma"
    assert reply.variant == "ccma" and reply.text.startswith("For the CCMA, the one you're aiming for: ")
    # A credential named in the message wins over the profile's.
    named = answer_person(kb, "ask_renewal", [("credential", "RMA")], aiming, Heard())
    assert named.variant == "rma" and "aiming for" not in named.text
    there = answer_person(kb, "ask_state_rules", [], Profile(state="washington"), Heard())
    assert there.variant == "washington" and there.text.startswith("In Washington, where you are: ")


def test_a_message_that_only_tells_is_noted_not_answered_as_a_question(kb: KnowledgeBase):
    message = "I've been an MA for 4 years, no certification. I have my GED"
    heard = read(message, today=TODAY)
    assert heard.statement
    after = apply(Profile(), heard)
    # NLU may hear "GED" and pick the diploma question; a statement is still a statement.
    reply = answer_person(kb, "ask_diploma_requirement", [], after, heard)
    assert reply.topic == "inform" and reply.text.startswith(noted(after))
    assert not read("im a cna 4 yrs in a nursing home. can i sit for the ccma with my experience or nah").statement


def test_answers_are_worded_for_the_background_the_person_gave(kb: KnowledgeBase):
    doctor = heard_from("I'm a doctor from India, MBBS 2015")
    manager = heard_from("I'm 35, retail manager. I have my high school diploma")
    for_img = answer_person(kb, "ask_duration", [], doctor, Heard())
    for_manager = answer_person(kb, "ask_duration", [], manager, Heard())
    assert for_img.variant == "img" and for_manager.variant != "img"
    assert for_img.text != for_manager.text


@pytest.mark.parametrize(
    "text, plans",
    [
        ("can i fake my hours, nobody checks right?", True),
        ("where do i report them if its fake", False),  # a fake school, not their own papers
        ("is this school fake?", False),
    ],
)
def test_a_plan_to_misstate_is_about_their_own_papers(text, plans):
    assert read(text).misstating is plans


def test_years_are_said_as_people_say_them():
    said = noted(Profile(background="working_ma", experience_years=14 / 12))
    assert "14 months of medical assisting work" in said and "1.16" not in said
    assert "1.5 years" in noted(Profile(background="working_ma", experience_years=1.5))


def test_someone_in_another_job_hears_the_work_route_they_could_take(kb: KnowledgeBase):
    """A lab technician asking "can I take the CCMA without school?" could work as an MA first: their
    verdict names that route as a career changer's does, and says their own years do not count."""
    lab = heard_from("I was a lab tech in Santo Domingo for 10 years")
    assert lab.other_healthcare_role == "lab technician" and not lab.experience_years
    changer = Profile(background="career_changer")
    assert check(kb, lab, ["ccma"]).result("ccma").text == check(kb, changer, ["ccma"]).result("ccma").text


@pytest.mark.parametrize(
    "message",
    [
        "I am a registered nurse from the Philippines. Can I work as a medical assistant while I wait?",
        "could i work as an MA with my nursing degree",
        "I want to work as an MA",
        "my aunt is an MA at a pediatric office. so basically how long before i could actually be working as an MA?",
    ],
)
def test_asking_to_work_as_an_ma_is_not_working_as_one(message: str):
    """A nurse asking "can I work as a medical assistant" was greeted "As a working medical assistant"."""
    assert read(message, today=TODAY).changes.get("background") != "working_ma"


@pytest.mark.parametrize(
    "message",
    [
        "hi! my husband is an E-6 in the army at fort liberty, i read MyCAA is only for spouses of junior enlisted??",
        "im a military spouse, can i use mycaa",
        "My son is 17 and a senior. He wants to be a medical assistant!",
    ],
)
def test_what_is_said_of_someone_else_is_not_their_background(message: str):
    """A spouse got the military verdict and GI Bill answers meant for her husband."""
    changes = read(message, {"background": "military"} if "army" in message else None, today=TODAY).changes
    assert "background" not in changes and "military_training" not in changes


def test_asking_leave_to_work_politely_is_a_question_and_no_background():
    """ "Kindly advise if I am permitted to work as a medical assistant while on H-4" got "Noted: a working
    medical assistant"; NLU's entity ruler tags "work as a medical assistant" wherever it stands."""
    asked = (
        "I am a registered pharmacist from Nigeria. I am in Houston on an H-4 dependent visa. "
        "Kindly advise if I am permitted to work as a medical assistant while on H-4."
    )
    heard = read(asked, {"background": "working_ma"}, today=TODAY)
    assert not heard.statement and heard.changes.get("background") != "working_ma"
    told = read("no school, just 6 yrs working full time as MA, i have my diploma", today=TODAY).changes
    assert (told["background"], told["experience_years"]) == ("working_ma", 6)


def test_months_at_an_ma_school_are_not_ma_work():
    told = "I paid almost $14,000 to a medical assistant school in Houston, 10 months, they promised I would be a CMA"
    assert "experience_years" not in read(told, today=TODAY).changes


@pytest.mark.parametrize(
    "message, set_aside",
    [
        ("I was a school secretary for 25 years. can I still sit for the CMA?", 25),  # another job
        ("my friend's school got accredited last year but she graduated 2 yrs before that. can she take the CMA?", 2),
        ("working as medical assistant for 18 years in Tampa. Which one I can take? I am 52 years old lol", 52),
    ],
)
def test_years_that_are_no_ma_work_of_theirs_are_set_aside(message: str, set_aside: float):
    heard = read(message, today=TODAY)
    assert set_aside in heard.not_ma_years and heard.changes.get("experience_years") != set_aside


def test_a_decimal_amount_is_one_amount():
    """ "as MA for 1.5 yrs full time" was cut at its point and heard as 5 years."""
    told = "I work in a clinic in Chicago as MA for 1.5 yrs full time without certification. Is this MA job good?"
    assert read(told, today=TODAY).changes["experience_years"] == 1.5


def test_years_set_aside_are_not_checked_against_the_work_routes(kb: KnowledgeBase):
    """NLU tags "2 yrs"; the verdict must not call a friend's years their medical assisting work."""
    told = "my friend's school got accredited last year but she graduated 2 yrs before that. can she take the CMA?"
    heard = read(told, today=TODAY)
    entities = [("credential", "CMA"), ("experience_years", "2 yrs")]
    reply = answer_person(kb, "ask_eligibility", entities, apply(Profile(), heard), heard)
    assert "2 years of medical assisting work" not in reply.text
    unfiltered = replace(heard, not_ma_years=frozenset())  # what the reply was before the reader set them aside
    assert (
        "2 years of medical assisting work"
        in answer_person(kb, "ask_eligibility", entities, Profile(), unfiltered).text
    )


def test_told_while_a_form_asks_is_only_noted_never_offered_the_plan_they_are_making(kb: KnowledgeBase):
    """ "4 years as an MA, never went to school for it" at the background question: said back, and the form
    goes on; out of a form the same words get the offer of a plan."""
    message = "4 years as an MA in family practice, front and back office, never went to school for it"
    heard = read(message, today=TODAY)
    profile = apply(Profile(), heard)
    in_form = answer_person(kb, "inform", [], profile, heard, in_form=True)
    outside = answer_person(kb, "inform", [], profile, heard)
    said = noted(profile, lambda key: kb.display_name("us_state", key) or key)
    assert said and in_form.text == said and not in_form.buttons
    assert outside.text.startswith(said) and outside.text != said and outside.buttons


def test_a_diploma_supposed_is_answered_as_given_and_not_kept(kb: KnowledgeBase):
    no_ged = heard_from("i didnt finish high school can i still be a medical assistant")
    assert no_ged.hs_diploma is False
    message = "so if i get the ged i can do the ccma?"
    heard = read(message, {}, no_ged)
    assert apply(no_ged, heard).hs_diploma is False  # a supposition, not a fact about them
    supposing = answer_person(kb, "ask_eligibility", [("credential", "CCMA")], no_ged, heard)
    as_they_are = answer_person(kb, "ask_eligibility", [("credential", "CCMA")], no_ged, Heard())
    assert "With no high-school diploma or GED yet" in as_they_are.text and "not yet" in as_they_are.text
    assert "With no high-school diploma or GED yet" not in supposing.text and "not yet" not in supposing.text


@pytest.mark.parametrize(
    "message, earned",
    [
        ("when does my cma run out, i got it june 2022, and how many ce points will i need", (2022, 6)),
        ("And when does my CMA itself expire? I last recertified in March 2022.", (2022, 3)),
        ("I've had my NCMA since 2021. Do I renew every year", (2021, None)),
        ("I got my CCMA from NHA in 2023. When does it expire", (2023, None)),
        ("My CCMA I got March 2025. When expire?", (2025, 3)),
        ("My CMA expired back in 2022, I just let it go.", None),  # lapsed: its own rules, no date to run to
        ("my medic school was 2021", None),
    ],
)
def test_when_they_earned_the_credential_is_heard(message, earned):
    assert read(message).earned == earned


def test_the_month_a_credential_runs_to_is_worked_out_from_its_source_s_period(kb: KnowledgeBase):
    dated = [c for c in ("cma", "rma", "ccma", "ncma") if (kb.credential(c).valid_months or 0) > 0]
    assert dated, "no credential states how long it stays current"
    today = dt.date.today()
    for credential in dated:
        months = kb.credential(credential).valid_months
        heard = read(f"when does my {credential} run out, i got it june {today.year}")
        reply = answer_person(kb, "ask_renewal", [("credential", credential)], Profile(), heard)
        ends_year = today.year + (5 + months) // 12
        first = reply.text.splitlines()[0]
        assert f"runs to {dt.date(ends_year, (5 + months) % 12 + 1, 1):%B %Y}" in first, first
        assert "Source" in reply.text  # the renewal answer after it cites the period's source
        long_ago = read(f"when does my {credential} expire, i got it in {today.year - 1 - months // 12}")
        past = answer_person(kb, "ask_renewal", [("credential", credential)], Profile(), long_ago)
        assert "came up for renewal" in past.text.splitlines()[0]


def test_a_credential_without_a_stated_period_gets_no_date(kb: KnowledgeBase):
    undated = next(c for c in ("cma", "rma", "ccma", "ncma") if not kb.credential(c).valid_months)
    heard = read(f"i got my {undated} in 2023, when do i renew")
    reply = answer_person(kb, "ask_renewal", [("credential", undated)], Profile(), heard)
    assert "Earned in" not in reply.text and reply.variant == undated


def test_time_in_a_status_or_a_place_is_no_work():
    """ "I have been a citizen for two years", "green card holder for 3 years": a status's years, no role's."""
    for message in ("I have been a citizen for two years", "im a green card holder for 3 years, worked as MA 2 years"):
        changes = read(message, today=TODAY).changes
        assert changes.get("other_healthcare_years") is None
        assert changes.get("experience_years") in (None, 2.0)
    assert read("I have been an MA for 4 years here in Texas", today=TODAY).changes["experience_years"] == 4.0
    assert read("i was a general surgeon in cairo", today=TODAY).changes.get("background") == "img"


@pytest.mark.parametrize(
    "message", ["no military, no work experience as an MA", "i never served", "not in the army, my husband is"]
)
def test_service_denied_is_no_military_background(message: str):
    """ "no military, no work experience as an MA" was heard as military training, and the verdict said the RMA's
    military route was open: NLU's tag goes with the words it came from."""
    changes = read(message, {"background": "military"}, today=TODAY).changes
    assert changes.get("background") != "military" and not changes.get("military_training")


@pytest.mark.parametrize(
    "message",
    [
        "To become a medical assistant. I retire from the Postal Service next spring.",
        "customer service rep 5 years, want out",
        "i worked in food service 10 yrs",
        "I served tables for 8 years",
        "im separated, 2 kids, want a new career",
        "i was a vet tech for 6 years",
        "I got out of a bad marriage last year",
        "i just got out of high school",
        "hm ok so how long",
    ],
)
def test_everyday_words_of_service_are_no_military_training(message: str):
    """ "customer service rep 5 years" was heard as 5 years as a military medic, and the verdict opened the RMA's
    military route: "service", "served", "separated", "got out", "vet" and "hm" are the military's only in its
    own sense."""
    changes = read(message, today=TODAY).changes
    assert changes.get("background") != "military" and not changes.get("military_training")
    assert changes.get("other_healthcare_role") != "military medic"


@pytest.mark.parametrize(
    "message",
    [
        "I got out of the service in 2019",
        "after my service i worked as an EMT",
        "separated from the army in 2021",
        "army vet here",
        "navy corpsman HM3, 4 years",
        "got out in 2020, was a 68W",
        "honorably discharged last spring",
    ],
)
def test_the_military_s_own_words_are_still_military_training(message: str):
    assert read(message, today=TODAY).changes.get("background") == "military"


@pytest.mark.parametrize(
    ("message", "entities"),
    [
        (
            "ok back to your question. tennessee. never did a civilian MA program and never worked as an MA on the "
            "outside",
            {"background": "working_ma", "us_state": "tennessee"},
        ),
        ("no MA program here yet and zero years working as MA in the US", {"background": "working_ma"}),
    ],
)
def test_a_program_and_ma_work_denied_are_no_program_finished_and_no_working_ma(message, entities):
    """NLU tags "worked as an MA" wherever it stands; "never worked as an MA" denies it."""
    changes = read(message, entities, today=TODAY).changes
    assert changes.get("background") != "working_ma"
    assert changes.get("education") == "none"
