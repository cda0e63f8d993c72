"""`creatorops link NAME @handle [--rotate|--revoke] [--days N]`: a creator's private link to their deliverables
on a campaign (the token is shown once; only its keyed hash is stored)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from bot.campaigns.errors import CampaignError
from bot.cli.local import LOCAL_USER, add_team_argument, database
from bot.config import Settings, SettingsError, load_settings
from bot.review.creator_link import DEFAULT_DAYS, MAX_DAYS
from bot.services import creator_links


def register_cli(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    link = subparsers.add_parser("link", help="make (or end) a creator's private link to submit drafts and live links")
    link.add_argument("name", help="the campaign (its name, or a unique start of it)")
    link.add_argument("handle", help="the creator, e.g. @mia")
    what = link.add_mutually_exclusive_group()
    what.add_argument("--rotate", action="store_true", help="end the creator's earlier links and make a new one")
    what.add_argument("--revoke", action="store_true", help="end every link of the creator on this campaign")
    what.add_argument(
        "--history", action="store_true", help="what came in through the creator's links: when, from which address"
    )
    link.add_argument("--days", type=int, default=DEFAULT_DAYS, help=f"how long it works (1-{MAX_DAYS}, default 30)")
    link.add_argument("--user", default=LOCAL_USER, help=f"who makes it (default {LOCAL_USER})")
    add_team_argument(link)
    link.set_defaults(func=run_link)


def run_link(args: argparse.Namespace) -> int:
    settings = load_settings()
    now = datetime.now(UTC)
    if args.history:
        return _history(args, settings)
    try:
        keys = settings.require_link_keys()
        with database(settings) as services:
            if args.revoke:
                ended = creator_links.revoke_link(services.uow(), args.team, args.name, args.handle, now=now)
                print(
                    f"Ended {ended} link(s) of {args.handle} on {args.name}: they now show 'This link does not work'."
                )
                return 0
            issued = creator_links.issue_link(
                services.uow(),
                args.team,
                args.name,
                args.handle,
                keys=keys,
                actor=args.user,
                now=now,
                days=args.days,
                rotate=args.rotate,
            )
    except (CampaignError, SettingsError) as error:
        print(f"creatorops link: {error}", file=sys.stderr)
        return 2
    print(f"{settings.public_url()}/c/{issued.token}")
    others = f" {issued.still_working} earlier link(s) still work; --rotate ends them." if issued.still_working else ""
    print(
        f"@{issued.handle}'s private link for {issued.campaign}, until {issued.expires_at:%Y-%m-%d %H:%M} UTC. "
        f"Send it to them only: anyone with it can submit drafts as them.{others}",
        file=sys.stderr,
    )
    return 0


def _history(args: argparse.Namespace, settings: Settings) -> int:
    try:
        with database(settings) as services:
            rows = creator_links.creator_history(services.uow(), args.team, args.name, args.handle)
    except CampaignError as error:
        print(f"creatorops link: {error}", file=sys.stderr)
        return 2
    if not rows:
        print(f"Nothing came in through {args.handle}'s links on {args.name} yet.")
    for at, action, ip, deliverable, detail in rows:
        what = {"draft": "draft", "live": "live link"}.get(action, action)
        print(f"{at:%Y-%m-%d %H:%M:%S} UTC  {ip:<15}  deliverable #{deliverable}  {what} {detail or ''}".rstrip())
    return 0
