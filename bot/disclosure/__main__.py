"""`python -m bot.disclosure check …`: the same command as `creatorops disclosure check`, without the app."""

import sys

from bot.cli.disclosure_main import main

if __name__ == "__main__":
    sys.exit(main())
