"""Handoff requests (bot/handoff/store.py) and the readers of the handoff form's answers."""

from __future__ import annotations

import pytest

from bot.contacts import find_contact, find_email, find_phone
from bot.db import get_engine
from bot.handoff import reading as read
from bot.handoff.store import HandoffStore


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ana.souza@example.com", "ana.souza@example.com"),
        ("mail me at Ana_S+cma@school.edu.br please", "Ana_S+cma@school.edu.br"),
        ("call me at (555) 123-4567", "(555) 123-4567"),
        ("+44 20 7946 0958", "+44 20 7946 0958"),
        ("5551234567", "5551234567"),
    ],
)
def test_contacts_are_found_in_what_people_type(text, expected):
    assert find_contact(text) == expected


@pytest.mark.parametrize(
    "text",
    ["in 2025", "born 12-05-1990", "from 2019 to 2023", "about 160 hours", "no", "", "ana at example dot com", "12345"],
)
def test_years_dates_and_short_numbers_are_not_contacts(text):
    assert find_contact(text) is None


def test_an_email_wins_over_a_phone_when_both_are_given():
    assert find_email("ana@example.com or 555 123 4567") == "ana@example.com"
    assert find_phone("ana@example.com or 555 123 4567") == "555 123 4567"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ana Souza", "Ana Souza"),
        ("it's Ana", "Ana"),
        ("my name is Dr. Karim Haddad", "Dr. Karim Haddad"),
        ("Hi, I'm José", "José"),
        ("Ana, ana@example.com", "Ana"),
        ("call me Li", "Li"),
        ("Stopford", "Stopford"),  # starts like "stop", but a name
        ("Si Chen", "Si Chen"),  # starts like "si", but a name
        ("Si", "Si"),
        ("Will Smith", "Will Smith"),  # starts like "will ...?", but a name
    ],
)
def test_names_are_read_from_free_text(text, expected):
    assert read.name(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "12345",
        "what does it pay",
        "cancel",
        "never mind",
        "actually never mind, cancel that",
        "olvídalo",
        "next",
        "skip",
        "start over",
        "ok",
        "yes please",
        "nope",
        "a b c d e f g h",
        "x" * 90,
        "R2D2",
    ],
)
def test_things_that_are_not_names(text):
    assert read.name(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("yes, send it", "yes"),
        ("Yes", "yes"),
        ("ok", "yes"),
        ("sure, go ahead", "yes"),
        ("change my details", "change"),
        ("no, the email is wrong", "change"),
        ("no", "no"),
        ("cancel", "no"),
        ("never mind", "no"),
        ("banana", None),
        ("si", "yes"),
        ("sí", "yes"),
        ("yep", "yes"),
        ("yeah", "yes"),
        ("ya", "yes"),
        ("okay", "yes"),
        ("sure", "yes"),
        ("correct", "yes"),
        ("right", "yes"),
        ("claro", "yes"),
        ("please send it", "yes"),
        ("nope", "no"),
        ("nah", "no"),
        ("actually never mind, cancel that", "no"),
        ("olvídalo", "no"),
        ("start over", "change"),
        ("ok but wait", None),
    ],
)
def test_the_confirmation_is_yes_no_or_change(text, expected):
    assert read.confirmation(text) == expected


@pytest.mark.parametrize(
    "text, intent, confidence, expected",
    [
        ("how much does it pay?", "ask_salary", 0.9, True),
        ("what is the exam fee", "ask_exam_fee", 0.9, True),
        ("exam fee", "ask_exam_fee", 0.95, True),
        ("Ana Souza", "out_of_scope", 0.8, False),
        ("Ana Souza", "ask_salary", 0.45, False),  # NLU unsure: take it as the answer
        ("ana@example.com", "nlu_fallback", 0.3, False),
        ("is the externship paid", "nlu_fallback", 0.3, True),  # reads as a question whatever NLU says
        ("Will Smith", "out_of_scope", 0.6, False),
        ("Sam Flood", "greet", 0.71, False),  # a retrained model heard a greeting in this name
        ("hi there!", "greet", 0.9, True),
        ("thanks so much", "thank", 0.9, True),
    ],
)
def test_a_question_is_told_from_an_answer(text, intent, confidence, expected):
    assert read.is_question(text, intent, confidence) is expected


def test_requests_are_stored_listed_newest_first_and_moved_along(tmp_path):
    store = HandoffStore(get_engine(f"sqlite:///{tmp_path / 'app.sqlite3'}"))
    first = store.create(
        sender_id="s1", name=" Ana ", contact="ana@example.com", channel="socketio", message="can I talk to someone?"
    )
    second = store.create(sender_id="s2", name="Li", contact="+1 555 010 7788")
    assert [r.id for r in store.list()] == [second, first]
    assert store.get(first).name == "Ana" and store.get(first).status == "open"
    assert store.set_status(first, "contacted", by="advisor@school.edu")
    assert [r.id for r in store.list("contacted")] == [first]
    assert store.get(first).updated_by == "advisor@school.edu"
    assert not store.set_status(999, "resolved")
    with pytest.raises(ValueError, match="status must be one of"):
        store.set_status(first, "lost")
    assert store.delete_for(["s2"]) == 1 and [r.id for r in store.list()] == [first]


def test_requests_survive_a_new_store_on_the_same_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.sqlite3'}"
    request_id = HandoffStore(get_engine(url)).create(sender_id="s", name="Ana", contact="ana@example.com")
    get_engine.cache_clear()
    assert HandoffStore(get_engine(url)).get(request_id).contact == "ana@example.com"


# --- throttling: a conversation, or a client address, can file only a few requests --------------


def test_the_bot_files_a_few_requests_per_conversation_then_refuses(tmp_path):
    from bot.handoff.store import PER_CONVERSATION, TooManyRequests

    store = HandoffStore(get_engine(f"sqlite:///{tmp_path / 'h.db'}"))
    most, _ = PER_CONVERSATION
    for n in range(most):
        store.file(sender_id="spammer", name=f"Name {n}", contact="a@example.com")
    with pytest.raises(TooManyRequests):
        store.file(sender_id="spammer", name="One more", contact="a@example.com")
    assert len(store.list(sender_id="spammer")) == most
    store.file(sender_id="someone-else", name="Ana", contact="ana@example.com")  # others are not held up


def test_the_bot_files_a_few_requests_per_client_address_across_conversations(tmp_path):
    from bot.handoff.store import PER_CLIENT, TooManyRequests

    store = HandoffStore(get_engine(f"sqlite:///{tmp_path / 'h.db'}"))
    most, _ = PER_CLIENT
    refused = 0
    for n in range(300):  # what one address filed in 22 s, each from a new conversation
        try:
            store.file(sender_id=f"new-{n}", name="Spam", contact="spam@example.com", client="hash-of-one-address")
        except TooManyRequests:
            refused += 1
    assert (300 - refused, refused) == (most, 300 - most)
    store.file(sender_id="new-0-other", name="Ana", contact="ana@example.com", client="hash-of-another-address")
    assert store.count("open") == most + 1


def test_the_queue_is_paged_with_counts_for_each_status(tmp_path):
    store = HandoffStore(get_engine(f"sqlite:///{tmp_path / 'h.db'}"))
    ids = [store.create(sender_id=f"p{n}", name=f"Person {n}", contact="p@example.com") for n in range(60)]
    store.set_status(ids[0], "resolved")
    first = store.page("open", 1, 25)
    assert (first.total, first.pages, first.counts) == (59, 3, {"open": 59, "contacted": 0, "resolved": 1})
    assert [r.id for r in first.requests] == ids[:0:-1][:25]  # newest first
    last = store.page("open", 3, 25)
    assert [r.id for r in last.requests] == ids[9:0:-1]
    assert store.page("open", 4, 25).requests == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("+1 555 010 7788x", "+1 555 010 7788"),  # was filed as "+1 555 010"
        ("555-010-7788x12", "555-010-7788x12"),
        ("call 555.010.7788 ext 3 after five", "555.010.7788 ext 3"),
        ("5550107788now", "5550107788"),
        ("tel5550107788", "5550107788"),
        ("anä@exämple.com", "anä@exämple.com"),
    ],
)
def test_a_phone_extension_is_read_whole_and_glued_numbers_are_found(text, expected):
    assert find_contact(text) == expected


@pytest.mark.parametrize(
    "text", ["it costs $37,190 (2021)", "grew 12% (2024-34)", "in 2019 2020 2021", "fees of $1,250.00 (2026)"]
)
def test_figures_are_not_read_as_phone_numbers(text):
    assert find_contact(text) is None


def test_an_answer_with_a_contact_is_an_answer_whatever_nlu_heard_in_it():
    """NLU heard "Rosa Hernández, rosa.hdz@yahoo.com" as a greeting (0.96); a name and an email are
    the answer to the form's question, and a real greeting still is not."""
    from bot.handoff.reading import is_question

    assert not is_question("Rosa Hernández, rosa.hdz@yahoo.com", "greet", 0.96)
    assert is_question("hello there", "greet", 0.96)
    assert is_question("can you email me at ana@example.com?", "request_human", 0.9)
