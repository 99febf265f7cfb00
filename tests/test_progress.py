"""Roadmap progress in the database: per sender, across restarts, safe from corrupt rows and KB reloads."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from sqlalchemy import create_engine, func, select

from bot.db import get_engine
from bot.kb import schema
from bot.kb.loader import load
from bot.profile import Profile
from bot.roadmap.progress import Progress, ProgressStore, progress_table

PROFILE = Profile(
    background="img",
    credential="cma",
    goal="career",
    state="texas",
    program_type="certificate",
    start_date=dt.date(2026, 3, 2),
    experience_years=1.5,
    experience_span_years=2,
)


def _engine(url: str):
    """A new engine each time, as a restarted server process would have."""
    return create_engine(url, future=True)


def test_progress_survives_a_restart_with_a_new_engine(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'state.sqlite3'}"
    first = _engine(url)
    saved = ProgressStore(first).save(Progress("maria", PROFILE, current="exam", done=("credential_evaluation",)))
    first.dispose()
    second = _engine(url)
    back = ProgressStore(second).load("maria")
    assert (back.profile, back.current, back.done) == (PROFILE, "exam", ("credential_evaluation",))
    assert back.updated_at == saved.updated_at and back.updated_at.tzinfo is not None
    assert ProgressStore(second).load("someone else") == Progress("someone else")


def test_saving_again_updates_the_one_row(tmp_path: Path):
    engine = _engine(f"sqlite:///{tmp_path / 'state.sqlite3'}")
    store = ProgressStore(engine)
    early = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    store.save(Progress("maria", PROFILE, current="program"), now=early)
    later = store.save(Progress("maria", PROFILE, current="externship", done=("program",)))
    assert later.updated_at > early
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(progress_table)) == 1
    assert store.load("maria").current == "externship"
    store.forget("maria")
    assert store.load("maria").current is None


def test_a_corrupt_row_gives_a_fresh_start_and_a_log_line(tmp_path: Path, caplog):
    engine = _engine(f"sqlite:///{tmp_path / 'state.sqlite3'}")
    store = ProgressStore(engine)
    store.save(Progress("ok", PROFILE, current="exam"))
    now = dt.datetime.now(dt.timezone.utc)
    bad = {
        "truncated": '{"format": 1, "profile": {"backgr',
        "not an object": "[1, 2]",
        "wrong types": '{"format": 1, "profile": {"experience_years": "lots"}, "current": "exam", "done": []}',
        "unknown education": '{"format": 1, "profile": {"education": "phd"}, "done": []}',
        "bad date": '{"format": 1, "profile": {"start_date": "next spring"}, "done": []}',
        "done not a list": '{"format": 1, "profile": {}, "current": "exam", "done": "exam"}',
        "old format": '{"format": 0, "profile": {}, "current": "exam", "done": []}',
    }
    with engine.begin() as conn:
        for sender, data in bad.items():
            conn.execute(progress_table.insert().values(sender_id=sender, data=data, updated_at=now))
    with caplog.at_level(logging.WARNING, logger="bot.roadmap.progress"):
        for sender in bad:
            assert store.load(sender) == Progress(sender), sender
    assert sum("unreadable roadmap progress" in r.getMessage() for r in caplog.records) == len(bad)
    assert store.load("ok").current == "exam"  # one bad row does not affect others
    store.save(Progress("truncated", PROFILE, current="program"))  # and can be overwritten
    assert store.load("truncated").current == "program"


def test_reloading_the_knowledge_base_keeps_progress(content_dir: Path, db_url: str):
    engine = get_engine(db_url)
    load(engine, content_dir)
    store = ProgressStore(engine)
    store.save(Progress("maria", PROFILE, current="exam"))
    load(engine, content_dir, force=True)  # deletes every knowledge-base row
    schema.Base.metadata.drop_all(engine)  # what a schema-version change does
    load(engine, content_dir)
    assert store.load("maria").current == "exam"


def test_the_default_store_uses_the_knowledge_base_database(tmp_path: Path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'configured.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    store = ProgressStore.default()
    assert str(store.engine.url) == url
    store.save(Progress("maria", PROFILE))
    assert ProgressStore(_engine(url)).load("maria").profile == PROFILE


def test_military_training_follows_from_the_background_or_a_date():
    assert not PROFILE.has_military_training
    assert Profile(background="military").has_military_training
    assert Profile(military_years_ago=3).has_military_training
    assert not Profile(background="military", military_training=False).has_military_training
