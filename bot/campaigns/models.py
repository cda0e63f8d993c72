"""Campaigns, the creators on them and their deliverables (storage maps these models to its tables)."""

from __future__ import annotations

import re
from datetime import date, datetime
from uuid import uuid4

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.campaigns.digest_schedule import DigestSchedule
from bot.campaigns.due import LocalDue
from bot.campaigns.localtime import check_timezone, zone
from bot.campaigns.reminder_policy import ReminderPolicy
from bot.campaigns.review_sla import DEFAULT_REVIEW_SLA_DAYS, MAX_REVIEW_SLA_DAYS
from bot.campaigns.states import DeliverableState
from bot.vocabulary import CreatorPlatform, DeliverableKind, Jurisdiction, Money, as_utc


def new_id() -> str:
    return uuid4().hex


MAX_REVISION_ROUNDS = 20  # the creator's terms; the forms refuse more while they are still open


class CreatorTerms(BaseModel):
    model_config = ConfigDict(frozen=True)

    exclusivity: bool = False
    usage_rights: bool | str = False  # True/False, or the licence in words ("paid social, 90 days")
    # No platform publishes a default; 1-2 rounds is common practice, so 2 is a setting, not a rule.
    max_revision_rounds: int = Field(default=2, ge=0, le=MAX_REVISION_ROUNDS)


class Campaign(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str = Field(default_factory=new_id)
    team_id: str
    name: str = Field(min_length=1, max_length=100)  # the stored column's size, as the form allows
    channel_id: str
    owner_user_id: str
    approver_user_ids: tuple[str, ...] = ()
    budget: Money
    timezone: str = "UTC"
    start_date: date
    end_date: date
    jurisdiction: Jurisdiction = (
        Jurisdiction.US
    )  # where the audience is: picks the disclosure rules (US, UK, DE, FR, ...)
    reminder_policy: ReminderPolicy = Field(default_factory=ReminderPolicy)
    # Orders count from the start date until the end of the day this many days after the end date.
    attribution_days: int = Field(default=30, ge=0, le=365)
    digest: DigestSchedule = Field(default_factory=DigestSchedule)  # when results go to the channel
    # Business days the approvers have to review a draft before they are nudged (never decided for them).
    review_sla_days: int = Field(default=DEFAULT_REVIEW_SLA_DAYS, ge=1, le=MAX_REVIEW_SLA_DAYS)
    # EMV is off unless the team picks one method (a key of bot.metrics.emv.METHODS); never two at once.
    emv_method: str | None = Field(default=None, max_length=32)
    # Content review: tags and handles every caption must carry ("#GlowCo @glowco"), and a second, legal review
    # step after the brand's approval when legal approvers are named.
    required_tags: str | None = Field(default=None, max_length=200)
    legal_approver_user_ids: tuple[str, ...] = ()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return check_timezone(value)

    @field_validator("jurisdiction", mode="before")
    @classmethod
    def _jurisdiction(cls, value: object) -> object:
        """Typed or stored spellings ('uk', 'GB') become the code; anything else is refused in words."""
        return Jurisdiction.parse(value) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _dates_in_order(self) -> Campaign:
        if self.end_date < self.start_date:
            raise ValueError(f"the campaign ends ({self.end_date}) before it starts ({self.start_date})")
        return self

    def is_open(self, now: datetime) -> bool:
        """Creators may still be added: its last day has not ended in its own time zone."""
        return self.end_date >= as_utc(now).astimezone(zone(self.timezone)).date()


MAX_USAGE_RIGHTS = 200  # the stored column's size: the licence in a few words, not the contract

_HANDLE = re.compile(r"[A-Za-z0-9._-]{1,100}")


def creator_handle(value: str) -> str:
    """'@Maya.Makes' -> 'Maya.Makes'; ValueError (a sentence for the user) when it cannot be a handle."""
    handle = value.strip().lstrip("@")
    if not _HANDLE.fullmatch(handle):
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise ValueError(f"'{shown}' is not a creator handle; write it like @name (letters, digits, . _ -)")
    return handle


_CODE = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAX_LINK = 500  # the stored column's size


def discount_code(value: str) -> str | None:
    """' Nina10 ' -> 'NINA10' (shops compare codes without case); blank -> None; ValueError in words."""
    code = value.strip()
    if not code:
        return None
    if not _CODE.fullmatch(code):
        shown = code if len(code) <= 40 else code[:40] + "…"
        raise ValueError(f"'{shown}' is not a discount code; use up to 64 letters, digits, - or _ (e.g. NINA10)")
    return code.upper()


def https_link(value: str, what: str) -> str | None:
    """One https address of at most MAX_LINK characters; blank -> None; ValueError naming `what` otherwise."""
    link = value.strip()
    if not link:
        return None
    if len(link) > MAX_LINK or not link.lower().startswith("https://") or any(c.isspace() for c in link):
        raise ValueError(f"the {what} must be one https:// address of at most {MAX_LINK} characters")
    return link


def tracking_link(value: str) -> str | None:
    """A creator's tracking link: https, at most 500 characters; blank -> None."""
    return https_link(value, "tracking link")


class CampaignCreator(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str = Field(default_factory=new_id)
    campaign_id: str
    handle: str
    platform: CreatorPlatform
    fee: Money
    terms: CreatorTerms = Field(default_factory=CreatorTerms)
    slack_user_id: str | None = None  # when the creator is in the channel (Slack Connect or a guest)
    gift_value: Money | None = None  # gifted product: spend, though no money changes hands
    extra_costs: Money | None = None  # shipping, usage rights, boosting
    discount_code: str | None = None  # orders with this code are the creator's conversions
    tracking_link: str | None = None  # their link; its utm_content (default: the handle) marks their orders
    timezone: str | None = None  # where the creator lives, when not the campaign's zone: their due dates read in it

    @field_validator("handle")
    @classmethod
    def _bare_handle(cls, value: str) -> str:
        return creator_handle(value)

    @field_validator("discount_code")
    @classmethod
    def _code(cls, value: str | None) -> str | None:
        return discount_code(value) if value is not None else None

    @field_validator("tracking_link")
    @classmethod
    def _link(cls, value: str | None) -> str | None:
        return tracking_link(value) if value is not None else None

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        return check_timezone(value) if value else None

    @property
    def mention(self) -> str:
        return f"@{self.handle}"

    def zone_in(self, campaign: Campaign) -> str:
        """The zone this creator's due dates are read and shown in: their own, else the campaign's."""
        return self.timezone or campaign.timezone


def describe_kind(kind: DeliverableKind, count: int) -> str:
    """'a reel', '2 reels', '3 stories', 'a live stream'."""
    noun = "live stream" if kind is DeliverableKind.live else kind.value
    if count == 1:
        return f"a {noun}"
    return f"{count} {noun[:-1]}ies" if noun.endswith("y") else f"{count} {noun}s"


DRAFT_AFTER_GO_LIVE = "the draft would be due after the go-live date; give a draft due date before it"


class Deliverable(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str = Field(default_factory=new_id)
    campaign_id: str
    creator_id: str
    kind: DeliverableKind
    count: int = Field(default=1, ge=1, le=100)
    due_at: datetime  # aware, normalised to UTC: the go-live date (see deadlines.go_live_at)
    due: LocalDue | None = None  # what the user typed, to recompute due_at if time zone rules change
    draft_due_at: datetime | None = None  # when the draft is due for review; None: only the go-live date counts
    draft_due: LocalDue | None = None  # likewise, as the user typed it
    state: DeliverableState = DeliverableState.invited
    revision_rounds: int = Field(default=0, ge=0)  # times changes were requested
    posted_at: datetime | None = None  # when it went live, for "posted late by ..."
    post_url: str | None = None  # the live post, once marked posted
    version: int = 1  # bumped when the due date changes: reminders planned for an older deadline are stale

    @field_validator("due_at", "posted_at", "draft_due_at")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        return as_utc(value) if value is not None else None

    @model_validator(mode="after")
    def _draft_before_go_live(self) -> Deliverable:
        if self.draft_due_at is not None and self.draft_due_at > self.due_at:
            raise ValueError(DRAFT_AFTER_GO_LIVE)
        return self

    @classmethod
    def due_from(cls, due: LocalDue, draft_due: LocalDue | None = None, **fields: object) -> Deliverable:
        """A deliverable whose due_at (and draft_due_at) derive from the local due dates the user gave."""
        draft_at = draft_due.at_utc() if draft_due else None
        return cls(due=due, due_at=due.at_utc(), draft_due=draft_due, draft_due_at=draft_at, **fields)

    def with_due(self, due: LocalDue) -> Deliverable:
        return self.model_copy(update={"due": due, "due_at": due.at_utc()})

    def with_draft_due(self, draft_due: LocalDue | None) -> Deliverable:
        at = draft_due.at_utc() if draft_due else None
        return self.model_validate({**dict(self), "draft_due": draft_due, "draft_due_at": at})

    def describe(self) -> str:
        """'a reel', '2 reels', '3 stories', 'a live stream'."""
        return describe_kind(self.kind, self.count)
