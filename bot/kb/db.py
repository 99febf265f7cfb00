"""Engines for the knowledge-base database, one per URL per process.

Actions run in a long-lived server; creating an engine per request would throw
away the connection pool, so engines are cached here.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError, ProgrammingError
from sqlalchemy.pool import QueuePool


@lru_cache(maxsize=8)
def get_engine(url: str) -> Engine:
    parsed = make_url(url)
    kwargs: dict[str, Any] = {"future": True, "pool_pre_ping": True}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            # SQLAlchemy 1.4 opens a new connection per session for SQLite files (NullPool);
            # a real pool saves that on each of the several sessions an action opens.
            kwargs["poolclass"] = QueuePool
        # Several server threads share the pool; SQLite waits for a writer instead of failing at once.
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 5}
    engine = create_engine(url, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_foreign_keys)
    return engine


def _sqlite_foreign_keys(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def create_tables(metadata: MetaData, engine: Engine) -> None:
    """Create `metadata`'s missing tables, tolerating another process doing the same.

    Several action servers that share one PostgreSQL database may all see a table
    missing and create it at once; all but one then fail on PostgreSQL's catalog
    ("duplicate key value violates unique constraint pg_type_typname_nsp_index" or
    "relation already exists"). The winner's tables are there by then, so checking
    again finds nothing left to create.
    """
    try:
        metadata.create_all(engine, checkfirst=True)
    except (IntegrityError, ProgrammingError):
        metadata.create_all(engine, checkfirst=True)
