"""The app tables' migrations on SQLite: adopting a previous-release database, a fresh one,
a no-op upgrade, two processes upgrading at once, and the `python -m bot.db` commands.

PostgreSQL gets the same checks in tests/scale/test_migrations_postgres.py (make test-scale).
"""

from __future__ import annotations

import ast
import datetime as dt
import multiprocessing
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, select, text

from bot.console.accounts import AccountStore
from bot.console.ratelimit import SignInLimiter
from bot.console.sessions import SessionStore
from bot.db import app_tables, get_engine
from bot.db.cli import main as db_main
from bot.db.compare import differences
from bot.db.migrate import BASELINE, SchemaError, current_revision, head_revision, upgrade
from bot.db.tables import TABLE_MODULES
from bot.db.timestamps import UTCDateTime
from bot.handoff.store import HandoffStore
from bot.review.annotations import AnnotationStore
from bot.roadmap.progress import ProgressStore
from bot.settings import PROJECT_ROOT
from tests.app_db import (
    PASSWORD,
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

UTC = dt.timezone.utc
DDL = ("CREATE", "ALTER", "DROP")
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'app.sqlite3'}"


def _schema(url: str) -> list[tuple[str, str | None]]:
    with create_engine(url, future=True).connect() as conn:
        return conn.execute(text("SELECT name, sql FROM sqlite_master ORDER BY name")).all()


def _statements(engine) -> list[str]:
    """Every statement `engine` sends from now on (the list fills as it runs)."""
    sent: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda conn, cur, stmt, *args: sent.append(stmt.lstrip().upper()))
    return sent


def test_a_previous_release_database_is_stamped_and_upgraded_with_every_row_kept(url):
    engine = get_engine(url)
    create_previous_release(engine)
    rows = previous_release_rows()
    insert_rows(engine, rows)

    result = upgrade(engine)

    assert result.before is None and result.after == head_revision() != BASELINE
    # Every table that release had is adopted; tables added since are created empty.
    assert set(result.adopted) == set(rows) <= set(app_tables().tables)
    assert table_names(engine) == set(app_tables().tables) | {"alembic_version"}
    found = read_rows(engine, rows)
    # Every value that release wrote is kept; columns added since (handoff_requests.client) are empty,
    # but for an account's role: every account of that release was an advisor.
    assert {name: [{k: row[k] for k in rows[name][0]} for row in found[name]] for name in rows} == normalised(rows)
    added = [(k, v) for name in rows for row in found[name] for k, v in row.items() if k not in rows[name][0]]
    assert ("role", "advisor") in added and all(v == ("advisor" if k == "role" else None) for k, v in added), added
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        assert differences(conn) == []
    # Today's stores read what the previous release wrote.
    assert ProgressStore(engine).load("maria").current == "externship"
    assert [r.id for r in HandoffStore(engine).list()] == [2, 1]
    assert HandoffStore(engine).get(1).created_at == T0.replace(tzinfo=UTC)
    assert AnnotationStore(engine).reviewed() == {"maria"}
    assert AccountStore(engine).verify("advisor@school.edu", PASSWORD) is not None
    sessions = SessionStore(engine, dt.timedelta(hours=12))
    assert sessions.get(SESSION_TOKEN, now=T0 + dt.timedelta(hours=11)).email == "advisor@school.edu"
    assert sessions.get(SESSION_TOKEN, now=T0 + dt.timedelta(hours=12, seconds=1)) is None
    # The previous release's failures (by account and by address) still count for the address.
    blocked = SignInLimiter(engine, free={"pair": 1, "ip": 1}).blocked("x@school.edu", "10.0.0.1", now=T0)
    assert blocked is not None and blocked.by == "ip"


def test_a_previous_release_database_where_some_stores_were_never_used_gets_the_missing_tables(url):
    engine = get_engine(url)
    create_previous_release(engine, only=["roadmap_progress"])
    rows = {"roadmap_progress": previous_release_rows()["roadmap_progress"]}
    insert_rows(engine, rows)

    result = upgrade(engine)

    assert result.adopted == ("roadmap_progress",)
    assert table_names(engine) == set(app_tables().tables) | {"alembic_version"}
    assert read_rows(engine, rows) == normalised(rows)
    with engine.connect() as conn:
        assert differences(conn) == []


def test_tables_that_are_not_the_previous_releases_are_refused_and_left_as_they_are(url):
    engine = get_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE roadmap_progress (sender_id VARCHAR(255) PRIMARY KEY, data TEXT)")
    before = _schema(url)

    with pytest.raises(SchemaError, match=r"not the tables the release before migrations created.*updated_at"):
        upgrade(engine)
    assert _schema(url) == before


def test_a_fresh_database_is_created_by_upgrading_from_empty(url):
    engine = get_engine(url)
    result = upgrade(engine)
    assert (result.before, result.after, result.adopted) == (None, head_revision(), ())
    assert table_names(engine) == set(app_tables().tables) | {"alembic_version"}
    with engine.connect() as conn:
        assert differences(conn) == []


def test_upgrade_on_an_up_to_date_database_is_a_no_op(url):
    engine = get_engine(url)
    create_previous_release(engine)
    rows = previous_release_rows()
    insert_rows(engine, rows)
    upgrade(engine)
    schema, kept = _schema(url), read_rows(engine, rows)
    sent = _statements(engine)

    again = upgrade(engine)

    assert (again.before, again.after, again.adopted) == (head_revision(), head_revision(), ())
    assert "up to date" in again.describe()
    assert not [s for s in sent if s.startswith(DDL + WRITES)], sent
    assert _schema(url) == schema and read_rows(engine, rows) == kept


@pytest.mark.parametrize("start", ["empty", "previous release"])
def test_concurrent_upgrades_in_separate_processes_do_not_fail(tmp_path, start):
    """Servers and `python -m bot.db upgrade` on several machines may all start at once."""
    url = f"sqlite:///{tmp_path / 'app.sqlite3'}"
    if start == "previous release":
        create_previous_release(create_engine(url, future=True))
    processes = 3
    spawn = multiprocessing.get_context("spawn")  # a fresh interpreter each, like separate servers
    barrier, results = spawn.Barrier(processes), spawn.Queue()
    workers = [spawn.Process(target=upgrade_when_released, args=(url, barrier, results)) for _ in range(processes)]
    for worker in workers:
        worker.start()
    reports = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)

    assert [kind for kind, _ in reports] == ["ok"] * processes, reports
    changed = [message for _, message in reports if "up to date" not in message]
    assert len(changed) == 1, reports  # one migrated; the others waited and found nothing to do
    engine = create_engine(url, future=True)
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
        assert differences(conn) == []


def test_stores_on_a_fresh_sqlite_file_bring_the_schema_up_themselves(url):
    engine = get_engine(url)
    sent = _statements(engine)
    assert HandoffStore(engine).list() == []
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
    created = len([s for s in sent if s.startswith("CREATE TABLE")])
    assert created == len(app_tables().tables) + 1  # and alembic_version
    ProgressStore(engine).load("nobody")
    AccountStore(engine).count()
    assert len([s for s in sent if s.startswith("CREATE TABLE")]) == created  # checked once per engine


def test_timestamps_come_back_aware_utc_whatever_zone_they_were_given_in(url):
    from sqlalchemy import Column, Integer, MetaData, Table

    table = Table("stamps", MetaData(), Column("id", Integer, primary_key=True), Column("at", UTCDateTime()))
    engine = get_engine(url)
    table.create(engine)
    plus_five = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    with engine.begin() as conn:
        conn.execute(table.insert(), [{"id": 1, "at": T0}, {"id": 2, "at": plus_five}, {"id": 3, "at": None}])
        got = conn.execute(select(table.c.at).order_by(table.c.id)).scalars().all()
    assert got == [T0.replace(tzinfo=UTC), T0.replace(tzinfo=UTC), None]
    assert all(stamp.tzinfo is UTC for stamp in got[:2])
    with pytest.raises(Exception, match="must be a datetime"), engine.begin() as conn:
        conn.execute(table.insert(), [{"id": 4, "at": "2026-03-02"}])


def test_every_module_that_registers_an_app_table_is_listed():
    """Alembic and the purge see the tables of TABLE_MODULES only: a new store must be listed there."""
    registering = set()
    for path in (PROJECT_ROOT / "bot").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module in ("bot.db", "bot.db.tables")
                and any(alias.name == "metadata" for alias in node.names)
            ):
                module = ".".join(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
                registering.add(module)
    registering.discard("bot.db.__init__")
    assert registering == set(TABLE_MODULES)


def test_the_cli_upgrades_reports_and_checks(url, capsys):
    assert db_main(["--url", url, "current"]) == 1
    assert "no revision" in capsys.readouterr().out
    assert db_main(["--url", url, "upgrade"]) == 0
    assert capsys.readouterr().out.startswith(f"Created the app tables (revision {head_revision()})")
    assert db_main(["--url", url, "upgrade"]) == 0
    assert "up to date" in capsys.readouterr().out
    assert db_main(["--url", url, "current"]) == 0
    assert db_main(["--url", url, "check"]) == 0
    assert "match the models" in capsys.readouterr().out
    with create_engine(url, future=True).begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_handoff_requests_sender_id")
    assert db_main(["--url", url, "check"]) == 1
    assert "add index handoff_requests.ix_handoff_requests_sender_id" in capsys.readouterr().out


@pytest.mark.parametrize(
    "target, message",
    [
        ("not a url", "Could not parse"),
        ("postgresql+psycopg2://cma:secret@127.0.0.1:1/cma", "Cannot upgrade the app database at"),
    ],
)
def test_the_cli_says_why_it_cannot_upgrade_without_a_traceback(capsys, target, message):
    assert db_main(["--url", target, "upgrade"]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and "secret" not in err
