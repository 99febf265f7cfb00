"""A database as the release before migrations left it, for the upgrade tests (SQLite and PostgreSQL).

Its tables come from tests/fixtures/previous_release/<dialect>.sql: the DDL that release's
stores issued, captured before bot.db existed. Its rows are written the way that release
wrote them: naive UTC in the console's tables, aware UTC elsewhere (SQLite keeps either as
UTC text), so after an upgrade every row can be compared instant for instant.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, Table, create_engine, inspect, select
from sqlalchemy.engine import Engine

from bot.console.accounts import hash_password
from bot.db.migrate import upgrade
from bot.db.timestamps import as_utc
from bot.roadmap.progress import Progress

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "previous_release"
PASSWORD = "correct horse battery"
SESSION_TOKEN = "a-session-token-from-before-the-upgrade"
T0 = dt.datetime(2026, 3, 2, 9, 0)  # UTC
UTC = dt.timezone.utc


def previous_release_ddl(dialect: str) -> list[str]:
    """The CREATE statements of that release on `dialect` ("sqlite" or "postgresql"), in order."""
    text = (FIXTURES / f"{dialect}.sql").read_text(encoding="utf-8")
    lines = "\n".join(line for line in text.splitlines() if not line.startswith("--"))
    return [statement.strip() for statement in lines.split(";") if statement.strip()]


def create_previous_release(engine: Engine, only: Iterable[str] | None = None) -> None:
    """The tables that release created (or `only` those named, as a database where some store was never used)."""
    wanted = set(only) if only is not None else None
    with engine.begin() as conn:
        for statement in previous_release_ddl(engine.dialect.name):
            words = statement.split()
            name = words[2] if words[1] == "TABLE" else words[words.index("ON") + 1]
            if wanted is None or name in wanted:
                conn.exec_driver_sql(statement)


def previous_release_rows() -> dict[str, list[dict[str, Any]]]:
    """Rows in every app table, as that release's stores wrote them."""
    aware = T0.replace(tzinfo=UTC)
    later = aware + dt.timedelta(hours=2)
    return {
        "roadmap_progress": [
            {
                "sender_id": "maria",
                "data": Progress("maria", current="externship", done=("credential_evaluation",)).to_json(),
                "updated_at": aware,
            },
        ],
        "handoff_requests": [
            {
                "id": 1,
                "sender_id": "maria",
                "channel": "rest",
                "name": "Maria",
                "contact": "maria@example.com",
                "message": "please call me",
                "status": "contacted",
                "created_at": aware,
                "updated_at": later,
                "updated_by": "advisor@school.edu",
            },
            {
                "id": 2,
                "sender_id": "ben",
                "channel": "",
                "name": "Ben",
                "contact": "+1 555 010 2030",
                "message": "",
                "status": "open",
                "created_at": later,
                "updated_at": later,
                "updated_by": None,
            },
        ],
        "review_annotations": [
            {
                "event_id": 41,
                "sender_id": "maria",
                "text": "i want to do the cma",
                "intent": "ask_credential",
                "out_of_scope": False,
                "note": "",
                "by": "advisor@school.edu",
                "at": later,
            },
            {
                "event_id": 57,
                "sender_id": "ben",
                "text": "what's the weather",
                "intent": None,
                "out_of_scope": True,
                "note": "small talk",
                "by": "advisor@school.edu",
                "at": later,
            },
        ],
        "review_marks": [{"sender_id": "maria", "by": "advisor@school.edu", "at": later}],
        "console_advisors": [
            {
                "email": "advisor@school.edu",
                "password_hash": hash_password(PASSWORD),
                "created_at": T0,
                "password_changed_at": T0,
            },
        ],
        "console_sessions": [
            {
                "token_hash": hashlib.sha256(SESSION_TOKEN.encode()).hexdigest(),
                "email": "advisor@school.edu",
                "csrf_token": "csrf-from-before",
                "created_at": T0,
                "expires_at": T0 + dt.timedelta(hours=12),
            },
        ],
        "console_signin_failures": [
            {"id": 1, "kind": "account", "key": "advisor@school.edu", "at": T0},
            {"id": 2, "kind": "ip", "key": "10.0.0.1", "at": T0},
        ],
    }


def insert_rows(engine: Engine, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Write `rows` through tables reflected from the database, not through today's models."""
    with engine.begin() as conn:
        for name, table_rows in rows.items():
            conn.execute(Table(name, MetaData(), autoload_with=conn).insert(), table_rows)


def read_rows(engine: Engine, names: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """Every row of the tables `names`, by primary key, timestamps as aware UTC (naive ones are UTC)."""
    found = {}
    with engine.connect() as conn:
        for name in names:
            table = Table(name, MetaData(), autoload_with=conn)
            query = select(table).order_by(*table.primary_key.columns)
            found[name] = [
                {k: as_utc(v) if isinstance(v, dt.datetime) else v for k, v in row.items()}
                for row in conn.execute(query).mappings()
            ]
    return found


def normalised(rows: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """`rows` as `read_rows` would return them."""
    return {
        name: [{k: as_utc(v) if isinstance(v, dt.datetime) else v for k, v in row.items()} for row in table_rows]
        for name, table_rows in rows.items()
    }


def table_names(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def upgrade_when_released(url: str, barrier: Any, results: Any) -> None:
    """In a process of its own: wait at `barrier` with the others, then upgrade `url`; report to `results`."""
    engine = create_engine(url, future=True)
    barrier.wait()
    try:
        results.put(("ok", upgrade(engine).describe()))
    except Exception as exc:  # reported to the test, which names it
        results.put(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        engine.dispose()
