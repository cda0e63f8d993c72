"""Advertising-disclosure checker: pure domain code (text in, verdict out), with its CLI and Slack-word parser.

The CLI lives in bot.cli.disclosure (register_cli); the rule table, with its sources, in disclosure_rules.json.

    from bot.disclosure import CheckRequest, check_caption
    check_caption(CheckRequest(text="Loving my new serum! #sp", platform="instagram", jurisdiction="US"))
"""

from bot.disclosure.checker import check_caption
from bot.disclosure.models import (
    MAX_CAPTION_CHARS,
    CaptionTooLong,
    CheckRequest,
    CheckResult,
    Connection,
    Finding,
    Format,
    Severity,
    Verdict,
    ensure_checkable,
)
from bot.disclosure.slack_words import CheckOptions, option_kept_in_caption, parse_check_words
from bot.vocabulary import Jurisdiction, Platform  # re-exported: the checker's public words

__all__ = [
    "MAX_CAPTION_CHARS",
    "CaptionTooLong",
    "CheckOptions",
    "CheckRequest",
    "CheckResult",
    "Connection",
    "Finding",
    "Format",
    "Jurisdiction",
    "Platform",
    "Severity",
    "Verdict",
    "check_caption",
    "ensure_checkable",
    "option_kept_in_caption",
    "parse_check_words",
]
