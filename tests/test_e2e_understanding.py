"""Follow-ups, several questions at once and Spanish, over the REST webhook with the trained bot.

The expected answers are built from the knowledge base (what `reply_for` gives for the
topic and entity the person meant), so the tests say which answer, not its wording.
"""

from __future__ import annotations

import uuid

import pytest
import yaml

from actions.actions import NAMED_EARLY
from bot.answers.reply import reply_for
from bot.settings import PROJECT_ROOT
from tests.e2e import say

pytestmark = pytest.mark.e2e


def texts(settings, sender: str, message: str) -> list[str]:
    return [m.get("text", "") for m in say(settings, sender, message)]


def expected(kb, intent: str, credential: str) -> str:
    return reply_for(kb, intent, [("credential", credential)]).text


def says_it_is_about(kb, credential: str, reply: str, answer: str) -> bool:
    """The reply is the credential's own answer and names the credential in its first words: "For the
    RMA: " before it, unless the answer itself already starts by naming it."""
    display = kb.resolve(credential).display
    return reply in (answer, f"For the {display}: {answer}") and display in reply[:NAMED_EARLY]


def test_a_follow_up_switches_the_credential_and_says_so(bot, kb):
    sender = f"follow-{uuid.uuid4().hex[:8]}"
    assert texts(bot, sender, "How often do I renew the CMA?") == [expected(kb, "ask_renewal", "CMA")]
    [reply] = texts(bot, sender, "and for the RMA?")
    assert says_it_is_about(kb, "RMA", reply, expected(kb, "ask_renewal", "RMA"))


def test_a_later_question_is_about_the_credential_in_context(bot, kb):
    sender = f"context-{uuid.uuid4().hex[:8]}"
    texts(bot, sender, "tell me about the RMA exam")
    [reply] = texts(bot, sender, "how much does it cost?")
    assert says_it_is_about(kb, "RMA", reply, expected(kb, "ask_exam_fee", "RMA"))


def test_two_questions_in_one_message_get_two_answers_in_order(bot, kb):
    sender = f"two-{uuid.uuid4().hex[:8]}"
    replies = texts(bot, sender, "How many questions does the CMA exam have and how much does it cost?")
    assert replies[0] == expected(kb, "ask_exam_format", "CMA")
    assert replies[1].endswith(expected(kb, "ask_exam_fee", "CMA"))


def test_a_spanish_question_gets_the_notice_in_spanish_what_was_understood_then_the_answer(bot, kb):
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    notice = " ".join(domain["responses"]["utter_language_es"][0]["text"].split())
    understood = domain["responses"]["utter_language_es_understood"][0]["text"]
    replies = texts(bot, f"es-{uuid.uuid4().hex[:8]}", "¿Cuánto gana un asistente médico?")
    assert " ".join(replies[0].split()) == notice
    assert replies[1] == understood.format(title=kb.spanish_title_for_intent("ask_salary"))
    assert replies[2] == reply_for(kb, "ask_salary").text


def test_a_question_with_roadmap_words_from_someone_without_a_roadmap_is_answered(bot, kb):
    """ "How many attempts per step?" sounds like a roadmap move to NLU; with no roadmap started
    it is the question it asks, about the credential in context, not "we haven't started"."""
    sender = f"steps-{uuid.uuid4().hex[:8]}"
    texts(bot, sender, "tell me about the RMA exam")
    [reply] = texts(bot, sender, "and how many attempts do i get per step?")
    assert says_it_is_about(kb, "RMA", reply, expected(kb, "ask_exam_retake", "RMA"))


def test_a_topic_s_words_in_roadmap_words_are_its_question_without_a_question_s_shape(bot, kb):
    """ "...so this doesnt happen again" sounds like "repeat" to NLU; "the CE part" is renewal's."""
    sender = f"ce-{uuid.uuid4().hex[:8]}"
    texts(bot, sender, "my CMA lapsed last year, how do I get it back?")
    [reply] = texts(bot, sender, "and the CE part so this doesnt happen again")
    assert "haven't started" not in reply and says_it_is_about(kb, "CMA", reply, expected(kb, "ask_renewal", "CMA"))


def test_a_switch_that_sounds_like_the_whole_plan_asks_the_same_question_there(bot, kb):
    """ "ok and texas overall like the whole state" after Houston's pay sounds like the roadmap's
    overview to NLU; with no roadmap started it asks for Texas's pay."""
    sender = f"overall-{uuid.uuid4().hex[:8]}"
    texts(bot, sender, "whats MA pay in houston")
    [reply] = texts(bot, sender, "ok and texas overall like the whole state")
    assert reply == reply_for(kb, "ask_salary", [("us_state", "texas")]).text


def test_a_long_story_is_answered_by_its_question(bot, kb):
    """NLU reads a story's words ("paramedic", "money", "school") and hears someone telling about
    themselves; the server reads the story by its question too, so the question gets its answer."""
    story = (
        "Good afternoon. I retired last spring after thirty years as a paramedic with the city fire department "
        "and frankly I am bored out of my mind. My granddaughter suggested medical assisting at a family "
        "practice. Before I spend any money, I want to know whether all my field experience can count toward "
        "the CMA exam or whether I have to go back to school like a kid."
    )
    replies = texts(bot, f"story-{uuid.uuid4().hex[:8]}", story)
    told = reply_for(kb, "inform").text.split("\n")[0]
    assert not any(told in r for r in replies)
    assert any(r == expected(kb, "ask_eligibility", "CMA") for r in replies), replies


def test_a_finished_program_told_without_a_roadmap_gets_the_exam_it_opens(bot, kb):
    """ "omg i finished my program last week!!" is "done" to NLU; with no roadmap it is news that opens
    the exams, and a move NLU only guessed ("i need help w my cert") gets guesses, not "we haven't started"."""
    [reply] = texts(bot, f"done-{uuid.uuid4().hex[:8]}", "omg i finished my program last week!!")
    assert reply == reply_for(kb, "ask_eligibility").text
    replies = texts(bot, f"help-{uuid.uuid4().hex[:8]}", "i need help w my cert")
    assert not any("haven't started" in r for r in replies)
