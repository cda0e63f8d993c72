"""One pydantic model per modal: it reads the submitted view's state, checks it without I/O, and says what is
wrong as {block_id: message}, the shape of ack(response_action="errors", errors=...).

Each model's field names are the block ids of its modal (handlers.ids), so a validation error's location is
the block it belongs to: that is the one mapping from field to block. A value checked in a field that is not a
block (the reminder schedule, built from two blocks) names its block in the error itself (see _invalid).
Listeners ack with the errors or ack(), then turn the model into the service's form with to_form().
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from bot.campaigns.digest_schedule import DigestSchedule
from bot.campaigns.due import LocalDue
from bot.campaigns.due_input import parse_due
from bot.campaigns.errors import CampaignError
from bot.campaigns.localtime import check_timezone
from bot.campaigns.models import (
    MAX_REVISION_ROUNDS,
    MAX_USAGE_RIGHTS,
    creator_handle,
    discount_code,
    https_link,
    tracking_link,
)
from bot.campaigns.post_links import check_post_link
from bot.campaigns.read_models import DeliverableContext
from bot.campaigns.reminder_policy import ReminderPolicy
from bot.campaigns.review_sla import MAX_REVIEW_SLA_DAYS
from bot.metrics.emv import emv_choice
from bot.metrics.errors import TermsError
from bot.metrics.inputs import COUNT_FIELDS, MAX_ATTRIBUTION_DAYS
from bot.review.check import RequiredTagsError, required_tags
from bot.services.campaigns import (
    MAX_NAME,
    MAX_SPLIT,
    NO_DRAFT_DATE,
    CampaignEdit,
    CampaignForm,
    CreatorTermsEdit,
    DeliverableEdit,
    DeliverableForm,
    friendly,
)
from bot.services.results import ReportedResults
from bot.vocabulary import MAX_AMOUNT, kind_on_platform
from handlers.ids import (
    EXCLUSIVITY,
    MAX_ID_DIGITS,
    SAVE_ANYWAY,
    AddCreatorBlock,
    CreatorTermsBlock,
    EditCampaignBlock,
    EditDeliverableBlock,
    MarkPostedBlock,
    NewCampaignBlock,
    ResultsBlock,
    parse_mark_posted_handle,
    parse_mark_posted_metadata,
    parse_mark_posted_platform,
    parse_metadata_id,
    parse_new_campaign_metadata,
)
from handlers.modal_state import value

MAX_ERROR = 150  # what Slack shows under a field
SLACK_USER = re.compile(r"[UW][A-Z0-9]{2,20}")
ERROR_TYPE = "modal_field"


def fit_error(message: str) -> str:
    """The message within Slack's limit for a field error, cut between words (with …), never mid-word."""
    if len(message) <= MAX_ERROR:
        return message
    cut = message[: MAX_ERROR - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + "…"


def warning_errors(warnings: tuple[str, ...], fields: Mapping[str, str], confirm: str, hint: str) -> dict[str, str]:
    """Each warning under the field it is about (`fields`: a BookingWarning's `about` to its block id), the rest
    and the hint to tick Save anyway under `confirm`: one field's error has room for one sentence, and all of
    them in one field would be cut off, the hint first."""
    placed: dict[str, list[str]] = {}
    for warning in warnings:
        placed.setdefault(fields.get(getattr(warning, "about", ""), confirm), []).append(warning)
    rest = placed.pop(confirm, [])
    hint_first = hint.strip() + (" " if rest else "")
    errors = {block: fit_error(" ".join(texts)) for block, texts in placed.items()}
    errors[confirm] = fit_error(hint_first + " ".join(rest))
    return errors


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


def usage_rights(text: Any) -> str | None:
    """The licence in a few words, within what the database keeps; blank is none."""
    usage = str(text or "").strip()
    if len(usage) > MAX_USAGE_RIGHTS:
        raise _invalid(f"Keep the usage rights under {MAX_USAGE_RIGHTS} characters ({len(usage)} now).")
    return usage or None


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


def _schedule(block: str, **fields: Any) -> ReminderPolicy:
    """A reminder schedule from the form's fields; its mistake in words, under `block`."""
    try:
        return ReminderPolicy(**fields)
    except (ValidationError, CampaignError) as error:
        message = friendly(error) if isinstance(error, ValidationError) else str(error)
        raise _invalid(message, block=block) from None


class CampaignTermsForm(ModalForm):
    """The fields the new-campaign and edit-campaign modals share, checked the same way in both."""

    start: date
    end: date
    budget: Decimal | None = None
    approvers: tuple[str, ...] = ()
    reminders: tuple[str, ...] = ()
    escalation: str | None = None
    # Built from the reminders and escalation blocks (so declared after them); never None once validated.
    reminder_policy: ReminderPolicy | None = Field(default=None, validate_default=True)

    @field_validator("approvers", mode="before")
    @classmethod
    def _users(cls, picked: Any) -> tuple[str, ...]:
        """Slack user ids from the user picker; anything else (a forged value) would be markup in a message."""
        users = tuple(str(user) for user in (picked or ()))
        if not all(SLACK_USER.fullmatch(user) for user in users):
            raise _invalid("Pick the approvers from the list of people.")
        return users

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

    @field_validator("reminders", mode="before")
    @classmethod
    def _offsets(cls, text: Any) -> tuple[str, ...]:
        offsets = tuple(o.strip() for o in str(text or "").split(",") if o.strip())
        _schedule(NewCampaignBlock.reminders, **({"offsets": offsets} if offsets else {}))
        return offsets

    @field_validator("escalation", mode="before")
    @classmethod
    def _escalation(cls, text: Any) -> str | None:
        # Checked on its own, so a mistake here and one in the offsets are both shown at once.
        _schedule(NewCampaignBlock.escalation, owner_escalation_at=text)
        return str(text) if text is not None else None

    @field_validator("reminder_policy", mode="before")
    @classmethod
    def _policy(cls, _: Any, info: ValidationInfo) -> ReminderPolicy:
        if "reminders" not in info.data or "escalation" not in info.data:
            return ReminderPolicy()  # one of them failed and says why; the form goes back anyway
        offsets = info.data["reminders"]
        return _schedule(
            NewCampaignBlock.reminders,
            **({"offsets": offsets} if offsets else {}),
            owner_escalation_at=info.data["escalation"],
        )

    @property
    def policy(self) -> ReminderPolicy:
        return self.reminder_policy or ReminderPolicy()


class NewCampaignModal(CampaignTermsForm):
    """The /campaign new modal."""

    blocks: ClassVar[type[StrEnum]] = NewCampaignBlock

    name: str
    channel: str | None
    currency: str = "USD"
    timezone: str
    jurisdiction: str = "US"

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
        if len(name) > MAX_NAME:  # Slack's max_length stops typing; a pasted or forged value still comes here
            raise _invalid(f"Keep the name under {MAX_NAME} characters ({len(name)} now).")
        return name

    @field_validator("timezone", mode="before")
    @classmethod
    def _timezone(cls, text: Any) -> str:
        name = str(text or "").strip()
        try:
            check_timezone(name)
        except CampaignError as error:
            raise _invalid(str(error)) from None
        return name

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
    timezone: str | None = None  # before the dates: they are read in it
    due: str
    draft_due: str | None = None
    fee: Decimal | None = None
    terms: tuple[str, ...] = ()
    usage: str | None = None
    rounds: int = 2
    confirm: tuple[str, ...] = ()

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

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, kind: Any, info: ValidationInfo) -> str:
        try:  # a kind its platform has (no Instagram "short"); the service checks it again
            return kind_on_platform(str(kind or "post"), str(info.data.get("platform") or "instagram")).value
        except ValueError as error:
            raise _invalid(_sentence(str(error)) + ".") from None

    @field_validator("timezone", mode="before")
    @classmethod
    def _zone(cls, text: Any) -> str | None:
        if not str(text or "").strip():
            return None
        try:
            return check_timezone(str(text)[:64])
        except CampaignError as error:
            raise _invalid(str(error)) from None

    @field_validator("due", "draft_due", mode="before")
    @classmethod
    def _due(cls, text: Any, info: ValidationInfo) -> str | None:
        due_text = str(text or "")
        if info.field_name == "draft_due" and not due_text.strip():
            return None
        context = info.context or {}
        zone = info.data.get("timezone") or context.get("zones", {}).get(str(info.data.get("campaign"))) or "UTC"
        try:  # the service parses again with the stored campaign, in the same transaction as the write
            read = parse_due(due_text, tz=zone, now=context["now"])
        except CampaignError as error:
            raise _invalid(str(error)) from None
        go_live = info.data.get("due")
        if info.field_name == "draft_due" and go_live:  # under the Draft due field, where the mistake is
            live = parse_due(str(go_live), tz=zone, now=context["now"])
            if read.at_utc() > live.at_utc():
                raise _invalid(
                    fit_error(
                        f"The draft would be due after the go-live date ({due_text.strip()} is later than "
                        f"{str(go_live).strip()}): give a draft due date on or before it."
                    )
                )
        return due_text

    @field_validator("fee", mode="before")
    @classmethod
    def _fee(cls, text: Any) -> Decimal | None:
        return amount(text, "fee")

    @field_validator("usage", mode="before")
    @classmethod
    def _usage(cls, text: Any) -> str | None:
        return usage_rights(text)

    @field_validator("rounds", mode="before")
    @classmethod
    def _rounds(cls, text: Any) -> int:
        return _revision_rounds(text)

    def to_form(self) -> DeliverableForm:
        return DeliverableForm(
            campaign_id=self.campaign,
            handle=self.handle,
            platform=self.platform,
            kind=self.kind,
            count=self.count,
            due_text=self.due,
            draft_due_text=self.draft_due,
            timezone=self.timezone,
            fee=self.fee,
            exclusivity=EXCLUSIVITY in self.terms,
            usage_rights=self.usage,
            max_revision_rounds=self.rounds,
            confirmed=SAVE_ANYWAY in self.confirm,
        )


class MarkPostedModal(ModalForm):
    """The Mark posted modal: the link to the live post, on the deliverable's own platform."""

    blocks: ClassVar[type[StrEnum]] = MarkPostedBlock

    deliverable: int = 0  # from the modal's private metadata, not a block
    platform: str | None = None  # likewise; read before the link, which is checked against it
    handle: str | None = None  # likewise: a link that names an account must name the creator's
    url: str

    @classmethod
    def from_view(cls, view: dict[str, Any]) -> MarkPostedModal:
        """The checked submission; raises InvalidModal."""
        metadata = view.get("private_metadata")
        data = {
            **cls.state_of(view),
            "deliverable": parse_mark_posted_metadata(metadata),
            "platform": parse_mark_posted_platform(metadata),
            "handle": parse_mark_posted_handle(metadata),
        }
        return cls._validate(data)

    @field_validator("url", mode="before")
    @classmethod
    def _url(cls, text: Any, info: ValidationInfo) -> str:
        try:
            return check_post_link(str(text or ""), info.data.get("platform"), info.data.get("handle"))
        except CampaignError as error:
            raise _invalid(str(error)) from None


def _sentence(message: str) -> str:
    """A domain rule's message ("the tracking link must …") as a field error starts: with a capital."""
    return message[:1].upper() + message[1:]


def _by_rule(rule: Callable[[str], str | None], text: Any) -> str | None:
    """Typed text checked by the domain's own rule (ValueError in words), so the form and the service agree."""
    try:
        return rule(str(text or ""))
    except ValueError as error:
        raise _invalid(_sentence(str(error))) from None


def _revision_rounds(text: Any) -> int:
    """The rounds a fee includes, refused in the form (not after it closed) past what the creator's terms allow."""
    rounds = _whole_number(text, "revision rounds", most=MAX_REVISION_ROUNDS)
    if rounds is None:
        raise _invalid("Type how many revision rounds the fee includes, e.g. 2.")
    return rounds


def _whole_number(text: Any, what: str, *, most: int) -> int | None:
    """A count typed into a number field: none, or a whole number from 0 to `most`."""
    value = decimal_or_none(text)
    if text in (None, ""):
        return None
    if value is None or not value.is_finite() or value != value.to_integral_value():
        raise _invalid(f"Type the {what} as a whole number.")
    if not 0 <= value <= most:
        raise _invalid(f"The {what} must be from 0 to {most:,}.")
    return int(value)


class EditCampaignModal(CampaignTermsForm):
    """The /campaign edit <name> modal: the campaign's money, dates and schedules, all shown as they are."""

    blocks: ClassVar[type[StrEnum]] = EditCampaignBlock

    campaign: int = 0  # from the modal's private metadata, not a block
    currency: str | None = None  # absent when the currency is fixed
    attribution: int
    digest: DigestSchedule
    review_sla: int | None = None  # left empty: as it is
    emv: str | None = None  # "off" or a method's key (bot.metrics.emv.METHODS)
    required_tags: str | None = None
    legal_approvers: tuple[str, ...] = ()

    @classmethod
    def from_view(cls, view: dict[str, Any]) -> EditCampaignModal:
        """The checked submission; raises InvalidModal with every field's mistake at once."""
        data = {**cls.state_of(view), "campaign": parse_metadata_id(view.get("private_metadata"), "campaign")}
        return cls._validate(data)

    @field_validator("attribution", mode="before")
    @classmethod
    def _attribution(cls, text: Any) -> int:
        days = _whole_number(text, "attribution window", most=MAX_ATTRIBUTION_DAYS)
        if days is None:
            raise _invalid("Type how many days after the end orders still count, e.g. 30 (0: none after).")
        return days

    @field_validator("emv", mode="before")
    @classmethod
    def _emv(cls, text: Any) -> str | None:
        try:
            return emv_choice(str(text or ""))
        except TermsError as error:
            raise _invalid(_sentence(str(error))) from None

    @field_validator("digest", mode="before")
    @classmethod
    def _digest(cls, text: Any) -> DigestSchedule:
        try:
            return DigestSchedule.from_text(str(text or "")[:MAX_DIGEST_TEXT])
        except ValidationError as error:
            raise _invalid(_sentence(error.errors()[0]["msg"].removeprefix("Value error, "))) from None
        except ValueError as error:
            raise _invalid(_sentence(str(error))) from None

    @field_validator("review_sla", mode="before")
    @classmethod
    def _review_sla(cls, text: Any) -> int | None:
        days = _whole_number(text, "review SLA", most=MAX_REVIEW_SLA_DAYS)
        if days is not None and days < 1:
            raise _invalid(f"Give the approvers 1 to {MAX_REVIEW_SLA_DAYS} business days to review a draft, e.g. 2.")
        return days

    @field_validator("required_tags", mode="before")
    @classmethod
    def _tags(cls, text: Any) -> str | None:
        try:
            return " ".join(required_tags(str(text or ""))) or None
        except RequiredTagsError as error:
            raise _invalid(str(error)) from None

    @field_validator("legal_approvers", mode="before")
    @classmethod
    def _legal(cls, picked: Any) -> tuple[str, ...]:
        return CampaignTermsForm._users(picked)

    def to_edit(self) -> CampaignEdit:
        return CampaignEdit(
            required_tags=self.required_tags,
            legal_approver_user_ids=self.legal_approvers,
            budget=self.budget or Decimal(0),
            currency=self.currency,
            start_date=self.start,
            end_date=self.end,
            attribution_days=self.attribution,
            approver_user_ids=self.approvers,
            reminder_policy=self.policy,
            digest=self.digest,
            review_sla_days=self.review_sla,
            emv=self.emv,
        )


MAX_DIGEST_TEXT = 40  # "wednesday 17:30" and a margin: longer text is no schedule


class CreatorTermsModal(ModalForm):
    """The /campaign edit <name> @handle modal: a creator's money and terms, all shown as they are."""

    blocks: ClassVar[type[StrEnum]] = CreatorTermsBlock

    campaign: int = 0  # from the modal's private metadata, likewise the creator
    creator: int = 0
    fee: Decimal | None = None
    gift: Decimal | None = None
    extras: Decimal | None = None
    code: str | None = None
    link: str | None = None
    usage: str | None = None
    terms: tuple[str, ...] = ()
    rounds: int = 2

    @classmethod
    def from_view(cls, view: dict[str, Any]) -> CreatorTermsModal:
        metadata = view.get("private_metadata")
        data = {
            **cls.state_of(view),
            "campaign": parse_metadata_id(metadata, "campaign"),
            "creator": parse_metadata_id(metadata, "creator"),
        }
        return cls._validate(data)

    @field_validator("fee", "gift", "extras", mode="before")
    @classmethod
    def _money(cls, text: Any, info: ValidationInfo) -> Decimal | None:
        what = {"fee": "fee", "gift": "gift value", "extras": "extra costs"}[str(info.field_name)]
        return amount(text, what)

    @field_validator("code", "link", mode="before")
    @classmethod
    def _code_and_link(cls, text: Any, info: ValidationInfo) -> str | None:
        rule = discount_code if info.field_name == "code" else tracking_link
        return _by_rule(rule, text)

    @field_validator("usage", mode="before")
    @classmethod
    def _usage(cls, text: Any) -> str | None:
        return usage_rights(text)

    @field_validator("rounds", mode="before")
    @classmethod
    def _rounds(cls, text: Any) -> int:
        return _revision_rounds(text)

    def to_edit(self) -> CreatorTermsEdit:
        return CreatorTermsEdit(
            fee=self.fee or Decimal(0),
            gift_value=self.gift,
            extra_costs=self.extras,
            discount_code=self.code,
            tracking_link=self.link,
            usage_rights=self.usage,
            exclusivity=EXCLUSIVITY in self.terms,
            max_revision_rounds=self.rounds,
        )


MAX_COUNT = 10**12  # more views than people on Earth a hundred times over: a typo, not a post


class ResultsModal(ModalForm):
    """The Add results modal: a live post's numbers as its creator reported them, with a screenshot link."""

    blocks: ClassVar[type[StrEnum]] = ResultsBlock

    deliverable: int = 0  # from the modal's private metadata, not a block
    views: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    saves: int | None = None
    reach: int | None = None
    impressions: int | None = None
    link_clicks: int | None = None
    proof: str | None = Field(default=None, validate_default=True)

    @classmethod
    def from_view(cls, view: dict[str, Any]) -> ResultsModal:
        data = {**cls.state_of(view), "deliverable": parse_metadata_id(view.get("private_metadata"), "deliverable")}
        return cls._validate(data)

    @field_validator(*COUNT_FIELDS, mode="before")
    @classmethod
    def _count(cls, text: Any, info: ValidationInfo) -> int | None:
        return _whole_number(text, str(info.field_name).replace("_", " "), most=MAX_COUNT)

    @field_validator("proof", mode="before")
    @classmethod
    def _proof(cls, text: Any, info: ValidationInfo) -> str:
        if all(info.data.get(name) is None for name in COUNT_FIELDS) and not any(
            b in COUNT_FIELDS for b in _failed(info)
        ):
            raise _invalid("Type at least one number; leave the ones you do not have empty.", block=ResultsBlock.views)
        link = _by_rule(lambda typed: https_link(typed, "screenshot link"), text)
        if link is None:
            raise _invalid("Paste the link to a screenshot of the numbers (https://…), so the team can check them.")
        return link

    def to_reported(self) -> ReportedResults:
        counts = {name: getattr(self, name) for name in COUNT_FIELDS}
        return ReportedResults(
            proof_url=self.proof or "", counts={name: n for name, n in counts.items() if n is not None}
        )


def _failed(info: ValidationInfo) -> set[str]:
    """The counts that failed their own check (a validated field, even one left empty, is in info.data)."""
    return set(COUNT_FIELDS) - set(info.data)


MAX_DUE_TEXT = 100  # a typed date; the modal's inputs allow no more


def shown_due(due: LocalDue | None) -> str | None:
    """A date as the edit-deliverable form shows it (and so reads it back unchanged)."""
    return due.as_typed() if due else None


class EditDeliverableModal(ModalForm):
    """The Edit deliverable modal: its kind (one of its creator's platform), a count to split it into, and its
    dates typed as `/campaign add` takes them. A date left as shown is left as it is (even when already past)."""

    blocks: ClassVar[type[StrEnum]] = EditDeliverableBlock

    deliverable: int = 0  # from the modal's private metadata, not a block
    kind: str | None = None
    count: int | None = None
    due: str | None = None
    draft_due: str | None = None
    confirm: tuple[str, ...] = ()

    @classmethod
    def from_view(cls, view: dict[str, Any], *, found: DeliverableContext, now: datetime) -> EditDeliverableModal:
        """The checked submission for the deliverable `found` (its platform and zone read the kind and dates)."""
        data = {**cls.state_of(view), "deliverable": parse_metadata_id(view.get("private_metadata"), "deliverable")}
        return cls._validate(data, found=found, now=now)

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, kind: Any, info: ValidationInfo) -> str | None:
        if not str(kind or "").strip():
            return None
        found: DeliverableContext = (info.context or {})["found"]
        try:  # a forged option may be any text: only the platform's kinds pass (the service checks it again)
            return kind_on_platform(str(kind)[:MAX_DUE_TEXT], found.creator.platform.value).value
        except ValueError as error:
            raise _invalid(_sentence(str(error)) + ".") from None

    @field_validator("count", mode="before")
    @classmethod
    def _count(cls, text: Any) -> int | None:
        count = _whole_number(text, "count", most=MAX_SPLIT)
        if count == 0:
            raise _invalid(f"Give a count between 1 and {MAX_SPLIT}.")
        return count

    @field_validator("due", "draft_due", mode="before")
    @classmethod
    def _due(cls, text: Any, info: ValidationInfo) -> str | None:
        typed = str(text or "").strip()
        context = info.context or {}
        found: DeliverableContext = context["found"]
        shown = shown_due(found.deliverable.due if info.field_name == "due" else found.deliverable.draft_due)
        if not typed or typed == shown:
            return None  # as it is
        if len(typed) > MAX_DUE_TEXT:
            raise _invalid(f"Keep the date under {MAX_DUE_TEXT} characters, like 2026-12-05 17:00.")
        if info.field_name == "draft_due" and typed.lower() in NO_DRAFT_DATE:
            return "none"
        try:  # the service parses again in the same transaction as the write
            parse_due(typed, tz=found.creator.zone_in(found.campaign), now=context["now"])
        except CampaignError as error:
            raise _invalid(fit_error(str(error))) from None
        return typed

    def to_edit(self) -> DeliverableEdit:
        return DeliverableEdit(
            kind=self.kind,
            count=self.count,
            due_text=self.due,
            draft_due_text=self.draft_due,
            confirmed=SAVE_ANYWAY in self.confirm,
        )
