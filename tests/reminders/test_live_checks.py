"""A live post's caption read from its platform and checked: when it is marked posted, a day later through the
dispatcher, and on each metrics refresh (from the same fetch); a disclosure removed after going live is told to
the channel once, however many dispatchers tick. Platform answers are the recorded ones (tests/sources/recorded),
edited where the creator edited the caption."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import httpx
import pytest
import respx

from bot.campaigns.digest_schedule import DigestSchedule
from bot.campaigns.live_check import CheckStatus
from bot.disclosure import Verdict
from bot.services import Services, live_checks
from bot.services.campaigns import (
    CampaignForm,
    DeliverableForm,
    VerifyNeedsConfirmation,
    add_deliverable,
    create_campaign,
    mark_posted,
    move,
)
from bot.services.results import campaign_report
from bot.sources.instagram import GRAPH_API, GRAPH_VERSION
from bot.sources.registry import CreatorSources, SourceConfig
from bot.sources.youtube import YOUTUBE_API
from handlers.blocks.results_view import report_view
from storage import live_checks as store
from storage.campaigns import transitions
from storage.reminders import list_reminders
from storage.uow import UnitOfWork
from tests.databases import stored
from tests.harness import TEAM, seen
from tests.reminders.dispatching import dispatcher, tick_at_once
from tests.sources.recording import answer, recorded

POSTED = datetime(2027, 5, 3, 15, 30, tzinfo=UTC)
OWNER, APPROVER, CHANNEL = "U0OWNER", "U0APPROVER", "C0SPRING"
IG_USER_ID = "17841400000000001"
IG_POST = "https://www.instagram.com/p/DxOy1bAimCa/"  # "Rye & caraway, the Sunday loaf. #ad @flourco sent me …"
IG_UNDISCLOSED = "https://www.instagram.com/p/DlWIQd9Jjba/"  # "Same dough, two flours. Which one would you bake?"
VIDEO = "https://youtu.be/zK3pQ9xY2aB"  # "Sunday bake: rye & caraway" … "#ad Thanks to FlourCo for sponsoring …"
DISCOVERY = f"{GRAPH_API}/{GRAPH_VERSION}/{IG_USER_ID}"


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


def edited_discovery(caption: str) -> httpx.Response:
    """The recorded business discovery answer, after the creator edited the caption of IG_POST."""
    exchange = copy.deepcopy(recorded("instagram_business_discovery_ok"))
    [post] = [m for m in exchange["body"]["business_discovery"]["media"]["data"] if m["permalink"] == IG_POST]
    post["caption"] = caption
    return httpx.Response(exchange["status"], headers=exchange["headers"], json=exchange["body"])


def campaign(engine) -> int:
    form = CampaignForm(
        name="Spring",
        channel_id=CHANNEL,
        owner_user_id=OWNER,
        approver_user_ids=(APPROVER,),
        start_date=date(2027, 5, 1),
        end_date=date(2027, 6, 30),
        budget=Decimal(1000),
        digest=DigestSchedule.from_text("none"),
    )
    return int(create_campaign(UnitOfWork(engine), TEAM, form, created_by=OWNER, now=POSTED).id)


def live(engine, campaign_id: int, handle: str, platform: str, kind: str, url: str) -> int:
    """A deliverable through its draft and approval, marked posted at POSTED with `url`."""
    form = DeliverableForm(
        campaign_id=campaign_id, handle=handle, platform=platform, kind=kind, due_text="2027-05-20", fee=Decimal(300)
    )
    deliverable_id = int(add_deliverable(UnitOfWork(engine), TEAM, form, now=POSTED - timedelta(days=2)).deliverable.id)
    for state, actor in (("accepted", OWNER), ("draft_due", OWNER), ("draft_submitted", OWNER), ("approved", APPROVER)):
        move(UnitOfWork(engine), TEAM, deliverable_id, state, actor=actor, now=POSTED)
    mark_posted(UnitOfWork(engine), TEAM, deliverable_id, url=url, actor=OWNER, now=POSTED)
    return deliverable_id


def check_now(services: Services, deliverable_id: int):
    return live_checks.check_now(services.uow, services.sources, TEAM, deliverable_id, clock=services.clock)


def alerts(standin) -> list:
    return [c for c in standin.calls_to("chat.postMessage") if "live caption of" in c.params.get("text", "")]


def test_marked_posted_the_caption_is_fetched_and_checked_and_a_recheck_planned(services, engine, clock, sources):
    clock.now = POSTED
    post = live(engine, campaign(engine), "lenaloafs", "instagram", "post", IG_POST)
    with respx.mock(assert_all_mocked=True) as router:
        discovery = router.get(DISCOVERY).mock(return_value=answer("instagram_business_discovery_ok"))
        recorded_check = check_now(services, post)
    assert discovery.call_count == 1
    assert "business_discovery.username(lenaloafs)" in discovery.calls.last.request.url.params["fields"]
    check = recorded_check.check
    assert (check.status, check.verdict, check.source, check.checked_at) == (
        CheckStatus.checked,
        Verdict.compliant,
        "instagram",
        POSTED,
    )
    assert check.caption is not None and check.caption.startswith("Rye & caraway, the Sunday loaf. #ad @flourco")
    assert stored(engine, store.latest_check, TEAM, post) == check
    [recheck] = [r for r in stored(engine, list_reminders, TEAM, deliverable_id=post) if r.kind == "live_recheck"]
    assert (recheck.fire_at, recheck.status) == (POSTED + timedelta(hours=24), "pending")


def test_a_caption_the_platform_cannot_show_is_kept_as_not_checkable_with_the_reason(services, engine, clock, sources):
    campaign_id = campaign(engine)
    tiktok = live(engine, campaign_id, "cy", "tiktok", "video", "https://www.tiktok.com/@cy/video/7300000000000000001")
    gone = live(engine, campaign_id, "lenaloafs", "instagram", "post", "https://www.instagram.com/p/NOTRECENT/")
    with respx.mock(assert_all_mocked=True) as router:  # TikTok: no request at all
        router.get(DISCOVERY).mock(return_value=answer("instagram_business_discovery_ok"))
        tiktok_check, gone_check = check_now(services, tiktok).check, check_now(services, gone).check
    assert (tiktok_check.status, tiktok_check.source) == (CheckStatus.not_checkable, "tiktok")
    assert tiktok_check.note == "TikTok shows a post's caption to no app outside its research programme"
    assert gone_check.note == (
        "instagram does not show this post (deleted, private, or not among the creator's latest posts)"
    )

    services.sources = CreatorSources(SourceConfig())  # no platform API configured: nothing live to read
    unconfigured = live(engine, campaign_id, "lena2", "instagram", "post", IG_POST)
    assert check_now(services, unconfigured).check.note == (
        "the Instagram Graph API (INSTAGRAM_BUSINESS_ACCOUNT_ID and INSTAGRAM_ACCESS_TOKEN) is not configured here"
    )


def test_a_caption_edited_after_going_live_is_alerted_once_with_two_dispatchers(
    services, engine, standin, clock, sources
):
    clock.now = POSTED
    post = live(engine, campaign(engine), "lenaloafs", "instagram", "post", IG_POST)
    with respx.mock(assert_all_mocked=True) as router:
        router.get(DISCOVERY).mock(return_value=answer("instagram_business_discovery_ok"))
        check_now(services, post)

    clock.now = POSTED + timedelta(hours=24, minutes=1)  # the re-check and the first metrics refresh are due
    removed = "Rye & caraway, the *Sunday* loaf. <!channel> @flourco sent me their ```dark rye``` to try, code LENA10"
    with respx.mock(assert_all_mocked=True) as router:
        router.get(DISCOVERY).mock(return_value=edited_discovery(removed))
        results = tick_at_once(services, workers=2)
    [alert] = alerts(standin)
    assert sum(r.sent for r in results) == 1
    text = alert.params["text"]
    assert alert.params["channel"] == CHANNEL
    assert "The live caption of @lenaloafs's post changed: the disclosure was removed (was compliant)" in text
    assert "&lt;!channel&gt;" in text and "<!channel>" not in text  # the creator's text is escaped
    assert "When it went live: “Rye & caraway, the Sunday loaf. #ad @flourco" in text.replace("&amp;", "&")
    assert "*What to do:* Ask @lenaloafs to put the disclosure back at the start of" in text
    shown = seen(alert.params)  # the caption now is quoted as written: no bold, no code block it could break out of
    assert "Now (needs work):\nRye & caraway, the *Sunday* loaf. <!channel> @flourco sent me their ```dark rye```" in (
        shown
    )
    checks = [
        r
        for r in stored(engine, list_reminders, TEAM, deliverable_id=post)
        if r.kind in ("live_recheck", "live_alert", "metrics_refresh") and r.status == "sent"
    ]
    assert sorted(r.kind for r in checks) == ["live_alert", "live_recheck", "metrics_refresh"]
    assert stored(engine, store.latest_check, TEAM, post).verdict is Verdict.needs_work

    clock.now = POSTED + timedelta(days=7, minutes=1)  # the next refresh reads the same edited caption: no news
    with respx.mock(assert_all_mocked=True) as router:
        router.get(DISCOVERY).mock(return_value=edited_discovery(removed))
        dispatcher(services, "w").tick()
    assert len(alerts(standin)) == 1


def test_each_metrics_refresh_checks_the_caption_from_the_same_fetch(services, engine, standin, clock, sources):
    post = live(engine, campaign(engine), "lenaloafs", "youtube", "video", VIDEO)
    clock.now = POSTED + timedelta(days=7, minutes=1)  # the 1-day refresh and re-check are superseded/taken now
    with respx.mock(assert_all_mocked=True) as router:
        videos = router.get(f"{YOUTUBE_API}/videos").mock(return_value=answer("youtube_videos_ok"))
        result = dispatcher(services, "w").tick()
    assert (result.refreshed, result.rechecked, result.superseded) == (1, 1, 1)  # the 1-day refresh superseded
    assert videos.call_count == 2  # one read for the refresh (numbers and caption), one for the re-check
    check = stored(engine, store.latest_check, TEAM, post)
    assert (check.source, check.checked_at) == ("youtube", clock.now)
    assert check.caption == (
        "Sunday bake: rye & caraway\n\nDark rye, caraway and a very patient proof.\n\n#ad Thanks to FlourCo for "
        "sponsoring this video. Code LENA10 for 10% off."
    )
    assert check.verdict is Verdict.needs_work  # #ad below YouTube's cut, and a video says it on screen too
    assert alerts(standin) == []


def test_verify_follows_the_check_and_otherwise_needs_a_person_who_looked(services, engine, clock, sources):
    campaign_id = campaign(engine)
    clear = live(engine, campaign_id, "lenaloafs", "instagram", "post", IG_POST)
    failing = live(engine, campaign_id, "lena2", "instagram", "post", IG_UNDISCLOSED)  # one post, one deliverable
    with respx.mock(assert_all_mocked=True) as router:
        router.get(DISCOVERY).mock(return_value=answer("instagram_business_discovery_ok"))
        check_now(services, clear)
        check_now(services, failing)

    verified = move(UnitOfWork(engine), TEAM, clear, "verified", actor=OWNER, now=POSTED)
    assert verified.deliverable.state.value == "verified"
    assert stored(engine, transitions, TEAM, clear)[-1].note == "live check compliant from instagram"

    with pytest.raises(VerifyNeedsConfirmation) as asked:
        move(UnitOfWork(engine), TEAM, failing, "verified", actor=OWNER, now=POSTED)
    assert asked.value.check is not None and asked.value.check.verdict is Verdict.missing
    move(UnitOfWork(engine), TEAM, failing, "verified", actor=OWNER, now=POSTED, looked=True)
    last = stored(engine, transitions, TEAM, failing)[-1]
    assert (last.to_state, last.actor_user_id) == ("verified", OWNER)
    assert last.note == f"checked by hand by {OWNER} (live check: checked missing)"


def test_the_report_lists_live_posts_whose_caption_fails(services, engine, clock, sources):
    campaign_id = campaign(engine)
    ok = live(engine, campaign_id, "lenaloafs", "instagram", "post", IG_POST)
    bad = live(engine, campaign_id, "mia", "instagram", "post", IG_UNDISCLOSED)
    with respx.mock(assert_all_mocked=True) as router:
        router.get(DISCOVERY).mock(return_value=answer("instagram_business_discovery_ok"))
        check_now(services, ok)
        check_now(services, bad)
    report = campaign_report(UnitOfWork(engine), TEAM, "spring")
    assert [(c.handle, c.check.verdict) for c in report.compliance] == [("mia", Verdict.missing)]
    [line] = report_view(report, POSTED).compliance
    assert line.startswith("@mia: post live caption fails the disclosure check (missing, US; checked ")
    assert line.endswith(f"({IG_UNDISCLOSED})")


def test_a_dropped_post_is_not_checked_again(services, engine, standin, clock, sources):
    post = live(engine, campaign(engine), "lenaloafs", "instagram", "post", IG_POST)
    move(UnitOfWork(engine), TEAM, post, "dropped", actor=OWNER, now=POSTED)
    follow_ups = [r for r in stored(engine, list_reminders, TEAM, deliverable_id=post) if r.kind == "live_recheck"]
    assert [r.status for r in follow_ups] == ["cancelled"]
    assert check_now(services, post) is None  # not live any more: nothing read, nothing kept
    assert stored(engine, store.latest_check, TEAM, post) is None
