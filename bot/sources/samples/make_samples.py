"""Regenerate the synthetic sample creators: `.venv/bin/python -m bot.sources.samples.make_samples`.

Every creator here is invented (handles end in `_sample`), with numbers shaped like real accounts of its tier
and dates counted back from one fixed FETCHED_AT, so the output is identical on every run. Each one shows the
signals named in its `Spec.shows`; tests/vetting checks that /vet flags exactly those.
"""

from __future__ import annotations

import math
import random
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.sources.models import (
    Comment,
    CreatorProfile,
    CreatorSnapshot,
    FollowerCountPoint,
    FollowerProfile,
    Post,
)
from bot.sources.snapshot import SOURCE_NAME, save_snapshot
from bot.vocabulary import Platform

FETCHED_AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SEED = 20260302
HERE = Path(__file__).parent

GENERIC_COMMENTS = [
    "nice",
    "great pic 🔥",
    "😍😍",
    "love this",
    "🔥🔥🔥",
    "wow",
    "amazing!!",
    "so beautiful 😍",
    "👏👏",
    "Awesome post",
    "cool",
    "❤️",
    "perfect",
    "nice shot",
    "love it",
    "goals 🙌",
]

# Per niche: captions, a sponsored caption template ({brand}), and comments that could only be about this niche.
NICHES: dict[str, dict[str, list[str]]] = {
    "baking": {
        "captions": [
            "Brown butter banana bread, the one I keep coming back to",
            "Sourdough day 3: finally an open crumb! Recipe in bio",
            "Lemon drizzle for a rainy Sunday",
            "Tried laminating dough at home. It went... partly well",
            "Cardamom buns, my grandmother's recipe with less sugar",
        ],
        "sponsored": ["#ad Baking with {brand} flour this week, it really holds its shape. Code NINA10 for 10% off"],
        "comments": [
            "Did you use brown butter for this one?",
            "How long did the dough rest?",
            "Saving this for the weekend!",
            "Made these yesterday, my kids loved them",
            "What flour do you use?",
            "That crumb shot is unreal",
            "Can I swap the sugar for honey?",
            "Your grandmother would be proud",
            "Tried it, mine came out flat :(",
            "What temperature for a fan oven?",
            "Recipe please!!",
            "The cardamom ones are my favourite so far",
        ],
    },
    "travel": {
        "captions": [
            "Golden hour over the Douro, 35mm, no filter",
            "Three days in the Dolomites with one lens",
            "Street corners of Lisbon, a series",
            "Long exposure at the harbour, 30 seconds at f/11",
            "Fog in the valley at 6am was worth the alarm",
        ],
        "sponsored": ["Paid partnership with {brand}: the bag that carried my kit through the Alps. #ad"],
        "comments": [
            "Which lens was this?",
            "The fog layers here are incredible",
            "Adding Lisbon to my list",
            "What settings for the long exposure?",
            "How did you get there so early?",
            "Is this near Porto?",
            "The colour grading is so calm",
            "Did you use a tripod or a wall?",
            "I hiked this last year, so windy",
            "Any tips for shooting in fog?",
            "Those shadows on the tram!",
            "What time of year was this?",
        ],
    },
    "fashion": {
        "captions": [
            "Spring layers: linen over a knit",
            "Three ways to wear a trench",
            "Thrifted blazer, tailored to fit",
            "Monochrome week, day 2",
            "Capsule wardrobe update for March",
        ],
        "sponsored": ["Wearing {brand} #sponsored, link in bio"],
        "comments": [
            "Where is the blazer from?",
            "That trench is perfect on you",
            "Love the linen idea for spring",
            "What size are you wearing?",
            "Which tailor did you use?",
            "The monochrome look suits you",
        ],
    },
    "fitness": {
        "captions": [
            "Leg day. No excuses",
            "Morning mobility flow, 10 minutes",
            "Deadlift PR today!",
            "Meal prep Sunday",
            "Consistency > intensity",
        ],
        "sponsored": ["Fuelled by {brand} protein #ad"],
        "comments": [
            "What's your split this week?",
            "How much protein per day?",
            "Form looks solid on the deadlift",
            "Doing this flow tomorrow morning",
            "How long did it take to get to that PR?",
        ],
    },
    "beauty": {
        "captions": [
            "My honest skincare routine",
            "No-makeup makeup for work",
            "Drugstore dupes that actually work",
            "Night routine, 5 steps",
            "Fixing dry patches in winter",
        ],
        "sponsored": [
            "#ad Obsessed with the new {brand} serum, use code PENNY20 for 20% off",
            "Paid partnership with {brand}. My go-to foundation right now, link in bio",
            "Discount code PENNY15 for {brand} lipsticks #sponsored",
            "Use my code PENNY at {brand}! amzn.to/3xYz affiliate link",
        ],
        "comments": [
            "Which moisturiser is that?",
            "Does the serum sting on sensitive skin?",
            "Can you do an oily-skin version?",
            "The dupes list saved me so much money",
            "What shade is the foundation?",
            "Is this fragrance free?",
        ],
    },
    "tech": {
        "captions": [
            "I replaced my laptop with a tablet for a month",
            "Budget mechanical keyboards, tested",
            "Why your Wi-Fi is slow (and how to fix it)",
            "Home server for under $200",
            "The best cheap webcam in 2026?",
            "Repairing a 10-year-old phone",
        ],
        "sponsored": ["This video is sponsored by {brand}. Use code YARA15 for 15% off your first month."],
        "comments": [
            "Which keyboard switch did you end up using?",
            "The Wi-Fi channel tip fixed my house, thanks",
            "Can you test the ARM version next?",
            "What did the server draw at idle?",
            "The repair part was great",
            "Would this work with a mesh network?",
            "Timestamp for the webcam comparison?",
            "Finally an honest review",
            "Is the 2024 model any different?",
            "Linked this to my dad",
            "What's the noise level at load?",
        ],
    },
    "comedy_cooking": {
        "captions": [
            "Making pasta with only a kettle",
            "Rating every instant noodle in my cupboard",
            "Cooking my roommate's weirdest request",
            "Dorm-room pizza, day 4",
            "Can you make bread in a toaster?",
        ],
        "sponsored": ["#ad this pan from {brand} survived my cooking"],
        "comments": [
            "The kettle pasta actually worked??",
            "Your roommate is a menace",
            "Ranking was spot on except #3",
            "Do the toaster one again with rye",
            "I tried this in my dorm and set off the alarm",
            "Part 2 please",
            "How did the pizza not burn",
            "Why is this so relaxing to watch",
        ],
    },
    "interior": {
        "captions": [
            "Small balcony, big plans",
            "Rental-friendly shelves",
            "Before/after: the hallway",
            "Plants that survived my north-facing flat",
        ],
        "sponsored": ["In partnership with {brand}: the lamp that finally fixed my reading corner"],
        "comments": [
            "Where are the shelves from?",
            "The hallway looks twice as big",
            "Which plant is on the left?",
            "How did you hang them without drilling?",
            "Love what you did with the balcony",
        ],
    },
}

BRANDS = ["Acme", "Brightside", "Nordwave", "Kettle & Co", "Lumen", "Fernhill", "Orbit"]


@dataclass
class Spec:
    """One sample creator: its profile, its posting pattern, and the signals it is made to show."""

    handle: str
    platform: Platform
    niche: str
    shows: str  # the signals this sample demonstrates (documentation only)
    followers: int | None
    following: int | None
    media_count: int | None
    display_name: str | None
    posts: int
    span_days: float
    median_likes: float  # for video: taken as a share of views instead (likes_per_view)
    comments_per_100_likes: float
    sponsored: int = 1
    sponsored_engagement: float = 0.9  # sponsored likes as a share of organic likes
    views: float | None = None  # median views per video
    likes_per_view: float = 0.0
    noise: float = 0.35  # lognormal spread of per-post numbers
    comment_noise: float = 0.35
    generic_share: float = 0.12
    comments_per_post: int = 6
    regulars: int = 2  # superfans who comment on about 60 % of posts
    pod: int = 0  # pod members who comment on about 70 % of posts
    history_days: int = 90
    growth_per_day: float = 10
    growth_sd: float = 4
    jumps: dict[int, int] = field(default_factory=dict)  # days before FETCHED_AT -> extra followers that day
    viral: tuple[int, float] | None = None  # (post index, multiple of the usual numbers)
    sample_size: int = 200
    fake_profiles: int = 12
    mass_real_profiles: int = 8
    is_private: bool = False
    hidden_likes: bool = False
    history: bool = True
    follower_sample: bool = True
    kind: str = "image"


SPECS = [
    Spec(
        "nina_nano_sample",
        Platform.instagram,
        "baking",
        "clean nano: no red flags, recommended",
        followers=4_210,
        following=612,
        media_count=318,
        display_name="Nina bakes",
        posts=18,
        span_days=54,
        median_likes=172,
        comments_per_100_likes=3.6,
        growth_per_day=4,
        growth_sd=3,
    ),
    Spec(
        "marco_micro_sample",
        Platform.instagram,
        "travel",
        "clean micro: no red flags, recommended",
        followers=38_420,
        following=845,
        media_count=1_204,
        display_name="Marco | travel photos",
        posts=24,
        span_days=60,
        median_likes=735,
        comments_per_100_likes=3.3,
        sponsored=3,
        growth_per_day=30,
        growth_sd=10,
        kind="carousel",
    ),
    Spec(
        "bella_bought_sample",
        Platform.instagram,
        "fashion",
        "bought followers: round unexplained spikes, high fake share, low reachability, low engagement",
        followers=52_310,
        following=1_380,
        media_count=640,
        display_name="Bella Style",
        posts=20,
        span_days=60,
        median_likes=205,
        comments_per_100_likes=3.4,
        growth_per_day=12,
        growth_sd=5,
        jumps={41: 10_000, 17: 5_000},
        fake_profiles=90,
        mass_real_profiles=10,
    ),
    Spec(
        "pete_pod_sample",
        Platform.instagram,
        "fitness",
        "engagement pod: generic comments, too many (and too even) comments per like, same commenters",
        followers=15_640,
        following=2_100,
        media_count=890,
        display_name="Pete Lifts",
        posts=21,
        span_days=63,
        median_likes=172,
        comments_per_100_likes=31,
        comment_noise=0.05,
        generic_share=0.8,
        comments_per_post=8,
        regulars=0,
        pod=10,
        growth_per_day=14,
        growth_sd=6,
    ),
    Spec(
        "penny_promo_sample",
        Platform.instagram,
        "beauty",
        "promotes everything: 7 sponsored posts a month that earn a third of the organic engagement",
        followers=22_840,
        following=730,
        media_count=1_530,
        display_name="Penny Glow",
        posts=24,
        span_days=59.5,
        median_likes=640,
        comments_per_100_likes=3.4,
        sponsored=14,
        sponsored_engagement=0.33,
        growth_per_day=18,
        growth_sd=7,
    ),
    Spec(
        "yara_youtube_sample",
        Platform.youtube,
        "tech",
        "clean YouTube micro: per-view engagement, no follower sample (YouTube lists no subscribers)",
        followers=86_500,
        following=None,
        media_count=212,
        display_name="Yara Tech Explained",
        posts=14,
        span_days=84,
        median_likes=0,
        comments_per_100_likes=6,
        views=32_000,
        likes_per_view=0.042,
        sponsored=2,
        sponsored_engagement=0.85,
        comments_per_post=8,
        growth_per_day=45,
        growth_sd=15,
        follower_sample=False,
        kind="video",
    ),
    Spec(
        "tariq_tiktok_sample",
        Platform.tiktok,
        "comedy_cooking",
        "clean TikTok micro: a follower spike explained by a viral video, no red flags",
        followers=41_230,
        following=310,
        media_count=388,
        display_name="Tariq Cooks Badly",
        posts=22,
        span_days=44,
        median_likes=0,
        comments_per_100_likes=1.4,
        views=28_000,
        likes_per_view=0.09,
        growth_per_day=35,
        growth_sd=12,
        viral=(10, 55),
        kind="video",
    ),
    Spec(
        "hana_hidden_sample",
        Platform.instagram,
        "interior",
        "missing data: hidden likes, no follower history, no follower sample: unknowns, caution",
        followers=7_930,
        following=None,
        media_count=None,
        display_name=None,
        posts=15,
        span_days=50,
        median_likes=0,
        comments_per_100_likes=0,
        comments_per_post=0,
        hidden_likes=True,
        history=False,
        follower_sample=False,
    ),
    Spec(
        "priya_private_sample",
        Platform.instagram,
        "interior",
        "private account: follower count only, every other signal unknown",
        followers=8_310,
        following=420,
        media_count=150,
        display_name="Priya",
        posts=0,
        span_days=0,
        median_likes=0,
        comments_per_100_likes=0,
        is_private=True,
        history=False,
        follower_sample=False,
    ),
]


def _around(rng: random.Random, median: float, spread: float) -> float:
    return median * math.exp(rng.gauss(0, spread))


def _username(rng: random.Random, fake: bool = False) -> str:
    if fake:
        letters = "".join(rng.choices(string.ascii_lowercase, k=rng.randint(5, 9)))
        return letters + "".join(rng.choices(string.digits, k=rng.randint(4, 7)))
    first = rng.choice(
        [
            "ana",
            "ben",
            "carla",
            "dev",
            "emma",
            "farid",
            "gio",
            "hugo",
            "ines",
            "jon",
            "kai",
            "lea",
            "mo",
            "noor",
            "oli",
            "pia",
            "quin",
            "rosa",
            "sam",
            "tom",
            "uma",
            "vik",
            "wen",
            "yusuf",
        ]
    )
    second = rng.choice(["", ".", "_"]) + rng.choice(
        ["bakes", "reads", "runs", "travels", "art", "daily", "home", "life", "m", "k", "lee", "ortiz", "studio", "jpg"]
    )
    return first + second + (str(rng.randint(1, 99)) if rng.random() < 0.3 else "")


def _real_profile(rng: random.Random, mass: bool) -> FollowerProfile:
    following = rng.randint(1_600, 4_800) if mass else min(1_450, int(_around(rng, 420, 0.6)))
    return FollowerProfile(
        username=_username(rng),
        full_name=rng.choice(["Ana R.", "Ben", "Carla M", "Dev", None]),
        biography=rng.choice(["coffee + books", "runner", "🌿", "mum of two", None]),
        has_profile_pic=rng.random() < 0.96,
        is_private=rng.random() < 0.35,
        follower_count=int(_around(rng, 380, 0.9)),
        following_count=following,
        media_count=max(3, int(_around(rng, 90, 0.9))),
        has_external_url=rng.random() < 0.1,
    )


def _fake_profile(rng: random.Random) -> FollowerProfile:
    return FollowerProfile(
        username=_username(rng, fake=True),
        full_name=None,
        biography=None,
        has_profile_pic=rng.random() < 0.15,
        is_private=rng.random() < 0.2,
        follower_count=rng.randint(0, 40),
        following_count=rng.randint(1_800, 7_500),
        media_count=rng.randint(0, 2),
        has_external_url=False,
    )


def _follower_sample(rng: random.Random, spec: Spec) -> list[FollowerProfile]:
    real = spec.sample_size - spec.fake_profiles
    profiles = [_fake_profile(rng) for _ in range(spec.fake_profiles)]
    profiles += [_real_profile(rng, mass=i < spec.mass_real_profiles) for i in range(real)]
    rng.shuffle(profiles)
    return profiles


def _history(rng: random.Random, spec: Spec, viral_day: int | None) -> list[FollowerCountPoint]:
    """Daily follower counts ending at the profile's count; jumps and the viral bump added on their days."""
    if spec.followers is None:
        return []
    extra = dict(spec.jumps)
    if viral_day is not None:  # the day of the viral post and the two after it
        for offset, gain in ((0, 1_500), (1, 6_400), (2, 1_700), (3, 300)):
            extra[viral_day - offset] = extra.get(viral_day - offset, 0) + gain
    deltas = {
        day: max(0, round(rng.gauss(spec.growth_per_day, spec.growth_sd))) + extra.get(day, 0)
        for day in range(spec.history_days)
    }
    today = FETCHED_AT.date()
    count = spec.followers
    points = []
    for day in range(spec.history_days + 1):
        points.append(FollowerCountPoint(date=today - timedelta(days=day), followers=count))
        count -= deltas.get(day, 0)
    return sorted(points, key=lambda p: p.date)


def _comments(rng: random.Random, spec: Spec, fans: list[str], regulars: list[str], pod: list[str]) -> list[Comment]:
    niche = NICHES[spec.niche]["comments"]
    writers = [u for u in pod if rng.random() < 0.7] + [u for u in regulars if rng.random() < 0.6]
    writers = writers[: spec.comments_per_post]
    writers += rng.sample(fans, spec.comments_per_post - len(writers))
    return [
        Comment(
            username=user,
            text=rng.choice(GENERIC_COMMENTS) if rng.random() < spec.generic_share else rng.choice(niche),
        )
        for user in writers
    ]


def _posts(rng: random.Random, spec: Spec) -> list[Post]:
    niche = NICHES[spec.niche]
    fans = [_username(rng) + str(i) for i in range(300)]
    regulars = [_username(rng) for _ in range(spec.regulars)]
    pod = [_username(rng) for _ in range(spec.pod)]
    sponsored_at = set(rng.sample(range(spec.posts), spec.sponsored)) if spec.posts else set()
    posts = []
    for index in range(spec.posts):
        age = spec.span_days * (index + 0.5) / spec.posts + rng.uniform(-0.3, 0.3)
        posted_at = (FETCHED_AT - timedelta(days=age)).replace(minute=0, second=0, microsecond=0)
        sponsored = index in sponsored_at
        multiple = spec.viral[1] if spec.viral and spec.viral[0] == index else 1.0
        views = round(_around(rng, spec.views, spec.noise) * multiple) if spec.views else None
        if views is not None:
            likes = round(views * spec.likes_per_view * math.exp(rng.gauss(0, 0.1)))
        else:
            likes = round(_around(rng, spec.median_likes, spec.noise) * multiple)
        if sponsored:
            likes = round(likes * spec.sponsored_engagement)
        comments = round(likes * spec.comments_per_100_likes / 100 * math.exp(rng.gauss(0, spec.comment_noise)))
        caption = (
            rng.choice(niche["sponsored"]).format(brand=rng.choice(BRANDS))
            if sponsored
            else rng.choice(niche["captions"])
        )
        posts.append(
            Post(
                id=f"{spec.handle}-{index:03d}",
                caption=caption,
                posted_at=posted_at,
                kind=spec.kind,
                likes=None if spec.hidden_likes else likes,
                comments=comments if not spec.hidden_likes else rng.randint(6, 18),
                views=views,
                sample_comments=_comments(rng, spec, fans, regulars, pod) if spec.comments_per_post else [],
            )
        )
    if spec.hidden_likes:  # a few comments visible on the newest posts only, as a reader of the app would see
        for post in posts[:4]:
            post.sample_comments = [
                Comment(username=rng.choice(fans), text=rng.choice(niche["comments"])) for _ in range(3)
            ]
    return posts


def build(spec: Spec) -> CreatorSnapshot:
    rng = random.Random(f"{SEED}-{spec.handle}")
    posts = _posts(rng, spec)
    viral_day = None
    if spec.viral is not None:
        viral_day = (FETCHED_AT.date() - posts[spec.viral[0]].posted_at.date()).days
    return CreatorSnapshot(
        profile=CreatorProfile(
            handle=spec.handle,
            platform=spec.platform,
            display_name=spec.display_name,
            biography=f"Synthetic sample creator for CreatorOps: {spec.shows}.",
            followers=spec.followers,
            following=spec.following,
            media_count=spec.media_count,
            is_private=spec.is_private,
        ),
        posts=posts,
        follower_history=_history(rng, spec, viral_day) if spec.history else [],
        follower_sample=_follower_sample(rng, spec) if spec.follower_sample else None,
        fetched_at=FETCHED_AT,
        source=SOURCE_NAME,
    )


def main(write: Callable[[CreatorSnapshot, Path], Path] = save_snapshot) -> None:
    for spec in SPECS:
        path = write(build(spec), HERE)
        print(f"{path.name}: {spec.shows}")


if __name__ == "__main__":
    main()
