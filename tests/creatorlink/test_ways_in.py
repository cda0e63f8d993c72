"""Ways to a creator's link: the board's *Copy creator link* (ephemeral, campaign members only), `creatorops
link` (new, --rotate, --revoke, --days), the console's `link`; and the live link once the team approved."""

from __future__ import annotations

import argparse
import re

import httpx
import pytest

from bot.campaigns.states import DeliverableState
from bot.cli.links import register_cli
from bot.config import Settings
from bot.localslack.console import LocalSlack
from tests.creatorlink.conftest import APPROVER
from tests.creatorlink.test_pages import contexts, csrf, submit
from tests.slack.test_console_campaign import START

STRANGER = "U0STRANGER"


def board(slack) -> dict:
    before = len(slack.standin.calls_to("response_url"))
    slack.command("/campaign", "show spring")
    shown = slack.wait_for("response_url", count=before + 1)[-1]
    return {"blocks": shown.params["blocks"], "is_ephemeral": True}


def click_link(slack, *, user_id: str | None = None) -> str:
    before = len(slack.standin.calls_to("response_url"))
    slack.click(board(slack), "deliverable_creator_link", user_id=user_id)
    answer = slack.wait_for("response_url", count=before + 2)[-1]
    assert answer.params["response_type"] == "ephemeral" and answer.params["replace_original"] is False
    return answer.params["text"]


def test_copy_creator_link_on_the_board_answers_only_the_asker_with_a_working_link(site):
    said = click_link(site.slack)
    assert said.startswith(":link: @glowwithmia's private link for Spring Glow, until ")
    # each reader sees the expiry in their own zone (Slack's date formatting), UTC where a client cannot format it
    assert re.search(r", until <!date\^\d{10}\^\{date_short\} \{time\}\|\d{4}-\d\d-\d\d \d\d:\d\d UTC>:\n", said)
    path = re.search(r"http://localhost:3000(/c/[A-Za-z0-9_-]{43})\n", said).group(1)
    assert site.browser.get(path).status_code == 200
    posted = [c.params.get("text", "") for c in site.slack.standin.calls_to("chat.postMessage")]
    assert not any("/c/" in text for text in posted)  # never said in the channel


def test_copy_creator_link_is_refused_outside_the_campaigns_channel_to_a_non_member(site):
    message = board(site.slack)
    site.slack.channel_id = "C0ELSEWHERE"
    before = len(site.slack.standin.calls_to("response_url"))
    site.slack.click(message, "deliverable_creator_link", user_id=STRANGER)
    answer = site.slack.wait_for("response_url", count=before + 1)[-1]
    assert answer.params["text"].startswith(":no_entry: To get a creator's link, work from the campaign's channel")
    assert "/c/" not in answer.params["text"]


def test_the_live_link_goes_in_once_the_draft_is_approved(site):
    link = site.link()
    page = site.browser.get(link)
    assert 'id="live-form-' not in page.text  # not before the team approved
    answer, deliverable = submit(site, link, "#ad Loving the serum from @glowco")
    assert answer.status_code == 200
    site.slack.deliver()
    [card] = [c for c in site.slack.standin.calls_to("chat.postMessage") if c.params["text"].startswith("Draft v1")]
    message = next(m for m in site.slack.standin.messages[site.slack.channel_id] if m["ts"] == card.answer["ts"])
    site.slack.click(message, "review_approve", user_id=APPROVER)
    site.slack.wait_for("chat.postMessage", lambda c: "approved v1" in c.params.get("text", ""))
    page = site.browser.get(link)
    assert f'id="live-form-{deliverable}"' in page.text and "Approved" in page.text
    wrong = site.browser.post(
        f"{link}/live/{deliverable}", data={"csrf": csrf(page), "url": "https://www.tiktok.com/@glowwithmia/video/1"}
    )
    assert wrong.status_code == 422 and 'role="alert"' in wrong.text
    assert "https://www.tiktok.com/@glowwithmia/video/1" in wrong.text  # kept to correct
    right = site.browser.post(
        f"{link}/live/{deliverable}", data={"csrf": csrf(page), "url": "https://www.instagram.com/reel/C0ABCdef123/"}
    )
    assert right.status_code == 200 and "your post is recorded as live" in right.text
    [mine, _] = contexts(site)
    assert mine.deliverable.state is DeliverableState.live
    said = [c for c in site.slack.standin.calls_to("chat.postMessage") if "marked it live" in c.params["text"]]
    assert said == []  # the page answered without waiting for Slack
    assert site.slack.deliver().sent == 1
    [said] = [c for c in site.slack.standin.calls_to("chat.postMessage") if "marked it live" in c.params["text"]]
    assert said.params["text"].startswith(":tada: @glowwithmia marked it live from the creator's link")
    assert site.slack.deliver().claimed == 0  # said once
    assert 'id="live-form-' not in site.browser.get(link).text


def run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="creatorops")
    register_cli(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.func(args)


def test_creatorops_link_prints_a_new_link_rotates_and_revokes(site, monkeypatch, capsys):
    settings = site.slack.services.settings
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CREATOROPS_LINK_KEY", site.keys.newest.decode())
    monkeypatch.setenv("CREATOROPS_PUBLIC_URL", site.url + "/")
    team = ["--team", site.slack.team_id]
    assert run_cli(["link", "spring", "@glowwithmia", *team]) == 0
    out = capsys.readouterr()
    first = out.out.strip()
    assert first.startswith(site.url + "/c/") and "Send it to them only" in out.err
    assert httpx.get(first).status_code == 200
    assert run_cli(["link", "spring", "@glowwithmia", "--rotate", "--days", "2", *team]) == 0
    second = capsys.readouterr().out.strip()
    assert httpx.get(first).status_code == 404 and httpx.get(second).status_code == 200
    assert run_cli(["link", "spring", "@glowwithmia", "--history", *team]) == 0
    assert capsys.readouterr().out.startswith("Nothing came in through @glowwithmia's links on spring yet.")
    answer, deliverable = submit(site, second.removeprefix(site.url), "#ad the serum")
    assert answer.status_code == 200
    assert run_cli(["link", "spring", "@glowwithmia", "--history", *team]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert re.fullmatch(
        rf"\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d UTC  127\.0\.0\.1 +deliverable #{deliverable}  draft v1", line
    )
    assert run_cli(["link", "spring", "@glowwithmia", "--revoke", *team]) == 0
    assert "Ended 1 link(s)" in capsys.readouterr().out
    assert httpx.get(second).status_code == 404
    assert run_cli(["link", "spring", "@nobody", *team]) == 2
    assert "@nobody is not on Spring Glow" in capsys.readouterr().err
    assert run_cli(["link", "spring", "@glowwithmia", "--days", "400", *team]) == 2
    assert "1 to 365 days" in capsys.readouterr().err
    monkeypatch.delenv("CREATOROPS_LINK_KEY")
    monkeypatch.setenv("CREATOROPS_LINK_KEY", "")
    assert run_cli(["link", "spring", "@glowwithmia", *team]) == 2
    assert "CREATOROPS_LINK_KEY is not set" in capsys.readouterr().err


@pytest.fixture
def sample_console(tmp_path):
    local = LocalSlack(
        settings=Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'console.db'}"),
        clock=lambda: START,
        sample_campaign=True,
    )
    local.start()
    yield local
    local.stop()


def test_the_console_prints_a_local_link_that_works_while_it_runs(sample_console):
    said = sample_console.run("link Glow Sample @marco_micro_sample")
    assert "It works while this console runs" in said
    url = re.search(r"(http://127\.0\.0\.1:\d+/c/[A-Za-z0-9_-]{43})", said).group(1)
    page = httpx.get(url)
    assert page.status_code == 200 and "Glow Sample" in page.text
    [deliverable] = [int(n) for n in re.findall(r'id="draft-form-(\d+)"', page.text)]  # the other one is live
    sent = httpx.post(
        f"{url}/draft/{deliverable}", data={"csrf": csrf(page), "caption": "Loving this serum", "links": ""}
    )
    assert sent.status_code == 200 and "Disclosure: missing" in sent.text
    shown = sample_console.run("")  # Enter: what came meanwhile, posted by the worker as the console ticks
    assert "DRAFT V1: @MARCO_MICRO_SAMPLE" in shown and "From the creator's link" in " ".join(shown.split())
    [card] = [
        c for c in sample_console.standin.calls_to("chat.postMessage") if "From the creator's link" in str(c.params)
    ]
    assert card.params["text"].startswith("Draft v1")
    assert sample_console.run("link") == "Type link NAME @handle, e.g. link Spring Glow @mia"
    assert sample_console.run("link Glow Sample").startswith("No link: @sample is not on Glow Sample. Creators: @nina")
