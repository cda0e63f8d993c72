"""Campaigns and creators as the results domain reads them, and each campaign's money (budget, spend, paid,
left) for the board, the list and the App Home: the report's own sums (bot.metrics.spend), never a second one.

Helpers for the use cases in campaigns.py and results.py; they run on the caller's unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import parse_qs, urlsplit

from bot.campaigns import models as domain
from bot.campaigns.read_models import CampaignMoney
from bot.metrics import CampaignTerms, CreatorTerms, TermsError
from bot.metrics.spend import campaign_money
from bot.vocabulary import Money
from storage import campaigns as campaign_store
from storage import results as result_store
from storage.uow import UnitOfWork


def tracking_handle(link: str | None) -> str | None:
    """The utm_content of a creator's tracking link: what orders from that link carry."""
    if not link:
        return None
    values = parse_qs(urlsplit(link).query).get("utm_content") or []
    return values[0] if values else None


def campaign_terms(campaign: domain.Campaign) -> CampaignTerms:
    return CampaignTerms(
        currency=campaign.budget.currency,
        budget=campaign.budget if campaign.budget.amount > 0 else None,
        start_date=campaign.start_date,
        end_date=campaign.end_date,
        timezone=campaign.timezone,
        attribution_days=campaign.attribution_days,
        emv_method=campaign.emv_method,
    )


def creator_terms(
    creator: domain.CampaignCreator, payments: Sequence[Money], followers: int | None = None
) -> CreatorTerms:
    return CreatorTerms(
        creator_id=creator.id,
        handle=creator.handle,
        platform=creator.platform,
        fee=creator.fee,
        gift_value=creator.gift_value,
        extra_costs=creator.extra_costs,
        payments=tuple(payments),
        discount_code=creator.discount_code,
        tracking_handle=tracking_handle(creator.tracking_link),
        followers=followers,
    )


def money_of(uow: UnitOfWork, team_id: str, campaigns: Sequence[domain.Campaign]) -> dict[str, CampaignMoney]:
    """Each campaign's money by campaign id, in two queries however many campaigns. A campaign whose terms
    cannot be summed (a payment in another currency) is left out; its report says why."""
    creators = campaign_store.creators_of(uow.session, team_id, campaigns)
    paid = result_store.paid_by_creator(uow.session, team_id, [int(c.id) for c in campaigns])
    found: dict[str, CampaignMoney] = {}
    for campaign in campaigns:
        terms = [creator_terms(creator, paid.get(creator.id, ())) for creator in creators[campaign.id]]
        try:
            found[campaign.id] = campaign_money(campaign_terms(campaign), terms)
        except TermsError:
            continue
    return found


def has_money(uow: UnitOfWork, team_id: str, campaign: domain.Campaign) -> bool:
    """Whether any amount is booked in the campaign's currency yet: a creator's fee, gift or extra costs, or a
    payment (then the currency may no longer change: those amounts carry no currency of their own)."""
    creators = campaign_store.campaign_creators(uow.session, team_id, campaign)
    costs = any(creator.fee.amount or creator.gift_value or creator.extra_costs for creator in creators)
    return costs or bool(result_store.paid_by_creator(uow.session, team_id, [int(campaign.id)]))
