"""Advisor accounts: who may sign in to the console.

Accounts are created from the command line (`python -m bot.review add-advisor
EMAIL`), never from the web, so a fresh console has no default password to
guess. Passwords are hashed with scrypt (hashlib, memory-hard, a random salt per
account); the stored string names its parameters so they can be raised later
without breaking existing accounts.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import getpass
import hashlib
import hmac
import secrets
import sys
from dataclasses import dataclass
from typing import TextIO

from sqlalchemy import Column, String, Table, func, insert, select, update
from sqlalchemy.engine import Engine

from bot.contacts import EMAIL_PATTERN
from bot.db import UTCDateTime, metadata, utcnow
from bot.db.migrate import ensure_schema

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024  # scrypt hashes anything, but a megabyte "password" is an attack, not a password
# n=2**14, r=8, p=1: about 16 MB and tens of milliseconds per check (the common interactive setting).
SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_LEN = 2**14, 8, 1, 64

advisors_table = Table(
    "console_advisors",
    metadata,
    Column("email", String(200), primary_key=True),
    Column("password_hash", String(300), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("password_changed_at", UTCDateTime(), nullable=False),
)


class AccountError(ValueError):
    """An account cannot be created as asked; the message says why, for the advisor to read."""


@dataclass(frozen=True)
class Advisor:
    email: str
    created_at: dt.datetime


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=SCRYPT_LEN)
    b64 = lambda raw: base64.b64encode(raw).decode()  # noqa: E731
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt)}${b64(digest)}"


def check_password(password: str, stored: str) -> bool:
    """Constant-time comparison; a malformed stored hash never matches."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=len(expected)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            f"The password is too short: use at least {MIN_PASSWORD_LENGTH} characters "
            "(a few unrelated words make a good one)."
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(f"The password is too long: use at most {MAX_PASSWORD_LENGTH} characters.")


# Checked when an unknown email signs in, so a wrong email takes as long as a wrong password.
_DUMMY_HASH = hash_password(secrets.token_hex(16))


class AccountStore:
    """Advisor accounts in the app database; brings the app tables up to date on first use."""

    def __init__(self, engine: Engine):
        self.engine = engine
        ensure_schema(engine)

    def create(self, email: str, password: str, *, replace: bool = False) -> Advisor:
        """A new account, or with `replace` a new password for an existing one."""
        email = normalize_email(email)
        if len(email) > 200 or not EMAIL_PATTERN.fullmatch(email):
            raise AccountError(f"{email or '(empty)'!r} is not an email address.")
        check_new_password(password)
        now = utcnow()
        with self.engine.begin() as conn:
            existing = conn.execute(select(advisors_table.c.created_at).where(advisors_table.c.email == email)).scalar()
            if existing is not None:
                if not replace:
                    raise AccountError(
                        f"There is already an account for {email} (add --reset-password to give it a new password)."
                    )
                conn.execute(
                    update(advisors_table)
                    .where(advisors_table.c.email == email)
                    .values(password_hash=hash_password(password), password_changed_at=now)
                )
                return Advisor(email, existing)
            if replace:
                raise AccountError(f"There is no account for {email} to reset.")
            conn.execute(
                insert(advisors_table).values(
                    email=email, password_hash=hash_password(password), created_at=now, password_changed_at=now
                )
            )
        return Advisor(email, now)

    def verify(self, email: str, password: str) -> Advisor | None:
        """The advisor when email and password match, else None (same cost either way)."""
        email = normalize_email(email)
        with self.engine.connect() as conn:
            row = conn.execute(select(advisors_table).where(advisors_table.c.email == email)).mappings().first()
        if len(password) > MAX_PASSWORD_LENGTH:
            return None
        if row is None:
            check_password(password, _DUMMY_HASH)
            return None
        if not check_password(password, row["password_hash"]):
            return None
        return Advisor(row["email"], row["created_at"])

    def all(self) -> list[Advisor]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(advisors_table.c.email, advisors_table.c.created_at).order_by(advisors_table.c.email)
            ).all()
        return [Advisor(email, created) for email, created in rows]

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(advisors_table)).scalar() or 0)


def read_new_password(from_stdin: bool, stdin: TextIO = sys.stdin) -> str:
    """The password from one line of standard input, or typed twice at a terminal."""
    if from_stdin:
        return stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"Password (at least {MIN_PASSWORD_LENGTH} characters): ")
    check_new_password(first)
    if getpass.getpass("Same password again: ") != first:
        raise AccountError("The two passwords differ; nothing was changed.")
    return first


def main_add_advisor(argv: list[str] | None = None, engine: Engine | None = None) -> int:
    """`add-advisor EMAIL [--password-stdin] [--reset-password]`, for `python -m bot.review`
    and `python -m bot.console`; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m bot.review add-advisor",
        description="Create an advisor account for the console (or reset its password).",
    )
    parser.add_argument("email")
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input instead of prompting",
    )
    parser.add_argument("--reset-password", action="store_true", help="give an existing account a new password")
    args = parser.parse_args(argv)
    if engine is None:
        from bot.db import get_engine
        from bot.settings import load_settings

        engine = get_engine(load_settings().database_url)
    try:
        password = read_new_password(args.password_stdin)
        advisor = AccountStore(engine).create(args.email, password, replace=args.reset_password)
    except AccountError as exc:
        print(exc, file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("\nNo account was created.", file=sys.stderr)
        return 1
    done = "New password set for" if args.reset_password else "Advisor account created:"
    print(f"{done} {advisor.email}. Sign in to the console with it.")
    return 0
