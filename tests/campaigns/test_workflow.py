from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.campaigns.errors import InvalidTransition, NotAllowed, RevisionLimitReached
from bot.campaigns.models import Campaign, Deliverable
from bot.campaigns.states import DeliverableState
from bot.campaigns.workflow import apply_transition, approvers, authorize, card_actions, revisions_left
from tests.campaigns.factories import APPROVER, MEMBER, OWNER, make_campaign, make_deliverable

S = DeliverableState
AT = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def _move(d: Deliverable, target: DeliverableState, limit: int = 2, actor: str = APPROVER) -> Deliverable:
    moved, _record = apply_transition(d, target, actor_user_id=actor, at=AT, max_revision_rounds=limit)
    return moved


def test_happy_path_from_invite_to_complete_leaves_an_audit_trail() -> None:
    deliverable = make_deliverable()
    path = [
        S.accepted, S.draft_due, S.draft_submitted, S.changes_requested, S.draft_submitted, S.approved,
        S.scheduled, S.live, S.verified, S.paid, S.complete,
    ]  # fmt: skip
    trail = []
    for step, target in enumerate(path):
        deliverable, record = apply_transition(
            deliverable, target, actor_user_id=MEMBER, at=AT + timedelta(hours=step), max_revision_rounds=2
        )
        trail.append(record)
    assert deliverable.state is S.complete
    assert [(t.from_state, t.to_state) for t in trail][:3] == [
        (S.invited, S.accepted),
        (S.accepted, S.draft_due),
        (S.draft_due, S.draft_submitted),
    ]
    assert trail[3].revision_round == 1 and trail[3].to_state is S.changes_requested
    assert all(t.actor_user_id == MEMBER and t.deliverable_id == "d1" for t in trail)
    assert trail[-1].at == AT + timedelta(hours=10)
    assert deliverable.posted_at == AT + timedelta(hours=7)  # when it went live


def test_record_time_is_stored_in_utc() -> None:
    new_york = timezone(timedelta(hours=-5))
    _, record = apply_transition(
        make_deliverable(), S.accepted, actor_user_id=OWNER, at=datetime(2026, 12, 1, 9, tzinfo=new_york),
        max_revision_rounds=2,
    )  # fmt: skip
    assert record.at == datetime(2026, 12, 1, 14, tzinfo=UTC) and record.at.tzinfo is UTC


def test_naive_record_time_is_refused() -> None:
    naive = datetime(2026, 12, 1)
    with pytest.raises(ValueError, match="without a time zone"):
        apply_transition(make_deliverable(), S.accepted, actor_user_id=OWNER, at=naive, max_revision_rounds=2)


def test_invalid_move_leaves_the_deliverable_unchanged() -> None:
    deliverable = make_deliverable(state=S.draft_due)
    with pytest.raises(InvalidTransition):
        _move(deliverable, S.live)
    assert deliverable.state is S.draft_due


def test_revision_rounds_are_capped_by_the_creator_terms() -> None:
    d = make_deliverable(state=S.draft_submitted)
    d = _move(_move(d, S.changes_requested), S.draft_submitted)
    d = _move(_move(d, S.changes_requested), S.draft_submitted)
    assert d.revision_rounds == 2
    assert revisions_left(d, 2) == 0
    with pytest.raises(RevisionLimitReached) as caught:
        _move(d, S.changes_requested)
    assert str(caught.value) == (
        "All 2 revision rounds in the creator's terms are used (2 requested so far), so changes can't be "
        "requested again. Approve the draft as it is, drop the deliverable, or agree an extra round with the "
        "creator and raise max revision rounds in their terms first."
    )
    assert (caught.value.rounds_used, caught.value.max_rounds) == (2, 2)
    assert _move(d, S.approved).state is S.approved  # approving is still possible


def test_no_revision_rounds_in_the_terms() -> None:
    with pytest.raises(RevisionLimitReached, match="^The creator's terms include no revision rounds"):
        _move(make_deliverable(state=S.draft_submitted), S.changes_requested, limit=0)


def test_raising_the_limit_allows_another_round() -> None:
    d = make_deliverable(state=S.draft_submitted, revision_rounds=2)
    assert _move(d, S.changes_requested, limit=3).revision_rounds == 3


def test_card_hides_request_changes_when_rounds_are_used() -> None:
    fresh = make_deliverable(state=S.draft_submitted)
    used = make_deliverable(state=S.draft_submitted, revision_rounds=1)
    assert [a.label for a in card_actions(fresh, 1)] == ["Approve", "Request changes", "Drop"]
    assert [a.label for a in card_actions(used, 1)] == ["Approve", "Drop"]


def test_approvers_default_to_the_owner() -> None:
    assert approvers(make_campaign()) == (APPROVER,)
    assert approvers(make_campaign(approver_user_ids=())) == (OWNER,)


@pytest.mark.parametrize("target", [S.approved, S.changes_requested])
def test_review_decisions_are_for_approvers(campaign: Campaign, target: DeliverableState) -> None:
    authorize(campaign, APPROVER, target)
    with pytest.raises(NotAllowed) as caught:
        authorize(campaign, MEMBER, target)
    assert caught.value.allowed_user_ids == (APPROVER,)
    assert str(caught.value).startswith("Only this campaign's approvers can ")


def test_owner_is_not_an_approver_when_approvers_are_named(campaign: Campaign) -> None:
    with pytest.raises(NotAllowed, match="can approve drafts"):
        authorize(campaign, OWNER, S.approved)


DAY_TO_DAY = [s for s in S if s not in (S.approved, S.changes_requested, S.dropped, S.verified, S.paid, S.complete)]


@pytest.mark.parametrize("target", DAY_TO_DAY)
def test_day_to_day_moves_are_for_the_campaign_channel_and_its_managers(
    campaign: Campaign, target: DeliverableState
) -> None:
    authorize(campaign, MEMBER, target, in_channel=True)
    authorize(campaign, OWNER, target)
    authorize(campaign, APPROVER, target)
    with pytest.raises(NotAllowed, match=r"work from the campaign's channel <#C0CAMPAIGN>"):
        authorize(campaign, MEMBER, target)  # from a DM, say: someone outside the campaign


@pytest.mark.parametrize("target", [S.dropped, S.verified, S.paid, S.complete])
def test_closing_and_paying_are_for_the_owner_and_approvers(campaign: Campaign, target: DeliverableState) -> None:
    authorize(campaign, OWNER, target)
    authorize(campaign, APPROVER, target)
    with pytest.raises(NotAllowed, match="Only the campaign's owner and approvers can mark a deliverable"):
        authorize(campaign, MEMBER, target, in_channel=True)


def test_apply_transition_checks_permission_when_given_the_campaign(campaign: Campaign) -> None:
    d = make_deliverable(state=S.draft_submitted)
    with pytest.raises(NotAllowed):
        apply_transition(d, S.approved, actor_user_id=MEMBER, at=AT, max_revision_rounds=2, campaign=campaign)
    moved, record = apply_transition(
        d, S.approved, actor_user_id=APPROVER, at=AT, max_revision_rounds=2, campaign=campaign
    )
    assert moved.state is S.approved and record.actor_user_id == APPROVER
