"""The sample campaign the console shows results for: synthetic creators (handles end in `_sample`, as the
sample vet snapshots do) and their terms; the post results and orders are the CSV files beside this module.

Data only: whoever shows the sample reads the files (`SAMPLE_FILES`) and passes their text to the readers.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from bot.metrics.inputs import CampaignTerms, CreatorTerms, DeliverableCounts
from bot.vocabulary import Money, Platform

HERE = Path(__file__).parent
SAMPLE_FILES = {
    "metrics": HERE / "sample_metrics.csv",
    "shopify": HERE / "sample_shopify_orders.csv",
    "generic_orders": HERE / "sample_orders_generic.csv",
}


def usd(amount: str) -> Money:
    return Money(amount=Decimal(amount), currency="USD")


SAMPLE_CAMPAIGN = CampaignTerms(
    currency="USD",
    budget=usd("5000"),
    start_date=date(2026, 11, 1),
    end_date=date(2026, 11, 30),
    timezone="America/New_York",
    attribution_days=30,
)


def _creator(
    handle: str,
    platform: Platform,
    fee: str,
    *,
    paid: tuple[str, ...],
    followers: int,
    code: str,
    gift: str | None = "60",
    extras: str | None = None,
) -> CreatorTerms:
    return CreatorTerms(
        creator_id=f"sample-{handle.split('_')[0]}",
        handle=handle,
        platform=platform,
        fee=usd(fee),
        gift_value=usd(gift) if gift else None,
        extra_costs=usd(extras) if extras else None,
        payments=tuple(usd(p) for p in paid),
        discount_code=code,
        followers=followers,
    )


# Followers as in the sample vet snapshots (bot/sources/samples); tariq has no results yet.
SAMPLE_CREATORS = (
    _creator("nina_nano_sample", Platform.instagram, "400", paid=("200",), followers=4210, code="NINA10"),
    _creator(
        "marco_micro_sample",
        Platform.instagram,
        "1500",
        paid=("750", "750"),
        followers=38420,
        code="MARCO15",
        extras="150",
    ),
    _creator("yara_youtube_sample", Platform.youtube, "1200", paid=("600",), followers=86500, code="YARA", gift=None),
    _creator("tariq_tiktok_sample", Platform.tiktok, "300", paid=(), followers=41230, code="TARIQ"),
)

SAMPLE_DELIVERABLES = DeliverableCounts(planned=5, live=3)
