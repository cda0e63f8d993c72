"""The creator's page as a creator feels it, in headless Chromium: page load, and the last keystroke to the verdict
on screen (the live check's 400 ms wait for more typing, its request, and drawing the answer).

    .venv/bin/python bench/creator_page_browser.py [--loads 20] [--checks 30]

Starts the local console as `make run` does (the real app on 127.0.0.1 behind the production WSGI server, the
Slack stand-in, SQLite in a temporary folder, the sample campaign), takes @marco_micro_sample's link with the
console's `link` command, and opens it in Debian's headless Chromium at a phone's size (tests/browser/chrome.py).
Page load: the browser's own navigation timing (DOMContentLoaded and load, from the start of the request), one
load after another. Keystroke to verdict: each round puts a caption without a disclosure in the field and fires
the input event a keystroke fires, then waits (a MutationObserver, in the page) until the suggested caption that
passes shows this round's text. The rounds are paced to stay within the link's rate limit.
"""

from __future__ import annotations

import argparse
import platform as host
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.browser: the tests' own browser set-up

from tests.browser.chrome import PHONE, chromium, missing_browser  # noqa: E402
from tests.browser.screenshot import sample_creator_link  # noqa: E402

KEYSTROKE_TO_VERDICT = """
const [id, text, marker, done] = arguments;
const caption = document.getElementById("caption-" + id);
const fixed = document.getElementById("fixed-" + id);
const start = performance.now();
const watch = new MutationObserver(() => {
  if (fixed.textContent.includes(marker)) { watch.disconnect(); done(performance.now() - start); }
});
watch.observe(document.getElementById("check-" + id), {subtree: true, childList: true, characterData: true});
caption.value = text;
caption.dispatchEvent(new Event("input", {bubbles: true}));
"""
NAVIGATION = """
const [entry] = performance.getEntriesByType("navigation");
return [entry.domContentLoadedEventEnd, entry.loadEventEnd];
"""


def row(name: str, values_ms: list[float]) -> str:
    cuts = statistics.quantiles(values_ms, n=100, method="inclusive")
    return f"{name:<28} {len(values_ms):>4} {cuts[49]:8.1f} {cuts[94]:8.1f} {max(values_ms):8.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=20, help="page loads")
    parser.add_argument("--checks", type=int, default=30, help="keystroke-to-verdict rounds")
    args = parser.parse_args()
    reason = missing_browser()
    if reason:
        print(reason, file=sys.stderr)
        return 1
    from selenium.webdriver.common.by import By

    with sample_creator_link() as url, chromium(PHONE) as driver:
        driver.set_script_timeout(10)
        driver.get(url)  # a first load warms the server's templates and the browser's cache of the CSS/JS
        ready, loaded = [], []
        for _ in range(args.loads):
            driver.get(url)
            dom, load = driver.execute_script(NAVIGATION)
            ready.append(dom)
            loaded.append(load)
            time.sleep(0.6)  # within the per-link rate limit (1 a second, after a burst)
        deliverable = driver.find_element(By.CSS_SELECTOR, "form.draft-form").get_attribute("data-deliverable")
        verdicts = []
        for round_ in range(args.checks):
            marker = f"day {round_ + 1} of the serum"
            text = f"Morning glow, {marker}, link in bio"
            verdicts.append(driver.execute_async_script(KEYSTROKE_TO_VERDICT, deliverable, text, marker))
            time.sleep(0.6)
    print(f"Python {host.python_version()}, {host.machine()}, headless Chromium at {PHONE[0]}x{PHONE[1]}")
    print(f"{'ms':<28} {'n':>4} {'p50':>8} {'p95':>8} {'max':>8}")
    print(row("page DOMContentLoaded", ready))
    print(row("page load", loaded))
    print(row("keystroke to verdict", verdicts))
    print(row("  of which the check", [v - 400 for v in verdicts]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
