"""deliverable posted_at and local due

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 12:35:16.444838
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deliverable", schema=None) as batch_op:
        batch_op.add_column(sa.Column("posted_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("due_local", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("deliverable", schema=None) as batch_op:
        batch_op.drop_column("due_local")
        batch_op.drop_column("posted_at")
