"""Disclosure signal: the share of a creator's sponsored posts whose caption clearly says it is an ad.

One judgement (bot.vetting.caption_judgement): each sponsored post's caption gets the disclosure checker's verdict,
exactly as `/disclosure check` gives it for the same words under the team's jurisdiction, with the connection the
checker infers ("thanks for the gift" is a gift, "I work at GlowCo" employment). A post counts as clearly
disclosed when that verdict is `compliant`, leaving out only the spoken and on-screen disclosure a video also
needs (rule ids `format.*`), which a caption cannot show: the evidence says so for videos.
"""

from __future__ import annotations

from bot.vetting import weights as w
from bot.vetting.caption_judgement import CaptionJudgement, judge_post
from bot.vetting.context import PostFacts, VetContext
from bot.vetting.numbers import pct
from bot.vetting.signal import Signal, Verdict, measured, unknown, unmeasured
from bot.vocabulary import Jurisdiction

KEY, LABEL = "disclosure", "Ad disclosure"
QUOTE_CHARS = 140  # about two lines of the card
INNOCENT_CAUSE = (
    "The brand may have disclosed with the platform's paid-partnership label, which captions do not show; "
    "check the post itself."
)


def quote(caption: str, limit: int = QUOTE_CHARS) -> str:
    """The caption on one line, cut at a word near `limit` characters."""
    text = " ".join(caption.split())
    if not text:
        return "(no caption)"
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    at_word = cut.rsplit(" ", 1)[0]
    if len(at_word) >= limit * 2 // 3:  # a long link or word run is cut mid-word rather than lost
        cut = at_word
    return cut.rstrip(" ,.;:!-") + "…"


def _worst(checks: list[tuple[PostFacts, CaptionJudgement]]) -> tuple[PostFacts, CaptionJudgement] | None:
    """A missing disclosure before a weak one; among equals the newest post (checks come newest first)."""
    flagged = [c for c in checks if c[1].problem is not None]
    return max(flagged, key=lambda c: c[1].rank) if flagged else None


def _verdict(share: float) -> Verdict:
    if share >= w.DISCLOSURE_OK_SHARE:
        return Verdict.ok
    return Verdict.warn if share >= w.DISCLOSURE_BAD_BELOW else Verdict.bad


def disclosure_share(ctx: VetContext, jurisdiction: Jurisdiction = Jurisdiction.US) -> Signal:
    """Share of sponsored-looking recent posts whose caption carries a clear disclosure, worst example quoted."""
    benchmark = (
        f"at least {pct(w.DISCLOSURE_OK_SHARE, 0)} of sponsored-looking posts clearly disclosed in the caption "
        f"({jurisdiction.value} rules; under {pct(w.DISCLOSURE_BAD_BELOW, 0)} fails)"
    )
    if not ctx.posts:
        return unknown(KEY, LABEL, ctx.no_posts("No recent posts, so no sponsored posts to check"), benchmark)
    sponsored = [p for p in ctx.posts if p.sponsored]
    if not sponsored:
        nothing = f"No sponsored-looking posts among the {len(ctx.posts)} recent posts, so nothing to disclose"
        return unmeasured(KEY, LABEL, "no sponsored-looking posts", Verdict.ok, nothing, benchmark)
    checks = [(p, judge_post(p.post, ctx.platform, jurisdiction, flagged=True)) for p in sponsored]
    clear = sum(1 for _, judgement in checks if judgement.clearly_disclosed)
    share = clear / len(checks)
    posts = f"{len(checks)} sponsored-looking post" + ("s" if len(checks) != 1 else "")
    verb = "carries" if len(checks) == 1 else "carry"
    evidence = f"{clear} of {posts} {verb} a clear disclosure in the caption ({jurisdiction.value} rules)"
    videos = sum(1 for _, judgement in checks if judgement.is_video)
    if videos:
        which = "the video" if videos == 1 else f"the {videos} videos"
        evidence += (
            f"; for {which} only the caption was checked, so a clear caption counts even though a "
            "spoken and on-screen disclosure is also needed and cannot be seen here"
        )
    worst = _worst(checks)
    if worst is not None:
        facts, judgement = worst
        problem = judgement.problem
        kind = "no disclosure" if judgement.rank == 2 else "a weak disclosure"
        evidence += (
            f". Worst, {kind} on {facts.posted_at.date().isoformat()}: "
            f"“{quote(facts.post.caption)}” ({problem.message if problem else ''})"
        )
    return measured(
        KEY,
        LABEL,
        value=round(share, 3),
        display=f"{clear} of {posts} clearly disclosed ({pct(share, 0)})",
        benchmark=benchmark,
        verdict=_verdict(share),
        evidence=evidence,
        cause=INNOCENT_CAUSE,
    )
