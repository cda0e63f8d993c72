"""Follower-growth spikes: robust z-score (median/MAD) of daily follower deltas, checked against viral posts.

A spike is innocent when a post within a couple of days drew several times the usual engagement (the post
brought the followers). An unexplained spike is a warning; an unexplained *round* one (+5,000, +10,000 on top
of the usual growth) is how a purchase looks, and fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.vetting import weights as w
from bot.vetting.context import PostFacts, VetContext
from bot.vetting.numbers import MAD_TO_SIGMA, count, mad, median, signed
from bot.vetting.signal import Signal, Verdict, unknown
from bot.vocabulary import plural

SPIKE_CAUSE = (
    "A giveaway, a shout-out from a bigger account, press, or an ad campaign also make followers jump "
    "(ads rarely add more than 5,000 a day); ask the creator what happened on {dates}."
)


@dataclass(frozen=True)
class Spike:
    day: date
    delta: float  # followers gained per day on this step
    excess: float  # above the usual daily growth
    round_number: bool
    viral_post: PostFacts | None  # the post that explains it, if any
    viral_multiple: float | None


def _daily_deltas(history: tuple[tuple[date, int], ...]) -> list[tuple[date, float]]:
    """Followers gained per day between consecutive observations (gaps are spread evenly)."""
    return [
        (day, (followers - prev_followers) / (day - prev_day).days)
        for (prev_day, prev_followers), (day, followers) in zip(history, history[1:], strict=False)
    ]


def _is_round(excess: float) -> bool:
    units = round(excess / w.ROUND_JUMP_UNIT)
    if units < 1:
        return False
    target = units * w.ROUND_JUMP_UNIT
    return abs(excess - target) <= w.ROUND_JUMP_TOLERANCE * target


def _reach(post: PostFacts) -> int | None:
    """How much attention a post drew: likes + comments, or views when those are hidden."""
    return post.engagement if post.engagement is not None else post.views


def _viral_post(ctx: VetContext, day: date) -> tuple[PostFacts | None, float | None]:
    """The strongest post within the window around `day` whose reach beats the median by VIRAL_MULTIPLE."""
    reaches = [r for r in (_reach(p) for p in ctx.posts) if r is not None]
    if len(reaches) < 3:
        return None, None
    typical = median(reaches)
    best: tuple[PostFacts | None, float | None] = (None, None)
    for post in ctx.posts:
        reach = _reach(post)
        if reach is None or abs((post.posted_at.date() - day).days) > w.VIRAL_WINDOW_DAYS:
            continue
        multiple = reach / max(typical, 1)  # a median of 0 likes must not divide by zero
        if multiple > w.VIRAL_MULTIPLE and (best[1] is None or multiple > best[1]):
            best = (post, multiple)
    return best


def find_spikes(ctx: VetContext) -> tuple[list[Spike], float]:
    """Spikes in the follower history and the usual daily growth (median delta)."""
    deltas = _daily_deltas(ctx.history)
    values = [d for _, d in deltas]
    usual = median(values)
    scale = max(MAD_TO_SIGMA * mad(values), 1.0)  # a perfectly even history has MAD 0
    size = ctx.followers if ctx.followers is not None else ctx.history[-1][1]
    min_excess = max(w.SPIKE_MIN_ABS, w.SPIKE_MIN_SHARE * size)
    spikes = []
    for day, delta in deltas:
        excess = delta - usual
        if excess / scale > w.SPIKE_Z and excess >= min_excess:
            post, multiple = _viral_post(ctx, day)
            spikes.append(Spike(day, delta, excess, _is_round(excess), post, multiple))
    return spikes, usual


def _describe(spike: Spike) -> str:
    text = f"{signed(spike.delta)} on {spike.day.isoformat()} ({signed(spike.excess)} above the usual"
    text += ", a round number)" if spike.round_number else ")"
    if spike.viral_post is not None:
        text += (
            f", explained by a post on {spike.viral_post.posted_at.date().isoformat()} with "
            f"{spike.viral_multiple:.0f}x the median engagement"
        )
    return text


def follower_growth(ctx: VetContext) -> Signal:
    key, label = "follower_growth", "Follower growth"
    benchmark = f"no unexplained spikes (robust z > {w.SPIKE_Z:g} and at least {w.SPIKE_MIN_SHARE:.0%} of followers)"
    if len(ctx.history) < w.GROWTH_MIN_POINTS:
        return unknown(
            key,
            label,
            f"Follower history not available: {len(ctx.history)} daily counts, needs at least {w.GROWTH_MIN_POINTS}",
            benchmark,
        )
    spikes, usual = find_spikes(ctx)
    days = (ctx.history[-1][0] - ctx.history[0][0]).days
    steady = f"usual growth {signed(usual)} a day over {days} days"
    unexplained = [s for s in spikes if s.viral_post is None]
    explained = [s for s in spikes if s.viral_post is not None]
    if not unexplained:
        evidence = f"No unexplained spikes; {steady}"
        if explained:
            evidence += "; " + "; ".join(_describe(s) for s in explained)
        return Signal(
            key=key,
            label=label,
            value=0,
            display="steady" if not explained else plural(len(explained), "explained spike"),
            benchmark=benchmark,
            verdict=Verdict.ok,
            evidence=evidence,
        )
    verdict = Verdict.bad if any(s.round_number for s in unexplained) else Verdict.warn
    evidence = (
        f"{plural(len(unexplained), 'spike')} with no viral post within {w.VIRAL_WINDOW_DAYS} days: "
        + "; ".join(_describe(s) for s in unexplained)
        + f"; {steady}"
    )
    biggest = max(unexplained, key=lambda s: s.excess)
    return Signal(
        key=key,
        label=label,
        value=len(unexplained),
        display=f"{plural(len(unexplained), 'unexplained spike')}, biggest {signed(biggest.delta)} "
        f"({count(biggest.excess)} above usual)",
        benchmark=benchmark,
        verdict=verdict,
        evidence=evidence,
        innocent_cause=SPIKE_CAUSE.format(dates=", ".join(s.day.isoformat() for s in unexplained)),
    )
