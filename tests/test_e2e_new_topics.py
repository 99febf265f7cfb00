"""What people actually asked, word for word, over REST: paying for it, studying online,
scams, military benefits, foreign nurses, WES and ECFMG, pay by state, pass rates,
accommodations, and the questions where the bot must stop.

Each question names the topic that must answer it. The expected words are read from
that topic's answer in the knowledge base (its opening, with the school profile filled
in as the bot fills it), so the test checks that the bot understood *this* question and
gave the sourced answer, whatever the wording of the content becomes.
"""

from __future__ import annotations

import pytest

from bot.answers.reply import reply_for
from bot.kb.queries import KnowledgeBase
from tests.e2e import say

pytestmark = pytest.mark.e2e

#: (what they asked, the intents whose answer may come back, entities that pick its variant)
ASKED: list[tuple[str, str | tuple[str, ...], list[tuple[str, str]]]] = [
    ("whats the cheapest way to get certified", "ask_program_cost", []),
    ("is there any financial aid or free programs? like apprenticeships?", "ask_financial_aid", []),
    ("how much does medical assistant school cost", "ask_program_cost", []),
    ("can I use my GI Bill for an MA program? or SkillBridge?", "ask_military_benefits", []),
    ("Are there online CMA programs that are accredited? I can't quit my job", "ask_online_program", []),
    ("is there a hybrid option", "ask_online_program", []),
    ("can i just get a job first and learn on the job?", "ask_learn_on_job", []),
    ("I saw an ad: 'Become a CMA in 4 weeks 100% online, $499'. legit?", "ask_scam_check", []),
    ("my title of nurse from guatemala, it count for the CMA?", "ask_foreign_nurse", []),
    ("what is WES", "ask_wes", []),
    ("what is ECFMG certification, do I need it for this", "ask_ecfmg", []),
    ("I'm on an H-4 visa, am I allowed to work as a medical assistant?", "ask_work_authorization", []),
    ("I'm on F-1, can I work on OPT after the program?", "ask_work_authorization", []),
    ("my asylum case is pending, can I work?", "ask_work_authorization", []),
    ("the advisor speak spanish?", "ask_advisor_info", []),
    ("whats the pass rate for the cma exam", "ask_pass_rate", [("credential", "cma")]),
    ("can I get extra time on the exam for my dyslexia?", "ask_accommodations", []),
    # The accredited-programs answer and the CCMA's eligibility answer both say it plainly.
    (
        "do i have to go to an accredited school for the CCMA?",
        ("ask_accredited_programs", "ask_eligibility"),
        [("credential", "ccma")],
    ),
]


def opening(text: str) -> str:
    """The answer's first sentence, which says what it is about."""
    return text.split(". ")[0].split("\n")[0][:80]


@pytest.mark.parametrize("question, intent, entities", ASKED, ids=[q[:40] for q, _, _ in ASKED])
def test_each_question_gets_its_sourced_answer(bot, kb: KnowledgeBase, question, intent, entities):
    replies = say(bot, f"asked-{abs(hash(question))}", question, timeout=60)
    said = "\n".join(r.get("text", "") for r in replies)
    expected = [reply_for(kb, i, entities) for i in ((intent,) if isinstance(intent, str) else intent)]
    assert any(opening(e.text) in said for e in expected), f"{question!r} got:\n{said}"
    if all("Source" in e.text for e in expected):  # an answer that states facts carries its sources
        assert "Source" in said


def test_pay_by_the_hour_in_a_state(bot, kb: KnowledgeBase):
    said = "\n".join(r.get("text", "") for r in say(bot, "hourly-tx", "how much per hour in Texas?", timeout=60))
    texas = reply_for(kb, "ask_salary", [("us_state", "texas")])
    assert texas.variant == "texas" and opening(texas.text) in said


def test_experience_alone_cannot_lead_to_the_washington_credential(bot, kb: KnowledgeBase):
    said = "\n".join(
        r.get("text", "")
        for r in say(bot, "wa-exp", "can I get the WA credential with just my experience?", timeout=60)
    )
    washington = [a for a in (kb.answer("state_rules", ["washington"]), kb.answer("eligibility", ["washington"])) if a]
    assert any(a.variant == "washington" for a in washington)
    assert "Experience alone can't" in said or "experience alone can't" in said.lower(), said
