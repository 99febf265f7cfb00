"""Free-text answers to the roadmap's questions, read without Rasa."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.roadmap import profile_reading as read

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    "text, entities, expected",
    [
        ("I'm a doctor from Egypt", {}, "img"),
        ("foreign doctor", {"background": "img"}, "img"),
        ("I work as an MA without a certificate", {}, "working_ma"),
        ("veteran, army medic", {}, "military"),
        ("I just graduated high school", {}, "hs_graduate"),
        ("career changer, I work in retail", {}, "career_changer"),
        ("what does an MA do?", {}, None),
    ],
)
def test_background(text, entities, expected):
    assert read.background(text, entities) == expected


def test_credential_state_and_goal():
    assert read.credential_choice("the RMA please", {"credential": "rma"}) == "rma"
    assert read.credential_choice("not sure, you pick", {}) == read.RECOMMEND
    assert read.credential_choice("idk u pick", {}) == read.credential_choice("up to u", {}) == read.RECOMMEND
    assert read.credential_choice("hmm", {}) is None
    # the question offers a recommendation: agreeing takes it, a "no" does not
    assert read.credential_choice("yes", {}) == read.RECOMMEND
    assert read.credential_choice("ok sure", {}) == read.RECOMMEND
    assert read.credential_choice("no", {}) is None
    assert read.state("I live in NJ", {"us_state": "new_jersey"}) == "new_jersey"
    assert read.state("skip", {}) == read.SKIP
    assert read.state("is the externship paid?", {}) is None
    assert read.goal("a stepping stone to residency") == "residency"
    assert read.goal("a long-term career") == "career"
    assert read.goal("is the externship paid?") is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I graduated from an accredited program", "accredited_program_graduate"),
        ("I finished a program that was not accredited", "other_program"),
        ("my program wasn't accredited", "other_program"),
        ("no program yet", "none"),
        ("what's the weather", None),
    ],
)
def test_education(text, expected):
    assert read.education(text) == expected


def test_years_and_program_type():
    assert read.work_years("4 years", {"experience_years": "4 years"}) == 4
    assert read.work_years("about 18 months", {}) == 1.5
    assert read.work_years("none", {}) == 0
    assert read.work_years("what?", {}) is None
    assert read.program_type("the shorter one", {}) == "certificate"
    assert read.program_type("associate degree", {"program_type": "associate"}) == "associate"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("March 2027", "2027-03-01"),
        ("next March", "2027-03-01"),  # said in November: the coming March
        ("december", "2026-12-01"),
        ("in 2 months", "2027-01-01"),
        ("2027-09", "2027-09-01"),
        ("asap", "2026-11-01"),
        ("not sure yet", read.SKIP),
        ("why do you ask", None),
    ],
)
def test_start_date(text, expected):
    assert read.start_date(text, today=TODAY) == expected


def test_the_question_that_opens_a_timeline_names_its_program_and_start():
    """ "when would i be done if i start a certificate in january": a question, so no answer to a form's
    question, but as the message that opened the timeline it answers two of them."""
    asked = "ok so when would i be done if i start an accredited certificate in january"
    assert read.program_type(asked, {}) is None and read.start_date(asked, today=TODAY) is None
    assert read.program_type(asked, {}, opening=True) == "certificate"
    assert read.start_date(asked, today=TODAY, opening=True) == "2027-01-01"
    assert read.start_date("when would I finish?", today=TODAY, opening=True) is None


@pytest.mark.parametrize("said", ["skip", "next", "Skip this one", "siguiente"])
def test_skip_answers_the_optional_questions_only(said):
    """State, credential and start date may be skipped; the plan needs every other answer."""
    readers = {
        "background": lambda text: read.background(text, {}),
        "credential_goal": lambda text: read.credential_choice(text, {}),
        "state": lambda text: read.state(text, {}),
        "career_goal": read.goal,
        "education": read.education,
        "work_years": lambda text: read.work_years(text, {}),
        "program_type": lambda text: read.program_type(text, {}),
        "start_date": lambda text: read.start_date(text, today=TODAY),
    }
    assert set(readers) > read.OPTIONAL_QUESTIONS
    skipped = {slot: reader(said) for slot, reader in readers.items()}
    assert skipped == {
        slot: ({"credential_goal": read.RECOMMEND}.get(slot, read.SKIP) if slot in read.OPTIONAL_QUESTIONS else None)
        for slot in readers
    }


@pytest.mark.parametrize(
    "reader, question",
    [
        (lambda text: read.state(text, {"us_state": "texas"}), "do MAs need a license in Texas?"),
        (lambda text: read.background(text, {}), "what does a doctor need to become an MA?"),
        (lambda text: read.credential_choice(text, {"credential": "cma"}), "is the CMA harder than the RMA?"),
        (read.goal, "is it a good stepping stone to residency?"),
        (read.education, "is an accredited program required?"),
        (lambda text: read.work_years(text, {"experience_years": "2 years"}), "does 2 years count?"),
        (lambda text: read.program_type(text, {}), "how long is a certificate program?"),
        (lambda text: read.start_date(text, today=TODAY), "when do programs start, in March?"),
    ],
)
def test_a_question_naming_an_answer_is_still_a_question(reader, question):
    assert reader(question) is None


def test_asking_for_a_recommendation_is_the_answer_recommend():
    assert read.credential_choice("which one would you recommend?", {}) == read.RECOMMEND


def test_yes_and_no_where_they_fit():
    assert read.education("nah") == read.education("nope") == "none"
    assert read.education("si") is None  # yes, but which program? The form asks.
    assert read.work_years("nope", {}) == 0
    assert read.state("nah", {}) == read.SKIP
