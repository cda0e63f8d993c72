"""reminder posting_since

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 12:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.add_column(sa.Column("posting_since", sa.DateTime(timezone=True), nullable=True))
    # A reminder in flight may have been posted by a worker that did not note when: look from its first claim.
    op.execute(
        "UPDATE reminder SET posting_since = first_claimed_at "
        "WHERE status IN ('pending', 'sending') AND first_claimed_at IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.drop_column("posting_since")
