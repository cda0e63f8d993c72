"""`python -m bot.cli …`: the same as `creatorops …`."""

from bot.cli import main

raise SystemExit(main())
