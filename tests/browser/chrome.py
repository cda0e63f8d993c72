"""Headless Chromium for the browser tests and `make screenshot`: Debian's `chromium` driven through its own
`chromedriver`, never a browser or driver downloaded at run time.

The Service is given the driver's path, so Selenium Manager (which would look for, and download, a browser)
never runs; SE_OFFLINE keeps it offline should anything call it anyway.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PHONE = (375, 812)  # an iPhone X/11 Pro/12 mini-sized viewport, in CSS pixels
SMALL_PHONE = (320, 568)  # the narrowest phones still in use (iPhone SE, first generation)
DESKTOP = (1280, 900)
FLAGS = (
    "--headless=new",
    "--no-sandbox",  # root in a container has no user namespace for the sandbox
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",  # a container's /dev/shm is often 64 MB
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--no-default-browser-check",
    "--no-pings",
    "--metrics-recording-only",
    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
    # Anything not on this machine goes to a closed local port: the tests reach only the app on 127.0.0.1
    # (loopback is never proxied), and the browser's own calls home go nowhere.
    "--proxy-server=http://127.0.0.1:9",
    "--lang=en-GB",
)


def missing_browser(browser: Path = CHROMIUM, driver: Path = CHROMEDRIVER) -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    missing = [str(path) for path in (browser, driver) if not os.access(path, os.X_OK)]
    if missing:
        return (
            f"headless Chromium is not installed ({', '.join(missing)} missing): run `make browser` as root, "
            "or apt-get install chromium chromium-driver"
        )
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed: pip install -e '.[dev]'"
    return None


@contextmanager
def chromium(size: tuple[int, int] = DESKTOP) -> Iterator[object]:
    """A fresh headless Chromium (its own profile directory, removed afterwards) with a viewport of `size`."""
    os.environ.setdefault("SE_OFFLINE", "true")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="creatorops-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # console errors and CSP reports
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        set_viewport(driver, size)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def set_viewport(driver, size: tuple[int, int]) -> None:
    """Make the page's viewport (not the window) `size` CSS pixels: a phone's width is the layout width."""
    width, height = size
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 2 if width < 600 else 1, "mobile": width < 600},
    )
