"""a draft due date beside the go-live date, and a creator's own time zone

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 15:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deliverable", schema=None) as batch_op:
        batch_op.add_column(sa.Column("draft_due_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("draft_due_local", sa.JSON(), nullable=True))
    with op.batch_alter_table("campaign_creator", schema=None) as batch_op:
        batch_op.add_column(sa.Column("timezone", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("campaign_creator", schema=None) as batch_op:
        batch_op.drop_column("timezone")
    with op.batch_alter_table("deliverable", schema=None) as batch_op:
        batch_op.drop_column("draft_due_local")
        batch_op.drop_column("draft_due_at")
