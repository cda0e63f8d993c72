"""The report's line of views on SQLite and PostgreSQL: each day's total of every post's latest view count, kept
right however readings arrive (late, corrected, with views unknown)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from bot.metrics.inputs import PostObservation
from bot.vocabulary import Money, Platform
from storage.campaigns import add_campaign, add_creator
from storage.results import save_observations, views_by_day
from tests.campaigns.factories import OWNER, make_campaign
from tests.databases import stored

TEAM, OTHER_TEAM = "T0VIEWS", "T0OTHER"
A, B = "https://instagram.com/p/A", "https://instagram.com/p/B"
_names = itertools.count()


def _campaign_and_creator(engine: Engine, team: str = TEAM) -> tuple[int, int]:
    campaign = make_campaign(team_id=team, name=f"Views {next(_names)}", budget=Money(amount=0, currency="USD"))
    campaign_id = int(stored(engine, add_campaign, campaign, created_by=OWNER).id)
    creator = stored(engine, add_creator, team, campaign_id, handle="ana", platform="instagram", fee=Decimal(100))
    return campaign_id, creator


def _at(url: str, moment: datetime, views: int | None) -> PostObservation:
    return PostObservation(post_url=url, handle="ana", platform=Platform.instagram, observed_at=moment, views=views)


def _reading(url: str, when: str, views: int | None) -> PostObservation:
    return _at(url, datetime.fromisoformat(when).replace(tzinfo=UTC), views)


def test_the_line_follows_later_readings_and_readings_imported_again(engine) -> None:
    campaign_id, ana = _campaign_and_creator(engine)
    a, b = A, B
    stored(
        engine,
        save_observations,
        TEAM,
        campaign_id,
        [
            (ana, _reading(a, "2026-03-01T10:00:00", 100)),
            (ana, _reading(a, "2026-03-01T23:59:59", 150)),
            (ana, _reading(a, "2026-03-02T00:00:00", 160)),  # the next UTC day
            (ana, _reading(b, "2026-03-01T12:00:00", None)),  # views unknown: no point for that day
        ],
    )
    assert stored(engine, views_by_day, TEAM, campaign_id) == [(date(2026, 3, 1), 150), (date(2026, 3, 2), 160)]
    # A corrected export: the late reading of the 1st had 120 views, not 150; B's views are known after all;
    # and a later import adds the 2nd's evening.
    stored(
        engine,
        save_observations,
        TEAM,
        campaign_id,
        [(ana, _reading(a, "2026-03-01T23:59:59", 120)), (ana, _reading(b, "2026-03-01T12:00:00", 40))],
    )
    stored(engine, save_observations, TEAM, campaign_id, [(ana, _reading(a, "2026-03-02T20:00:00", 300))])
    # 1 March: A 120 + B 40; 2 March: A's 300 + B's 40 from the day before.
    assert stored(engine, views_by_day, TEAM, campaign_id) == [(date(2026, 3, 1), 160), (date(2026, 3, 2), 340)]
    # B's only reading corrected to views unknown: B has no view count any more.
    stored(engine, save_observations, TEAM, campaign_id, [(ana, _reading(b, "2026-03-01T12:00:00", None))])
    assert stored(engine, views_by_day, TEAM, campaign_id) == [(date(2026, 3, 1), 120), (date(2026, 3, 2), 300)]


def test_the_line_counts_the_campaigns_own_posts(engine) -> None:
    mine, beside, theirs = (_campaign_and_creator(engine, team) for team in (TEAM, TEAM, OTHER_TEAM))
    for team, (campaign_id, creator), views in ((TEAM, mine, 10), (TEAM, beside, 500), (OTHER_TEAM, theirs, 900)):
        stored(engine, save_observations, team, campaign_id, [(creator, _reading(A, "2026-03-01T10:00:00", views))])
    assert stored(engine, views_by_day, TEAM, mine[0]) == [(date(2026, 3, 1), 10)]


START = datetime(2026, 3, 1, tzinfo=UTC)
readings_st = st.lists(
    st.tuples(
        st.sampled_from((A, B, "https://tiktok.com/@ana/video/C")),
        st.integers(0, 24 * 6).map(lambda hours: START + timedelta(hours=hours, minutes=59)),
        st.none() | st.integers(0, 10_000),
    ),
    max_size=25,
)


def expected_line(readings: dict[tuple[str, datetime], int | None]) -> list[tuple[date, int]]:
    """By hand: each post's highest views per UTC day; each day, the sum of every post's latest such count."""
    highest: dict[tuple[str, date], int] = {}
    for (url, moment), views in readings.items():
        if views is not None:
            day = moment.date()
            highest[(url, day)] = max(views, highest.get((url, day), 0))
    line = []
    for day in sorted({day for _, day in highest}):
        latest = {url: views for (url, on), views in sorted(highest.items(), key=lambda item: item[0][1]) if on <= day}
        line.append((day, sum(latest.values())))
    return line


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(imports=st.lists(readings_st, min_size=1, max_size=3))
def test_the_line_is_the_days_total_of_each_posts_latest_count(engine, imports) -> None:
    campaign_id, ana = _campaign_and_creator(engine)
    kept: dict[tuple[str, datetime], int | None] = {}
    for readings in imports:
        unique = {(url, moment): views for url, moment, views in readings}  # one reading per post and instant
        batch = [(ana, _at(url, moment, views)) for (url, moment), views in unique.items()]
        stored(engine, save_observations, TEAM, campaign_id, batch)
        kept.update(unique)  # a reading imported again replaces the earlier one
    assert stored(engine, views_by_day, TEAM, campaign_id) == expected_line(kept)
