"""How old the data behind a report is: numbers fetched weeks ago may no longer describe the creator."""

from __future__ import annotations

from bot.vetting import weights as w
from bot.vetting.context import VetContext
from bot.vetting.signal import Signal, Verdict


def data_age_days(ctx: VetContext) -> float:
    """Days between the fetch and now; never negative (a clock a little ahead of ours is not 'future data')."""
    return max(0.0, (ctx.now - ctx.fetched_at).total_seconds() / 86_400)


def _human_age(days: float) -> str:
    if days < 1 / 24:
        return "less than an hour ago"
    if days < 1:
        return f"{days * 24:.0f} hour{'s' if round(days * 24) != 1 else ''} ago"
    return f"{days:.0f} day{'s' if round(days) != 1 else ''} ago"


def data_age(ctx: VetContext) -> Signal:
    days = data_age_days(ctx)
    fetched = f"Fetched {ctx.fetched_at:%Y-%m-%d %H:%M} UTC, {_human_age(days)}"
    stale = days > w.DATA_FRESH_DAYS
    return Signal(
        key="data_age",
        label="Data age",
        value=round(days, 2),
        display=_human_age(days),
        benchmark=f"fetched within {w.DATA_FRESH_DAYS} days",
        verdict=Verdict.warn if stale else Verdict.ok,
        evidence=fetched + ("; fetch again before you decide" if stale else ""),
    )
