"""What a campaign results report shows, already worded: the numbers are computed elsewhere, and
`handlers.blocks.report.report_message` turns this into a Slack message.

Every string here is plain text, user text included (handles, the campaign's name): the message builder
escapes it and cuts it to Slack's limits, so whoever fills a view never writes mrkdwn nor counts characters.
A figure that cannot be shown is "—" with the reason, which the message shows next to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

DASH = "—"


@dataclass(frozen=True)
class Shown:
    """One figure as the report shows it ("$1,240", "3.4 %", "12.5k"), or "—" and why it cannot be."""

    text: str
    why: str = ""  # required when text is "—": "no results yet", "no spend recorded"

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise ValueError("a figure needs its text; use Shown.missing(why) for one that cannot be shown")
        if self.text == DASH and not self.why.strip():
            raise ValueError("a figure shown as — needs the reason why")

    @classmethod
    def missing(cls, why: str) -> Shown:
        return cls(DASH, why)

    @property
    def is_missing(self) -> bool:
        return self.text == DASH


@dataclass(frozen=True)
class KeyNumber:
    """A headline figure: label, value, and an optional short note ("12 of 14 posts live")."""

    label: str
    value: Shown
    note: str = ""


@dataclass(frozen=True)
class BarChart:
    """One value per category (per creator, usually): CPE or engagements. The message keeps the best 20, as
    Slack draws at most 20 bars, and says so."""

    title: str
    series_name: str  # the legend: "CPE (USD)", "Engagements"
    categories: Sequence[tuple[str, Decimal]]  # (label, value), in any order
    lower_is_better: bool = False  # CPE: the cheapest is the best; engagements: the most
    x_label: str = "Creator"
    y_label: str = ""


@dataclass(frozen=True)
class LineSeries:
    """One line: running totals by day (cumulative views); a day without a point keeps the last total."""

    name: str
    points: Sequence[tuple[date, Decimal]]


@dataclass(frozen=True)
class LineChart:
    title: str
    series: Sequence[LineSeries]  # Slack draws at most 6; the message keeps the first 6
    y_label: str = ""


@dataclass(frozen=True)
class Ranking:
    """What creators are ranked by in the table and how: "CPE", lowest first."""

    label: str
    lower_is_better: bool


@dataclass(frozen=True)
class CreatorRow:
    handle: str  # without the @
    platform: str
    spend: Shown
    views: Shown
    engagements: Shown
    cpe: Shown
    roas: Shown
    score: Decimal | None = None  # the value the ranking orders by (their CPE, say); None: not ranked, listed last


@dataclass(frozen=True)
class ResultsButton:
    """An *Add results* button for a live post that has none yet: its label ("@mia's reel") and deliverable."""

    label: str
    deliverable_id: str


@dataclass(frozen=True)
class ReportView:
    """Everything one report message shows. `changes` is for digests: what moved since the last one."""

    campaign_name: str
    period_text: str  # "1 Mar – 31 Mar 2026"
    currency: str
    key_numbers: Sequence[KeyNumber]
    creators: Sequence[CreatorRow] = ()
    ranking: Ranking = field(default_factory=lambda: Ranking("CPE", lower_is_better=True))
    bar: BarChart | None = None
    line: LineChart | None = None
    missing: Sequence[str] = ()  # "@bella: live post without results since 3 Mar", "@cara: reel overdue by 2 days"
    add_results: Sequence[ResultsButton] = ()  # one per live post without results, under what is missing
    compliance: Sequence[str] = ()  # "@dan: reel not disclosed as an ad (UK)"
    changes: Sequence[str] = ()  # "CPE down from $0.31 to $0.24"
    as_of_text: str = ""  # "results as of 4 Mar, 09:00"
    title: str = "results"  # what the message is: "results", "weekly digest", "final report"
