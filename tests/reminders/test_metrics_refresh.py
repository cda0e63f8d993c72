"""A live post's public numbers read back 1, 7 and 30 days after it went live, through the reminder dispatcher:
stored as a reading the report counts, nothing posted; a platform that no longer shows the post or refuses is
recorded on the row, and the tick goes on. Platform answers are the recorded ones (tests/sources/recorded)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import httpx
import pytest
import respx

from bot.campaigns.digest_schedule import DigestSchedule
from bot.metrics import results_json
from bot.services import Services
from bot.services.campaigns import CampaignForm, DeliverableForm, add_deliverable, create_campaign, mark_posted, move
from bot.services.results import ReportedResults, add_post_results, campaign_report
from bot.sources.instagram import GRAPH_API, GRAPH_VERSION
from bot.sources.registry import CreatorSources, SourceConfig
from bot.sources.youtube import QUOTA_MESSAGE, YOUTUBE_API
from handlers.jobs.dispatcher import Dispatcher
from storage.reminders import list_reminders
from storage.uow import UnitOfWork
from tests.databases import stored
from tests.harness import TEAM
from tests.reminders.dispatching import dispatcher
from tests.sources.recording import answer, recorded

POSTED = datetime(2027, 5, 3, 15, 30, tzinfo=UTC)
OWNER, APPROVER, CHANNEL = "U0OWNER", "U0APPROVER", "C0SPRING"
IG_USER_ID = "17841400000000001"
VIDEO = "https://youtu.be/zK3pQ9xY2aB"  # 12,450 views, 812 likes, 64 comments in the recorded answer
STORED_VIDEO = "https://www.youtube.com/watch?v=zK3pQ9xY2aB"  # the short link as it is stored


@pytest.fixture
def sources(services: Services):
    services.sources = CreatorSources(
        SourceConfig(
            youtube_api_key="AIzaSyD-test-key-0000000000000000000",
            instagram_account_id=IG_USER_ID,
            instagram_access_token="EAAGtestTOKEN000000000000ZZ",
        )
    )
    yield services.sources
    services.sources.close()


def campaign(engine, team: str = TEAM, channel: str = CHANNEL) -> int:
    form = CampaignForm(
        name="Spring",
        channel_id=channel,
        owner_user_id=OWNER,
        approver_user_ids=(APPROVER,),
        start_date=date(2027, 5, 1),
        end_date=date(2027, 6, 30),
        budget=Decimal(1000),
        digest=DigestSchedule.from_text("none"),
    )
    return int(create_campaign(UnitOfWork(engine), team, form, created_by=OWNER, now=POSTED).id)


def live_post(engine, campaign_id: int, handle: str, platform: str, url: str, team: str = TEAM) -> int:
    """A deliverable taken through its draft and approval, then marked posted at POSTED with `url`."""
    form = DeliverableForm(
        campaign_id=campaign_id,
        handle=handle,
        platform=platform,
        kind="reel" if platform == "instagram" else "video",
        due_text="2027-05-20",
        fee=Decimal(300),
    )
    added = add_deliverable(UnitOfWork(engine), team, form, now=POSTED - timedelta(days=2))
    deliverable_id = int(added.deliverable.id)
    for state, actor in (("accepted", OWNER), ("draft_due", OWNER), ("draft_submitted", OWNER), ("approved", APPROVER)):
        move(UnitOfWork(engine), team, deliverable_id, state, actor=actor, now=POSTED)
    mark_posted(UnitOfWork(engine), team, deliverable_id, url=url, actor=OWNER, now=POSTED)
    return deliverable_id


def refreshes(engine, deliverable_id: int, team: str = TEAM) -> list:
    return [
        r for r in stored(engine, list_reminders, team, deliverable_id=deliverable_id) if r.kind == "metrics_refresh"
    ]


def test_a_post_marked_live_gets_its_numbers_read_1_7_and_30_days_on_until_it_is_dropped(services, engine):
    kept = live_post(engine, campaign(engine), "lenaloafs", "youtube", VIDEO)
    assert [(r.fire_at, r.status) for r in refreshes(engine, kept)] == [
        (POSTED + timedelta(days=1), "pending"),
        (POSTED + timedelta(days=7), "pending"),
        (POSTED + timedelta(days=30), "pending"),
    ]
    for state in ("verified", "paid", "complete"):  # the deadline is met, the post still gathers views
        move(UnitOfWork(engine), TEAM, kept, state, actor=OWNER, now=POSTED, looked=True)
    assert {r.status for r in refreshes(engine, kept)} == {"pending"}

    dropped = live_post(engine, campaign(engine, team="T0OTHER"), "lenaloafs", "youtube", VIDEO, team="T0OTHER")
    move(UnitOfWork(engine), "T0OTHER", dropped, "dropped", actor=OWNER, now=POSTED)
    assert [r.status for r in refreshes(engine, dropped, team="T0OTHER")] == ["cancelled"] * 3


def test_a_due_refresh_stores_the_reading_and_posts_nothing(services, engine, standin, clock, sources):
    deliverable = live_post(engine, campaign(engine), "lenaloafs", "youtube", VIDEO)
    clock.now = POSTED + timedelta(days=1)
    with respx.mock(assert_all_mocked=True) as router:
        videos = router.get(f"{YOUTUBE_API}/videos").mock(return_value=answer("youtube_videos_ok"))
        result = dispatcher(services, "w").tick()
    assert (result.claimed, result.refreshed, result.rechecked, result.sent) == (2, 1, 1, 0)  # and its caption
    assert videos.calls.last.request.url.params["id"] == "zK3pQ9xY2aB"
    assert [r.status for r in refreshes(engine, deliverable)] == ["sent", "pending", "pending"]
    assert standin.calls_to("chat.postMessage") == []
    report = campaign_report(UnitOfWork(engine), TEAM, "spring")
    [post] = [p for creator in report.results.creators for p in creator.posts]
    assert (post.post_url, post.views, post.likes, post.comments, post.source.value) == (
        STORED_VIDEO,
        12450,
        812,
        64,
        "api",
    )


def test_a_refresh_the_platform_cannot_answer_is_recorded_and_the_tick_goes_on(
    services, engine, standin, clock, sources
):
    campaign_id = campaign(engine)
    gone = live_post(engine, campaign_id, "anyone", "instagram", "https://www.instagram.com/p/NOTRECENT/")
    busy = live_post(engine, campaign_id, "lenaloafs", "youtube", VIDEO)
    due = add_deliverable(
        UnitOfWork(engine),
        TEAM,
        DeliverableForm(
            campaign_id=campaign_id, handle="mia", platform="instagram", kind="reel", due_text="2027-05-05"
        ),
        now=POSTED,
    )
    clock.now = datetime(2027, 5, 5, 0, 0, tzinfo=UTC)  # its reminder a day before the end of the 5th
    with respx.mock(assert_all_mocked=True) as router:
        router.get(f"{GRAPH_API}/{GRAPH_VERSION}/{IG_USER_ID}").mock(
            return_value=answer("instagram_business_discovery_ok")
        )
        router.get(f"{YOUTUBE_API}/videos").mock(return_value=answer("youtube_error_quota_exceeded"))
        result = dispatcher(services, "w").tick()
    # the caption re-checks due as well: YouTube's quota defers one; the post Instagram no longer shows is kept as
    # not checkable (tests/reminders/test_live_checks.py)
    assert (result.failed, result.deferred, result.refreshed, result.rechecked) == (1, 2, 0, 1)
    [failed, *_] = refreshes(engine, gone)
    assert failed.status == "failed"
    assert failed.last_error == "instagram no longer shows the post (deleted, private, or past its recent posts)"
    [later, *_] = refreshes(engine, busy)
    assert (later.status, later.last_error) == ("pending", QUOTA_MESSAGE)
    assert clock.now + timedelta(minutes=15) <= later.next_attempt_at <= clock.now + timedelta(hours=12)
    # the deadline reminder due in the same tick went out all the same (with the go-live reminder of the day before)
    [posted] = [c for c in standin.calls_to("chat.postMessage") if not c.params["text"].startswith("Going live")]
    assert "@mia's reel for Spring" in posted.params["text"]
    rows = stored(engine, list_reminders, TEAM, deliverable_id=int(due.deliverable.id))
    assert Counter(r.kind for r in rows if r.status == "sent") == {"before": 1, "golive_disclosure": 1}


def test_the_report_command_counts_a_refreshed_reading(slack):
    engine = slack.services.engine
    campaign_id = campaign(engine, channel=slack.channel_id)
    live_post(engine, campaign_id, "lenaloafs", "youtube", VIDEO)
    clock = POSTED + timedelta(days=7, minutes=1)
    worker_services = Services(settings=slack.services.settings, engine=engine, clock=lambda: clock)
    worker_services.sources = CreatorSources(SourceConfig(youtube_api_key="AIzaSyD-test-key-0000000000000000000"))
    with respx.mock(assert_all_mocked=True) as router:
        router.get(f"{YOUTUBE_API}/videos").mock(return_value=answer("youtube_videos_ok"))
        result = Dispatcher(worker_services, worker="w", channel_pace=0).tick()
    worker_services.sources.close()
    assert (result.refreshed, result.superseded) == (1, 1)  # the 1-day and 7-day refreshes: one reading, now
    assert result.rechecked == 1  # and the caption, a day on

    slack.user_id = OWNER
    slack.command("/campaign", "report spring")
    [posted] = slack.wait_for("chat.postMessage", lambda c: c.params["channel"] == slack.channel_id)
    assert "Views 12,450" in posted.params["text"]
    assert "Engagements 876" in posted.params["text"]


def test_a_refresh_keeps_what_only_the_creator_reported_and_updates_what_it_measures(
    services, engine, standin, clock, sources, monkeypatch
):
    """Per count, the latest reading that measured it: the API reads views, likes and comments, never reach,
    saves or shares, so its day-7 reading must not wipe the creator's."""
    deliverable = live_post(engine, campaign(engine), "lenaloafs", "youtube", VIDEO)
    reported = ReportedResults(
        proof_url="https://example.com/insights.png", counts={"reach": 5000, "saves": 40, "likes": 250}
    )
    add_post_results(UnitOfWork(engine), TEAM, deliverable, reported, actor=OWNER, now=POSTED + timedelta(days=3))
    clock.now = POSTED + timedelta(days=7, minutes=1)
    monkeypatch.setattr("bot.sources.http.utc_now", lambda: clock.now)  # the platform client reads this clock
    body = recorded("youtube_videos_ok")["body"]
    body["items"][0]["statistics"]["likeCount"] = "300"
    with respx.mock(assert_all_mocked=True) as router:
        router.get(f"{YOUTUBE_API}/videos").mock(return_value=httpx.Response(200, json=body))
        assert dispatcher(services, "w").tick().refreshed == 1

    report = campaign_report(UnitOfWork(engine), TEAM, "spring")
    [post] = [p for creator in report.results.creators for p in creator.posts]
    assert (post.reach, post.saves, post.likes, post.views, post.comments) == (5000, 40, 300, 12450, 64)
    data = results_json(report.results)
    assert (data["reach"], data["engagements"], data["views"]) == (5000, 300 + 64 + 40, 12450)
