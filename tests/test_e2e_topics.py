"""One question per topic over the REST webhook: the right answer, its key fact, its source line.

The questions are phrased the way people write (not copied from the training
data), and each names the fact that proves the bot answered *this* question.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e import answer, say

pytestmark = pytest.mark.e2e

MAX_WORDS = 120

TOPICS = [
    # (question, facts the answer must contain)
    ("what does a medical assistant actually do all day?", ["vital signs", "scheduling"]),
    ('/ask_what_is_cma{"aspect":"conditions"}', ["diabetes", "hypertension"]),
    ("difference between a medical assistant and an LPN?", ["NCLEX-PN"]),
    ("CNA vs RN, which is which?", ["CNA vs RN", "NCLEX-RN"]),
    ("how do I get my medical school transcripts evaluated for the US?", ["course-by-course", "WES"]),
    ("will my med school classes transfer as credits to the MA program?", ["credit"]),
    ("do i need a GED or high school diploma first", ["GED"]),
    ("how do I find an accredited medical assisting program?", ["CAAHEP", "ABHES"]),
    ("is it better to do a certificate or an associate degree?", ["9–12 months", "18–24 months"]),
    ("what should I ask admissions before I choose a program?", ["pass rate", "externship"]),
    ("is the externship paid?", ["unpaid"]),
    ("who offers the CCMA?", ["National Healthcareer Association"]),
    ("can I take the RMA with 4 years of experience as an MA?", ["With 4 years", "RMA"]),
    ("how many questions are on the CMA exam?", ["200"]),
    ("how much is the CMA exam fee?", ["$125"]),
    ("I failed the CCMA, when can I retake it?", ["30 days"]),
    ("How often do I renew an RMA?", ["30", "every 3 years"]),
    ("how often do I need to recertify my CMA?", ["60 months"]),
    ("which certification should I get as an international medical graduate?", ["CMA"]),
    ("CMA vs RMA?", ["CMA vs RMA", "American Medical Technologists"]),
    ("what should I study for the CMA exam as an IMG?", ["HIPAA", "ICD-10"]),
    ("do medical assistants need a state license in Washington?", ["MA-C"]),
    ("is certification required by law in Texas?", ["Texas"]),
    ("what's the job outlook for medical assistants?", ["12%"]),
    ("how can I move up after working as a medical assistant?", ["office manager"]),
    ("is working as an MA a good stepping stone to residency?", ["letters of recommendation"]),
    ("how do I put my foreign MD on my resume?", ["International Medical Education"]),
    ("can medical assistants do locum tenens work?", ["temporary assignments"]),
    ("can I talk to a human advisor?", ["advis"]),
]


def body(text: str) -> str:
    """The answer without its source line."""
    return re.split(r"\n\n(?=Sources?: )", text)[0]


@pytest.mark.parametrize("question, facts", TOPICS, ids=[q[:40] for q, _ in TOPICS])
def test_each_topic_is_answered_with_its_key_fact_and_source(bot, question: str, facts: list):
    text = answer(bot, question, sender=f"topic-{abs(hash(question))}")
    for fact in facts:
        assert fact in text, f"{fact!r} missing from the answer to {question!r}:\n{text}"
    assert len(body(text).split()) <= MAX_WORDS, text
    if re.search(r"\d", body(text)):
        assert re.search(r"\n\nSources?: ", text), f"a figure without its source:\n{text}"


def test_every_answer_has_buttons_or_a_next_step(bot):
    replies = say(bot, "next-step", "what is the externship like?")
    assert any(r.get("buttons") for r in replies)


def test_typing_a_button_title_gets_the_same_answer_as_clicking_it(bot):
    """People often type what they see on a button instead of tapping it."""
    greeting = say(bot, "typed-titles", "hello")
    for button in [b for r in greeting for b in r.get("buttons", [])]:
        clicked = answer(bot, button["payload"], sender="typed-titles")
        typed = answer(bot, button["title"], sender="typed-titles")
        assert typed == clicked, f"typing {button['title']!r} did not answer like the button"
