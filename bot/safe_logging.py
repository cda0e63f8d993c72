"""Log lines that can be kept and shared: no secrets in them, and one line per record.

Every entry point (serve, socket, worker, console) logs through `configure_logging`, whose formatter
- blanks out OAuth secrets wherever they show up, at every level: Slack tokens (`xoxb-…`, `xoxp-…`, `xoxe-…`,
  `xapp-…`), incoming webhook URLs, the values of `code`, `state`, `client_secret`, `…token` and similar fields
  (in query strings, dict reprs and JSON, as Bolt's OAuth flow and slack_sdk's DEBUG request/response logs
  write them), and every secret setting's literal value;
- keeps a message on one line: a value someone else chose (an OAuth `?error=` from any browser, a handle) cannot
  forge a log line with a newline. Tracebacks, which we write, keep their lines, indented, so that none of their
  lines starts like a log line either.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from types import TracebackType
from typing import TextIO, TypeAlias

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REDACTED = "[redacted]"

ExcInfo: TypeAlias = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]

# C0 and C1 controls (NEL among them) and the Unicode line and paragraph separators: all end a line somewhere.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SLACK_TOKEN = re.compile(r"((?:xoxe\.)?xox[a-z]|xapp)-[A-Za-z0-9-]{1,1000}")
_WEBHOOK = re.compile(r"(hooks\.slack\.com/)[A-Za-z0-9/_.-]{1,1000}")
# Field names whose values are secrets; `…_token` and `…_secret` names match through the lookbehinds below.
_NAMES = r"code|state|token|secret|password|key|api_key|authorization|ticket"
# ?code=…&state=…, form bodies, cookies (slack-app-oauth-state=…).
_QUERY_FIELD = re.compile(rf"(?<![A-Za-z0-9])({_NAMES})=[^&\s'\",;}}\]]{{1,2000}}", re.IGNORECASE)
# {'code': 'x'}, {'code': ['x']} (a parsed query), {"access_token": "x"} (JSON).
_QUOTED_FIELD = re.compile(
    rf"""(['"](?:[A-Za-z0-9]{{1,64}}[_-]){{0,8}}(?:{_NAMES})['"]\s*:\s*\[?\s*)(['"])[^'"]{{0,2000}}\2""", re.IGNORECASE
)
# Prose: "… with code: x - error: …", "… for state: x - …" (Bolt's and slack_sdk's OAuth warnings); OAuth codes
# and states are long and carry digits, so "status code: 500" and "state: draft_due" stay.
_PROSE_FIELD = re.compile(r"(?<![A-Za-z0-9])(code|state)(:\s*)(?=[^\s,'\"]{0,2000}\d)[^\s,'\"]{8,2000}", re.IGNORECASE)
# A literal secret shorter than this is not worth the false hits (the redaction of a common word).
_MIN_LITERAL = 8


def redact(text: str, literals: Iterable[str] = ()) -> str:
    """`text` without the secrets it may carry (see the module's docstring)."""
    for literal in literals:
        text = text.replace(literal, REDACTED)
    text = _SLACK_TOKEN.sub(lambda m: f"{m.group(1)}-{REDACTED}", text)
    text = _WEBHOOK.sub(lambda m: m.group(1) + REDACTED, text)
    text = _QUERY_FIELD.sub(lambda m: f"{m.group(1)}={REDACTED}", text)
    text = _QUOTED_FIELD.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}{m.group(2)}", text)
    return _PROSE_FIELD.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", text)


def one_line(text: str) -> str:
    """Control characters written as escapes (a newline as \\n), so the text stays on its line."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class SafeFormatter(logging.Formatter):
    """One line per message, secrets blanked out of the whole record (message, arguments, traceback)."""

    def __init__(self, fmt: str = LOG_FORMAT, secrets: Iterable[str] = ()) -> None:
        super().__init__(fmt)
        # Longest first, so that a secret containing another is blanked out whole.
        self._literals = sorted({s for s in secrets if len(s) >= _MIN_LITERAL}, key=len, reverse=True)

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = one_line(record.message)
        return super().formatMessage(record)

    def formatException(self, ei: ExcInfo) -> str:
        return _indent(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:
        return _indent(super().formatStack(stack_info))

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self._literals)


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def configure_logging(
    level_name: str, *, secrets: Iterable[str] = (), quiet: bool = False, stream: TextIO | None = None
) -> None:
    """Log to `stream` (stderr) at `level_name` (WARNING at least when `quiet`), through a SafeFormatter that
    also knows the literal values of `secrets` (the settings' secrets)."""
    level = logging.getLevelName(level_name)
    handler = logging.StreamHandler(stream)
    handler.setFormatter(SafeFormatter(LOG_FORMAT, secrets))
    logging.basicConfig(level=max(level, logging.WARNING) if quiet else level, handlers=[handler])
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)  # one line per plugin on every start
    # slack_sdk logs whole API answers at DEBUG: message texts and user profiles, besides the tokens the
    # formatter blanks out. Too much, and too personal, for a log.
    logging.getLogger("slack_sdk").setLevel(max(level, logging.INFO))
