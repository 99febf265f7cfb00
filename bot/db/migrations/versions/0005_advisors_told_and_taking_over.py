"""Advisors are told of new requests and can take a conversation over: two new tables.

Revision ID: 0005
Revises: 0004

`handoff_notifications` (bot/notify/outbox.py): the mail and Slack post owed for each
handoff request, and whether each went out, so a mail server that is down is retried and
the console can say "not sent". `conversation_holds` (bot/takeover/store.py): which advisor
holds a conversation (the bot stays silent) and the history of who held it and when.
Both belong to a conversation (sender_id) and go with it at the retention purge.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handoff_notifications",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_handoff_notifications_request_id", "handoff_notifications", ["request_id"])
    op.create_index("ix_handoff_notifications_sender_id", "handoff_notifications", ["sender_id"])
    op.create_table(
        "conversation_holds",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("held_by", sa.String(200), nullable=False),
        sa.Column("held_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("released_by", sa.String(200), nullable=True),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_conversation_holds_sender_id", "conversation_holds", ["sender_id"])


def downgrade() -> None:
    op.drop_index("ix_conversation_holds_sender_id", "conversation_holds")
    op.drop_table("conversation_holds")
    op.drop_index("ix_handoff_notifications_sender_id", "handoff_notifications")
    op.drop_index("ix_handoff_notifications_request_id", "handoff_notifications")
    op.drop_table("handoff_notifications")
