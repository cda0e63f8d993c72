"""The evidence pack use case: one record per creator of a campaign (or one creator), read in one unit of work."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from bot.campaigns import models as domain
from bot.campaigns.evidence import (
    CreatorEvidence,
    DecisionEvidence,
    DeliverableEvidence,
    DraftEvidence,
    EvidencePack,
    LinkEvent,
    LiveCheckEvidence,
    PaymentEvidence,
    ResultEvidence,
    TransitionEvidence,
)
from bot.campaigns.live_check import CheckStatus, LiveCheck
from bot.campaigns.read_models import DeliverableContext
from bot.campaigns.workflow import check_member
from bot.metrics.inputs import COUNT_FIELDS, PostObservation
from bot.review.creator_link import StoredLink, network_of
from bot.review.models import DraftVersion
from bot.services.campaigns import the_campaign, the_creator
from storage import campaigns as campaign_store
from storage import creator_links as link_store
from storage import drafts as draft_store
from storage import evidence as store
from storage import live_checks as live_check_store
from storage import results as result_store
from storage.uow import UnitOfWork


def evidence_pack(
    uow: UnitOfWork,
    team_id: str,
    campaign_name: str,
    handle: str | None = None,
    *,
    now: datetime,
    actor: str | None = None,
    where: str | None = None,
) -> EvidencePack:
    """Everything on record about each creator of the campaign (or only `handle`). From Slack (`actor` set) only
    for the campaign's owner and approvers, or someone asking from its channel (`where`); the terminal is trusted
    as the database is."""
    with uow:
        session = uow.session
        campaign = the_campaign(uow, team_id, campaign_name)
        if actor is not None:
            check_member(campaign, actor, in_channel=where == campaign.channel_id, doing="get its evidence pack")
        creators = (
            [the_creator(uow, team_id, campaign, handle)]
            if handle
            else campaign_store.campaign_creators(session, team_id, campaign)
        )
        contexts = campaign_store.campaign_deliverables(session, team_id, int(campaign.id))
        deliverable_ids = [int(c.deliverable.id) for c in contexts]
        moves = store.transitions(session, team_id, deliverable_ids)
        # Draft versions (each with its review decisions) and live-caption checks, by deliverable id.
        versions_by_deliverable = draft_store.draft_histories(session, team_id, deliverable_ids)
        drafts = {key: [_draft(v) for v in versions] for key, versions in versions_by_deliverable.items()}
        links, link_events = link_store.campaign_links(session, team_id, int(campaign.id))
        posts = {int(c.deliverable.id): c.deliverable.post_url or "" for c in contexts}
        live_checks = {
            key: [_live_check(check, alert, posts.get(key, "")) for check, alert in checks]
            for key, checks in live_check_store.checks_of(session, team_id, deliverable_ids).items()
        }
        payments = result_store.payments(session, team_id, int(campaign.id))
        readings = result_store.latest_readings(session, team_id, int(campaign.id))

        by_creator: dict[str, list[DeliverableContext]] = defaultdict(list)
        for context in contexts:
            by_creator[context.creator.id].append(context)
        return EvidencePack(
            campaign=campaign.name,
            channel_id=campaign.channel_id,
            timezone=campaign.timezone,
            jurisdiction=campaign.jurisdiction.value,
            generated_at=now,
            creators=tuple(
                CreatorEvidence(
                    handle=creator.handle,
                    platform=creator.platform.value,
                    fee=creator.fee,
                    vet=store.vet_evidence(session, team_id, creator.platform.value, creator.handle),
                    deliverables=tuple(
                        _deliverable(c, moves, drafts, live_checks) for c in by_creator.get(creator.id, [])
                    ),
                    payments=tuple(
                        PaymentEvidence(amount=p.amount, paid_on=p.paid_on, recorded_by=p.recorded_by)
                        for p in payments
                        if p.creator_id == creator.id
                    ),
                    results=tuple(_result(o) for creator_id, o in readings if str(creator_id) == creator.id),
                    link_events=_link_events(
                        [link for link in links if str(link.creator_id) == creator.id],
                        [event for event in link_events if str(event[0]) == creator.id],
                        versions_by_deliverable,
                    ),
                )
                for creator in creators
            ),
        )


def _deliverable(
    context: DeliverableContext,
    moves: dict[int, list[TransitionEvidence]],
    drafts: dict[int, list[DraftEvidence]],
    live_checks: dict[int, list[LiveCheckEvidence]],
) -> DeliverableEvidence:
    deliverable: domain.Deliverable = context.deliverable
    key = int(deliverable.id)
    return DeliverableEvidence(
        description=deliverable.describe(),
        state=deliverable.state.value,
        due_at=deliverable.due_at,
        post_url=deliverable.post_url,
        posted_at=deliverable.posted_at,
        transitions=tuple(moves.get(key, [])),
        drafts=tuple(drafts.get(key, [])),
        live_checks=tuple(live_checks.get(key, [])),
        number=key,
    )


def _result(observation: PostObservation) -> ResultEvidence:
    counts = tuple((name, value) for name in COUNT_FIELDS if (value := getattr(observation, name)) is not None)
    return ResultEvidence(
        post_url=observation.post_url,
        observed_at=observation.observed_at,
        source=observation.source.value,
        counts=counts,
        proof_url=observation.proof_url,
    )


def _draft(version: DraftVersion) -> DraftEvidence:
    check = version.check
    return DraftEvidence(
        version=version.version,
        submitted_by=version.submitted_by,
        submitted_at=version.submitted_at,
        caption=version.caption,
        links=tuple(version.links),
        disclosure_verdict=check.verdict,
        findings=tuple(finding.message for finding in check.findings),
        fixed_caption=check.fixed_caption if check.fixed_caption != version.caption else None,
        label_to_enable=check.label_to_enable,
        decisions=tuple(
            DecisionEvidence(
                version=version.version,
                decision=decision.decision.value,
                decided_by=decision.actor,
                decided_at=decision.at,
                reasons=tuple(reason.value for reason in decision.reasons),
                note=decision.note,
                step=decision.step.value,
                confirmed_missing_disclosure=decision.confirmed_missing_disclosure,
            )
            for decision in version.decisions
        ),
    )


def _live_check(check: LiveCheck, alert: str | None, post_url: str) -> LiveCheckEvidence:
    """A stored check in the pack's words: its verdict (or why it could not be read) and what it found."""
    if check.status is not CheckStatus.checked:
        result, detail = "not checkable", check.note
    else:
        result = check.verdict.value if check.verdict else "checked"
        detail = alert or (check.findings[0] if check.findings else None)
    return LiveCheckEvidence(
        checked_at=check.checked_at, post_url=post_url, result=result, detail=detail, caption_seen=check.caption
    )


def _link_events(
    links: list[StoredLink],
    events: list[tuple[int, datetime, str, str, int | None, str | None]],
    versions: dict[int, list[DraftVersion]],
) -> tuple[LinkEvent, ...]:
    """One creator's link record, oldest first: each link issued (a rotation when it ended earlier links at the
    moment it was made), each revocation that was not a rotation, and each submission with the anonymised network
    it came from and what it carried (a draft's version and files, a live link)."""
    issued_at = {link.created_at for link in links}
    record: list[LinkEvent] = []
    for link in links:
        rotated = any(other.revoked_at == link.created_at for other in links if other.id != link.id)
        kind = "rotated" if rotated else "issued"
        record.append(LinkEvent(at=link.created_at, kind=kind, by=link.created_by, until=link.expires_at))
    for revoked_at in sorted({link.revoked_at for link in links if link.revoked_at is not None} - issued_at):
        record.append(LinkEvent(at=revoked_at, kind="revoked"))
    for _, at, action, ip, deliverable_id, detail in events:
        version = next(
            (v for v in versions.get(deliverable_id or 0, []) if action == "draft" and v.name == detail), None
        )
        record.append(
            LinkEvent(
                at=at,
                kind=action,
                network=network_of(ip),
                deliverable_number=deliverable_id,
                version=version.version if version else None,
                live_url=detail if action == "live" else None,
                files=tuple(f.name or f.id for f in version.files) if version else (),
            )
        )
    return tuple(sorted(record, key=lambda event: event.at))
