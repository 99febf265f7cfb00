"""One UTC convention: the console's timestamps become TIMESTAMP WITH TIME ZONE, like the others.

Revision ID: 0002
Revises: 0001

The console's three tables stored naive UTC while every other app table stored
aware timestamps. On PostgreSQL their five columns change type; the values they
hold were UTC, so `AT TIME ZONE 'UTC'` keeps each instant. SQLite has one DATETIME
type for both and already holds UTC text, so there is nothing to change there.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = (
    ("console_advisors", "created_at"),
    ("console_advisors", "password_changed_at"),
    ("console_sessions", "created_at"),
    ("console_sessions", "expires_at"),
    ("console_signin_failures", "at"),
)


def _retype(with_zone: bool) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in COLUMNS:
        op.alter_column(
            table,
            column,
            type_=sa.DateTime(timezone=with_zone),
            existing_type=sa.DateTime(timezone=not with_zone),
            existing_nullable=False,
            # naive UTC -> that instant, and back: the stored values were UTC either way.
            postgresql_using=f"{column} AT TIME ZONE 'UTC'",
        )


def upgrade() -> None:
    _retype(with_zone=True)


def downgrade() -> None:
    _retype(with_zone=False)
