"""`creatorops`: run the bot (console, HTTP, Socket Mode, worker), migrate the database, feature CLIs."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from bot.config import Mode, Settings, SettingsError, load_settings

if TYPE_CHECKING:  # imported where used, so that a CLI command loads only what it needs
    from slack_bolt import App

    from bot.localslack.console import LocalSlack
    from bot.services import Services

# Modules with register_cli(subparsers): each adds its own sub-commands.
FEATURE_CLIS: tuple[str, ...] = (
    "bot.cli.vet",
    "bot.cli.audience",
    "bot.cli.snapshots",
    "bot.cli.campaigns",
    "bot.cli.campaign_setup",
    "bot.cli.results",
    "bot.cli.disclosure",
    "bot.cli.tokens",
    "bot.cli.evidence",
    "bot.cli.drafts",
    "bot.cli.links",
)

logger = logging.getLogger("creatorops")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except SettingsError as exc:
        print(f"creatorops: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early
        sys.stderr.close()
        return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="creatorops", description="CreatorOps: influencer campaigns in Slack.")
    sub = parser.add_subparsers(metavar="COMMAND")

    start = sub.add_parser("start", help="run the bot: the console without Slack credentials, else Slack")
    start.set_defaults(func=run_start)
    serve = sub.add_parser("serve", help="serve Slack over HTTP on $PORT (/slack/events, /healthz)")
    serve.add_argument("--host", default="0.0.0.0")
    serve.add_argument("--port", type=int, default=None, help="default: $PORT or 3000")
    serve.add_argument("--no-scheduler", action="store_true", help="leave scheduled work to `creatorops worker`")
    serve.set_defaults(func=run_serve)
    socket = sub.add_parser("socket", help="connect to Slack in Socket Mode (needs SLACK_APP_TOKEN)")
    socket.set_defaults(func=run_socket)
    worker = sub.add_parser("worker", help="run the scheduler process (reminders, digests, housekeeping)")
    worker.set_defaults(func=run_worker)
    console = sub.add_parser("console", help="try every command locally, without Slack")
    console.set_defaults(func=run_console)
    one_shot = sub.add_parser("try", help='run console lines once, e.g. creatorops try "/creatorops help"')
    one_shot.add_argument("lines", nargs="+", metavar="LINE")
    one_shot.set_defaults(func=run_try)

    db = sub.add_parser("db", help="database migrations")
    db_sub = db.add_subparsers(metavar="ACTION")
    db_sub.add_parser("upgrade", help="apply all migrations").set_defaults(func=run_db_upgrade)
    db_sub.add_parser("current", help="show the applied revision").set_defaults(func=run_db_current)
    down = db_sub.add_parser("downgrade", help="go back to a revision")
    down.add_argument("revision")
    down.set_defaults(func=run_db_downgrade)

    for module_name in FEATURE_CLIS:
        __import__(module_name, fromlist=["register_cli"]).register_cli(sub)
    _groups_show_their_own_help(parser)
    return parser


def _groups_show_their_own_help(parser: argparse.ArgumentParser) -> None:
    """`creatorops metrics` (a group typed without its action) prints the group's actions, not every command."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for group in action.choices.values():
                has_actions = any(isinstance(a, argparse._SubParsersAction) for a in group._actions)
                if has_actions and group.get_default("func") is None:
                    group.set_defaults(func=partial(_usage, group))
                _groups_show_their_own_help(group)


def _usage(group: argparse.ArgumentParser, _args: argparse.Namespace) -> int:
    group.print_help(sys.stderr)
    return 2


def _configure_logging(settings: Settings, *, quiet: bool = False) -> None:
    from bot.safe_logging import configure_logging

    configure_logging(settings.log_level, secrets=settings.secret_values(), quiet=quiet)


def _settings(quiet: bool = False) -> Settings:
    settings = load_settings()
    _configure_logging(settings, quiet=quiet)
    return settings


def run_start(args: argparse.Namespace) -> int:
    settings = load_settings()  # each mode sets up its own logging: the console keeps the prompt quiet
    if settings.mode is Mode.console:
        return run_console(args)
    if settings.slack_app_token:
        return run_socket(args)
    args.host, args.port, args.no_scheduler = "0.0.0.0", None, False
    return run_serve(args)


def _slack_app(settings: Settings) -> tuple[App, Services]:
    from bot.app import create_app, open_services

    if settings.mode is Mode.console:
        raise SettingsError(
            "No Slack credentials are set: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (one workspace) or"
            " SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET (OAuth), or run creatorops console."
        )
    services = open_services(settings)
    return create_app(settings, engine=services.engine, services=services), services


def run_serve(args: argparse.Namespace) -> int:
    from bot.scheduler import build_scheduler
    from bot.server import serve_forever
    from bot.web import web_for

    settings = _settings()
    app, services = _slack_app(settings)
    web = web_for(services)
    if not args.no_scheduler:
        build_scheduler(services, blocking=False).start()
    port = args.port or settings.port
    logger.info("CreatorOps serving on %s:%d (%s mode)", args.host, port, settings.mode.value)
    serve_forever(app, host=args.host, port=port, threads=settings.http_threads, health=services.health, web=web)
    return 0


def run_socket(_args: argparse.Namespace) -> int:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.scheduler import build_scheduler

    settings = _settings()
    if not settings.slack_app_token:
        raise SettingsError("SLACK_APP_TOKEN is not set: create an app-level token (xapp-…) to use Socket Mode.")
    app, services = _slack_app(settings)
    build_scheduler(services, blocking=False).start()
    SocketModeHandler(app, settings.secret("slack_app_token")).start()
    return 0


def run_worker(_args: argparse.Namespace) -> int:
    from bot.app import open_services
    from bot.scheduler import build_scheduler

    settings = _settings()
    services = open_services(settings)  # with OAuth, the workspaces' tokens come from the installation store
    logger.info("CreatorOps worker started")
    build_scheduler(services, blocking=True).start()
    return 0


def _local_slack(settings: Settings) -> LocalSlack:
    from bot.localslack.console import LocalSlack

    return LocalSlack(settings=settings, sample_campaign=True).start()


def run_console(_args: argparse.Namespace) -> int:
    from bot.localslack.console import CONSOLE_HELP
    from bot.scheduler import build_scheduler

    settings = _settings(quiet=True)
    local = _local_slack(settings)
    scheduler = build_scheduler(local.services, blocking=False)  # reminders also come due as real time passes
    scheduler.start()
    print("CreatorOps local console: the real app, a stand-in for Slack, sample data. " + CONSOLE_HELP)
    try:
        while True:
            try:
                line = input("\ncreatorops> ")
            except EOFError:
                break
            if line.strip().lower() in ("quit", "exit"):
                break
            output = local.run(line)
            if output:
                print(output)
    finally:
        scheduler.shutdown(wait=False)
        local.stop()
    return 0


def run_try(args: argparse.Namespace) -> int:
    settings = _settings(quiet=True)
    local = _local_slack(settings)
    try:
        for line in args.lines:
            print(local.run(line))
    finally:
        local.stop()
    return 0


def run_db_upgrade(_args: argparse.Namespace) -> int:
    from bot.services.database import current_revision, upgrade

    settings = _settings()
    upgrade(settings.database_url)
    print(f"database is at revision {current_revision(settings.database_url)}")
    return 0


def run_db_current(_args: argparse.Namespace) -> int:
    from bot.services.database import current_revision

    print(current_revision(_settings().database_url) or "empty (run: creatorops db upgrade)")
    return 0


def run_db_downgrade(args: argparse.Namespace) -> int:
    from bot.services.database import current_revision, downgrade

    settings = _settings()
    downgrade(settings.database_url, args.revision)
    print(f"database is at revision {current_revision(settings.database_url) or 'base (empty)'}")
    return 0
