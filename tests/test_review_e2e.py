"""The review layer over a tracker store filled by real conversations with the trained bot
(the session's servers, over REST): flags, masking, background and roadmap step, an
annotation exported as training data, and dashboard figures."""

from __future__ import annotations

import re
import shutil
import uuid

import pytest
import yaml

from bot.db import get_engine
from bot.review.annotations import AnnotationStore
from bot.review.dashboard import stats
from bot.review.export import nlu_yaml
from bot.review.logs import ConversationLog, Filters
from tests.e2e import say

pytestmark = pytest.mark.e2e

ROADMAP = [
    "walk me through becoming a medical assistant",
    "I'm a doctor from Egypt",
    "recommend one for me",
    "Texas",
    "a stepping stone to residency",
]
GIBBERISH = "qqq www eee"  # an NLU fallback for today's model


def test_review_of_real_conversations(bot, tmp_path, loaded_db_url):
    tag = uuid.uuid4().hex[:8]
    fallback, human, mail, road = (f"review-{name}-{tag}" for name in ("fallback", "human", "mail", "road"))
    say(bot, fallback, "hi")
    say(bot, fallback, GIBBERISH)
    say(bot, human, "can I talk to a real advisor?")
    say(bot, mail, "my email is ana.lopez@example.com, which programs are accredited?")
    for message in ROADMAP:
        say(bot, road, message)

    log = ConversationLog(bot.tracker_store_url, bot.database_url, low_confidence=0.5)
    ours = {c.sender_id: c for c in log.conversations(per_page=200).items if c.sender_id.endswith(tag)}
    assert set(ours) == {fallback, human, mail, road}
    assert all(c.channel == "rest" for c in ours.values())

    _, turns = log.transcript(fallback)
    said = {t.text: t for t in turns if t.kind == "user"}
    assert said[GIBBERISH].intent == "nlu_fallback", "the model now understands the gibberish: pick another"
    assert "fallback" in ours[fallback].flags and said[GIBBERISH].fallback
    assert [t.kind for t in turns][:2] == ["user", "bot"] and ours[fallback].turns == 2
    assert fallback in {c.sender_id for c in log.conversations(Filters(flag="fallback"), per_page=200).items}

    assert "handoff" in ours[human].flags
    assert log.transcript(human)[1][0].intent == "request_human"

    assert ours[mail].first_message == "my email is a***@example.com, which programs are accredited?"
    masked = log.transcript(mail)[1]
    assert "ana.lopez@example.com" not in " ".join(t.text for t in masked)
    assert "ana.lopez@example.com" in log.transcript(mail, reveal=True)[1][0].text

    assert ours[road].turns == len(ROADMAP) and ours[road].background == "img"
    assert re.fullmatch(r"1 of \d+", ours[road].roadmap_step or ""), ours[road].roadmap_step
    assert any(t.kind == "bot" and t.text.startswith("Step 1 of") for t in log.transcript(road)[1])

    # an advisor's correction becomes training data (in a clean private app database: the
    # servers' own one holds what other tests of the session annotated)
    app = tmp_path / "app.sqlite3"
    shutil.copy(loaded_db_url.replace("sqlite:///", ""), app)
    notes = AnnotationStore(get_engine(f"sqlite:///{app}"))
    first = log.transcript(mail, reveal=True)[1][0]
    notes.annotate(
        event_id=first.event_id,
        sender_id=mail,
        text=first.text,
        intent="ask_accredited_programs",
        out_of_scope=False,
        note="",
        by="adv@school.edu",
    )
    exported = yaml.safe_load(nlu_yaml(notes.all()))
    assert exported["nlu"] == [
        {
            "intent": "ask_accredited_programs",
            "examples": "- my email is a***@example.com, which programs are accredited?\n",
        }
    ]

    figures = stats(log, top=1000)  # other tests share the servers: look at every unanswered message
    assert any(text == GIBBERISH for text, _ in figures.unanswered)
    assert sum(figures.messages_per_day) >= 2 + 1 + 1 + len(ROADMAP)
    assert figures.fallback_rate_per_day and max(figures.fallback_rate_per_day) > 0
