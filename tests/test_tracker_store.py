"""The tracker store: conversations continue from memory, yet the database stays the truth."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore, create_tracker_store
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import read_endpoint_config

from bot.rasa.tracker_store import CachedSQLTrackerStore
from bot.settings import PROJECT_ROOT

DOMAIN = Domain.from_yaml("""
version: "3.1"
intents: [greet]
slots:
  background: {type: text, influence_conversation: false, mappings: [{type: custom}]}
""")


def run(coroutine):
    return asyncio.run(coroutine)


def store(db: Path, **kwargs) -> CachedSQLTrackerStore:
    return CachedSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{db}", **kwargs)


def say(tracker, text: str) -> None:
    tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}))
    tracker.update(SlotSet("background", text))
    tracker.update(ActionExecuted("action_listen"))


def stored(db: Path, sender: str) -> list:
    """The events as Rasa's stock SQL store reads them back."""
    tracker = run(SQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{db}").retrieve(sender))
    return [e.as_dict() for e in tracker.events] if tracker else []


def rows(db: Path, sender: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]


def test_a_conversation_continues_from_memory_and_every_event_is_saved(tmp_path: Path):
    db, s = tmp_path / "c.db", store(tmp_path / "c.db")
    tracker = run(s.get_or_create_tracker("maria"))
    for text in ("hi", "I'm a doctor", "Texas"):
        tracker = run(s.retrieve("maria"))
        say(tracker, text)
        run(s.save(tracker))
    assert run(s.retrieve("maria")) is tracker  # no rebuild from the database
    assert stored(db, "maria") == [e.as_dict() for e in tracker.events]
    assert rows(db, "maria") == len(tracker.events)  # nothing written twice
    assert tracker.get_slot("background") == "Texas"


def test_what_another_process_wrote_is_read_back_from_the_database(tmp_path: Path):
    db = tmp_path / "c.db"
    ours, other = store(db), store(db)
    mine = run(ours.get_or_create_tracker("maria"))
    say(mine, "hi")
    run(ours.save(mine))
    theirs = run(other.retrieve("maria"))
    say(theirs, "from the other worker")
    run(other.save(theirs))
    now = run(ours.retrieve("maria"))
    assert now is not mine and now.get_slot("background") == "from the other worker"
    assert [e.as_dict() for e in now.events] == stored(db, "maria")


def test_changes_that_were_never_saved_are_not_handed_out(tmp_path: Path):
    db, s = tmp_path / "c.db", store(tmp_path / "c.db")
    tracker = run(s.get_or_create_tracker("maria"))
    say(tracker, "saved")
    run(s.save(tracker))
    say(tracker, "lost when the request failed")  # no save: the turn broke off
    again = run(s.retrieve("maria"))
    assert again is not tracker and again.get_slot("background") == "saved"
    say(again, "next turn")
    run(s.save(again))
    assert rows(db, "maria") == len(again.events) and stored(db, "maria")[-2]["value"] == "next turn"


def test_a_new_session_inside_a_kept_tracker_is_saved_once_and_read_back_alone(tmp_path: Path):
    db, s = tmp_path / "c.db", store(tmp_path / "c.db")
    tracker = run(s.get_or_create_tracker("maria"))
    tracker.update(SessionStarted())
    say(tracker, "first session")
    run(s.save(tracker))
    tracker = run(s.retrieve("maria"))
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    say(tracker, "second session")
    run(s.save(tracker))
    assert rows(db, "maria") == len(tracker.events)
    again = run(s.retrieve("maria"))
    assert again is not tracker  # read back: the latest session only, as Rasa's own store does
    assert [e.as_dict() for e in again.events] == stored(db, "maria")
    assert not any(e.as_dict().get("value") == "first session" for e in again.events)


def test_only_the_most_recent_conversations_are_kept(tmp_path: Path):
    s = store(tmp_path / "c.db", cached_conversations=2)
    trackers = {}
    for sender in ("a", "b", "c"):
        trackers[sender] = run(s.get_or_create_tracker(sender))
        say(trackers[sender], sender)
        run(s.save(trackers[sender]))
    assert list(s._cache) == ["b", "c"]
    a = run(s.retrieve("a"))
    assert a is not trackers["a"] and a.get_slot("background") == "a"


def test_sqlite_is_switched_to_write_ahead_logging(tmp_path: Path):
    store(tmp_path / "c.db")
    with sqlite3.connect(tmp_path / "c.db") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_endpoints_yml_gives_rasa_this_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Rasa falls back to an in-memory store, with only a warning, if the class cannot be imported."""
    monkeypatch.setenv("TRACKER_STORE_URL", f"sqlite:///{tmp_path / 'c.db'}")
    monkeypatch.setenv("ACTION_PORT", "5055")
    config = read_endpoint_config(str(PROJECT_ROOT / "endpoints.yml"), "tracker_store")
    created = create_tracker_store(config, DOMAIN)
    inner = getattr(created, "_tracker_store", created)
    inner = getattr(inner, "_tracker_store", inner)
    assert isinstance(inner, CachedSQLTrackerStore)
    assert str(inner.engine.url) == f"sqlite:///{tmp_path / 'c.db'}"


# --- a database that cannot be written: the turn is not stored, and says so -----------------------


def locked(db: Path) -> sqlite3.Connection:
    """Another writer holding SQLite's write lock: every write of the store fails until it lets go."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    return conn


def test_a_turn_the_database_refuses_is_marked_not_stored_and_not_remembered(tmp_path: Path, monkeypatch):
    from bot.rasa import tracker_store
    from bot.rasa.turns import recording_turn

    monkeypatch.setattr(tracker_store, "SQLITE_BUSY_TIMEOUT_S", 0.2)
    db, s = tmp_path / "c.db", store(tmp_path / "c.db")
    tracker = run(s.get_or_create_tracker("maria"))
    say(tracker, "hi")
    run(s.save(tracker))
    saved = stored(db, "maria")

    lock = locked(db)
    with recording_turn() as turn:
        tracker = run(s.retrieve("maria"))
        say(tracker, "I'm a doctor")
        run(s.save(tracker))  # no exception: the turn's record says it
    assert not turn.stored
    lock.rollback()
    lock.close()

    again = run(s.retrieve("maria"))
    assert again is not tracker  # the copy holding the unsaved turn is forgotten
    assert [e.as_dict() for e in again.events] == saved == stored(db, "maria")

    with recording_turn() as turn:  # writable again: the retried turn is stored whole
        say(again, "I'm a doctor")
        run(s.save(again))
    assert turn.stored and stored(db, "maria") == [e.as_dict() for e in again.events]


def test_outside_a_guarded_turn_a_failed_write_raises_as_rasas_does(tmp_path: Path, monkeypatch):
    from bot.rasa import tracker_store

    monkeypatch.setattr(tracker_store, "SQLITE_BUSY_TIMEOUT_S", 0.2)
    db, s = tmp_path / "c.db", store(tmp_path / "c.db")
    tracker = run(s.get_or_create_tracker("maria"))
    lock = locked(db)
    say(tracker, "hi")
    with pytest.raises(Exception, match="locked"):
        run(s.save(tracker))
    lock.rollback()
    lock.close()


def test_after_a_failed_read_the_rebuilt_tracker_is_not_written(tmp_path: Path, monkeypatch):
    from bot.rasa.turns import recording_turn

    db, s = tmp_path / "c.db", store(tmp_path / "c.db")
    tracker = run(s.get_or_create_tracker("maria"))
    say(tracker, "hi")
    run(s.save(tracker))
    before = stored(db, "maria")

    def unreadable(sender_id: str) -> int:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(s, "_newest_id", unreadable)
    with recording_turn() as turn:
        with pytest.raises(sqlite3.OperationalError):
            run(s.retrieve("maria"))
        fresh = DialogueStateTracker("maria", DOMAIN.slots)  # what Rasa builds when the read failed
        say(fresh, "I'm a doctor")
        run(s.save(fresh))
    assert not turn.stored and stored(db, "maria") == before
