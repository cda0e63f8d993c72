"""A campaign's results (bot.services.results.CampaignReport) as the report view the message builder draws.

The numbers are worded by bot.metrics.display, the same words the terminal report prints, so the channel and
`creatorops report` never disagree."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from bot.campaigns.localtime import zone
from bot.campaigns.reminder_text import deadline_text
from bot.metrics import display
from bot.metrics.metric import Metric
from bot.services.results import CampaignReport
from bot.vocabulary import plural
from handlers.blocks.campaigns import has_results_button
from handlers.blocks.report_view import (
    BarChart,
    CreatorRow,
    KeyNumber,
    LineChart,
    LineSeries,
    Ranking,
    ReportView,
    ResultsButton,
    Shown,
)

# The ten numbers of the report's first section (Slack: 10 fields a section); the rest ride in their notes.
LEADING = (
    "Spend",
    "Budget left",
    "Posts live",
    "Views",
    "Engagements",
    "Link clicks",
    "Conversions",
    "Revenue",
    "CPE",
    "ROAS",
)
NOTES = {
    "Spend": ("Paid",),
    "Views": ("Impressions", "Reach"),
    "Engagements": ("ER (followers)",),
    "CPE": ("CPM", "CPV", "CPC", "CPA"),
    "ROAS": ("ROI", "EMV"),
}


def _shown(number: display.KeyNumber) -> Shown:
    return (
        Shown.missing(number.why_missing or "not known yet") if number.value == display.MISSING else Shown(number.value)
    )


def _metric(text: str, metric: Metric) -> Shown:
    return Shown.missing(metric.reason or "not known yet") if metric.value is None else Shown(text)


def _note(number: display.KeyNumber) -> str:
    """'CPM $52.99'; EMV, an estimate, keeps its reason when it has none ('EMV — (… not converted)')."""
    reason = f" ({number.why_missing})" if number.label == "EMV" and number.why_missing else ""
    return f"{number.label} {number.value}{reason}"


def key_numbers(report: CampaignReport) -> list[KeyNumber]:
    numbers = {n.label: n for n in display.key_numbers(report.results)}
    lead = []
    for label in LEADING:
        extra = [_note(numbers[other]) for other in NOTES.get(label, ()) if other in numbers]
        lead.append(KeyNumber(label, _shown(numbers[label]), " · ".join(extra)))
    return lead


def creator_rows(report: CampaignReport) -> list[CreatorRow]:
    currency = report.results.currency
    rows = []
    for result in report.results.creators:
        line = display.creator_line(result, currency)
        f, r = result.figures, result.rates
        rows.append(
            CreatorRow(
                handle=result.handle,
                platform=result.platform.value,
                spend=Shown(line.spend),
                views=_metric(line.views, f.views),
                engagements=_metric(line.engagements, f.engagements),
                cpe=_metric(line.cpe, r.cpe),
                roas=_metric(line.roas, r.roas),
                score=Decimal(r.cpe.value) if r.cpe.value is not None else None,
            )
        )
    return rows


def _bar(report: CampaignReport) -> BarChart | None:
    currency = report.results.currency
    with_cpe = [
        (f"@{c.handle}", Decimal(c.rates.cpe.value)) for c in report.results.creators if c.rates.cpe.value is not None
    ]
    if with_cpe:
        return BarChart(
            title="Cost per engagement by creator",
            series_name=f"CPE ({currency})",
            categories=[(label, value.quantize(Decimal("0.01"))) for label, value in with_cpe],
            lower_is_better=True,
            y_label=currency,
        )
    return None


def _line(report: CampaignReport) -> LineChart | None:
    if len(report.views_by_day) < 2:
        return None
    points = [(day, Decimal(total)) for day, total in report.views_by_day]
    return LineChart(title="Views so far, by day", series=[LineSeries("Views", points)], y_label="views")


def missing_lines(report: CampaignReport, now: datetime) -> list[str]:
    """Live posts without results yet, and deliverables past their deadline."""
    with_results = {post.post_url for c in report.results.creators for post in c.posts}
    lines = []
    for context in report.deliverables:
        deliverable, creator = context.deliverable, context.creator
        if has_results_button(context) and deliverable.post_url not in with_results:
            lines.append(f"@{creator.handle}: live post without results ({deliverable.post_url})")
        elif context.is_open and deliverable.due_at < now:
            due = deadline_text(deliverable.due_at, context.campaign.timezone)
            lines.append(f"@{creator.handle}: {deliverable.describe()} overdue (was due {due})")
    unmatched = report.results.unmatched_posts
    if unmatched:
        lines.append(f"{plural(len(unmatched), 'imported post')} by creators not on the campaign, not counted")
    return lines


def results_wanted(report: CampaignReport) -> list[ResultsButton]:
    """The live posts without results, each a button that opens *Add results* for it."""
    with_results = {post.post_url for c in report.results.creators for post in c.posts}
    return [
        ResultsButton(f"@{c.creator.handle}'s {c.deliverable.describe().removeprefix('a ')}", c.deliverable.id)
        for c in report.deliverables
        if has_results_button(c) and c.deliverable.post_url not in with_results
    ]


def compliance_lines(report: CampaignReport) -> list[str]:
    """Live posts whose latest caption check fails the disclosure rules, in plain words (escaped when drawn)."""
    tz = report.campaign.timezone
    lines = []
    for item in report.compliance:
        check = item.check
        verdict = check.verdict.value.replace("_", " ") if check.verdict else "not clear"
        first = f": {check.findings[0]}" if check.findings else ""
        lines.append(
            f"@{item.handle}: {item.kind} live caption fails the disclosure check ({verdict}, "
            f"{report.campaign.jurisdiction.value}; checked {deadline_text(check.checked_at, tz)}){first} "
            f"({item.post_url})"
        )
    return lines


def report_view(
    report: CampaignReport, now: datetime, *, changes: list[str] | None = None, title: str = "results"
) -> ReportView:
    """`changes`: for a digest, what moved since the last one; `title`: "weekly digest", "final report"."""
    campaign = report.campaign
    local = now.astimezone(zone(campaign.timezone))
    return ReportView(
        campaign_name=campaign.name,
        period_text=f"{campaign.start_date:%-d %b} – {campaign.end_date:%-d %b %Y}",
        currency=report.results.currency,
        key_numbers=key_numbers(report),
        creators=creator_rows(report),
        ranking=Ranking("CPE", lower_is_better=True),
        bar=_bar(report),
        line=_line(report),
        missing=missing_lines(report, now),
        add_results=results_wanted(report),
        compliance=compliance_lines(report),
        changes=changes or [],
        as_of_text=f"Results as of {local:%-d %b %Y, %H:%M} ({campaign.timezone})",
        title=title,
    )
