"""`creatorops draft NAME @handle --caption TEXT [--link URL] [--json]`: submit a creator's draft from the terminal
and print the check it got (the review card in Slack shows the same)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime

from slack_sdk.errors import SlackApiError, SlackClientError

from bot.app import make_web_client
from bot.campaigns.errors import CampaignError
from bot.cli.local import LOCAL_USER, add_team_argument, database
from bot.config import load_settings
from bot.disclosure.golive import switch_words
from bot.review.models import DraftSource
from bot.services import Services, drafts
from bot.services.drafts import DraftSubmission, SubmittedDraft
from handlers.review_posting import post_card


def register_cli(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    draft = subparsers.add_parser("draft", help="submit a creator's draft for review and print its disclosure check")
    draft.add_argument("name", help="the campaign (its name, or a unique start of it)")
    draft.add_argument("handle", help="the creator, e.g. @mia")
    draft.add_argument("--caption", required=True, help="the caption as the creator will post it")
    draft.add_argument("--link", action="append", default=[], metavar="URL", help="a media link (repeatable)")
    draft.add_argument("--json", action="store_true", help="print the check as JSON")
    draft.add_argument("--user", default=LOCAL_USER, help=f"who submits it (default {LOCAL_USER})")
    add_team_argument(draft)
    draft.set_defaults(func=run_draft)


def check_json(submitted: SubmittedDraft) -> dict[str, object]:
    """The contract: version, verdict, findings, fixed_caption, label_to_enable."""
    version = submitted.view.version
    check = version.check
    return {
        "version": version.version,
        "verdict": check.verdict,
        "findings": [f.model_dump(mode="json") for f in check.findings],
        "fixed_caption": check.fixed_caption,
        "label_to_enable": check.label_to_enable,
    }


def check_text(submitted: SubmittedDraft) -> str:
    view = submitted.view
    version, context = view.version, view.context
    check = version.check
    noun = context.deliverable.describe().removeprefix("a ")
    lines = [
        f"Draft {version.name} of @{context.creator.handle}'s {noun} (#{context.deliverable.id}) "
        f"for {context.campaign.name}: "
        f"disclosure {check.verdict.replace('_', ' ')}.",
        *(f"  - {f.message}" for f in check.findings if f.severity != "info"),
    ]
    if check.fixed_caption != version.caption:
        lines.append(f"Fixed caption: {check.fixed_caption}")
    if check.label_to_enable:
        lines.append(f"Switch on {switch_words(check.label_to_enable, mark='')} when posting.")
    lines.append(f"It waits for review ({context.deliverable.state.label.lower()}).")
    return "\n".join(lines)


def post_review_card(services: Services, team_id: str, submitted: SubmittedDraft) -> str:
    """The review card posted into the campaign's channel, in the deliverable's thread, as the Slack ways in do,
    when this workspace's bot token is set here; otherwise (or when Slack refuses) a sentence saying it was not."""
    channel = submitted.thread_channel
    token = services.settings.slack_bot_token
    if token is None:
        return (
            "Not posted to Slack: SLACK_BOT_TOKEN is not set here, so the review card did not go to channel "
            f"{channel}. Set it (or submit with /campaign draft in Slack) to have the card posted for review."
        )
    client = make_web_client(services.settings.slack_api_url, token.get_secret_value())
    try:
        post_card(services, client, team_id, submitted)
    except SlackApiError as error:
        return f"Not posted to Slack: Slack answered {error.response.get('error')} for channel {channel}."
    except (SlackClientError, OSError) as error:
        return f"Not posted to Slack: {type(error).__name__} reaching Slack; the draft is saved, try /campaign show."
    where = "in the deliverable's thread" if submitted.thread_ts else "starting the deliverable's review thread"
    return f"Review card posted in channel {channel}, {where}."


def run_draft(args: argparse.Namespace) -> int:
    submission = DraftSubmission(0, args.caption, DraftSource.cli, links=tuple(args.link))
    try:
        with database(load_settings()) as services:
            submitted = drafts.submit_draft_for(
                services.uow(), args.team, args.name, args.handle, submission, actor=args.user, now=datetime.now(UTC)
            )
            posted = post_review_card(services, args.team, submitted)
    except CampaignError as error:
        print(f"creatorops draft: {error}", file=sys.stderr)
        return 2
    if args.json:  # the JSON is the contract; where the card went is said beside it
        print(json.dumps(check_json(submitted), indent=2, ensure_ascii=False))
        print(posted, file=sys.stderr)
    else:
        print(f"{check_text(submitted)}\n{posted}")
    return 0
