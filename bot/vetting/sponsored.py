"""Sponsored-post signals: how often a creator posts ads, and whether the audience still engages with them.

`looks_sponsored` is the disclosure checker's judgement (bot.vetting.caption_judgement): a post is sponsored when
the checker, reading its caption as `/disclosure check` does, finds a material connection with a brand
(disclosure words in every language it knows, gifts and employment in plain words, affiliate links, discount
codes, shop calls to action, brand tags). `vet()` takes any `(Post) -> bool` in its place.
"""

from __future__ import annotations

from bot.sources.models import Post
from bot.vetting import weights as w
from bot.vetting.caption_judgement import judge_post
from bot.vetting.context import VetContext
from bot.vetting.numbers import median, ratio
from bot.vetting.signal import Signal, Verdict, measured, unknown
from bot.vocabulary import Jurisdiction, Platform, plural


def looks_sponsored(
    post: Post, platform: Platform = Platform.instagram, jurisdiction: Jurisdiction = Jurisdiction.US
) -> bool:
    """The checker finds a material connection in the caption ("#ad", "#sp", "thanks for the gift", "I work at
    GlowCo", a discount code, an affiliate link, a brand tag …), under `jurisdiction`'s rules."""
    return judge_post(post, platform, jurisdiction).sponsored


def sponsored_frequency(ctx: VetContext) -> Signal:
    key, label = "sponsored_frequency", "Sponsored posts per 30 days"
    benchmark = f"at most {w.SPONSORED_PER_30D_WARN:g} a month"
    if not ctx.posts:
        return unknown(key, label, ctx.no_posts("No recent posts, so no sponsored posts to count"), benchmark)
    sponsored = sum(1 for p in ctx.posts if p.sponsored)
    oldest = min(p.posted_at for p in ctx.posts)
    span_days = max((ctx.fetched_at - oldest).total_seconds() / 86_400, w.SPONSORED_MIN_SPAN_DAYS)
    per_30 = sponsored * 30 / span_days
    verdict = Verdict.ok
    if per_30 > w.SPONSORED_PER_30D_BAD:
        verdict = Verdict.bad
    elif per_30 > w.SPONSORED_PER_30D_WARN:
        verdict = Verdict.warn
    evidence = f"{sponsored} of {plural(len(ctx.posts), 'recent post')} look sponsored over {span_days:.0f} days"
    if verdict != Verdict.ok:
        evidence += (
            f": promotes everything (more than {w.SPONSORED_PER_30D_WARN:g} sponsored posts a month), "
            "so one more brand gets little attention"
        )
    return measured(
        key,
        label,
        value=round(per_30, 2),
        display=f"{per_30:.1f} per 30 days",
        benchmark=benchmark,
        verdict=verdict,
        evidence=evidence,
        cause="A launch month or a shopping season (Black Friday, Christmas) crowds sponsored posts together.",
    )


def sponsored_engagement(ctx: VetContext) -> Signal:
    """Median engagement of sponsored posts over that of organic posts."""
    key, label = "sponsored_engagement", "Sponsored vs organic engagement"
    benchmark = f"sponsored posts earn at least {w.SPONSORED_RATIO_WARN:g}x the organic engagement"
    if not ctx.posts:
        return unknown(key, label, ctx.no_posts("No recent posts to compare"), benchmark)
    visible = ctx.with_engagement()
    if not visible:
        return unknown(key, label, ctx.hidden("Likes or comments") + " on every recent post", benchmark)
    paid = [float(p.engagement or 0) for p in visible if p.sponsored]
    organic = [float(p.engagement or 0) for p in visible if not p.sponsored]
    if len(paid) < w.SPONSORED_MIN_EACH or len(organic) < w.SPONSORED_MIN_EACH:
        return unknown(
            key,
            label,
            f"Too few posts to compare: {len(paid)} sponsored and {len(organic)} organic with visible likes and "
            f"comments (need {w.SPONSORED_MIN_EACH} of each)",
            benchmark,
        )
    value = ratio(median(paid), median(organic))
    if value is None:
        return unknown(key, label, "Organic posts have no engagement to compare with", benchmark)
    verdict = Verdict.warn if value < w.SPONSORED_RATIO_WARN else Verdict.ok
    evidence = (
        f"Sponsored posts get {value:.2f}x the engagement of organic ones "
        f"(median {median(paid):,.0f} vs {median(organic):,.0f}, {len(paid)} sponsored / {len(organic)} organic)"
    )
    if verdict != Verdict.ok:
        evidence += ": the audience tunes out the ads"
    return measured(
        key,
        label,
        value=round(value, 3),
        display=f"{value:.2f}x organic",
        benchmark=benchmark,
        verdict=verdict,
        evidence=evidence,
        cause="Sponsored posts usually earn somewhat less; a product far from the creator's usual topics earns much "
        "less.",
    )
