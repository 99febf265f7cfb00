"""Transcripts as the person saw them: button titles instead of payloads, the widget's greeting
payload hidden, the handoff name and the channel in plain words, search on the unmasked text
for signed-in advisors, and figures the bot states never garbled by masking.

The review layer over a small tracker store (tests/review_store.py), and the console over HTTP
in this process (tests/console_app.py)."""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db import get_engine
from bot.handoff.store import HandoffStore
from bot.kb import schema
from bot.kb.queries import KnowledgeBase
from bot.review.logs import ConversationLog, Filters
from bot.review.privacy import mask
from bot.review.shown import CHANNEL_NAMES, GREETING_PAYLOAD, as_seen
from tests.console_app import Console, console_with_conversations
from tests.review_store import TrackerStore

SENDER = "5d3c0e6a9b8f4c2d8e7f6a5b4c3d2e1f"  # the widget's hex session id
IMG_TITLE = "International medical graduate"
IMG_PAYLOAD = '/inform{"background":"img"}'
EMAIL = "ana.souza@example.com"


def website_conversation(store: TrackerStore, app_url: str) -> None:
    """A widget conversation: the greeting payload, a button tap, a question with an email, a handoff."""
    talk = store.conversation(SENDER, channel="socketio")
    talk.exchange(GREETING_PAYLOAD, "greet", "Hi, I'm the CMA advisor!", confidence=1.0)
    talk.exchange("walk me through it", "start_roadmap", "First, which of these describes you best?")
    talk.bot("Pick one:", [IMG_TITLE, "Changing careers"], payloads=[IMG_PAYLOAD, '/inform{"background":"career"}'])
    talk.exchange(IMG_PAYLOAD, "inform", "Which credential are you aiming for?", confidence=1.0)
    talk.exchange("/roadmap_next", "roadmap_next", "Step 2 ...", confidence=1.0)  # no button offered it
    talk.exchange(f"write to me at {EMAIL}", "inform", "Thanks")
    HandoffStore(get_engine(app_url)).create(sender_id=SENDER, name="Ana Souza", contact=EMAIL, channel="socketio")


@pytest.fixture
def app_url(loaded_db_url: str, tmp_path: Path) -> str:
    target = tmp_path / "app.sqlite3"
    shutil.copy(loaded_db_url.removeprefix("sqlite:///"), target)
    return f"sqlite:///{target}"


def test_the_review_layer_reads_taps_as_titles_and_hides_the_greeting(tmp_path, app_url):
    store = TrackerStore(f"sqlite:///{tmp_path / 'conversations.sqlite3'}")
    website_conversation(store, app_url)
    log = ConversationLog(store.url, app_url)

    (summary,) = log.conversations().items
    assert summary.first_message == "walk me through it"  # not the greeting payload
    assert summary.name == "Ana Souza"
    _, turns = log.transcript(SENDER)
    users = [t for t in turns if t.kind == "user"]
    assert users[0].hidden and not any(t.hidden for t in users[1:])
    assert users[0].text == "(opened the chat)"
    tap = users[2]
    assert (tap.text, tap.payload) == (IMG_TITLE, IMG_PAYLOAD)
    assert users[3].text == as_seen("/roadmap_next", {}) and users[3].payload == "/roadmap_next"
    assert users[1].payload is None and users[4].payload is None
    # Search: what the person saw, masked for scripts, unmasked for signed-in advisors.
    assert log.conversations(Filters(text=IMG_TITLE.lower())).total == 1
    assert log.conversations(Filters(text=EMAIL)).total == 0
    assert log.conversations(Filters(text=EMAIL, unmasked=True)).total == 1
    assert log.conversations(Filters(text=mask(EMAIL), unmasked=True)).total == 1


def test_every_figure_and_citation_the_knowledge_base_holds_reads_the_same_after_masking(app_url):
    """ "§458.3485" and "WAC 246-827-0200" once read "§***.**85" and "***-***-**00" in transcripts."""
    engine = get_engine(app_url)
    kb = KnowledgeBase(engine)
    checked = 0
    with Session(engine) as session:
        texts = [kb.fill(a.text).text for a in session.execute(select(schema.Answer)).scalars()]
        texts += [f.value for f in session.execute(select(schema.Fact)).scalars() if isinstance(f.value, str)]
        for source in session.execute(select(schema.Source)).scalars():
            texts += [source.label, source.url or ""]
    for text in texts:
        assert mask(text) == text, text
        checked += 1
    assert checked > 100


@pytest.fixture(scope="module")
def console(loaded_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    with console_with_conversations(loaded_db_url, tmp_path_factory.mktemp("transcripts")) as app:
        website_conversation(TrackerStore(app.settings.tracker_store_url), app.settings.database_url)
        yield app


def test_the_list_and_transcript_read_as_the_person_saw_them(console: Console):
    client = console.signed_in()
    listing = client.get("/?channel=socketio").body
    row = re.search(rf'<tr>(?:(?!</tr>).)*href="/c/{SENDER}"(?:(?!</tr>).)*</tr>', listing, re.S).group(0)
    assert "Ana Souza" in row and CHANNEL_NAMES["socketio"] in row
    assert ">walk me through it<" in row and GREETING_PAYLOAD not in row
    assert f'<option value="socketio" selected>{CHANNEL_NAMES["socketio"]}</option>' in listing

    page = client.get(f"/c/{SENDER}").body
    assert "<h1>Conversation with Ana Souza</h1>" in page
    assert f"<dd>{CHANNEL_NAMES['socketio']}</dd>" in page
    texts = [html.unescape(t) for t in re.findall(r'<p class="text">(.*?)</p>', page, re.S)]
    assert not any(t.strip() == GREETING_PAYLOAD for t in texts)
    assert "opened the chat" in page
    assert any(t.endswith(IMG_TITLE) and "Tapped" in t for t in texts)
    assert not any(t.strip() == IMG_PAYLOAD for t in texts)  # the payload is only in "Sent as"
    assert f"<dt>Sent as</dt><dd><code>{IMG_PAYLOAD}</code></dd>" in html.unescape(page)


def test_advisors_find_a_conversation_by_a_full_email_address(console: Console):
    client = console.signed_in()
    found = client.get(f"/?q={EMAIL}").body
    assert f'href="/c/{SENDER}"' in found
    assert EMAIL not in found.replace(f"q={EMAIL}", "").replace(f'value="{EMAIL}"', "")  # still shown masked
