"""Asking for a person over REST: the bot collects a name and a way to reach them,
reads it back, and files a request that the advisor console's queue shows."""

from __future__ import annotations

import pytest
import yaml

from bot.db import get_engine
from bot.handoff.store import HandoffStore
from bot.settings import PROJECT_ROOT
from tests.e2e import answer, say

pytestmark = pytest.mark.e2e


def requests_of(bot, sender: str):
    return [r for r in HandoffStore(get_engine(bot.database_url)).list() if r.sender_id == sender]


def test_a_request_for_a_person_collects_name_and_contact_and_files_it(bot):
    first = answer(bot, "can I talk to a real advisor?", sender="handoff-1")
    assert "advisor" in first and "What name should the advisor use?" in first
    assert "email address or phone number" in answer(bot, "it's Ana Souza", sender="handoff-1")
    confirm = say(bot, "handoff-1", "you can call me on +1 555 010 7788")
    assert "Thanks, Ana Souza" in confirm[-1]["text"] and "+1 555 010 7788" in confirm[-1]["text"]
    assert [b["title"] for b in confirm[-1]["buttons"]] == ["Yes, send it", "Change my details", "Cancel"]
    assert requests_of(bot, "handoff-1") == []  # nothing filed before they confirm
    done = answer(bot, "yes, send it", sender="handoff-1")
    assert "in the advisors' queue" in done and "+1 555 010 7788" in done
    (request,) = requests_of(bot, "handoff-1")
    assert (request.name, request.contact, request.channel, request.status) == (
        "Ana Souza",
        "+1 555 010 7788",
        "rest",
        "open",
    )
    assert request.message == "can I talk to a real advisor?"


def test_a_question_in_between_is_answered_and_a_bad_contact_is_asked_again(bot):
    answer(bot, "I'd like to speak to a human", sender="handoff-2")
    detour = answer(bot, "how much does a medical assistant make?", sender="handoff-2")
    assert "$" in detour and detour.rstrip().endswith("What name should the advisor use?")
    answer(bot, "Karim", sender="handoff-2")
    retry = answer(bot, "not sure", sender="handoff-2")
    assert "doesn't look like an email address or a phone number" in retry
    assert "Thanks, Karim" in answer(bot, "karim.h@example.org", sender="handoff-2")
    assert "What name should the advisor use?" in answer(bot, "change my details", sender="handoff-2")
    answer(bot, "Karim Haddad, karim.h@example.org", sender="handoff-2")
    answer(bot, "yes", sender="handoff-2")
    assert [r.name for r in requests_of(bot, "handoff-2")] == ["Karim Haddad"]


def test_cancel_files_nothing_and_the_bot_carries_on(bot):
    answer(bot, "talk to a person", sender="handoff-3")
    answer(bot, "Li", sender="handoff-3")
    assert "haven't sent anything" in answer(bot, "never mind", sender="handoff-3")
    assert requests_of(bot, "handoff-3") == []
    assert "months" in answer(bot, "how long does it take?", sender="handoff-3")


def test_asking_for_a_person_during_the_roadmap_questions_switches_to_the_handoff(bot):
    answer(bot, "walk me through becoming a CMA", sender="handoff-4")
    assert "What name should the advisor use?" in answer(bot, "can I talk to someone instead?", sender="handoff-4")
    assert "Thanks, Maria" in answer(bot, "Maria, maria@example.com", sender="handoff-4")
    answer(bot, "yes", sender="handoff-4")
    assert [r.contact for r in requests_of(bot, "handoff-4")] == ["maria@example.com"]


def response(name: str) -> str:
    """A response's text as domain.yml words it."""
    return yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())["responses"][name][0]["text"]


NAME_QUESTION = response("utter_ask_handoff_name")
CANCELLED = response("utter_handoff_cancelled")


@pytest.mark.parametrize(
    "answers, cancel",
    [
        ([], "actually never mind, cancel that"),
        (["Ana Souza"], "olvídalo"),
        (["Ana Souza", "ana@example.com"], "no thanks"),
    ],
    ids=["at the name", "at the contact", "at the confirmation"],
)
def test_cancel_at_each_question_files_nothing(bot, answers, cancel):
    sender = f"handoff-cancel-{len(answers)}"
    answer(bot, "can I talk to a real advisor?", sender=sender)
    for reply in answers:
        answer(bot, reply, sender=sender)
    stopped = answer(bot, cancel, sender=sender)
    assert stopped == CANCELLED  # no question after it
    assert requests_of(bot, sender) == []
    assert "months" in answer(bot, "how long does it take?", sender=sender)  # no form waiting any more


def test_si_confirms_the_handoff(bot):
    answer(bot, "talk to a person", sender="handoff-si")
    answer(bot, "Si Chen", sender="handoff-si")
    assert "Thanks, Si Chen" in answer(bot, "si.chen@example.com", sender="handoff-si")
    assert "in the advisors' queue" in answer(bot, "si", sender="handoff-si")
    assert [r.name for r in requests_of(bot, "handoff-si")] == ["Si Chen"]


def test_a_question_at_the_name_is_answered_and_the_name_asked_again(bot):
    answer(bot, "I want to talk to an advisor", sender="handoff-ask")
    detour = answer(bot, "is the externship paid", sender="handoff-ask")
    assert "unpaid" in detour and detour.rstrip().endswith(NAME_QUESTION)
    assert "email address or phone number" in answer(bot, "Karim", sender="handoff-ask")


def test_next_at_a_needed_question_and_start_over(bot):
    answer(bot, "talk to a person", sender="handoff-next")
    needed = answer(bot, "next", sender="handoff-next")
    assert needed == f"{response('utter_form_needed')}\n{NAME_QUESTION}"
    answer(bot, "Li", sender="handoff-next")
    answer(bot, "li@example.com", sender="handoff-next")
    again = answer(bot, "start over", sender="handoff-next")
    assert again == f"{response('utter_form_restarted')}\n{NAME_QUESTION}"
    answer(bot, "Li Wei", sender="handoff-next")
    answer(bot, "+1 555 010 7788", sender="handoff-next")
    answer(bot, "yep", sender="handoff-next")
    assert [(r.name, r.contact) for r in requests_of(bot, "handoff-next")] == [("Li Wei", "+1 555 010 7788")]


def test_a_name_and_email_that_nlu_hears_as_a_greeting_still_answer_the_question(bot):
    """ "Rosa Hernández, rosa.hdz@yahoo.com" read as a greeting got "Hi, I'm the CMA advisor!" and the
    name question again; an answer with a contact in it is the form's answer."""
    answer(bot, "i want to talk to a person", sender="handoff-greet")
    confirm = say(bot, "handoff-greet", "Rosa Hernández, rosa.hdz@yahoo.com")
    assert len(confirm) == 1, confirm
    assert "Thanks, Rosa Hernández" in confirm[0]["text"] and "rosa.hdz@yahoo.com" in confirm[0]["text"]
