"""/creatorops help lists every command and subcommand the app answers, so a new one is never left out."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from handlers.blocks.help import COMMANDS as HELP
from handlers.blocks.help import help_text
from handlers.commands import COMMANDS as REGISTERED
from handlers.commands import campaign, disclosure

ROOT = Path(__file__).resolve().parents[2]


def helped(command: str) -> str:
    """Every usage line the help shows for this slash command, as one string."""
    return " ".join(usage for usage, _ in HELP if usage.split()[0] == command)


def test_help_lists_each_registered_and_declared_slash_command():
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    declared = {c["command"] for c in manifest["features"]["slash_commands"]}
    in_help = {usage.split()[0] for usage, _ in HELP}
    assert set(REGISTERED) == declared == in_help


def test_help_lists_every_subcommand_of_campaign_and_disclosure():
    for command, subcommands in (("/campaign", campaign.SUBCOMMANDS), ("/disclosure", disclosure.SUBCOMMANDS)):
        said = helped(command)
        missing = [sub for sub in subcommands if not re.search(rf"(?:^|[\s|/]){sub}(?:\s|$)", said)]
        assert missing == [], f"{command} help leaves out {missing}"


def test_the_help_text_names_the_commands_a_user_found_missing():
    text = help_text()
    for usage in ("/campaign digest <name>", "/campaign results <name> @handle", "/disclosure jurisdiction"):
        assert usage in text
