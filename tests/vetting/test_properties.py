"""Property: vet() returns a JSON-serialisable report for any snapshot, however odd, and never crashes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.sources.models import (
    Comment,
    CreatorProfile,
    CreatorSnapshot,
    FollowerCountPoint,
    FollowerProfile,
    Post,
)
from bot.vetting.rates import PastFee
from bot.vetting.report import Deal, vet
from bot.vocabulary import CREATOR_PLATFORMS, DeliverableKind, Money, Platform
from tests.vetting.builders import rule_fake_scorer

ZONES = st.sampled_from([None, UTC, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8))])
MOMENTS = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31), timezones=ZONES)
COUNTS = st.none() | st.integers(min_value=-5, max_value=10**9) | st.sampled_from([0, 1, 1_000, 10_000])

comments = st.builds(Comment, text=st.text(max_size=40), username=st.none() | st.sampled_from(["a", "b", "c", "d"]))
posts = st.builds(
    Post,
    id=st.text(min_size=1, max_size=5),
    caption=st.text(max_size=60) | st.sampled_from(["#ad nice", "use code X", "paid partnership with Y"]),
    posted_at=MOMENTS,
    likes=COUNTS,
    comments=COUNTS,
    views=COUNTS,
    sample_comments=st.lists(comments, max_size=6),
)
points = st.builds(
    FollowerCountPoint,
    date=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    followers=st.integers(min_value=-5, max_value=10**9),
)
profiles = st.builds(
    FollowerProfile,
    username=st.text(max_size=10),
    has_profile_pic=st.booleans(),
    is_private=st.booleans(),
    follower_count=st.integers(min_value=0, max_value=10**7),
    following_count=st.integers(min_value=0, max_value=10**4),
    media_count=st.integers(min_value=0, max_value=10**4),
)
snapshots = st.builds(
    CreatorSnapshot,
    profile=st.builds(
        CreatorProfile,
        handle=st.text(min_size=1, max_size=12),
        platform=st.sampled_from(CREATOR_PLATFORMS),
        followers=COUNTS,
        following=COUNTS,
        is_private=st.booleans(),
    ),
    posts=st.lists(posts, max_size=35),
    follower_history=st.lists(points, max_size=30)
    | st.builds(
        lambda start, deltas: [
            FollowerCountPoint(date=start + timedelta(days=i), followers=1_000 + sum(deltas[:i]))
            for i in range(len(deltas))
        ],
        st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 1, 1)),
        st.lists(st.integers(min_value=0, max_value=20_000), min_size=7, max_size=40),
    ),
    follower_sample=st.none() | st.lists(profiles, max_size=60),
    fetched_at=MOMENTS,
    source=st.just("test"),
)


def odd_scorer(profiles: Sequence[FollowerProfile]) -> tuple[float, float, float, int]:
    return float("nan"), float("-inf"), 2.0, len(profiles)


@settings(max_examples=150, deadline=None)
@given(
    snapshot=snapshots,
    now=MOMENTS,
    scorer=st.sampled_from([None, rule_fake_scorer, odd_scorer]),
    ask=st.none()
    | st.builds(
        Money, amount=st.floats(min_value=0.01, max_value=1e7), currency=st.sampled_from(["USD", "EUR", "JPY"])
    ),
    exclusivity=st.booleans(),
    usage_rights=st.booleans(),
    kind=st.none() | st.sampled_from(DeliverableKind),
    fees=st.lists(
        st.builds(
            PastFee,
            platform=st.sampled_from(Platform),
            followers=st.integers(min_value=0, max_value=10**9),
            fee=st.builds(Money, amount=st.decimals(min_value=0, max_value=10**9, places=2)),
            posts=st.integers(min_value=0, max_value=50),
            kind=st.sampled_from(DeliverableKind),
            exclusivity=st.booleans(),
            usage_rights=st.booleans(),
        ),
        max_size=5,
    ),
    detector=st.sampled_from([None, lambda post: True, lambda post: False]),
)
def test_vet_never_crashes(snapshot, now, scorer, ask, exclusivity, usage_rights, kind, fees, detector) -> None:
    report = vet(
        snapshot,
        now=now,
        fake_scorer=scorer,
        sponsored_detector=detector,
        deal=Deal(ask=ask, kind=kind, exclusivity=exclusivity, usage_rights=usage_rights),
        past_fees=fees,
    )

    assert report.score is None or 0 <= report.score <= 100
    assert 0 <= report.coverage <= 1
    assert report.data_age_days >= 0
    assert all(flag.verdict in ("warn", "bad") for flag in report.red_flags)
    json.dumps(report.model_dump(mode="json"), allow_nan=False)  # strict JSON: no NaN or infinity anywhere
