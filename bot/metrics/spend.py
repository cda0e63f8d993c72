"""A campaign's money for the screens the team watches (the board, the list, the App Home): budget, spend, paid
and what is left, taken from `campaign_results` itself (with no posts or orders, which money does not need), so
these screens and the report can never show two different sums."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from bot.campaigns.read_models import CampaignMoney, CreatorMoney
from bot.metrics.inputs import CampaignTerms, CreatorTerms
from bot.metrics.results import campaign_results


def campaign_money(campaign: CampaignTerms, creators: Sequence[CreatorTerms]) -> CampaignMoney:
    """Raises TermsError when a cost or payment is in another currency than the campaign's."""
    results = campaign_results(campaign, creators, (), None)
    by_id = {result.creator.creator_id: result for result in results.creators}
    left = results.budget_left.value
    return CampaignMoney(
        currency=results.currency,
        budget=campaign.budget.amount if campaign.budget else None,
        spend=results.figures.spend,
        paid=results.figures.paid,
        left=Decimal(left) if left is not None else None,
        creators=tuple(
            CreatorMoney(
                creator_id=creator.creator_id,
                handle=creator.handle,
                platform=creator.platform.value,
                fee=creator.fee.amount,
                paid=by_id[creator.creator_id].figures.paid,
            )
            for creator in creators  # in the order they were added, as the board lists them
        ),
    )
