"""One schema change at a time: a database-wide lock held for the length of one transaction.

`make run`, `python -m bot.db upgrade` on several machines, and stores creating their
tables on first use may all try to migrate the same database at once. Each does it
inside `schema_lock`, so the first one migrates and the others wait, then find the
database already up to date. The lock lives in the database itself, so it works
across processes and machines:

- SQLite: BEGIN IMMEDIATE takes the database's write lock; others wait for it (up
  to LOCK_WAIT_S) instead of failing with "database is locked". SQLite's DDL is
  transactional, so the whole migration commits or rolls back as one.
- PostgreSQL: a transaction-level advisory lock (pg_advisory_xact_lock), released
  at commit or rollback; PostgreSQL's DDL is transactional too.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

log = logging.getLogger(__name__)

#: How long a second migrator waits for the first before giving up.
LOCK_WAIT_S = 120
#: The advisory lock's key: any fixed 32-bit number no other code of this database uses.
ADVISORY_KEY = zlib.crc32(b"cma-advisor app schema")


@contextmanager
def schema_lock(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that holds the schema lock; commits on success, else rolls back."""
    backend = engine.dialect.name
    with engine.connect() as conn:
        restore_wait = None
        if backend == "sqlite":
            restore_wait = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
            conn.exec_driver_sql(f"PRAGMA busy_timeout = {LOCK_WAIT_S * 1000}")
            # pysqlite issues no BEGIN before DDL or a PRAGMA, so this is the transaction's start.
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif backend == "postgresql":
            conn.execute(text(f"SET LOCAL lock_timeout = '{LOCK_WAIT_S}s'"))
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_KEY})
        else:
            log.warning("no schema lock for %s: run migrations from one process at a time", backend)
        try:
            yield conn
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        finally:
            if restore_wait is not None:
                conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(restore_wait)}")
