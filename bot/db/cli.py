"""`python -m bot.db upgrade|current|check|downgrade|revision`: the app tables' migrations from a terminal.

Deployments run `upgrade` once before starting the servers (`make run` does it too);
`check` exits 1 when the database's app tables differ from the models; `revision`
writes a new migration for a developer (with --autogenerate, from those differences).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from alembic import command
from alembic.util import CommandError
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from bot.db.compare import describe_difference, differences
from bot.db.engine import get_engine
from bot.db.migrate import (
    BASELINE,
    SchemaError,
    alembic_config,
    current_revision,
    downgrade,
    head_revision,
    upgrade,
)
from bot.settings import load_settings_or_exit, safe_url


def upgrade_database(url: str) -> int:
    """Upgrade the app tables at `url`, saying what happened; the exit status (1 with a reason on failure)."""
    try:
        result = upgrade(get_engine(url))
    except SchemaError as exc:
        print(exc, file=sys.stderr)
        return 1
    except (SQLAlchemyError, ArgumentError, ValueError, OSError) as exc:
        print(f"Cannot upgrade the app database at {safe_url(url)}: {exc}", file=sys.stderr)
        return 1
    print(result.describe())
    return 0


def _downgrade(url: str, revision: str) -> int:
    result = downgrade(get_engine(url), revision)
    print(f"The app tables are at revision {result.after or 'none'} (they were at {result.before or 'none'}).")
    return 0


def _current(url: str) -> int:
    with get_engine(url).connect() as conn:
        found = current_revision(conn)
    head = head_revision()
    state = "up to date" if found == head else f"behind: upgrade to {head}"
    print(f"{found or 'no revision (new, or from the release before migrations)'} ({state})")
    return 0 if found == head else 1


def _check(url: str) -> int:
    with get_engine(url).connect() as conn:
        found = differences(conn)
    for difference in found:
        print(describe_difference(difference))
    print("The app tables match the models." if not found else f"{len(found)} difference(s) from the models.")
    return 1 if found else 0


def _revision(url: str, message: str, autogenerate: bool) -> int:
    with get_engine(url).connect() as conn:
        command.revision(alembic_config(conn), message=message, autogenerate=autogenerate)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.db", description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="the database (default: DATABASE_URL from the environment or .env)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("upgrade", help="bring the app tables to the newest revision")
    commands.add_parser("current", help="the database's revision; exit 1 when behind")
    commands.add_parser("check", help="compare the app tables with the models; exit 1 on a difference")
    back = commands.add_parser(
        "downgrade", help="take the app tables back to an older revision (to run an older release)"
    )
    back.add_argument("revision", help=f"e.g. {BASELINE}, the schema of the release before migrations")
    new = commands.add_parser("revision", help="write a new migration (developers)")
    new.add_argument("message")
    new.add_argument("--autogenerate", action="store_true", help="from the differences to the models")
    args = parser.parse_args(argv)
    url = args.url or load_settings_or_exit().database_url
    if args.command == "upgrade":
        return upgrade_database(url)
    try:
        if args.command == "current":
            return _current(url)
        if args.command == "check":
            return _check(url)
        if args.command == "downgrade":
            return _downgrade(url, args.revision)
        return _revision(url, args.message, args.autogenerate)
    except (SchemaError, CommandError) as exc:  # e.g. autogenerate on a database that is not up to date
        print(exc, file=sys.stderr)
        return 1
    except (SQLAlchemyError, ArgumentError, ValueError, OSError) as exc:
        print(f"Cannot read the app database at {safe_url(url)}: {exc}", file=sys.stderr)
        return 1
