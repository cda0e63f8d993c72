"""`python -m bot.disclosure check …`: the same command as `creatorops disclosure check`, without the app."""

from __future__ import annotations

import argparse
import sys

from bot.cli.disclosure import register_cli


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.disclosure")
    register_cli(parser.add_subparsers(metavar="COMMAND"))
    # `python -m bot.disclosure check …` reads as `disclosure check …`
    args = parser.parse_args(["disclosure", *(sys.argv[1:] if argv is None else argv)])
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
