"""Signals read from a sample of follower profiles: fake-follower share and reachability.

The fake share comes from an injected scorer so this module does not depend on the audience classifier; the
reachability rule is HypeAuditor's: a follower who follows more than 1,500 accounts is unlikely to see a post.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from bot.sources.models import FollowerProfile
from bot.vetting import weights as w
from bot.vetting.context import VetContext
from bot.vetting.numbers import count, pct
from bot.vetting.signal import Signal, Verdict, graded, measured, unknown, unmeasured
from bot.vocabulary import Platform

# profiles -> (fake share 0-1, confidence interval low, high, profiles scored[, which model and its measured error])
FakeScorer = Callable[
    [Sequence[FollowerProfile]], tuple[float, float, float, int] | tuple[float, float, float, int, str]
]
MODEL_UNAVAILABLE = "unknown: the model cannot be used"  # the display of a fake-follower signal without a model


class ScorerUnavailable(Exception):
    """The scorer cannot score at all (its model file is missing or broken); the message says what to do."""


def model_unavailable(signal: Signal) -> bool:
    """True for a fake-follower signal left unknown because the model could not be used (not for lack of data)."""
    return signal.key == "fake_followers" and signal.display == MODEL_UNAVAILABLE


def _sample_problem(ctx: VetContext) -> str | None:
    """Why the follower sample cannot be used, or None when it can."""
    sample = ctx.follower_sample
    if not sample:
        if ctx.platform == Platform.youtube:
            return "No follower sample: YouTube does not list a channel's subscribers"
        return ctx.hidden("Follower sample")
    if len(sample) < w.FOLLOWER_SAMPLE_MIN:
        return f"Only {len(sample)} follower profiles sampled (need {w.FOLLOWER_SAMPLE_MIN}); too few to judge"
    return None


def _clamp_share(value: float) -> float | None:
    return min(1.0, max(0.0, value)) if math.isfinite(value) else None


def fake_followers(ctx: VetContext, scorer: FakeScorer | None) -> Signal:
    key, label = "fake_followers", "Fake followers"
    benchmark = (
        f"under {pct(w.FAKE_SHARE_WARN, 0)}; {pct(w.FAKE_SHARE_BAD, 0)} or more is a fraud sign "
        "(Modash: credibility under 75 %)"
    )
    problem = _sample_problem(ctx)
    if problem is not None:
        return unknown(key, label, problem, benchmark)
    if scorer is None:
        return unknown(key, label, "No audience classifier configured, so fake followers are not available", benchmark)
    try:
        scored = scorer(ctx.follower_sample or ())
    except ScorerUnavailable as exc:
        return unmeasured(
            key,
            label,
            MODEL_UNAVAILABLE,
            Verdict.unknown,
            f"Fake share unknown: {exc}",
            benchmark,
        )
    raw_share, raw_low, raw_high, n = scored[0], scored[1], scored[2], scored[3]
    model_note = scored[4] if len(scored) > 4 else None
    share, low, high = _clamp_share(raw_share), _clamp_share(raw_low), _clamp_share(raw_high)
    if share is None or n <= 0:
        return unknown(key, label, "The audience classifier could not score the follower sample", benchmark)
    interval = f"95 % CI {pct(low, 0)}-{pct(high, 0)}, " if low is not None and high is not None else ""
    display = f"{pct(share, 0)} ({interval}n={count(n)})"
    verdict = graded(share, w.FAKE_SHARE_WARN, w.FAKE_SHARE_BAD)
    evidence = f"About {pct(share, 0)} of {count(n)} sampled followers look fake"
    if verdict != Verdict.ok:
        evidence += " (no profile picture, few or no posts, following far more accounts than follow them)"
    if model_note:
        evidence += f". {model_note}"
    return measured(
        key,
        label,
        value=round(share, 4),
        display=display,
        benchmark=benchmark,
        verdict=verdict,
        evidence=evidence,
        cause="Old accounts collect inactive followers over the years and giveaways attract accounts that never "
        "engage; this is an estimate from a sample.",
    )


def reachability(ctx: VetContext) -> Signal:
    key, label = "reachability", "Audience reachability"
    benchmark = (
        f"under {pct(w.MASS_SHARE_WARN, 0)} following more than {count(w.MASS_FOLLOWING)} accounts "
        "(HypeAuditor: about 15 % is average)"
    )
    problem = _sample_problem(ctx)
    if problem is not None:
        return unknown(key, label, problem, benchmark)
    sample = ctx.follower_sample or ()
    mass = sum(1 for p in sample if p.following_count > w.MASS_FOLLOWING) / len(sample)
    verdict = graded(mass, w.MASS_SHARE_WARN, w.MASS_SHARE_BAD)
    evidence = (
        f"{pct(mass, 0)} of {count(len(sample))} sampled followers follow more than {count(w.MASS_FOLLOWING)} "
        f"accounts, so about {pct(1 - mass, 0)} can be reached"
    )
    return measured(
        key,
        label,
        value=round(1 - mass, 4),
        display=f"{pct(1 - mass, 0)} reachable",
        benchmark=benchmark,
        verdict=verdict,
        evidence=evidence,
        cause="Follow-for-follow communities and brand pages follow many accounts; they are real people who "
        "rarely see a post.",
    )
