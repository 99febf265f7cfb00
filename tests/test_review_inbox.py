"""The inbox of what went wrong, over small tracker stores written as Rasa writes them
(tests/review_store.py): which messages land there and why, what stays out (form answers,
confident answers), "this didn't help" pointing at the answer before it, grouping and order."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bot.kb.queries import KnowledgeBase
from bot.review.inbox import FEEDBACK_INTENT, SMALL_MARGIN, inbox, reasons_of
from bot.review.logs import ConversationLog, Filters, UserMessage
from bot.settings import load_settings
from tests.review_store import TrackerStore

UTC = dt.timezone.utc
DAY1 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LOW = load_settings().review_low_confidence  # REVIEW_LOW_CONFIDENCE as deployed


@pytest.fixture
def app_url(loaded_db_url: str, tmp_path: Path) -> str:
    target = tmp_path / "app.sqlite3"
    shutil.copy(loaded_db_url.removeprefix("sqlite:///"), target)
    return f"sqlite:///{target}"


@pytest.fixture
def store(tmp_path: Path) -> TrackerStore:
    return TrackerStore(f"sqlite:///{tmp_path / 'conversations.sqlite3'}")


def fallback_reply(app_url: str) -> str:
    """The knowledge base's own "not understood" answer, which marks a fallback."""
    from bot.db import get_engine

    answer = KnowledgeBase(get_engine(app_url)).answer("fallback")
    assert answer is not None
    return answer.text


def by_text(entries) -> dict:
    return {e.text: e for e in entries}


def test_each_kind_of_miss_is_in_the_inbox_and_nothing_else(store, app_url):
    not_understood = fallback_reply(app_url)
    talk = store.conversation("mix", start=DAY1)
    fallback = talk.exchange("blorf zzk", "nlu_fallback", not_understood, confidence=0.3)
    outside = talk.exchange("what's the salary of a pilot?", "out_of_scope", "That's outside what I can help with.")
    unsure = talk.exchange("cma or something", "ask_what_is_cma", "A CMA is ...", confidence=LOW - 0.05)
    torn_confidence = LOW + 0.1  # confident enough, but its runner-up was close behind
    torn = talk.user(
        "how much is the exam",
        "ask_exam_fee",
        torn_confidence,
        ranking=[("ask_exam_format", torn_confidence - SMALL_MARGIN / 2), ("ask_program_cost", 0.01)],
    )
    talk.action("action_answer")
    talk.bot("The CMA exam fee is ...")
    talk.action("action_listen")
    clear = talk.user("how long does it take?", "ask_duration", 0.97, ranking=[("ask_program_type", 0.02)])
    talk.action("action_answer")
    talk.bot("9 to 12 months ...")
    talk.action("action_listen")

    entries = by_text(inbox(ConversationLog(store.url, app_url, LOW)))
    assert set(entries) == {"blorf zzk", "what's the salary of a pilot?", "cma or something", "how much is the exam"}
    why = {text: dict(e.reasons) for text, e in entries.items()}
    assert why["blorf zzk"] == {"fallback": 1}
    assert why["what's the salary of a pilot?"] == {"out_of_scope": 1}
    assert why["cma or something"] == {"low_confidence": 1}
    assert why["how much is the exam"] == {"small_margin": 1}
    opened = {text: e.latest.event_id for text, e in entries.items()}
    assert opened == {
        "blorf zzk": fallback,
        "what's the salary of a pilot?": outside,
        "cma or something": unsure,
        "how much is the exam": torn,
    }
    assert clear not in opened.values()


def test_form_answers_are_never_in_the_inbox(store, app_url):
    """A name or an email typed into the handoff form is read by the form, whatever NLU made of it."""
    talk = store.conversation("form")
    talk.exchange("talk to a person", "request_human", "What name should the advisor use?")
    talk.active_loop("handoff_form")
    talk.exchange("Dana", "nlu_fallback", "And the best email address or phone number?", confidence=0.31)
    talk.exchange("dana@example.com", "out_of_scope", "Shall I send your request?", confidence=0.2)
    talk.active_loop(None)
    store.conversation("outside").exchange("Dana", "nlu_fallback", fallback_reply(app_url), confidence=0.31)

    entries = inbox(ConversationLog(store.url, app_url, LOW))
    assert [(e.text, e.count, e.latest.sender_id) for e in entries] == [("Dana", 1, "outside")]


def test_didnt_help_points_at_the_answer_before_it(store, app_url):
    talk = store.conversation("fb", channel="socketio", start=DAY1)
    question = talk.user("how much does the RMA cost", "ask_exam_fee", 0.93)
    talk.action("action_answer")
    answer = talk.bot("The RMA exam fee is ...")
    talk.bot("Sources: AMT ...")
    talk.action("action_listen")
    talk.exchange(f"/{FEEDBACK_INTENT}", FEEDBACK_INTENT, "Sorry that didn't help.", confidence=1.0)
    typed = store.conversation("typed", channel="telegram", start=DAY1 + dt.timedelta(hours=1))
    typed.exchange("How much does the RMA cost?", "ask_exam_fee", "The RMA exam fee is ...", confidence=0.9)
    typed.exchange("that didn't help at all", FEEDBACK_INTENT, "Sorry that didn't help.", confidence=0.88)

    (entry,) = inbox(ConversationLog(store.url, app_url, LOW))
    assert entry.text == "How much does the RMA cost?"  # the newest wording of the two
    assert (entry.count, entry.conversations, entry.reasons) == (2, 2, [("unhelpful", 2)])
    assert entry.latest.sender_id == "typed" and entry.latest.channel == "telegram"
    older = entry.occurrences[1]
    assert (older.sender_id, older.event_id) == ("fb", answer)  # the answer, not the question
    assert older.event_id != question


def test_grouped_by_text_sorted_by_how_often_then_how_recently(store, app_url):
    not_understood = fallback_reply(app_url)
    for n, text in enumerate(["blorf", "Blorf!", "  BLORF  "]):
        store.conversation(f"b{n}", start=DAY1 + dt.timedelta(hours=n)).exchange(
            text, "nlu_fallback", not_understood, confidence=0.3
        )
    late = store.conversation("late", start=DAY1 + dt.timedelta(days=3))
    late.exchange("qwerty", "nlu_fallback", not_understood, confidence=0.3)
    for n in range(2):
        store.conversation(f"w{n}", start=DAY1 + dt.timedelta(days=1)).exchange(
            "weather in chicago", "out_of_scope", "That's outside ...", confidence=0.9
        )
    log = ConversationLog(store.url, app_url, LOW)

    frequent = inbox(log)
    assert [(e.text, e.count) for e in frequent] == [("BLORF", 3), ("weather in chicago", 2), ("qwerty", 1)]
    assert frequent[0].latest.sender_id == "b2"  # one click opens the newest occurrence
    assert [e.text for e in inbox(log, sort="recent")] == ["qwerty", "weather in chicago", "BLORF"]
    assert [e.text for e in inbox(log, reason="out_of_scope")] == ["weather in chicago"]
    first_day = Filters(date_from=DAY1.date(), date_to=DAY1.date())
    assert [e.text for e in inbox(log, first_day)] == ["BLORF"]
    with pytest.raises(ValueError, match="Unknown reason"):
        inbox(log, reason="angry")
    with pytest.raises(ValueError, match="Unknown order"):
        inbox(log, sort="alphabetical")


def test_the_inbox_masks_contacts_and_reads_buttons_as_their_titles(store, app_url):
    talk = store.conversation("masked")
    talk.exchange("call me 555 123 4567 about it", "nlu_fallback", fallback_reply(app_url), confidence=0.2)
    talk.bot("Which one?", ["Exam fee"], payloads=['/ask_exam_fee{"credential":"RMA"}'])
    talk.exchange('/ask_exam_fee{"credential":"RMA"}', "ask_exam_fee", "The RMA exam fee is ...", confidence=1.0)
    talk.exchange("/feedback_unhelpful", FEEDBACK_INTENT, "Sorry that didn't help.", confidence=1.0)

    texts = [e.text for e in inbox(ConversationLog(store.url, app_url, LOW))]
    assert sorted(texts) == ["Exam fee", "call me *** *** **67 about it"]


def test_reasons_of_a_button_tap_are_none():
    tap = UserMessage("s", 1, DAY1, "/roadmap_next", "roadmap_next", 1.0, False, margin=None)
    assert reasons_of(tap, LOW) == frozenset()


def test_the_widgets_didnt_help_points_at_the_answer_it_was_under(store, app_url):
    """The widget's control sits under every answer; it names the one tapped (`metadata.feedback_on`,
    the answer's stored timestamp), which need not be the latest."""
    talk = store.conversation("widget", channel="socketio", start=DAY1)
    talk.user("is the externship paid?", "ask_externship", 0.95)
    talk.action("action_answer")
    first_answer = talk.bot("The externship is unpaid ...")
    under = talk.clock  # the id the widget gave that answer
    talk.action("action_listen")
    talk.exchange("how long does it take?", "ask_duration", "9 to 12 months ...")
    talk.user(f"/{FEEDBACK_INTENT}", FEEDBACK_INTENT, 1.0, metadata={"feedback_on": under})
    talk.action("utter_feedback_unhelpful")
    talk.bot("Sorry that didn't help.")
    # A control naming an answer the store does not hold falls back to the latest answer.
    talk.user(f"/{FEEDBACK_INTENT}", FEEDBACK_INTENT, 1.0, metadata={"feedback_on": 12.5})

    entries = by_text(inbox(ConversationLog(store.url, app_url, LOW)))
    assert set(entries) == {"is the externship paid?", "how long does it take?"}
    assert entries["is the externship paid?"].latest.event_id == first_answer
    assert entries["how long does it take?"].reasons == [("unhelpful", 1)]
