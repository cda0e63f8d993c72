"""campaign results: money, payments, post metrics, orders

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 12:04:47.332208
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _reading_columns() -> list[sa.Column]:
    """The numbers of one reading of a post: the history and the latest reading hold the same."""
    counts = ("views", "likes", "comments", "shares", "saves", "reach", "impressions", "link_clicks")
    return [
        sa.Column("post_url", sa.String(length=500), nullable=False),
        sa.Column("observed_at", sa.DateTime(timezone=True), nullable=False),
        *(sa.Column(name, sa.BigInteger(), nullable=True) for name in counts),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("proof_url", sa.String(length=500), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "shop_order",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("code", sa.String(length=100), nullable=True),
        sa.Column("utm_content", sa.String(length=100), nullable=True),
        sa.Column("revenue", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_shop_order_campaign_id_campaign"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shop_order")),
        sa.UniqueConstraint("team_id", "campaign_id", "order_id", name="uq_shop_order_order"),
    )
    with op.batch_alter_table("shop_order", schema=None) as batch_op:
        batch_op.create_index("ix_shop_order_campaign", ["team_id", "campaign_id", "created_at"], unique=False)

    op.create_table(
        "metric_observation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("creator_id", sa.Integer(), nullable=False),
        *_reading_columns(),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_metric_observation_campaign_id_campaign"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["campaign_creator.id"],
            name=op.f("fk_metric_observation_creator_id_campaign_creator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_metric_observation")),
        sa.UniqueConstraint("team_id", "campaign_id", "post_url", "observed_at", name="uq_metric_observation_reading"),
    )
    with op.batch_alter_table("metric_observation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_metric_observation_creator_id"), ["creator_id"], unique=False)

    op.create_table(
        "post_metric",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("creator_id", sa.Integer(), nullable=False),
        *_reading_columns(),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_post_metric_campaign_id_campaign"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["campaign_creator.id"],
            name=op.f("fk_post_metric_creator_id_campaign_creator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_metric")),
        sa.UniqueConstraint("team_id", "campaign_id", "post_url", name="uq_post_metric_post"),
    )
    with op.batch_alter_table("post_metric", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_post_metric_creator_id"), ["creator_id"], unique=False)

    op.create_table(
        "payment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("creator_id", sa.Integer(), nullable=False),
        sa.Column("deliverable_id", sa.Integer(), nullable=True),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.String(length=32), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_payment_campaign_id_campaign"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["campaign_creator.id"],
            name=op.f("fk_payment_creator_id_campaign_creator"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["deliverable_id"],
            ["deliverable.id"],
            name=op.f("fk_payment_deliverable_id_deliverable"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment")),
    )
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payment_campaign_id"), ["campaign_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_payment_creator_id"), ["creator_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_payment_team_id"), ["team_id"], unique=False)

    with op.batch_alter_table("campaign", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attribution_days", sa.Integer(), server_default="30", nullable=False))
        batch_op.add_column(sa.Column("digest_schedule", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("emv_method", sa.String(length=32), nullable=True))

    with op.batch_alter_table("campaign_creator", schema=None) as batch_op:
        batch_op.add_column(sa.Column("gift_value", sa.Numeric(precision=14, scale=2), nullable=True))
        batch_op.add_column(sa.Column("extra_costs", sa.Numeric(precision=14, scale=2), nullable=True))
        batch_op.add_column(sa.Column("discount_code", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("tracking_link", sa.String(length=500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("campaign_creator", schema=None) as batch_op:
        batch_op.drop_column("tracking_link")
        batch_op.drop_column("discount_code")
        batch_op.drop_column("extra_costs")
        batch_op.drop_column("gift_value")

    with op.batch_alter_table("campaign", schema=None) as batch_op:
        batch_op.drop_column("emv_method")
        batch_op.drop_column("digest_schedule")
        batch_op.drop_column("attribution_days")

    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_team_id"))
        batch_op.drop_index(batch_op.f("ix_payment_creator_id"))
        batch_op.drop_index(batch_op.f("ix_payment_campaign_id"))

    op.drop_table("payment")
    with op.batch_alter_table("post_metric", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_post_metric_creator_id"))

    op.drop_table("post_metric")
    with op.batch_alter_table("metric_observation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_metric_observation_creator_id"))

    op.drop_table("metric_observation")
    with op.batch_alter_table("shop_order", schema=None) as batch_op:
        batch_op.drop_index("ix_shop_order_campaign")

    op.drop_table("shop_order")
