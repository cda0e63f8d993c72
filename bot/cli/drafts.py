"""`creatorops draft NAME @handle --caption TEXT [--link URL] [--json]`: submit a creator's draft from the terminal
and print the check it got (the review card in Slack shows the same)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime

from bot.campaigns.errors import CampaignError
from bot.cli.local import LOCAL_USER, add_team_argument, database
from bot.config import load_settings
from bot.review.models import DraftSource
from bot.services import drafts
from bot.services.drafts import DraftSubmission, SubmittedDraft


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
        f"Draft {version.name} of @{context.creator.handle}'s {noun} for {context.campaign.name}: "
        f"disclosure {check.verdict.replace('_', ' ')}.",
        *(f"  - {f.message}" for f in check.findings if f.severity != "info"),
    ]
    if check.fixed_caption != version.caption:
        lines.append(f"Fixed caption: {check.fixed_caption}")
    if check.label_to_enable:
        lines.append(f"Switch on the platform's {check.label_to_enable} label when posting.")
    lines.append(f"It waits for review ({context.deliverable.state.label.lower()}).")
    return "\n".join(lines)


def run_draft(args: argparse.Namespace) -> int:
    submission = DraftSubmission(0, args.caption, DraftSource.cli, links=tuple(args.link))
    try:
        with database(load_settings()) as services:
            submitted = drafts.submit_draft_for(
                services.uow(), args.team, args.name, args.handle, submission, actor=args.user, now=datetime.now(UTC)
            )
    except CampaignError as error:
        print(f"creatorops draft: {error}", file=sys.stderr)
        return 2
    print(json.dumps(check_json(submitted), indent=2, ensure_ascii=False) if args.json else check_text(submitted))
    return 0
