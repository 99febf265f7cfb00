"""Schema migrations of the app tables (Alembic, run in-process), and the one "ensure schema" call.

The revisions live in bot/db/migrations/versions; the configuration is built here in
code, so no alembic.ini is needed. Every migration runs inside `schema_lock`, so two
processes starting together migrate once. The first revision (BASELINE) is the app
tables exactly as the release before migrations created them; a database that
release created has those tables but no alembic_version table. `upgrade` recognises
it, checks its tables really are that release's, creates any the release had not
created yet (it created each on first use), stamps it BASELINE, then upgrades it
like any other.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import MetaData, inspect
from sqlalchemy.engine import Connection, Engine

from bot.db.compare import describe_difference, differences
from bot.db.lock import schema_lock

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: The first revision: the app tables as the release before migrations created them.
BASELINE = "0001"
#: Alembic's `context` and `op` are module-wide: one migration at a time per process, whatever
#: the database (the schema lock then serialises processes).
_alembic_lock = threading.RLock()


class SchemaError(RuntimeError):
    """The database cannot be brought to this code's schema; the message says why and what to do."""


@dataclass(frozen=True)
class Upgrade:
    """What one `upgrade` did."""

    before: str | None  # the revision found; None: a database without migrations (new or older)
    after: str | None
    #: Tables of a database the release before migrations had created, recognised and stamped BASELINE.
    adopted: tuple[str, ...] = ()

    def describe(self) -> str:
        """One line for a person running the upgrade."""
        if self.adopted:
            return (
                f"Recognised the app tables of the release before migrations ({_tables(len(self.adopted))}), "
                f"stamped revision {BASELINE} and upgraded to {self.after}."
            )
        if self.before is None:
            return f"Created the app tables (revision {self.after})."
        if self.before == self.after:
            return f"The app tables are up to date (revision {self.after})."
        return f"Upgraded the app tables from revision {self.before} to {self.after}."


def _tables(count: int) -> str:
    return f"{count} table" if count == 1 else f"{count} tables"


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, built in code; migrations/env.py runs on `connection`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str | None:
    """The newest revision this code knows."""
    return _scripts().get_current_head()


def current_revision(conn: Connection) -> str | None:
    """The revision the database at `conn` is stamped with; None when it has none."""
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> Upgrade:
    """Bring the app tables at `engine` to `revision` (default: the newest), under the schema lock."""
    try:
        with _alembic_lock, schema_lock(engine) as conn:
            before = current_revision(conn)
            adopted = _adopt_previous_release(conn) if before is None else ()
            command.upgrade(alembic_config(conn), revision)
            after = current_revision(conn)
    except CommandError as exc:  # e.g. a revision this code does not know: a newer release migrated it
        raise SchemaError(f"The app tables cannot be upgraded: {exc}.") from exc
    return Upgrade(before, after, adopted)


def downgrade(engine: Engine, revision: str) -> Upgrade:
    """Take the app tables at `engine` back to `revision` (to run an older release), under the schema lock."""
    try:
        with _alembic_lock, schema_lock(engine) as conn:
            before = current_revision(conn)
            command.downgrade(alembic_config(conn), revision)
            after = current_revision(conn)
    except CommandError as exc:
        raise SchemaError(f"The app tables cannot be downgraded: {exc}.") from exc
    return Upgrade(before, after)


def _adopt_previous_release(conn: Connection) -> tuple[str, ...]:
    """Stamp BASELINE on a database the release before migrations created; the tables it found."""
    baseline: MetaData = _scripts().get_revision(BASELINE).module.previous_release_tables()
    inspector = inspect(conn)
    found = tuple(name for name in baseline.tables if inspector.has_table(name))
    if not found:
        return ()
    present = MetaData()
    for name in found:
        baseline.tables[name].to_metadata(present)
    unexpected = differences(conn, present)
    if unexpected:
        raise SchemaError(
            "This database has app tables but no migration history, and they are not the tables the "
            "release before migrations created, so nothing was changed. To match that release: "
            + "; ".join(describe_difference(d) for d in unexpected)
        )
    baseline.create_all(conn, checkfirst=True)  # the ones that release had not needed yet
    command.stamp(alembic_config(conn), BASELINE)
    return found


_ready: weakref.WeakSet[Engine] = weakref.WeakSet()
_ready_lock = threading.Lock()


def ensure_schema(engine: Engine) -> None:
    """Make sure the app tables at `engine` are at the newest revision, once per engine per process.

    Stores call this before their first query, so a fresh database (a test's SQLite
    file, a first start) just works. Deployments upgrade before starting the servers
    (`python -m bot.db upgrade`), and then this costs one read of alembic_version.
    """
    if engine in _ready:
        return
    with _ready_lock:
        if engine in _ready:
            return
        with engine.connect() as conn:
            up_to_date = current_revision(conn) == head_revision()
        if not up_to_date:
            upgrade(engine)
        _ready.add(engine)
