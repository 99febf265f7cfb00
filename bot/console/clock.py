"""One notion of "now" for the console's tables.

Timestamps are stored as naive UTC: SQLite drops time zones on the way back, and a
naive/aware mix would make comparisons fail at run time. Functions that depend on
the time take `now` so tests can move the clock instead of sleeping.
"""

from __future__ import annotations

import datetime as dt


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def as_naive_utc(value: dt.datetime) -> dt.datetime:
    """Rows read back from PostgreSQL are aware, SQLite's are naive; compare them as naive UTC."""
    if value.tzinfo is not None:
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return value
