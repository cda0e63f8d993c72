"""Comment-quality signals: generic or emoji-only comments, and the same accounts commenting on every post.

HypeAuditor counts a comment as inauthentic when it is emoji-only, generic ("wow, cool") or mention-only and
comes from a pod; 1-3 such comments in 20 are normal, half or more "ring the bell".
"""

from __future__ import annotations

import re
from collections import Counter

from bot.vetting import weights as w
from bot.vetting.context import VetContext
from bot.vetting.numbers import pct
from bot.vetting.signal import Signal, Verdict, graded, measured, unknown
from bot.vocabulary import plural

# Words that say nothing about the post: praise, filler, and follow-for-follow spam.
GENERIC_WORDS: frozenset[str] = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "this",
        "that",
        "it",
        "its",
        "it's",
        "is",
        "so",
        "such",
        "very",
        "really",
        "just",
        "too",
        "of",
        "on",
        "in",
        "for",
        "to",
        "you",
        "your",
        "ur",
        "u",
        "i",
        "im",
        "i'm",
        "nice",
        "great",
        "good",
        "cool",
        "wow",
        "love",
        "loved",
        "lovely",
        "like",
        "amazing",
        "awesome",
        "beautiful",
        "gorgeous",
        "stunning",
        "perfect",
        "pretty",
        "cute",
        "wonderful",
        "fantastic",
        "incredible",
        "excellent",
        "super",
        "fire",
        "lit",
        "vibe",
        "vibes",
        "goals",
        "queen",
        "king",
        "best",
        "omg",
        "yes",
        "yay",
        "yess",
        "pic",
        "pics",
        "picture",
        "photo",
        "shot",
        "post",
        "content",
        "feed",
        "page",
        "account",
        "profile",
        "work",
        "job",
        "well",
        "done",
        "keep",
        "up",
        "bro",
        "sis",
        "dear",
        "dude",
        "babe",
        "much",
        "mega",
        "ok",
        "okay",
        "thanks",
        "thank",
        "follow",
        "back",
        "check",
        "out",
        "my",
        "me",
        "dm",
        "collab",
        "promote",
    ]
)

_MENTION_OR_URL = re.compile(r"@[\w.]+|https?://\S+|www\.\S+")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_ELONGATED = re.compile(r"(\w)\1{2,}")  # "sooo" -> "so", "niceee" -> "nice"


def is_generic_comment(text: str) -> bool:
    """True for comments that could sit under any post: emoji-only, mention-only, or only generic words."""
    stripped = _MENTION_OR_URL.sub(" ", text.lower())
    if not any(ch.isalnum() for ch in stripped):
        return True  # emoji, punctuation or mentions only
    words = [_ELONGATED.sub(r"\1", word) for word in _WORD.findall(stripped)]
    if any(ch.isdigit() for ch in stripped) and not words:
        return False  # "3 eggs?" is about the post
    return 0 < len(words) <= w.GENERIC_COMMENT_MAX_WORDS and all(word in GENERIC_WORDS for word in words)


def _comment_sample(ctx: VetContext) -> list[str]:
    return [c.text for p in ctx.posts for c in p.post.sample_comments]


def generic_comments(ctx: VetContext) -> Signal:
    key, label = "generic_comments", "Generic or emoji-only comments"
    benchmark = f"under {pct(w.GENERIC_COMMENTS_WARN, 0)} (HypeAuditor: 50 % or more rings the bell)"
    comments = _comment_sample(ctx)
    if not ctx.posts:
        return unknown(key, label, ctx.no_posts("No recent posts, so no comments to read"), benchmark)
    if len(comments) < w.GENERIC_COMMENTS_MIN_SAMPLE:
        return unknown(
            key,
            label,
            f"Only {len(comments)} sample comments available (need {w.GENERIC_COMMENTS_MIN_SAMPLE}); "
            "comments hidden or not available",
            benchmark,
        )
    generic = [text for text in comments if is_generic_comment(text)]
    share = len(generic) / len(comments)
    verdict = graded(share, w.GENERIC_COMMENTS_WARN, w.GENERIC_COMMENTS_BAD)
    examples = ", ".join(f'"{text}"' for text, _ in Counter(generic).most_common(3))
    evidence = f"{len(generic)} of {len(comments)} sampled comments are generic or emoji-only"
    if verdict != Verdict.ok and examples:
        evidence += f", e.g. {examples}: the kind engagement pods and comment bots leave"
    return measured(
        key,
        label,
        value=round(share, 4),
        display=pct(share, 0),
        benchmark=benchmark,
        verdict=verdict,
        evidence=evidence,
        cause="Fans of photo-led accounts often answer with emojis; read a few comments before concluding.",
    )


def repeat_commenters(ctx: VetContext) -> Signal:
    """Share of sampled comments written by accounts that comment on at least half of the posts."""
    key, label = "repeat_commenters", "Same commenters on every post"
    benchmark = f"under {pct(w.REPEAT_COMMENTS_WARN, 0)} of comments from regulars (our default)"
    posts_with_names = [[c.username.lower() for c in p.post.sample_comments if c.username] for p in ctx.posts]
    posts_with_names = [names for names in posts_with_names if names]
    if len(posts_with_names) < w.REPEAT_MIN_POSTS:
        if not ctx.posts:
            return unknown(key, label, ctx.no_posts("No recent posts, so no commenters to compare"), benchmark)
        evidence = (
            f"Commenter names available on {len(posts_with_names)} posts (need {w.REPEAT_MIN_POSTS}); "
            "comments hidden or not available"
        )
        return unknown(key, label, evidence, benchmark)
    posts_per_user = Counter(user for names in posts_with_names for user in set(names))
    threshold = w.REPEAT_POST_SHARE * len(posts_with_names)
    regulars = {user for user, n in posts_per_user.items() if n >= threshold}
    total = sum(len(names) for names in posts_with_names)
    by_regulars = sum(1 for names in posts_with_names for user in names if user in regulars)
    share = by_regulars / total
    verdict = graded(share, w.REPEAT_COMMENTS_WARN, w.REPEAT_COMMENTS_BAD)
    evidence = (
        f"{plural(len(regulars), 'account')} {'comments' if len(regulars) == 1 else 'comment'} on at least half of "
        f"{plural(len(posts_with_names), 'post')} and wrote "
        f"{pct(share, 0)} of the sampled comments"
    )
    if verdict != Verdict.ok:
        evidence += ": engagement pods look like this"
    return measured(
        key,
        label,
        value=round(share, 4),
        display=pct(share, 0),
        benchmark=benchmark,
        verdict=verdict,
        evidence=evidence,
        cause="Loyal fans and friends also comment on every post; look at what they write.",
    )
