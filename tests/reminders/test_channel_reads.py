"""What kept history pages prove about a reminder's earlier post: pure rules, no Slack and no database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.campaigns.channel_reads import TICK, HistoryPage, check_window, plan_check, verdict

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LEASE = timedelta(seconds=45)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def page(since: float, until: float, read_at: float, **found: str) -> HistoryPage:
    return HistoryPage(at(since), at(until), at(read_at), {int(k.removeprefix("r")): ts for k, ts in found.items()})


# Reminder 7 began to post at T0 and was claimed again at 60 s: its post, if any, has a ts within -5 s .. 50 s.
WINDOW = check_window(7, at(0), LEASE, at(60))


def test_the_window_runs_from_the_post_to_the_end_of_its_lease_with_five_seconds_either_side():
    assert (WINDOW.since, WINDOW.until) == (at(-5), at(50))
    assert check_window(7, at(0), LEASE, at(20)).until == at(25)  # claimed again sooner: up to that claim


def test_a_page_read_after_the_attempt_that_covers_the_window_says_not_posted():
    assert verdict(WINDOW, [page(-10, 50, read_at=46)]).decided
    assert verdict(WINDOW, [page(-10, 50, read_at=46)]).posted_ts is None


def test_a_page_that_found_the_reminder_says_posted_with_its_ts():
    assert verdict(WINDOW, [page(40, 50, read_at=46, r7="1.5")]).posted_ts == "1.5"


def test_a_page_that_misses_part_of_the_window_decides_nothing():
    for partial in (page(-4, 50, read_at=46), page(-10, 49, read_at=46), page(10, 20, read_at=46)):
        assert verdict(WINDOW, [partial]).unread is not None
    assert verdict(WINDOW, [page(-10, 10, read_at=46), page(20, 50, read_at=46)]).unread == (
        at(10) + TICK,
        at(20) - TICK,
    )


def test_pages_a_microsecond_apart_leave_nothing_unread_between_them():
    """Slack's ts are unique to the microsecond: the next read starts just below the last page, not on it."""
    assert verdict(WINDOW, [page(-10, 10, read_at=46), HistoryPage(at(10) + TICK, at(50), at(46))]).decided


def test_pages_that_meet_cover_the_window_together():
    assert verdict(WINDOW, [page(20, 50, read_at=46), page(-5, 20, read_at=300)]).decided


def test_a_page_read_while_the_post_was_under_way_is_final_only_five_seconds_before_it_was_read():
    """Read at 30 s, before the attempt was over (45 s): a post landing at 31 s has a ts from 26 s on."""
    early = page(-5, 35, read_at=30)
    assert verdict(WINDOW, [early]).unread == (at(25) + TICK, at(50))
    assert verdict(WINDOW, [early, page(35, 50, read_at=46)]).unread == (at(25) + TICK, at(35) - TICK)
    assert verdict(WINDOW, [early, page(25, 50, read_at=46)]).decided


def test_one_read_is_planned_for_every_reminder_of_the_channel_that_awaits_a_check():
    others = [check_window(8, at(-30), LEASE, at(60)), check_window(9, at(10), LEASE, at(60))]
    check = plan_check(WINDOW, others, [page(-60, -20, read_at=100, r8="1.1")])
    assert check.to_read == (at(-5), at(60))  # reminder 8 was found: from 7's window to the end of 9's
    assert check.wanted == {7, 9}
    assert plan_check(WINDOW, others, [page(-60, 60, read_at=100)]).to_read is None


seconds = st.integers(min_value=-20, max_value=70)


@given(
    posting_since=st.integers(min_value=0, max_value=20),
    claimed=st.integers(min_value=0, max_value=80),
    pages=st.lists(st.tuples(seconds, seconds, seconds), max_size=6),
)
def test_not_posted_only_when_every_instant_of_the_window_is_under_a_final_page(posting_since, claimed, pages):
    window = check_window(1, at(posting_since), LEASE, at(max(claimed, posting_since)))
    kept = [page(min(a, b), max(a, b), read_at=r) for a, b, r in pages]

    def final(instant: datetime) -> bool:
        return any(p.since <= instant <= p.final_until(window) for p in kept)

    instants, moment = [], window.since
    while moment <= window.until:  # every half second: page bounds fall on whole seconds
        instants.append(moment)
        moment += timedelta(seconds=0.5)
    assert verdict(window, kept).decided == all(final(instant) for instant in instants)


def test_a_read_skips_what_pages_cover_already_between_two_unread_parts():
    """Reminder 7's window is read from 10 s to 30 s; reminder 8's runs into its top part, not into its bottom
    one: the next read is that top part and 8's, and the bottom part comes after."""
    others = [check_window(8, at(40), LEASE, at(100))]
    check = plan_check(WINDOW, others, [page(10, 30, read_at=100)])
    assert check.to_read == (at(30) + TICK, at(90))
    assert check.wanted == {7, 8}
    assert verdict(WINDOW, [page(10, 30, read_at=100)]).gaps == ((at(-5), at(10) - TICK), (at(30) + TICK, at(50)))
