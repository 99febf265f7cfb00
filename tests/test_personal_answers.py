"""Answers fitted to what the person named: years of work, two things to compare, a state, a body."""

from __future__ import annotations

import pytest

from bot.answers.reply import reply_for
from bot.eligibility.experience import check_experience, parse_years
from bot.kb.queries import KnowledgeBase


@pytest.mark.parametrize(
    "text, years",
    [
        ("3 years", 3),
        ("two yrs", 2),
        ("18 months", 1.5),
        ("5+ years", 5),
        ("a year", 1),
        ("1.5 years", 1.5),
        ("many years", None),
        ("CMA", None),
    ],
)
def test_parse_years(text, years):
    assert parse_years(text) == years


def test_years_are_checked_against_every_experience_route(kb: KnowledgeBase):
    one = check_experience(kb, 1)
    assert "you meet the work-experience route of the CCMA (1 year within the last 3)" in one.body
    assert "short of the NCMA (2 years within the last 5) and the RMA (3 years within the last 7)" in one.body
    three = check_experience(kb, 3)
    assert "short of" not in three.body and "the RMA (3 years within the last 7)" in three.body
    assert {c.tier for c in three.citations} == {"secondary"}  # these routes are only reported by career sites


def test_a_named_credential_limits_the_check_and_the_cma_has_no_experience_route(kb: KnowledgeBase):
    rma = check_experience(kb, 2, ["rma"])
    assert "RMA" in rma.body and "CCMA" not in rma.body and "short of the RMA" in rma.body
    cma = check_experience(kb, 10, ["cma"])
    assert "The CMA has no work-experience route" in cma.body


def test_eligibility_question_with_years_answers_for_the_person_first(kb: KnowledgeBase):
    reply = reply_for(kb, "ask_eligibility", [("experience_years", "4 years"), ("credential", "RMA")])
    assert reply.text.startswith(
        "With 4 years of recent medical assisting work, you meet the work-experience "
        "route of the RMA (3 years within the last 7)."
    )
    assert "confirm with AMT" in reply.text  # the route's secondary source is cited
    assert reply.buttons[0] == {"title": "All RMA routes", "payload": '/ask_eligibility{"credential":"rma"}'}


def test_two_roles_are_compared_side_by_side(kb: KnowledgeBase):
    reply = reply_for(kb, "ask_compare_roles", [("role", "CNA"), ("role", "LPN")])
    assert reply.text.startswith("CNA vs LPN:")
    assert "NCLEX-PN" in reply.text and "State certification exam" in reply.text
    assert "Source" in reply.text


def test_two_credentials_are_compared_with_buttons_for_each(kb: KnowledgeBase):
    reply = reply_for(kb, "ask_which_credential", [("credential", "CMA"), ("credential", "RMA")])
    assert reply.text.startswith("CMA vs RMA")
    assert "American Medical Technologists" in reply.text
    assert [b["payload"] for b in reply.buttons] == [
        '/ask_eligibility{"credential":"cma"}',
        '/ask_eligibility{"credential":"rma"}',
    ]


def test_a_certifying_body_stands_for_its_credential(kb: KnowledgeBase):
    by_body = reply_for(kb, "ask_renewal", [("certifying_body", "AMT")])
    by_credential = reply_for(kb, "ask_renewal", [("credential", "RMA")])
    assert by_body.text == by_credential.text != reply_for(kb, "ask_renewal").text


def test_a_state_without_its_own_answer_is_named_in_the_general_one(kb: KnowledgeBase):
    # Pennsylvania: the fact sheets found no rule of its own (Texas now has one).
    pennsylvania = reply_for(kb, "ask_state_rules", [("us_state", "Pennsylvania")])
    assert pennsylvania.variant == "us_state" and "Pennsylvania" in pennsylvania.text
    washington = reply_for(kb, "ask_state_rules", [("us_state", "Washington state")])
    assert "MA-C" in washington.text and "Pennsylvania" not in washington.text


def test_years_since_training_ended_are_not_years_of_work(kb):
    """ "Got out 18 years ago": the RMA's military route is closed, and no work route is open."""
    from bot.profile import Profile
    from bot.profile.reading import apply, read

    text = (
        "I was a Navy corpsman, got out about 18 years ago. Can I use my corpsman training for the RMA military route?"
    )
    profile = apply(Profile(), read(text, {"credential": "rma"}))
    reply = reply_for(kb, "ask_eligibility", [("experience_years", "18 years"), ("credential", "RMA")], profile)
    assert "yes, now" not in reply.text and "medical assisting work" not in reply.text.split("\n")[0]


def test_a_credential_held_before_told_beside_a_question_leaves_it_asked(kb):
    """ "so i got my cma like 6 yrs ago and kinda forgot to renew, is it just gone": the renewal answer (a lapsed
    CMA's rule), not only "Noted"; and someone who held the CCMA asking about the RMA hears the RMA's routes
    for anyone, not a verdict resting on a credential that opens none of them."""
    from bot.answers.personal import answer_person
    from bot.answers.reply import reply_for
    from bot.profile import Profile
    from bot.profile.reading import apply, read

    told = "so i got my cma like 6 yrs ago and kinda forgot to renew, is it just gone"
    heard = read(told, {"credential": "cma"}, Profile())
    assert heard.changes == {"held_credential": "cma"}
    reply = answer_person(kb, "ask_renewal", [("credential", "cma")], apply(Profile(), heard), heard)
    assert reply.text == reply_for(kb, "ask_renewal", [("credential", "cma")]).text
    ccma = Profile(held_credential="ccma")
    later = read("if i wanted the RMA later could my work time count", {"credential": "rma"}, ccma)
    routes = answer_person(kb, "ask_eligibility", [("credential", "rma")], ccma, later)
    assert routes.text == reply_for(kb, "ask_eligibility", [("credential", "rma")]).text
