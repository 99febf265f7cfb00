"""The sign-in rate limit: failures make the next attempt wait, longer each time; no account is locked.

Failures are rows in the app database, so a restart does not reset the count. Each
failure counts against two keys:

- the account *and* the address it was tried from ("pair"): someone guessing one
  advisor's password from one place slows down quickly;
- the address alone ("ip"): one place trying many accounts slows down too, after
  more failures, since a school's network may share one address.

There is no limit on an account alone. The old rule (5 failures locked the account
for 15 minutes from every address) let anyone lock any advisor out, for ever, by
failing 5 times every 15 minutes; now the advisor, signing in from their own
address, is never held up by failures from elsewhere.

The wait is exponential: a key's first FREE failures in the WINDOW cost nothing,
then the next attempt waits 1 s, 2 s, 4 s ... up to MAX_WAIT after the latest
failure. A successful sign-in clears the pair's failures (not the address's).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy import Column, Index, Integer, String, Table, delete, func, insert, select
from sqlalchemy.engine import Engine

from bot.db import UTCDateTime, as_utc, metadata, utcnow
from bot.db.migrate import ensure_schema

#: Failures that cost nothing, per key, within WINDOW.
FREE = {"pair": 3, "ip": 10}
FIRST_WAIT = dt.timedelta(seconds=1)
MAX_WAIT = dt.timedelta(minutes=15)
#: Failures older than this no longer count.
WINDOW = dt.timedelta(hours=1)

failures_table = Table(
    "console_signin_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(8), nullable=False),  # "pair" (account and address) or "ip"
    Column("key", String(200), nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    Index("ix_console_signin_failures_key", "kind", "key", "at"),
)


@dataclass(frozen=True)
class Blocked:
    """Why a sign-in is refused before the password is even checked."""

    by: str  # "pair" or "ip"
    retry_after: dt.timedelta

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.retry_after.total_seconds() / 60))

    @property
    def seconds(self) -> int:
        return max(1, math.ceil(self.retry_after.total_seconds()))


def wait_after(failures: int, free: int) -> dt.timedelta:
    """How long the next attempt waits after `failures` recent failures of a key."""
    if failures < free:
        return dt.timedelta(0)
    return min(FIRST_WAIT * 2 ** min(failures - free, 30), MAX_WAIT)


def _keys(email: str, ip: str) -> tuple[tuple[str, str], ...]:
    return (("pair", f"{ip} {email}"[:200]), ("ip", ip[:200]))


class SignInLimiter:
    """Sign-in failures in the app database, and how long the next attempt must wait."""

    def __init__(self, engine: Engine, free: dict[str, int] | None = None, window: dt.timedelta = WINDOW):
        self.engine = engine
        self.free = dict(free or FREE)
        self.window = window
        ensure_schema(engine)

    def blocked(self, email: str, ip: str, now: dt.datetime | None = None) -> Blocked | None:
        """A Blocked while the pair's or the address's back-off runs, else None."""
        now = as_utc(now) if now else utcnow()
        waits = []
        with self.engine.connect() as conn:
            for kind, key in _keys(email, ip):
                count, latest = conn.execute(
                    select(func.count(), func.max(failures_table.c.at)).where(
                        failures_table.c.kind == kind,
                        failures_table.c.key == key,
                        failures_table.c.at > now - self.window,
                    )
                ).one()
                if count and latest is not None:
                    until = as_utc(latest) + wait_after(count, self.free[kind])
                    if until > now:
                        waits.append(Blocked(kind, until - now))
        return max(waits, key=lambda b: b.retry_after) if waits else None

    def record_failure(self, email: str, ip: str, now: dt.datetime | None = None) -> None:
        """Count a failed sign-in against the pair and the address (and drop failures out of the window)."""
        now = as_utc(now) if now else utcnow()
        with self.engine.begin() as conn:
            conn.execute(delete(failures_table).where(failures_table.c.at <= now - self.window))
            conn.execute(
                insert(failures_table), [{"kind": kind, "key": key, "at": now} for kind, key in _keys(email, ip)]
            )

    def record_success(self, email: str, ip: str) -> None:
        """A correct password clears the failures of this account from this address."""
        kind, key = _keys(email, ip)[0]
        with self.engine.begin() as conn:
            conn.execute(delete(failures_table).where(failures_table.c.kind == kind, failures_table.c.key == key))
