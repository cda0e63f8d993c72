"""The reminder message: the Extend date picker opens on the deadline's own local day."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest

from bot.campaigns.due import LocalDue
from bot.campaigns.read_models import DeliverableContext
from handlers.blocks.reminders import reminder_blocks, reminder_fallback_text, reminder_text_for
from storage.campaigns import to_campaign, to_creator, to_deliverable
from storage.models import Campaign, CampaignCreator, Deliverable
from tests.harness import seen

NOW = datetime(2030, 1, 10, 9, 0, tzinfo=UTC)


def context(due: LocalDue, *, keep_due_local: bool = True) -> DeliverableContext:
    campaign = Campaign(
        id=1,
        team_id="T1",
        name="Spring Glow",
        channel_id="C1",
        owner_user_id="U0OWNER",
        approver_user_ids=[],
        currency="USD",
        timezone=due.tz,
        start_date=date(2030, 1, 1),
        end_date=date(2030, 2, 1),
        jurisdiction="UK",
    )
    creator = CampaignCreator(
        id=1, team_id="T1", campaign_id=1, handle="mia", platform="instagram", exclusivity=False, max_revision_rounds=2
    )
    deliverable = Deliverable(
        id=7,
        team_id="T1",
        campaign_id=1,
        creator_id=1,
        kind="reel",
        count=1,
        due_at=due.at_utc(),
        due_local=due.model_dump(mode="json") if keep_due_local else None,
        state="draft_due",
        revision_rounds=0,
        version=1,
    )
    return DeliverableContext(
        campaign=to_campaign(campaign), creator=to_creator(creator, "USD"), deliverable=to_deliverable(deliverable)
    )


def picker_date(ctx: DeliverableContext) -> str:
    blocks = [b.to_dict() for b in reminder_blocks(ctx, reminder_text_for(ctx, "due", NOW))]
    [picker] = [e for b in blocks if b["type"] == "actions" for e in b["elements"] if e["type"] == "datepicker"]
    return picker["initial_date"]


@pytest.mark.parametrize(
    "due",
    [
        LocalDue(local_date=date(2030, 1, 15), tz="Europe/London"),  # end of day: due_at is midnight of the 16th
        LocalDue(local_date=date(2030, 1, 15), local_time=time(17, 0), tz="Europe/London"),
        LocalDue(local_date=date(2030, 1, 15), local_time=time(23, 30), tz="America/New_York"),  # the 16th in UTC
    ],
    ids=["end-of-day", "timed", "timed-late-evening"],
)
@pytest.mark.parametrize("keep_due_local", [True, False], ids=["due_local", "no-due_local"])
def test_the_extend_picker_opens_on_the_deadline_day(due: LocalDue, keep_due_local: bool) -> None:
    assert picker_date(context(due, keep_due_local=keep_due_local)) == "2030-01-15"


def test_the_fallback_text_and_the_blocks_share_one_text() -> None:
    ctx = context(LocalDue(local_date=date(2030, 1, 15), tz="Europe/London"))
    text = reminder_text_for(ctx, "due", NOW, late_by=3 * 3600)
    assert reminder_fallback_text(text) == f"{text.headline} (Delayed 3h)"
    lines = seen([block.to_dict() for block in reminder_blocks(ctx, text)]).splitlines()
    assert lines[:2] == [
        "⏰ Due in 5 days: @mia's reel for Spring Glow  (Delayed 3h)",
        "@mia (instagram) owes a reel for Spring Glow.",
    ]
    assert text.headline == "Due in 5 days: @mia's reel for Spring Glow"


def test_a_campaign_name_cannot_ping_the_channel_from_the_fallback_text() -> None:
    ctx = context(LocalDue(local_date=date(2030, 1, 15), tz="Europe/London"))
    named = replace(ctx, campaign=ctx.campaign.model_copy(update={"name": "<!channel> Launch & *bold*"}))
    fallback = reminder_fallback_text(reminder_text_for(named, "due", NOW))
    assert "<!channel>" not in fallback
    assert "&lt;!channel&gt; Launch &amp; *bold*" in fallback
