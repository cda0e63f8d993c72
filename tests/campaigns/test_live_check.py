"""A live caption's check and what counts as a change worth telling the channel (pure, no I/O)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.campaigns.live_check import (
    MAX_STORED_CAPTION,
    CheckStatus,
    caption_hash,
    change_since,
    check_live_caption,
    connection_for,
    materially_different,
    not_checkable,
    recheck_at,
)
from bot.disclosure import Connection, Verdict
from bot.vocabulary import DeliverableKind, Jurisdiction, Platform

AT = datetime(2027, 5, 3, 15, 30, tzinfo=UTC)
DISCLOSED = "#ad Rye & caraway, the Sunday loaf with @flourco dark rye. Code LENA10 for 10% off"
REMOVED = "Rye & caraway, the Sunday loaf with @flourco dark rye. Code LENA10 for 10% off"


def checked(caption: str, at: datetime = AT, check_id: str = "1", kind: DeliverableKind = DeliverableKind.post):
    check = check_live_caption(
        "7",
        caption,
        platform=Platform.instagram,
        kind=kind,
        jurisdiction=Jurisdiction.US,
        connection=Connection.paid,
        source="instagram",
        at=at,
    )
    return replace(check, id=check_id)


def test_a_caption_with_the_disclosure_up_front_is_clear_and_without_it_is_missing():
    assert checked(DISCLOSED).verdict is Verdict.compliant and checked(DISCLOSED).clear
    gone = checked(REMOVED)
    assert (gone.verdict, gone.failing) == (Verdict.missing, True)
    assert gone.findings and gone.fixed_caption and "#ad" in gone.fixed_caption.lower()


def test_a_reels_caption_is_at_best_needs_work_and_removing_its_label_is_a_removal():
    reel = checked(DISCLOSED, kind=DeliverableKind.reel)
    assert reel.verdict is Verdict.needs_work  # its spoken and on-screen disclosure cannot be read from text
    assert any("inside the content" in finding for finding in reel.findings)
    edited = checked(REMOVED, AT + timedelta(hours=24), check_id="2", kind=DeliverableKind.reel)
    change = change_since(reel, edited)
    assert change is not None and change.disclosure_removed
    assert change.summary().startswith("the disclosure was removed (was needs work)")


def test_a_long_caption_is_kept_cut_but_hashed_whole():
    long = DISCLOSED + " more" * 2000
    check = checked(long)
    assert check.caption is not None and len(check.caption) == MAX_STORED_CAPTION
    assert check.caption_hash == caption_hash(long) != caption_hash(long[:MAX_STORED_CAPTION])


@pytest.mark.parametrize(
    ("before", "after", "material"),
    [
        (DISCLOSED, DISCLOSED.upper(), False),  # case
        (DISCLOSED, DISCLOSED.replace(" ", "  \n"), False),  # spacing
        (DISCLOSED, DISCLOSED.replace("Sunday", "Sundy"), False),  # a typo
        (DISCLOSED, REMOVED, True),  # a hashtag gone
        (DISCLOSED, DISCLOSED.replace("@flourco", "@otherbrand"), True),  # another brand tagged
        (DISCLOSED, "#ad Totally different words about a new discount on everything now", True),
    ],
)
def test_what_counts_as_a_material_change(before, after, material):
    assert materially_different(before, after) is material


def test_the_disclosure_removed_after_going_live_is_a_change_once():
    first = checked(DISCLOSED, check_id="1")
    edited = checked(REMOVED, AT + timedelta(hours=24), check_id="2")
    change = change_since(first, edited, first=first)
    assert change is not None and change.disclosure_removed and change.caption_changed
    assert change.summary() == (
        "the disclosure was removed (was compliant); the caption was edited since it was last checked"
    )
    assert change.first is None  # the first caption is the one it is compared with already
    # the next check sees the same caption as the last one: nothing new to say
    assert change_since(edited, checked(REMOVED, AT + timedelta(days=7), check_id="3"), first=first) is None


def test_a_caption_changed_from_the_approved_one_says_so():
    first = checked(DISCLOSED, check_id="1")
    edited = checked("#ad A whole new text about the loaf and a brand new code SAVE50 now", check_id="2")
    change = change_since(first, edited, first=first, approved=DISCLOSED)
    assert change is not None and not change.disclosure_removed and change.off_approved
    assert "no longer matches the approved caption" in change.summary()


def test_the_first_caption_read_live_is_news_only_when_it_is_not_the_approved_one():
    live = checked("#ad A whole new text about the loaf and a brand new code SAVE50 now")
    change = change_since(None, live, approved=DISCLOSED)
    assert change is not None and change.off_approved and not change.caption_changed
    assert change.summary() == "it is not the caption that was approved"
    assert change_since(None, checked(DISCLOSED), approved=DISCLOSED) is None


def test_no_change_is_told_without_a_caption_read_before_or_now():
    first = checked(DISCLOSED)
    unreadable = not_checkable("7", "instagram", "Instagram does not show this post", at=AT)
    assert change_since(None, first) is None
    assert change_since(first, unreadable) is None
    assert (unreadable.status, unreadable.clear, unreadable.failing) == (CheckStatus.not_checkable, False, False)


def test_a_creator_on_a_campaign_has_a_material_connection():
    assert connection_for(300, None) is Connection.paid
    assert connection_for(0, 80) is Connection.gift
    assert connection_for(0, None) is Connection.paid  # no fee typed in yet: still booked by the brand


def test_the_recheck_is_a_day_after_going_live_under_a_stable_key():
    assert recheck_at("7", AT) == (AT + timedelta(hours=24), "7:live_recheck:24h")
