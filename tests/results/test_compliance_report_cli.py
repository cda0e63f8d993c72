"""`creatorops report NAME` lists the compliance exceptions: live posts whose latest caption check fails; with
`--json`, a `compliance` list beside the results' keys, which stay as they were."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime

import httpx
import pytest
import respx

from bot.cli import main
from bot.cli.local import LOCAL_TEAM, LOCAL_USER
from bot.config import load_settings
from bot.services import Services, campaigns, live_checks
from bot.sources.instagram import GRAPH_API, GRAPH_VERSION
from bot.sources.registry import CreatorSources, SourceConfig
from tests.sources.recording import recorded

IG_USER_ID = "17841400000000001"
IG_POST = "https://www.instagram.com/p/DxOy1bAimCa/"
NOW = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def caption_left(caption: str) -> httpx.Response:
    exchange = copy.deepcopy(recorded("instagram_business_discovery_ok"))
    [post] = [m for m in exchange["body"]["business_discovery"]["media"]["data"] if m["permalink"] == IG_POST]
    post["caption"] = caption
    return httpx.Response(exchange["status"], headers=exchange["headers"], json=exchange["body"])


@pytest.fixture
def services(offline_cli):
    from bot.app import open_database

    engine = open_database(load_settings())
    services = Services(settings=load_settings(), engine=engine, clock=lambda: NOW)
    services.sources = CreatorSources(
        SourceConfig(instagram_account_id=IG_USER_ID, instagram_access_token="EAAGtestTOKEN000000000000ZZ")
    )
    yield services
    services.sources.close()
    engine.dispose()


def test_the_report_lists_a_live_post_whose_caption_fails(capsys, services):
    cli(capsys, "campaign", "new", "Glow", "--budget", "2000", "--tz", "UTC", "--start", "2026-12-01",
        "--end", "2026-12-31")  # fmt: skip
    cli(capsys, "campaign", "add", "glow", "@lenaloafs", "--platform", "instagram", "--kind", "post", "--fee", "300",
        "--due", "2026-12-10")  # fmt: skip
    before = json.loads(cli(capsys, "report", "glow", "--json"))
    assert before["compliance"] == []
    assert "Compliance exceptions: none yet (no post is live)." in cli(capsys, "report", "glow")

    campaign = campaigns.find_campaign(services.uow(), LOCAL_TEAM, "glow")
    [context] = campaigns.board_of(services.uow(), LOCAL_TEAM, campaign.id, NOW).upcoming
    deliverable = int(context.deliverable.id)
    for target in ("accepted", "draft_due", "draft_submitted", "approved"):
        campaigns.move(services.uow(), LOCAL_TEAM, deliverable, target, actor=LOCAL_USER, now=NOW)
    campaigns.mark_posted(services.uow(), LOCAL_TEAM, deliverable, url=IG_POST, actor=LOCAL_USER, now=NOW)
    assert (  # live, but its caption not read yet: "none" would claim what nobody checked
        "Compliance exceptions: not known yet: the caption of none of the 1 live post has been checked"
        in cli(capsys, "report", "glow")
    )
    with respx.mock(assert_all_mocked=True) as router:
        router.get(f"{GRAPH_API}/{GRAPH_VERSION}/{IG_USER_ID}").mock(
            return_value=caption_left("Rye & caraway, the Sunday loaf, code LENA10")
        )
        live_checks.check_now(services.uow, services.sources, LOCAL_TEAM, deliverable, clock=services.clock)

    report = json.loads(cli(capsys, "report", "glow", "--json"))
    assert set(before) == set(report)  # the keys stay; compliance is filled
    [exception] = report["compliance"]
    assert {k: exception[k] for k in ("handle", "platform", "kind", "post_url", "verdict", "source")} == {
        "handle": "lenaloafs",
        "platform": "instagram",
        "kind": "post",
        "post_url": IG_POST,
        "verdict": "missing",
        "source": "instagram",
    }
    assert exception["checked_at"] == "2026-12-03T15:00:00+00:00" and exception["findings"]
    text = cli(capsys, "report", "glow")
    assert "Compliance exceptions (1): live captions that fail the disclosure check" in text
    assert f"@lenaloafs (instagram post): missing, checked 2026-12-03 15:00 UTC from instagram · {IG_POST}" in text


def test_none_says_how_many_live_captions_were_read():
    from bot.cli.results import compliance_text

    assert compliance_text([], checked=2, live=3) == (
        "\nCompliance exceptions: none (2 of 3 live captions checked; none fails the disclosure rules)."
    )
    assert "the caption of none of the 2 live posts has been checked" in compliance_text([], checked=0, live=2)
