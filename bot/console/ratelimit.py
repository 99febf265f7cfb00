"""The sign-in rate limit: too many failures for one account or from one address wait.

Failures are rows in the app database, so a restart does not reset the count.
Each failure counts twice: against the email that was tried (a slow guess spread
over many addresses) and against the client address (one address trying many
emails). Either reaching `limit` failures within `window` blocks sign-in for that
account or from that address until the oldest failure leaves the window; other
accounts from other addresses sign in as usual. A successful sign-in clears the
account's failures, not the address's.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy import Column, Index, Integer, String, Table, delete, insert, select
from sqlalchemy.engine import Engine

from bot.db import UTCDateTime, as_utc, metadata, utcnow
from bot.db.migrate import ensure_schema

LIMIT = 5
WINDOW = dt.timedelta(minutes=15)

failures_table = Table(
    "console_signin_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(8), nullable=False),  # "account" or "ip"
    Column("key", String(200), nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    Index("ix_console_signin_failures_key", "kind", "key", "at"),
)


@dataclass(frozen=True)
class Blocked:
    """Why a sign-in is refused before the password is even checked."""

    by: str  # "account" or "ip"
    retry_after: dt.timedelta

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.retry_after.total_seconds() / 60))


class SignInLimiter:
    """Sign-in failures in the app database, and whether the next attempt must wait."""

    def __init__(self, engine: Engine, limit: int = LIMIT, window: dt.timedelta = WINDOW):
        self.engine = engine
        self.limit = limit
        self.window = window
        ensure_schema(engine)

    def blocked(self, email: str, ip: str, now: dt.datetime | None = None) -> Blocked | None:
        """A Blocked when the account or the address has used up its failures, else None."""
        now = as_utc(now) if now else utcnow()
        since = now - self.window
        waits = []
        with self.engine.connect() as conn:
            for kind, key in (("account", email), ("ip", ip)):
                # Blocked while `limit` failures are in the window: until the limit-th newest leaves it.
                cutoff = conn.execute(
                    select(failures_table.c.at)
                    .where(
                        failures_table.c.kind == kind, failures_table.c.key == key[:200], failures_table.c.at > since
                    )
                    .order_by(failures_table.c.at.desc())
                    .offset(self.limit - 1)
                    .limit(1)
                ).scalar()
                if cutoff is not None:
                    waits.append(Blocked(kind, cutoff + self.window - now))
        return max(waits, key=lambda b: b.retry_after) if waits else None

    def record_failure(self, email: str, ip: str, now: dt.datetime | None = None) -> None:
        """Count a failed sign-in against the account and the address (and drop failures out of the window)."""
        now = as_utc(now) if now else utcnow()
        with self.engine.begin() as conn:
            conn.execute(delete(failures_table).where(failures_table.c.at <= now - self.window))
            conn.execute(
                insert(failures_table),
                [{"kind": "account", "key": email[:200], "at": now}, {"kind": "ip", "key": ip[:200], "at": now}],
            )

    def record_success(self, email: str) -> None:
        """A correct password clears the account's failures (not the address's)."""
        with self.engine.begin() as conn:
            conn.execute(
                delete(failures_table).where(failures_table.c.kind == "account", failures_table.c.key == email[:200])
            )
