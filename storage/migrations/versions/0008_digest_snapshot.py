"""digest snapshot: the results each digest showed, for the next one's "since the last digest"

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 13:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "digest_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("reminder_id", sa.Integer(), nullable=False),
        sa.Column("results", sa.JSON(), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_digest_snapshot_campaign_id_campaign"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["reminder_id"], ["reminder.id"], name=op.f("fk_digest_snapshot_reminder_id_reminder"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest_snapshot")),
        sa.UniqueConstraint("team_id", "reminder_id", name="uq_digest_snapshot_reminder"),
    )
    with op.batch_alter_table("digest_snapshot", schema=None) as batch_op:
        batch_op.create_index("ix_digest_snapshot_campaign", ["team_id", "campaign_id", "taken_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("digest_snapshot", schema=None) as batch_op:
        batch_op.drop_index("ix_digest_snapshot_campaign")
    op.drop_table("digest_snapshot")
