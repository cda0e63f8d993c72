"""/campaign new | add @handle [platform] | list | show | edit [@handle] | report | results [@handle] | plan |
digest | evidence | draft @handle."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.campaigns.errors import CampaignError
from bot.services import campaigns, services_of
from bot.vocabulary import plural
from handlers.blocks.campaigns import (
    PLATFORMS,
    add_deliverable_modal,
    campaign_list_blocks,
    campaign_show_blocks,
    new_campaign_modal,
)
from handlers.blocks.text import error_text, escape
from handlers.commands.campaign_digest import digest_answer
from handlers.commands.campaign_draft import DRAFT_USAGE, open_draft
from handlers.commands.campaign_edit import EDIT_USAGE, open_edit
from handlers.commands.campaign_evidence import EVIDENCE_USAGE, PREPARING, post_evidence
from handlers.commands.campaign_results import (
    RESULTS_USAGE,
    answer_plan,
    open_results,
    plan_usage_error,
    post_report,
)
from handlers.context import team_of

USAGE = (
    "Usage: `/campaign new` (a form), `/campaign add @handle [instagram|tiktok|youtube]` (a form), "
    "`/campaign list`, `/campaign show <name>`, `/campaign edit <name> [@handle]` (budget, dates, schedules; "
    "a creator's terms), `/campaign report <name>` (results in the campaign's channel), "
    "`/campaign plan $5000 [instagram|tiktok|youtube]` (one micro creator or ten nano?), "
    "`/campaign digest <name> [monday 09:00|off|none]` (when results go to the channel), "
    "`/campaign results <name> @handle` (add a live post's numbers, as the creator reported them), "
    "`/campaign draft @handle` (a creator's draft: its caption and links, checked, then reviewed in the channel), "
    "`/campaign evidence <name> [@handle] [pdf]` (a file per creator: vetting, drafts, decisions, history, payments)."
)
SUBCOMMANDS = ("new", "add", "list", "show", "edit", "report", "results", "plan", "digest", "evidence", "draft")
NEEDS_NAME = {
    "show": "Which campaign? `/campaign show <name>`; `/campaign list` shows them all.",
    "report": "Which campaign? `/campaign report <name>`; `/campaign list` shows them all.",
    "edit": EDIT_USAGE,
    "digest": "Which campaign? `/campaign digest <name> monday 09:00`; `/campaign list` shows them all.",
    "evidence": EVIDENCE_USAGE,
    "results": RESULTS_USAGE,
    "draft": DRAFT_USAGE,
}


def handle_campaign(
    ack: Ack,
    command: dict[str, Any],
    client: WebClient,
    respond: Respond,
    context: BoltContext,
    logger: logging.Logger,
) -> None:
    words = (command.get("text") or "").split()
    sub = words[0].lower() if words else ""
    if sub not in SUBCOMMANDS:
        shown = escape(sub[:40])
        ack(response_type="ephemeral", text=USAGE if not sub or sub == "help" else f"I don't know `{shown}`. {USAGE}")
        return
    if sub in NEEDS_NAME and len(words) < 2:
        ack(response_type="ephemeral", text=NEEDS_NAME[sub])
        return
    wrong_budget = plan_usage_error(words[1:]) if sub == "plan" else None
    if wrong_budget:
        ack(response_type="ephemeral", text=wrong_budget)
        return
    if sub == "evidence":
        ack(response_type="ephemeral", text=PREPARING)  # the pack takes a moment: say so at once
    else:
        ack()
    services = services_of(context)
    team_id, now = team_of(context), services.clock()
    settings = services.settings
    if sub == "new":
        workspace = services.workspace(team_id)
        modal = new_campaign_modal(
            channel_id=command["channel_id"],
            timezone=workspace.default_timezone,
            jurisdiction=workspace.default_jurisdiction,
            today=now.date(),
        )
        client.views_open(trigger_id=command["trigger_id"], view=modal)
    elif sub == "add":
        # Two at most: whether there is any open campaign, and whether it is the only one (then picked already).
        found = campaigns.campaigns_to_pick(services.uow(), team_id, "", now, limit=2)
        if not found:
            respond(
                response_type="ephemeral",
                text="There is no open campaign: create one first with `/campaign new`.",
            )
            return
        handle = next((w.lstrip("@") for w in words[1:] if w.lower() not in PLATFORMS), "")
        platform = next((w.lower() for w in words[1:] if w.lower() in PLATFORMS), settings.default_platform)
        only = found[0] if len(found) == 1 else None
        client.views_open(
            trigger_id=command["trigger_id"], view=add_deliverable_modal(only, handle=handle, platform=platform)
        )
    elif sub == "draft":
        open_draft(services, client, respond, command, words[1:], team_id)
    elif sub == "edit":
        open_edit(services, client, respond, command, words[1:], team_id)
    elif sub == "results":
        open_results(services, client, respond, command, words[1:], team_id)
    elif sub == "plan":
        answer_plan(services, respond, team_id=team_id, words=words[1:])
    elif sub == "report":
        post_report(
            services,
            client,
            respond,
            team_id=team_id,
            user_id=command["user_id"],
            channel_id=command["channel_id"],
            name=" ".join(words[1:]),
            logger=logger,
        )
    elif sub == "evidence":
        post_evidence(
            services,
            client,
            respond,
            team_id=team_id,
            user_id=command["user_id"],
            channel_id=command["channel_id"],
            words=words[1:],
            logger=logger,
        )
    elif sub == "digest":
        text = digest_answer(services, team_id=team_id, user_id=command["user_id"], words=words[1:])
        respond(response_type="ephemeral", text=text)
    elif sub == "list":
        summaries = campaigns.campaign_summaries(
            services.uow(), team_id, now, actor=command["user_id"], where=command.get("channel_id")
        )
        respond(
            response_type="ephemeral",
            text=plural(len(summaries), "campaign"),
            blocks=campaign_list_blocks(summaries),
        )
    else:
        try:
            board = campaigns.campaign_board(
                services.uow(),
                team_id,
                " ".join(words[1:]),
                now,
                actor=command["user_id"],
                where=command.get("channel_id"),
            )
        except CampaignError as error:  # not found, or not for this user from here
            respond(response_type="ephemeral", text=error_text(error))
            return
        respond(
            response_type="ephemeral",
            text=f"{escape(board.campaign.name)}: {plural(board.count, 'deliverable')}",
            blocks=campaign_show_blocks(board, now),
        )
