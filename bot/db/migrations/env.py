"""Alembic's environment for the app tables: runs on the connection bot.db.migrate hands over.

Only online migrations on that connection are supported: bot.db.migrate opens it,
takes the schema lock and commits, so this file neither connects nor commits.
"""

from __future__ import annotations

from typing import Any, Literal

from alembic import context

from bot.db.compare import only_tables_of
from bot.db.tables import app_tables
from bot.db.timestamps import UTCDateTime

connection = context.config.attributes.get("connection")
if connection is None or context.is_offline_mode():
    raise RuntimeError("Run migrations through bot.db (python -m bot.db upgrade), which supplies the connection.")


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | Literal[False]:
    """Keep generated revisions frozen: a UTCDateTime column is written as the plain type it stores."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


metadata = app_tables()
context.configure(
    connection=connection,
    target_metadata=metadata,
    include_name=only_tables_of(metadata),
    compare_type=True,
    render_item=render_item,
)
with context.begin_transaction():
    context.run_migrations()
