"""Campaign results use cases: payments now; post metrics, orders and the report build on them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from bot.campaigns import models as domain
from bot.campaigns.errors import CampaignError
from bot.campaigns.localtime import zone
from bot.campaigns.payments import Payment
from bot.services.campaigns import the_campaign
from bot.vocabulary import Money
from storage import campaigns as campaign_store
from storage import results as store
from storage.uow import UnitOfWork


def _the_creator(uow: UnitOfWork, team_id: str, campaign: domain.Campaign, handle: str) -> domain.CampaignCreator:
    wanted = handle.strip().lstrip("@").casefold()
    creators = campaign_store.campaign_creators(uow.session, team_id, campaign)
    found = [c for c in creators if c.handle.casefold() == wanted]
    if len(found) == 1:
        return found[0]
    on = ", ".join(f"@{c.handle} ({c.platform.value})" for c in creators[:20]) or "none yet"
    if found:
        raise CampaignError(f"@{wanted} is on {campaign.name} on several platforms; creators: {on}.")
    raise CampaignError(f"@{wanted} is not on {campaign.name}. Creators: {on}.")


def record_payment(
    uow: UnitOfWork,
    team_id: str,
    campaign_name: str,
    handle: str,
    amount: Decimal,
    *,
    paid_on: date | None,
    recorded_by: str,
    now: datetime | None = None,
) -> Payment:
    """A payment typed in by the team, in the campaign's currency, dated in the campaign's time zone."""
    with uow:
        campaign = the_campaign(uow, team_id, campaign_name)
        creator = _the_creator(uow, team_id, campaign, handle)
        day = paid_on or (now or datetime.now(zone(campaign.timezone))).astimezone(zone(campaign.timezone)).date()
        payment = Payment(
            creator_id=creator.id,
            handle=creator.handle,
            amount=Money(amount=amount, currency=campaign.budget.currency),
            paid_on=day,
            recorded_by=recorded_by,
        )
        store.add_payment(uow.session, team_id, int(campaign.id), payment)
        uow.commit()
    return payment
