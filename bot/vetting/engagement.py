"""Size and engagement signals: tier, engagement rate per follower and per view, comments per 100 likes."""

from __future__ import annotations

import statistics

from bot.vetting import weights as w
from bot.vetting.benchmarks import FLAGS_HIGH_ER, Band, band_tier, follower_band, view_band
from bot.vetting.context import PostFacts, VetContext
from bot.vetting.numbers import coefficient_of_variation, count, median, pct, ratio
from bot.vetting.signal import Signal, Verdict, measured, unknown
from bot.vetting.tiers import TIER_RANGES, Tier
from bot.vocabulary import Platform, plural

VIDEO_FIRST: frozenset[Platform] = frozenset({Platform.tiktok, Platform.youtube})

HIGH_ENGAGEMENT_CAUSE = "A viral post or a giveaway can lift recent engagement; look at the comments before concluding."
LOW_ENGAGEMENT_CAUSE = (
    "Engagement falls as accounts grow and when a platform cuts organic reach; a break from posting or a change "
    "of topic lowers it too."
)


def tier_signal(ctx: VetContext) -> Signal:
    key, label = "tier", "Tier"
    if ctx.followers is None or ctx.tier is None:
        return unknown(key, label, ctx.hidden("Follower count"))
    evidence = f"{count(ctx.followers)} followers: {ctx.tier.value} tier ({TIER_RANGES[ctx.tier]})"
    if ctx.tier == Tier.emerging:
        evidence += "; below every published tier, so the nano benchmarks apply"
    return Signal(
        key=key,
        label=label,
        value=ctx.followers,
        display=f"{ctx.tier.value} ({count(ctx.followers)} followers)",
        verdict=Verdict.ok,
        evidence=evidence,
    )


def _skipped(ctx: VetContext, used: int) -> str:
    skipped = len(ctx.posts) - used
    return f"; {plural(skipped, 'post')} with hidden counts skipped" if skipped else ""


def _band_verdict(value_pct: float, band: Band, flag_high: bool) -> tuple[Verdict, str]:
    if value_pct < band.low * w.ER_BAD_FRACTION:
        return Verdict.bad, "far below the band"
    if value_pct < band.low:
        return Verdict.warn, "below the band"
    if flag_high and value_pct > band.high * w.ER_SUSPICIOUS_MULTIPLE:
        return Verdict.warn, f"more than {w.ER_SUSPICIOUS_MULTIPLE:g}x the top of the band, unusually high"
    if value_pct > band.high:
        return Verdict.ok, "above the band"
    return Verdict.ok, "within the band"


def _no_posts(ctx: VetContext, key: str, label: str) -> Signal:
    return unknown(key, label, ctx.no_posts("No recent posts to measure"))


def engagement_rate(ctx: VetContext) -> Signal:
    """Median and mean of (likes + comments) / followers over the recent posts, against the tier+platform band."""
    key, label = "engagement_rate", "Engagement rate (per follower)"
    if ctx.followers is None or ctx.tier is None:
        return unknown(key, label, ctx.hidden("Follower count"))
    if ctx.followers == 0:
        return unknown(key, label, "No followers yet, so there is no engagement rate")
    if not ctx.posts:
        return _no_posts(ctx, key, label)
    rates = [p.engagement / ctx.followers * 100 for p in ctx.posts if p.engagement is not None]
    if not rates:
        return unknown(key, label, ctx.hidden("Likes or comments") + " on every recent post")
    # Rounded once, here: the card's key numbers show `value`, so the signal's own text must not round again.
    med, mean = round(median(rates), 4), round(statistics.fmean(rates), 4)
    band = follower_band(ctx.platform, ctx.tier)
    verdict, where = _band_verdict(med, band, ctx.platform in FLAGS_HIGH_ER)
    return measured(
        key,
        label,
        value=med,
        display=f"{med:.2f} % median ({mean:.2f} % mean)",
        benchmark=band.describe(ctx.platform, band_tier(ctx.tier), "per follower"),
        verdict=verdict,
        evidence=f"Median {med:.2f} %, mean {mean:.2f} % of followers engage per post over {len(rates)} posts: "
        f"{where}{_skipped(ctx, len(rates))}",
        cause=LOW_ENGAGEMENT_CAUSE if med < band.low else HIGH_ENGAGEMENT_CAUSE,
    )


def engagement_per_view(ctx: VetContext) -> Signal | None:
    """(likes + comments) / views for video-first platforms; None where it does not apply (Instagram)."""
    key, label = "engagement_per_view", "Engagement per view"
    if ctx.platform not in VIDEO_FIRST:
        return None
    if not ctx.posts:
        return _no_posts(ctx, key, label)
    rates = [
        p.engagement / p.views * 100
        for p in ctx.posts
        if p.engagement is not None and p.views  # views > 0
    ]
    if not rates:
        return unknown(key, label, ctx.hidden("Views, likes or comments") + " on every recent video")
    med = round(median(rates), 4)  # as shown and as stored: one rounding
    band = view_band(ctx.platform, ctx.tier) if ctx.tier is not None else None
    summary = f"Median {med:.2f} % of viewers like or comment, over {len(rates)} videos"
    if band is None or ctx.tier is None:
        return Signal(
            key=key,
            label=label,
            value=med,
            display=f"{med:.2f} % median",
            verdict=Verdict.ok,
            evidence=summary + "; no benchmark without the follower count (tier unknown)",
        )
    verdict, where = _band_verdict(med, band, flag_high=False)
    return measured(
        key,
        label,
        value=med,
        display=f"{med:.2f} % median",
        benchmark=band.describe(ctx.platform, band_tier(ctx.tier), "per view"),
        verdict=verdict,
        evidence=f"{summary}: {where}{_skipped(ctx, len(rates))}",
        cause="Long videos and search traffic bring viewers who watch without liking or commenting.",
    )


def _uniform_comments(visible: list[PostFacts]) -> float | None:
    """Coefficient of variation of comment counts when there are enough posts to call it."""
    if len(visible) < w.COMMENTS_UNIFORM_MIN_POSTS:
        return None
    return coefficient_of_variation([float(p.comments or 0) for p in visible])


def comments_per_100_likes(ctx: VetContext) -> Signal:
    """Comment density: too few comments for the likes suggests bought likes; too many, or too even, a pod."""
    key, label = "comments_per_100_likes", "Comments per 100 likes"
    benchmark = (
        f"healthy {w.COMMENTS_PER_100_LIKES_WARN_LOW:g}-{w.COMMENTS_PER_100_LIKES_WARN_HIGH:g} "
        "(SpendVet: 2-5 per 100 likes)"
    )
    if not ctx.posts:
        return _no_posts(ctx, key, label)
    visible = ctx.with_engagement()
    likes = sum(p.likes or 0 for p in visible)
    density = ratio(100 * sum(p.comments or 0 for p in visible), likes)
    if density is None:
        return unknown(key, label, ctx.hidden("Likes or comments") + " on every recent post", benchmark)
    summary = f"{density:.1f} comments per 100 likes over {plural(len(visible), 'post')}"
    verdict, cause = Verdict.ok, None
    if density < w.COMMENTS_PER_100_LIKES_WARN_LOW:
        verdict = Verdict.bad if density < w.COMMENTS_PER_100_LIKES_BAD_LOW else Verdict.warn
        summary += ": few people comment for the likes, which is how bought likes look"
        cause = "Pure-visual posts with no question in the caption draw few comments; comments may be limited."
    elif density > w.COMMENTS_PER_100_LIKES_WARN_HIGH:
        verdict = Verdict.bad if density > w.COMMENTS_PER_100_LIKES_BAD_HIGH else Verdict.warn
        summary += ": far more comments than likes usually bring, as engagement pods and bought comments do"
        cause = "A giveaway (comment to enter) or a question in the caption draws many comments."
    else:
        spread = _uniform_comments(visible)
        if spread is not None and spread < w.COMMENTS_UNIFORM_CV:
            verdict = Verdict.warn
            summary += (
                f": every post gets about the same number of comments (spread {pct(spread, 0)}), "
                "as when a pod comments on schedule"
            )
            cause = "A small, loyal community can comment very evenly."
    return measured(
        key,
        label,
        value=round(density, 2),
        display=f"{density:.1f}",
        benchmark=benchmark,
        verdict=verdict,
        evidence=summary + _skipped(ctx, len(visible)),
        cause=cause,
    )
