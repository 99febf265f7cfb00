"""A dashboard that means something: question topics apart from navigation, form answers not
counted as fallbacks or topics, no point for a day without messages, unanswered messages that
know where they were said, and chart text an advisor can read."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from bot.db import get_engine
from bot.kb.queries import KnowledgeBase
from bot.review import dashboard
from bot.review.dashboard import charts, stats
from bot.review.logs import ConversationLog
from tests.review_store import TrackerStore

UTC = dt.timezone.utc
DAY1 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def app_url(loaded_db_url: str, tmp_path: Path) -> str:
    target = tmp_path / "app.sqlite3"
    shutil.copy(loaded_db_url.removeprefix("sqlite:///"), target)
    return f"sqlite:///{target}"


@pytest.fixture
def log(app_url: str, tmp_path: Path) -> ConversationLog:
    store = TrackerStore(f"sqlite:///{tmp_path / 'conversations.sqlite3'}")
    not_understood = KnowledgeBase(get_engine(app_url)).answer("fallback").text
    a = store.conversation("a", start=DAY1)
    a.exchange("hi", "greet", "Hello!")
    a.exchange("walk me through it", "start_roadmap", "First, which of these describes you best?")
    a.exchange("next", "roadmap_next", "Step 2 ...")
    a.exchange("next", "roadmap_next", "Step 3 ...")
    a.exchange("what does it pay", "ask_salary", "$...")
    a.exchange("how long does it take", "ask_duration", "...")
    a.exchange("and the pay in texas?", "ask_salary", "$...")
    a.exchange("blorf", "nlu_fallback", not_understood, confidence=0.3)
    a.exchange("weather?", "out_of_scope", "That's outside ...")
    # The handoff form's answers: a name and an email NLU cannot read, and need not.
    a.exchange("talk to a person", "request_human", "What name should the advisor use?")
    a.active_loop("handoff_form")
    a.exchange("Dana Q", "nlu_fallback", "And the best email address?", confidence=0.2)
    a.exchange("dana@example.com", "nlu_fallback", "Shall I send it?", confidence=0.2)
    a.active_loop(None)
    b = store.conversation("b", start=DAY1 + dt.timedelta(days=2))  # nothing on the day between
    b.exchange("blorf", "nlu_fallback", not_understood, confidence=0.3)
    return ConversationLog(store.url, app_url)


def test_topics_are_apart_from_navigation_and_form_answers_count_as_neither(log, app_url):
    s = stats(log)
    kb = KnowledgeBase(get_engine(app_url))
    assert s.topics == [
        ("ask_salary", kb.title_for_intent("ask_salary"), 2),
        ("ask_duration", kb.title_for_intent("ask_duration"), 1),
    ]
    assert dict(s.navigation) == {"roadmap_next": 2, "greet": 1, "start_roadmap": 1, "request_human": 1}
    assert (s.not_understood, s.out_of_scope, s.form_answers) == (2, 1, 2)
    assert dict(s.top_intents)["nlu_fallback"] == 2  # the two "blorf"s, not the name and the email
    assert [text for text, _ in s.unanswered] == ["blorf"]


def test_unanswered_messages_link_to_where_they_were_last_said(log):
    s = stats(log)
    ((sender, event),) = s.unanswered_at
    assert sender == "b"
    _, turns = log.transcript("b")
    assert [t.text for t in turns if t.event_id == event] == ["blorf"]


def test_a_day_without_messages_has_no_point_on_the_fallback_chart(log, monkeypatch):
    s = stats(log)
    assert s.messages_per_day[1] == 0
    drawn: list[Figure] = []
    original = dashboard._drawn
    monkeypatch.setattr(dashboard, "_drawn", lambda draw: (drawn.append(draw), original(draw))[1])
    charts(s)
    figure = Figure()
    drawn[1](figure)  # the fallback chart
    (line,) = figure.axes[0].get_lines()
    ys = list(line.get_ydata())
    assert ys[0] == pytest.approx(s.fallback_rate_per_day[0]) and ys[2] == pytest.approx(1.0)
    assert ys[1] != ys[1], "the empty day is a gap (NaN), not 0%"


def test_chart_text_is_readable():
    """Labels were 8 pt on a chart shown at about three quarters of its size: some 6 px."""
    seen: dict[str, float] = {}

    def draw(figure: Figure) -> None:
        dashboard._bars([("What does a medical assistant earn?", 2)], "Question topics", "#000")(figure)
        axes = figure.axes[0]
        seen["label"] = axes.get_yticklabels()[0].get_fontsize()
        seen["ticks"] = axes.get_xticklabels()[0].get_fontsize()
        seen["title"] = axes.title.get_fontsize()

    assert dashboard._png(draw).startswith(b"\x89PNG")
    assert seen["label"] >= 10 and seen["ticks"] >= 10 and seen["title"] >= 12, seen
