"""Handoff requests record a keyed hash of the client's address, so filing can be throttled per address.

Revision ID: 0003
Revises: 0002

300 requests were filed from one address in 22 s. The channels now pass a keyed hash of
the client's address (never the address itself, bot/rasa/channels/clients.py) and the
store refuses more than a few per address per hour (bot/handoff/store.py). Existing
requests have none: NULL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("handoff_requests") as batch:
        batch.add_column(sa.Column("client", sa.String(64), nullable=True))
        batch.create_index("ix_handoff_requests_client", ["client"])


def downgrade() -> None:
    with op.batch_alter_table("handoff_requests") as batch:
        batch.drop_index("ix_handoff_requests_client")
        batch.drop_column("client")
