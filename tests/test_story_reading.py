"""A long story around one question is classified by its question (bot.understanding.story)."""

from __future__ import annotations

from bot.understanding.story import STORY_WORDS, by_its_question, story_question

PARAMEDIC = (
    "Good afternoon. I retired last spring after thirty years as a paramedic with the city fire department and "
    "frankly I am bored out of my mind. My granddaughter suggested medical assisting at a family practice. Before "
    "I spend any money, I want to know whether all my field experience can count toward the CMA exam."
)


def parse(intent: str, confidence: float, **more: object) -> dict:
    return {"text": "t", "intent": {"name": intent, "confidence": confidence}, "entities": [], **more}


def test_a_story_is_read_by_its_question():
    question = story_question(PARAMEDIC)
    assert question is not None
    assert "count toward the CMA exam" in question and "paramedic" not in question


def test_short_messages_and_messages_that_are_all_question_are_no_story():
    assert story_question("how much is the cma exam and how long is it good for?") is None
    long_question = " ".join(["can I take the RMA exam with my years of work"] * 4)
    assert len(long_question.split()) >= STORY_WORDS
    assert story_question(long_question) is None
    assert story_question("/ask_salary" + " word" * STORY_WORDS) is None  # a button's payload


def test_a_story_without_a_question_is_no_story():
    statement = " ".join(["I worked at the clinic for years and liked it a lot."] * 4)
    assert story_question(statement) is None


def ranked(*pairs: tuple[str, float]) -> dict:
    (top, confidence), *_ = pairs
    return parse(top, confidence, intent_ranking=[{"name": n, "confidence": c} for n, c in pairs])


def test_the_question_decides_between_what_the_story_left_open_and_the_whole_keeps_its_names():
    entities = [{"entity": "us_state", "value": "pa"}]
    whole = {**ranked(("inform", 0.6), ("ask_eligibility", 0.2), ("ask_salary", 0.2)), "entities": entities}
    asked = ranked(("ask_eligibility", 0.8), ("ask_salary", 0.1), ("inform", 0.01))
    read = by_its_question(whole, asked)
    assert read["intent"]["name"] == "ask_eligibility"
    assert read["intent_ranking"][0]["name"] == "ask_eligibility"
    assert read["entities"] == entities
    assert read["story_intent"]["name"] == "inform"


def test_the_story_says_what_the_questions_that_was():
    """ "...the unemployment office said something about training money. could that pay for school":
    alone, the question sounds like pay; the story makes it aid."""
    whole = ranked(("ask_financial_aid", 0.7), ("ask_salary", 0.2))
    asked = ranked(("ask_salary", 0.5), ("ask_financial_aid", 0.4))
    assert by_its_question(whole, asked)["intent"]["name"] == "ask_financial_aid"


def test_agreeing_on_no_topic_leaves_the_whole_reading():
    whole = ranked(("inform", 0.9), ("ask_eligibility", 0.05))
    for nothing in ("inform", "out_of_scope", "thank"):
        assert by_its_question(whole, ranked((nothing, 0.95), ("ask_eligibility", 0.01))) == whole


MARCUS = (
    "Good afternoon. I completed my medical assisting diploma last month and intend to sit for the RMA. "
    "Where is the exam actually administered?"
)
SIOUX_FALLS = "got registered as an MA in south dakota back in 2019, do i still need to renew that or whatever"


def test_a_shorter_story_is_read_by_its_question_only_when_nlu_was_unsure_of_the_whole():
    assert story_question(MARCUS, whole_confidence=0.41) == "Where is the exam actually administered?"
    assert story_question(MARCUS, whole_confidence=0.9) is None
    assert story_question(SIOUX_FALLS, whole_confidence=0.98) is None


def test_a_question_that_only_points_into_its_story_is_read_with_it():
    told = (
        "A man from church says he can prepare my immigration papers cheap and fast for my whole family. "
        "He is not a lawyer. Should I let him?"
    )
    assert story_question(told) is None
