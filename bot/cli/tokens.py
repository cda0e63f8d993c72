"""`creatorops tokens rotate`: re-encrypt the stored Slack tokens with the first key of CREATOROPS_TOKEN_KEYS."""

from __future__ import annotations

import argparse
import sys

from bot.config import load_settings


def register_cli(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    tokens = subparsers.add_parser("tokens", help="the Slack tokens that OAuth installs store, encrypted")
    actions = tokens.add_subparsers(metavar="ACTION")
    rotate = actions.add_parser(
        "rotate",
        help="re-encrypt every stored token with the first key of CREATOROPS_TOKEN_KEYS (and encrypt plain ones)",
    )
    rotate.set_defaults(func=run_rotate)


def run_rotate(_args: argparse.Namespace) -> int:
    from bot.app import open_database
    from bot.services import Services, tokens

    settings = load_settings()
    keys = settings.require_token_keys()
    engine = open_database(settings)  # the widened columns first: plain tokens grow when encrypted
    try:
        rotated = tokens.rotate(Services(settings=settings, engine=engine).uow(), keys)
    except tokens.TokenKeyError as exc:
        print(f"creatorops tokens rotate: {exc}. Nothing was changed.", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    plain = f" ({rotated.plaintext} of them stored in plain text until now)" if rotated.plaintext else ""
    print(f"Re-encrypted the Slack tokens of {rotated.rows} stored rows with the first key{plain}.")
    if len(keys) > 1:
        print("No stored token needs the other keys now: remove them from CREATOROPS_TOKEN_KEYS.")
    return 0
