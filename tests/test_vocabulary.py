"""The shared vocabulary as users meet it: amounts as shown, codes as typed, times as refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from pydantic import ValidationError

from bot.campaigns.models import CampaignCreator
from bot.config import SettingsError, load_settings
from bot.vocabulary import CREATOR_PLATFORMS, Jurisdiction, Money, Platform, as_utc, assume_utc


@pytest.mark.parametrize(
    ("money", "campaign", "vet_card"),
    [
        (Money(amount=Decimal("1234")), "1,234.00 USD", "$1,234"),
        (Money(amount=Decimal("1250.5"), currency="EUR"), "1,250.50 EUR", "€1,250.50"),
        (Money(amount=Decimal("500"), currency="GBP"), "500.00 GBP", "£500"),
        (Money(amount=Decimal("5000"), currency="JPY"), "5,000.00 JPY", "5,000 JPY"),
    ],
)
def test_money_is_shown_in_both_styles(money: Money, campaign: str, vet_card: str) -> None:
    assert money.display() == campaign
    assert money.display_with_symbol() == vet_card


def test_money_refuses_a_currency_that_is_not_a_code() -> None:
    with pytest.raises(ValidationError, match="'euro' is not a currency code; use three letters such as USD"):
        Money(amount=Decimal(1), currency="euro")
    assert Money(amount=Decimal(1), currency=" gbp ").currency == "GBP"


def test_money_stays_exact_and_json_keeps_a_number() -> None:
    total = Money(amount=Decimal("0.10")).amount + Money(amount=Decimal("0.20")).amount
    assert total == Decimal("0.30")
    assert json.loads(Money(amount=Decimal("800")).model_dump_json()) == {"amount": 800.0, "currency": "USD"}


def test_as_utc_refuses_naive_times_and_assume_utc_is_explicit() -> None:
    with pytest.raises(ValueError, match="without a time zone"):
        as_utc(datetime(2026, 1, 1, 9))
    paris = datetime(2026, 1, 1, 10, tzinfo=timezone(timedelta(hours=1)))
    assert as_utc(paris) == datetime(2026, 1, 1, 9, tzinfo=UTC)
    assert as_utc(paris).utcoffset() == timedelta(0)
    assert assume_utc(datetime(2026, 1, 1, 9)) == datetime(2026, 1, 1, 9, tzinfo=UTC)
    assert assume_utc(paris) is paris


@pytest.mark.parametrize(("typed", "code"), [("gb", "UK"), (" uk ", "UK"), ("USA", "US"), ("eu", "EU")])
def test_jurisdiction_aliases(typed: str, code: str) -> None:
    assert Jurisdiction.parse(typed) is Jurisdiction(code)


def test_unknown_jurisdiction_lists_the_codes_in_offered_order() -> None:
    with pytest.raises(ValueError, match=r"'U\.K\.' is not a jurisdiction code; use one of US, UK, IE, .*ES, EU, CA"):
        Jurisdiction.parse("U.K.")


def test_creators_are_on_three_platforms_only() -> None:
    assert [p.value for p in CREATOR_PLATFORMS] == ["instagram", "tiktok", "youtube"]
    assert len(Platform) == 7
    fee = Money(amount=Decimal(100))
    assert CampaignCreator(campaign_id="c", handle="@a", platform="tiktok", fee=fee).platform is Platform.tiktok
    with pytest.raises(ValidationError, match="'facebook' is not instagram, tiktok or youtube"):
        CampaignCreator(campaign_id="c", handle="@a", platform="facebook", fee=fee)
    with pytest.raises(SettingsError, match="DEFAULT_PLATFORM is not valid: use instagram, tiktok or youtube"):
        load_settings(default_platform="x", _env_file=None)
    assert load_settings(default_jurisdiction="gb", _env_file=None).default_jurisdiction == "UK"
