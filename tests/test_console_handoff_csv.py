"""The handoff queue an advisor can work from (notes, an assignee, tel: and mailto: links, a
confirmation with undo after a status change, plain channel names) and the CSV downloads of
conversations and handoff requests; over HTTP, in this process (tests/console_app.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator

import pytest

from bot.console.accounts import AccountStore
from bot.db import get_engine
from bot.review.csv_export import CONVERSATION_COLUMNS, HANDOFF_COLUMNS, safe_cell
from bot.review.handoff_notes import HandoffNotes
from bot.review.purge import purge
from bot.review.shown import channel_name
from tests.console_app import ADVISOR, CONVERSATIONS, PASSWORD, Console, console_with_conversations
from tests.review_store import TrackerStore

COLLEAGUE = "colleague@school.edu"


@pytest.fixture(scope="module")
def console(loaded_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    with console_with_conversations(loaded_db_url, tmp_path_factory.mktemp("handoff")) as app:
        AccountStore(get_engine(app.settings.database_url)).create(COLLEAGUE, PASSWORD + " too")
        yield app


def card(page: str, request_id: int) -> str:
    found = re.search(rf'id="request-{request_id}">.*?</article>', page, re.S)
    assert found, f"request {request_id} is not on the page"
    return found.group(0)


def file_request(console: Console, contact: str, name: str = "Ana Souza", channel: str = "socketio") -> int:
    return console.handoffs().create(
        sender_id="console-human", name=name, contact=contact, channel=channel, message="evening programs?"
    )


def test_contacts_are_links_and_channels_plain_words(console: Console):
    phone = file_request(console, "+1 555 010 7788")
    email = file_request(console, "ana.souza@example.com", channel="telegram")
    queue = console.signed_in().get("/handoff").body
    assert '<a href="tel:+15550107788">+1 555 010 7788</a>' in card(queue, phone)
    assert '<a href="mailto:ana.souza@example.com">ana.souza@example.com</a>' in card(queue, email)
    assert f"on {channel_name('socketio')}" in card(queue, phone) and "on socketio" not in queue
    assert f"on {channel_name('telegram')}" in card(queue, email)


def test_a_status_change_is_confirmed_and_can_be_undone(console: Console):
    request_id = file_request(console, "maria@example.com", name="Maria Lopez")
    client = console.signed_in()
    token = client.csrf("/handoff")
    moved = client.post(f"/handoff/{request_id}", {"csrf_token": token, "status": "contacted", "back": "open"})
    assert moved.status == 303
    confirmed = client.get(moved.location.split("#")[0]).body
    notice = re.search(r'<div class="confirm" role="status">.*?</div>', confirmed, re.S).group(0)
    assert "Maria Lopez’s request was marked contacted" in notice
    assert f'href="/handoff?status=contacted#request-{request_id}"' in notice
    assert f'id="request-{request_id}"' not in confirmed  # it left the open tab, as the notice says
    undo = re.search(r'<input type="hidden" name="status" value="(\w+)">', notice).group(1)
    assert undo == "open"
    assert client.post(f"/handoff/{request_id}", {"csrf_token": token, "status": undo, "back": "open"}).status == 303
    assert console.handoffs().get(request_id).status == "open"
    # Nothing to confirm when nothing changed or the address was made up.
    assert 'class="confirm"' not in client.get(f"/handoff?changed={request_id}&was=open").body
    assert 'class="confirm"' not in client.get("/handoff?changed=abc&was=nonsense").body


def test_notes_and_an_assignee(console: Console):
    request_id = file_request(console, "(555) 222-3344", name="Lee Chen")
    client = console.signed_in()
    token = client.csrf("/handoff")
    assert "Nobody is handling this yet" in card(client.get("/handoff").body, request_id)
    assert client.post(f"/handoff/{request_id}/assign", {"csrf_token": token, "assignee": "me"}).status == 303
    mine = card(client.get("/handoff").body, request_id)
    assert f"Handled by <strong>{ADVISOR}</strong>" in mine and "Assign to me" not in mine
    given = client.post(f"/handoff/{request_id}/assign", {"csrf_token": token, "assignee": COLLEAGUE})
    assert given.status == 303 and f"Handled by <strong>{COLLEAGUE}</strong>" in card(
        client.get("/handoff").body, request_id
    )
    stranger = client.post(f"/handoff/{request_id}/assign", {"csrf_token": token, "assignee": "x@evil.example"})
    assert stranger.status == 400 and "nothing was changed" in stranger.body
    note = "Called, <b>voicemail</b>; try after 5 pm"
    assert client.post(f"/handoff/{request_id}/note", {"csrf_token": token, "note": note}).status == 303
    shown = card(client.get("/handoff").body, request_id)
    assert "Called, &lt;b&gt;voicemail&lt;/b&gt;; try after 5 pm" in shown and f"{ADVISOR}, " in shown
    empty = client.post(f"/handoff/{request_id}/note", {"csrf_token": token, "note": "   "})
    assert empty.status == 400 and "The note is empty" in empty.body
    assert client.post("/handoff/999999/note", {"csrf_token": token, "note": "x"}).status == 404
    assert client.post(f"/handoff/{request_id}/note", {"note": "no token"}).status == 403
    assert [
        n.text for n in HandoffNotes(get_engine(console.settings.database_url)).notes([request_id])[request_id]
    ] == [note]


def test_the_handoff_csv_has_the_contact_notes_and_assignee(console: Console):
    request_id = file_request(console, "+1 555 010 9999", name="=HYPERLINK(1)")
    client = console.signed_in()
    token = client.csrf("/handoff")
    client.post(f"/handoff/{request_id}/assign", {"csrf_token": token, "assignee": "me"})
    client.post(f"/handoff/{request_id}/note", {"csrf_token": token, "note": "left a message"})
    reply = client.get("/handoff.csv")
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("text/csv")
    assert 'attachment; filename="handoff-requests-' in reply.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(reply.body.lstrip("\ufeff"))))
    assert tuple(rows[0]) == HANDOFF_COLUMNS
    row = next(r for r in rows if r["request"] == str(request_id))
    assert row["name"] == safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"  # never a formula
    assert row["contact"] == "'+1 555 010 9999" and row["assigned to"] == ADVISOR
    assert row["notes"].endswith(": left a message") and row["channel"] == channel_name("socketio")
    assert len(rows) == console.handoffs().count("open") + console.handoffs().count(
        "contacted"
    ) + console.handoffs().count("resolved")
    open_only = list(csv.DictReader(io.StringIO(client.get("/handoff.csv?status=resolved").body.lstrip("\ufeff"))))
    assert len(open_only) == console.handoffs().count("resolved")
    assert console.client().get("/handoff.csv").status in (302, 303)  # signed-in advisors only


def test_the_conversations_csv_follows_the_list_filters_and_masks(console: Console):
    client = console.signed_in()
    everything = list(csv.DictReader(io.StringIO(client.get("/conversations.csv").body.lstrip("\ufeff"))))
    assert tuple(everything[0]) == CONVERSATION_COLUMNS
    assert {r["conversation"] for r in everything} >= {f"console-{name}" for name in CONVERSATIONS}
    usmle = next(r for r in everything if r["conversation"] == "console-usmle")
    assert "a***@example.com" in usmle["first message"] and "ana.lopez" not in usmle["first message"]
    assert usmle["channel"] == channel_name("rest") and usmle["messages from the person"] == "1"
    fallback = list(csv.DictReader(io.StringIO(client.get("/conversations.csv?flag=fallback").body.lstrip("\ufeff"))))
    assert "console-gibberish" in {r["conversation"] for r in fallback}
    assert all("fallback" in r["flags"].split() for r in fallback)


def test_notes_and_assignees_go_with_their_conversation_on_purge(console: Console, tmp_path):
    app_url = console.settings.database_url
    store = TrackerStore(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    old = store.conversation("old-one", start=dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc))
    old.exchange("hi", "greet", "Hello")
    request_id = console.handoffs().create(sender_id="old-one", name="Old", contact="old@example.com")
    notes = HandoffNotes(get_engine(app_url))
    notes.add(request_id=request_id, sender_id="old-one", text="gone soon", by=ADVISOR)
    notes.assign(request_id=request_id, sender_id="old-one", assignee=ADVISOR, by=ADVISOR)
    result = purge(store.url, app_url, 30)
    assert result.rows("handoff_notes") == 1 and result.rows("handoff_assignees") == 1
    assert notes.notes([request_id]) == {} and notes.assignments([request_id]) == {}


@pytest.mark.parametrize(
    "contact, link",
    [
        ("+1 555 010 7788", "tel:+15550107788"),
        ("(555) 222-3344 ext. 12", "tel:5552223344;ext=12"),
        ("Ana.Souza@Example.com", "mailto:Ana.Souza@Example.com"),
        ("call me after 5", ""),
    ],
)
def test_a_contact_becomes_the_link_a_phone_or_mail_program_opens(contact: str, link: str):
    from bot.console.handoff_views import contact_link

    assert contact_link(contact) == link
