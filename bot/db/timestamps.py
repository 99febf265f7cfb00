"""One convention for the app tables' timestamps: aware datetimes in UTC, in and out.

Columns are `UTCDateTime`: TIMESTAMP WITH TIME ZONE on PostgreSQL, text in UTC on
SQLite (which keeps no zone). Whatever the backend hands back, a store reads an
aware UTC datetime, so values from either database compare with `utcnow()` and with
each other; a naive value given to a store (a test's fixed clock) is taken as UTC.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.types import DateTime, TypeDecorator

UTC = dt.timezone.utc


def utcnow() -> dt.datetime:
    """Now, aware, in UTC."""
    return dt.datetime.now(UTC)


def as_utc(value: dt.datetime) -> dt.datetime:
    """`value` as an aware UTC datetime; a naive one is taken to be UTC already."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class UTCDateTime(TypeDecorator):
    """A timestamp column that stores and returns aware UTC datetimes on every backend."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime):
            raise TypeError(f"a timestamp must be a datetime, got {type(value).__name__}")
        return as_utc(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else as_utc(value)
