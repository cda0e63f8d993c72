"""The words campaigns, vetting and the disclosure checker share, defined once so that they cannot drift apart:
platforms, jurisdictions, deliverable kinds, money and UTC instants.

Pure: the standard library and pydantic only, so every layer can import it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, field_validator


class Platform(StrEnum):
    """Every platform the disclosure checker has rules for; creators are vetted and booked on a subset."""

    instagram = "instagram"
    tiktok = "tiktok"
    youtube = "youtube"
    facebook = "facebook"
    x = "x"
    threads = "threads"
    pinterest = "pinterest"


# The platforms we can fetch creators from, vet, and run campaigns on (rate tables and benchmarks cover only these).
CREATOR_PLATFORMS: tuple[Platform, ...] = (Platform.instagram, Platform.tiktok, Platform.youtube)


def creator_platform(value: Platform | str) -> Platform:
    """The platform if creators can be vetted and booked on it; ValueError in words otherwise."""
    for platform in CREATOR_PLATFORMS:
        if platform == value:
            return platform
    raise ValueError(f"'{value}' is not instagram, tiktok or youtube")


# A model field that accepts only CREATOR_PLATFORMS (a creator on facebook could be neither fetched nor priced).
CreatorPlatform = Annotated[Platform, AfterValidator(creator_platform)]


class Jurisdiction(StrEnum):
    """Whose advertising-disclosure rules apply: where the audience is. Listed in the order users are offered."""

    US = "US"
    UK = "UK"
    IE = "IE"
    DE = "DE"
    FR = "FR"
    NL = "NL"
    BE = "BE"
    IT = "IT"
    ES = "ES"
    EU = "EU"
    CA = "CA"
    AU = "AU"
    IN = "IN"

    @classmethod
    def parse(cls, text: str) -> Jurisdiction:
        """'uk', ' GB ', 'usa' -> the code (spellings in JURISDICTION_ALIASES); ValueError in words otherwise."""
        found = JURISDICTION_ALIASES.get(text.strip().lower())
        if found is None:
            raise ValueError(f"'{text}' is not a jurisdiction code; use one of {', '.join(cls)}")
        return found


# Spellings people type, lower-case, mapped to the code.
JURISDICTION_ALIASES: dict[str, Jurisdiction] = {
    **{j.value.lower(): j for j in Jurisdiction},
    "gb": Jurisdiction.UK,
    "usa": Jurisdiction.US,
}


class DeliverableKind(StrEnum):
    """What a creator publishes: booked on a campaign, and the format a caption is checked for."""

    post = "post"
    reel = "reel"
    story = "story"
    video = "video"
    short = "short"
    live = "live"


# What each platform lets a creator publish (a TikTok has no "reel", an Instagram account no "short"): a
# deliverable's kind is checked against its creator's platform when it is booked or edited.
PLATFORM_KINDS: dict[Platform, tuple[DeliverableKind, ...]] = {
    Platform.instagram: (DeliverableKind.post, DeliverableKind.reel, DeliverableKind.story, DeliverableKind.live),
    Platform.tiktok: (DeliverableKind.video, DeliverableKind.post, DeliverableKind.live),
    Platform.youtube: (DeliverableKind.video, DeliverableKind.short, DeliverableKind.post, DeliverableKind.live),
}


def kind_on_platform(kind: DeliverableKind | str, platform: Platform | str) -> DeliverableKind:
    """The kind if `platform` has it; ValueError naming the kinds that platform has otherwise."""
    platform = creator_platform(platform)
    kinds = PLATFORM_KINDS[platform]
    for known in kinds:
        if known == str(kind).strip().lower():
            return known
    listed = ", ".join(k.value for k in kinds)
    raise ValueError(f"{platform.value} has no '{kind}'; on {platform.value} a deliverable is one of: {listed}")


# Symbols shown for (and read from) the currencies people write with one.
CURRENCY_SYMBOLS: dict[str, str] = {"USD": "$", "EUR": "€", "GBP": "£"}
CAMPAIGN_CURRENCIES: tuple[str, ...] = ("USD", "EUR", "GBP", "CAD", "AUD")  # what a campaign can be booked in


MAX_AMOUNT = Decimal("999999999999.99")  # what the database keeps (14 digits, 2 after the point)


class Money(BaseModel):
    """An exact amount (Decimal, never float: budgets and fees are added up) and an ISO 4217 currency code.

    JSON carries the amount as a number, as the vet report's JSON always has."""

    model_config = ConfigDict(frozen=True)

    amount: Annotated[Decimal, Field(ge=0, le=MAX_AMOUNT), PlainSerializer(float, return_type=float, when_used="json")]
    currency: str = "USD"

    @field_validator("currency")
    @classmethod
    def _iso_code(cls, value: str) -> str:
        code = value.strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise ValueError(f"'{value}' is not a currency code; use three letters such as USD, EUR or GBP")
        return code

    def display(self) -> str:
        """Campaign style, exact to the cent: '1,234.00 USD'."""
        return f"{self.amount:,.2f} {self.currency}"

    def display_with_symbol(self) -> str:
        """Vet-card style, short: '$800', '€1,250.50', '5,000 JPY' (cents only when there are some)."""
        symbol = CURRENCY_SYMBOLS.get(self.currency)
        number = f"{self.amount:,.0f}" if self.amount == int(self.amount) else f"{self.amount:,.2f}"
        return f"{symbol}{number}" if symbol else f"{number} {self.currency}"


def money_or_none(amount: Decimal | None, currency: str) -> Money | None:
    """An optional amount (a gift's value, extra costs): None stays None, unknown is not zero."""
    return Money(amount=amount, currency=currency) if amount is not None else None


def as_utc(moment: datetime) -> datetime:
    """An aware datetime in UTC; naive datetimes are refused because their zone is a guess."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a datetime without a time zone is ambiguous: give an aware datetime")
    return moment.astimezone(UTC)


def assume_utc(moment: datetime) -> datetime:
    """For inputs whose format leaves the zone out but means UTC (snapshot files, HTTP dates, recorded data):
    a naive time gets UTC, an aware one is returned unchanged. Call it where such data comes in, never on
    times a user typed in their own zone."""
    return moment.replace(tzinfo=UTC) if moment.utcoffset() is None else moment


def plural(count: int, noun: str, many: str | None = None) -> str:
    """'1 spike', '2 spikes', '1 story', '3 stories' (`many` when the plural is not the noun with an s)."""
    return f"{count:,} {noun if count == 1 else many or noun + 's'}"
