"""Advisor accounts: who may sign in to the console.

Accounts are created from the command line (`python -m bot.review add-advisor
EMAIL`), never from the web, so a fresh console has no default password to
guess. Passwords are hashed with scrypt (hashlib, memory-hard, a random salt per
account); the stored string names its parameters so they can be raised later
without breaking existing accounts.

Each account has a role: an "advisor" reads conversations, works the handoff queue and
annotates messages; an "admin" also manages accounts, approves annotations for training
and retrains the model. The role is read on every request, so a change applies at once.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import functools
import getpass
import hashlib
import hmac
import re
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Column, String, Table, delete, func, insert, select, update
from sqlalchemy.engine import Engine

from bot.console.sessions import sessions_table
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
    Column("role", String(20), nullable=False, default="advisor", server_default="advisor"),
)

ADVISOR = "advisor"
ADMIN = "admin"
#: Every role, least powerful first.
ROLES = (ADVISOR, ADMIN)


class AccountError(ValueError):
    """An account cannot be created as asked; the message says why, for the advisor to read."""


@dataclass(frozen=True)
class Advisor:
    email: str
    created_at: dt.datetime
    role: str = ADVISOR
    disabled: bool = False

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN


def check_role(role: str) -> str:
    """The role as stored; an unknown one is refused with the names that exist."""
    cleaned = (role or "").strip().lower()
    if cleaned not in ROLES:
        raise AccountError(f"{role!r} is not a role: choose {' or '.join(ROLES)}.")
    return cleaned


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


#: Fewer different characters than this is a pattern, not a password ("aaaaaaaaaa", "ababababab").
MIN_DISTINCT_CHARACTERS = 5
COMMON_PASSWORDS = Path(__file__).resolve().parent / "common_passwords.txt"


@functools.cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def check_new_password(password: str, email: str = "") -> None:
    """Refuse a password an attacker would try early; the message says what to do instead.

    Length counts real characters (ten spaces were accepted), a handful of characters
    repeated is refused, and so is a common password or a common word, or the account's
    own email name, dressed up with digits and symbols ("Password123!")."""
    real = "".join(password.split())
    if len(real) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            f"The password is too short: use at least {MIN_PASSWORD_LENGTH} characters other than spaces "
            "(a few unrelated words make a good one)."
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(f"The password is too long: use at most {MAX_PASSWORD_LENGTH} characters.")
    if len(set(real.lower())) < MIN_DISTINCT_CHARACTERS:
        raise AccountError("The password repeats a few characters; use a few unrelated words instead.")
    lowered = real.lower()
    core = re.sub(r"^[\W\d_]+|[\W\d_]+$", "", lowered)  # "2024Password123!" -> "password"
    name = normalize_email(email).split("@", 1)[0]
    if lowered in common_passwords() or core in common_passwords() or (len(name) >= 3 and core == name):
        raise AccountError("That password is one of the first that attackers try; use a few unrelated words instead.")


#: The stored "hash" of a disabled account: not an scrypt string, so no password matches it.
DISABLED = "disabled"

# Checked when an unknown email signs in, so a wrong email takes as long as a wrong password.
_DUMMY_HASH = hash_password(secrets.token_hex(16))


class AccountStore:
    """Advisor accounts in the app database; brings the app tables up to date on first use."""

    def __init__(self, engine: Engine):
        self.engine = engine
        ensure_schema(engine)

    def create(self, email: str, password: str, *, replace: bool = False, role: str | None = None) -> Advisor:
        """A new account (an advisor unless `role` says otherwise), or with `replace` a new
        password for an existing one (and its role changed when `role` is given)."""
        email = normalize_email(email)
        role = check_role(role) if role is not None else None
        if len(email) > 200 or not EMAIL_PATTERN.fullmatch(email):
            raise AccountError(f"{email or '(empty)'!r} is not an email address.")
        check_new_password(password, email)
        now = utcnow()
        with self.engine.begin() as conn:
            found = conn.execute(
                select(advisors_table.c.created_at, advisors_table.c.role).where(advisors_table.c.email == email)
            ).first()
            if found is not None:
                existing, old_role = found
                if not replace:
                    raise AccountError(
                        f"There is already an account for {email} (add --reset-password to give it a new password)."
                    )
                conn.execute(
                    update(advisors_table)
                    .where(advisors_table.c.email == email)
                    .values(password_hash=hash_password(password), password_changed_at=now, role=role or old_role)
                )
                # A reset is often because the old password leaked: whoever signed in with it is out.
                conn.execute(delete(sessions_table).where(sessions_table.c.email == email))
                return Advisor(email, existing, role or old_role)
            if replace:
                raise AccountError(f"There is no account for {email} to reset.")
            conn.execute(
                insert(advisors_table).values(
                    email=email,
                    password_hash=hash_password(password),
                    created_at=now,
                    password_changed_at=now,
                    role=role or ADVISOR,
                )
            )
        return Advisor(email, now, role or ADVISOR)

    def set_role(self, email: str, role: str) -> Advisor:
        """Give an account another role; the last admin who can sign in is never demoted, so
        someone can always manage accounts from the console."""
        email, role = normalize_email(email), check_role(role)
        with self.engine.begin() as conn:
            row = conn.execute(select(advisors_table).where(advisors_table.c.email == email)).mappings().first()
            if row is None:
                raise AccountError(f"There is no account for {email}.")
            if row["role"] == ADMIN and role != ADMIN and self._active_admins(conn) == [email]:
                raise AccountError(f"{email} is the only admin who can sign in; make another admin first.")
            conn.execute(update(advisors_table).where(advisors_table.c.email == email).values(role=role))
        return Advisor(email, row["created_at"], role, row["password_hash"] == DISABLED)

    def _active_admins(self, conn: Any) -> list[str]:
        query = select(advisors_table.c.email).where(
            advisors_table.c.role == ADMIN, advisors_table.c.password_hash != DISABLED
        )
        return list(conn.execute(query).scalars())

    def role_of(self, email: str) -> str | None:
        """The role of an account that can sign in; None for a disabled or unknown one."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(advisors_table.c.role, advisors_table.c.password_hash).where(
                    advisors_table.c.email == normalize_email(email)
                )
            ).first()
        return None if row is None or row.password_hash == DISABLED else row.role

    def disable(self, email: str, *, keep_an_admin: bool = False) -> int | None:
        """Lock an account: no password opens it any more and every session of it ends at once.

        Returns how many sessions ended, or None when there is no such account. The account's
        name stays on the annotations it made; `add-advisor --reset-password` opens it again.
        With `keep_an_admin` (the console) the last admin who can sign in is refused."""
        email = normalize_email(email)
        with self.engine.begin() as conn:
            if keep_an_admin and self._active_admins(conn) == [email]:
                raise AccountError(f"{email} is the only admin who can sign in; make another admin first.")
            found = conn.execute(
                update(advisors_table)
                .where(advisors_table.c.email == email)
                .values(password_hash=DISABLED, password_changed_at=utcnow())
            ).rowcount
            if not found:
                return None
            return int(conn.execute(delete(sessions_table).where(sessions_table.c.email == email)).rowcount)

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
        if row["password_hash"] == DISABLED:
            check_password(password, _DUMMY_HASH)  # the same cost as a wrong password
            return None
        if not check_password(password, row["password_hash"]):
            return None
        return Advisor(row["email"], row["created_at"], row["role"])

    def exists(self, email: str) -> bool:
        """Whether there is an account for `email` (disabled ones included)."""
        with self.engine.connect() as conn:
            found = conn.execute(select(advisors_table.c.email).where(advisors_table.c.email == normalize_email(email)))
            return found.first() is not None

    def all(self) -> list[Advisor]:
        """Every account, disabled ones included, by email."""
        columns = (
            advisors_table.c.email,
            advisors_table.c.created_at,
            advisors_table.c.role,
            advisors_table.c.password_hash,
        )
        with self.engine.connect() as conn:
            rows = conn.execute(select(*columns).order_by(advisors_table.c.email)).all()
        return [Advisor(email, created, role, stored == DISABLED) for email, created, role, stored in rows]

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
    """`add-advisor EMAIL [--password-stdin] [--reset-password] [--role advisor|admin]`, for
    `python -m bot.review` and `python -m bot.console`; returns the exit status."""
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
    parser.add_argument(
        "--role",
        choices=ROLES,
        help="advisor (the default for a new account): conversations, handoffs, annotations; "
        "admin: also accounts, approving annotations and retraining",
    )
    args = parser.parse_args(argv)
    if engine is None:
        from bot.db import get_engine
        from bot.settings import load_settings

        engine = get_engine(load_settings().database_url)
    try:
        password = read_new_password(args.password_stdin)
        advisor = AccountStore(engine).create(args.email, password, replace=args.reset_password, role=args.role)
    except AccountError as exc:
        print(exc, file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("\nNo account was created.", file=sys.stderr)
        return 1
    done = "New password set for" if args.reset_password else "Advisor account created:"
    print(f"{done} {advisor.email} ({advisor.role}). Sign in to the console with it.")
    return 0


def main_set_role(argv: list[str] | None = None, engine: Engine | None = None) -> int:
    """`set-role EMAIL advisor|admin`: change what an account may do, from the next page it opens."""
    parser = argparse.ArgumentParser(
        prog="python -m bot.review set-role",
        description="Change an account's role: advisor (conversations, handoffs, annotations) or admin "
        "(also accounts, approving annotations and retraining). It applies from the account's next page.",
    )
    parser.add_argument("email")
    parser.add_argument("role", choices=ROLES)
    args = parser.parse_args(argv)
    if engine is None:
        from bot.db import get_engine
        from bot.settings import load_settings

        engine = get_engine(load_settings().database_url)
    try:
        advisor = AccountStore(engine).set_role(args.email, args.role)
    except AccountError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{advisor.email} is now an {advisor.role}.")
    return 0


def main_disable_advisor(argv: list[str] | None = None, engine: Engine | None = None) -> int:
    """`disable-advisor EMAIL`: no one signs in to that account any more, and its sessions end now."""
    parser = argparse.ArgumentParser(
        prog="python -m bot.review disable-advisor",
        description="Disable an advisor account at once: its password stops working and every session "
        "of it ends. `add-advisor EMAIL --reset-password` gives it a new password again.",
    )
    parser.add_argument("email")
    args = parser.parse_args(argv)
    if engine is None:
        from bot.db import get_engine
        from bot.settings import load_settings

        engine = get_engine(load_settings().database_url)
    ended = AccountStore(engine).disable(args.email)
    if ended is None:
        print(f"There is no account for {normalize_email(args.email)}.", file=sys.stderr)
        return 1
    print(f"Disabled {normalize_email(args.email)}; {ended} session{'s' if ended != 1 else ''} ended.")
    return 0
