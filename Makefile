# `make run` and `make test` set everything up on a fresh machine: a virtualenv in .venv with the project
# and its dev tools, installed again only when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: run test install lint bench clean browser screenshot

run: $(STAMP)
	$(BIN)/creatorops start

test: lint browser
	$(BIN)/pytest -n 2 --dist loadfile $(PYTEST_ARGS)

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "CreatorOps needs Python 3.11 or newer: set PYTHON=python3.11 (or newer) and run make again.")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# The floors of the house (ARCHITECTURE.md) are kept by import-linter; types by mypy.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

# The browser tests (tests/browser) drive Debian's Chromium through its chromedriver; nothing is downloaded at run
# time. Installed here when missing; without root or apt the browser tests skip (fail with CI=true).
BROWSER_PACKAGES := chromium chromium-driver
CHROMIUM_BIN ?= /usr/bin/chromium
CHROMEDRIVER_BIN ?= /usr/bin/chromedriver
browser:
	@if [ -x $(CHROMIUM_BIN) ] && [ -x $(CHROMEDRIVER_BIN) ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then \
		echo "make browser: Chromium is missing and cannot be installed here (needs root and apt-get);"; \
		echo "  as root run: apt-get install $(BROWSER_PACKAGES). The browser tests will skip (fail with CI=true)."; \
		exit 0; \
	fi; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get install -y -q $(BROWSER_PACKAGES) || { apt-get update -q && apt-get install -y -q $(BROWSER_PACKAGES); } \
		|| echo "make browser: apt-get could not install $(BROWSER_PACKAGES); the browser tests will skip (fail with CI=true)."

# docs/creator-page.png: the creator's page of the sample campaign on a phone, taken by headless Chromium.
screenshot: $(STAMP) browser
	$(BIN)/python -m tests.browser.screenshot docs/creator-page.png

bench: $(STAMP)
	$(BIN)/python bench/ack_latency.py --concurrency 20 --requests 1000

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis *.egg-info
