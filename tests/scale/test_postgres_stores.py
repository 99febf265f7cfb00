"""The app's own tables on PostgreSQL, shared by several processes as in docs/deploy.md:
roadmap progress, handoff requests and the knowledge base. Run by `make test-scale`."""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from bot.handoff.store import HandoffStore
from bot.kb.loader import load
from bot.kb.queries import KnowledgeBase
from bot.roadmap.progress import Progress, ProgressStore
from tests.scale.contention import at_once

_names = itertools.count()


@pytest.fixture
def pg_url(postgres) -> str:
    """A fresh, empty database of the private cluster for each test."""
    return postgres.create_database(f"stores{next(_names)}")


def test_first_use_by_several_servers_at_once_creates_the_tables_once(pg_url):
    """Action servers starting together all find the tables missing; none may fail for it."""

    def first_use(n: int) -> None:
        engine = create_engine(pg_url, future=True)  # one engine per server process
        if n % 2:
            HandoffStore(engine).create(sender_id=f"s{n}", name="Ana", contact="ana@example.org")
        else:
            ProgressStore(engine).save(Progress(f"s{n}", current="credential_evaluation"))

    assert at_once(first_use, 6) == []
    engine = create_engine(pg_url, future=True)
    assert {"roadmap_progress", "handoff_requests"} <= set(inspect(engine).get_table_names())
    assert len(HandoffStore(engine).list()) == 3
    assert ProgressStore(engine).load("s0").current == "credential_evaluation"


def test_progress_round_trip_and_first_saves_racing_for_one_sender(pg_url):
    engine = create_engine(pg_url, future=True)
    store = ProgressStore(engine)
    saved = store.save(Progress("maria", current="externship", done=("credential_evaluation",)))
    loaded = ProgressStore(create_engine(pg_url, future=True)).load("maria")
    assert (loaded.current, loaded.done) == ("externship", ("credential_evaluation",))
    assert loaded.updated_at == saved.updated_at and loaded.updated_at.tzinfo is not None

    errors = at_once(
        lambda n: ProgressStore(create_engine(pg_url, future=True)).save(Progress("racer", current=f"step{n}")), 4
    )
    assert errors == []
    assert ProgressStore(engine).load("racer").current in {f"step{n}" for n in range(4)}
    store.forget("maria")
    assert ProgressStore(engine).load("maria").updated_at is None


def test_handoff_requests_round_trip(pg_url):
    store = HandoffStore(create_engine(pg_url, future=True))
    first = store.create(sender_id="a", name="Ana", contact="+1 555 010 2030", channel="rest", message="call me")
    second = store.create(sender_id="b", name="Ben", contact="ben@example.org")
    assert [r.id for r in store.list()] == [second, first]
    assert store.set_status(first, "contacted", by="advisor@school.edu")
    got = store.get(first)
    assert (got.status, got.updated_by, got.message) == ("contacted", "advisor@school.edu", "call me")
    assert got.created_at.tzinfo is not None and got.created_at <= dt.datetime.now(dt.timezone.utc)
    assert [r.id for r in store.list("open")] == [second]
    assert store.delete_for(["a", "b"]) == 2 and store.list() == []


def test_knowledge_base_reload_while_servers_read_it(pg_url, content_dir: Path):
    """`python -m bot.kb load` replaces the KB in one transaction: a server reading meanwhile
    always finds a whole knowledge base; people's progress and requests stay."""
    engine = create_engine(pg_url, future=True)
    assert load(engine, content_dir).loaded
    ProgressStore(engine).save(Progress("keep-me", current="externship"))
    HandoffStore(engine).create(sender_id="keep-me", name="Ana", contact="ana@example.org")

    reader, seen, stop = KnowledgeBase(create_engine(pg_url, future=True)), [], threading.Event()

    def read() -> None:
        while not stop.is_set():
            seen.append((reader.topic_for_intent("ask_usmle"), len(reader.aliases())))

    thread = threading.Thread(target=read)
    thread.start()
    try:
        faq = content_dir / "faq.yml"
        faq.write_text(faq.read_text() + "\n")  # a change in content: the next load replaces the KB
        assert load(engine, content_dir).loaded
    finally:
        stop.set()
        thread.join(timeout=30)
    assert seen and len(set(seen)) == 1 and seen[0][0] is not None, f"a reader saw a partial KB: {set(seen)}"
    assert ProgressStore(engine).load("keep-me").current == "externship"
    assert len(HandoffStore(engine).list()) == 1
