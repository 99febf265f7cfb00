"""The app tables' migrations on PostgreSQL (run by `make test-scale`, which provides the cluster).

The same checks as tests/test_db_migrations.py on SQLite, plus what only PostgreSQL has:
revision 0002 changes the console's timestamp columns to TIMESTAMP WITH TIME ZONE, and
every stored instant must stay the same even when the database's own time zone is not UTC.
"""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing

import pytest
from sqlalchemy import create_engine, text

from bot.console.sessions import SessionStore
from bot.db import app_tables
from bot.db.compare import differences
from bot.db.migrate import BASELINE, current_revision, downgrade, head_revision, upgrade
from bot.handoff.store import HandoffStore
from bot.roadmap.progress import ProgressStore
from tests.app_db import (
    SESSION_TOKEN,
    T0,
    create_previous_release,
    insert_rows,
    normalised,
    previous_release_rows,
    read_rows,
    table_names,
    upgrade_when_released,
)

_names = itertools.count()


@pytest.fixture
def pg_url(postgres) -> str:
    """A fresh database whose own time zone is not UTC, so a conversion that assumed it would show."""
    url = postgres.create_database(f"migrations{next(_names)}")
    name = url.rsplit("/", 1)[1]
    admin = create_engine(postgres.url("postgres"), future=True, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"ALTER DATABASE \"{name}\" SET timezone TO 'America/New_York'"))
    admin.dispose()
    return url


def _column_types(engine, table: str) -> dict[str, str]:
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = :t"), {"t": table}
        )
        return dict(rows.all())


def test_a_previous_release_database_is_stamped_and_upgraded_with_every_instant_kept(pg_url):
    engine = create_engine(pg_url, future=True)
    create_previous_release(engine)
    rows = previous_release_rows()
    insert_rows(engine, rows)
    assert _column_types(engine, "console_sessions")["expires_at"] == "timestamp without time zone"

    result = upgrade(engine)

    assert result.before is None and result.after == head_revision() != BASELINE
    assert set(result.adopted) == set(app_tables().tables)
    assert _column_types(engine, "console_sessions")["expires_at"] == "timestamp with time zone"
    assert read_rows(engine, rows) == normalised(rows)
    with engine.connect() as conn:
        assert differences(conn) == []
    sessions = SessionStore(engine, dt.timedelta(hours=12))
    assert sessions.get(SESSION_TOKEN, now=T0 + dt.timedelta(hours=11, minutes=59)) is not None
    assert sessions.get(SESSION_TOKEN, now=T0 + dt.timedelta(hours=12, seconds=1)) is None
    assert ProgressStore(engine).load("maria").current == "externship"


def test_a_fresh_database_then_a_no_op_upgrade(pg_url):
    engine = create_engine(pg_url, future=True)
    first = upgrade(engine)
    assert (first.before, first.after, first.adopted) == (None, head_revision(), ())
    assert table_names(engine) == set(app_tables().tables) | {"alembic_version"}
    HandoffStore(engine).create(sender_id="s", name="Ana", contact="ana@example.org")

    again = upgrade(engine)

    assert (again.before, again.after) == (head_revision(), head_revision())
    assert [r.sender_id for r in HandoffStore(engine).list()] == ["s"]
    with engine.connect() as conn:
        assert differences(conn) == []


def test_downgrading_to_the_baseline_gives_back_the_previous_releases_columns(pg_url):
    engine = create_engine(pg_url, future=True)
    create_previous_release(engine)
    rows = {"console_sessions": previous_release_rows()["console_sessions"]}
    insert_rows(engine, rows)
    upgrade(engine)

    downgrade(engine, BASELINE)  # revision 0002's downgrade: back to naive UTC

    assert _column_types(engine, "console_sessions")["expires_at"] == "timestamp without time zone"
    assert read_rows(engine, rows) == normalised(rows)


@pytest.mark.parametrize("start", ["empty", "previous release"])
def test_servers_upgrading_at_once_do_not_fail(pg_url, start):
    """Processes, not threads: within one process migrations already take turns (Alembic is module-wide)."""
    if start == "previous release":
        create_previous_release(create_engine(pg_url, future=True))
    processes = 4
    spawn = multiprocessing.get_context("spawn")
    barrier, results = spawn.Barrier(processes), spawn.Queue()
    workers = [spawn.Process(target=upgrade_when_released, args=(pg_url, barrier, results)) for _ in range(processes)]
    for worker in workers:
        worker.start()
    reports = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)

    assert [kind for kind, _ in reports] == ["ok"] * processes, reports
    assert len([message for _, message in reports if "up to date" not in message]) == 1, reports
    with create_engine(pg_url, future=True).connect() as conn:
        assert current_revision(conn) == head_revision()
        assert differences(conn) == []
