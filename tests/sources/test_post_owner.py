"""*Mark posted* asks the platform whose post it is, where its API can tell: a YouTube video on another channel is
refused; one on the creator's channel goes live; a platform that cannot answer now does not block it."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
import respx

from bot.campaigns.post_links import InvalidPostLink
from bot.services.campaigns import DeliverableForm, add_deliverable, mark_posted, move
from bot.sources.registry import CreatorSources, SourceConfig
from bot.sources.youtube import YOUTUBE_API
from storage.uow import UnitOfWork
from tests.harness import TEAM
from tests.reminders.test_metrics_refresh import APPROVER, OWNER, POSTED, campaign

VIDEO = "https://www.youtube.com/watch?v=zK3pQ9xY2aB"
LENA = "UCLenaLoafs000000000000"


@pytest.fixture
def youtube():
    sources = CreatorSources(SourceConfig(youtube_api_key="AIzaSyD-test-key-0000000000000000000"))
    yield sources
    sources.close()


def approved_video(engine) -> int:
    form = DeliverableForm(
        campaign_id=campaign(engine), handle="lenaloafs", platform="youtube", kind="video", due_text="2027-05-20"
    )
    added = add_deliverable(UnitOfWork(engine), TEAM, form, now=POSTED - timedelta(days=2))
    deliverable_id = int(added.deliverable.id)
    for state in ("accepted", "draft_due", "draft_submitted", "approved"):
        move(
            UnitOfWork(engine),
            TEAM,
            deliverable_id,
            state,
            actor=APPROVER if state == "approved" else OWNER,
            now=POSTED,
        )
    return deliverable_id


def answers(router, video_channel: str, creator_channel: str) -> None:
    router.get(f"{YOUTUBE_API}/videos").respond(
        200, json={"items": [{"id": "zK3pQ9xY2aB", "snippet": {"channelId": video_channel, "title": "Loaf"}}]}
    )
    router.get(f"{YOUTUBE_API}/channels", params={"forHandle": "@lenaloafs"}).respond(
        200, json={"items": [{"id": creator_channel}]}
    )


def test_a_video_on_another_channel_is_refused(engine, youtube):
    deliverable_id = approved_video(engine)
    with respx.mock(assert_all_called=True) as router:
        answers(router, "UCsomeoneElse0000000000", LENA)
        with pytest.raises(InvalidPostLink) as refused:
            mark_posted(
                UnitOfWork(engine), TEAM, deliverable_id, url=VIDEO, actor=OWNER, now=POSTED,
                owner_check=youtube.is_creators_post,
            )  # fmt: skip
    assert str(refused.value) == (
        "YouTube says that post is on another account, not @lenaloafs's: paste the link of @lenaloafs's own post."
    )


def test_a_video_on_the_creators_channel_goes_live(engine, youtube):
    deliverable_id = approved_video(engine)
    with respx.mock(assert_all_called=True) as router:
        answers(router, LENA, LENA)
        live = mark_posted(
            UnitOfWork(engine), TEAM, deliverable_id, url="https://youtu.be/zK3pQ9xY2aB", actor=OWNER, now=POSTED,
            owner_check=youtube.is_creators_post,
        )  # fmt: skip
    assert (live.deliverable.state.value, live.deliverable.post_url) == ("live", VIDEO)


def test_when_youtube_cannot_answer_the_link_alone_decides(engine, youtube):
    deliverable_id = approved_video(engine)
    with respx.mock() as router:
        router.get(f"{YOUTUBE_API}/videos").mock(side_effect=httpx.ConnectError("down"))
        live = mark_posted(
            UnitOfWork(engine), TEAM, deliverable_id, url=VIDEO, actor=OWNER, now=POSTED,
            owner_check=youtube.is_creators_post,
        )  # fmt: skip
    assert live.deliverable.state.value == "live"
