"""How a database's app tables differ from the models, in Alembic's terms and in words.

Only the app tables are compared: the knowledge base's tables (rebuilt from content)
and anything else sharing the database are not the migrations' business.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData
from sqlalchemy.engine import Connection

from bot.db.tables import app_tables


def only_tables_of(metadata: MetaData) -> Callable[[str | None, str, Any], bool]:
    """An Alembic `include_name` that sees only `metadata`'s tables, not the knowledge
    base's (rebuilt from content) nor anything else sharing the database."""

    def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
        return type_ != "table" or name in metadata.tables

    return include_name


def differences(conn: Connection, metadata: MetaData | None = None) -> list[Any]:
    """How the database's app tables differ from the models (Alembic's compare_metadata); [] when they match."""
    metadata = metadata if metadata is not None else app_tables()
    context = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": only_tables_of(metadata)})
    return list(compare_metadata(context, metadata))


def describe_difference(difference: Any) -> str:
    """One of compare_metadata's entries as a line a person can read: what a migration would have to do."""
    if isinstance(difference, list):  # one column's modify_* entries come grouped
        return "; ".join(describe_difference(d) for d in difference)
    action = difference[0]
    if action.startswith("modify_"):
        _, _schema, table, column, _existing, database, models = difference
        return f"{table}.{column}: {action[7:]} is {database!r} in the database, {models!r} in the models"
    thing = difference[-1]
    table = getattr(getattr(thing, "table", None), "name", None)  # columns and indexes belong to a table
    name = getattr(thing, "name", thing)
    return f"{action.replace('_', ' ')} {table + '.' if table else ''}{name}"
