"""Advisors' notes on handoff requests and who handles each one.

Revision ID: 0006
Revises: 0005

Two new tables beside handoff_requests (bot/review/handoff_notes.py): handoff_notes
(many per request) and handoff_assignees (at most one per request). Both carry the
conversation's sender id, so the retention purge removes them with it. Nothing
existing changes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handoff_notes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("request_id", sa.Integer, nullable=False),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("by", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_handoff_notes_request_id", "handoff_notes", ["request_id"])
    op.create_index("ix_handoff_notes_sender_id", "handoff_notes", ["sender_id"])
    op.create_table(
        "handoff_assignees",
        sa.Column("request_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("assignee", sa.String(200), nullable=False),
        sa.Column("by", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_handoff_assignees_sender_id", "handoff_assignees", ["sender_id"])


def downgrade() -> None:
    op.drop_index("ix_handoff_assignees_sender_id", "handoff_assignees")
    op.drop_table("handoff_assignees")
    op.drop_index("ix_handoff_notes_sender_id", "handoff_notes")
    op.drop_index("ix_handoff_notes_request_id", "handoff_notes")
    op.drop_table("handoff_notes")
