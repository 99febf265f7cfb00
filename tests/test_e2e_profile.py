"""Advice fitted to each person, over the REST webhook: a profile given in free text, in a
message or two, then eligibility, the recommended credential, the plan and the timeline.

For each of the five backgrounds the expected verdicts, credential and first step are
computed here from the same free text by the plain-Python profile reader and the
knowledge base (never copied), so the conversation must agree with what the domain code
says of that person. The Army medic and the working MA from the blind conversations are
played word for word.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from bot.eligibility.check import check
from bot.kb.queries import KnowledgeBase
from bot.profile import Profile
from bot.profile.reading import apply, read
from bot.roadmap.plan import build_plan
from tests.e2e import say

pytestmark = pytest.mark.e2e


def chat(bot, sender: str, message: str) -> str:
    replies = say(bot, sender, message, timeout=60)
    assert replies, f"no reply to {message!r}"
    return "\n".join(r.get("text", "") for r in replies)


def heard(*messages: str) -> Profile:
    """What the plain-Python reader makes of `messages` (they name no credential or state)."""
    profile = Profile()
    for message in messages:
        profile = apply(profile, read(message, {}, profile))
    return profile


@dataclass(frozen=True)
class Person:
    name: str
    says: tuple[str, ...]


PEOPLE = [
    Person("img", ("Hi, I'm a doctor from Egypt, I practised for 5 years.", "I want to do residency eventually")),
    Person("hs_graduate", ("im 18 and just graduated high school, i want to be a medical assistant",)),
    Person(
        "career_changer", ("I'm 35, a retail manager, and I want to switch careers. I have my high school diploma",)
    ),
    Person("working_ma", ("I've been an MA for 4 years at a family clinic, no certification. I have my GED",)),
    Person("military", ("I was an army medic, I finished 68W AIT 2 years ago", "no MA work, just the army")),
]


@pytest.mark.parametrize("person", PEOPLE, ids=[p.name for p in PEOPLE])
def test_a_free_text_profile_leads_to_its_own_verdict_plan_and_timeline(bot, kb: KnowledgeBase, person: Person):
    sender = f"profile-{person.name}"
    for message in person.says:
        chat(bot, sender, message)
    profile = heard(*person.says)
    assert profile.background == person.name

    verdict = chat(bot, sender, "what can I sit for now?")
    # The form asks only what the free text did not say; each answer is what the person would add.
    for question, answer, known in FORM_ANSWERS:
        if question in verdict:
            verdict = chat(bot, sender, answer)
            profile = replace(profile, **known)
    report = check(kb, profile)
    for result in report.results:
        line = result.text.split(".")[0]
        assert line in verdict, f"{line!r} missing from:\n{verdict}"
    assert "Which of these describes you" not in verdict  # the background was said: never asked again

    text = chat(bot, sender, "walk me through it")
    assert "describes you" not in text
    if "Which credential" in text:
        text = chat(bot, sender, "recommend one")
    if "Which state" in text:
        text = chat(bot, sender, "skip")
    if "stepping stone" in text:
        text = chat(bot, sender, "a stepping stone to residency")
        profile = apply(profile, read("a stepping stone to residency", {}, profile))
    plan = build_plan(kb, profile)
    abbreviation = kb.credential(plan.credential).abbreviation
    assert f"I picked the {abbreviation}" in text
    assert f"Step 1 of {len(plan)}: {plan.steps[0].title}" in text
    if plan.eligible_now:
        assert "left out" in text and "Enroll" not in text

    timeline = chat(bot, sender, "what's my timeline?")
    if "certificate (shorter)" in timeline:
        timeline = chat(bot, sender, "certificate")
    if "When would you start" in timeline:
        timeline = chat(bot, sender, "not sure")
    assert f"timeline to the {abbreviation}" in timeline, timeline


#: A form question the bot may still need to ask, what the person answers, and what that tells.
FORM_ANSWERS = (
    ("finished a medical assisting program", "no program yet", {"education": "none"}),
    ("How many years have you worked as a medical assistant", "none", {"experience_years": 0.0}),
)

MEDIC = (
    "no, just army medic training (68W AIT, finished 6 years ago)",
    "none as an MA, I've been a medic for 6 years",
    "does the 4 year thing mean I'm too late for the RMA military route?",
)


def test_the_army_medic_hears_that_the_military_windows_have_closed(bot, kb: KnowledgeBase):
    sender = "medic-word-for-word"
    chat(bot, sender, MEDIC[0])
    chat(bot, sender, MEDIC[1])
    answer = chat(bot, sender, MEDIC[2])
    assert "yes, now" not in answer
    rma = check(kb, heard(*MEDIC[:2]), ["rma"]).result("rma")
    assert rma is not None and not rma.eligible and rma.text in answer
    assert "6 years ago" in answer and "not medical assisting work" in answer
    everything = chat(bot, sender, "what can I sit for now?")
    if "finished a medical assisting program" in everything:
        everything = chat(bot, sender, "no")
    assert "yes, now" not in everything and "As someone trained by the U.S. military" in everything


def test_the_working_ma_who_qualifies_is_not_sent_back_to_school(bot, kb: KnowledgeBase):
    sender = "working-ma-word-for-word"
    told = "i work as a medical assistant, 4 years now at a family practice, never got certified"
    chat(bot, sender, told)
    text = chat(bot, sender, "walk me through it")
    if "Which credential" in text:
        text = chat(bot, sender, "recommend one")
    if "Which state" in text:
        text = chat(bot, sender, "skip")
    plan = build_plan(kb, heard(told))
    assert plan.eligible_now and "left out" in text
    assert "Enroll" not in text and "externship" not in text.split("Step 1")[1].split("\n")[0]
    asked = "why do i need to enroll if i already qualify??"
    replies = say(bot, sender, asked, timeout=60)
    why = "\n".join(r.get("text", "") for r in replies)
    offered = [b["payload"] for r in replies for b in r.get("buttons", [])]
    # Their own verdict, or a question back that offers it: never the diploma answer it once got.
    assert "yes, now" in why or any("eligibility" in p for p in offered), (why, offered)
    assert "high-school diploma or GED is the first requirement" not in why


def test_a_plan_to_fake_experience_gets_the_facts_first(bot, kb: KnowledgeBase):
    sender = "faker"
    chat(bot, sender, "I've been an MA for 1 year")
    reply = chat(bot, sender, "my doctor friend will sign anything, nobody checks right?")
    honest = kb.answer("honest_application")
    assert honest is not None and reply.startswith(honest.text.split(".")[0])
    assert reply.count(honest.text.split(".")[0]) == 1  # said once, not once per action that hears it
    assert "yes, now" not in reply


@pytest.mark.parametrize(
    "told, asked",
    [
        ("i been an MA at a family clinic for 2 yrs no cert", "which exams can i take right now with my 2 yrs"),
        ("4N0 aerospace med tech, 3 yrs active, got out 2 years ago", "which MA exams can i take right now"),
    ],
)
def test_someone_whose_route_is_known_gets_the_verdict_without_being_questioned(
    bot, kb: KnowledgeBase, told: str, asked: str
):
    """Years of MA work, or U.S. military training, are checked against their routes at once: the
    verdict the domain code gives this person, not "have you finished a program?" first."""
    sender = f"known-route-{told.split()[0]}"
    chat(bot, sender, told)
    verdict = chat(bot, sender, asked)
    assert "finished a medical assisting program?" not in verdict
    for result in check(kb, heard(told)).results:
        assert result.text.split(".")[0] in verdict, verdict


def test_years_in_another_line_of_work_are_not_medical_assisting_work(bot, kb: KnowledgeBase):
    """A midwife's eleven years once came back as "11 years of medical assisting work" and an RMA "yes"."""
    asked = (
        "I qualified as a registered midwife in Enugu, Nigeria and practised for 11 years before relocating "
        "to Minnesota. Can my midwifery training count towards the RMA certification?"
    )
    answer = chat(bot, "midwife-years", asked)
    assert "of medical assisting work" not in answer and "yes, now" not in answer


def test_a_timeline_for_a_named_program_and_start_asks_nothing_first(bot, kb: KnowledgeBase):
    sender = "timeline-named"
    chat(bot, sender, "hi")
    text = chat(bot, sender, "I think the certificate. If I start in January when would I be done?")
    assert "describes you" not in text and "timeline to the" in text, text
