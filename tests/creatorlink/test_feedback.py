"""What the creator reads back: the team's decisions with their reasons on earlier versions, times in their own
zone (and which zone it is), the form keys that expire, and the address kept for each submission."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from bot.campaigns.read_models import DeliverableContext
from bot.review.creator_link import LinkKeys, StoredLink, form_key, form_key_ok, looks_like_token, new_token, token_hash
from bot.review.models import DraftSource
from bot.services import creator_links
from bot.services.creator_links import CreatorPage, PageItem
from bot.web import WebConfig, create_web
from bot.web.view import page_view
from tests.campaigns.factories import make_campaign, make_creator, make_deliverable
from tests.creatorlink.conftest import APPROVER
from tests.creatorlink.test_pages import csrf, deliverables, submit

NOW = datetime(2030, 1, 20, 12, tzinfo=UTC)


def test_the_teams_decision_and_reasons_show_on_the_creators_page_and_v2_goes_in_the_same_thread(site):
    link = site.link()
    submit(site, link, "Loving the serum, link in bio")
    site.slack.deliver()  # the worker posts the card
    [card] = [c for c in site.slack.standin.calls_to("chat.postMessage") if c.params["text"].startswith("Draft v1")]
    message = next(m for m in site.slack.standin.messages[site.slack.channel_id] if m["ts"] == card.answer["ts"])
    site.slack.click(message, "review_changes", user_id=APPROVER)
    [opened] = site.slack.wait_for("views.open", lambda c: c.answer["view"]["callback_id"] == "review_changes")
    modal = opened.answer["view"]
    hostile = "Put #ad first <b>please</b> <!channel>"
    site.slack.submit(modal, {"reasons": ["disclosure", "tone"], "note": hostile}, user_id=APPROVER)
    site.slack.wait_for("chat.postMessage", lambda c: "back for changes" in c.params.get("text", ""))
    page = site.browser.get(link)
    assert (
        "Sent back for changes (disclosure, tone): Put #ad first &lt;b&gt;please&lt;/b&gt; &lt;!channel&gt;"
        in page.text
    )
    assert "Changes requested" in page.text and "Send a draft (version 2)" in page.text
    assert APPROVER not in page.text  # the team's Slack ids stay in Slack
    answer, _ = submit(site, link, "#ad Loving the serum, link in bio")
    assert "draft v2 is with the Spring Glow team" in answer.text
    site.slack.deliver()
    [v2] = [c for c in site.slack.standin.calls_to("chat.postMessage") if c.params["text"].startswith("Draft v2")]
    assert v2.params["thread_ts"] == card.answer["ts"]  # the deliverable's thread, as from Slack
    assert v2.params["reply_broadcast"] is True  # and in the channel, where the team sees a creator's new version
    old = next(c for c in site.slack.standin.calls_to("chat.update") if c.params["ts"] == card.answer["ts"])
    assert "review_changes" not in json.dumps(old.params["blocks"])  # v1's card lost its buttons


def test_times_read_in_the_creators_own_zone_when_they_have_one_and_the_page_says_whose():
    campaign = make_campaign(id="5", timezone="Europe/London")
    due = datetime(2030, 2, 10, 17, tzinfo=UTC)
    link = StoredLink(1, "T1", 5, 7, NOW, NOW + timedelta(days=30), None, "U1")

    def view(tz: str | None):
        creator = make_creator(id="7", campaign_id="5", timezone=tz)
        deliverable = make_deliverable(id="9", campaign_id="5", creator_id="7", due_at=due)
        item = PageItem(DeliverableContext(campaign=campaign, creator=creator, deliverable=deliverable))
        return page_view(CreatorPage(link, campaign, creator, [item]))

    theirs, campaigns = view("America/New_York"), view(None)
    assert (theirs.tz, theirs.tz_whose, theirs.deliverables[0].due) == (
        "America/New_York",
        "your time zone",
        "Sun 10 Feb 2030, 12:00",
    )
    assert (campaigns.tz, campaigns.tz_whose, campaigns.deliverables[0].due) == (
        "Europe/London",
        "the campaign's time zone",
        "Sun 10 Feb 2030, 17:00",
    )


def test_tokens_are_long_random_and_stored_only_as_a_keyed_hash():
    key = b"k" * 32
    token = new_token()
    assert looks_like_token(token) and token != new_token()
    assert token_hash(key, token) != token_hash(b"j" * 32, token) and token not in token_hash(key, token)
    assert not looks_like_token(token[:-1]) and not looks_like_token(token + "/")


def test_a_form_key_works_for_its_link_for_12_hours_only():
    keys, token, other = LinkKeys((b"k" * 32,)), new_token(), new_token()
    issued = form_key(keys, token, NOW)
    assert form_key_ok(keys, token, issued, NOW + timedelta(hours=11, minutes=59))
    assert not form_key_ok(keys, token, issued, NOW + timedelta(hours=12, minutes=1))
    assert not form_key_ok(keys, other, issued, NOW)
    assert not form_key_ok(LinkKeys((b"j" * 32,)), token, issued, NOW)
    assert not form_key_ok(keys, token, "x" * 5000, NOW)


def test_a_form_signed_before_the_key_changed_is_taken_while_the_old_key_is_kept():
    old, new, token = b"OLDKEY" * 6, b"NEWKEY" * 6, new_token()
    issued = form_key(LinkKeys((old,)), token, NOW)
    assert form_key_ok(LinkKeys((new, old)), token, issued, NOW + timedelta(hours=1))
    assert not form_key_ok(LinkKeys((new,)), token, issued, NOW + timedelta(hours=1))
    assert "KEY" not in repr(LinkKeys((new, old))) and "KEY" not in str(LinkKeys((new, old)))


@pytest.mark.parametrize(("trusted", "kept"), [(False, "10.0.0.9"), (True, "203.0.113.7")])
def test_the_address_kept_with_a_submission_is_the_proxys_client_only_when_the_proxy_is_trusted(
    site, tmp_path, trusted, kept
):
    config = WebConfig(keys=site.keys, upload_dir=tmp_path / "up", trusted_proxy=trusted)
    client = create_web(site.slack.services, config).test_client()
    link = site.link().removeprefix("/c")
    env = {"REMOTE_ADDR": "10.0.0.9"}
    headers = {"X-Forwarded-For": "203.0.113.7"}
    page = Page(client.get(link, environ_base=env, headers=headers).get_data(as_text=True))
    [deliverable] = deliverables(page)
    sent = client.post(
        f"{link}/draft/{deliverable}",
        data={"csrf": csrf(page), "caption": "#ad hi"},
        environ_base=env,
        headers=headers,
    )
    assert sent.status_code == 200
    page_of = creator_links.open_page(
        site.slack.services.uow(), site.keys, link.removeprefix("/"), now=datetime.now(UTC)
    )
    [(_, action, ip, _, _)] = creator_links.link_events(site.slack.services.uow(), site.slack.team_id, page_of.link.id)
    assert (action, ip) == ("draft", kept)
    assert page_of.items[0].history[0].source is DraftSource.link


class Page:
    """A page as Flask's test client gives it, read like an httpx answer."""

    def __init__(self, text: str) -> None:
        self.text = text


def test_a_new_link_key_put_first_keeps_every_link_working_and_the_old_key_can_go_once_they_were_opened(site, tmp_path):
    """CREATOROPS_LINK_KEY="new,old": links made under the old key still open and take their forms; opened once, a
    link is kept under the new key, so it works after the old key is dropped. One never opened meanwhile ends."""
    old = site.keys
    new = LinkKeys((b"N" * 40, *old.keys))
    only_new = LinkKeys(new.keys[:1])
    opened, never = site.link().removeprefix("/c"), site.link("otherone").removeprefix("/c")
    before = Page(
        create_web(site.slack.services, WebConfig(keys=old, upload_dir=tmp_path / "up"))
        .test_client()
        .get(opened)
        .get_data(as_text=True)
    )  # a page open in the creator's browser as the key changes
    both = create_web(site.slack.services, WebConfig(keys=new, upload_dir=tmp_path / "up")).test_client()
    page = both.get(opened)
    assert page.status_code == 200 and "Glow" in page.get_data(as_text=True)
    [deliverable] = deliverables(before)
    sent = both.post(f"{opened}/draft/{deliverable}", data={"csrf": csrf(before), "caption": "#ad new serum"})
    assert sent.status_code == 200, sent.get_data(as_text=True)[:300]
    newest = create_web(site.slack.services, WebConfig(keys=only_new, upload_dir=tmp_path / "up")).test_client()
    assert newest.get(opened).status_code == 200
    gone = newest.get(never)
    assert gone.status_code == 404 and "does not work" in gone.get_data(as_text=True)
