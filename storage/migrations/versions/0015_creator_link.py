"""creator_link: a creator's private link to a campaign (only the token's keyed hash is kept) and
creator_link_event: what came in through it, when and from which address

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 23:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "creator_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("creator_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_creator_link_campaign_id_campaign"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["campaign_creator.id"],
            name=op.f("fk_creator_link_creator_id_campaign_creator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_creator_link")),
        sa.UniqueConstraint("token_hash", name="uq_creator_link_token_hash"),
    )
    with op.batch_alter_table("creator_link", schema=None) as batch_op:
        batch_op.create_index("ix_creator_link_creator", ["team_id", "creator_id"], unique=False)
    op.create_table(
        "creator_link_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("link_id", sa.Integer(), nullable=False),
        sa.Column("deliverable_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ip", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["link_id"],
            ["creator_link.id"],
            name=op.f("fk_creator_link_event_link_id_creator_link"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_creator_link_event")),
    )
    with op.batch_alter_table("creator_link_event", schema=None) as batch_op:
        batch_op.create_index("ix_creator_link_event_link", ["team_id", "link_id", "at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("creator_link_event", schema=None) as batch_op:
        batch_op.drop_index("ix_creator_link_event_link")
    op.drop_table("creator_link_event")
    with op.batch_alter_table("creator_link", schema=None) as batch_op:
        batch_op.drop_index("ix_creator_link_creator")
    op.drop_table("creator_link")
