"""The action server's knowledge base remembers what it read, and forgets it when content is reloaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.exc import SQLAlchemyError

from actions import services
from bot.db import get_engine
from bot.kb.loader import load
from bot.kb.queries import KnowledgeBase
from bot.roadmap.plan import build_plan
from bot.roadmap.progress import Profile
from tests.test_actions import run

GREETING = "Hi, I'm the CMA advisor!"


def statements(engine) -> list:
    seen: list = []
    event.listen(engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    return seen


def test_a_plan_built_twice_reads_the_database_once(loaded_db_url: str):
    engine = get_engine(loaded_db_url)
    kb, seen = KnowledgeBase(engine, remember=True), statements(engine)
    profile = Profile(background="img", credential="cma", state="texas")
    first = build_plan(kb, profile)
    read = len(seen)
    again = build_plan(kb, profile)
    assert read > 5 and len(seen) == read  # the second plan came from memory
    assert again.keys == first.keys and again.credential == first.credential
    KnowledgeBase(engine).roadmap_steps()
    assert len(seen) > read  # by default nothing is remembered


def test_a_caller_changing_what_it_got_does_not_change_what_is_remembered(loaded_db_url: str):
    kb = KnowledgeBase(get_engine(loaded_db_url), remember=True)
    steps = kb.roadmap_steps()
    count = len(steps)
    steps.clear()
    assert len(kb.roadmap_steps()) == count
    assert kb.cite_many(iter([("img_guide", None)])) == kb.cite_many([("img_guide", None)])  # an iterator is a key too


def test_a_reload_shows_in_the_next_answer_of_the_running_action(content_dir: Path, db_url: str, monkeypatch):
    load(get_engine(db_url), content_dir)
    monkeypatch.setenv("DATABASE_URL", db_url)
    services.knowledge_base.cache_clear()
    try:
        assert GREETING in run("greet", "hi")[0]["text"]
        assert GREETING in run("greet", "hello")[0]["text"]  # from memory now
        faq = content_dir / "faq.yml"
        faq.write_text(faq.read_text().replace(GREETING, "Hello from the reloaded content!"))
        assert load(get_engine(db_url), content_dir).loaded
        assert "Hello from the reloaded content!" in run("greet", "hi")[0]["text"]
    finally:
        services.knowledge_base.cache_clear()


def test_an_unreadable_database_is_not_hidden_by_what_was_remembered(tmp_path: Path, loaded_db_url: str):
    broken = tmp_path / "kb.sqlite3"
    broken.write_bytes(Path(loaded_db_url.split("///")[1]).read_bytes())
    kb = KnowledgeBase(get_engine(f"sqlite:///{broken}"), remember=True)
    kb.refresh()
    assert kb.roadmap_steps()
    broken.write_bytes(b"this is not a database" * 100)
    kb.refresh()  # does not raise: the next read does, where callers answer politely
    with pytest.raises(SQLAlchemyError):
        kb.roadmap_steps()
