"""Draft versions and decisions against an in-memory unit of work: checked on arrival, decided by the right
people on the latest version only, with revision rounds counted against the terms."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.campaigns.errors import CampaignError, NotAllowed
from bot.campaigns.states import DeliverableState
from bot.review.models import ChangeReason, Decision, DraftSource, Step
from bot.review.rules import NeedsConfirmation, OldVersion, RevisionLimit
from bot.services import campaigns, drafts
from bot.services.drafts import DecisionInput, DraftSubmission
from storage import drafts as draft_store
from storage import live_checks as live_check_store
from tests.unit.test_campaign_services import APPROVER, CHANNEL, CREATOR, NOW, TEAM, add, new_campaign

LEGAL = "U0LEGAL"
NO_AD = "Loving the new serum from GlowCo, link in bio"
WITH_AD = "#ad Loving the new serum from GlowCo #GlowCo, link in bio"


def submit(uow, deliverable_id: int, caption: str, *, actor: str = CREATOR, where: str | None = CHANNEL, at=NOW):
    submission = DraftSubmission(deliverable_id, caption, DraftSource.slack, links=("https://drive.example/v.mp4",))
    return drafts.submit_draft(uow, TEAM, submission, actor=actor, now=at, where=where)


def setup(uow, **campaign_fields):
    campaign_id = new_campaign(uow, required_tags="#GlowCo", **campaign_fields)
    return int(add(uow, campaign_id).deliverable.id)


def state(uow, deliverable_id: int) -> DeliverableState:
    return campaigns.get_deliverable(uow, TEAM, deliverable_id).deliverable.state


def test_a_draft_is_checked_on_arrival_and_moves_an_invited_deliverable_to_review_in_one_commit(uow):
    deliverable_id = setup(uow)
    before = uow.commits
    submitted = submit(uow, deliverable_id, NO_AD)
    assert uow.commits == before + 1
    version = submitted.view.version
    assert (version.version, version.check.verdict, version.check.label_to_enable) == (1, "missing", "Paid partnership")
    assert version.check.fixed_caption.startswith("#ad ") and version.check.fixed_caption.endswith("#GlowCo")
    assert "The brief asks for #GlowCo in the caption; it is not there." in [f.message for f in version.check.findings]
    assert state(uow, deliverable_id) is DeliverableState.draft_submitted
    assert submitted.thread_ts is None and submitted.thread_channel == CHANNEL


def test_someone_outside_the_channel_cannot_submit(uow):
    deliverable_id = setup(uow)
    with pytest.raises(NotAllowed):
        submit(uow, deliverable_id, WITH_AD, where="C0ELSEWHERE")


def test_only_approvers_decide_and_a_missing_disclosure_needs_confirming(uow):
    deliverable_id = setup(uow)
    version_id = int(submit(uow, deliverable_id, NO_AD).view.version.id)
    with pytest.raises(NotAllowed, match="Only this campaign's approvers"):
        drafts.decide(uow, TEAM, version_id, DecisionInput(Decision.approved), actor=CREATOR, now=NOW)
    with pytest.raises(NeedsConfirmation, match="found no disclosure in v1"):
        drafts.decide(uow, TEAM, version_id, DecisionInput(Decision.approved), actor=APPROVER, now=NOW)
    assert state(uow, deliverable_id) is DeliverableState.draft_submitted
    confirmed = DecisionInput(Decision.approved, confirmed_missing_disclosure=True)
    decided = drafts.decide(uow, TEAM, version_id, confirmed, actor=APPROVER, now=NOW)
    assert decided.moved_to is DeliverableState.approved
    [kept] = drafts.history(uow, TEAM, deliverable_id)[0].decisions
    assert (kept.decision, kept.actor, kept.confirmed_missing_disclosure) == (Decision.approved, APPROVER, True)


def test_changes_then_v2_then_old_version_refused_with_pointer(uow):
    deliverable_id = setup(uow)
    v1 = int(submit(uow, deliverable_id, NO_AD).view.version.id)
    asked = DecisionInput(Decision.changes_requested, reasons=(ChangeReason.disclosure,), note="add #ad up front")
    drafts.decide(uow, TEAM, v1, asked, actor=APPROVER, now=NOW)
    assert state(uow, deliverable_id) is DeliverableState.changes_requested
    v2 = int(submit(uow, deliverable_id, WITH_AD, at=NOW + timedelta(hours=1)).view.version.id)
    with pytest.raises(OldVersion, match="This is v1, and v2 is the latest"):
        drafts.decide(uow, TEAM, v1, DecisionInput(Decision.approved), actor=APPROVER, now=NOW)
    drafts.decide(uow, TEAM, v2, DecisionInput(Decision.approved), actor=APPROVER, now=NOW)
    history = draft_store_history(uow, deliverable_id)
    assert [(v.version, [(d.decision.value, d.reasons, d.note) for d in v.decisions]) for v in history] == [
        (1, [("changes_requested", [ChangeReason.disclosure], "add #ad up front")]),
        (2, [("approved", [], None)]),
    ]
    assert state(uow, deliverable_id) is DeliverableState.approved
    with uow:  # what the live post is compared with: the approved v2, not the v1 sent back
        assert live_check_store.approved_caption(uow.session, TEAM, deliverable_id) == WITH_AD


def draft_store_history(uow, deliverable_id):
    with uow:
        return draft_store.draft_history(uow.session, TEAM, deliverable_id)


def test_two_steps_brand_then_legal(uow):
    deliverable_id = setup(uow, legal_approver_user_ids=(LEGAL,))
    version_id = int(submit(uow, deliverable_id, WITH_AD).view.version.id)
    with pytest.raises(NotAllowed):
        drafts.decide(uow, TEAM, version_id, DecisionInput(Decision.approved), actor=LEGAL, now=NOW)
    brand = drafts.decide(uow, TEAM, version_id, DecisionInput(Decision.approved), actor=APPROVER, now=NOW)
    assert brand.moved_to is None and brand.view.pending is Step.legal
    assert state(uow, deliverable_id) is DeliverableState.draft_submitted
    with pytest.raises(NotAllowed, match="the legal review is next"):
        drafts.decide(uow, TEAM, version_id, DecisionInput(Decision.approved), actor=APPROVER, now=NOW)
    legal = drafts.decide(uow, TEAM, version_id, DecisionInput(Decision.approved), actor=LEGAL, now=NOW)
    assert legal.moved_to is DeliverableState.approved and legal.decision.step is Step.legal


def test_revision_limit_then_another_round(uow):
    deliverable_id = setup(uow)  # the terms allow 2 rounds
    asked = DecisionInput(Decision.changes_requested, reasons=(ChangeReason.tone,))
    for _ in range(2):
        version_id = int(submit(uow, deliverable_id, WITH_AD).view.version.id)
        drafts.decide(uow, TEAM, version_id, asked, actor=APPROVER, now=NOW)
    third = submit(uow, deliverable_id, WITH_AD).view
    assert (third.rounds_used, third.round_limit, third.rounds_left) == (2, 2, 0)
    version_id = int(third.version.id)
    with pytest.raises(RevisionLimit, match="All 2 revision rounds are used"):
        drafts.decide(uow, TEAM, version_id, asked, actor=APPROVER, now=NOW)
    with pytest.raises(CampaignError, match="Only this campaign's approvers"):
        drafts.allow_another_round(uow, TEAM, version_id, actor=CREATOR)
    extended = drafts.allow_another_round(uow, TEAM, version_id, actor=APPROVER)
    assert (extended.round_limit, extended.rounds_left) == (3, 1)
    drafts.decide(uow, TEAM, version_id, asked, actor=APPROVER, now=NOW)
    assert campaigns.get_deliverable(uow, TEAM, deliverable_id).deliverable.revision_rounds == 3


def test_a_bare_approve_button_cannot_bypass_a_submitted_draft(uow):
    deliverable_id = setup(uow)
    submit(uow, deliverable_id, NO_AD)
    with pytest.raises(CampaignError, match="Decide on v1 of this draft on its review card"):
        campaigns.move(uow, TEAM, deliverable_id, "approved", actor=APPROVER, now=NOW, where=CHANNEL)
    assert state(uow, deliverable_id) is DeliverableState.draft_submitted


def test_required_tags_are_edited_with_the_campaign_and_checked_on_the_next_version(uow):
    deliverable_id = setup(uow)
    context = campaigns.get_deliverable(uow, TEAM, deliverable_id)
    campaign = context.campaign
    edit = campaigns.CampaignEdit(
        budget=campaign.budget.amount,
        start_date=campaign.start_date,
        end_date=campaign.end_date,
        attribution_days=campaign.attribution_days,
        approver_user_ids=campaign.approver_user_ids,
        reminder_policy=campaign.reminder_policy,
        digest=campaign.digest,
        required_tags="#GlowCo @glowco",
        legal_approver_user_ids=(LEGAL,),
    )
    edited = campaigns.edit_campaign(uow, TEAM, int(campaign.id), edit, actor=APPROVER, now=NOW)
    assert [(c.label, c.before, c.after) for c in edited.changes] == [
        ("required tags", "#GlowCo", "#GlowCo @glowco"),
        ("legal approvers", "", LEGAL),
    ]
    check = submit(uow, deliverable_id, WITH_AD).view.version.check
    assert check.missing_tags == ["@glowco"] and check.fixed_caption.endswith(" @glowco")
