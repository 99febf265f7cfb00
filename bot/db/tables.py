"""The one MetaData every app table is registered on, and the list of modules that define them.

Each feature keeps its table next to its store (roadmap progress beside ProgressStore,
handoff requests beside HandoffStore, ...) and registers it on `metadata`; importing
TABLE_MODULES therefore gathers every app table, which is what migrations, schema
checks and the retention purge read. The knowledge base's tables are not here: they
live in bot.kb.schema and are rebuilt from content on each load, never migrated.
"""

from __future__ import annotations

import importlib

from sqlalchemy import Column, MetaData

metadata = MetaData()

#: Modules whose import registers app tables on `metadata` (tests check none is missing).
TABLE_MODULES = (
    "bot.roadmap.progress",
    "bot.handoff.store",
    "bot.review.annotations",
    "bot.review.handoff_notes",
    "bot.console.accounts",
    "bot.console.sessions",
    "bot.console.ratelimit",
    "bot.retrain.runs",
    "bot.notify.outbox",
    "bot.takeover.store",
)

#: Key of a table's `info` naming the column that holds a conversation's sender id: the
#: table's rows belong to that conversation and go with it when retention purges it.
CONVERSATION_KEY = "conversation_key"


def app_tables() -> MetaData:
    """`metadata` with every app table registered (imports TABLE_MODULES on first call)."""
    for name in TABLE_MODULES:
        importlib.import_module(name)
    return metadata


def conversation_columns() -> list[Column]:
    """The sender-id column of each app table whose rows belong to one conversation."""
    return [
        table.c[table.info[CONVERSATION_KEY]] for table in app_tables().sorted_tables if CONVERSATION_KEY in table.info
    ]
