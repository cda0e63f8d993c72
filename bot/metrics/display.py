"""Results as people read them: money with its currency, rates as percentages, "—" with the reason for a number
that cannot be computed. Plain text (no Slack markup): the terminal, the report's fallback text and its blocks
all read these, so the numbers never disagree between two screens."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from bot.campaigns.read_models import CampaignMoney, CreatorMoney
from bot.metrics.emv import campaign_emv, method_of
from bot.metrics.metric import Metric
from bot.metrics.planner import BudgetPlan, PlanOption
from bot.metrics.results import CampaignResults, CreatorResult
from bot.vocabulary import Money

MISSING = "—"


def _q(value: Decimal | int, places: int) -> Decimal:
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def money(amount: Decimal | int | None, currency: str) -> str:
    return MISSING if amount is None else Money(amount=abs(_q(amount, 2)), currency=currency).display_with_symbol()


def count(metric: Metric) -> str:
    return MISSING if metric.value is None else f"{int(metric.value):,}"


def cost(metric: Metric, currency: str) -> str:
    """A cost per unit, to the cent: CPE $0.41, CPM $52.99."""
    return MISSING if metric.value is None else money(Decimal(metric.value), currency)


def percent(metric: Metric, places: int = 1) -> str:
    return MISSING if metric.value is None else f"{_q(Decimal(metric.value) * 100, places)} %"


def multiple(metric: Metric) -> str:
    """ROAS as '0.30×'."""
    return MISSING if metric.value is None else f"{_q(Decimal(metric.value), 2)}×"


@dataclass(frozen=True)
class KeyNumber:
    label: str
    value: str
    why_missing: str | None = None  # the reason, when value is "—"


def _key(label: str, shown: str, metric: Metric | None = None) -> KeyNumber:
    return KeyNumber(label, shown, metric.reason if metric is not None and metric.value is None else None)


def key_numbers(results: CampaignResults) -> list[KeyNumber]:
    """The numbers a report leads with, in the order a team reads them."""
    f, r, c = results.figures, results.rates, results.currency
    budget = results.campaign.budget
    spend = money(f.spend, c) + (f" of {money(budget.amount, c)}" if budget else "")
    planned = f" of {results.posts_planned}" if results.posts_planned is not None else ""
    conversions = count(f.conversions)
    if f.conversions.value is not None:
        conversions += f" ({count(f.conversions_code)} by code, {count(f.conversions_link)} by link)"
    return [
        KeyNumber("Spend", spend),
        KeyNumber("Paid", money(f.paid, c)),
        _budget_left(results.budget_left, c),
        KeyNumber("Posts live", f"{results.posts_live}{planned}"),
        _key("Views", count(f.views), f.views),
        _key("Impressions", count(f.impressions), f.impressions),
        _key("Reach", count(f.reach), f.reach),
        _key("Engagements", count(f.engagements), f.engagements),
        _key("Link clicks", count(f.clicks), f.clicks),
        _key("Conversions", conversions, f.conversions),
        _key("Revenue", money(f.revenue.value, c) if f.revenue.known else MISSING, f.revenue),
        _key("ER (followers)", percent(r.er_followers, 2), r.er_followers),
        _key("CPE", cost(r.cpe, c), r.cpe),
        _key("CPM", cost(r.cpm, c), r.cpm),
        _key("CPV", cost(r.cpv, c), r.cpv),
        _key("CPC", cost(r.cpc, c), r.cpc),
        _key("CPA", cost(r.cpa, c), r.cpa),
        _key("ROAS", multiple(r.roas), r.roas),
        _key("ROI", percent(r.roi), r.roi),
        *_emv(results),
    ]


def _emv(results: CampaignResults) -> list[KeyNumber]:
    """'EMV $805.20 by Aspire's published unit values': only when the team picked a method, always named."""
    method = method_of(results.campaign.emv_method)
    if method is None:
        return []
    total = campaign_emv(results, method).total
    shown = MISSING if total.value is None else f"{money(total.value, method.currency)} by {method.name}"
    return [_key("EMV", shown, total)]


def _budget_left(metric: Metric, currency: str) -> KeyNumber:
    """'Budget left $1,270', or 'Over budget by $2,730' as the board and the App Home say it."""
    if metric.value is not None and metric.value < 0:
        return KeyNumber("Over budget", f"by {money(-Decimal(metric.value), currency)}")
    return _key("Budget left", MISSING if metric.value is None else money(Decimal(metric.value), currency), metric)


def spend_text(figures: CampaignMoney) -> str:
    """Spend against budget as the board, the list and the App Home show it:
    'Spend $3,730 of $5,000 budget · paid $2,300 · $1,270 left', '… · over budget by $400',
    'Spend $900 (no budget set) · paid $0'."""
    c = figures.currency
    spend = f"Spend {money(figures.spend, c)}"
    parts = [f"{spend} (no budget set)" if figures.budget is None else f"{spend} of {money(figures.budget, c)} budget"]
    parts.append(f"paid {money(figures.paid, c)}")
    if figures.left is not None:
        parts.append(
            f"over budget by {money(figures.left, c)}" if figures.over_budget else f"{money(figures.left, c)} left"
        )
    return " · ".join(parts)


def creator_money_text(creator: CreatorMoney, currency: str) -> str:
    """'fee $450 · paid $450'."""
    return f"fee {money(creator.fee, currency)} · paid {money(creator.paid, currency)}"


@dataclass(frozen=True)
class CreatorLine:
    handle: str
    platform: str
    spend: str
    views: str
    engagements: str
    clicks: str
    conversions: str
    revenue: str
    cpe: str
    roas: str


def creator_line(result: CreatorResult, currency: str) -> CreatorLine:
    f, r = result.figures, result.rates
    return CreatorLine(
        handle=f"@{result.handle}",
        platform=result.platform.value,
        spend=money(f.spend, currency),
        views=count(f.views),
        engagements=count(f.engagements),
        clicks=count(f.clicks),
        conversions=count(f.conversions),
        revenue=money(f.revenue.value, currency) if f.revenue.known else MISSING,
        cpe=cost(r.cpe, currency),
        roas=multiple(r.roas),
    )


def summary_text(name: str, results: CampaignResults) -> str:
    """The report as plain lines: the terminal's report and Slack's notification text."""
    numbers = key_numbers(results)
    lines = [f"{name}: results {results.campaign.start_date} to {results.campaign.end_date}"]
    lines += [f"  {n.label}: {n.value}" + (f" ({n.why_missing})" if n.why_missing else "") for n in numbers]
    return "\n".join(lines)


def option_lines(option: PlanOption) -> list[str]:
    cpe = money(option.expected_cpe, option.fee_each.currency) if option.expected_cpe is not None else MISSING
    label, reach = option.label, "potential reach"
    if option.below_fair_band:  # the figures would read as a promise: say first that few creators would take it
        label += f": likely books nobody, the fee is below the {option.tier.value} fair band"
        reach = f"if {'a creator accepts' if option.creators == 1 else 'creators accept'} it anyway: reach"
    return [
        label,
        f"  {reach} {option.potential_reach:,} followers; expected engagements {option.expected_engagements:,}",
        f"  expected CPE {cpe}; chance of under half the expected engagements {option.p_under_half:.0%}"
        f" (one creator alone: {option.p_one_under_half:.0%})",
        f"  fee: {option.rate_check}",
    ]


def plan_text(budget_plan: BudgetPlan) -> str:
    budget = budget_plan.budget.display_with_symbol()
    lines = [f"{budget} on {budget_plan.platform.value}: one micro creator or {budget_plan.nano.creators} nano?"]
    lines += option_lines(budget_plan.micro) + option_lines(budget_plan.nano)
    lines.append(f"Based on: {budget_plan.micro.basis}")
    return "\n".join(lines)
