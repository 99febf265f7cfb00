"""Signed-in sessions: a random token in the advisor's cookie, its hash in the database.

Only the SHA-256 of the token is stored, so a copy of the database does not let
anyone sign in. Each session carries its own CSRF token, which every form of the
console posts back. Sessions end at a fixed expiry or at sign-out; expired rows
are swept whenever someone signs in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import Column, String, Table, delete, insert, select
from sqlalchemy.engine import Engine

from bot.db import UTCDateTime, as_utc, metadata, utcnow
from bot.db.migrate import ensure_schema

sessions_table = Table(
    "console_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("email", String(200), nullable=False, index=True),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False),
)


@dataclass(frozen=True)
class Session:
    email: str
    csrf_token: str
    expires_at: dt.datetime


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SessionStore:
    """Sessions in the app database (brought up to date on first use); `lifetime` is how long a sign-in lasts."""

    def __init__(self, engine: Engine, lifetime: dt.timedelta):
        self.engine = engine
        self.lifetime = lifetime
        ensure_schema(engine)

    def start(self, email: str, now: dt.datetime | None = None) -> str:
        """A new session for `email`; returns the token for the cookie (never stored as is)."""
        now = as_utc(now) if now else utcnow()
        token = secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            conn.execute(delete(sessions_table).where(sessions_table.c.expires_at <= now))
            conn.execute(
                insert(sessions_table).values(
                    token_hash=_digest(token),
                    email=email,
                    csrf_token=secrets.token_urlsafe(32),
                    created_at=now,
                    expires_at=now + self.lifetime,
                )
            )
        return token

    def get(self, token: str | None, now: dt.datetime | None = None) -> Session | None:
        """The live session for a cookie's token, or None (no token, unknown, expired)."""
        if not token or len(token) > 200:
            return None
        with self.engine.connect() as conn:
            row = (
                conn.execute(select(sessions_table).where(sessions_table.c.token_hash == _digest(token)))
                .mappings()
                .first()
            )
        if row is None or row["expires_at"] <= (as_utc(now) if now else utcnow()):
            return None
        return Session(row["email"], row["csrf_token"], row["expires_at"])

    def end(self, token: str | None) -> None:
        if token:
            with self.engine.begin() as conn:
                conn.execute(delete(sessions_table).where(sessions_table.c.token_hash == _digest(token)))
