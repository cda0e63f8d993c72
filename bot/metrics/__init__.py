"""Campaign results: spend, post metrics, conversions, CPE/CPM/ROI per creator and per campaign.

Pure domain code: no database, Slack or HTTP, no file opening (callers pass text). Money is Decimal
(`bot.vocabulary.Money`), times are aware UTC datetimes. Names below are the public API; keep them stable.

Inputs (`inputs.py`, frozen pydantic models)
    CampaignTerms(currency, budget, start_date, end_date, timezone, attribution_days=30)
    CreatorTerms(creator_id, handle, platform, fee, gift_value, extra_costs, payments, discount_code,
                 tracking_handle, followers)        tracking_handle: their links' utm_content (default: handle)
    PostObservation(post_url, handle, platform, observed_at, views … link_clicks: int | None, source, proof_url)
    Order(order_id, created_at, code, utm_content, revenue, currency, cancelled, source, orders=1)
                                                    orders: how many orders the record stands for (a group
                                                    that attribution treats alike; revenue is their sum)
    DeliverableCounts(planned, live)                from the campaign's deliverables

Reading files (all or nothing: the records, or MetricsInputError whose `problems` name row, column and fix)
    read_metrics(text, limits=DEFAULT_LIMITS) -> tuple[PostObservation, ...]
    read_orders(text, limits=DEFAULT_LIMITS, *, allowed_currencies=None) -> OrdersRead(format, orders, voided)
    detect_format(header) -> FileFormat | None      metrics, shopify or generic_orders
    `text` is a str or any iterable of text pieces (`iter(lambda: f.read(65536), "")`), so a file too big
    stops at `Limits.max_chars`; formats and limits in samples/FORMAT.md.
    merge_observations(stored, imported)            an imported (post_url, observed_at) replaces, never adds

Results
    campaign_results(campaign, creators, observations, orders | None, deliverables=None) -> CampaignResults
        .figures (spend, paid, views, impressions, reach, engagements, clicks, conversions_code/_link,
        conversions, revenue), .rates (er_followers, er_views, er_reach, cpe, cpm, cpv, cpc, cpa, roas, roi),
        .budget_left, .creators (CreatorResult, best first), .unattributed, .other_currency, .cancelled,
        .outside_window, .unmatched_posts, .window. Each number is a `Metric`: a value, or None with a reason.
        Raises TermsError (a sentence) when two creators share a code or a cost is in another currency.
    results_json(results) -> dict                   the JSON contract (contract.py says every field and format)
    attribution_window(campaign) -> Window; attribute(campaign, creators, orders) -> Attribution

Extras
    campaign_emv(results, method=ASPIRE) -> EmvReport; emv_json(report)     only when asked; always labelled
    changes(before_json_or_results | None, after) -> ResultsChanges         for the weekly digest
    plan(budget, platform, history=None, *, nano_count=10, posts_per_creator=1) -> BudgetPlan; plan_json
    past_creators(results) -> list[PastCreator]      a finished campaign as planner history

Samples: `bot.metrics.samples` (SAMPLE_CAMPAIGN, SAMPLE_CREATORS, SAMPLE_DELIVERABLES, SAMPLE_FILES).
"""

from bot.metrics.attribution import Attribution, Window, attribute, attribution_window
from bot.metrics.changes import ResultsChanges, changes
from bot.metrics.contract import results_json
from bot.metrics.csv_table import DEFAULT_LIMITS, Limits
from bot.metrics.emv import ASPIRE, EmvReport, campaign_emv, emv_json
from bot.metrics.errors import MetricsError, MetricsInputError, TermsError
from bot.metrics.formats import FileFormat, detect_format
from bot.metrics.inputs import CampaignTerms, CreatorTerms, DeliverableCounts, Order, PostObservation
from bot.metrics.metric import Metric
from bot.metrics.metrics_csv import read_metrics
from bot.metrics.orders_csv import OrdersRead, read_orders
from bot.metrics.planner import BudgetPlan, PastCreator, past_creators, plan, plan_json
from bot.metrics.posts import latest_observations, merge_observations
from bot.metrics.results import CampaignResults, CreatorResult, campaign_results

__all__ = [
    "ASPIRE",
    "DEFAULT_LIMITS",
    "Attribution",
    "BudgetPlan",
    "CampaignResults",
    "CampaignTerms",
    "CreatorResult",
    "CreatorTerms",
    "DeliverableCounts",
    "EmvReport",
    "FileFormat",
    "Limits",
    "Metric",
    "MetricsError",
    "MetricsInputError",
    "Order",
    "OrdersRead",
    "PastCreator",
    "PostObservation",
    "ResultsChanges",
    "TermsError",
    "Window",
    "attribute",
    "attribution_window",
    "campaign_emv",
    "campaign_results",
    "changes",
    "detect_format",
    "emv_json",
    "latest_observations",
    "merge_observations",
    "past_creators",
    "plan",
    "plan_json",
    "read_metrics",
    "read_orders",
    "results_json",
]
