"""How long the evidence pack takes as PDF, against the Markdown of the same pack, for a typical and a worst case.

    .venv/bin/python bench/evidence_pdf.py [--repeats 30]

Typical: a creator vetted with a decision, two deliverables, each with two draft versions (the first sent back with
reasons, the second approved in two steps), three live checks and the history; payments and results. Worst: three
deliverables of five versions each, every caption and fixed caption at the 5,000-character limit with emoji and
right-to-left text in it (the replacement glyph path). Prints, per case and format, the median and p95 time for one
creator's file, its size, and the PDF's page count; and the time for a 20-creator campaign's pack.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.campaigns import evidence as ev  # noqa: E402
from bot.campaigns.evidence_files import evidence_files  # noqa: E402
from bot.campaigns.evidence_markdown import render_markdown  # noqa: E402
from bot.campaigns.evidence_pdf import render_pdf  # noqa: E402
from bot.vocabulary import Money  # noqa: E402

T0 = datetime(2026, 12, 1, 9, tzinfo=UTC)
CAPTION = "Glow serum morning routine: three drops, then moisturiser. Code GLOW15 for 15% off. @glowbrand #skincare"
HOSTILE = "Lancement 🚀💅🏽 שלום مرحبا <script>x</script> " * 120  # about 5,500 characters: cut at 5,000


def _versions(number: int, caption: str, count: int) -> tuple[ev.DraftEvidence, ...]:
    drafts = []
    for version in range(1, count + 1):
        at = T0 + timedelta(days=number * 7 + version)
        last = version == count
        decisions = (
            (
                ev.DecisionEvidence(version, "approved", "U0BRAND", at + timedelta(hours=2), step="brand"),
                ev.DecisionEvidence(version, "approved", "U0LEGAL", at + timedelta(hours=5), step="legal"),
            )
            if last
            else (
                ev.DecisionEvidence(
                    version,
                    "changes_requested",
                    "U0BRAND",
                    at + timedelta(hours=3),
                    reasons=("disclosure", "brand claims"),
                    note="Put #ad before the cut and drop 'clinically proven'.",
                ),
            )
        )
        drafts.append(
            ev.DraftEvidence(
                version=version,
                submitted_by="U0CREATOR",
                submitted_at=at,
                caption=(("#ad " if last else "") + caption),
                links=(f"https://drive.example/v{version}.mp4",),
                disclosure_verdict="compliant" if last else "missing",
                findings=() if last else ("No advertising label before the cut",),
                fixed_caption=None if last else "#ad " + caption,
                label_to_enable="Paid partnership",
                decisions=decisions,
            )
        )
    return tuple(drafts)


def _deliverable(number: int, caption: str, versions: int) -> ev.DeliverableEvidence:
    due = T0 + timedelta(days=number * 7 + versions + 2)
    url = f"https://www.instagram.com/reel/BENCH{number}/"
    return ev.DeliverableEvidence(
        description=f"reel {number}",
        state="live",
        due_at=due,
        post_url=url,
        posted_at=due,
        transitions=tuple(
            ev.TransitionEvidence(a, b, "U0OWNER", T0 + timedelta(days=number * 7, hours=n))
            for n, (a, b) in enumerate(
                [
                    ("invited", "accepted"),
                    ("accepted", "draft_due"),
                    ("draft_due", "draft_submitted"),
                    ("draft_submitted", "approved"),
                    ("approved", "live"),
                ]  # fmt: skip
            )
        ),
        drafts=_versions(number, caption, versions),
        live_checks=tuple(
            ev.LiveCheckEvidence(due + timedelta(days=n), url, "ok", caption_seen="#ad " + caption[:200])
            for n in range(3)
        ),
    )


def creator(handle: str, caption: str, deliverables: int, versions: int) -> ev.CreatorEvidence:
    fee = Money(amount=Decimal("450"), currency="GBP")
    return ev.CreatorEvidence(
        handle=handle,
        platform="instagram",
        fee=fee,
        vet=ev.VetEvidence(
            T0 - timedelta(days=20),
            "U0OWNER",
            "caution",
            "Engagement is low for the tier",
            58,
            "micro",
            24100,
            "snapshot",
            ("Engagement rate: 0.9 % against 2-4 %", "Comments: 31 % generic"),
            "£300-£600",
            *("approved", "U0BRAND", T0 - timedelta(days=19), "caution"),  # the team's decision, on that verdict
        ),
        deliverables=tuple(_deliverable(n, caption, versions) for n in range(1, deliverables + 1)),
        payments=(ev.PaymentEvidence(Money(amount=Decimal("225"), currency="GBP"), date(2026, 12, 3), "U0OWNER"),),
        results=(
            ev.ResultEvidence(
                "https://www.instagram.com/reel/BENCH1/", T0 + timedelta(days=30), "creator", (("views", 12000),)
            ),
        ),
    )


def pack_of(*creators: ev.CreatorEvidence) -> ev.EvidencePack:
    return ev.EvidencePack("Glow Launch", "C0CAMPAIGN", "Europe/London", "UK", T0 + timedelta(days=40), creators)


def timed(work: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median and p95 in milliseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    render_pdf(pack_of(creator("warm.up", CAPTION, 1, 1)), creator("warm.up", CAPTION, 1, 1))  # imports, font cache
    cases = {
        "typical (2 deliverables x 2 versions)": creator("maya.makes", CAPTION, 2, 2),
        "worst (3 x 5 versions, 5,000-char hostile captions)": creator("nina.nano", HOSTILE, 3, 5),
    }
    print(f"one creator's file, {args.repeats} runs each (ms)")
    print(f"{'case':<54}{'format':<8}{'median':>8}{'p95':>8}{'bytes':>10}{'pages':>7}")
    for name, one in cases.items():
        pack = pack_of(one)
        pdf = render_pdf(pack, one)
        markdown = render_markdown(pack, one).encode("utf-8")
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        for label, work, size, count in (
            ("md", lambda p=pack, c=one: render_markdown(p, c), len(markdown), "-"),
            ("pdf", lambda p=pack, c=one: render_pdf(p, c), len(pdf), str(pages)),
        ):
            median, p95 = timed(work, args.repeats)
            print(f"{name:<54}{label:<8}{median:>8.1f}{p95:>8.1f}{size:>10,}{count:>7}")
    campaign = pack_of(*(creator(f"creator{n}", CAPTION, 2, 2) for n in range(20)))
    for label in ("md", "pdf"):
        start = time.perf_counter()
        files = evidence_files(campaign, label)  # type: ignore[arg-type]
        seconds = time.perf_counter() - start
        total = sum(len(data) for _, data in files)
        print(f"20-creator campaign, {label}: {seconds:.2f} s for {len(files)} files, {total:,} bytes")


if __name__ == "__main__":
    main()
