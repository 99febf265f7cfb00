"""The inbox page over HTTP (the app from `create_app`, in this process, tests/console_app.py):
the console's recorded conversations (tests/console_app.py CONVERSATIONS) plus a "this didn't
help"; what is listed, what is not, one click to the turn, filters and bad input."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator

import pytest

from bot.review.inbox import FEEDBACK_INTENT
from tests.console_app import CONVERSATIONS, ROADMAP, UNDERSTOOD, VAGUE, XSS, Console, console_with_conversations
from tests.review_store import TrackerStore

FEEDBACK_SENDER = "console-feedback"
QUESTION = "is the externship paid?"


@pytest.fixture(scope="module")
def console(loaded_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    with console_with_conversations(loaded_db_url, tmp_path_factory.mktemp("inbox")) as app:
        talk = TrackerStore(app.settings.tracker_store_url).conversation(
            FEEDBACK_SENDER, channel="socketio", start=dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=5)
        )
        talk.exchange(QUESTION, "ask_externship", "The externship is unpaid ...", confidence=0.96)
        talk.exchange(f"/{FEEDBACK_INTENT}", FEEDBACK_INTENT, "Sorry that didn't help.", confidence=1.0)
        yield app


def rows(page: str) -> list[tuple[str, str, str]]:
    """(link, message, times) of each inbox row."""
    return [
        (html.unescape(link), html.unescape(text), times)
        for link, text, times in re.findall(
            r'<tr class="inbox-entry">\s*<td class="first"[^>]*>\s*<a class="entry-link" href="([^"]+)">(.*?)</a>.*?'
            r'<td class="num"[^>]*>(\d+)</td>',
            page,
            re.S,
        )
    ]


def test_the_inbox_lists_what_went_wrong_most_frequent_first(console: Console):
    client = console.signed_in()
    page = client.get("/inbox")
    assert page.status == 200
    listed = rows(page.body)
    texts = [text for _, text, _ in listed]
    assert texts[0] == VAGUE and listed[0][2] == str(len(CONVERSATIONS["gibberish"]))
    misses = {
        text for text, (intent, confidence, _) in UNDERSTOOD.items() if intent in ("nlu_fallback", "out_of_scope")
    }
    assert misses <= set(texts) and QUESTION in texts
    assert not set(ROADMAP[1:5]) & set(texts), "roadmap form answers are not misses"
    assert "can I talk to a real person" not in texts and CONVERSATIONS["usmle"][0] not in texts
    assert "didn&#39;t help" in page.body  # the reason is named
    assert 'href="/inbox" aria-current="page"' in page.body


def test_one_click_opens_the_turn_in_its_conversation(console: Console):
    client = console.signed_in()
    listed = {text: link for link, text, _ in rows(client.get("/inbox").body)}
    for text in (VAGUE, QUESTION):
        path, anchor = listed[text].split("#")
        transcript = client.get(path)
        assert transcript.status == 200
        turn = re.search(rf'<li class="turn [^"]*" id="{anchor}">(.*?)</li>', transcript.body, re.S)
        assert turn, f"{anchor} is not a turn of {path}"
        if text == QUESTION:  # "didn't help" opens the answer it was about
            assert 'class="turn bot"' in turn.group(0) and "The externship is unpaid" in turn.group(1)
        else:
            assert html.escape(text) in turn.group(1)


def test_filters_and_bad_input(console: Console):
    client = console.signed_in()
    unhelpful = rows(client.get("/inbox?reason=unhelpful").body)
    assert [text for _, text, _ in unhelpful] == [QUESTION]
    assert "Nothing went wrong" in client.get("/inbox?channel=slack").body
    recent = [text for _, text, _ in rows(client.get("/inbox?sort=recent").body)]
    assert recent[0] == QUESTION  # written last
    bad = client.get("/inbox?reason=angry&sort=sideways&from=soon&page=x")
    assert bad.status == 200
    assert "There is no reason" in bad.body and "There is no order" in bad.body and "is not a date like" in bad.body
    assert "&lt;script&gt;" in client.get("/inbox").body and XSS[0] not in client.get("/inbox").body
    assert client.get("/inbox?page=99").body.count("Page 99 is past the end") == 1


def test_the_inbox_needs_a_sign_in(console: Console):
    reply = console.client().get("/inbox")
    assert reply.status in (302, 303) and "/login" in reply.location


# --- end to end: "that didn't help" said to the trained bot lands in the inbox -----------------


@pytest.mark.e2e
@pytest.mark.parametrize("feedback", ["that didn't help", f"/{FEEDBACK_INTENT}"])
def test_didnt_help_said_to_the_bot_is_answered_and_lands_in_the_inbox(bot, feedback: str):
    import yaml

    from bot.review.inbox import inbox
    from bot.review.logs import ConversationLog
    from bot.settings import PROJECT_ROOT
    from tests.e2e import say

    sender = f"e2e-feedback-{len(feedback)}"
    question = "how long does it take to become a medical assistant?"
    assert say(bot, sender, question)
    replies = say(bot, sender, feedback)
    expected = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())["responses"]["utter_feedback_unhelpful"][0]
    assert " ".join(replies[0]["text"].split()) == " ".join(expected["text"].split())
    assert [b["payload"] for b in replies[0]["buttons"]] == [b["payload"] for b in expected["buttons"]]

    log = ConversationLog(bot.tracker_store_url, bot.database_url, bot.review_low_confidence)
    entry = next(e for e in inbox(log, reason="unhelpful") if e.latest.sender_id == sender)
    assert entry.text == question
    _, turns = log.transcript(sender)
    (opened,) = [t for t in turns if t.event_id == entry.latest.event_id]
    assert opened.kind == "bot" and opened.text != replies[0]["text"]  # the answer that did not help
