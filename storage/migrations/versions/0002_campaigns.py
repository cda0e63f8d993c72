"""campaigns, deliverables, reminders

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 12:21:13.124627
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "campaign",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_key", sa.String(length=100), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("owner_user_id", sa.String(length=32), nullable=False),
        sa.Column("approver_user_ids", sa.JSON(), nullable=False),
        sa.Column("budget", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("jurisdiction", sa.String(length=8), nullable=False),
        sa.Column("reminder_policy", sa.JSON(), nullable=True),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign")),
        sa.UniqueConstraint("team_id", "name_key", name=op.f("uq_campaign_team_id")),
    )
    with op.batch_alter_table("campaign", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_campaign_team_id"), ["team_id"], unique=False)

    op.create_table(
        "campaign_creator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("handle", sa.String(length=100), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("fee", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("exclusivity", sa.Boolean(), nullable=False),
        sa.Column("usage_rights", sa.String(length=200), nullable=True),
        sa.Column("max_revision_rounds", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_campaign_creator_campaign_id_campaign"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_creator")),
        sa.UniqueConstraint("campaign_id", "platform", "handle", name=op.f("uq_campaign_creator_campaign_id")),
    )
    with op.batch_alter_table("campaign_creator", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_campaign_creator_team_id"), ["team_id"], unique=False)

    op.create_table(
        "deliverable",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("creator_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("revision_rounds", sa.Integer(), nullable=False),
        sa.Column("post_url", sa.String(length=500), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_deliverable_campaign_id_campaign"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["campaign_creator.id"],
            name=op.f("fk_deliverable_creator_id_campaign_creator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliverable")),
    )
    with op.batch_alter_table("deliverable", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deliverable_campaign_id"), ["campaign_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_deliverable_creator_id"), ["creator_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_deliverable_due_at"), ["due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_deliverable_team_id"), ["team_id"], unique=False)

    op.create_table(
        "deliverable_transition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("deliverable_id", sa.Integer(), nullable=False),
        sa.Column("from_state", sa.String(length=24), nullable=False),
        sa.Column("to_state", sa.String(length=24), nullable=False),
        sa.Column("actor_user_id", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["deliverable_id"],
            ["deliverable.id"],
            name=op.f("fk_deliverable_transition_deliverable_id_deliverable"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliverable_transition")),
    )
    with op.batch_alter_table("deliverable_transition", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deliverable_transition_deliverable_id"), ["deliverable_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_deliverable_transition_team_id"), ["team_id"], unique=False)

    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("deliverable_id", sa.Integer(), nullable=True),
        sa.Column("deliverable_version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("audience", sa.String(length=16), nullable=False),
        sa.Column("fire_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("idempotency_key", sa.String(length=160), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("first_claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("slack_ts", sa.String(length=32), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_reminder_campaign_id_campaign"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["deliverable_id"],
            ["deliverable.id"],
            name=op.f("fk_reminder_deliverable_id_deliverable"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder")),
        sa.UniqueConstraint("team_id", "idempotency_key", name=op.f("uq_reminder_team_id")),
    )
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reminder_campaign_id"), ["campaign_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_reminder_deliverable_id"), ["deliverable_id"], unique=False)
        batch_op.create_index("ix_reminder_due", ["status", "next_attempt_at"], unique=False)
        batch_op.create_index("ix_reminder_lease", ["status", "lease_until"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.drop_index("ix_reminder_lease")
        batch_op.drop_index("ix_reminder_due")
        batch_op.drop_index(batch_op.f("ix_reminder_deliverable_id"))
        batch_op.drop_index(batch_op.f("ix_reminder_campaign_id"))

    op.drop_table("reminder")
    with op.batch_alter_table("deliverable_transition", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deliverable_transition_team_id"))
        batch_op.drop_index(batch_op.f("ix_deliverable_transition_deliverable_id"))

    op.drop_table("deliverable_transition")
    with op.batch_alter_table("deliverable", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deliverable_team_id"))
        batch_op.drop_index(batch_op.f("ix_deliverable_due_at"))
        batch_op.drop_index(batch_op.f("ix_deliverable_creator_id"))
        batch_op.drop_index(batch_op.f("ix_deliverable_campaign_id"))

    op.drop_table("deliverable")
    with op.batch_alter_table("campaign_creator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_campaign_creator_team_id"))

    op.drop_table("campaign_creator")
    with op.batch_alter_table("campaign", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_campaign_team_id"))

    op.drop_table("campaign")
