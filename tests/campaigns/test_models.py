from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal

import pytest
from pydantic import ValidationError

from bot.campaigns.due import DueKind, LocalDue
from bot.campaigns.errors import InvalidTimezone
from bot.campaigns.localtime import check_timezone
from bot.campaigns.models import Deliverable
from bot.campaigns.reminder_policy import ReminderPolicy
from bot.vocabulary import DeliverableKind, Money
from tests.campaigns.factories import make_campaign, make_creator, make_deliverable


def test_campaign_defaults(campaign) -> None:  # type: ignore[no-untyped-def]
    assert campaign.timezone == "Europe/London"
    assert campaign.reminder_policy == ReminderPolicy()
    assert campaign.budget.display() == "5,000.00 GBP"


def test_unknown_timezone_is_refused_with_an_example() -> None:
    with pytest.raises(ValidationError, match="'Europe/Londn' is not a time zone I know. Use an IANA name"):
        make_campaign(timezone="Europe/Londn")
    with pytest.raises(InvalidTimezone):
        check_timezone("+05:00")


def test_campaign_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValidationError, match=r"ends \(2026-01-01\) before it starts"):
        make_campaign(start_date=date(2026, 2, 1), end_date=date(2026, 1, 1))


def test_codes_are_normalised_and_checked() -> None:
    assert make_campaign(jurisdiction="uk").jurisdiction == "UK"
    assert Money(amount=Decimal("1"), currency="eur").currency == "EUR"
    with pytest.raises(ValidationError, match="not a currency code"):
        Money(amount=Decimal("1"), currency="euro")
    with pytest.raises(ValidationError, match="not a jurisdiction code"):
        make_campaign(jurisdiction="U.K.")


def test_money_is_exact() -> None:
    total = sum((Money(amount=Decimal("0.10")).amount for _ in range(3)), Decimal(0))
    assert total == Decimal("0.30")
    with pytest.raises(ValidationError):
        Money(amount=Decimal("-1"))


def test_creator_handle_and_terms() -> None:
    creator = make_creator(handle=" @maya.makes ")
    assert creator.handle == "maya.makes" and creator.mention == "@maya.makes"
    assert (creator.terms.exclusivity, creator.terms.usage_rights, creator.terms.max_revision_rounds) == (
        False, False, 2,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="not a creator handle"):
        make_creator(handle="maya makes")


def test_due_at_is_stored_in_utc() -> None:
    eastern = timezone(timedelta(hours=-5))
    deliverable = make_deliverable(due_at=datetime(2026, 12, 5, 12, tzinfo=eastern))
    assert deliverable.due_at == datetime(2026, 12, 5, 17, tzinfo=UTC) and deliverable.due_at.tzinfo is UTC


def test_naive_due_at_is_refused() -> None:
    with pytest.raises(ValidationError, match="without a time zone"):
        make_deliverable(due_at=datetime(2026, 12, 5, 17))


def test_deliverable_from_a_local_due_keeps_the_intent() -> None:
    due = LocalDue(local_date=date(2026, 12, 5), tz="America/New_York")
    fields = {"campaign_id": "c", "creator_id": "cr", "kind": DeliverableKind.story, "count": 3}
    deliverable = Deliverable.due_from(due, **fields)
    assert due.kind is DueKind.end_of_day
    assert deliverable.due_at == datetime(2026, 12, 6, 5, tzinfo=UTC)  # next local midnight, EST
    assert deliverable.describe() == "3 stories"
    later = LocalDue(local_date=date(2026, 12, 7), local_time=time(9, 30), tz="America/New_York")
    moved = deliverable.with_due(later)
    assert moved.due_at == datetime(2026, 12, 7, 14, 30, tzinfo=UTC) and moved.due is not None


def test_deliverable_count_and_kinds() -> None:
    assert [k.value for k in DeliverableKind] == ["post", "reel", "story", "video", "short", "live"]
    assert make_deliverable(kind=DeliverableKind.live).describe() == "a live stream"
    with pytest.raises(ValidationError):
        make_deliverable(count=0)
