"""Alembic's environment for the app tables: runs on the connection bot.db.migrate hands over.

Only online migrations on that connection are supported: bot.db.migrate opens it,
takes the schema lock and commits, so this file neither connects nor commits.
"""

from __future__ import annotations

from alembic import context

from bot.db.compare import only_tables_of
from bot.db.tables import app_tables

connection = context.config.attributes.get("connection")
if connection is None or context.is_offline_mode():
    raise RuntimeError("Run migrations through bot.db (python -m bot.db upgrade), which supplies the connection.")

metadata = app_tables()
context.configure(
    connection=connection,
    target_metadata=metadata,
    include_name=only_tables_of(metadata),
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
