"""Kept history pages on SQLite and PostgreSQL: seen only in their workspace and channel, forgotten when old."""

from __future__ import annotations

from datetime import timedelta

from bot.campaigns.channel_reads import HistoryPage
from handlers.jobs.housekeeping import purge_old_channel_reads
from storage.channel_reads import add_page, pages_within
from tests.databases import stored
from tests.reminders.dispatching import NOW


def at(seconds: float):
    return NOW + timedelta(seconds=seconds)


def test_a_page_is_seen_only_in_its_workspace_and_channel_and_where_it_overlaps(engine):
    page = HistoryPage(at(0), at(60), at(61), {7: "1796115600.000012"})
    stored(engine, add_page, "T1", "C1", page)
    assert stored(engine, pages_within, "T1", "C1", at(10), at(20)) == [page]
    assert stored(engine, pages_within, "T1", "C1", at(60), at(90)) == [page]  # bounds are inclusive
    assert stored(engine, pages_within, "T1", "C1", at(61), at(90)) == []
    assert stored(engine, pages_within, "T2", "C1", at(10), at(20)) == []
    assert stored(engine, pages_within, "T1", "C2", at(10), at(20)) == []


def test_the_housekeeping_job_forgets_pages_read_more_than_two_days_ago(services, engine, clock):
    for team in ("T1", "T2"):
        stored(engine, add_page, team, "C1", HistoryPage(at(-90), at(-60), at(-59)))
        stored(engine, add_page, team, "C1", HistoryPage(at(-60), at(0), at(1)))
    clock.advance(days=2, seconds=-30)
    assert purge_old_channel_reads(services) == 2
    for team in ("T1", "T2"):
        assert [p.read_at for p in stored(engine, pages_within, team, "C1", at(-100), at(100))] == [at(1)]
