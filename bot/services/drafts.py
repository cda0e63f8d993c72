"""Draft versions and their review: submit a version (checked before anyone reviews it), decide on it with
reasons, allow another revision round. Each public function is one unit of work.

The review rules (bot.review.rules) decide who may decide at which step; the deliverable's state machine
(bot.campaigns.workflow) then checks and audits the move, exactly as for every other move.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from bot.campaigns.errors import CampaignError
from bot.campaigns.models import https_link
from bot.campaigns.read_models import DeliverableContext
from bot.campaigns.states import DeliverableState
from bot.campaigns.workflow import check_member
from bot.disclosure.models import CaptionTooLong
from bot.review import rules
from bot.review.check import check_draft, connection_for, required_tags
from bot.review.models import (
    MAX_FILES,
    MAX_LINKS,
    ChangeReason,
    Decision,
    DraftCheck,
    DraftFile,
    DraftSource,
    DraftVersion,
    ReviewDecision,
    Step,
)
from bot.review.view import ReviewView
from bot.services.campaigns import _load, _move, the_campaign, the_creator
from bot.vocabulary import plural
from storage import drafts as store
from storage.uow import UnitOfWork

MAX_NOTE = 3000  # a reviewer's corrections or what to change, in words (a modal's text input holds 3,000)


@dataclass(frozen=True)
class DraftSubmission:
    deliverable_id: int
    caption: str
    source: DraftSource
    links: tuple[str, ...] = ()
    files: tuple[DraftFile, ...] = ()


@dataclass(frozen=True)
class SubmittedDraft:
    view: ReviewView
    thread_channel: str  # where its card goes: the campaign's channel
    thread_ts: str | None  # the deliverable's review thread, once its first card was posted
    superseded: ReviewView | None = None  # the version before, whose card now says it is not the latest


@dataclass(frozen=True)
class DecisionInput:
    decision: Decision
    reasons: tuple[ChangeReason, ...] = ()
    note: str | None = None
    confirmed_missing_disclosure: bool = False


@dataclass(frozen=True)
class Decided:
    view: ReviewView  # the card as it reads after the decision
    decision: ReviewDecision
    moved_to: DeliverableState | None  # the deliverable's new state; None when a further step is waiting


def check_links(links: tuple[str, ...]) -> tuple[str, ...]:
    """Each link one https:// address; at most MAX_LINKS of them; CampaignError in words."""
    if len(links) > MAX_LINKS:
        raise CampaignError(f"A draft carries at most {MAX_LINKS} links; put the rest in a folder and link that.")
    try:
        return tuple(dict.fromkeys(link for link in (https_link(text, "draft's link") for text in links) if link))
    except ValueError as error:
        raise CampaignError(str(error).capitalize() + ".") from None


def check_of(context: DeliverableContext, caption: str) -> DraftCheck:
    """The check a version of this deliverable gets: its campaign's jurisdiction and required tags, its
    creator's platform and what they are paid, its own format."""
    campaign, creator = context.campaign, context.creator
    try:
        return check_draft(
            caption,
            platform=creator.platform,
            format=context.deliverable.kind,
            jurisdiction=campaign.jurisdiction,
            connection=connection_for(creator.fee.amount > 0),
            tags=required_tags(campaign.required_tags),
        )
    except CaptionTooLong as error:
        raise CampaignError(str(error)) from None


def _view(uow: UnitOfWork, team_id: str, context: DeliverableContext, version: DraftVersion) -> ReviewView:
    deliverable_id = int(context.deliverable.id)
    _, thread_ts, extra = store.thread_of(uow.session, team_id, deliverable_id)
    latest = store.latest_version(uow.session, team_id, deliverable_id)
    pending = rules.pending_step(context.campaign, version)
    return ReviewView(
        context=context,
        version=version,
        steps=rules.steps(context.campaign),
        pending=pending,
        deciders=rules.deciders(context.campaign, pending) if pending else (),
        rounds_used=context.deliverable.revision_rounds,
        round_limit=rules.round_limit(context.creator.terms.max_revision_rounds, extra),
        latest=latest.version if latest else version.version,
        thread_ts=thread_ts,
    )


def _in_channel(context: DeliverableContext, where: str | None) -> bool:
    return where is not None and where == context.campaign.channel_id


def _submit(
    uow: UnitOfWork,
    team_id: str,
    context: DeliverableContext,
    submission: DraftSubmission,
    *,
    actor: str,
    now: datetime,
) -> SubmittedDraft:
    state = context.deliverable.state
    previous = store.latest_version(uow.session, team_id, int(context.deliverable.id))
    if state not in rules.SUBMITTABLE:
        raise CampaignError(
            f"@{context.creator.handle}'s {context.deliverable.describe().removeprefix('a ')} is "
            f"{state.label.lower()}: its content is settled, so no new draft can be submitted."
        )
    caption = submission.caption.strip()
    links = check_links(submission.links)
    if not caption and not links and not submission.files:
        raise CampaignError("A draft needs its caption, a link to the media or a file: paste the caption.")
    check = check_of(context, caption)
    version = store.add_version(
        uow.session,
        team_id,
        DraftVersion(
            id="new",
            deliverable_id=context.deliverable.id,
            version=1,
            caption=caption,
            links=list(links),
            files=list(submission.files[:MAX_FILES]),
            platform=context.creator.platform,
            format=context.deliverable.kind,
            submitted_by=actor,
            submitted_at=now,
            source=submission.source,
            check=check,
        ),
    )
    where = context.campaign.channel_id  # a draft is submitted for the campaign: every step is the channel's work
    for target in rules.PATH_TO_SUBMITTED[state]:
        context = _move(uow, team_id, context, target, actor=actor, now=now, where=where)
    channel, ts, _ = store.thread_of(uow.session, team_id, int(context.deliverable.id))
    superseded = _view(uow, team_id, context, previous) if previous else None
    return SubmittedDraft(_view(uow, team_id, context, version), channel or context.campaign.channel_id, ts, superseded)


def submit_draft(
    uow: UnitOfWork, team_id: str, submission: DraftSubmission, *, actor: str, now: datetime, where: str | None
) -> SubmittedDraft:
    """A new version of a deliverable's draft, checked, and the deliverable moved to draft_submitted: one commit.
    Whoever works in the campaign's channel (`where`) or manages the campaign may submit."""
    with uow:
        context = _load(uow, team_id, submission.deliverable_id)
        check_member(
            context.campaign, actor, in_channel=_in_channel(context, where), doing="submit a draft for this campaign"
        )
        submitted = _submit(uow, team_id, context, submission, actor=actor, now=now)
        uow.commit()
    return submitted


def submit_draft_for(
    uow: UnitOfWork,
    team_id: str,
    campaign_name: str,
    handle: str,
    submission: DraftSubmission,
    *,
    actor: str,
    now: datetime,
) -> SubmittedDraft:
    """The terminal's way in (`creatorops draft NAME @handle`): the creator's deliverable that waits for a draft
    (the soonest due when there are several), run by whoever holds the database."""
    with uow:
        campaign = the_campaign(uow, team_id, campaign_name)
        creator = the_creator(uow, team_id, campaign, handle)
        waiting = [
            c
            for c in store.awaiting_draft(uow.session, team_id, _SUBMITTABLE, handle=creator.handle)
            if c.campaign.id == campaign.id and c.creator.id == creator.id
        ]
        if not waiting:
            raise CampaignError(f"@{creator.handle} has no deliverable on {campaign.name} that waits for a draft.")
        submitted = _submit(uow, team_id, waiting[0], submission, actor=actor, now=now)
        uow.commit()
    return submitted


_SUBMITTABLE = tuple(sorted(state.value for state in rules.SUBMITTABLE))


def draftable(uow: UnitOfWork, team_id: str, *, handle: str | None = None) -> list[DeliverableContext]:
    """Deliverables that may get a new draft version (of `handle`'s, when given), soonest due first: the modal's
    choices."""
    with uow:
        return store.awaiting_draft(uow.session, team_id, _SUBMITTABLE, handle=(handle or "").lstrip("@") or None)


def draftable_deliverable(uow: UnitOfWork, team_id: str, deliverable_id: int) -> DeliverableContext:
    """The one deliverable a board's *Draft submitted* button is about, if it may get a new draft version; a
    CampaignError saying why not otherwise (approved already, dropped, or not this workspace's)."""
    with uow:
        context = _load(uow, team_id, deliverable_id)
        if context.deliverable.state.value not in _SUBMITTABLE:
            raise CampaignError(
                f"@{context.creator.handle}'s {context.deliverable.describe().removeprefix('a ')} is "
                f"{context.deliverable.state.label.lower()}: it takes no new draft."
            )
        return context


def record_card(
    uow: UnitOfWork, team_id: str, version_id: int, *, channel: str, ts: str, thread_ts: str | None
) -> None:
    """Where a version's review card was posted; the first card's message becomes the deliverable's thread."""
    with uow:
        version = store.get_version(uow.session, team_id, version_id)
        if version is None:
            return
        store.set_card(uow.session, team_id, version_id, channel=channel, ts=ts)
        store.keep_thread(uow.session, team_id, int(version.deliverable_id), channel=channel, ts=thread_ts or ts)
        uow.commit()


def card_of(uow: UnitOfWork, team_id: str, version_id: int) -> SubmittedDraft | None:
    """A version's card as it reads now, where it goes (the deliverable's thread), and the version before it (whose
    card then loses its buttons): what the dispatcher posts for a draft from the creator's link. None when the
    version or its deliverable was removed."""
    with uow:
        found = version_if_any(uow, team_id, version_id)
        if found is None:
            return None
        version, context = found
        channel, ts, _ = store.thread_of(uow.session, team_id, int(context.deliverable.id))
        earlier = [
            v
            for v in store.draft_history(uow.session, team_id, int(context.deliverable.id))
            if v.version < version.version
        ]
        superseded = _view(uow, team_id, context, earlier[-1]) if earlier else None
        view = _view(uow, team_id, context, version)
    return SubmittedDraft(view, channel or context.campaign.channel_id, ts, superseded)


def version_if_any(uow: UnitOfWork, team_id: str, version_id: int) -> tuple[DraftVersion, DeliverableContext] | None:
    """In an open unit of work: the version and its deliverable, or None when either was removed since."""
    version = store.get_version(uow.session, team_id, version_id)
    if version is None:
        return None
    try:
        return version, _load(uow, team_id, int(version.deliverable_id))
    except CampaignError:
        return None


def _version_and_context(uow: UnitOfWork, team_id: str, version_id: int) -> tuple[DraftVersion, DeliverableContext]:
    version = store.get_version(uow.session, team_id, version_id)
    if version is None:
        raise CampaignError("I can't find that draft any more.")
    return version, _load(uow, team_id, int(version.deliverable_id))


def _decidable(uow: UnitOfWork, team_id: str, version_id: int, actor: str) -> tuple[ReviewView, Step]:
    """The version, if it is the latest, waits for a decision, and `actor` may give it; else why not."""
    version, context = _version_and_context(uow, team_id, version_id)
    latest = store.latest_version(uow.session, team_id, int(version.deliverable_id))
    rules.check_latest(version, latest or version)
    step = rules.authorize_decision(context.campaign, version, actor)
    if context.deliverable.state is not DeliverableState.draft_submitted:
        raise CampaignError(
            f"The deliverable is {context.deliverable.state.label.lower()} now, not waiting for a review."
        )
    return _view(uow, team_id, context, version), step


def review_for_decision(uow: UnitOfWork, team_id: str, version_id: int, *, actor: str) -> ReviewView:
    """The version behind a decision button that opens a form, if `actor` may decide on it now."""
    with uow:
        return _decidable(uow, team_id, version_id, actor)[0]


def changes_for_decision(uow: UnitOfWork, team_id: str, version_id: int, *, actor: str) -> ReviewView:
    """As review_for_decision, and a revision round must be left to request changes."""
    with uow:
        view, _ = _decidable(uow, team_id, version_id, actor)
        rules.check_round_left(view.rounds_used, view.round_limit)
        return view


def _as_reviewed(context: DeliverableContext, step: Step, round_limit: int) -> DeliverableContext:
    """The context the state machine checks the move with: the review rules already decided who may decide at
    this step (brand or legal), and the approvers may have allowed rounds beyond the creator's terms."""
    campaign = context.campaign.model_copy(update={"approver_user_ids": rules.deciders(context.campaign, step)})
    terms = context.creator.terms.model_copy(update={"max_revision_rounds": round_limit})
    creator = context.creator.model_copy(update={"terms": terms})
    return replace(context, campaign=campaign, creator=creator)


def decide(
    uow: UnitOfWork, team_id: str, version_id: int, wanted: DecisionInput, *, actor: str, now: datetime
) -> Decided:
    """Record a decision on the latest version (and move the deliverable when it is the last word): approved once
    every step approved, changes_requested at once. Refused, with the reason in words: an older version, a
    person who is not this step's decider, a version without disclosure not confirmed, no revision round left."""
    note = (wanted.note or "").strip()[:MAX_NOTE] or None
    if wanted.decision is Decision.approved_with_corrections and not note:
        raise CampaignError("Write the corrections the creator should make before posting.")
    if wanted.decision is Decision.changes_requested and not (wanted.reasons or note):
        raise CampaignError("Pick at least one reason, or say in words what should change.")
    with uow:
        view, step = _decidable(uow, team_id, version_id, actor)
        version, context = view.version, view.context
        rules.check_missing_confirmed(version, wanted.decision, wanted.confirmed_missing_disclosure)
        decision = ReviewDecision(
            id="new",
            version_id=version.id,
            decision=wanted.decision,
            step=step,
            reasons=list(wanted.reasons) if wanted.decision is Decision.changes_requested else [],
            note=note,
            actor=actor,
            at=now,
            confirmed_missing_disclosure=wanted.decision.approves and version.missing_disclosure,
        )
        target: DeliverableState | None = None
        if wanted.decision is Decision.changes_requested:
            rules.check_round_left(view.rounds_used, view.round_limit)
            target = DeliverableState.changes_requested
        elif step is view.steps[-1]:
            target = DeliverableState.approved
        store.add_decision(uow.session, team_id, decision)
        if target is not None:
            moved = _move(
                uow,
                team_id,
                _as_reviewed(context, step, view.round_limit),
                target,
                actor=actor,
                now=now,
                where=context.campaign.channel_id,
            )
            context = replace(moved, campaign=context.campaign, creator=context.creator)
        after = store.get_version(uow.session, team_id, version_id) or version
        decided = Decided(_view(uow, team_id, context, after), decision, target)
        uow.commit()
    return decided


def allow_another_round(uow: UnitOfWork, team_id: str, version_id: int, *, actor: str) -> ReviewView:
    """One more revision round for this deliverable beyond the creator's terms (the approvers' call), so changes
    can be requested on the version under review."""
    with uow:
        version, context = _version_and_context(uow, team_id, version_id)
        latest = store.latest_version(uow.session, team_id, int(version.deliverable_id))
        rules.check_latest(version, latest or version)
        allowed = rules.all_deciders(context.campaign)
        if actor not in allowed:
            raise CampaignError("Only this campaign's approvers can allow another revision round.")
        view = _view(uow, team_id, context, version)
        if view.rounds_left > 0:
            left = plural(view.rounds_left, "revision round")
            raise CampaignError(
                f"{left} {'is' if view.rounds_left == 1 else 'are'} still left; request changes as usual."
            )
        store.allow_extra_round(uow.session, team_id, int(context.deliverable.id))
        allowed_view = _view(uow, team_id, context, version)
        uow.commit()
    return allowed_view


def review_view(uow: UnitOfWork, team_id: str, version_id: int) -> ReviewView:
    with uow:
        version, context = _version_and_context(uow, team_id, version_id)
        return _view(uow, team_id, context, version)


def latest_review(uow: UnitOfWork, team_id: str, deliverable_id: int) -> ReviewView | None:
    """The review card of the deliverable's latest draft version as it reads now; None before any draft."""
    with uow:
        latest = store.latest_version(uow.session, team_id, deliverable_id)
        return _view(uow, team_id, _load(uow, team_id, deliverable_id), latest) if latest else None


def history(uow: UnitOfWork, team_id: str, deliverable_id: int) -> list[DraftVersion]:
    """Every version of a deliverable's draft with its decisions, oldest first."""
    with uow:
        return store.draft_history(uow.session, team_id, deliverable_id)
