"""What is worth a second look before a deliverable is booked or edited: due dates outside the campaign's dates,
the same creator booked twice for the same kind, and a creator the team's last /vet said to avoid.

None of these is refused (a teaser may go up before the launch; a creator may do two reels); each is said in
words, and the person confirms.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.campaigns.due import LocalDue
from bot.campaigns.models import Campaign, CampaignCreator, Deliverable
from bot.campaigns.read_models import DeliverableContext
from bot.campaigns.states import DeliverableState

AVOID = "avoid"  # the /vet verdict that asks for a confirmation


class BookingWarning(str):
    """A warning's sentence, and what it is about ("creator", "kind", "go_live", "draft_due"), so that a form can
    show it under the field it concerns (one field's error has room for one sentence, not all of them)."""

    about: str

    def __new__(cls, text: str, about: str) -> BookingWarning:
        made = super().__new__(cls, text)
        made.about = about
        return made


@dataclass(frozen=True)
class LastVet:
    """The team's latest /vet of a creator: its verdict, when, and why in a sentence."""

    verdict: str
    at: datetime
    reason: str = ""


def outside_dates(campaign: Campaign, due: LocalDue, what: str) -> str | None:
    """'The go-live date (Sat 5 Dec 2026) is after the campaign ends (2026-11-30).', or None."""
    day = due.local_date
    if day < campaign.start_date:
        return f"The {what} ({day:%a} {day.day} {day:%b %Y}) is before {campaign.name} starts ({campaign.start_date})."
    if day > campaign.end_date:
        return f"The {what} ({day:%a} {day.day} {day:%b %Y}) is after {campaign.name} ends ({campaign.end_date})."
    return None


def duplicates(
    creator: CampaignCreator, deliverable: Deliverable, booked: list[DeliverableContext], *, skip_id: str | None = None
) -> str | None:
    """'@mia already has a reel on Spring Glow (due …).' when the same creator has that kind booked already."""
    same = [
        c
        for c in booked
        if c.creator.handle.casefold() == creator.handle.casefold()
        and c.creator.platform is creator.platform
        and c.deliverable.kind is deliverable.kind
        and c.deliverable.state is not DeliverableState.dropped
        and c.deliverable.id != skip_id
    ]
    if not same:
        return None
    booked_ones = deliverable.model_copy(update={"count": len(same)}).describe().removeprefix("a ")
    kind = "1 " + booked_ones if len(same) == 1 else booked_ones
    return (
        f"@{creator.handle} already has {kind} booked on {same[0].campaign.name} "
        f"(deliverable #{', #'.join(c.deliverable.id for c in same[:5])})."
    )


def avoid_verdict(creator: CampaignCreator, last: LastVet | None) -> str | None:
    """'The last /vet of @mia (2030-01-02) said Avoid: …' when it did."""
    if last is None or last.verdict != AVOID:
        return None
    why = f": {last.reason}" if last.reason else "."
    return f"The last /vet of @{creator.handle} ({last.at:%Y-%m-%d}) said Avoid{why}"


def booking_warnings(
    campaign: Campaign,
    creator: CampaignCreator,
    deliverable: Deliverable,
    booked: list[DeliverableContext],
    last_vet: LastVet | None,
    *,
    skip_id: str | None = None,
) -> tuple[BookingWarning, ...]:
    """Every warning for booking (or editing, `skip_id`: the deliverable being edited) this deliverable."""
    found = [
        ("creator", avoid_verdict(creator, last_vet)),
        ("kind", duplicates(creator, deliverable, booked, skip_id=skip_id)),
    ]
    if deliverable.draft_due is not None:
        found.append(("draft_due", outside_dates(campaign, deliverable.draft_due, "draft due date")))
    if deliverable.due is not None:
        found.append(("go_live", outside_dates(campaign, deliverable.due, "go-live date")))
    return tuple(BookingWarning(text, about) for about, text in found if text)
