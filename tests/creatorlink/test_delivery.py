"""A draft from the creator's link reaches the channel through the dispatcher, not inside the creator's request:
the page answers at once whatever Slack does, and the card (and the uploaded file) arrive once, later, when Slack
refused or lost the first attempt. The live link the creator gives is said in the channel the same way."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.localslack.standin import Fault
from storage.drafts import draft_history
from tests.creatorlink.conftest import APPROVER
from tests.creatorlink.test_limits import PNG, post_file
from tests.creatorlink.test_pages import csrf, deliverables, submit
from tests.databases import stored


def draft_cards_in_channel(site) -> list[dict]:
    """The review cards the team sees in the campaign's channel now (a reply sent to the channel included)."""
    messages = site.slack.standin.messages.get(site.slack.channel_id, [])
    return [m for m in messages if m.get("text", "").startswith("Draft v")]


def later(site, monkeypatch, minutes: int) -> None:
    """The worker's clock `minutes` on: the first attempt's lease (or Slack's Retry-After) has run out."""
    monkeypatch.setattr(site.slack.services, "clock", lambda: datetime.now(UTC) + timedelta(minutes=minutes))


@pytest.mark.parametrize(
    "fault",
    [
        Fault(status=500, error="internal_error"),  # Slack failed and posted nothing
        Fault(status=500, error="internal_error", applied=True),  # Slack posted it, but the answer was lost
        Fault(status=429, error="ratelimited", retry_after=30),
        Fault(status=200, error="fatal_error"),
    ],
    ids=["5xx", "5xx-after-posting", "429", "error-answer"],
)
def test_a_card_slack_fails_first_arrives_exactly_once_later_and_the_creator_never_waits(site, monkeypatch, fault):
    site.slack.standin.inject("chat.postMessage", fault)
    before = len(site.slack.standin.calls)
    answer, deliverable = submit(site, site.link(), "#ad Loving the serum from @glowco")
    assert answer.status_code == 200 and "Thank you: draft v1 is with the Spring Glow team" in answer.text
    assert site.slack.standin.calls[before:] == []  # the creator's request never asked Slack

    first = site.slack.deliver()
    assert first.sent == 0 and (first.ambiguous + first.deferred) == 1
    assert site.slack.deliver().claimed == 0  # not retried blindly while the attempt's lease or Retry-After runs
    later(site, monkeypatch, 2)
    site.slack.deliver()
    later(site, monkeypatch, 4)
    assert site.slack.deliver().claimed == 0  # done: nothing left to post

    [card] = draft_cards_in_channel(site)
    assert "@glowwithmia" in card["text"]
    [version] = stored(site.slack.services.engine, draft_history, site.slack.team_id, deliverable)
    assert (version.card_channel, version.card_ts) == (site.slack.channel_id, card["ts"])  # its buttons work


@pytest.mark.parametrize(
    ("fault", "shared_times"),
    [
        (Fault(status=429, error="ratelimited", retry_after=30), 1),  # refused: tried again, shared once
        (Fault(status=500, error="internal_error", applied=True), 1),  # may have gone through: never twice
    ],
    ids=["429", "5xx-after-sharing"],
)
def test_an_uploaded_photo_is_shared_once_under_its_card_even_when_slack_fails_first(
    site, monkeypatch, fault, shared_times
):
    site.slack.standin.inject("files.completeUploadExternal", fault)
    answer, _ = post_file(site, site.link(), "glow.png", PNG)
    assert answer.status_code == 200
    site.slack.deliver()
    [card] = draft_cards_in_channel(site)  # the card does not wait for the file
    later(site, monkeypatch, 2)
    site.slack.deliver()
    later(site, monkeypatch, 4)
    site.slack.deliver()
    assert [(f.name, f.data) for f in site.slack.standin.files] == [("glow.png", PNG)] * shared_times
    shown = [m for m in site.slack.standin.messages[site.slack.channel_id] if m.get("files")]
    assert [m["thread_ts"] for m in shown] == [card["ts"]]
    assert "The media of v1 from @glowwithmia" in shown[0]["text"]


def test_two_versions_sent_before_the_worker_runs_each_get_their_card_in_order(site):
    link = site.link()
    submit(site, link, "Loving the serum")
    submit(site, link, "#ad Loving the serum")
    assert site.slack.deliver().sent == 2  # neither is taken as a backlog of the other
    v1, v2 = draft_cards_in_channel(site)
    assert v1["text"].startswith("Draft v1") and v2["text"].startswith("Draft v2")
    assert v2["thread_ts"] == v1["ts"]  # the deliverable's thread


def test_the_live_link_is_said_in_the_channel_once_even_when_slack_lost_the_first_answer(site, monkeypatch):
    link = site.link()
    submit(site, link, "#ad Loving the serum")
    site.slack.deliver()
    [card] = draft_cards_in_channel(site)
    site.slack.click(card, "review_approve", user_id=APPROVER)
    site.slack.wait_for("chat.postMessage", lambda c: "approved v1" in c.params.get("text", ""))
    site.slack.standin.inject("chat.postMessage", Fault(status=500, error="internal_error", applied=True))
    page = site.browser.get(link)
    [deliverable] = deliverables(page)
    sent = site.browser.post(
        f"{link}/live/{deliverable}", data={"csrf": csrf(page), "url": "https://www.instagram.com/reel/C0ABCdef123/"}
    )
    assert sent.status_code == 200 and "your post is recorded as live" in sent.text
    assert site.slack.deliver().ambiguous == 1
    later(site, monkeypatch, 2)
    site.slack.deliver()
    said = [m for m in site.slack.standin.messages[site.slack.channel_id] if "marked it live" in m.get("text", "")]
    assert len(said) == 1 and said[0]["text"].startswith(":tada: @glowwithmia marked it live from the creator's link")


def test_a_later_version_whose_post_slack_lost_is_found_in_the_channel_and_not_posted_again(site, monkeypatch):
    link = site.link()
    submit(site, link, "Loving the serum")
    site.slack.deliver()
    site.slack.standin.inject("chat.postMessage", Fault(status=500, error="internal_error", applied=True))
    submit(site, link, "#ad Loving the serum")
    assert site.slack.deliver().ambiguous == 1
    later(site, monkeypatch, 2)
    assert site.slack.deliver().reconciled == 1  # a reply sent to the channel is in its history: found there
    v1, v2 = draft_cards_in_channel(site)
    assert v2["text"].startswith("Draft v2") and v2["thread_ts"] == v1["ts"]
    [updated] = site.slack.standin.calls_to("chat.update")  # and v1's card lost its buttons, as after a post
    assert updated.params["ts"] == v1["ts"]
