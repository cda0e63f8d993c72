"""The creator's private link: page render, live check and draft submission latency, over real HTTP.

    .venv/bin/python bench/creator_page.py [--requests 200] [--submissions 50] [--slack-delay 1.0]

Starts the local Slack stand-in and the real app with the creator's pages (/c/<token>) served on 127.0.0.1 by the
production WSGI server, on SQLite in a temporary folder, seeded with the sample campaign. Issues a link for a
creator whose reel waits for a draft, then times, one request at a time: GET of the page, POST of the live check
(the JSON the page's script calls as the creator types), and POST of a draft (the same submission as from Slack:
checked, stored, its review card planned for the worker in the same transaction), while the stand-in takes
--slack-delay seconds to answer each chat.postMessage; then one dispatcher run that posts every card. Each figure is
CPU time (time.process_time: the server runs in this process, so it counts both sides), and for the drafts also the
wall time the creator waits, which a slow Slack no longer adds to. Rate limits are lifted for the run.
"""

from __future__ import annotations

import argparse
import platform as host
import re
import secrets
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

from bot.app import create_app, make_web_client
from bot.config import Settings
from bot.localslack.standin import Fault, SlackStandIn
from bot.review.creator_link import LinkKeys
from bot.scheduler import reminder_tick
from bot.server import start_background_server
from bot.services import Services, creator_links
from bot.services.sample_campaign import seed_sample_campaign
from bot.web import WebConfig, create_web
from bot.web.limits import Limits, Rate
from storage.db import make_engine
from storage.migrate import upgrade

TEAM, TOKEN, USER, CHANNEL = "T0BENCH", "xoxb-bench", "U0BENCH", "C0BENCH"
CREATOR = "@marco_micro_sample"
CAPTION = "Loving this serum from Glow, my skin has never looked better. Link in bio!"


def percentiles(values: list[float]) -> str:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return f"{cuts[49] * 1000:8.1f} {cuts[94] * 1000:8.1f} {cuts[98] * 1000:8.1f} {max(values) * 1000:8.1f}"


def timed(call) -> tuple[float, httpx.Response]:
    """CPU time of the call (this process: the client and the in-process server)."""
    start = time.process_time()
    answer = call()
    return time.process_time() - start, answer


def waited(call) -> tuple[float, float, httpx.Response]:
    """(wall time, CPU time, answer): the wall time is what the creator waits, Slack's delay included if any."""
    wall, cpu = time.perf_counter(), time.process_time()
    answer = call()
    return time.perf_counter() - wall, time.process_time() - cpu, answer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="page loads and live checks each")
    parser.add_argument("--submissions", type=int, default=50, help="drafts submitted")
    parser.add_argument("--slack-delay", type=float, default=1.0, help="seconds the stand-in takes to post a card")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="creator-page-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    upgrade(url)
    key = secrets.token_urlsafe(32)
    with SlackStandIn() as standin:
        standin.add_workspace(TEAM, TOKEN, name="bench")
        standin.add_user(USER, name="bench")
        settings = Settings(
            _env_file=None,
            slack_bot_token=TOKEN,
            slack_signing_secret=secrets.token_hex(16),
            slack_api_url=standin.api_url,
            database_url=url,
            creatorops_link_key=key,
        )
        engine = make_engine(url)
        services = Services(settings=settings, engine=engine)
        app = create_app(settings, make_web_client(base_url=standin.api_url), engine=engine, services=services)
        unlimited = Limits(per_ip=Rate(1e9, 1e9), per_link=Rate(1e9, 1e9))
        keys = LinkKeys((key.encode(),))
        web = create_web(services, WebConfig(keys=keys, upload_dir=folder / "uploads", limits=unlimited))
        server = start_background_server(app, health=services.health, web=web)
        now = datetime.now(UTC)
        seed_sample_campaign(services.uow(), TEAM, channel_id=CHANNEL, owner_user_id=USER, now=now)
        issued = creator_links.issue_link(services.uow(), TEAM, "Glow Sample", CREATOR, keys=keys, actor=USER, now=now)
        link = f"/c/{issued.token}"
        try:
            with httpx.Client(base_url=server.url, timeout=30) as browser:
                page = browser.get(link)
                form_key = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
                [deliverable] = [int(n) for n in re.findall(r'id="draft-form-(\d+)"', page.text)]
                pages = [timed(lambda: browser.get(link)) for _ in range(args.requests)]
                checks = [
                    timed(
                        lambda n=n: browser.post(
                            f"{link}/check",
                            json={"deliverable": deliverable, "caption": f"{CAPTION} {n}"},
                            headers={"X-CSRF-Token": form_key},
                        )
                    )
                    for n in range(args.requests)
                ]
                standin.inject("chat.postMessage", *[Fault(delay=args.slack_delay)] * args.submissions)
                drafts = [
                    waited(
                        lambda n=n: browser.post(
                            f"{link}/draft/{deliverable}", data={"csrf": form_key, "caption": f"{CAPTION} v{n}"}
                        )
                    )
                    for n in range(args.submissions)
                ]
                worker = time.process_time()
                delivered = sum(reminder_tick(services, channel_pace=0)().sent for _ in range(3))
                worker = time.process_time() - worker
                full = [timed(lambda: browser.get(link)) for _ in range(20)]
        finally:
            server.stop()
            engine.dispose()
    bad = [a.status_code for _, a in pages + checks if a.status_code != 200]
    bad += [a.status_code for _, _, a in drafts if a.status_code != 200]
    cards = len([c for c in standin.calls_to("chat.postMessage") if c.params.get("text", "").startswith("Draft v")])
    print(f"Python {sys.version.split()[0]} on {host.machine()}, SQLite; one request at a time; CPU time unless said")
    print(f"{'request':40} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}  (ms)")
    print(f"{'GET page (1 deliverable)':40} {percentiles([t for t, _ in pages])}")
    print(f"{'POST check (live, JSON)':40} {percentiles([t for t, _ in checks])}")
    print(f"{'POST draft (stored + card planned)':40} {percentiles([cpu for _, cpu, _ in drafts])}")
    print(f"{'  the same, wall time the creator waits':40} {percentiles([wall for wall, _, _ in drafts])}")
    print(f"{f'GET page, {args.submissions} versions shown':40} {percentiles([t for t, _ in full])}", end="")
    print(f"  ({len(full[-1][1].text) // 1024} KiB)")
    print(
        f"worker: {delivered} cards posted in {worker * 1000:.0f} ms CPU ({worker * 1000 / max(delivered, 1):.1f} ms "
        f"each), Slack taking {args.slack_delay:g} s to answer each post"
    )
    print(f"non-200 answers: {len(bad)}; review cards posted: {cards} of {args.submissions}")
    return 1 if bad or cards != args.submissions else 0


if __name__ == "__main__":
    raise SystemExit(main())
