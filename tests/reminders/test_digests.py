"""Campaign results digests through the reminder dispatcher: planned with the campaign, posted once to its channel
with the report as it stands, saying what changed since the last one; on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from bot.localslack.standin import Fault
from bot.metrics import PostObservation
from bot.services import reminders as reminder_service
from bot.services.campaigns import CampaignForm, DeliverableForm, add_deliverable, create_campaign
from bot.services.digests import set_digest_schedule
from bot.services.results import import_orders
from handlers.jobs import slack_clients
from storage import results as result_store
from storage.db import transaction
from storage.models import Campaign
from storage.reminders import list_reminders
from storage.uow import UnitOfWork
from tests.databases import stored
from tests.harness import TEAM, seen
from tests.reminders.dispatching import LEASE, dispatcher, posted_reminder_ids, tick_at_once

CREATED = datetime(2027, 3, 15, 8, 0, tzinfo=UTC)  # Mon 15 Mar 2027, 08:00 in London (GMT)
FIRST = datetime(2027, 3, 22, 9, 0, tzinfo=UTC)  # Mon 22 Mar, 09:00 GMT
SECOND = datetime(2027, 3, 29, 8, 0, tzinfo=UTC)  # Mon 29 Mar, 09:00 BST: clocks went forward on the 28th
FINAL = datetime(2027, 4, 5, 8, 0, tzinfo=UTC)  # the day after the end, 09:00 BST


def spring(engine, name: str = "Spring", channel: str = "C0SPRING") -> int:
    campaign = create_campaign(
        UnitOfWork(engine),
        TEAM,
        CampaignForm(
            name=name,
            channel_id=channel,
            owner_user_id="U0OWNER",
            start_date=date(2027, 3, 15),
            end_date=date(2027, 4, 4),
            budget=Decimal(2000),
            timezone="Europe/London",
        ),
        created_by="U0OWNER",
        now=CREATED,
    )
    return int(campaign.id)


def with_creator(engine, campaign_id: int) -> int:
    form = DeliverableForm(
        campaign_id=campaign_id, handle="mia", platform="instagram", kind="reel", due_text="2027-03-25", fee=Decimal(4)
    )
    return int(add_deliverable(UnitOfWork(engine), TEAM, form, now=CREATED).creator.id)


def reading(engine, campaign_id: int, creator_id: int, at: datetime, views: int, likes: int) -> None:
    observation = PostObservation(
        post_url="https://www.instagram.com/reel/MIA1/",
        handle="mia",
        platform="instagram",
        observed_at=at,
        views=views,
        likes=likes,
        comments=10,
    )
    stored(engine, result_store.save_observations, TEAM, campaign_id, [(creator_id, observation)])


def digests_posted(standin, engine) -> list:
    """The digests posted (the campaign's deadline reminders go to the same channel)."""
    ids = {r.id for r in digest_rows(engine)}
    return [
        call
        for call in standin.calls_to("chat.postMessage")
        if call.status == 200 and (call.params.get("metadata") or {}).get("event_payload", {}).get("reminder_id") in ids
    ]


def header(call) -> str:
    return seen(call.params["blocks"]).strip().splitlines()[0]


def since_lines(call) -> list[str]:
    """The lines of the "Since the last digest" section, as a person reads them (unwrapped)."""
    shown = seen(call.params["blocks"]).splitlines()
    start = next(i for i, line in enumerate(shown) if "Since the last digest" in line)
    lines: list[str] = []
    for line in shown[start + 1 :]:
        if line.startswith("• "):
            lines.append(line[2:])
        elif line and not line.startswith(" ") and lines:
            lines[-1] += " " + line
        else:
            break
    return lines


def digest_rows(engine) -> list:
    return [r for r in stored(engine, list_reminders, TEAM) if r.kind.startswith("digest_")]


def test_a_new_campaign_gets_its_weekly_digests_at_09_00_local_across_the_dst_change(services, engine, standin, clock):
    spring(engine)
    planned = [(r.kind, r.fire_at, r.deliverable_id) for r in digest_rows(engine)]
    assert planned == [
        ("digest_weekly", FIRST, None),
        ("digest_weekly", SECOND, None),  # an hour earlier in UTC: 09:00 in London all the same
        ("digest_final", FINAL, None),
    ]

    clock.now = FIRST
    assert dispatcher(services, "w").tick().sent == 1
    clock.now = SECOND - timedelta(minutes=1)
    assert dispatcher(services, "w").tick().claimed == 0
    clock.now = SECOND
    assert dispatcher(services, "w").tick().sent == 1

    first, second = digests_posted(standin, engine)
    assert header(first) == "SPRING · WEEKLY DIGEST"
    assert "Results as of 22 Mar 2027, 09:00 (Europe/London)" in seen(first.params["blocks"])
    assert "Results as of 29 Mar 2027, 09:00 (Europe/London)" in seen(second.params["blocks"])
    assert since_lines(first) == ["First digest of this campaign: the next ones say what changed since the one before."]
    assert since_lines(second) == ["Nothing changed since the last digest (Mon 22 Mar)."]
    assert first.params["text"].startswith("Spring weekly digest, 15 Mar – 4 Apr 2027: Spend $0 of $2,000")


def test_each_digest_says_what_changed_since_the_last_one(services, engine, standin, clock):
    campaign_id = spring(engine)
    creator_id = with_creator(engine, campaign_id)
    clock.now = FIRST
    dispatcher(services, "w").tick()
    reading(engine, campaign_id, creator_id, FIRST + timedelta(days=2), views=5000, likes=300)
    clock.now = SECOND
    dispatcher(services, "w").tick()
    reading(engine, campaign_id, creator_id, SECOND + timedelta(days=3), views=12000, likes=700)
    clock.now = FINAL
    dispatcher(services, "w").tick()

    first, second, final = digests_posted(standin, engine)
    assert since_lines(second) == [
        "1 more post live",
        "Views 5,000, known for the first time",
        "Engagements 310, known for the first time",
        "@mia, first results: 5,000 views, 310 engagements",
    ]
    assert since_lines(final) == [
        "Views +7,000 (now 12,000)",
        "Engagements +400 (now 710)",
        "@mia: +7,000 views, +400 engagements",
    ]
    assert header(final) == "SPRING · FINAL REPORT"
    assert final.params["text"].startswith("Spring final report, 15 Mar – 4 Apr 2027:")


def test_several_missed_digests_after_downtime_are_one_digest_from_now(services, engine, standin, clock):
    spring(engine)
    clock.now = FINAL + timedelta(days=2)  # down since before the first weekly digest
    result = dispatcher(services, "w", max_late=timedelta(hours=24)).tick()
    assert (result.claimed, result.sent, result.superseded, result.rolled_up) == (3, 1, 2, 0)
    [posted] = digests_posted(standin, engine)
    assert header(posted) == "SPRING · FINAL REPORT"
    assert "Results as of 7 Apr 2027, 09:00 (Europe/London)" in seen(posted.params["blocks"])
    assert Counter(r.status for r in digest_rows(engine)) == {"sent": 1, "cancelled": 2}
    assert digest_rows(engine)[-1].late is True


def test_two_dispatchers_ticking_at_once_post_each_campaigns_digest_once(services, engine, standin, clock):
    for n in range(8):
        spring(engine, name=f"Spring {n}", channel=f"C0SPRING{n}")
    clock.now = FIRST
    results = tick_at_once(services, batch=2)
    posted = posted_reminder_ids(standin)
    assert len(posted) == 8 and max(posted.values()) == 1
    assert sum(r.sent for r in results) == 8
    assert sorted(call.params["channel"] for call in standin.calls_to("chat.postMessage")) == [
        f"C0SPRING{n}" for n in range(8)
    ]
    assert Counter(r.status for r in digest_rows(engine) if r.fire_at == FIRST) == {"sent": 8}


def test_a_digest_that_landed_but_answered_503_is_found_and_the_next_one_compares_with_it(
    services, engine, standin, clock
):
    campaign_id = spring(engine)
    creator_id = with_creator(engine, campaign_id)
    reading(engine, campaign_id, creator_id, CREATED + timedelta(days=2), views=1000, likes=50)
    standin.inject("chat.postMessage", Fault(status=503, applied=True))
    clock.now = FIRST
    assert dispatcher(services, "w").tick().ambiguous == 1
    clock.advance(seconds=LEASE.total_seconds() + 1)
    assert dispatcher(services, "w").tick().reconciled == 1
    reading(engine, campaign_id, creator_id, FIRST + timedelta(days=1), views=4000, likes=150)
    clock.now = SECOND
    dispatcher(services, "w").tick()

    digest_ids = {r.id for r in digest_rows(engine)}
    in_channel = [m["metadata"]["event_payload"]["reminder_id"] for m in standin.messages["C0SPRING"]]
    assert [i for i in in_channel if i in digest_ids] == [r.id for r in digest_rows(engine)[:2]]
    second = digests_posted(standin, engine)[-1]
    assert since_lines(second)[0] == "Views +3,000 (now 4,000)"  # since the first digest, the one that landed


def test_the_digest_of_a_campaign_deleted_meanwhile_is_not_posted(services, engine, standin, clock, monkeypatch):
    campaign_id = spring(engine)
    real_claim = reminder_service.claim_due

    def claim_then_delete(*args, **kwargs):
        claimed = real_claim(*args, **kwargs)
        if claimed:
            with transaction(engine) as session:
                session.delete(session.get(Campaign, campaign_id))
        return claimed

    monkeypatch.setattr(reminder_service, "claim_due", claim_then_delete)
    clock.now = FIRST
    result = dispatcher(services, "w").tick()
    assert (result.claimed, result.cancelled, result.sent) == (1, 1, 0)
    assert standin.calls_to("chat.postMessage") == []


def test_a_digest_for_an_uninstalled_workspace_fails_like_a_reminder(services, engine, standin, clock, monkeypatch):
    spring(engine)
    monkeypatch.setattr(slack_clients, "bot_token_for", lambda s, team: None)
    clock.now = FIRST
    result = dispatcher(services, "w").tick()
    assert (result.claimed, result.failed) == (1, 1)
    assert Counter((r.status, r.last_error) for r in digest_rows(engine)) == {
        ("failed", "workspace uninstalled"): 1,
        ("cancelled", None): 2,
    }
    assert standin.calls_to("chat.postMessage") == []


def test_a_schedule_changed_and_changed_back_keeps_one_digest_per_instant(services, engine, standin, clock):
    spring(engine)
    first = [(r.id, r.fire_at) for r in digest_rows(engine)]
    for schedule in ("fri 17:30", "off", "monday 09:00"):
        set_digest_schedule(UnitOfWork(engine), TEAM, "spring", schedule, now=CREATED, actor="U0OWNER")
    assert [(r.id, r.fire_at) for r in digest_rows(engine) if r.status == "pending"] == first
    clock.now = FIRST
    assert dispatcher(services, "w").tick().sent == 1


def test_a_digest_whose_results_cannot_be_computed_fails_and_its_owner_is_told_why(services, engine, standin, clock):
    campaign_id = spring(engine)
    for handle in ("mia", "noor"):
        form = DeliverableForm(
            campaign_id=campaign_id, handle=handle, platform="instagram", kind="reel", due_text="2027-05-25",
            discount_code="GLOW10", confirmed=True,
        )  # fmt: skip
        add_deliverable(UnitOfWork(engine), TEAM, form, now=CREATED)
    orders = "order_id,created_at,code,utm_content,revenue,currency\nA-1,2027-03-18T10:00:00Z,GLOW10,,40.00,USD\n"
    import_orders(UnitOfWork(engine), TEAM, "spring", orders)
    clock.now = FIRST
    assert dispatcher(services, "w").tick().failed == 1
    [failed] = [r for r in digest_rows(engine) if r.status == "failed"]
    assert failed.last_error.startswith("I cannot compute Spring's results:")
    [told] = standin.calls_to("chat.postMessage")
    assert told.params["channel"] == "D0OWNER"
    assert told.params["text"].startswith("I could not post the results digest of Spring: I cannot compute Spring's")
