"""A creator's private link (`/c/<token>`): issue, rotate and revoke it; open its page; check a caption, submit a
draft and give the live link through it. Each public function is one unit of work.

A draft from the link goes through the same use case as one from Slack (bot.services.drafts), so its review card
lands in the channel like any other, marked as from the creator's link; the dispatcher posts it (and shares the
uploaded files under it) from rows planned in the submission's own transaction. The link sees only its own creator's
deliverables in its own campaign: every deliverable id a page sends is checked against the link.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from bot.campaigns.errors import CampaignError
from bot.campaigns.models import Campaign, CampaignCreator
from bot.campaigns.read_models import DeliverableContext
from bot.campaigns.reminder_status import ReminderStatus
from bot.campaigns.workflow import check_member
from bot.review.creator_link import (
    DEFAULT_DAYS,
    LinkKeys,
    LinkState,
    StoredLink,
    expiry,
    looks_like_token,
    new_token,
    token_hash,
)
from bot.review.models import DraftCheck, DraftFile, DraftSource, DraftVersion
from bot.services import campaigns as campaign_service
from bot.services import drafts
from bot.services.campaigns import CampaignNotFound, _load, the_campaign, the_creator
from bot.services.drafts import DraftSubmission, SubmittedDraft
from storage import campaigns as campaign_store
from storage import creator_links as store
from storage import drafts as draft_store
from storage.types import MAX_ROW_ID
from storage.uow import UnitOfWork


class LinkUnavailable(Exception):
    """The link is unknown, revoked or expired: the page says the same thing for each (only `expired` differs,
    for the HTTP status)."""

    def __init__(self, *, expired: bool = False) -> None:
        super().__init__("This link does not work any more.")
        self.expired = expired


@dataclass(frozen=True)
class IssuedLink:
    token: str  # shown once, never stored
    campaign: str
    handle: str
    expires_at: datetime
    still_working: int  # other links of this creator on this campaign that still open the page


@dataclass(frozen=True)
class PageItem:
    context: DeliverableContext
    history: list[DraftVersion] = field(default_factory=list)  # oldest first, with the team's decisions


@dataclass(frozen=True)
class CreatorPage:
    link: StoredLink
    campaign: Campaign
    creator: CampaignCreator
    items: list[PageItem]


def link_actor(creator: CampaignCreator) -> str:
    """Who a draft from the link is recorded as: the creator's handle (never a Slack user id)."""
    return f"@{creator.handle}"[:32]


def _issue(
    uow: UnitOfWork,
    team_id: str,
    campaign: Campaign,
    creator: CampaignCreator,
    *,
    keys: LinkKeys,
    actor: str,
    now: datetime,
    days: int,
    rotate: bool,
) -> IssuedLink:
    try:
        expires_at = expiry(now, days)
    except ValueError as error:
        raise CampaignError(str(error).capitalize() + ".") from None
    campaign_id, creator_id = int(campaign.id), int(creator.id)
    if rotate:
        store.revoke_links(uow.session, team_id, campaign_id=campaign_id, creator_id=creator_id, now=now)
    others = store.live_links(uow.session, team_id, campaign_id=campaign_id, creator_id=creator_id, now=now)
    token = new_token()
    store.add_link(
        uow.session,
        team_id,
        campaign_id=campaign_id,
        creator_id=creator_id,
        token_hash=token_hash(keys.newest, token),
        now=now,
        expires_at=expires_at,
        created_by=actor,
    )
    return IssuedLink(token, campaign.name, creator.handle, expires_at, len(others))


def issue_link(
    uow: UnitOfWork,
    team_id: str,
    campaign_name: str,
    handle: str,
    *,
    keys: LinkKeys,
    actor: str,
    now: datetime,
    days: int = DEFAULT_DAYS,
    rotate: bool = False,
) -> IssuedLink:
    """The terminal's way (`creatorops link NAME @handle`): a new link, run by whoever holds the database;
    `rotate` revokes the creator's earlier links on the campaign first."""
    with uow:
        campaign = the_campaign(uow, team_id, campaign_name)
        creator = the_creator(uow, team_id, campaign, handle)
        issued = _issue(uow, team_id, campaign, creator, keys=keys, actor=actor, now=now, days=days, rotate=rotate)
        uow.commit()
    return issued


def issue_link_for(
    uow: UnitOfWork,
    team_id: str,
    deliverable_id: int,
    *,
    keys: LinkKeys,
    actor: str,
    where: str | None,
    now: datetime,
    days: int = DEFAULT_DAYS,
) -> IssuedLink:
    """The board's *Copy creator link* (on a row of the creator's): for the campaign's channel and its managers."""
    with uow:
        context = _load(uow, team_id, deliverable_id)
        in_channel = where is not None and where == context.campaign.channel_id
        check_member(context.campaign, actor, in_channel=in_channel, doing="get a creator's link")
        issued = _issue(
            uow, team_id, context.campaign, context.creator, keys=keys, actor=actor, now=now, days=days, rotate=False
        )
        uow.commit()
    return issued


def revoke_link(uow: UnitOfWork, team_id: str, campaign_name: str, handle: str, *, now: datetime) -> int:
    """End every link of the creator on the campaign at once; how many still worked."""
    with uow:
        campaign = the_campaign(uow, team_id, campaign_name)
        creator = the_creator(uow, team_id, campaign, handle)
        live = store.live_links(uow.session, team_id, campaign_id=int(campaign.id), creator_id=int(creator.id), now=now)
        store.revoke_links(uow.session, team_id, campaign_id=int(campaign.id), creator_id=int(creator.id), now=now)
        uow.commit()
    return len(live)


def _resolve(uow: UnitOfWork, keys: LinkKeys, token: str, now: datetime) -> StoredLink:
    if not looks_like_token(token):
        raise LinkUnavailable()
    hashes = [token_hash(key, token) for key in keys.keys]
    found = store.find_by_hashes(uow.session, hashes)
    if found is None:
        raise LinkUnavailable()
    link, stored = found
    state = link.state(now)
    if state is not LinkState.active:
        raise LinkUnavailable(expired=state is LinkState.expired)
    if stored != hashes[0]:  # made under an older key: kept from now on under the newest, so the older one can go
        store.rehash_link(uow.session, link.team_id, link.id, hashes[0])
        uow.commit()
    return link


def _own_contexts(uow: UnitOfWork, link: StoredLink) -> list[DeliverableContext]:
    return [
        c
        for c in campaign_store.campaign_deliverables(uow.session, link.team_id, link.campaign_id)
        if int(c.creator.id) == link.creator_id
    ]


def _own_context(uow: UnitOfWork, link: StoredLink, deliverable_id: int) -> DeliverableContext:
    """The deliverable, if it is this link's creator's in this link's campaign; else as if it did not exist."""
    if not 0 < deliverable_id <= MAX_ROW_ID:  # no such row: never ask the database about it
        raise LinkUnavailable()
    try:
        context = _load(uow, link.team_id, deliverable_id)
    except CampaignNotFound:
        raise LinkUnavailable() from None
    if int(context.campaign.id) != link.campaign_id or int(context.creator.id) != link.creator_id:
        raise LinkUnavailable()
    return context


def open_page(uow: UnitOfWork, keys: LinkKeys, token: str, *, now: datetime) -> CreatorPage:
    """Everything the creator's page shows: the campaign, the creator, each of their deliverables with its
    draft history and the team's decisions."""
    with uow:
        link = _resolve(uow, keys, token, now)
        contexts = _own_contexts(uow, link)
        if not contexts:
            campaign = campaign_store.get_campaign(uow.session, link.team_id, link.campaign_id)
            creators = campaign_store.campaign_creators(uow.session, link.team_id, campaign) if campaign else []
            creator = next((c for c in creators if int(c.id) == link.creator_id), None)
            if campaign is None or creator is None:
                raise LinkUnavailable()
            return CreatorPage(link, campaign, creator, [])
        histories = draft_store.draft_histories(uow.session, link.team_id, [int(c.deliverable.id) for c in contexts])
        items = [PageItem(c, histories.get(int(c.deliverable.id), [])) for c in contexts]
        return CreatorPage(link, contexts[0].campaign, contexts[0].creator, items)


def workspace_of(uow: UnitOfWork, keys: LinkKeys, token: str, deliverable_id: int, *, now: datetime) -> str:
    """The link's workspace, if the link works and the deliverable is its creator's (before a file is stored)."""
    with uow:
        link = _resolve(uow, keys, token, now)
        _own_context(uow, link, deliverable_id)
        return link.team_id


def check_caption(
    uow: UnitOfWork, keys: LinkKeys, token: str, deliverable_id: int, caption: str, *, now: datetime
) -> DraftCheck:
    """The check a draft of this deliverable would get, as the creator types (nothing is stored)."""
    with uow:
        link = _resolve(uow, keys, token, now)
        context = _own_context(uow, link, deliverable_id)
    return drafts.check_of(context, caption.strip())


def submit_from_link(
    uow: UnitOfWork,
    keys: LinkKeys,
    token: str,
    deliverable_id: int,
    *,
    caption: str,
    links: tuple[str, ...],
    files: tuple[DraftFile, ...] = (),
    ip: str,
    now: datetime,
) -> tuple[str, SubmittedDraft]:
    """A draft from the creator's link: the same submission as from Slack, recorded with time and address in the
    link's audit trail, and its review card (and files) planned for the dispatcher to post, in one commit: the
    creator is answered without waiting for Slack. Returns the workspace and the submitted draft."""
    with uow:
        link = _resolve(uow, keys, token, now)
        context = _own_context(uow, link, deliverable_id)
        submission = DraftSubmission(int(context.deliverable.id), caption, DraftSource.link, links=links, files=files)
        submitted = drafts._submit(uow, link.team_id, context, submission, actor=link_actor(context.creator), now=now)
        store.record_event(
            uow.session,
            link.team_id,
            link.id,
            action="draft",
            at=now,
            ip=ip,
            deliverable_id=deliverable_id,
            detail=submitted.view.version.name,
        )
        store.plan_delivery(
            uow.session,
            link.team_id,
            campaign_id=link.campaign_id,
            deliverable_id=deliverable_id,
            version_id=int(submitted.view.version.id),
            with_files=bool(submitted.view.version.files),
            now=now,
        )
        uow.commit()
    return link.team_id, submitted


@dataclass(frozen=True)
class MediaToShare:
    """A link draft's uploaded files and where they go: the thread of its review card (`thread_ts`), or the
    campaign's channel itself when the card could not be posted. `waiting`: its card is not posted yet."""

    version: DraftVersion
    context: DeliverableContext
    channel: str
    thread_ts: str | None
    waiting: bool = False


def media_to_share(uow: UnitOfWork, team_id: str, version_id: int) -> MediaToShare | None:
    """For the dispatcher: the files of a draft from the link; None when the draft or its deliverable is gone."""
    with uow:
        found = drafts.version_if_any(uow, team_id, version_id)
        if found is None:
            return None
        version, context = found
        card = store.card_delivery(uow.session, team_id, version_id)
        thread_channel, thread_ts, _ = draft_store.thread_of(uow.session, team_id, int(context.deliverable.id))
    campaign_channel = context.campaign.channel_id
    status = card[0] if card else ReminderStatus.failed.value
    if status in (ReminderStatus.pending.value, ReminderStatus.sending.value):
        return MediaToShare(version, context, campaign_channel, None, waiting=True)
    if status == ReminderStatus.sent.value and card is not None and card[1] and card[2]:
        channel, ts = card[1], card[2]
        return MediaToShare(version, context, channel, thread_ts if thread_channel == channel and thread_ts else ts)
    return MediaToShare(version, context, campaign_channel, None)  # its card never made it: the files on their own


def mark_live_from_link(
    uow_factory: Callable[[], UnitOfWork],
    keys: LinkKeys,
    token: str,
    deliverable_id: int,
    *,
    url: str,
    ip: str,
    now: datetime,
    owner_check: campaign_service.OwnerCheck | None = None,
) -> tuple[str, DeliverableContext]:
    """The live post's link from the creator, checked like *Mark posted* (its platform, its creator), then
    recorded in the link's audit trail with the dispatcher's row that tells the channel (and checks the caption).
    Returns the workspace and the deliverable as it is now."""
    with uow_factory() as uow:
        link = _resolve(uow, keys, token, now)
        context = _own_context(uow, link, deliverable_id)
    live = campaign_service.mark_posted(
        uow_factory(),
        link.team_id,
        deliverable_id,
        url=url,
        actor=link_actor(context.creator),
        now=now,
        where=context.campaign.channel_id,
        owner_check=owner_check,
    )
    with uow_factory() as uow:
        store.record_event(
            uow.session, link.team_id, link.id, action="live", at=now, ip=ip, deliverable_id=deliverable_id, detail=url
        )
        store.plan_live_post(
            uow.session, link.team_id, campaign_id=link.campaign_id, deliverable_id=deliverable_id, now=now
        )
        uow.commit()
    return link.team_id, live


def creator_history(
    uow: UnitOfWork, team_id: str, campaign_name: str, handle: str
) -> list[tuple[datetime, str, str, int | None, str | None]]:
    """Every submission through the creator's links on the campaign, oldest first: (at, action, address,
    deliverable id, detail: the draft version or the live link)."""
    with uow:
        campaign = the_campaign(uow, team_id, campaign_name)
        creator = the_creator(uow, team_id, campaign, handle)
        return store.creator_events(uow.session, team_id, campaign_id=int(campaign.id), creator_id=int(creator.id))


def link_events(uow: UnitOfWork, team_id: str, link_id: int) -> list[tuple[datetime, str, str, int | None, str | None]]:
    with uow:
        return store.events(uow.session, team_id, link_id)
