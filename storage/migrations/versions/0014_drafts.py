"""drafts: each draft version with its check, the review decisions on it, a deliverable's review thread; a
campaign's review settings (required tags, legal approvers)

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 15:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("campaign", schema=None) as batch_op:
        batch_op.add_column(sa.Column("review_settings", sa.JSON(), nullable=True))
    op.create_table(
        "draft_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("deliverable_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("links", sa.JSON(), nullable=False),
        sa.Column("files", sa.JSON(), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("submitted_by", sa.String(length=32), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("check_result", sa.JSON(), nullable=False),
        sa.Column("card_channel", sa.String(length=32), nullable=True),
        sa.Column("card_ts", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["deliverable_id"],
            ["deliverable.id"],
            name=op.f("fk_draft_version_deliverable_id_deliverable"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft_version")),
        sa.UniqueConstraint("team_id", "deliverable_id", "version", name="uq_draft_version_number"),
    )
    with op.batch_alter_table("draft_version", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_draft_version_deliverable_id"), ["deliverable_id"], unique=False)
    op.create_table(
        "review_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("draft_version_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=32), nullable=False),
        sa.Column("step", sa.String(length=16), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("actor", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_missing_disclosure", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["draft_version_id"],
            ["draft_version.id"],
            name=op.f("fk_review_decision_draft_version_id_draft_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_decision")),
    )
    with op.batch_alter_table("review_decision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_decision_draft_version_id"), ["draft_version_id"], unique=False)
    op.create_table(
        "draft_thread",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("deliverable_id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("thread_ts", sa.String(length=32), nullable=True),
        sa.Column("extra_rounds", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["deliverable_id"],
            ["deliverable.id"],
            name=op.f("fk_draft_thread_deliverable_id_deliverable"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft_thread")),
        sa.UniqueConstraint("team_id", "deliverable_id", name="uq_draft_thread_deliverable"),
    )


def downgrade() -> None:
    op.drop_table("draft_thread")
    with op.batch_alter_table("review_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_decision_draft_version_id"))
    op.drop_table("review_decision")
    with op.batch_alter_table("draft_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_draft_version_deliverable_id"))
    op.drop_table("draft_version")
    with op.batch_alter_table("campaign", schema=None) as batch_op:
        batch_op.drop_column("review_settings")
