"""One pydantic model per modal: it reads the submitted view's state, checks it without I/O, and says what is
wrong as {block_id: message}, the shape of ack(response_action="errors", errors=...).

Each model's field names are the block ids of its modal (handlers.ids), so a validation error's location is
the block it belongs to: that is the one mapping from field to block. A value checked in a field that is not a
block (the reminder schedule, built from two blocks) names its block in the error itself (see _invalid).
Listeners ack with the errors or ack(), then turn the model into the service's form with to_form().
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from bot.campaigns.due_input import parse_due
from bot.campaigns.errors import CampaignError
from bot.campaigns.localtime import check_timezone
from bot.campaigns.models import MAX_USAGE_RIGHTS, creator_handle
from bot.campaigns.post_links import check_post_link
from bot.campaigns.reminder_policy import ReminderPolicy
from bot.services.campaigns import CampaignForm, DeliverableForm, friendly
from bot.vocabulary import MAX_AMOUNT
from handlers.ids import (
    EXCLUSIVITY,
    AddCreatorBlock,
    MarkPostedBlock,
    NewCampaignBlock,
    parse_mark_posted_metadata,
    parse_mark_posted_platform,
    parse_new_campaign_metadata,
)
from handlers.modal_state import value

MAX_ERROR = 150  # what Slack shows under a field
MAX_ID_DIGITS = 18  # a database id fits a signed 64-bit integer
ERROR_TYPE = "modal_field"


def fit_error(message: str) -> str:
    """The message within Slack's limit for a field error, cut between words (with …), never mid-word."""
    if len(message) <= MAX_ERROR:
        return message
    cut = message[: MAX_ERROR - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + "…"


class InvalidModal(Exception):
    """The submission has mistakes: `errors` is {block_id: message}, ready for ack(errors=...)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


def _invalid(message: str, *, block: str | None = None) -> PydanticCustomError:
    """A field error with exactly `message` (no "Value error, " prefix); `block` when it is not the field's."""
    return PydanticCustomError(ERROR_TYPE, "{message}", {"message": message, "block": block})


def amount(text: Any, what: str) -> Decimal | None:
    """A money amount typed into a number field: none, or a number from 0 up to what the database keeps."""
    value = decimal_or_none(text)
    if text in (None, ""):
        return None
    if value is None or not value.is_finite():
        raise _invalid(f"Type the {what} as a number, e.g. 5000.")
    if value < 0:
        raise _invalid(f"The {what} cannot be negative.")
    if value > MAX_AMOUNT:
        raise _invalid(f"The {what} must be under {MAX_AMOUNT:,.0f}.")
    return value


def decimal_or_none(text: Any) -> Decimal | None:
    """A number input's value; None when empty or not a number."""
    try:
        return Decimal(str(text)) if text not in (None, "") else None
    except InvalidOperation:
        return None


class ModalForm(BaseModel):
    """Base: read the modal's blocks, validate, and map errors to block ids."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)
    blocks: ClassVar[type[StrEnum]]

    @classmethod
    def _validate(cls, data: dict[str, Any], **context: Any) -> Self:
        try:
            return cls.model_validate(data, context=context)
        except ValidationError as error:
            raise InvalidModal(cls.errors_by_block(error)) from None

    @classmethod
    def state_of(cls, view: dict[str, Any]) -> dict[str, Any]:
        """{field: submitted value} for every block of this modal; an input left empty is left out, so a field
        with a default takes it (a required one still gets its own validator's message)."""
        state = {block.value: value(view, block) for block in cls.blocks}
        return {
            field: answer
            for field, answer in state.items()
            if answer not in (None, "", []) or cls.model_fields[field].is_required()
        }

    @classmethod
    def errors_by_block(cls, error: ValidationError) -> dict[str, str]:
        errors: dict[str, str] = {}
        for problem in error.errors():
            block = (problem.get("ctx") or {}).get("block") or str(problem["loc"][0])
            errors.setdefault(cls.blocks(block).value, fit_error(problem["msg"]))
        return errors


class NewCampaignModal(ModalForm):
    """The /campaign new modal."""

    blocks: ClassVar[type[StrEnum]] = NewCampaignBlock

    name: str
    channel: str | None
    start: date
    end: date
    budget: Decimal | None
    currency: str = "USD"
    timezone: str
    jurisdiction: str = "US"
    approvers: tuple[str, ...] = ()
    reminders: tuple[str, ...] = ()
    escalation: str | None = None
    # Built from the reminders and escalation blocks (so declared after them); never None once validated.
    reminder_policy: ReminderPolicy | None = Field(default=None, validate_default=True)

    @classmethod
    def from_view(cls, view: dict[str, Any]) -> NewCampaignModal:
        """The checked submission; raises InvalidModal."""
        data = cls.state_of(view)
        data[NewCampaignBlock.channel] = data[NewCampaignBlock.channel] or parse_new_campaign_metadata(
            view.get("private_metadata")
        )
        return cls._validate(data)

    @field_validator("name", mode="before")
    @classmethod
    def _named(cls, text: Any) -> str:
        name = str(text or "").strip()
        if not name:
            raise _invalid("Give the campaign a name.")
        return name

    @field_validator("end")
    @classmethod
    def _not_before_start(cls, end: date, info: ValidationInfo) -> date:
        start = info.data.get("start")
        if start is not None and end < start:
            raise _invalid("The campaign must end on or after its start.")
        return end

    @field_validator("budget", mode="before")
    @classmethod
    def _budget(cls, text: Any) -> Decimal | None:
        return amount(text, "budget")

    @field_validator("timezone", mode="before")
    @classmethod
    def _timezone(cls, text: Any) -> str:
        name = str(text or "").strip()
        try:
            check_timezone(name)
        except CampaignError as error:
            raise _invalid(str(error)) from None
        return name

    @field_validator("reminders", mode="before")
    @classmethod
    def _offsets(cls, text: Any) -> tuple[str, ...]:
        return tuple(o.strip() for o in str(text or "").split(",") if o.strip())

    @field_validator("reminder_policy", mode="before")
    @classmethod
    def _policy(cls, _: Any, info: ValidationInfo) -> ReminderPolicy:
        offsets = info.data.get("reminders") or ()
        try:
            return ReminderPolicy(
                **({"offsets": offsets} if offsets else {}), owner_escalation_at=info.data.get("escalation")
            )
        except (ValidationError, CampaignError) as error:
            message = friendly(error) if isinstance(error, ValidationError) else str(error)
            block = NewCampaignBlock.escalation if "escalation" in message else NewCampaignBlock.reminders
            raise _invalid(message, block=block) from None

    def to_form(self, *, owner_user_id: str) -> CampaignForm:
        return CampaignForm(
            name=self.name,
            channel_id=self.channel or "",
            owner_user_id=owner_user_id,
            start_date=self.start,
            end_date=self.end,
            budget=self.budget or Decimal(0),
            currency=self.currency,
            timezone=self.timezone,
            jurisdiction=self.jurisdiction,
            approver_user_ids=self.approvers,
            reminder_policy=self.reminder_policy,
        )


class AddCreatorModal(ModalForm):
    """The /campaign add modal: a creator and one deliverable."""

    blocks: ClassVar[type[StrEnum]] = AddCreatorBlock

    campaign: int
    handle: str
    platform: str = "instagram"
    kind: str = "post"
    count: int = 1
    due: str
    fee: Decimal | None = None
    terms: tuple[str, ...] = ()
    usage: str | None = None
    rounds: int = 2

    @classmethod
    def from_view(cls, view: dict[str, Any], *, now: datetime, zone_of: Callable[[int], str | None]) -> AddCreatorModal:
        """The checked submission; the due date is read at `now` in the picked campaign's zone, which
        `zone_of(campaign id)` gives (None: no such campaign in this workspace). Raises InvalidModal."""
        state = cls.state_of(view)
        picked = str(state.get(AddCreatorBlock.campaign) or "")
        # A forged value may be any text: only a number a database id can be is looked up.
        zones = {picked: zone_of(int(picked))} if picked.isdigit() and len(picked) <= MAX_ID_DIGITS else {}
        return cls._validate(state, now=now, zones=zones)

    @field_validator("campaign", mode="before")
    @classmethod
    def _campaign(cls, picked: Any, info: ValidationInfo) -> int:
        if not str(picked or "").isdigit():
            raise _invalid("Pick the campaign.")
        if (info.context or {}).get("zones", {}).get(str(picked)) is None:
            raise _invalid("That campaign is not in this workspace (or no longer exists): pick another.")
        return int(picked)

    @field_validator("handle", mode="before")
    @classmethod
    def _handle(cls, text: Any) -> str:
        handle = str(text or "").strip().lstrip("@")
        if not handle:
            raise _invalid("Type the creator's handle, like @name.")
        try:  # the domain's own rule, checked before the ack so the form stays open with what was typed
            return creator_handle(handle)
        except ValueError as error:
            raise _invalid(str(error)) from None

    @field_validator("due", mode="before")
    @classmethod
    def _due(cls, text: Any, info: ValidationInfo) -> str:
        due_text = str(text or "")
        context = info.context or {}
        zone = context.get("zones", {}).get(str(info.data.get("campaign"))) or "UTC"
        try:  # the service parses again with the stored campaign, in the same transaction as the write
            parse_due(due_text, tz=zone, now=context["now"])
        except CampaignError as error:
            raise _invalid(str(error)) from None
        return due_text

    @field_validator("fee", mode="before")
    @classmethod
    def _fee(cls, text: Any) -> Decimal | None:
        return amount(text, "fee")

    @field_validator("usage", mode="before")
    @classmethod
    def _usage(cls, text: Any) -> str | None:
        usage = str(text or "").strip()
        if len(usage) > MAX_USAGE_RIGHTS:
            raise _invalid(f"Keep the usage rights under {MAX_USAGE_RIGHTS} characters ({len(usage)} now).")
        return usage or None

    def to_form(self) -> DeliverableForm:
        return DeliverableForm(
            campaign_id=self.campaign,
            handle=self.handle,
            platform=self.platform,
            kind=self.kind,
            count=self.count,
            due_text=self.due,
            fee=self.fee,
            exclusivity=EXCLUSIVITY in self.terms,
            usage_rights=self.usage,
            max_revision_rounds=self.rounds,
        )


class MarkPostedModal(ModalForm):
    """The Mark posted modal: the link to the live post, on the deliverable's own platform."""

    blocks: ClassVar[type[StrEnum]] = MarkPostedBlock

    deliverable: int = 0  # from the modal's private metadata, not a block
    platform: str | None = None  # likewise; read before the link, which is checked against it
    url: str

    @classmethod
    def from_view(cls, view: dict[str, Any]) -> MarkPostedModal:
        """The checked submission; raises InvalidModal."""
        metadata = view.get("private_metadata")
        data = {
            **cls.state_of(view),
            "deliverable": parse_mark_posted_metadata(metadata),
            "platform": parse_mark_posted_platform(metadata),
        }
        return cls._validate(data)

    @field_validator("url", mode="before")
    @classmethod
    def _url(cls, text: Any, info: ValidationInfo) -> str:
        try:
            return check_post_link(str(text or ""), info.data.get("platform"))
        except CampaignError as error:
            raise _invalid(str(error)) from None
