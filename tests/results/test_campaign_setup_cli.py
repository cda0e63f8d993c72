"""`creatorops campaign new|add|pay` as a team scripts a campaign, and the payment a Paid click records."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from bot.cli import main
from bot.cli.local import LOCAL_TEAM, LOCAL_USER
from bot.config import load_settings
from bot.services import Services, campaigns
from storage import campaigns as campaign_store
from storage import results as result_store
from tests.databases import stored


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def cli_services(offline_cli):
    from bot.app import open_database

    engine = open_database(load_settings())
    yield Services(settings=load_settings(), engine=engine)
    engine.dispose()


def new_campaign(capsys) -> None:
    code, out, err = run(
        capsys, "campaign", "new", "Glow Week", "--budget", "5,000", "--currency", "eur", "--tz", "Europe/London",
        "--start", "2026-12-01", "--end", "2026-12-31", "--attribution-days", "14",
    )  # fmt: skip
    assert code == 0, err
    assert "Created Glow Week: 2026-12-01 to 2026-12-31 (Europe/London), budget 5,000.00 EUR" in out


def test_a_campaign_with_money_and_tracking_is_set_up_from_the_terminal(capsys, cli_services):
    new_campaign(capsys)
    code, out, err = run(
        capsys, "campaign", "add", "glow", "@Nina.Nano", "--platform", "instagram", "--kind", "reel",
        "--count", "2", "--due", "2026-12-10", "--fee", "400", "--gift-value", "60", "--extra-costs", "12.50",
        "--code", " nina10 ", "--link", "https://shop.example/?utm_content=nina.nano",
    )  # fmt: skip
    assert code == 0, err
    assert "Added @nina.nano to Glow Week: 2 reels on instagram" in out
    assert "fee 400.00 EUR" in out

    campaign = campaigns.find_campaign(cli_services.uow(), LOCAL_TEAM, "glow")
    assert campaign.attribution_days == 14
    (creator,) = stored(cli_services.engine, campaign_store.campaign_creators, LOCAL_TEAM, campaign)
    assert creator.gift_value is not None and creator.gift_value.display() == "60.00 EUR"
    assert creator.extra_costs is not None and creator.extra_costs.amount == Decimal("12.50")
    assert creator.discount_code == "NINA10"
    assert creator.tracking_link == "https://shop.example/?utm_content=nina.nano"


def test_bad_values_are_refused_with_what_to_type_instead(capsys, offline_cli):
    new_campaign(capsys)
    with pytest.raises(SystemExit):
        main(["campaign", "add", "glow", "@nina", "--platform", "instagram", "--due", "2026-12-10", "--fee", "lots"])
    assert "'lots' is not an amount; write it like 5000 or 400.50" in capsys.readouterr().err

    code, _out, err = run(
        capsys, "campaign", "add", "glow", "@nina", "--platform", "instagram", "--due", "2026-12-10",
        "--code", "NINA 10%",
    )  # fmt: skip
    assert code == 2
    assert "is not a discount code" in err

    code, _out, err = run(capsys, "campaign", "add", "nope", "@nina", "--platform", "instagram", "--due", "friday")
    assert code == 2
    assert "No campaign matches 'nope'. Campaigns: Glow Week." in err


def test_payments_typed_in_and_the_fee_left_when_marked_paid(capsys, cli_services):
    new_campaign(capsys)
    run(capsys, "campaign", "add", "glow", "@nina", "--platform", "instagram", "--due", "2026-12-10", "--fee", "400")
    code, out, err = run(capsys, "campaign", "pay", "glow", "@NINA", "150", "--on", "2026-12-02")
    assert code == 0, err
    assert "Recorded 150.00 EUR paid to @nina on 2026-12-02." in out

    campaign = campaigns.find_campaign(cli_services.uow(), LOCAL_TEAM, "glow")
    board = campaigns.board_of(cli_services.uow(), LOCAL_TEAM, campaign.id, datetime(2026, 12, 1, tzinfo=UTC))
    (deliverable,) = [item.deliverable for item in board.upcoming]
    now = datetime(2026, 12, 20, 23, 30, tzinfo=UTC)  # already the 20th in London
    steps = ("accepted", "draft_due", "draft_submitted", "approved", "scheduled", "live", "verified", "paid")
    for target in steps:
        campaigns.move(
            cli_services.uow(), LOCAL_TEAM, int(deliverable.id), target, actor=LOCAL_USER, now=now, looked=True
        )

    paid = stored(cli_services.engine, result_store.payments, LOCAL_TEAM, int(campaign.id))
    assert [(p.amount.display(), p.paid_on) for p in paid] == [
        ("150.00 EUR", date(2026, 12, 2)),
        ("250.00 EUR", date(2026, 12, 20)),  # what was left of the 400 fee
    ]


def test_a_draft_date_a_creator_zone_and_a_warning_from_the_terminal(capsys, offline_cli):
    new_campaign(capsys)  # 1 to 31 December 2026, London
    args = ("campaign", "add", "glow", "@mia", "--platform", "instagram", "--kind", "story", "--count", "3")
    code, out, err = run(capsys, *args, "--due", "2027-01-05", "--draft-due", "2026-12-20", "--tz", "America/New_York")
    assert code == 2
    assert err == (
        "creatorops campaign: Nothing was added. The go-live date (Tue 5 Jan 2027) is after Glow Week ends "
        "(2026-12-31). Add --force to add it anyway.\n"
    )
    code, out, err = run(
        capsys, *args, "--due", "2027-01-05", "--draft-due", "2026-12-20", "--tz", "America/New_York", "--force"
    )
    assert code == 0, err
    assert out == (
        "Added @mia to Glow Week: 3 stories on instagram (#1, #2, #3, each tracked on its own), draft due Sun 20 Dec "
        "2026, end of day (America/New_York), due Tue 5 Jan 2027, end of day (America/New_York), fee 0.00 EUR.\n"
    )
    code, out, err = run(capsys, "campaign", "edit-deliverable", "2", "--due", "2026-12-30", "--draft-due", "none")
    assert code == 0, err
    assert out == (
        "Changed deliverable #2 (@mia): go-live end of Tue 5 Jan 2027 (America/New_York) → end of Wed 30 Dec 2026 "
        "(America/New_York); draft due end of Sun 20 Dec 2026 (America/New_York) → none.\n"
    )
    code, out, err = run(capsys, *args[:6], "--kind", "short", "--due", "2026-12-30")
    assert code == 2
    assert "Instagram has no 'short'; on instagram a deliverable is one of: post, reel, story, live." in err
