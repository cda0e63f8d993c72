"""One judgement of a post's caption, the disclosure checker's, for /vet and /disclosure alike.

/vet asks two questions of a caption: is it sponsored (is there a material connection with a brand?) and is that
clearly disclosed? Both answers come from `check_caption`, asked exactly as `/disclosure check` asks it (no
connection given, so the checker infers one from the words, links, codes and tags), under the team's rules:

- sponsored: the checker finds a material connection (its verdict is anything but `not_needed`): disclosure
  words, gifts told in plain words ("thanks for the gift", "@brand sent this over"), employment or family
  ("I work at GlowCo"), affiliate links, discount codes, shop calls to action, brand tags;
- clearly disclosed: the checker's verdict is `compliant`. For videos, reels, shorts, stories and lives the
  checker also asks for a spoken and on-screen disclosure that no caption can show (findings `format.*`); those
  are left out, so a video whose caption would be compliant as a post counts as disclosed, and the card says
  the spoken part was not checked.

When a caller's own sponsored detector flags a post the checker finds no connection in, the post is judged as a
paid post (`/disclosure check connection:paid`), the same checker with the connection given.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from bot.disclosure import (
    MAX_CAPTION_CHARS,
    CheckRequest,
    CheckResult,
    Connection,
    Finding,
    Format,
    Severity,
    check_caption,
)
from bot.disclosure import Verdict as CheckVerdict
from bot.disclosure.models import VIDEO_FORMATS
from bot.sources.models import Post
from bot.vocabulary import Jurisdiction, Platform

CONTENT_ONLY_RULES = "format."  # findings about the video itself, which a caption cannot show
_SEVERITY_RANK = {Severity.missing: 2, Severity.needs_work: 1}
_FORMAT_BY_KIND = {
    "image": Format.post,
    "carousel": Format.post,
    "video": Format.video,
    "reel": Format.reel,
    "short": Format.short,
    "story": Format.story,
    "live": Format.live,
}
# An unknown kind (the sources' default "post"): TikTok and YouTube publish videos, the others feed posts.
_VIDEO_PLATFORMS = frozenset({Platform.tiktok, Platform.youtube})


def post_format(platform: Platform, kind: str) -> Format:
    """The checker's format for a post of this `kind` (see Post.kind) on this platform."""
    default = Format.video if platform in _VIDEO_PLATFORMS else Format.post
    return _FORMAT_BY_KIND.get(kind.lower(), default)


@dataclass(frozen=True)
class CaptionJudgement:
    result: CheckResult  # the checker's answer, as /disclosure check gives it
    format: Format

    @property
    def sponsored(self) -> bool:
        """A material connection with a brand: given, or inferred by the checker from the caption."""
        return self.result.verdict is not CheckVerdict.not_needed

    @property
    def connection(self) -> Connection:
        return self.result.connection

    @property
    def problem(self) -> Finding | None:
        """The main reason the caption's disclosure is not clear (the first of the worst severity), leaving out
        what only the video itself could show; None when the caption is clear or nothing needs disclosing."""
        problems = [
            f
            for f in self.result.findings
            if f.severity in _SEVERITY_RANK and not f.rule_id.startswith(CONTENT_ONLY_RULES)
        ]
        return max(problems, key=lambda f: _SEVERITY_RANK[f.severity], default=None)

    @property
    def clearly_disclosed(self) -> bool:
        """Sponsored, and the checker finds the caption's disclosure clear and well placed."""
        return self.sponsored and self.problem is None

    @property
    def rank(self) -> int:
        """0 clear, 1 needs work, 2 missing."""
        problem = self.problem
        return _SEVERITY_RANK[problem.severity] if problem else 0

    @property
    def is_video(self) -> bool:
        return self.format in VIDEO_FORMATS


@lru_cache(maxsize=4096)  # /vet asks twice per post: is it sponsored, and is it disclosed
def judge_caption(
    caption: str,
    platform: Platform,
    kind: str,
    jurisdiction: Jurisdiction,
    connection: Connection = Connection.unknown,
) -> CaptionJudgement:
    """The checker's judgement of one post's caption, as `/disclosure check` gives it for the same words."""
    fmt = post_format(platform, kind)
    result = check_caption(
        CheckRequest(
            text=caption[:MAX_CAPTION_CHARS],  # no platform's caption is longer; a source's may be
            platform=platform,
            format=fmt,
            jurisdiction=jurisdiction,
            connection=connection,
        )
    )
    return CaptionJudgement(result=result, format=fmt)


def judge_post(
    post: Post, platform: Platform, jurisdiction: Jurisdiction, *, flagged: bool = False
) -> CaptionJudgement:
    """`post`'s caption judged by the checker; `flagged`: another detector says it is sponsored, so a caption the
    checker finds no connection in is judged as a paid post."""
    judgement = judge_caption(post.caption or "", platform, post.kind, jurisdiction)
    if flagged and not judgement.sponsored:
        judgement = judge_caption(post.caption or "", platform, post.kind, jurisdiction, Connection.paid)
    return judgement
