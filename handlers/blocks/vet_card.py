"""The /vet card: verdict and key numbers, each red flag with its evidence, the fair rate, decision buttons.

Kept well inside Slack's limits (50 blocks, 3,000 characters a section, about 12,000 in all): red flags are
capped, and long evidence is shortened with an ellipsis.
"""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.vetting.audience_signals import model_unavailable
from bot.vetting.history import Decision, LatestDecision
from bot.vetting.report import VetReport
from bot.vetting.signal import Verdict
from bot.vocabulary import plural
from handlers.blocks.text import escape, fit, local_time
from handlers.ids import vet_decision_action, vet_decision_block, vet_run_value

MAX_RATE_FACTORS = 8  # followers, engagement, niche, kind, two premiums, the team's fees: all fit
DECISIONS: dict[str, tuple[str, str, str | None]] = {  # decision -> (button label, past tense, button style)
    Decision.approved: ("Approve", "Approved", "primary"),
    Decision.shortlisted: ("Shortlist", "Shortlisted", None),
    Decision.rejected: ("Reject", "Rejected", "danger"),
    Decision.needs_human: ("Needs a human", "Sent for a human look", None),
}
VERDICT_ICON = {"recommended": ":large_green_circle:", "caution": ":large_yellow_circle:", "avoid": ":red_circle:"}
FLAG_ICON = {Verdict.bad: ":red_circle:", Verdict.warn: ":warning:"}
MAX_FLAGS = 8
MAX_SECTION = 2900  # under Slack's 3,000 a section, with room to spare


def _short(text: str, limit: int = MAX_SECTION) -> str:
    """Escaped mrkdwn within `limit`, cut between words and never inside an escape or a link."""
    return fit(text, limit)


def _count(value: float | None) -> str:
    if value is None:
        return "hidden"
    return f"{value:,.0f}" if value >= 100 or value == int(value) else f"{value:,.1f}"


def _percent(value: float | None) -> str:
    return "hidden" if value is None else f"{value:.2f} %"


def card_text(report: VetReport) -> str:
    """Notification text: the verdict in one line."""
    score = f"{report.score}/100" if report.score is not None else "no score"
    flags = plural(len(report.red_flags), "red flag")
    return f"@{report.handle} on {report.platform.value}: {report.verdict.value} ({score}), {flags}"


def vet_card_blocks(
    report: VetReport,
    run_id: int,
    *,
    decision: LatestDecision | None = None,
) -> list:
    """`decision` is (decision, user_id, when) of the team's latest decision on this creator, if any."""
    numbers = report.key_numbers
    tier = report.tier.value if report.tier else "size unknown"
    score = f"{report.score}/100" if report.score is not None else "no score"
    blocks: list = [
        HeaderBlock(text=fit(f"@{report.handle} · {report.platform.value} · {tier}", 150, mrkdwn=False)),
        SectionBlock(
            text=MarkdownTextObject(
                text=_short(
                    f"{VERDICT_ICON[report.verdict.value]} *{report.verdict.value.capitalize()}* · {score} · "
                    f"{report.coverage:.0%} of the signals readable\n{escape(report.verdict_reason)}"
                )
            ),
            fields=[
                MarkdownTextObject(text=f"*Followers*\n{_count(numbers.followers)}"),
                MarkdownTextObject(text=f"*Engagement per follower (median)*\n{_percent(numbers.engagement_rate_pct)}"),
                MarkdownTextObject(text=f"*Median likes*\n{_count(numbers.median_likes)}"),
                MarkdownTextObject(text=f"*Median comments*\n{_count(numbers.median_comments)}"),
                MarkdownTextObject(text=f"*Median views*\n{_count(numbers.median_views)}"),
                MarkdownTextObject(text=f"*Sponsored posts / 30 days*\n{_count(numbers.sponsored_per_30_days)}"),
                MarkdownTextObject(text=f"*Ad disclosure*\n{numbers.ads_disclosed or 'not available'}"),
            ],
        ),
        DividerBlock(),
    ]
    if report.red_flags:
        for flag in report.red_flags[:MAX_FLAGS]:
            icon = FLAG_ICON.get(flag.verdict, ":warning:")
            text = f"{icon} *{escape(flag.label)}: {escape(flag.display)}*\n{escape(flag.evidence)}"
            if flag.benchmark:
                text += f"\n_Benchmark:_ {escape(flag.benchmark)}"
            if flag.innocent_cause:
                text += f"\n_Could also be:_ {escape(flag.innocent_cause)}"
            blocks.append(SectionBlock(text=MarkdownTextObject(text=_short(text))))
        if len(report.red_flags) > MAX_FLAGS:
            blocks.append(
                ContextBlock(
                    elements=[
                        MarkdownTextObject(
                            text=f"…and {len(report.red_flags) - MAX_FLAGS} more; run `creatorops vet` for all."
                        )
                    ]
                )
            )
    else:
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(text=":white_check_mark: *No red flags* in the signals we could read.")
            )
        )
    unknown = [s.label for s in report.signals if s.verdict is Verdict.unknown]
    if unknown:
        blocks.append(
            ContextBlock(elements=[MarkdownTextObject(text=_short("Not available: " + ", ".join(unknown), 1900))])
        )
    fake_line = _fake_followers_line(report)
    if fake_line:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=_short(fake_line, 1900))]))
    blocks.append(_rate_section(report))
    blocks.append(ActionsBlock(block_id=vet_decision_block(run_id), elements=_decision_buttons(run_id)))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=_short(_footer(report, decision), 1900))]))
    return blocks


def _fake_followers_line(report: VetReport) -> str | None:
    """The fake-follower estimate with the model that made it and its measured error, when not a red flag above
    (a red flag shows the same evidence); also why it is unknown when the model could not be used."""
    signal = next((s for s in report.signals if s.key == "fake_followers"), None)
    if signal is None or signal in report.red_flags[:MAX_FLAGS]:
        return None
    if signal.verdict is Verdict.unknown and not model_unavailable(signal):
        return None  # hidden or too few profiles: "Not available" above says so
    return f"*{escape(signal.label)}:* {escape(signal.display)}. {escape(signal.evidence)}"


def _rate_section(report: VetReport) -> SectionBlock:
    lines = []
    rate = report.rate
    if rate is not None:
        lines.append(f":moneybag: *Fair rate:* {rate.display()}, the middle half of fees")
        if (basis := rate.basis()) is not None:
            lines.append(f"• {escape(basis)}")
        lines.extend(f"• {escape(adjustment)}" for adjustment in rate.adjustments[:MAX_RATE_FACTORS])
    if report.rate_note:
        lines.append(escape(report.rate_note))
    if report.ask is not None:
        lines.append(f"*Their ask:* {escape(report.ask.text)}")
    elif report.ask_note:
        lines.append(escape(report.ask_note))
    return SectionBlock(text=MarkdownTextObject(text=_short("\n".join(lines) or "No rate: too little data.")))


def _decision_buttons(run_id: int) -> list[ButtonElement]:
    return [
        ButtonElement(text=label, action_id=vet_decision_action(decision), value=vet_run_value(run_id), style=style)
        for decision, (label, _, style) in DECISIONS.items()
    ]


def _footer(report: VetReport, decision: LatestDecision | None) -> str:
    data = f"Data: {report.source}, fetched {report.fetched_at:%Y-%m-%d}"
    if decision is None:
        return f"{data} · No decision yet"
    what, user_id, when = decision
    return f"{data} · *{DECISIONS[what][1]}* by <@{user_id}> on {local_time(when)}"
