"""What joining Arabic letters (HarfBuzz shaping) costs the evidence PDF: CPU time for one creator's file.

    .venv/bin/python bench/evidence_pdf_shaping.py [--repeats 10]

Three packs of the same shape (tests/campaigns/test_evidence_markdown's reviewed reel) whose caption is 20 times
one line: Latin, Arabic shaped (as the writer does it), and Arabic with shaping switched off (what it cost before).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bot.campaigns.evidence_pdf as evidence_pdf  # noqa: E402
from tests.campaigns.test_evidence_markdown import VET, _pack, _reviewed_reel  # noqa: E402

LATIN = "plain caption #ad with @glowco "
ARABIC = "مرحبا بكم #اعلان with @glowco "


def cpu_ms(caption: str, repeats: int) -> float:
    pack = _pack(_reviewed_reel(caption_v1=caption * 20), vet=VET)
    started = time.process_time()
    for _ in range(repeats):
        evidence_pdf.render_pdf(pack, pack.creators[0])
    return (time.process_time() - started) / repeats * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=10)
    repeats = parser.parse_args().repeats
    print(f"one creator's PDF, CPU ms, mean of {repeats}")
    print(f"  Latin caption                  {cpu_ms(LATIN, repeats):7.0f}")
    print(f"  Arabic caption, shaped         {cpu_ms(ARABIC, repeats):7.0f}")
    evidence_pdf._JOINING_SCRIPT = re.compile("(?!)")  # never shape: letters drawn apart, as before
    print(f"  Arabic caption, not shaped     {cpu_ms(ARABIC, repeats):7.0f}")


if __name__ == "__main__":
    main()
