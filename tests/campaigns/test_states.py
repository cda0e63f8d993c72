from __future__ import annotations

import itertools

import pytest

from bot.campaigns.errors import InvalidTransition
from bot.campaigns.states import (
    DeliverableState,
    Role,
    WaitingOn,
    is_finished,
    needs_approver,
    needs_reminders,
    next_actions,
    transition,
    waiting_on,
)

S = DeliverableState

# The workflow as the brief draws it, written out by hand (not derived from the module's table).
FORWARD = {
    S.invited: {S.accepted},
    S.accepted: {S.draft_due},
    S.draft_due: {S.draft_submitted},
    S.draft_submitted: {S.changes_requested, S.approved},
    S.changes_requested: {S.draft_submitted},
    S.approved: {S.scheduled},
    S.scheduled: {S.live},
    S.live: {S.verified},
    S.verified: {S.paid},
    S.paid: {S.complete},
    S.complete: set(),
    S.dropped: set(),
}
FINAL = {S.complete, S.dropped}
EXPECTED = {s: targets if s in FINAL else targets | {S.dropped} for s, targets in FORWARD.items()}
VALID = [(a, b) for a, targets in EXPECTED.items() for b in sorted(targets)]
INVALID = [(a, b) for a, b in itertools.product(S, S) if b not in EXPECTED[a]]


def test_every_pair_is_either_valid_or_invalid() -> None:
    assert len(VALID) + len(INVALID) == len(S) ** 2 == 144
    assert len(VALID) == 21


@pytest.mark.parametrize(("current", "target"), VALID)
def test_valid_transition_returns_the_target(current: DeliverableState, target: DeliverableState) -> None:
    assert transition(current, target) is target


@pytest.mark.parametrize(("current", "target"), INVALID)
def test_invalid_transition_says_what_is_allowed(current: DeliverableState, target: DeliverableState) -> None:
    with pytest.raises(InvalidTransition) as caught:
        transition(current, target)
    error = caught.value
    assert set(error.allowed) == {s.value for s in EXPECTED[current]}
    assert (error.current, error.target) == (current.value, target.value)
    for allowed in EXPECTED[current]:
        assert f"({allowed.value})" in str(error)


def test_invalid_transition_message_reads_well() -> None:
    with pytest.raises(InvalidTransition) as caught:
        transition(S.draft_due, S.approved)
    assert str(caught.value) == (
        "Can't go from draft due to approved. From draft due you can: Draft submitted (draft_submitted) "
        "or Drop (dropped)."
    )


def test_review_offers_three_moves() -> None:
    with pytest.raises(InvalidTransition) as caught:
        transition(S.draft_submitted, S.live)
    assert str(caught.value).endswith(
        "you can: Approve (approved), Request changes (changes_requested) or Drop (dropped)."
    )


def test_repeating_a_move_says_it_already_happened() -> None:
    with pytest.raises(InvalidTransition, match=r"^It is already approved\. From here you can: Scheduled"):
        transition(S.approved, S.approved)


@pytest.mark.parametrize("finished", [S.complete, S.dropped])
def test_finished_deliverables_cannot_move(finished: DeliverableState) -> None:
    with pytest.raises(InvalidTransition) as caught:
        transition(finished, S.invited)
    assert str(caught.value) == f"This deliverable is {finished.value}, so it can't change any more."
    assert caught.value.allowed == ()


def test_transition_accepts_plain_strings() -> None:
    assert transition("draft_submitted", "approved") is S.approved  # type: ignore[arg-type]


def test_finished_states() -> None:
    assert {s for s in S if is_finished(s)} == {S.complete, S.dropped}


def test_reminders_stop_once_the_post_is_live() -> None:
    assert {s for s in S if needs_reminders(s)} == {
        S.invited, S.accepted, S.draft_due, S.draft_submitted, S.changes_requested, S.approved, S.scheduled,
    }  # fmt: skip


def test_reminders_stop_once_posted_finished_or_dropped() -> None:
    assert {s for s in S if not needs_reminders(s)} == {S.live, S.verified, S.paid, S.complete, S.dropped}


def test_who_each_state_waits_on() -> None:
    on_creator = {s for s in S if waiting_on(s) is WaitingOn.creator}
    on_brand = {s for s in S if waiting_on(s) is WaitingOn.brand}
    assert on_creator == {S.invited, S.draft_due, S.changes_requested, S.approved, S.scheduled}
    assert on_brand == {S.accepted, S.draft_submitted, S.live, S.verified, S.paid}
    assert waiting_on(S.complete) is waiting_on(S.dropped) is WaitingOn.nobody


def test_only_review_decisions_need_an_approver() -> None:
    assert {s for s in S if needs_approver(s)} == {S.approved, S.changes_requested}


def test_card_buttons_for_a_submitted_draft() -> None:
    actions = next_actions(S.draft_submitted)
    assert [(a.label, a.target, a.style) for a in actions] == [
        ("Approve", S.approved, "primary"),
        ("Request changes", S.changes_requested, None),
        ("Drop", S.dropped, "danger"),
    ]
    assert [a.role for a in actions] == [Role.approver, Role.approver, Role.manager]  # Drop: owner or approvers


def test_request_changes_button_hidden_when_no_rounds_left() -> None:
    labels = [a.label for a in next_actions(S.draft_submitted, revisions_left=0)]
    assert labels == ["Approve", "Drop"]
    one_left = next_actions(S.draft_submitted, revisions_left=1)
    assert [a.label for a in one_left] == ["Approve", "Request changes", "Drop"]


@pytest.mark.parametrize("state", list(S))
def test_buttons_match_the_allowed_moves(state: DeliverableState) -> None:
    assert {a.target for a in next_actions(state)} == EXPECTED[state]


def test_finished_cards_have_no_buttons() -> None:
    assert next_actions(S.complete) == next_actions(S.dropped) == ()
