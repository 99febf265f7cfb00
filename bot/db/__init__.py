"""The app database: one engine per URL, the app tables' shared MetaData, their UTC
timestamps, and their schema migrations (`python -m bot.db upgrade`).

The knowledge base (bot.kb) uses the same engines; its own tables are rebuilt from
content on each load and are not migrated.
"""

from bot.db.engine import get_engine
from bot.db.tables import CONVERSATION_KEY, app_tables, conversation_columns, metadata
from bot.db.timestamps import UTCDateTime, as_utc, utcnow

__all__ = [
    "CONVERSATION_KEY",
    "UTCDateTime",
    "app_tables",
    "as_utc",
    "conversation_columns",
    "get_engine",
    "metadata",
    "utcnow",
]
