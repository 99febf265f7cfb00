"""The app tables as the release before migrations created them.

Revision ID: 0001
Revises: (none)

Written out here, not imported from the stores, so this revision keeps creating
exactly that schema whatever the models become. That release created each table
on first use with MetaData.create_all; `previous_release_tables` builds the same
tables, so the DDL is the same on SQLite and PostgreSQL. bot.db.migrate also uses
it to recognise a database that release created before stamping it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def previous_release_tables() -> sa.MetaData:
    """The seven app tables of that release, on a MetaData of their own."""
    metadata = sa.MetaData()
    sa.Table(
        "roadmap_progress",
        metadata,
        sa.Column("sender_id", sa.String(255), primary_key=True),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    sa.Table(
        "handoff_requests",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sender_id", sa.String(255), nullable=False, index=True),
        sa.Column("channel", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("contact", sa.String(200), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=True),
    )
    sa.Table(
        "review_annotations",
        metadata,
        sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("sender_id", sa.String(255), nullable=False, index=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("intent", sa.String(200), nullable=True),
        sa.Column("out_of_scope", sa.Boolean, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("by", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    sa.Table(
        "review_marks",
        metadata,
        sa.Column("sender_id", sa.String(255), primary_key=True),
        sa.Column("by", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    # The console's tables stored naive UTC (TIMESTAMP WITHOUT TIME ZONE); revision 0002 changes that.
    sa.Table(
        "console_advisors",
        metadata,
        sa.Column("email", sa.String(200), primary_key=True),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("password_changed_at", sa.DateTime, nullable=False),
    )
    sa.Table(
        "console_sessions",
        metadata,
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("email", sa.String(200), nullable=False, index=True),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
    )
    sa.Table(
        "console_signin_failures",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Index("ix_console_signin_failures_key", "kind", "key", "at"),
    )
    return metadata


def upgrade() -> None:
    previous_release_tables().create_all(op.get_bind())


def downgrade() -> None:
    previous_release_tables().drop_all(op.get_bind())
