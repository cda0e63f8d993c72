"""Disclosure signal: the share of a creator's sponsored-looking posts whose caption clearly says it is an ad.

Each post the sponsored detector flagged is run through the disclosure checker as a paid post (it looks like an
ad, so the question is only whether the disclosure is clear), under the team's jurisdiction. Only those posts
are checked, which keeps vet() fast.

A caption checker cannot see or hear a video: for videos, reels, shorts, stories and lives the checker always
adds "also disclose it in the content" findings (rule ids `format.*`). We leave those out, so a video whose
caption is otherwise clear counts as disclosed, and the evidence says the spoken/on-screen part was not checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.disclosure import MAX_CAPTION_CHARS, CheckRequest, Connection, Finding, Format, Severity, check_caption
from bot.disclosure.models import VIDEO_FORMATS
from bot.vetting import weights as w
from bot.vetting.context import PostFacts, VetContext
from bot.vetting.numbers import pct
from bot.vetting.signal import Signal, Verdict, measured, unknown, unmeasured
from bot.vocabulary import Jurisdiction, Platform

KEY, LABEL = "disclosure", "Ad disclosure"
QUOTE_CHARS = 140  # about two lines of the card
CONTENT_ONLY_RULES = "format."  # findings about the video itself, which a caption cannot show
INNOCENT_CAUSE = (
    "The brand may have disclosed with the platform's paid-partnership label, which captions do not show; "
    "check the post itself."
)

_FORMAT_BY_KIND = {
    "image": Format.post,
    "carousel": Format.post,
    "video": Format.video,
    "reel": Format.reel,
    "short": Format.short,
    "story": Format.story,
    "live": Format.live,
}
# An unknown kind (the sources' default "post"): TikTok and YouTube publish videos, Instagram a feed post.
_DEFAULT_FORMAT = {Platform.instagram: Format.post, Platform.tiktok: Format.video, Platform.youtube: Format.video}
_SEVERITY_RANK = {Severity.missing: 2, Severity.needs_work: 1}


def post_format(platform: Platform, kind: str) -> Format:
    """The checker's format for a post of this `kind` (see Post.kind) on this platform."""
    return _FORMAT_BY_KIND.get(kind.lower(), _DEFAULT_FORMAT[platform])


@dataclass(frozen=True)
class CaptionCheck:
    post: PostFacts
    format: Format
    problem: Finding | None  # the main reason the disclosure is not clear; None when it is

    @property
    def rank(self) -> int:
        """0 clear, 1 needs work, 2 missing."""
        return _SEVERITY_RANK[self.problem.severity] if self.problem else 0


def check_post(post: PostFacts, platform: Platform, jurisdiction: Jurisdiction) -> CaptionCheck:
    """Check one sponsored-looking post's caption as a paid post, leaving out what only the video could show."""
    fmt = post_format(platform, post.post.kind)
    result = check_caption(
        CheckRequest(
            text=post.post.caption[:MAX_CAPTION_CHARS],  # no platform's caption is longer; a source's may be
            platform=platform,
            format=fmt,
            jurisdiction=jurisdiction,
            connection=Connection.paid,
        )
    )
    problems = [
        f for f in result.findings if f.severity in _SEVERITY_RANK and not f.rule_id.startswith(CONTENT_ONLY_RULES)
    ]
    # the checker lists findings in reading order; the main one is the first of the worst severity
    problem = max(problems, key=lambda f: _SEVERITY_RANK[f.severity], default=None)
    return CaptionCheck(post=post, format=fmt, problem=problem)


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


def _worst(checks: list[CaptionCheck]) -> CaptionCheck | None:
    """A missing disclosure before a weak one; among equals the newest post (checks come newest first)."""
    flagged = [c for c in checks if c.problem is not None]
    return max(flagged, key=lambda c: c.rank) if flagged else None


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
    checks = [check_post(p, ctx.platform, jurisdiction) for p in sponsored]
    clear = sum(1 for c in checks if c.problem is None)
    share = clear / len(checks)
    posts = f"{len(checks)} sponsored-looking post" + ("s" if len(checks) != 1 else "")
    verb = "carries" if len(checks) == 1 else "carry"
    evidence = f"{clear} of {posts} {verb} a clear disclosure in the caption ({jurisdiction.value} rules)"
    videos = sum(1 for c in checks if c.format in VIDEO_FORMATS)
    if videos:
        which = "the video" if videos == 1 else f"the {videos} videos"
        evidence += (
            f"; for {which} only the caption was checked, so a clear caption counts even though a "
            "spoken and on-screen disclosure is also needed and cannot be seen here"
        )
    worst = _worst(checks)
    if worst is not None and worst.problem is not None:
        kind = "no disclosure" if worst.rank == 2 else "a weak disclosure"
        evidence += (
            f". Worst, {kind} on {worst.post.posted_at.date().isoformat()}: "
            f"“{quote(worst.post.post.caption)}” ({worst.problem.message})"
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
