"""The go-live disclosure reminder through the real dispatcher and the Slack stand-in: a day before the deliverable
goes live and when its draft is approved, once however many dispatchers run; planned again when the deadline
moves, gone when the deliverable is dropped or posted."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from bot.campaigns.digest_schedule import DigestSchedule
from bot.services.campaigns import (
    CampaignForm,
    DeliverableForm,
    add_deliverable,
    change_due,
    create_campaign,
    mark_posted,
    move,
)
from storage.reminders import list_reminders
from storage.uow import UnitOfWork
from tests.databases import stored
from tests.harness import TEAM
from tests.reminders.dispatching import NOW, dispatcher, tick_at_once

OWNER, CHANNEL = "U0OWNER", "C0GLOW"
LONDON = "Europe/London"
GOLIVE = "golive_disclosure"


def _deliverable(engine, *, platform: str = "instagram", kind: str = "reel", jurisdiction: str = "UK") -> int:
    form = CampaignForm(
        name="Glow",
        channel_id=CHANNEL,
        owner_user_id=OWNER,
        start_date=date(2026, 12, 1),
        end_date=date(2026, 12, 31),
        budget=Decimal(1000),
        timezone=LONDON,
        jurisdiction=jurisdiction,
        digest=DigestSchedule.from_text("none"),
    )
    campaign = create_campaign(UnitOfWork(engine), TEAM, form, created_by=OWNER, now=NOW)
    added = add_deliverable(
        UnitOfWork(engine),
        TEAM,
        DeliverableForm(
            campaign_id=int(campaign.id), handle="@maya", platform=platform, kind=kind, due_text="dec 5 17:00"
        ),
        now=NOW,
    )
    return int(added.deliverable.id)


def _golive_posts(standin) -> list[dict]:
    said = ("Going live tomorrow", "Approved: now the disclosure")
    return [m for m in standin.messages.get(CHANNEL, []) if m.get("text", "").startswith(said)]


def _text_of(message: dict) -> str:
    return "\n".join(
        part
        for block in message["blocks"]
        for part in [block.get("text", {}).get("text", "")] + [e.get("text", "") for e in block.get("elements", [])]
        if isinstance(part, str)
    )


def _golive_rows(engine, deliverable_id: int) -> list:
    return [r for r in stored(engine, list_reminders, TEAM, deliverable_id=deliverable_id) if r.kind == GOLIVE]


def test_the_day_before_going_live_two_dispatchers_post_the_reminder_once(services, engine, standin, clock):
    _deliverable(engine)
    clock.now = datetime(2026, 12, 4, 16, 59, tzinfo=UTC)  # 17:00 London on the 4th is a day before
    tick_at_once(services)
    assert _golive_posts(standin) == []
    clock.advance(minutes=1)
    tick_at_once(services)
    tick_at_once(services)
    [message] = _golive_posts(standin)
    # Still invited, no draft approved: it says so, and what the disclosure will need all the same.
    assert message["text"].startswith(
        "Going live tomorrow, but no draft is approved yet. @maya's Instagram reel for Glow goes live"
    )
    shown = _text_of(message)
    assert "*Not ready to post:* no approved draft yet (now: invited)" in shown and "Mark posted" not in shown
    assert "Put '#ad' at the very start of the caption, within the first 125 characters or 3 lines" in shown
    assert "Switch on Instagram's *Paid partnership* label" in shown
    assert "the UK accepts it as a disclosure; keep the caption label too" in shown
    assert 'Say "This is an ad" out loud in the first seconds' in shown
    assert '```Before your Instagram reel goes live, please: 1) Start your caption with "#ad"' in shown
    assert "https://www.asa.org.uk/resource/influencers-guide.html" in shown


def test_moving_the_deadline_plans_the_reminder_again_for_the_new_day(services, engine, standin, clock):
    deliverable_id = _deliverable(engine)
    change_due(UnitOfWork(engine), TEAM, deliverable_id, due="dec 10 12:00", actor=OWNER, now=NOW)
    pending = [r for r in _golive_rows(engine, deliverable_id) if r.status == "pending"]
    assert [r.fire_at.replace(tzinfo=UTC) for r in pending] == [datetime(2026, 12, 9, 12, 0, tzinfo=UTC)]
    clock.now = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)
    dispatcher(services, "w1").tick()
    assert _golive_posts(standin) == []  # the old day passes without it
    clock.now = datetime(2026, 12, 9, 12, 0, tzinfo=UTC)
    dispatcher(services, "w1").tick()
    [message] = _golive_posts(standin)
    assert "goes live Thu 10 Dec 2026 at 12:00 (Europe/London)" in message["text"]


def test_approving_the_draft_posts_the_reminder_at_once(services, engine, standin, clock):
    deliverable_id = _deliverable(engine, platform="tiktok", kind="video", jurisdiction="DE")
    for state in ("accepted", "draft_due", "draft_submitted", "approved"):
        move(UnitOfWork(engine), TEAM, deliverable_id, state, actor=OWNER, now=NOW)
    tick_at_once(services)
    [message] = _golive_posts(standin)
    assert message["text"].startswith("Approved: now the disclosure. @maya's TikTok video for Glow goes live")
    shown = _text_of(message)
    assert "Open the caption with 'Werbung', within the first 55 characters" in shown
    assert "turn on *Disclose commercial content* and pick *Branded content*" in shown
    assert "it does not replace the caption label in Germany" in shown
    assert "Say and show 'Werbung' in the video itself" in shown


def test_a_dropped_or_posted_deliverable_gets_no_go_live_reminder(services, engine, standin, clock):
    dropped = _deliverable(engine)
    move(UnitOfWork(engine), TEAM, dropped, "dropped", actor=OWNER, now=NOW)
    assert {r.status for r in _golive_rows(engine, dropped)} == {"cancelled"}
    clock.now = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)
    dispatcher(services, "w1").tick()
    assert _golive_posts(standin) == []


def test_marking_it_posted_cancels_the_day_before_reminder(services, engine, standin, clock):
    deliverable_id = _deliverable(engine)
    for state in ("accepted", "draft_due", "draft_submitted", "approved"):
        move(UnitOfWork(engine), TEAM, deliverable_id, state, actor=OWNER, now=NOW)
    dispatcher(services, "w1").tick()  # the approval's reminder
    url = "https://www.instagram.com/reel/Cx1AbC/"
    mark_posted(UnitOfWork(engine), TEAM, deliverable_id, url=url, actor=OWNER, now=NOW + timedelta(hours=1))
    clock.now = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)
    dispatcher(services, "w1").tick()
    assert len(_golive_posts(standin)) == 1
    assert sorted(r.status for r in _golive_rows(engine, deliverable_id)) == ["cancelled", "sent"]


def test_a_reminder_claimed_a_day_late_is_dropped_rather_than_posted(services, engine, standin, clock):
    deliverable_id = _deliverable(engine)
    clock.now = datetime(2026, 12, 5, 17, 1, tzinfo=UTC)  # the workers were down past the go-live time
    dispatcher(services, "w1").tick()
    assert _golive_posts(standin) == []
    assert {r.status for r in _golive_rows(engine, deliverable_id)} == {"cancelled"}
