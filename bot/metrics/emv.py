"""Earned media value, only when asked for, by one named method, always shown with that method's label.

EMV is a vendor's estimate, not money earned: vendors value the same post very differently, so a figure is
never shown without its method, and figures of two methods are never added (`EmvReport.plus` refuses).
Unit values are in the method's currency and are never converted: a campaign in another currency gets no EMV.

The one method built in, ``aspire``: Aspire's published unit values (Impact Value dashboard,
https://help.aspireiq.com/en/articles/6837420-impact-value-dashboard). Per post, awareness is valued once:
impressions × $0.003 when known, else reach × $0.003 (Aspire prices "Impressions (Reach)" as one), else views
× $0.007 (the page lists views at $0.05 and at $0.007 without naming the networks; we take the lower). Then
likes × $0.15, comments × $1, saves × $3 and link clicks × $3. Shares have no published value outside
Pinterest and count $0. Aspire's content value ($125-$5,000 a piece, only with a usage licence) is left out:
the licence is not known here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from bot.metrics.errors import TermsError
from bot.metrics.inputs import PostObservation
from bot.metrics.metric import MONEY_PLACES, Metric, decimal_text
from bot.metrics.results import CampaignResults


@dataclass(frozen=True)
class EmvMethod:
    key: str
    name: str  # shown with every figure
    currency: str
    source: str
    per_impression: Decimal  # also per reach when impressions are unknown
    per_view: Decimal  # when neither impressions nor reach is known
    per_action: dict[str, Decimal]  # PostObservation count field -> value of one

    @property
    def label(self) -> str:
        return f"EMV by {self.name} (an estimate of media value, not revenue)"


ASPIRE = EmvMethod(
    key="aspire",
    name="Aspire's published unit values",
    currency="USD",
    source="https://help.aspireiq.com/en/articles/6837420-impact-value-dashboard",
    per_impression=Decimal("0.003"),
    per_view=Decimal("0.007"),
    per_action={
        "likes": Decimal("0.15"),
        "comments": Decimal("1"),
        "saves": Decimal("3"),
        "link_clicks": Decimal("3"),
    },
)

METHODS: dict[str, EmvMethod] = {ASPIRE.key: ASPIRE}
OFF = "off"
EMV_OFF = "EMV is off for this campaign: pick a method in /campaign edit to show it"


def emv_choice(text: str | None) -> str | None:
    """A team's pick as typed ('aspire', 'Aspire', 'off'): the method's key, or None for off."""
    key = (text or OFF).strip().casefold()[:40]
    if key in (OFF, "none", ""):
        return None
    if key not in METHODS:
        raise TermsError(f"there is no EMV method {key!r}: pick one of {', '.join((*METHODS, OFF))}")
    return key


def method_of(key: str | None) -> EmvMethod | None:
    """The campaign's chosen method; None when EMV is off (or the method is no longer built in)."""
    return METHODS.get(key) if key else None


def post_emv(post: PostObservation, method: EmvMethod) -> Decimal:
    """One post's EMV from its latest observation (unknown counts add nothing)."""
    if post.impressions is not None:
        value = post.impressions * method.per_impression
    elif post.reach is not None:
        value = post.reach * method.per_impression
    elif post.views is not None:
        value = post.views * method.per_view
    else:
        value = Decimal(0)
    for name, unit in method.per_action.items():
        count = getattr(post, name)
        if count is not None:
            value += count * unit
    return value


@dataclass(frozen=True)
class CreatorEmv:
    handle: str
    platform: str
    value: Metric


@dataclass(frozen=True)
class EmvReport:
    method: EmvMethod
    total: Metric  # in method.currency
    creators: tuple[CreatorEmv, ...]  # in the results' order

    @property
    def label(self) -> str:
        return self.method.label

    def plus(self, other: EmvReport) -> Metric:
        """The sum of two reports (two campaigns) by the same method; mixing methods is refused."""
        if other.method.key != self.method.key:
            raise TermsError(f"EMV by {self.method.name} and by {other.method.name} cannot be added")
        if self.total.value is None or other.total.value is None:
            return self.total if self.total.value is None else other.total
        return Metric.of(self.total.value + other.total.value)


def _value(posts: Sequence[PostObservation], method: EmvMethod) -> Metric:
    if not posts:
        return Metric.missing("no posts with results yet")
    return Metric.of(sum((post_emv(p, method) for p in posts), Decimal(0)))


def campaign_emv(results: CampaignResults, method: EmvMethod = ASPIRE) -> EmvReport:
    if results.currency != method.currency:
        reason = f"{method.name} are in {method.currency} and the campaign is in {results.currency}; not converted"
        return EmvReport(
            method,
            Metric.missing(reason),
            tuple(CreatorEmv(c.handle, c.platform.value, Metric.missing(reason)) for c in results.creators),
        )
    creators = tuple(CreatorEmv(c.handle, c.platform.value, _value(c.posts, method)) for c in results.creators)
    return EmvReport(method, _value([p for c in results.creators for p in c.posts], method), creators)


def emv_json(report: EmvReport) -> dict[str, object]:
    """{"method": "aspire", "label": …, "source": …, "currency": "USD", "value": "123.45" | null, "why_null"}"""
    return {
        "method": report.method.key,
        "label": report.label,
        "source": report.method.source,
        "currency": report.method.currency,
        "value": decimal_text(report.total, MONEY_PLACES),
        "why_null": report.total.reason,
        "creators": [
            {"handle": c.handle, "platform": c.platform, "value": decimal_text(c.value, MONEY_PLACES)}
            for c in report.creators
        ],
    }
