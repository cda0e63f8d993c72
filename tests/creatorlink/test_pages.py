"""The creator's private link over real HTTP (the same WSGI stack as `creatorops serve`), on SQLite and
PostgreSQL: the page, a draft that lands in the channel like one from Slack, the live check endpoint, and the
refusals (no form key, a wrong creator's deliverable, unknown, revoked, rotated and expired links)."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta

from bot.campaigns.states import DeliverableState
from bot.services import creator_links
from bot.services.campaigns import CampaignForm, create_campaign
from storage import creator_links as link_store
from storage.campaigns import campaign_deliverables, find_campaign
from storage.drafts import draft_history
from tests.databases import stored
from tests.slack.test_campaign_flow import add_creator

HOSTILE = "Loving the serum <!channel> <script>alert(1)</script> &amp; more"


def csrf(page) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def deliverables(page) -> list[int]:
    return [int(n) for n in re.findall(r'<section class="card deliverable" id="deliverable-(\d+)"', page.text)]


def cards(site) -> list:
    posts = site.slack.standin.calls_to("chat.postMessage")
    return [c for c in posts if c.params.get("text", "").startswith("Draft v")]


def contexts(site):
    campaign = stored(site.slack.services.engine, find_campaign, site.slack.team_id, "spring")
    return stored(site.slack.services.engine, campaign_deliverables, site.slack.team_id, int(campaign.id))


def submit(site, link: str, caption: str, **extra):
    page = site.browser.get(link)
    [deliverable] = deliverables(page)
    data = {"csrf": csrf(page), "caption": caption, "links": extra.pop("links", "")}
    return site.browser.post(f"{link}/draft/{deliverable}", data=data, **extra), deliverable


def test_the_page_shows_the_creators_own_deliverable_due_in_the_campaigns_zone_with_strict_headers(site):
    page = site.browser.get(site.link())
    assert page.status_code == 200
    assert '<html lang="en">' in page.text and 'name="viewport"' in page.text
    assert "Spring Glow" in page.text and "@glowwithmia" in page.text
    assert "Sun 10 Feb 2030, 17:00" in page.text  # 17:00 in London, as the team typed it
    assert "Europe/London (the campaign&#39;s time zone)" in page.text
    assert "Paid partnership" in page.text  # the go-live instructions: the built-in label to switch on
    assert '<label for="caption-' in page.text and "<fieldset>" in page.text
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "<script>" not in page.text.replace('<script src="/c/static/creator.js" defer></script>', "")
    assert site.browser.get("/c/static/creator.js").status_code == 200


def test_a_draft_from_the_link_lands_in_the_channel_like_one_from_slack_and_shows_inert_everywhere(site):
    link = site.link()
    answer, deliverable = submit(site, link, HOSTILE, links="https://drive.example.com/v1.mp4")
    assert answer.status_code == 200
    assert "Thank you: draft v1 is with the Spring Glow team" in answer.text
    assert 'data-verdict="missing"' in answer.text and "Disclosure: missing" in answer.text
    assert "#ad" in re.search(r'id="result-fixed"[^>]*>([^<]*)<', answer.text).group(1)
    # inert on the page: escaped by the template, never markup
    assert "<script>alert(1)</script>" not in answer.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in answer.text
    assert cards(site) == []  # the page answered without waiting for Slack: the worker posts the card
    assert site.slack.deliver().sent == 1
    [card] = cards(site)
    raw = json.dumps(card.params["blocks"])
    assert "From the creator's link" in raw and "Submitted by @glowwithmia" in raw
    assert "<!channel>" not in raw and "<script>" not in raw
    assert "&lt;!channel&gt; &lt;script&gt;alert(1)&lt;/script&gt;" in raw
    assert card.params["channel"] == site.slack.channel_id
    [mine, _] = contexts(site)
    assert mine.deliverable.state is DeliverableState.draft_submitted
    [version] = stored(site.slack.services.engine, draft_history, site.slack.team_id, deliverable)
    assert (version.source.value, version.submitted_by, version.links) == (
        "link",
        "@glowwithmia",
        ["https://drive.example.com/v1.mp4"],
    )
    # the audit trail: what came in, when, from which address
    [link_row] = [
        row
        for row in stored(
            site.slack.services.engine,
            link_store.live_links,
            site.slack.team_id,
            campaign_id=int(mine.campaign.id),
            creator_id=int(mine.creator.id),
            now=datetime.now(UTC),
        )
    ]
    [(at, action, ip, on, detail)] = creator_links.link_events(
        site.slack.services.uow(), site.slack.team_id, link_row.id
    )
    assert (action, ip, on, detail) == ("draft", "127.0.0.1", deliverable, "v1")
    assert abs((at - datetime.now(UTC)).total_seconds()) < 60
    # and the page now shows it, waiting for the team's review
    again = site.browser.get(link)
    assert "v1</strong>, sent" in again.text and "Waiting for the team's review." in again.text


def test_a_form_without_its_key_is_refused_and_nothing_is_stored(site):
    link = site.link()
    page = site.browser.get(link)
    [deliverable] = deliverables(page)
    sent = csrf(page)
    tampered = sent[:-1] + ("1" if sent.endswith("0") else "0")  # one hex digit changed, never the same key
    for key in ("", "1.abc." + "0" * 64, tampered):
        answer = site.browser.post(f"{link}/draft/{deliverable}", data={"csrf": key, "caption": "#ad hi"})
        assert answer.status_code == 403
        assert "reload it and send again" in answer.text
        assert "#ad hi" in answer.text  # what was typed is kept
        assert f'aria-describedby="error-{deliverable} check-{deliverable}" aria-invalid="true"' in answer.text
    # a key from another creator's page does not work on this one
    other = site.browser.get(site.link("otherone"))
    answer = site.browser.post(f"{link}/draft/{deliverable}", data={"csrf": csrf(other), "caption": "#ad hi"})
    assert answer.status_code == 403
    assert stored(site.slack.services.engine, draft_history, site.slack.team_id, deliverable) == []
    site.slack.deliver()
    assert cards(site) == []


def test_the_check_endpoint_answers_as_the_creator_types(site):
    link = site.link()
    page = site.browser.get(link)
    [deliverable] = deliverables(page)
    headers = {"X-CSRF-Token": csrf(page)}
    answer = site.browser.post(
        f"{link}/check", json={"deliverable": deliverable, "caption": "Love it"}, headers=headers
    )
    assert answer.status_code == 200
    body = answer.json()
    assert body["verdict"] == "missing" and body["fixed_caption"].startswith("#ad")
    assert body["label_to_enable"] == "Paid partnership"
    assert body["switch_on"] == "When you post, switch on the Paid partnership label."
    fine = site.browser.post(
        f"{link}/check", json={"deliverable": deliverable, "caption": "#ad Love it"}, headers=headers
    ).json()
    assert fine["verdict"] in ("compliant", "needs_work") and not fine["fixed_caption"].startswith("#ad #ad")
    assert site.browser.post(f"{link}/check", json={"deliverable": deliverable, "caption": "x"}).status_code == 403
    assert stored(site.slack.services.engine, draft_history, site.slack.team_id, deliverable) == []  # nothing kept


def test_a_creators_link_sees_and_reaches_only_their_own_deliverables(site):
    mine, theirs = site.link("glowwithmia"), site.link("otherone")
    my_page, their_page = site.browser.get(mine), site.browser.get(theirs)
    [my_deliverable], [their_deliverable] = deliverables(my_page), deliverables(their_page)
    assert "@otherone" not in my_page.text and "@glowwithmia" not in their_page.text
    assert "Wed 20 Feb 2030" not in my_page.text
    # their deliverable through my link: as if it did not exist, for the page, the check and the submission
    answer = site.browser.post(f"{mine}/draft/{their_deliverable}", data={"csrf": csrf(my_page), "caption": "#ad x"})
    assert answer.status_code == 404 and "This link does not work" in answer.text
    check = site.browser.post(
        f"{mine}/check",
        json={"deliverable": their_deliverable, "caption": "x"},
        headers={"X-CSRF-Token": csrf(my_page)},
    )
    assert check.status_code == 404 and "caption" not in check.text
    assert stored(site.slack.services.engine, draft_history, site.slack.team_id, their_deliverable) == []
    assert my_deliverable != their_deliverable


def test_unknown_revoked_rotated_and_expired_links_show_the_same_page_and_nothing_else(site):
    gone = site.browser.get("/c/" + "A" * 43)
    assert gone.status_code == 404 and "This link does not work" in gone.text
    assert site.browser.get("/c/not-a-token").text == gone.text
    first = site.link()
    second = site.link(rotate=True)  # rotating ends the first
    assert site.browser.get(first).status_code == 404
    assert site.browser.get(first).text == gone.text
    assert site.browser.get(second).status_code == 200
    ended = creator_links.revoke_link(
        site.slack.services.uow(), site.slack.team_id, "spring", "@glowwithmia", now=datetime.now(UTC)
    )
    assert ended == 1
    assert site.browser.get(second).status_code == 404
    expired = site.link(days=1, now=datetime.now(UTC) - timedelta(days=2))
    answer = site.browser.get(expired)
    assert answer.status_code == 410 and answer.text == gone.text
    assert "Spring Glow" not in answer.text and "glowwithmia" not in answer.text


def test_a_hostile_campaign_name_and_an_overlong_caption_are_shown_inert_and_refused_in_words(site):
    slack = site.slack
    form = CampaignForm(
        name="<script>alert(1)</script> & <!channel>",
        channel_id=slack.channel_id,
        owner_user_id=slack.user_id,
        start_date=date(2030, 1, 1),
        end_date=date(2030, 3, 31),
    )
    create_campaign(slack.services.uow(), slack.team_id, form, created_by=slack.user_id)
    assert add_creator(slack, "hostile.fan", campaign="script") is None
    issued = creator_links.issue_link(
        site.slack.services.uow(),
        site.slack.team_id,
        "<script>",
        "@hostile.fan",
        keys=site.keys,
        actor="U0ALICE",
        now=datetime.now(UTC),
    )
    page = site.browser.get(f"/c/{issued.token}")
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;!channel&gt;" in page.text
    answer, deliverable = submit(site, f"/c/{issued.token}", "#ad " + "word " * 3000)
    assert answer.status_code == 422 and 'role="alert"' in answer.text
    assert stored(site.slack.services.engine, draft_history, site.slack.team_id, deliverable) == []


def test_a_failure_on_our_side_shows_a_friendly_page_and_keeps_the_token_out_of_the_log(site, monkeypatch, caplog):
    link = site.link()

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(creator_links, "open_page", broken)
    answer = site.browser.get(link)
    assert answer.status_code == 500 and "Something went wrong on our side" in answer.text
    assert "the database went away" not in answer.text
    assert "a creator's page failed (GET page)" in caplog.text and "the database went away" in caplog.text
    assert link.removeprefix("/c/") not in caplog.text
