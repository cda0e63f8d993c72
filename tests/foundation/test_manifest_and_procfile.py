"""manifest.yml is a valid v1 Slack app manifest that matches the app; the Procfile runs what exists."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import jsonschema
import yaml

from bot.cli import build_parser
from bot.config import Settings

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = Path(__file__).with_name("manifest_schema") / "manifest.schema.1.0.0.json"


def load_manifest() -> dict:
    return yaml.safe_load((ROOT / "manifest.yml").read_text())


def test_manifest_validates_against_slacks_v1_schema():
    schema = json.loads(SCHEMA.read_text())
    jsonschema.validate(load_manifest(), schema)


def test_manifest_has_the_commands_shortcut_events_and_urls_the_app_serves():
    manifest = load_manifest()
    commands = {c["command"] for c in manifest["features"]["slash_commands"]}
    assert commands == {"/vet", "/campaign", "/disclosure", "/creatorops"}
    assert all(c["url"].endswith("/slack/events") for c in manifest["features"]["slash_commands"])
    assert [(s["type"], s["callback_id"]) for s in manifest["features"]["shortcuts"]] == [
        ("message", "check_disclosure"),
        ("message", "submit_draft"),
    ]
    settings = manifest["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {
        "app_home_opened",
        "app_uninstalled",
        "tokens_revoked",
    }
    assert settings["interactivity"]["request_url"].endswith("/slack/events")
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    # The app DMs owners and users (reminders, failures, private cards): they must be able to find them again.
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True
    assert manifest["oauth_config"]["redirect_urls"][0].endswith("/slack/oauth_redirect")


def test_oauth_asks_for_exactly_the_manifest_scopes():
    manifest_scopes = load_manifest()["oauth_config"]["scopes"]["bot"]
    assert Settings(_env_file=None).slack_scopes.split(",") == manifest_scopes
    assert not {"channels:read", "users:read", "users:read.email", "admin", "chat:write.customize"} & set(
        manifest_scopes
    )


def test_procfile_processes_are_real_cli_commands():
    lines = dict(line.split(":", 1) for line in (ROOT / "Procfile").read_text().splitlines() if line.strip())
    assert set(lines) == {"web", "worker", "release"}
    parser = build_parser()
    for command in lines.values():
        argv = shlex.split(command)
        assert argv[0] == "creatorops"
        args = parser.parse_args(argv[1:])
        assert callable(args.func)
