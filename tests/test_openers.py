"""A form-opening reading the message's words do not support is dropped (bot.understanding.openers)."""

from __future__ import annotations

import pytest

from bot.understanding.context import Context, understand
from bot.understanding.openers import (
    NO_TOPIC,
    heard_opener,
    heard_person,
    heard_plan,
    misread_opener,
    without_misheard_person,
    without_opener,
)

STATE_RULES = Context("ask_state_rules", (("us_state", "south_dakota"),))
MYCAA = Context("ask_military_benefits", (), "spouse")


@pytest.mark.parametrize(
    "intent, text, context",
    [
        ("check_eligibility", "where do i double check", STATE_RULES),
        ("check_eligibility", "my husband just made E-6, somebody said that makes me not eligible anymore", MYCAA),
        ("estimate_timeline", "ok thanks, that helps a lot", Context()),
        # words that decide another question: why certify, not the plan
        ("start_roadmap", "ok name one concrete thing a cert lets you do that someone without one cant", Context()),
    ],
)
def test_an_opener_heard_in_a_follow_up_or_in_no_words_of_its_own_is_dropped(intent, text, context):
    assert misread_opener(intent, text, context)


@pytest.mark.parametrize(
    "intent, text",
    [
        ("check_eligibility", "can u check my eligibility? which exams can i take right now"),
        ("check_eligibility", "check what i qualify for"),
        ("estimate_timeline", "make me a timeline, i want to be a CMA"),
        ("check_eligibility", "/check_eligibility"),
        ("ask_salary", "where do i double check"),  # only form openers are dropped
    ],
)
def test_an_opener_in_its_own_words_is_kept(intent, text):
    assert not misread_opener(intent, text, MYCAA)


def test_a_dropped_opener_leaves_the_conversation_to_decide():
    """The parse keeps its ranking (the answer action weighs it) and says what NLU had read."""
    parse = {
        "text": "where do i double check",
        "intent": {"name": "check_eligibility", "confidence": 0.7},
        "intent_ranking": [
            {"name": "check_eligibility", "confidence": 0.7},
            {"name": "ask_state_rules", "confidence": 0.1},
        ],
    }
    read = without_opener(parse, STATE_RULES)
    assert read["intent"] == {"name": NO_TOPIC, "confidence": 0.7}
    assert read["opener_intent"]["name"] == "check_eligibility"
    assert read["intent_ranking"] == parse["intent_ranking"]
    ranking = [(r["name"], r["confidence"]) for r in read["intent_ranking"]]
    assert understand(NO_TOPIC, 0.7, [], read["text"], STATE_RULES, ranking).intent == "ask_state_rules"
    assert (
        without_opener({**parse, "text": "check my eligibility"}, STATE_RULES)["intent"]["name"] == "check_eligibility"
    )


def _parse(text: str, intent: str, *guesses: str) -> dict:
    ranking = [{"name": name, "confidence": 0.3} for name in (intent, *guesses)]
    return {"text": text, "intent": {"name": intent, "confidence": 0.4}, "intent_ranking": ranking}


@pytest.mark.parametrize(
    "text",
    [
        "if i start a certificate program in march when am i done and able to take the cma?",
        "when would i be done if i start in january",
    ],
)
def test_a_timeline_asked_in_so_many_words_opens_it_when_nlu_guessed_it(text):
    heard = heard_opener(_parse(text, NO_TOPIC, "estimate_timeline", "ask_duration"))
    assert heard["intent"] == {"name": "estimate_timeline", "confidence": 0.4}


def test_a_timeline_is_not_opened_without_its_words_or_nlu_s_guess():
    plain = "how long does a certificate program take?"
    assert heard_opener(_parse(plain, NO_TOPIC, "estimate_timeline"))["intent"]["name"] == NO_TOPIC
    asked = "if i start in march when am i done?"
    assert heard_opener(_parse(asked, NO_TOPIC, "ask_exam_fee", "ask_salary"))["intent"]["name"] == NO_TOPIC
    assert heard_opener(_parse(asked, "ask_exam_fee", "estimate_timeline"))["intent"]["name"] == "ask_exam_fee"


def test_somebody_in_a_question_about_jobs_is_no_request_for_a_person():
    misheard = {"text": "is there really work out there for somebody my age", "intent": {"name": "request_human"}}
    assert without_misheard_person(misheard)["intent"]["name"] == NO_TOPIC
    for asked in ("can somebody call me about the GI bill", "i want to talk to someone", "/request_human"):
        assert without_misheard_person({**misheard, "text": asked})["intent"]["name"] == "request_human"


def test_languages_spoken_and_studying_started_ask_for_no_person_and_no_plan():
    """ "can i translate it myself? i speak both perfect" speaks languages, not to someone; "idk where to start
    studying pls help" starts studying for the exam, not a plan."""
    speak = {"text": "can i translate it myself? i speak both perfect", "intent": {"name": "request_human"}}
    assert without_misheard_person(speak)["intent"]["name"] == NO_TOPIC
    assert without_misheard_person({**speak, "text": "can i speak to someone"})["intent"]["name"] == "request_human"
    study = {"text": "idk where to start studying pls help", "intent": {"name": "start_roadmap"}}
    assert without_misheard_person(study)["intent"]["name"] == NO_TOPIC
    assert without_misheard_person({**study, "text": "i want to start"})["intent"]["name"] == "start_roadmap"


def test_a_plan_others_want_for_them_before_their_own_question_opens_no_roadmap():
    """ "parents want me to have a plan. whats the fastest way to become a medical assistant" asks how fast; "my
    parents want me to have a plan, can you make me one?" asks for the plan."""
    told = "just graduated hs lol parents want me to have a plan. whats the fastest way to become a medical assistant"
    heard = {"text": told, "intent": {"name": "start_roadmap", "confidence": 0.94}}
    assert without_misheard_person(heard)["intent"]["name"] == NO_TOPIC
    wanted = {**heard, "text": "my parents want me to have a plan, can you make me one?"}
    assert without_misheard_person(wanted)["intent"]["name"] == "start_roadmap"


def test_an_exam_question_is_no_question_about_the_plan_s_progress():
    misheard = {"text": "where i take it", "intent": {"name": "roadmap_where"}}
    assert without_misheard_person(misheard)["intent"]["name"] == NO_TOPIC
    assert without_misheard_person({**misheard, "text": "Which is faster?"})["intent"]["name"] == NO_TOPIC
    for asked in ("where am i", "where are we in my plan", "where did we stop"):
        assert without_misheard_person({**misheard, "text": asked})["intent"]["name"] == "roadmap_where"


def test_a_timeline_asked_in_so_many_words_opens_even_when_nlu_heard_only_the_start_told():
    asked = "if i start a certificate program in march next year when i'd be done"
    assert heard_opener(_parse(asked, "inform", "estimate_timeline"))["intent"]["name"] == "estimate_timeline"


@pytest.mark.parametrize(
    "text",
    [
        "could a real person look over my resume?",
        "can someone help me find a program in boston? call me 617-555-0143",
        "Is there someone at your school I could email about starting in the fall?",
    ],
)
def test_a_person_asked_for_in_so_many_words_is_a_request_for_one(text):
    assert heard_person({"text": text, "intent": {"name": "ask_resume_interview"}})["intent"]["name"] == "request_human"


def test_a_question_naming_someone_is_no_request_for_a_person():
    for asked in ("r u a real person or a bot", "what is this thing, are you a real human?"):
        assert heard_person({"text": asked, "intent": {"name": "ask_what_bot"}})["intent"]["name"] == "ask_what_bot"
    text = "would someone with my background get hired"
    assert heard_person({"text": text, "intent": {"name": "ask_degree_perception"}})["intent"]["name"] != (
        "request_human"
    )


def test_a_plan_asked_in_plain_words_opens_the_roadmap_when_nlu_guessed_it():
    text = "Can you walk me through getting my RMA? I've been working as an MA for 5 years."
    heard = heard_plan(_parse(text, "ask_eligibility", "start_roadmap", "ask_duration"))
    assert heard["intent"]["name"] == "start_roadmap"
    unguessed = heard_plan(_parse(text, "ask_eligibility", "ask_duration", "ask_renewal"))
    assert unguessed["intent"]["name"] == "ask_eligibility"  # NLU never thought of a plan
    no_plan_words = heard_plan(_parse("can I get my RMA with 5 years?", "ask_eligibility", "start_roadmap"))
    assert no_plan_words["intent"]["name"] == "ask_eligibility"
    # NLU unsure: its fallback heads the ranking, and the plan is third among the readings after it
    unsure = heard_plan(_parse(text, "nlu_fallback", "ask_eligibility", "ask_duration", "start_roadmap"))
    assert unsure["intent"]["name"] == "start_roadmap"


def test_a_plan_asked_for_in_a_long_story_s_last_sentence_opens_the_roadmap_when_nlu_is_unsure():
    """A corpsman's story drowns "start_roadmap" below NLU's first readings; its last sentence asks for the plan."""
    text = (
        "Ok so quick backstory. I was a corpsman in the Navy, did field med with the Marines. Got out last year and "
        "every clinic in San Diego says I need an MA cert. Can you lay it out for me, like what do I do first, "
        "second, third, to get certified and hired?"
    )
    heard = heard_plan(_parse(text, "ask_eligibility", "ask_state_rules", "ask_learn_on_job"))
    assert heard["intent"]["name"] == "start_roadmap"
    sure = _parse(text, "ask_eligibility", "ask_state_rules", "ask_learn_on_job")
    sure["intent"]["confidence"] = 0.9
    assert heard_plan(sure)["intent"]["name"] == "ask_eligibility"  # NLU sure of another question
    told_first = "Walk me through it later maybe. I was a corpsman and I want to know if the RMA takes my training"
    assert heard_plan(_parse(told_first, "ask_eligibility", "ask_state_rules"))["intent"]["name"] == "ask_eligibility"


def test_asking_whether_the_bot_is_a_person_opens_no_handoff():
    """NLU hears a request for a person in "lol ok. are you even a real person"; the bot says what it is instead.
    Asked beside a request for someone ("i want to talk to a human"), the handoff stays."""
    asked = heard_person({"text": "lol ok. are you even a real person", "intent": {"name": "request_human"}})
    assert asked["intent"]["name"] == "help"
    both = "are you a real person? i want to talk to a human"
    assert heard_person({"text": both, "intent": {"name": "request_human"}})["intent"]["name"] == "request_human"


@pytest.mark.parametrize(
    "intent, text",
    [
        ("start_roadmap", "hola, quiero ser asistente médico pero la neta no sé por dónde empezar"),
        ("start_roadmap", "¿Y si me gradúo y espero más de un año para tomarlo?"),
        ("check_eligibility", "¿puedo tomar el examen con mi título de médico de Venezuela?"),
    ],
)
def test_a_form_heard_in_another_language_is_left_to_the_answer_action(intent, text):
    """NLU knows English only: a Spanish message opens no form; the answer action says first in which language the
    bot answers. The same request in English opens the roadmap."""
    assert misread_opener(intent, text, Context())
    assert not misread_opener("start_roadmap", "can you make me a step by step plan", Context())
