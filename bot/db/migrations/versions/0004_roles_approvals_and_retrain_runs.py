"""Advisors get a role, annotations an approval and corrected entities, and retrain runs are recorded.

Revision ID: 0004
Revises: 0003

- console_advisors.role: "advisor" (conversations, handoffs, annotations) or "admin" (also
  accounts, approving annotations and retraining). Existing accounts become advisors; an
  operator makes the first admin with `python -m bot.review set-role EMAIL admin`.
- review_annotations.entities (JSON list of [entity, value], NULL: the model's entities
  were not corrected), approved_by and approved_at (NULL: not approved, so not trained on).
- retrain_runs: one row per retrain with the held-out figures before and after, what was
  decided, and where the previous model was kept for a rollback.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("console_advisors") as batch:
        batch.add_column(sa.Column("role", sa.String(20), nullable=False, server_default="advisor"))
    with op.batch_alter_table("review_annotations") as batch:
        batch.add_column(sa.Column("entities", sa.Text(), nullable=True))
        batch.add_column(sa.Column("approved_by", sa.String(200), nullable=True))
        batch.add_column(sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "retrain_runs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("requested_by", sa.String(200), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("examples", sa.Integer(), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("model_path", sa.String(500), nullable=True),
        sa.Column("previous_model", sa.String(500), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("retrain_runs")
    with op.batch_alter_table("review_annotations") as batch:
        batch.drop_column("approved_at")
        batch.drop_column("approved_by")
        batch.drop_column("entities")
    with op.batch_alter_table("console_advisors") as batch:
        batch.drop_column("role")
