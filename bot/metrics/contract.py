"""The results as one JSON object (`creatorops report NAME --json`, stored snapshots, the weekly digest).

Decimals are JSON **strings** with fixed places, so no reader turns 0.1 + 0.2 into 0.30000000000000004:
money (budget, budget_left, spend, paid, revenue) 2 places; costs per unit (cpe, cpm, cpv, cpc, cpa) 4 places;
roas and roi 4 places (1.2500 = 125 %); engagement rates (er_*) 6 places, as a fraction (0.051429 = 5.14 %).
EMV only when the team picked a method (`emv_method`; `emv` and `emv_method` are null when it is off).
Counts are JSON integers. A value that cannot be computed is null, and `why_null` says why, in words.
Rounding is half up. The attribution window runs from window_start (inclusive) to window_end (exclusive).
`unmatched_posts` lists posts whose handle is no creator of the campaign (not counted). Creators are listed
best first (lowest cpe, then most engagements; see results.py).

    {"currency": "USD", "budget": "5000.00", "budget_left": "1270.00", "spend": "3730.00", "paid": "2300.00",
     "posts_live": 3, "posts_planned": 5, "views": 82187, "impressions": 70391, "reach": 45251,
     "engagements": 6641, "clicks": 821, "conversions": 19, "conversions_code": 19, "conversions_link": 0,
     "revenue": "1104.30", "er_followers": "0.051429", "er_views": "0.080804", "er_reach": "0.096727",
     "cpe": "0.5617", "cpm": "52.9897", "cpv": "0.0454", "cpc": "4.5432", "cpa": "196.3158",
     "roas": "0.2961", "roi": "-0.7039", "emv": "805.20", "emv_method": "aspire",
     "emv_label": "EMV by Aspire's published unit values (an estimate of media value, not revenue)",
     "why_null": {},
     "orders": {"imported": true, "window_start": "2026-11-01T04:00:00Z", "window_end": "2026-12-31T05:00:00Z",
                "unattributed": 19, "unattributed_revenue": "1347.40", "cancelled": 1, "outside_window": 0,
                "other_currency": [{"currency": "EUR", "orders": 1, "revenue": "40.00"}]},
     "creators": [{"handle": "nina_nano_sample", "platform": "instagram", "spend": "460.00", "views": 10806,
                   "engagements": 1114, "clicks": 108, "conversions": 5, "revenue": "407.70",
                   "cpe": "0.4129", "roas": "0.8863", "er_followers": "0.264608", "cpm": "30.4072",
                   "cpa": "92.0000", "roi": "-0.1137", "why_null": {}}, …]}
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from bot.metrics.emv import EMV_OFF, campaign_emv, method_of
from bot.metrics.metric import MONEY_PLACES, Metric, decimal_text
from bot.metrics.numbers import Figures, Rates
from bot.metrics.results import CampaignResults, CreatorResult, CurrencyTotal

COST_PLACES = 4
RETURN_PLACES = 4
RATE_PLACES = 6

PLACES: dict[str, int] = {
    "budget_left": MONEY_PLACES,
    "revenue": MONEY_PLACES,
    **dict.fromkeys(("cpe", "cpm", "cpv", "cpc", "cpa"), COST_PLACES),
    **dict.fromkeys(("roas", "roi"), RETURN_PLACES),
    **dict.fromkeys(("er_followers", "er_views", "er_reach"), RATE_PLACES),
}


def money(amount: Decimal) -> str:
    return decimal_text(Metric.of(amount), MONEY_PLACES) or "0.00"


def _count(metric: Metric) -> int | None:
    return None if metric.value is None else int(metric.value)


def _moment(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _metrics(figures: Figures, rates: Rates, names: tuple[str, ...], why: dict[str, str]) -> dict[str, Any]:
    """The named figures and rates: counts as ints, the rest as fixed-place strings; reasons into `why`."""
    out: dict[str, Any] = {}
    for name in names:
        metric = getattr(rates if hasattr(rates, name) else figures, name)
        out[name] = decimal_text(metric, PLACES[name]) if name in PLACES else _count(metric)
        if metric.reason is not None:
            why[name] = metric.reason
    return out


COUNTS = (
    "views",
    "impressions",
    "reach",
    "engagements",
    "clicks",
    "conversions",
    "conversions_code",
    "conversions_link",
)
RATES = ("er_followers", "er_views", "er_reach", "cpe", "cpm", "cpv", "cpc", "cpa", "roas", "roi")
CREATOR_FIELDS = (
    "views",
    "engagements",
    "clicks",
    "conversions",
    "revenue",
    "cpe",
    "roas",
    "er_followers",
    "cpm",
    "cpa",
    "roi",
)


def _currencies(totals: tuple[CurrencyTotal, ...]) -> list[dict[str, Any]]:
    return [{"currency": t.currency, "orders": t.orders, "revenue": money(t.revenue)} for t in totals]


def creator_json(result: CreatorResult) -> dict[str, Any]:
    why: dict[str, str] = {}
    out: dict[str, Any] = {
        "handle": result.handle,
        "platform": result.platform.value,
        "spend": money(result.figures.spend),
        "paid": money(result.figures.paid),
        "posts": result.figures.posts,
    }
    out.update(_metrics(result.figures, result.rates, CREATOR_FIELDS, why))
    if result.other_currency:
        out["other_currency"] = _currencies(result.other_currency)
    out["why_null"] = why
    return out


def _emv(results: CampaignResults, why: dict[str, str]) -> dict[str, Any]:
    """EMV by the campaign's one method, named beside it; both null when the team has not turned it on."""
    method = method_of(results.campaign.emv_method)
    if method is None:
        why["emv"] = EMV_OFF
        return {"emv": None, "emv_method": None}
    emv = campaign_emv(results, method)
    if emv.total.reason is not None:
        why["emv"] = emv.total.reason
    return {"emv": decimal_text(emv.total, MONEY_PLACES), "emv_method": method.key, "emv_label": emv.label}


def results_json(results: CampaignResults) -> dict[str, Any]:
    """The JSON contract: one object (see the module's docstring for the shape and the number formats)."""
    why: dict[str, str] = {}
    budget = results.campaign.budget
    out: dict[str, Any] = {
        "currency": results.currency,
        "budget": money(budget.amount) if budget else None,
        "budget_left": decimal_text(results.budget_left, MONEY_PLACES),
        "spend": money(results.figures.spend),
        "paid": money(results.figures.paid),
        "posts_live": results.posts_live,
        "posts_planned": results.posts_planned,
    }
    if budget is None:
        why["budget"] = why["budget_left"] = "no budget set"
    if results.posts_planned is None:
        why["posts_planned"] = "no deliverables booked"
    out.update(_metrics(results.figures, results.rates, (*COUNTS, "revenue", *RATES), why))
    out.update(_emv(results, why))
    unattributed = results.unattributed
    out["why_null"] = why
    out["orders"] = {
        "imported": results.orders_imported,
        "window_start": _moment(results.window.start),
        "window_end": _moment(results.window.end),
        "unattributed": unattributed.orders,
        "unattributed_revenue": money(unattributed.revenue),
        "unattributed_other_currency": _currencies(unattributed.other_currency),
        "cancelled": results.cancelled,
        "outside_window": results.outside_window,
        "other_currency": _currencies(results.other_currency),
    }
    out["unmatched_posts"] = list(results.unmatched_posts)
    out["creators"] = [creator_json(c) for c in results.creators]
    return out
