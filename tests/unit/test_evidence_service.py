"""The evidence pack use case: what it gathers per creator (the last /vet card and the team's decision, every move
with its note, payments), one read-only unit of work, and who may ask for it."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from bot.campaigns.errors import CampaignError, NotAllowed
from bot.campaigns.evidence_markdown import markdown_files
from bot.services import campaigns, evidence, results, vetting
from bot.sources.registry import CreatorSources, SourceConfig
from bot.vetting.command import VetRequest
from bot.vocabulary import Platform
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
