"""The review layer over small tracker stores written row by row as Rasa writes them
(tests/review_store.py): masking, flags, filters, paging, transcripts, annotations,
the NLU export, dashboard figures and retention."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from bot.db import get_engine
from bot.handoff.store import HandoffStore
from bot.review.annotations import Annotation, AnnotationError, AnnotationStore, domain_intents
from bot.review.dashboard import Stats, charts, stats
from bot.review.export import nlu_yaml
from bot.review.logs import ConversationLog, Filters
from bot.review.privacy import mask
from bot.review.purge import purge
from bot.roadmap.progress import Profile, Progress, ProgressStore, progress_table
from bot.settings import PROJECT_ROOT
from tests.review_store import TrackerStore

UTC = dt.timezone.utc
DAY1 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
FALLBACK_REPLY = (
    "Sorry, I'm not sure I understood that, and I'd rather not guess. Could you rephrase it? "
    "I can help with becoming a medical assistant in the US, for example:"
)
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def app_url(loaded_db_url: str, tmp_path: Path) -> str:
    """A private copy of the loaded knowledge base: the app database, which tests write to."""
    source = Path(loaded_db_url.replace("sqlite:///", ""))
    target = tmp_path / "app.sqlite3"
    shutil.copy(source, target)
    return f"sqlite:///{target}"


@pytest.fixture
def store(tmp_path: Path) -> TrackerStore:
    return TrackerStore(f"sqlite:///{tmp_path / 'conversations.sqlite3'}")


def log_of(store: TrackerStore, app_url: str, threshold: float = 0.5) -> ConversationLog:
    return ConversationLog(store.url, app_url, threshold)


def senders(page) -> list:
    return [c.sender_id for c in page.items]


# --- privacy -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ana@example.com", "a***@example.com"),
        ("(555) 123-4567", "(***) ***-**67"),
        (
            "write to Ana.Lopez+cma@mail.school.edu or call +1 555 123 4567 today",
            "write to A***@mail.school.edu or call +* *** *** **67 today",
        ),
        ("555.123.4567 and bo@x.io", "***.***.**67 and b***@x.io"),
    ],
)
def test_mask_hides_emails_and_phone_numbers(text, expected):
    assert mask(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I graduated 2019-05-06",
        "I worked as an MA 2019-2023",
        "the exam costs $125",
        "3 years of experience",
        "CMA exam in 2026",
        "",
    ],
)
def test_mask_leaves_dates_years_and_prices_alone(text):
    assert mask(text) == text


# --- conversations, flags, filters, paging ------------------------------------------------------


def test_flags_from_events_and_app_database(store, app_url):
    store.conversation("nlu-fb").exchange("blorf zzk", "nlu_fallback", FALLBACK_REPLY, confidence=0.4)
    reply_fb = store.conversation("reply-fb")  # understood as an intent the knowledge base has no answer for
    reply_fb.exchange("huh what", "inform", FALLBACK_REPLY, confidence=0.9)
    core = store.conversation("core-fb")
    core.user("do the thing", "ask_salary", 0.9)
    core.action("action_default_fallback")
    core.bot("Sorry, I didn't get that. Could you rephrase it?", utter_action="utter_default")
    store.conversation("unsure").exchange("cma or something", "ask_what_is_cma", "A CMA is ...", confidence=0.42)
    store.conversation("human").exchange("can I talk to a person", "request_human", "I can't connect you yet.")
    store.conversation("row").exchange("hello", "greet", "Hi!")
    store.conversation("fine").exchange("how long does it take?", "ask_duration", "9-12 months.")
    HandoffStore(get_engine(app_url)).create(sender_id="row", name="Ana", contact="ana@example.com")
    log = log_of(store, app_url)
    AnnotationStore(log.app_engine).set_reviewed("fine", by="adv@school.edu")

    flags = {c.sender_id: c.flags for c in log.conversations(per_page=50).items}
    assert flags == {
        "nlu-fb": {"fallback"},
        "reply-fb": {"fallback"},
        "core-fb": {"fallback"},
        "unsure": {"low_confidence"},
        "human": {"handoff"},
        "row": {"handoff"},
        "fine": {"reviewed"},
    }
    assert sorted(senders(log.conversations(Filters(flag="fallback")))) == ["core-fb", "nlu-fb", "reply-fb"]
    assert "fine" not in senders(log.conversations(Filters(flag="unreviewed")))
    assert len(senders(log.conversations(Filters(flag="unreviewed")))) == 6
    # the threshold is the caller's (REVIEW_LOW_CONFIDENCE): at 0.96 every understood message is unsure
    strict = {c.sender_id for c in log_of(store, app_url, 0.96).conversations(Filters(flag="low_confidence")).items}
    assert strict == {"reply-fb", "core-fb", "unsure", "human", "row", "fine"}


def test_answers_to_a_form_question_are_not_counted_as_misses(store, app_url):
    """ "Dana" typed when the handoff form asks for a name is not understood by NLU, and need
    not be: the form reads it. Only what the bot could not use counts as a fallback."""
    asked = store.conversation("in-form")
    asked.user("talk to a person", "request_human", 0.97)
    asked.action("handoff_form")
    asked._event("active_loop", {"name": "handoff_form"})
    asked.bot("What name should the advisor use?")
    asked.action("action_listen")
    asked.user("Dana", "nlu_fallback", 0.31)
    asked.action("handoff_form")
    asked.bot("And the best email address or phone number to reach you?")
    asked.action("action_listen")
    asked.user("ok so", "inform", 0.35)
    asked.action("handoff_form")
    asked._event("active_loop", {"name": None})
    asked.action("action_listen")
    store.conversation("outside").exchange("Dana", "nlu_fallback", FALLBACK_REPLY, confidence=0.31)
    log = log_of(store, app_url)

    flags = {c.sender_id: c.flags for c in log.conversations().items}
    assert flags["in-form"] == {"handoff"} and flags["outside"] == {"fallback"}
    turns = [t for t in log.transcript("in-form")[1] if t.kind == "user"]
    assert [(t.fallback, t.low_confidence) for t in turns] == [(False, False)] * 3
    assert [text for text, _ in stats(log).unanswered] == ["Dana"]  # the one outside the form


def test_summary_counts_times_channel_background_and_roadmap_step(store, app_url):
    talk = store.conversation("ana", channel="socketio", start=DAY1)
    talk.exchange("walk me through it", "start_roadmap", "First, which of these describes you best?")
    talk.slot("background", "img")
    talk.exchange("I'm a doctor from Egypt", "inform", "Which credential?")
    talk.at(DAY1 + dt.timedelta(days=2)).exchange("next", "roadmap_next", "Step 2 of 6: ...")
    ProgressStore(get_engine(app_url)).save(
        Progress("ana", Profile(background="img", goal="residency"), current="program")
    )
    store.conversation("saved-only").exchange("continue", "roadmap_continue", "Step 1 ...")
    ProgressStore(get_engine(app_url)).save(Progress("saved-only", Profile(background="working_ma")))

    page = log_of(store, app_url).conversations()
    ana = next(c for c in page.items if c.sender_id == "ana")
    assert (ana.channel, ana.turns, ana.background, ana.roadmap_step) == ("socketio", 3, "img", "2 of 6")
    assert ana.started_at.date() == DAY1.date() and ana.last_at.date() == DAY1.date() + dt.timedelta(days=2)
    assert ana.first_message == "walk me through it"
    other = next(c for c in page.items if c.sender_id == "saved-only")
    assert (other.background, other.roadmap_step) == ("working_ma", None)  # background from saved progress


def test_filters_dates_channel_text_and_paging(store, app_url):
    for n in range(7):  # one conversation a day, alternating channels
        talk = store.conversation(f"c{n}", channel="slack" if n % 2 else "telegram", start=DAY1 + dt.timedelta(days=n))
        talk.exchange(f"question number {n}", "ask_duration", "9-12 months.")
    spans = store.conversation("spans", channel="rest", start=DAY1 - dt.timedelta(days=3))
    spans.exchange("my email is Ana@Example.com", "inform", "Thanks")
    spans.at(DAY1 + dt.timedelta(days=10)).exchange("back again", "greet", "Hi")
    log = log_of(store, app_url)

    assert log.channels() == ["rest", "slack", "telegram"]
    day = (DAY1 + dt.timedelta(days=2)).date()
    # inclusive UTC dates; a conversation active across the range counts
    assert sorted(senders(log.conversations(Filters(date_from=day, date_to=day)))) == ["c2", "spans"]
    assert sorted(senders(log.conversations(Filters(date_from=(DAY1 + dt.timedelta(days=5)).date())))) == [
        "c5",
        "c6",
        "spans",
    ]
    assert senders(log.conversations(Filters(date_to=(DAY1 - dt.timedelta(days=1)).date()))) == ["spans"]
    assert sorted(senders(log.conversations(Filters(channel="slack")))) == ["c1", "c3", "c5"]
    assert senders(log.conversations(Filters(text="QUESTION NUMBER 4"))) == ["c4"]
    assert senders(log.conversations(Filters(text="months"))) != []  # bot text is searched too
    # the search reads what an advisor sees: the masked address, not the hidden one
    assert senders(log.conversations(Filters(text="a***@example.com"))) == ["spans"]
    assert senders(log.conversations(Filters(text="ana@example.com"))) == []
    assert senders(log.conversations(Filters(channel="slack", text="number 3"))) == ["c3"]

    first, third = log.conversations(page=1, per_page=3), log.conversations(page=3, per_page=3)
    assert (first.total, first.pages, len(first.items), len(third.items)) == (8, 3, 3, 2)
    assert senders(first) == ["spans", "c6", "c5"]  # most recent first
    everything = [s for p in (1, 2, 3) for s in senders(log.conversations(page=p, per_page=3))]
    assert sorted(everything) == sorted({*everything}) and len(everything) == 8
    assert log.conversations(page=9, per_page=3).items == []
    clamped = log.conversations(page=-4, per_page=100000)
    assert (clamped.page, clamped.per_page, len(clamped.items)) == (1, 200, 8)
    assert "A***@Example.com" in log.conversations(Filters(channel="rest")).items[0].first_message


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"flag": "angry"}, "Unknown flag 'angry'"),
        ({"date_from": dt.date(2026, 3, 5), "date_to": dt.date(2026, 3, 1)}, "backwards"),
    ],
)
def test_bad_filters_say_what_is_wrong(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Filters(**kwargs)


def test_transcript_turns_intents_entities_buttons_and_masking(store, app_url):
    talk = store.conversation("maria")
    store_text = "how much is the RMA exam? mail me at maria@example.com"
    first = talk.user(
        store_text, "ask_exam_fee", 0.87, entities=[("credential", "RMA"), ("email", "maria@example.com")]
    )
    talk.action("action_answer")
    talk.bot("The RMA exam fee is $135.", buttons=["What does it pay?", "Talk to a person"])
    talk.bot("Sources: AMT, fees (retrieved 2026).")  # one reply split into two bot events
    talk.action("action_listen")
    second = talk.exchange("<script>alert(1)</script>", "nlu_fallback", FALLBACK_REPLY, confidence=0.4)
    log = log_of(store, app_url)
    AnnotationStore(log.app_engine).annotate(
        event_id=second,
        sender_id="maria",
        text="<script>alert(1)</script>",
        intent=None,
        out_of_scope=True,
        note="test input",
        by="adv",
    )

    summary, turns = log.transcript("maria")
    assert [t.kind for t in turns] == ["user", "bot", "bot", "user", "bot"]  # session and action events are not turns
    user = turns[0]
    assert (user.event_id, user.intent, round(user.confidence, 2)) == (first, "ask_exam_fee", 0.87)
    assert user.text == "how much is the RMA exam? mail me at m***@example.com"
    assert user.entities == (("credential", "RMA"), ("email", "m***@example.com"))
    assert turns[1].buttons == ("What does it pay?", "Talk to a person") and turns[2].text.startswith("Sources")
    assert turns[3].fallback and not turns[3].low_confidence and turns[3].text == "<script>alert(1)</script>"
    assert turns[3].annotation.out_of_scope and turns[3].annotation.note == "test input"
    assert turns[0].annotation is None and turns[0].timestamp < turns[1].timestamp
    AnnotationStore(log.app_engine).annotate(
        event_id=first, sender_id="maria", text=store_text, intent="ask_exam_fee", out_of_scope=False, note="", by="adv"
    )
    assert log.transcript("maria")[1][0].annotation.text == "how much is the RMA exam? mail me at m***@example.com"
    assert log.transcript("maria", reveal=True)[1][0].annotation.text == store_text
    assert summary.first_message == "how much is the RMA exam? mail me at m***@example.com"
    revealed_summary, revealed = log.transcript("maria", reveal=True)
    assert "maria@example.com" in revealed[0].text and ("email", "maria@example.com") in revealed[0].entities
    assert "maria@example.com" in revealed_summary.first_message
    assert log.transcript("nobody") is None


def test_a_store_no_conversation_has_created_reads_as_empty(tmp_path, app_url):
    missing = tmp_path / "not-yet.sqlite3"
    log = ConversationLog(f"sqlite:///{missing}", app_url)
    page = log.conversations()
    assert (page.items, page.total, log.channels(), log.transcript("x")) == ([], 0, [], None)
    assert stats(log).days == []
    assert purge(f"sqlite:///{missing}", app_url, 30).conversations == 0
    assert not missing.exists()  # reading never creates the tracker store
    empty_db = tmp_path / "empty.sqlite3"  # a database without the events table yet
    get_engine(f"sqlite:///{empty_db}").connect().close()
    assert ConversationLog(f"sqlite:///{empty_db}", app_url).conversations().total == 0


def test_list_follows_new_events(store, app_url):
    log = log_of(store, app_url)
    assert log.conversations().total == 0
    store.conversation("late").exchange("hi", "greet", "Hello!")
    assert senders(log.conversations()) == ["late"]


# --- annotations ------------------------------------------------------------------------------------


def test_domain_intents_are_the_choices():
    intents = domain_intents()
    assert {"request_human", "ask_usmle", "out_of_scope", "roadmap_next"} <= set(intents)
    assert "nlu_fallback" not in intents and len(intents) == len(set(intents))


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"intent": "ask_weather"}, "Unknown intent 'ask_weather'"),
        ({"text": "   "}, "empty"),
        ({"intent": "ask_usmle", "out_of_scope": True}, "either an intent or out of scope"),
        ({"intent": None, "note": ""}, "Set the correct intent"),
        ({"by": ""}, "advisor"),
        ({"event_id": 0}, "Not a message id"),
        ({"note": "x" * 2001}, "longer than 2000"),
    ],
)
def test_bad_annotations_are_refused_with_a_reason(app_url, changes, message):
    store = AnnotationStore(get_engine(app_url))
    values = {
        "event_id": 5,
        "sender_id": "s",
        "text": "do i need usmle",
        "intent": "ask_usmle",
        "out_of_scope": False,
        "note": "",
        "by": "adv@school.edu",
    }
    with pytest.raises(AnnotationError, match=message):
        store.annotate(**{**values, **changes})
    assert store.all() == []  # nothing half-stored


def test_annotations_replace_and_reviewed_marks_toggle(app_url):
    store = AnnotationStore(get_engine(app_url))
    store.annotate(
        event_id=7, sender_id="s1", text="usmle?", intent="ask_usmle", out_of_scope=False, note="", by="a@x.edu"
    )
    again = store.annotate(
        event_id=7,
        sender_id="s1",
        text="usmle?",
        intent="out_of_scope",
        out_of_scope=False,
        note="not for us",
        by="b@x.edu",
    )
    store.annotate(event_id=9, sender_id="s2", text="hmm", intent=None, out_of_scope=False, note="odd", by="a@x.edu")
    assert (again.intent, again.out_of_scope) == (None, True)  # the out_of_scope intent is the out-of-scope mark
    assert [(a.event_id, a.by) for a in store.all()] == [(7, "b@x.edu"), (9, "a@x.edu")]
    assert set(store.for_conversation("s1")) == {7} and store.for_conversation("s1")[7].note == "not for us"
    store.set_reviewed("s1", by="a@x.edu")
    store.set_reviewed("s2", by="a@x.edu")
    store.set_reviewed("s2", by="a@x.edu", reviewed=False)
    assert store.reviewed() == {"s1"}


# --- export -------------------------------------------------------------------------------------------


def note(event_id: int, text: str, intent=None, out_of_scope=False, minutes=0, note_text="") -> Annotation:
    return Annotation(
        event_id, "s", text, intent, out_of_scope, note_text, "adv", DAY1 + dt.timedelta(minutes=minutes or event_id)
    )


def test_export_groups_masks_and_removes_duplicates():
    text = nlu_yaml(
        [
            note(1, "do i need usmle as an egyptian doctor? write to ana@example.com", "ask_usmle"),
            note(2, "Do I need USMLE as an Egyptian doctor?  write to ana@example.com", "ask_usmle"),  # same, twice
            note(3, "play me a song", out_of_scope=True),
            note(4, "how much is the [CMA](credential) exam {now}", "ask_exam_fee"),
            note(5, "what is the weather like today", "ask_salary"),  # already out_of_scope in the training data
            note(6, "tell me a joke please", "ask_joke"),  # an intent the domain does not have
            note(7, "just a note", note_text="call back"),  # a note is not training data
            note(8, "rma or cma for me", "ask_credential_info"),
            note(9, "rma or cma for me", "ask_which_credential", minutes=20),  # re-annotated: the later one counts
        ],
        existing={"what is the weather like today": "out_of_scope"},
    )
    data = yaml.safe_load(text)
    examples = {block["intent"]: [line[2:] for line in block["examples"].splitlines()] for block in data["nlu"]}
    assert data["version"] == "3.1"
    assert examples == {
        "ask_usmle": ["Do I need USMLE as an Egyptian doctor? write to a***@example.com"],
        "out_of_scope": ["play me a song"],
        "ask_exam_fee": ["how much is the (CMA)(credential) exam (now)"],
        "ask_which_credential": ["rma or cma for me"],
    }
    assert "# left out: 'what is the weather like today': already an example of 'out_of_scope'" in text
    assert "'ask_joke' is not in domain.yml" in text
    assert "ana@example.com" not in text
    assert yaml.safe_load(nlu_yaml([]))["nlu"] == []


@pytest.mark.model  # Rasa's own validator loads its training stack: tens of seconds, with the model tests
def test_export_is_accepted_by_rasa_data_validate(tmp_path):
    """The export next to a copy of the project's training data passes `make validate`'s strict check
    (--fail-on-warnings: an example under two intents, or an intent the domain lacks, fails it)."""
    data = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data" / "nlu", data / "nlu")
    shutil.copytree(PROJECT_ROOT / "data" / "stories", data / "stories")
    (data / "nlu" / "review_export.yml").write_text(
        nlu_yaml(
            [
                note(1, "my friend said i need usmle first, call me (555) 123-4567", "ask_usmle"),
                note(2, "can you order me a pizza", out_of_scope=True),
                note(3, "what's the weather like today", "ask_salary"),  # out_of_scope in data/nlu: must be left out
                note(4, "[RMA](credential) renewal {how often}", "ask_renewal"),  # no entity markup may survive
            ]
        )
    )
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "rasa"),
            "data",
            "validate",
            "--fail-on-warnings",
            "--domain",
            "domain.yml",
            "--data",
            str(data),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


# --- dashboard ----------------------------------------------------------------------------------------


def test_stats_per_day_rates_top_intents_and_unanswered(store, app_url):
    day2 = DAY1 + dt.timedelta(days=2)  # nothing on the day between
    a = store.conversation("a", start=DAY1)
    a.exchange("how long does it take", "ask_duration", "9-12 months.")
    a.exchange("blorf", "nlu_fallback", FALLBACK_REPLY, confidence=0.3)
    a.exchange("Blorf!", "nlu_fallback", FALLBACK_REPLY, confidence=0.3)
    a.exchange("how long is the program", "ask_duration", "9-12 months.")
    b = store.conversation("b", start=DAY1)
    b.exchange("call me at 555 123 4567", "nlu_fallback", FALLBACK_REPLY, confidence=0.3)
    c = store.conversation("c", start=day2)
    c.exchange("what does it pay", "ask_salary", "$44,200")
    c.exchange("pay in texas", "ask_salary", "...")
    log = log_of(store, app_url)

    s = stats(log)
    assert s.days == [DAY1.date(), DAY1.date() + dt.timedelta(days=1), day2.date()]
    assert (s.conversations_per_day, s.messages_per_day) == ([2, 0, 1], [5, 0, 2])
    assert s.fallback_rate_per_day == [pytest.approx(3 / 5), 0.0, 0.0]
    assert s.top_intents == [("nlu_fallback", 3), ("ask_duration", 2), ("ask_salary", 2)]
    assert s.unanswered == [("blorf", 2), ("call me at *** *** **67", 1)]
    assert stats(log, top=1).top_intents == [("nlu_fallback", 3)]
    only_c = stats(log, Filters(date_from=day2.date(), date_to=day2.date()))
    assert (only_c.days, only_c.messages_per_day, only_c.unanswered) == ([day2.date()], [2], [])
    slack = stats(log, Filters(channel="slack"))
    assert (slack.days, slack.top_intents) == ([], [])

    images = charts(s)
    assert set(images) == {"volume", "fallback", "intents", "unanswered"}
    assert all(png.startswith(PNG) and len(png) > 5000 for png in images.values())


def test_charts_of_an_empty_period_and_odd_labels_still_draw():
    empty = charts(Stats([], [], [], [], [], []))
    assert all(png.startswith(PNG) for png in empty.values())
    odd = Stats(
        [DAY1.date()], [1], [1], [1.0], [("nlu_fallback", 1)], [("it costs $5 or $6 \\frac{ ^_^ " + "x" * 200, 1)]
    )  # matplotlib would read $...$ as maths
    assert charts(odd)["unanswered"].startswith(PNG)


# --- retention ---------------------------------------------------------------------------------------


def test_purge_removes_old_conversations_with_their_app_rows_and_dry_run_only_counts(store, app_url):
    now = dt.datetime(2026, 6, 1, tzinfo=UTC)
    old = store.conversation("old", start=now - dt.timedelta(days=40))
    old_id = old.exchange("hi", "greet", "Hello")
    came_back = store.conversation("came-back", start=now - dt.timedelta(days=90))
    came_back.exchange("hi", "greet", "Hello")
    came_back.at(now - dt.timedelta(days=2)).exchange("me again", "greet", "Hello again")
    new_id = store.conversation("new", start=now - dt.timedelta(days=1)).exchange("hi", "greet", "Hello")
    engine = get_engine(app_url)
    notes, handoffs, progress = AnnotationStore(engine), HandoffStore(engine), ProgressStore(engine)
    for sender, event_id in (("old", old_id), ("new", new_id)):
        notes.annotate(
            event_id=event_id, sender_id=sender, text="hi", intent="greet", out_of_scope=False, note="", by="adv"
        )
        notes.set_reviewed(sender, by="adv")
        handoffs.create(sender_id=sender, name="N", contact="n@example.com")
        progress.save(Progress(sender, Profile(background="img")))
    events_before = len(store.rows())
    old_events = sum(1 for r in store.rows() if r.sender_id == "old")

    dry = purge(store.url, app_url, 30, dry_run=True, now=now)
    assert (dry.conversations, dry.events, dry.annotations, dry.handoff_requests, dry.roadmap_progress) == (
        1,
        old_events,
        1,
        1,
        1,
    )
    assert len(store.rows()) == events_before and len(notes.all()) == 2  # a dry run deletes nothing

    done = purge(store.url, app_url, 30, now=now)
    assert done == dry
    assert {r.sender_id for r in store.rows()} == {"came-back", "new"}
    assert [a.sender_id for a in notes.all()] == ["new"] and notes.reviewed() == {"new"}
    assert [h.sender_id for h in handoffs.list()] == ["new"]
    with engine.connect() as conn:
        assert set(conn.execute(select(progress_table.c.sender_id)).scalars()) >= {"new"}
        assert "old" not in set(conn.execute(select(progress_table.c.sender_id)).scalars())
    assert purge(store.url, app_url, 30, now=now).conversations == 0
    for bad in (0, -3, 1.5, "30"):
        with pytest.raises(ValueError, match="whole number of days"):
            purge(store.url, app_url, bad, now=now)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("555-010-7788x12", "***-***-**88x**"),
        ("555.010.7788ext 3", "***.***.**88ext *"),
        ("call 5550107788now", "call ********88now"),
        ("tel5550107788", "tel********88"),
        ("write to ana(at)example(dot)com", "write to a***(at)example(dot)com"),
        ("ana [at] example [dot] com", "a*** [at] example [dot] com"),
        ("anä@exämple.com", "a***@exämple.com"),
        ("+1 555 010 7788 x 205", "+* *** *** **88 x ***"),
    ],
)
def test_mask_hides_the_formats_hostile_use_found(text, expected):
    assert mask(text) == expected


FIGURE = re.compile(r"\$\d[\d,.]*|\d[\d.,]*\s?%|\b(?:19|20)\d\d\b(?:[–-]\d\d\b)?")


def test_every_figure_the_bot_states_reads_the_same_after_masking(kb):
    """Money, years and percentages in every answer of the knowledge base survive masking
    ("$37,190 (2021)" once became "$37,*** (**21)")."""
    from bot.answers.reply import reply_for
    from bot.kb.content import read_content
    from tests.conftest import CONTENT

    checked = 0
    for topic in read_content(CONTENT).topics:
        for intent in topic.intents:
            text = reply_for(kb, intent).text
            masked = mask(text)
            for figure in FIGURE.findall(text):
                assert figure in masked, f"{intent}: {figure!r} was masked:\n{masked}"
                checked += 1
    assert checked >= 20  # the knowledge base states many figures; all were looked at


def test_purged_conversations_are_gone_from_the_files_on_disk(tmp_path):
    """They stayed readable in the SQLite write-ahead log (and in free pages) after a purge."""
    from sqlalchemy import text as sql

    from tests.review_store import TrackerStore

    now = dt.datetime(2026, 6, 1, tzinfo=dt.timezone.utc)
    tracker_db, app_db = tmp_path / "conversations.sqlite3", tmp_path / "app.sqlite3"
    store = TrackerStore(f"sqlite:///{tracker_db}")
    with store.engine.connect() as conn:  # as the bot's tracker store sets it up
        conn.execute(sql("PRAGMA journal_mode=WAL"))
    reader = store.engine.connect()  # the bot keeps a connection open
    reader.execute(sql("SELECT count(*) FROM events")).all()
    secret = "my-phone-is-555-010-7788-call-me"
    store.conversation("old", start=now - dt.timedelta(days=40)).exchange(secret, "greet", "Hello")
    store.conversation("new", start=now - dt.timedelta(days=1)).exchange("hi", "greet", "Hello")
    HandoffStore(get_engine(f"sqlite:///{app_db}")).create(sender_id="old", name="Carla Secret", contact="carla@x.io")

    assert purge(store.url, f"sqlite:///{app_db}", 30, now=now).conversations == 1
    reader.close()
    on_disk = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith(("conversations", "app")))
    assert secret.encode() not in on_disk and b"Carla Secret" not in on_disk
    assert {r.sender_id for r in store.rows()} == {"new"}
