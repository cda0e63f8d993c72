"""SQLAlchemy 2 typed models. Every row that belongs to a workspace carries team_id."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.types import UTCDateTime

# Stable constraint names, so Alembic migrations read the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Case folding can make a code up to three times longer (ﬃ is ffi): room for the key of a 100-character code.
MATCH_KEY_WIDTH = 300


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Workspace(Base):
    """One Slack workspace that uses CreatorOps, with its defaults."""

    __tablename__ = "workspace"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    enterprise_id: Mapped[str | None] = mapped_column(String(32))
    name: Mapped[str | None] = mapped_column(String(200))
    installed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    default_timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    default_jurisdiction: Mapped[str] = mapped_column(String(8), default="US")
    default_platform: Mapped[str] = mapped_column(String(16), default="instagram")


class ProcessedEvent(Base):
    """Deliveries already handled, so a Slack retry or a replayed request is skipped: Events API ones by
    event_id, commands, clicks and submissions by a digest of their identity (handlers.replay)."""

    __tablename__ = "processed_event"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


class Campaign(Base):
    __tablename__ = "campaign"
    __table_args__ = (UniqueConstraint("team_id", "name_key"),)
    __mapper_args__ = {"eager_defaults": False}  # see review_sla_days

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100))  # casefolded name: "Spring Glow" and "spring glow" clash
    channel_id: Mapped[str] = mapped_column(String(32))
    owner_user_id: Mapped[str] = mapped_column(String(32))
    approver_user_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    budget: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    jurisdiction: Mapped[str] = mapped_column(String(8), default="US")
    reminder_policy: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Orders count for a creator from the start date until the end of the day this many days after the end.
    attribution_days: Mapped[int] = mapped_column(Integer, default=30, server_default="30")
    # Business days the approvers have to review a draft before they are nudged (bot.campaigns.review_sla). Only
    # the database's default, not fetched back after an insert: a row that does not set it also goes into a
    # schema from before the column (the tests of older migrations write such rows).
    review_sla_days: Mapped[int] = mapped_column(Integer, server_default="2")
    digest_schedule: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # None = the default weekly digest
    emv_method: Mapped[str | None] = mapped_column(String(32))  # EMV is off unless a team picks one method
    # Content review: {"required_tags": "#GlowCo @glowco", "legal_approvers": [user ids]}; None = neither.
    review_settings: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class CampaignCreator(Base):
    __tablename__ = "campaign_creator"
    __table_args__ = (UniqueConstraint("campaign_id", "platform", "handle"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    handle: Mapped[str] = mapped_column(String(100))
    platform: Mapped[str] = mapped_column(String(16))
    fee: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    exclusivity: Mapped[bool] = mapped_column(Boolean, default=False)
    usage_rights: Mapped[str | None] = mapped_column(String(200))
    max_revision_rounds: Mapped[int] = mapped_column(Integer, default=2)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    gift_value: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))  # gifted product, part of spend
    extra_costs: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))  # shipping, usage rights, boosting
    discount_code: Mapped[str | None] = mapped_column(String(64))
    tracking_link: Mapped[str | None] = mapped_column(String(500))  # its utm_content names the creator
    timezone: Mapped[str | None] = mapped_column(String(64))  # the creator's own zone; None: the campaign's


class Deliverable(Base):
    __tablename__ = "deliverable"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    creator_id: Mapped[int] = mapped_column(ForeignKey("campaign_creator.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    count: Mapped[int] = mapped_column(Integer, default=1)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    state: Mapped[str] = mapped_column(String(24), default="invited")
    revision_rounds: Mapped[int] = mapped_column(Integer, default=0)
    post_url: Mapped[str | None] = mapped_column(String(500))
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    due_local: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # the local date/time/zone the user gave
    draft_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # the draft is due for review
    draft_due_local: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # ... as the user gave it
    version: Mapped[int] = mapped_column(Integer, default=1)  # bumped when the due date changes
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class DeliverableTransition(Base):
    """Who moved a deliverable from which state to which, and when: the audit trail."""

    __tablename__ = "deliverable_transition"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    deliverable_id: Mapped[int] = mapped_column(ForeignKey("deliverable.id", ondelete="CASCADE"), index=True)
    from_state: Mapped[str] = mapped_column(String(24))
    to_state: Mapped[str] = mapped_column(String(24))
    actor_user_id: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)


class Reminder(Base):
    """One planned reminder: the database, not APScheduler, is the source of truth for what is due.

    status: pending -> sending (claimed under a lease) -> sent | failed | cancelled | rolled_up.
    `fire_at` is when it was planned for; `next_attempt_at` when the dispatcher may next take it (later than
    fire_at after a 429 or a snooze).
    """

    __tablename__ = "reminder"
    __table_args__ = (
        UniqueConstraint("team_id", "idempotency_key"),
        Index("ix_reminder_due", "status", "next_attempt_at"),
        Index("ix_reminder_lease", "status", "lease_until"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    deliverable_id: Mapped[int | None] = mapped_column(ForeignKey("deliverable.id", ondelete="CASCADE"), index=True)
    deliverable_version: Mapped[int] = mapped_column(Integer, default=1)
    # The draft version a creator sent through their link: its review card and files (link_card, link_media).
    draft_version_id: Mapped[int | None] = mapped_column(ForeignKey("draft_version.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    audience: Mapped[str] = mapped_column(String(16), default="channel")  # channel | owner_dm
    fire_at: Mapped[datetime] = mapped_column(UTCDateTime())
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    idempotency_key: Mapped[str] = mapped_column(String(160))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    first_claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set just before each chat.postMessage: a post may have landed since then that no ts records yet.
    posting_since: Mapped[datetime | None] = mapped_column(UTCDateTime())
    channel_id: Mapped[str | None] = mapped_column(String(32))  # where it was posted
    slack_ts: Mapped[str | None] = mapped_column(String(32))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    last_error: Mapped[str | None] = mapped_column(Text)


class DigestSnapshot(Base):
    """The results a digest showed (`bot.metrics.results_json`), kept with the start of its post: the campaign's
    last digest that was delivered (its reminder row sent) is what the next one compares with."""

    __tablename__ = "digest_snapshot"
    __table_args__ = (
        UniqueConstraint("team_id", "reminder_id", name="uq_digest_snapshot_reminder"),
        Index("ix_digest_snapshot_campaign", "team_id", "campaign_id", "taken_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    reminder_id: Mapped[int] = mapped_column(ForeignKey("reminder.id", ondelete="CASCADE"))
    results: Mapped[dict[str, Any]] = mapped_column(JSON)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ChannelRead(Base):
    """One conversations.history page a dispatcher read while looking for reminders it may have posted: every
    message with since <= ts <= until that was in the channel at read_at, and the reminders among them (`found`:
    reminder id -> ts). Slack allows about one such read a minute per workspace, so every worker answers from
    these first (bot.campaigns.channel_reads)."""

    __tablename__ = "channel_read"
    __table_args__ = (Index("ix_channel_read_channel", "team_id", "channel_id", "until"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    channel_id: Mapped[str] = mapped_column(String(32))
    since: Mapped[datetime] = mapped_column(UTCDateTime())
    until: Mapped[datetime] = mapped_column(UTCDateTime())
    read_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    found: Mapped[dict[str, str]] = mapped_column(JSON)


class CreatorSnapshotRow(Base):
    """Every fetch of a creator, dated: follower history builds up from our own observations."""

    __tablename__ = "creator_snapshot"
    __table_args__ = (Index("ix_creator_snapshot_lookup", "team_id", "platform", "handle", "fetched_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    platform: Mapped[str] = mapped_column(String(16))
    handle: Mapped[str] = mapped_column(String(100))
    source: Mapped[str] = mapped_column(String(16))
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime())
    followers: Mapped[int | None] = mapped_column(Integer)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class VetRun(Base):
    """One /vet answer: the report as shown, so a decision click re-renders exactly what the team saw."""

    __tablename__ = "vet_run"
    __table_args__ = (Index("ix_vet_run_lookup", "team_id", "platform", "handle", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    platform: Mapped[str] = mapped_column(String(16))
    handle: Mapped[str] = mapped_column(String(100))
    requested_by: Mapped[str] = mapped_column(String(32))
    score: Mapped[int | None] = mapped_column(Integer)
    verdict: Mapped[str] = mapped_column(String(16))
    report: Mapped[dict[str, Any]] = mapped_column(JSON)
    channel_id: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class VetDecision(Base):
    """The team's decision on a creator: who decided what, and when."""

    __tablename__ = "vet_decision"
    __table_args__ = (Index("ix_vet_decision_lookup", "team_id", "platform", "handle", "decided_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    vet_run_id: Mapped[int] = mapped_column(ForeignKey("vet_run.id", ondelete="CASCADE"), index=True)
    platform: Mapped[str] = mapped_column(String(16))
    handle: Mapped[str] = mapped_column(String(100))
    decision: Mapped[str] = mapped_column(String(16))  # approved | shortlisted | rejected | needs_human
    user_id: Mapped[str] = mapped_column(String(32))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Payment(Base):
    """Money paid to a creator: recorded when a deliverable is marked paid, or typed in."""

    __tablename__ = "payment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    creator_id: Mapped[int] = mapped_column(ForeignKey("campaign_creator.id", ondelete="CASCADE"), index=True)
    deliverable_id: Mapped[int | None] = mapped_column(ForeignKey("deliverable.id", ondelete="SET NULL"))
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    currency: Mapped[str] = mapped_column(String(3))
    paid_on: Mapped[date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PostReading:
    """The numbers of one reading of a live post; NULL means unknown, never zero."""

    post_url: Mapped[str] = mapped_column(String(500))
    observed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    views: Mapped[int | None] = mapped_column(BigInteger)
    likes: Mapped[int | None] = mapped_column(BigInteger)
    comments: Mapped[int | None] = mapped_column(BigInteger)
    shares: Mapped[int | None] = mapped_column(BigInteger)
    saves: Mapped[int | None] = mapped_column(BigInteger)
    reach: Mapped[int | None] = mapped_column(BigInteger)
    impressions: Mapped[int | None] = mapped_column(BigInteger)
    link_clicks: Mapped[int | None] = mapped_column(BigInteger)
    source: Mapped[str] = mapped_column(String(16))  # api | creator | manual
    proof_url: Mapped[str | None] = mapped_column(String(500))  # a screenshot for creator-reported numbers


class MetricObservation(PostReading, Base):
    """One dated reading of a live post's numbers, with its source. NULL means unknown, never zero.

    The same post read at the same instant again replaces the row (imports are idempotent)."""

    __tablename__ = "metric_observation"
    __table_args__ = (
        # Also the index the report reads by: a post's latest reading per campaign.
        UniqueConstraint("team_id", "campaign_id", "post_url", "observed_at", name="uq_metric_observation_reading"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    creator_id: Mapped[int] = mapped_column(ForeignKey("campaign_creator.id", ondelete="CASCADE"), index=True)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PostMetric(PostReading, Base):
    """A live post's latest reading (the report's value for that post), kept beside the history so a report
    reads one row per post however many readings pile up."""

    __tablename__ = "post_metric"
    __table_args__ = (UniqueConstraint("team_id", "campaign_id", "post_url", name="uq_post_metric_post"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    creator_id: Mapped[int] = mapped_column(ForeignKey("campaign_creator.id", ondelete="CASCADE"), index=True)


class ShopOrder(Base):
    """An order imported from a shop export for one campaign; the same order imported again changes nothing."""

    __tablename__ = "shop_order"
    __table_args__ = (
        UniqueConstraint("team_id", "campaign_id", "order_id", name="uq_shop_order_order"),
        # The report reads a campaign's orders of a day or two (storage/orders.py); a day, not a moment, so that
        # an import adds to a few index pages, not one per order.
        Index("ix_shop_order_day", "team_id", "campaign_id", "day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    order_id: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    day: Mapped[date] = mapped_column(Date)  # the UTC day of created_at
    code: Mapped[str | None] = mapped_column(String(100))
    utm_content: Mapped[str | None] = mapped_column(String(100))
    revenue: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    currency: Mapped[str] = mapped_column(String(3))
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(16))  # shopify | generic
    # bot.metrics.match_key of code and utm_content, set on import: the report groups orders by them in SQL,
    # compared with the creators' keys exactly as the domain compares them.
    code_key: Mapped[str | None] = mapped_column(String(MATCH_KEY_WIDTH))
    link_key: Mapped[str | None] = mapped_column(String(MATCH_KEY_WIDTH))


class OrderDay(Base):
    """A campaign's orders of one UTC day that share their match keys, currency and state: how many, their revenue
    in cents, and one of them to stand for the rest. The report adds these up instead of reading every order
    (storage/orders.py); '' is "no key", as a unique key cannot tell NULLs apart."""

    __tablename__ = "order_day"
    __table_args__ = (
        UniqueConstraint(
            "team_id", "campaign_id", "day", "code_key", "link_key", "currency", "cancelled", name="uq_order_day_group"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    code_key: Mapped[str] = mapped_column(String(MATCH_KEY_WIDTH))
    link_key: Mapped[str] = mapped_column(String(MATCH_KEY_WIDTH))
    currency: Mapped[str] = mapped_column(String(3))
    cancelled: Mapped[bool] = mapped_column(Boolean)
    orders: Mapped[int] = mapped_column(Integer)
    cents: Mapped[int] = mapped_column(BigInteger)  # revenue × 100: whole numbers add up exactly on every back end
    member_id: Mapped[int] = mapped_column(Integer)  # shop_order.id of one of these orders


class PostViewsDay(Base):
    """A post's highest view count on each UTC day it was read (views known), kept beside the history so that
    the report's running total of views reads a row per post and day however many readings pile up."""

    __tablename__ = "post_views_day"
    __table_args__ = (UniqueConstraint("team_id", "campaign_id", "post_url", "day", name="uq_post_views_day_day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    creator_id: Mapped[int] = mapped_column(ForeignKey("campaign_creator.id", ondelete="CASCADE"), index=True)
    post_url: Mapped[str] = mapped_column(String(500))
    day: Mapped[date] = mapped_column(Date)
    views: Mapped[int] = mapped_column(BigInteger)


class LiveCheck(Base):
    """One reading of a live post's caption and its disclosure check, or why it could not be read (status
    not_checkable, `note`). The newest per deliverable is what the card, *Verify* and the report show; the
    first one is what later captions are compared with."""

    __tablename__ = "live_check"
    __table_args__ = (Index("ix_live_check_deliverable", "team_id", "deliverable_id", "checked_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    deliverable_id: Mapped[int] = mapped_column(ForeignKey("deliverable.id", ondelete="CASCADE"))
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    source: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))  # checked | not_checkable
    verdict: Mapped[str | None] = mapped_column(String(16))
    caption: Mapped[str | None] = mapped_column(Text)  # cut to bot.campaigns.live_check.MAX_STORED_CAPTION
    caption_hash: Mapped[str | None] = mapped_column(String(64))
    findings: Mapped[list[str]] = mapped_column(JSON, default=list)
    fixed_caption: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    alert: Mapped[str | None] = mapped_column(Text)  # what changed since the check before, when it was alerted


class DraftVersionRow(Base):
    """One version of a deliverable's draft as it came in, with the check it got before review."""

    __tablename__ = "draft_version"
    __table_args__ = (UniqueConstraint("team_id", "deliverable_id", "version", name="uq_draft_version_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    deliverable_id: Mapped[int] = mapped_column(ForeignKey("deliverable.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    caption: Mapped[str] = mapped_column(Text)
    links: Mapped[list[str]] = mapped_column(JSON, default=list)
    files: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    platform: Mapped[str] = mapped_column(String(16))
    format: Mapped[str] = mapped_column(String(16))
    submitted_by: Mapped[str] = mapped_column(String(32))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    source: Mapped[str] = mapped_column(String(16))
    check_result: Mapped[dict[str, Any]] = mapped_column(JSON)
    card_channel: Mapped[str | None] = mapped_column(String(32))
    card_ts: Mapped[str | None] = mapped_column(String(32))


class ReviewDecisionRow(Base):
    """A decision on one draft version: who, at which step, why, and whether a missing disclosure was confirmed."""

    __tablename__ = "review_decision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    draft_version_id: Mapped[int] = mapped_column(ForeignKey("draft_version.id", ondelete="CASCADE"), index=True)
    decision: Mapped[str] = mapped_column(String(32))
    step: Mapped[str] = mapped_column(String(16))
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    confirmed_missing_disclosure: Mapped[bool] = mapped_column(Boolean, default=False)


class DraftThread(Base):
    """A deliverable's review thread in its campaign's channel (every version's card replies in it) and the
    revision rounds the approvers allowed beyond the creator's terms."""

    __tablename__ = "draft_thread"
    __table_args__ = (UniqueConstraint("team_id", "deliverable_id", name="uq_draft_thread_deliverable"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    deliverable_id: Mapped[int] = mapped_column(ForeignKey("deliverable.id", ondelete="CASCADE"))
    channel_id: Mapped[str | None] = mapped_column(String(32))
    thread_ts: Mapped[str | None] = mapped_column(String(32))
    extra_rounds: Mapped[int] = mapped_column(Integer, default=0)


class CreatorLink(Base):
    """A creator's private link to one campaign: only the token's keyed hash is kept, never the token."""

    __tablename__ = "creator_link"
    __table_args__ = (
        UniqueConstraint("token_hash", name="uq_creator_link_token_hash"),
        Index("ix_creator_link_creator", "team_id", "creator_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    creator_id: Mapped[int] = mapped_column(ForeignKey("campaign_creator.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(32))


class CreatorLinkEvent(Base):
    """What came in through a creator's link (a draft, a live link), when and from which address: the audit trail."""

    __tablename__ = "creator_link_event"
    __table_args__ = (Index("ix_creator_link_event_link", "team_id", "link_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    link_id: Mapped[int] = mapped_column(ForeignKey("creator_link.id", ondelete="CASCADE"))
    deliverable_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ip: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str | None] = mapped_column(String(200))
