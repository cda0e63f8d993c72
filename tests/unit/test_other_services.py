"""Workspace, vetting, disclosure and reminder-delivery use cases against an in-memory unit of work."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.campaigns.reminder_status import ReminderStatus
from bot.disclosure import CheckOptions, Jurisdiction, parse_check_words
from bot.services import disclosure, reminders, vetting, workspaces
from bot.sources.errors import CreatorNotFound
from bot.vetting.command import parse_vet_command
from bot.vocabulary import Platform
from storage.db import transaction
from storage.models import CreatorSnapshotRow, Reminder, VetRun, Workspace
from tests.reminders.factories import make_campaign, make_deliverables, plan
from tests.vetting.builders import sample

TEAM, OTHER = "T0TEAM", "T0OTHER"
DEFAULTS = {"default_timezone": "Europe/London", "default_jurisdiction": "UK", "default_platform": "tiktok"}
NOW = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)


# --- workspaces --------------------------------------------------------------------------------------------
def test_a_workspace_starts_from_the_configured_defaults_once(uow):
    first = workspaces.ensure(uow, TEAM, DEFAULTS, name="Acme")
    again = workspaces.ensure(uow, TEAM, {**DEFAULTS, "default_jurisdiction": "US"})
    assert (first.default_jurisdiction, again.default_jurisdiction, again.name) == ("UK", "UK", "Acme")
    assert workspaces.find(uow, OTHER) is None


def test_forgetting_a_workspace_drops_its_row_and_cancels_its_reminders_together(uow, memory):
    workspaces.ensure(uow, TEAM, DEFAULTS)
    campaign = make_campaign(memory, team_id=TEAM)
    [deliverable] = make_deliverables(memory, campaign, NOW + timedelta(days=3), 1, team_id=TEAM)
    plan(memory, campaign, deliverable, [NOW, NOW + timedelta(days=1)], team_id=TEAM)
    assert workspaces.forget(uow, TEAM) == 2
    with transaction(memory) as session:
        assert session.get(Workspace, TEAM) is None
        assert set(session.scalars(select(Reminder.status))) == {"cancelled"}


def test_an_event_is_handled_once_per_event_id(uow):
    assert workspaces.first_delivery(uow, TEAM, "Ev1") is True
    assert workspaces.first_delivery(uow, TEAM, "Ev1") is False
    assert workspaces.first_delivery(uow, OTHER, "Ev2") is True
    assert workspaces.purge_old_event_ids(uow, datetime.now(UTC) + timedelta(days=3)) == 2
    assert workspaces.first_delivery(uow, TEAM, "Ev1") is True


# --- disclosure ------------------------------------------------------------------------------------------------
def test_a_check_uses_the_workspace_rules_unless_the_command_names_others(uow):
    workspaces.ensure(uow, TEAM, DEFAULTS)
    caption = "Thanks @kettleco for the paid partnership, loving my new serum!"
    assert disclosure.check_for_workspace(uow, TEAM, DEFAULTS, caption, CheckOptions()).jurisdiction is Jurisdiction.UK
    named, _ = parse_check_words(f"US {caption}")
    assert disclosure.check_for_workspace(uow, TEAM, DEFAULTS, caption, named).jurisdiction is Jurisdiction.US
    assert disclosure.set_jurisdiction(uow, TEAM, DEFAULTS, Jurisdiction.DE) is Jurisdiction.DE
    assert disclosure.check_for_workspace(uow, TEAM, DEFAULTS, caption, CheckOptions()).jurisdiction is Jurisdiction.DE
    assert disclosure.workspace_jurisdiction(uow, OTHER, DEFAULTS) is Jurisdiction.UK  # a new one: the defaults


# --- vetting ------------------------------------------------------------------------------------------------------
class SampleSources:
    """The built-in sample creators, as the registry serves them without API keys."""

    def fetch(self, handle: str, platform: Platform):  # type: ignore[no-untyped-def]
        return sample(handle, platform)


def test_vetting_keeps_the_snapshot_and_the_run_and_decisions_are_scoped_to_the_workspace(uow, memory):
    request = parse_vet_command("@nina_nano_sample ask:$300")
    report, run_id = vetting.vet_and_record(
        uow, SampleSources(), TEAM, request.targets[0], request, now=NOW, requested_by="U0ALICE", jurisdiction="US"
    )
    assert report.handle == "nina_nano_sample"
    with transaction(memory) as session:
        assert session.scalar(select(func.count()).select_from(CreatorSnapshotRow)) == 1
        assert session.get(VetRun, run_id).verdict == report.verdict.value
    vetting.remember_message(uow, TEAM, run_id, channel_id="C1", message_ts="1.1")
    with pytest.raises(vetting.VetRunNotFound):
        vetting.decide(uow, OTHER, run_id, "approved", user_id="U0MALLORY", at=NOW)
    with pytest.raises(vetting.VetRunNotFound):
        vetting.decide(uow, TEAM, run_id, "hired", user_id="U0BOB", at=NOW)
    run = vetting.decide(uow, TEAM, run_id, "shortlisted", user_id="U0BOB", at=NOW)
    assert run.report == report
    assert vetting.latest_decision(uow, TEAM, report) == ("shortlisted", "U0BOB", NOW)
    [record] = vetting.decision_history(uow, TEAM)
    assert (record.decision, record.verdict, record.vet_run_id) == ("shortlisted", report.verdict.value, run_id)
    assert vetting.decision_history(uow, OTHER) == []


def test_a_creator_that_cannot_be_fetched_writes_nothing(uow, memory):
    request = parse_vet_command("@nobody_here")
    with pytest.raises(CreatorNotFound):
        vetting.vet_and_record(
            uow, SampleSources(), TEAM, request.targets[0], request, now=NOW, requested_by="U0A", jurisdiction="US"
        )
    with transaction(memory) as session:
        assert session.scalar(select(func.count()).select_from(VetRun)) == 0


# --- reminder delivery ---------------------------------------------------------------------------------------
def test_a_claimed_reminder_is_fenced_to_its_worker_and_each_outcome_is_recorded(uow, memory):
    campaign = make_campaign(memory, team_id=TEAM)
    deliverables = make_deliverables(memory, campaign, NOW + timedelta(days=3), 3, team_id=TEAM)
    for deliverable in deliverables:
        plan(memory, campaign, deliverable, [NOW], team_id=TEAM)
    claimed = reminders.claim_due(uow, worker="w1", now=NOW, lease=timedelta(minutes=5), limit=10)
    assert len(claimed) == 3
    assert reminders.claim_due(uow, worker="w2", now=NOW, lease=timedelta(minutes=5), limit=10) == []
    first, second, third = claimed
    context = reminders.subject(uow, first)
    assert context is not None and context.creator.handle == "glowwithmia"
    assert not reminders.mark_sent(uow, first, "w2", channel_id="C1", ts="1.1", at=NOW, late=False)  # not its claim
    assert reminders.mark_sent(uow, first, "w1", channel_id="C1", ts="1.1", at=NOW, late=False)
    assert reminders.fail(uow, second, "w1", error="channel_not_found")
    assert reminders.roll_up(uow, [third], "w1", at=NOW) == 1
    with transaction(memory) as session:
        statuses = dict(session.execute(select(Reminder.id, Reminder.status)).all())
    assert statuses == {
        first.id: ReminderStatus.sent,
        second.id: ReminderStatus.failed,
        third.id: ReminderStatus.rolled_up,
    }
    assert reminders.next_due_at(uow, after=NOW, until=NOW + timedelta(days=9)) is None


def test_a_released_reminder_comes_back_later_and_a_cancelled_one_never(uow, memory):
    campaign = make_campaign(memory, team_id=TEAM)
    deliverables = make_deliverables(memory, campaign, NOW + timedelta(days=3), 3, team_id=TEAM)
    for deliverable in deliverables:
        plan(memory, campaign, deliverable, [NOW], team_id=TEAM)
    lease = timedelta(minutes=5)
    rate_limited, closed, unsure = reminders.claim_due(uow, worker="w1", now=NOW, lease=lease, limit=10)
    assert reminders.release(uow, rate_limited, "w1", retry_at=NOW + timedelta(seconds=30), error="ratelimited")
    assert reminders.cancel(uow, closed, "w1")
    assert reminders.keep_claim(uow, unsure, "w1", error="timed out")
    assert reminders.next_due_at(uow, after=NOW, until=NOW + timedelta(minutes=1)) == NOW + timedelta(seconds=30)
    later = reminders.claim_due(uow, worker="w2", now=NOW + lease + timedelta(seconds=1), lease=lease, limit=10)
    assert sorted(r.id for r in later) == sorted([rate_limited.id, unsure.id])  # the unsure one after its lease
    assert reminders.cancel_workspace(uow, TEAM) == 0  # nothing pending is left: both are claimed again


def test_a_double_clicked_decision_is_recorded_once(uow):
    request = parse_vet_command("@nina_nano_sample")
    _, run_id = vetting.vet_and_record(
        uow, SampleSources(), TEAM, request.targets[0], request, now=NOW, requested_by="U0ALICE", jurisdiction="US"
    )
    for _ in range(2):
        vetting.decide(uow, TEAM, run_id, "approved", user_id="U0BOB", at=NOW)
    vetting.decide(uow, TEAM, run_id, "rejected", user_id="U0BOB", at=NOW + timedelta(minutes=1))
    vetting.decide(uow, TEAM, run_id, "approved", user_id="U0CAROL", at=NOW + timedelta(minutes=2))
    history = [(r.user_id, r.decision) for r in vetting.decision_history(uow, TEAM)]
    assert history == [("U0CAROL", "approved"), ("U0BOB", "rejected"), ("U0BOB", "approved")]
