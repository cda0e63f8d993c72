"""The sample files read cleanly, and the console's sample campaign shows what a user would expect."""

from __future__ import annotations

from pathlib import Path

from bot.metrics.contract import results_json
from bot.metrics.formats import FileFormat
from bot.metrics.metrics_csv import read_metrics
from bot.metrics.orders_csv import read_orders
from bot.metrics.results import campaign_results
from bot.metrics.samples import SAMPLE_CAMPAIGN, SAMPLE_CREATORS, SAMPLE_DELIVERABLES, SAMPLE_FILES

HERE = Path(__file__).parent / "samples"


def test_the_tests_read_the_same_files_the_product_ships() -> None:
    for path in SAMPLE_FILES.values():
        assert (HERE / path.name).read_bytes() == path.read_bytes()


def test_sample_files() -> None:
    observations = read_metrics((HERE / "sample_metrics.csv").read_text())
    assert len(observations) == 9
    shopify = read_orders((HERE / "sample_shopify_orders.csv").read_text())
    assert (shopify.format, len(shopify.orders), shopify.voided) == (FileFormat.shopify, 40, ())
    assert [o.order_id for o in shopify.orders if o.cancelled] == ["#1004"]
    generic = read_orders((HERE / "sample_orders_generic.csv").read_text())
    assert (generic.format, len(generic.orders)) == (FileFormat.generic_orders, 12)


def test_the_sample_campaign_report() -> None:
    observations = read_metrics(SAMPLE_FILES["metrics"].read_text())
    orders = read_orders(SAMPLE_FILES["shopify"].read_text()).orders
    data = results_json(campaign_results(SAMPLE_CAMPAIGN, SAMPLE_CREATORS, observations, orders, SAMPLE_DELIVERABLES))
    # spend: nina 400 + 60, marco 1,500 + 60 + 150, yara 1,200, tariq 300 + 60 = 3,730
    assert (data["spend"], data["budget_left"], data["posts_live"], data["posts_planned"]) == (
        "3730.00",
        "1270.00",
        3,
        5,
    )
    # latest observations only: 10,806 + 39,474 + 31,907 views
    assert data["views"] == 82_187
    # nina: 909 + 98 + 43 + 64; marco: 2,547 + 323 + 157 + 236; yara: 1,993 + 271 (shares, saves unknown)
    assert data["engagements"] == 1_114 + 3_263 + 2_264
    assert [c["handle"] for c in data["creators"]] == [
        "nina_nano_sample",
        "marco_micro_sample",
        "yara_youtube_sample",
        "tariq_tiktok_sample",
    ]
    assert data["orders"]["cancelled"] == 1  # #1004, NINA10, cancelled the next day
    assert data["creators"][3]["why_null"]["engagements"] == "no engagements reported yet"
