"""results at scale: orders' match keys and day tallies, each post's views per day

A big campaign's report groups its orders in SQL by the keys the domain matches creators by
(bot.metrics.match_key: trimmed, case-folded, a leading @ dropped). SQL has no case folding that agrees with
Python's on every script (ß is ss, ﬁ is fi; SQLite's lower() knows only ASCII), so the keys are computed in
Python on import and stored; existing orders get theirs here. order_day tallies the orders per UTC day and key,
and post_views_day keeps each post's highest view count per UTC day, both filled here from what is stored, so
that a report reads neither every order nor every reading (storage/orders.py, storage/results.py).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 13:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.metrics.inputs import match_key

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MATCH_KEY_WIDTH = 300  # case folding can triple a 100-character code
CHUNK = 2_000


def upgrade() -> None:
    with op.batch_alter_table("shop_order", schema=None) as batch_op:
        batch_op.add_column(sa.Column("day", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("code_key", sa.String(length=MATCH_KEY_WIDTH), nullable=True))
        batch_op.add_column(sa.Column("link_key", sa.String(length=MATCH_KEY_WIDTH), nullable=True))
    _fill_match_keys()
    op.execute(f"UPDATE shop_order SET day = {_utc_day('created_at')}")
    # The report reads the orders of a day or two: indexed by day, an import adds to a few index pages (by moment,
    # to one page per order: a third of the time of inserting them).
    with op.batch_alter_table("shop_order", schema=None) as batch_op:
        batch_op.alter_column("day", existing_type=sa.Date(), nullable=False)
        batch_op.drop_index("ix_shop_order_campaign")
        batch_op.create_index("ix_shop_order_day", ["team_id", "campaign_id", "day"], unique=False)
    op.create_table(
        "order_day",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("code_key", sa.String(length=MATCH_KEY_WIDTH), nullable=False),
        sa.Column("link_key", sa.String(length=MATCH_KEY_WIDTH), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("orders", sa.Integer(), nullable=False),
        sa.Column("cents", sa.BigInteger(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_order_day_campaign_id_campaign"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_day")),
        sa.UniqueConstraint(
            "team_id", "campaign_id", "day", "code_key", "link_key", "currency", "cancelled", name="uq_order_day_group"
        ),
    )
    op.execute(
        "INSERT INTO order_day (team_id, campaign_id, day, code_key, link_key, currency, cancelled, orders, cents, "
        "member_id) SELECT team_id, campaign_id, day, coalesce(code_key, ''), coalesce(link_key, ''), currency, "
        "cancelled, count(*), sum(CAST(round(revenue * 100) AS BIGINT)), min(id) FROM shop_order "
        "GROUP BY team_id, campaign_id, day, coalesce(code_key, ''), coalesce(link_key, ''), currency, cancelled"
    )

    op.create_table(
        "post_views_day",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("creator_id", sa.Integer(), nullable=False),
        sa.Column("post_url", sa.String(length=500), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("views", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_post_views_day_campaign_id_campaign"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["campaign_creator.id"],
            name=op.f("fk_post_views_day_creator_id_campaign_creator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_views_day")),
        sa.UniqueConstraint("team_id", "campaign_id", "post_url", "day", name="uq_post_views_day_day"),
    )
    with op.batch_alter_table("post_views_day", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_post_views_day_creator_id"), ["creator_id"], unique=False)
    observed = _utc_day("observed_at")
    op.execute(
        "INSERT INTO post_views_day (team_id, campaign_id, creator_id, post_url, day, views) "
        f"SELECT team_id, campaign_id, max(creator_id), post_url, {observed}, max(views) FROM metric_observation "
        f"WHERE views IS NOT NULL GROUP BY team_id, campaign_id, post_url, {observed}"
    )


def _utc_day(column: str) -> str:
    """The UTC day of a moment: SQLite keeps naive UTC text; PostgreSQL's date() would use the session's zone."""
    if op.get_bind().dialect.name == "sqlite":
        return f"date({column})"
    return f"CAST({column} AT TIME ZONE 'UTC' AS date)"


def _fill_match_keys() -> None:
    """Page through the orders by id, so a big table never sits in memory at once."""
    connection = op.get_bind()
    page = sa.text("SELECT id, code, utm_content FROM shop_order WHERE id > :after ORDER BY id LIMIT :limit")
    update = sa.text("UPDATE shop_order SET code_key = :code_key, link_key = :link_key WHERE id = :id")
    after = 0
    while rows := connection.execute(page, {"after": after, "limit": CHUNK}).all():
        keys = [{"id": r.id, "code_key": match_key(r.code), "link_key": match_key(r.utm_content)} for r in rows]
        keyed = [k for k in keys if k["code_key"] or k["link_key"]]
        if keyed:
            connection.execute(update, keyed)
        after = rows[-1].id


def downgrade() -> None:
    op.drop_table("order_day")
    with op.batch_alter_table("post_views_day", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_post_views_day_creator_id"))
    op.drop_table("post_views_day")
    with op.batch_alter_table("shop_order", schema=None) as batch_op:
        batch_op.drop_index("ix_shop_order_day")
        batch_op.create_index("ix_shop_order_campaign", ["team_id", "campaign_id", "created_at"], unique=False)
        batch_op.drop_column("link_key")
        batch_op.drop_column("code_key")
        batch_op.drop_column("day")
