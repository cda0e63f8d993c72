"""A schedule edit re-plans reminders the same way on SQLite and PostgreSQL: what the new plan drops is
cancelled, what it adds is planned once, and a reminder cancelled by one edit comes back with the next."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from decimal import Decimal

from bot.campaigns.reminder_policy import ReminderPolicy
from bot.services import campaigns
from bot.services.campaigns import CampaignEdit, CampaignForm, DeliverableForm
from storage.reminders import list_reminders
from storage.uow import UnitOfWork
from tests.databases import stored

TEAM, OWNER = "T0TEAM", "U0OWNER"
NOW = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)


def test_reminders_follow_each_edit_of_the_schedule(engine):
    form = CampaignForm(
        name="Spring", channel_id="C0S", owner_user_id=OWNER, start_date=date(2030, 1, 1), end_date=date(2030, 3, 1)
    )
    campaign = campaigns.create_campaign(UnitOfWork(engine), TEAM, form, created_by=OWNER)
    added = campaigns.add_deliverable(
        UnitOfWork(engine),
        TEAM,
        DeliverableForm(
            campaign_id=int(campaign.id), handle="mia", platform="instagram", kind="reel", due_text="2030-01-20 17:00"
        ),
        now=NOW,
    )

    def edit(policy: ReminderPolicy) -> Counter:
        change = CampaignEdit(
            budget=Decimal(0),
            start_date=campaign.start_date,
            end_date=campaign.end_date,
            attribution_days=30,
            approver_user_ids=(),
            reminder_policy=policy,
            digest=campaign.digest,
        )
        campaigns.edit_campaign(UnitOfWork(engine), TEAM, int(campaign.id), change, actor=OWNER, now=NOW)
        rows = stored(engine, list_reminders, TEAM, deliverable_id=int(added.deliverable.id))
        return Counter((r.kind, r.fire_at) for r in rows if r.status == "pending")

    default = edit(ReminderPolicy.from_text("-3d, -1d, 0, +1d", owner_escalation_at="+3d"))  # as planned: no change
    quick = edit(ReminderPolicy.from_text("-2d, 0", owner_escalation_at=None))
    back = edit(ReminderPolicy())
    assert set(quick.values()) == set(back.values()) == set(default.values()) == {1}
    assert Counter(kind for kind, _ in quick) == {"before": 1, "due": 1, "overdue": 14, "golive_disclosure": 1}
    assert back == default
