"""reminder.draft_version_id: a creator's draft from their link is posted by the dispatcher (its review card and its
files), so the row says which draft version it is about

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 04:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.add_column(sa.Column("draft_version_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_reminder_draft_version_id"), ["draft_version_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_reminder_draft_version_id_draft_version"),
            "draft_version",
            ["draft_version_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_reminder_draft_version_id_draft_version"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_reminder_draft_version_id"))
        batch_op.drop_column("draft_version_id")
