"""`creatorops report NAME --json` against a hand computation: fees, a gift, extra costs, a payment, an order
outside the window, one in another currency, one matching nobody, and a creator with no results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.cli import results as report_cli

NOW = "2026-10-30T12:00:00Z"  # before the campaign, so the due dates below are ahead

HEADER = "handle,platform,post_url,observed_at,views,likes,comments,shares,saves,reach,impressions,link_clicks,"
METRICS = (
    HEADER
    + """source,proof_url
ana,instagram,https://www.instagram.com/reel/A1/,2026-11-03T00:00:00Z,1000,100,10,5,5,800,1200,20,creator,
ana,instagram,https://www.instagram.com/reel/A1/,2026-11-05T00:00:00Z,2000,150,20,10,20,1500,2500,40,creator,
ben,youtube,https://www.youtube.com/watch?v=BEN00000001,2026-11-06T00:00:00Z,5000,200,50,,,,,10,api,
"""
)
ORDERS = """order_id,created_at,code,utm_content,revenue,currency
o1,2026-11-04T10:00:00Z,ana,,100.00,USD
o2,2026-11-15T23:00:00Z,,ben_link,80.00,USD
o3,2026-11-16T00:00:00Z,ANA,,55.00,USD
o4,2026-11-05T00:00:00Z,OTHER,,40.00,USD
o5,2026-11-06T00:00:00Z,ana,,30.00,EUR
"""


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


@pytest.fixture
def campaign(capsys, offline_cli: Path) -> Path:
    cli(capsys, "campaign", "new", "Hand", "--budget", "2000", "--tz", "UTC", "--start", "2026-11-01",
        "--end", "2026-11-10", "--attribution-days", "5")  # fmt: skip
    add = ("campaign", "add", "hand", "--due", "2026-11-08", "--now", NOW)
    cli(capsys, *add, "@ana", "--platform", "instagram", "--fee", "500", "--gift-value", "100", "--code", "ANA")
    cli(capsys, *add, "@ben", "--platform", "youtube", "--kind", "video", "--fee", "300", "--extra-costs", "50",
        "--link", "https://shop.example/serum?utm_source=ig&utm_content=ben_link")  # fmt: skip
    cli(capsys, *add, "@cy", "--platform", "tiktok", "--fee", "200")
    cli(capsys, "campaign", "pay", "hand", "@ana", "250")
    (offline_cli / "metrics.csv").write_text(METRICS)
    (offline_cli / "orders.csv").write_text(ORDERS)
    cli(capsys, "metrics", "import", "metrics.csv", "--campaign", "hand")
    cli(capsys, "orders", "import", "orders.csv", "--campaign", "hand")
    return offline_cli


def test_the_json_report_matches_the_hand_computation(capsys, campaign: Path) -> None:
    report = json.loads(cli(capsys, "report", "hand", "--json"))

    # spend: ana 500 + 100 gift, ben 300 + 50 extra, cy 200 = 1150; paid: 250 to ana.
    assert (report["currency"], report["budget"], report["spend"], report["paid"]) == (
        "USD",
        "2000.00",
        "1150.00",
        "250.00",
    )
    # 3 posts booked; 2 have results (ana's latest reading of A1 on the 5th, ben's video).
    assert (report["posts_planned"], report["posts_live"]) == (3, 2)
    assert (report["views"], report["impressions"], report["reach"], report["clicks"]) == (7000, 2500, 1500, 50)
    # ana 150+20+10+20 = 200; ben 200+50 (shares and saves unknown) = 250.
    assert report["engagements"] == 450
    # o1 (ana's code, any case) and o2 (ben's link, inside the window that ends at 16 Nov 00:00 UTC).
    # o3 is a second after the window, o4 matches nobody, o5 is in EUR: none of them counted.
    assert (report["conversions"], report["conversions_code"], report["conversions_link"]) == (2, 1, 1)
    assert report["revenue"] == "180.00"
    assert report["orders"]["outside_window"] == 1
    assert report["orders"]["unattributed"] == 1
    assert report["orders"]["other_currency"] == [{"currency": "EUR", "orders": 1, "revenue": "30.00"}]
    assert report["cpe"] == "2.5556"  # 1150 / 450
    assert report["cpm"] == "460.0000"  # 1000 × 1150 / 2500
    assert report["cpv"] == "0.1643"  # 1150 / 7000
    assert report["cpc"] == "23.0000"  # 1150 / 50
    assert report["cpa"] == "575.0000"  # 1150 / 2
    assert report["roas"] == "0.1565"  # 180 / 1150
    assert report["roi"] == "-0.8435"  # (180 − 1150) / 1150
    assert report["er_followers"] is None  # nobody was vetted: followers unknown, never a made-up 0
    assert "er_followers" in report["why_null"]

    ben, ana, cy = report["creators"]  # best first: lowest cost per engagement
    assert (ben["handle"], ben["spend"], ben["engagements"], ben["cpe"], ben["roas"]) == (
        "ben", "350.00", 250, "1.4000", "0.2286",
    )  # fmt: skip
    assert (ana["handle"], ana["views"], ana["engagements"], ana["cpe"], ana["roas"]) == (
        "ana", 2000, 200, "3.0000", "0.1667",
    )  # fmt: skip
    assert (cy["handle"], cy["views"], cy["engagements"], cy["cpe"]) == ("cy", None, None, None)


def test_importing_the_same_files_again_changes_nothing(capsys, campaign: Path) -> None:
    before = cli(capsys, "report", "hand", "--json")
    assert "12 were imported before" not in before
    again = cli(capsys, "orders", "import", "orders.csv", "--campaign", "hand")
    assert "0 new; 5 were imported before and left as they were" in again
    cli(capsys, "metrics", "import", "metrics.csv", "--campaign", "hand")
    assert cli(capsys, "report", "hand", "--json") == before


def test_the_terminal_report_and_the_creators_csv(capsys, campaign: Path) -> None:
    out = cli(capsys, "report", "hand", "--csv", "creators.csv")
    assert "Spend: $1,150 of $2,000" in out
    assert "Conversions: 2 (1 by code, 1 by link)" in out
    assert "ER (followers): — (followers unknown" in out
    assert "@ben" in out.split("Creators, best first")[1].splitlines()[2]
    rows = (campaign / "creators.csv").read_text().splitlines()
    assert rows[0] == "handle,platform,spend,views,engagements,clicks,conversions,revenue,cpe,roas"
    assert rows[1].startswith("ben,youtube,350.00,5000,250,10,1,80.00,1.4000,0.2286")


def test_a_bad_file_names_the_row_and_column_and_imports_nothing(capsys, campaign: Path) -> None:
    before = cli(capsys, "report", "hand", "--json")
    bad = METRICS.replace("2000,150,20", "2000,15O,20").replace("ben,youtube", "zed,youtube")
    (campaign / "bad.csv").write_text(bad)
    assert main(["metrics", "import", "bad.csv", "--campaign", "hand"]) == 2
    err = capsys.readouterr().err
    assert "Nothing was imported" in err
    assert "row 3, column likes" in err
    assert cli(capsys, "report", "hand", "--json") == before

    (campaign / "unknown.csv").write_text(METRICS.replace("ben,youtube", "zed,youtube"))
    assert main(["metrics", "import", "unknown.csv", "--campaign", "hand"]) == 2
    assert "@zed (youtube) is not on Hand" in capsys.readouterr().err

    (campaign / "latin1.csv").write_bytes("order_id,created_at,code\n1,2026-11-02,caf\xe9\n".encode("latin-1"))
    assert main(["orders", "import", "latin1.csv", "--campaign", "hand"]) == 2
    assert "save it from your spreadsheet as CSV UTF-8" in capsys.readouterr().err


def test_emv_is_off_until_a_method_is_picked_then_shown_by_that_method_only(capsys, campaign: Path) -> None:
    off = json.loads(cli(capsys, "report", "hand", "--json"))
    assert (off["emv"], off["emv_method"]) == (None, None)
    assert "EMV" not in cli(capsys, "report", "hand")

    assert cli(capsys, "campaign", "edit", "hand", "--emv", "Aspire").strip() == (
        "Hand: EMV by Aspire's published unit values (an estimate of media value, not revenue)."
    )
    on = json.loads(cli(capsys, "report", "hand", "--json"))
    # ana's A1 (latest): impressions 2,500 × 0.003 = 7.50, likes 150 × 0.15 = 22.50, comments 20 × 1, saves 20 × 3,
    # clicks 40 × 3 = 230.00; ben (no impressions nor reach): views 5,000 × 0.007 = 35, likes 200 × 0.15 = 30,
    # comments 50, clicks 10 × 3 = 30 -> 145.00. Shares have no published value.
    assert (on["emv"], on["emv_method"]) == ("375.00", "aspire")
    assert "EMV: $375 by Aspire's published unit values" in cli(capsys, "report", "hand")

    assert main(["campaign", "edit", "hand", "--emv", "tribe"]) == 2
    assert "There is no EMV method 'tribe': pick one of aspire, off." in capsys.readouterr().err
    cli(capsys, "campaign", "edit", "hand", "--emv", "off")
    assert json.loads(cli(capsys, "report", "hand", "--json"))["emv"] is None


def test_the_creators_csv_never_carries_a_formula_and_keeps_negative_numbers(tmp_path: Path) -> None:
    path = tmp_path / "creators.csv"
    report_cli._write_csv(path, [{"handle": "=HYPERLINK(1)", "platform": "@x", "spend": "-12.50", "views": 3}])
    assert path.read_text().splitlines()[1] == "'=HYPERLINK(1),'@x,-12.50,3,,,,,,"
