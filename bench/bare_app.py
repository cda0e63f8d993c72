"""The baseline for bench/ack_latency.py: a bare Bolt app whose /creatorops handler only acks,
behind the same WSGI server (waitress, same thread count) as `creatorops serve`."""

from __future__ import annotations

import os
import sys

from slack_bolt import App

from bot.app import make_web_client
from bot.server import serve_forever


def main() -> None:
    client = make_web_client(os.environ["SLACK_API_URL"], token=os.environ["SLACK_BOT_TOKEN"])
    app = App(signing_secret=os.environ["SLACK_SIGNING_SECRET"], client=client)

    @app.command("/creatorops")
    def noop(ack) -> None:  # type: ignore[no-untyped-def]
        ack()

    serve_forever(app, host="127.0.0.1", port=int(sys.argv[1]), threads=int(os.environ.get("HTTP_THREADS", "16")))


if __name__ == "__main__":
    main()
