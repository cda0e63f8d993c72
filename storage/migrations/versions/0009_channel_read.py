"""channel_read: the conversations.history pages read while checking reminders, shared by every worker

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 13:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "channel_read",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("found", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channel_read")),
    )
    with op.batch_alter_table("channel_read", schema=None) as batch_op:
        batch_op.create_index("ix_channel_read_channel", ["team_id", "channel_id", "until"], unique=False)
        batch_op.create_index(batch_op.f("ix_channel_read_read_at"), ["read_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("channel_read", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_channel_read_read_at"))
        batch_op.drop_index("ix_channel_read_channel")
    op.drop_table("channel_read")
