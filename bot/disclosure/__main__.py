"""`python -m bot.disclosure check …`: the same command as `creatorops disclosure check`, without the app.

An entry point, not domain code: import-linter's purity contract names this one import as its exception.
"""

import sys

from bot.cli.disclosure import main

if __name__ == "__main__":
    sys.exit(main())
