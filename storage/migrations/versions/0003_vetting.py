"""vetting snapshots, runs and decisions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 12:30:37.016718
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "creator_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("handle", sa.String(length=100), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("followers", sa.Integer(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_creator_snapshot")),
    )
    with op.batch_alter_table("creator_snapshot", schema=None) as batch_op:
        batch_op.create_index(
            "ix_creator_snapshot_lookup", ["team_id", "platform", "handle", "fetched_at"], unique=False
        )

    op.create_table(
        "vet_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("handle", sa.String(length=100), nullable=False),
        sa.Column("requested_by", sa.String(length=32), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("message_ts", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vet_run")),
    )
    with op.batch_alter_table("vet_run", schema=None) as batch_op:
        batch_op.create_index("ix_vet_run_lookup", ["team_id", "platform", "handle", "created_at"], unique=False)

    op.create_table(
        "vet_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("vet_run_id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("handle", sa.String(length=100), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["vet_run_id"], ["vet_run.id"], name=op.f("fk_vet_decision_vet_run_id_vet_run"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vet_decision")),
    )
    with op.batch_alter_table("vet_decision", schema=None) as batch_op:
        batch_op.create_index("ix_vet_decision_lookup", ["team_id", "platform", "handle", "decided_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_vet_decision_vet_run_id"), ["vet_run_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("vet_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vet_decision_vet_run_id"))
        batch_op.drop_index("ix_vet_decision_lookup")

    op.drop_table("vet_decision")
    with op.batch_alter_table("vet_run", schema=None) as batch_op:
        batch_op.drop_index("ix_vet_run_lookup")

    op.drop_table("vet_run")
    with op.batch_alter_table("creator_snapshot", schema=None) as batch_op:
        batch_op.drop_index("ix_creator_snapshot_lookup")

    op.drop_table("creator_snapshot")
