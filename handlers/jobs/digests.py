"""A results digest as the dispatcher posts it: the campaign's report computed now, titled weekly digest or final
report, with what changed since the last delivered digest (whose numbers are kept with each post).

Posted to the campaign's channel through the dispatcher's own delivery (handlers/jobs/outgoing.py), so a digest
is posted once however many dispatchers tick, and found in the channel after a crash like a reminder is."""

from __future__ import annotations

from datetime import datetime

from bot.campaigns.digest_schedule import DigestKind
from bot.campaigns.dispatch_kinds import digest_of
from bot.campaigns.models import Campaign
from bot.campaigns.reminder_status import ClaimedReminder
from bot.metrics import changes, results_json
from bot.services import Services, digests
from handlers.blocks.digest_changes import change_lines
from handlers.blocks.report import report_message
from handlers.blocks.results_view import report_view
from handlers.jobs.outgoing import Outgoing

TITLES = {DigestKind.weekly: "weekly digest", DigestKind.final: "final report"}


class DigestUnavailable(Exception):
    """The campaign's results cannot be computed (two creators share a discount code, say): `reason` says why."""

    def __init__(self, campaign: Campaign, reason: str) -> None:
        super().__init__(reason)
        self.campaign = campaign
        self.reason = reason


def digest_message(services: Services, reminder: ClaimedReminder, now: datetime, *, late: bool) -> Outgoing | None:
    """The digest as it stands `now`; None when its campaign is gone; DigestUnavailable when its results cannot
    be computed."""
    found = digests.digest_input(services.uow(), reminder.team_id, reminder.campaign_id)
    if found is None:
        return None
    report, previous, campaign = found.report, found.previous, found.campaign
    if report is None:
        raise DigestUnavailable(campaign, found.problem or "its results cannot be computed")
    now_json = results_json(report.results)
    lines = change_lines(
        changes(previous.results, now_json) if previous is not None else None,
        currency=report.results.currency,
        since=previous.taken_at if previous is not None else None,
        tz=campaign.timezone,
    )
    kind = digest_of(reminder.kind) or DigestKind.weekly
    text, blocks = report_message(report_view(report, now, changes=lines, title=TITLES[kind]))
    return Outgoing(campaign, text, blocks, what=f"the {TITLES[kind]}", late=late, results=now_json)
