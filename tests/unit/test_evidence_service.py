"""The evidence pack use case: what it gathers per creator (the last /vet card and the team's decision, every move
with its note, payments), one read-only unit of work, and who may ask for it."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from bot.campaigns.errors import CampaignError, NotAllowed
from bot.campaigns.evidence_markdown import markdown_files
from bot.campaigns.live_check import CheckStatus, LiveCheck
from bot.disclosure import Verdict
from bot.review.models import ChangeReason, Decision, DraftSource
from bot.services import campaigns, drafts, evidence, results, vetting
from bot.services.drafts import DecisionInput, DraftSubmission
from bot.sources.registry import CreatorSources, SourceConfig
from bot.vetting.command import VetRequest
from bot.vocabulary import Platform
from storage import live_checks as live_check_store
from tests.unit.fakes import CountingUnitOfWork
from tests.unit.test_campaign_services import APPROVER, CHANNEL, NOW, OWNER, TEAM, add, approved, new_campaign

SAMPLE = "marco_micro_sample"  # a built-in snapshot: /vet works offline


@pytest.fixture
def db_uow(engine) -> CountingUnitOfWork:
    """On a migrated SQLite file and on PostgreSQL: the reads compare handles without case in SQL."""
    return CountingUnitOfWork(engine)


def _vetted(uow, handle: str = SAMPLE, decision: str = "approved") -> None:
    request = VetRequest(targets=[(handle, Platform.instagram)])
    _, run_id = vetting.vet_and_record(
        uow,
        CreatorSources(SourceConfig()),
        TEAM,
        (handle, Platform.instagram),
        request,
        now=NOW - timedelta(days=3),
        requested_by=OWNER,
        jurisdiction="UK",
    )
    vetting.decide(uow, TEAM, run_id, decision, user_id=APPROVER, at=NOW - timedelta(days=2))


def test_the_pack_holds_the_vet_card_the_decision_every_move_and_the_payments(db_uow) -> None:
    uow = db_uow
    campaign_id = new_campaign(uow)
    _vetted(uow)
    deliverable_id = int(add(uow, campaign_id, handle=SAMPLE.upper()).deliverable.id)  # handles match without case
    add(uow, campaign_id, handle="other")
    approved(uow, deliverable_id)
    campaigns.mark_posted(
        uow, TEAM, deliverable_id, url="https://www.instagram.com/reel/ABC123/", actor=OWNER, now=NOW, where=CHANNEL
    )
    results.record_payment(uow, TEAM, "spring", SAMPLE, Decimal("200"), paid_on=None, recorded_by=OWNER, now=NOW)
    commits = uow.commits

    pack = evidence.evidence_pack(uow, TEAM, "spring", f"@{SAMPLE}", now=NOW)

    assert uow.commits == commits  # it reads; it writes nothing
    [creator] = pack.creators
    assert (pack.campaign, pack.timezone, creator.handle.lower(), creator.fee.display()) == (
        "Spring Glow",
        "Europe/London",
        SAMPLE,
        "450.00 GBP",
    )
    assert creator.vet is not None
    assert (creator.vet.decision, creator.vet.decided_by, creator.vet.requested_by) == ("approved", APPROVER, OWNER)
    assert (
        creator.vet.verdict in ("recommended", "caution", "avoid")
        and creator.vet.decided_on_verdict == creator.vet.verdict
    )
    [deliverable] = creator.deliverables
    assert [(t.to_state, t.actor) for t in deliverable.transitions] == [
        ("accepted", "U0CREATOR"),
        ("draft_due", "U0CREATOR"),
        ("draft_submitted", "U0CREATOR"),
        ("approved", APPROVER),
        ("scheduled", OWNER),
        ("live", OWNER),
    ]
    assert deliverable.transitions[-1].note == "https://www.instagram.com/reel/ABC123/"
    assert deliverable.drafts == () and deliverable.live_checks == ()  # nothing is made up
    assert [(p.amount.display(), p.recorded_by) for p in creator.payments] == [("200.00 GBP", OWNER)]

    [(name, content)] = markdown_files(pack)
    text = content.decode("utf-8")
    assert name == f"evidence-spring-glow-{SAMPLE.replace('_', '-')}-instagram.md"
    assert "- **Team decision:** approved by U0APPROVER" in text
    assert (
        "approved → scheduled by U0OWNER" in text
        and "scheduled → live by U0OWNER — https://www.instagram.com/reel/ABC123/" in text
    )
    assert "No draft versions recorded." in text and "- 2030-01-07: 200.00 GBP (recorded by U0OWNER)" in text


def test_every_creator_gets_a_record_and_an_unvetted_one_says_so(uow) -> None:
    campaign_id = new_campaign(uow)
    add(uow, campaign_id, handle="mia")
    add(uow, campaign_id, handle="noor")
    pack = evidence.evidence_pack(uow, TEAM, "spring", now=NOW)
    assert [c.handle for c in pack.creators] == ["mia", "noor"]
    assert all(c.vet is None and len(c.deliverables) == 1 for c in pack.creators)


def test_from_slack_only_the_campaigns_channel_or_its_managers_may_have_it(uow) -> None:
    add(uow, new_campaign(uow), handle="mia")
    evidence.evidence_pack(uow, TEAM, "spring", now=NOW, actor="U0STRANGER", where=CHANNEL)
    evidence.evidence_pack(uow, TEAM, "spring", now=NOW, actor=APPROVER, where="D0APPROVER")
    with pytest.raises(NotAllowed, match="get its evidence pack"):
        evidence.evidence_pack(uow, TEAM, "spring", now=NOW, actor="U0STRANGER", where="C0ELSEWHERE")


def test_an_unknown_creator_lists_the_campaigns_creators(uow) -> None:
    add(uow, new_campaign(uow), handle="mia")
    with pytest.raises(CampaignError, match=r"@zed is not on Spring Glow. Creators: @mia \(instagram\)"):
        evidence.evidence_pack(uow, TEAM, "spring", "@zed", now=NOW)


def test_the_pack_lists_every_draft_version_with_its_check_and_decisions_and_the_live_checks(db_uow) -> None:
    uow = db_uow
    campaign_id = new_campaign(uow)
    deliverable_id = int(add(uow, campaign_id, handle="mia").deliverable.id)

    def submit(caption: str, at) -> int:
        sent = DraftSubmission(deliverable_id, caption, DraftSource.slack)
        return int(drafts.submit_draft(uow, TEAM, sent, actor=OWNER, now=at, where=CHANNEL).view.version.id)

    v1 = submit("Loving the new serum, link in bio", NOW)
    asked = DecisionInput(Decision.changes_requested, reasons=(ChangeReason.disclosure,), note="add #ad up front")
    drafts.decide(uow, TEAM, v1, asked, actor=APPROVER, now=NOW + timedelta(hours=1))
    v2 = submit("#ad Loving the new serum, link in bio", NOW + timedelta(hours=2))
    drafts.decide(uow, TEAM, v2, DecisionInput(Decision.approved), actor=APPROVER, now=NOW + timedelta(hours=3))
    with uow:
        live = LiveCheck(
            deliverable_id=str(deliverable_id),
            checked_at=NOW + timedelta(days=2),
            source="instagram",
            status=CheckStatus.checked,
            verdict=Verdict.missing,
            caption="Loving the new serum",
        )
        live_check_store.add_check(uow.session, TEAM, int(campaign_id), live, alert="the disclosure was removed")
        uow.commit()

    pack = evidence.evidence_pack(uow, TEAM, "spring", "@mia", now=NOW + timedelta(days=3))

    [deliverable] = pack.creators[0].deliverables
    assert [(d.version, d.disclosure_verdict, [x.decision for x in d.decisions]) for d in deliverable.drafts] == [
        (1, "missing", ["changes_requested"]),
        (2, deliverable.drafts[1].disclosure_verdict, ["approved"]),
    ]
    assert deliverable.drafts[0].decisions[0].reasons == ("disclosure",)
    assert deliverable.drafts[0].decisions[0].note == "add #ad up front"
    assert [(c.result, c.detail, c.caption_seen) for c in deliverable.live_checks] == [
        ("missing", "the disclosure was removed", "Loving the new serum")
    ]
    [(_, data)] = markdown_files(pack)
    text = data.decode()
    assert "add #ad up front" in text and "the disclosure was removed" in text
    assert "No draft versions recorded" not in text
