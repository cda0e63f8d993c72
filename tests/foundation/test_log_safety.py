"""Logs never carry OAuth secrets, and a value someone else chose cannot forge a log line."""

from __future__ import annotations

import io
import logging
import re
import secrets
import sys

import httpx
import pytest

from bot.safe_logging import SafeFormatter, configure_logging, redact
from tests.harness import oauth_install, oauth_settings, realistic_token, serve_app

# How each of our lines starts (LOG_FORMAT); a traceback's lines are indented under it.
RECORD_START = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (DEBUG|INFO|WARNING|ERROR|CRITICAL) \S+: ")


def start_debug_logging(monkeypatch, settings) -> io.StringIO:
    """Log everything at DEBUG, slack_sdk's request and response bodies too, through the formatter that
    `creatorops serve` configures; the text logged is in the stream returned."""
    monkeypatch.setattr(logging.root, "handlers", [])  # let basicConfig run as on a fresh start
    monkeypatch.setattr(logging.root, "level", logging.root.level)
    monkeypatch.setattr(logging.getLogger("slack_sdk"), "level", logging.NOTSET)
    stream = io.StringIO()
    configure_logging("DEBUG", secrets=settings.secret_values(), stream=stream)
    # The configured cap keeps slack_sdk's bodies out; lift it, so that the formatter alone has to keep secrets out.
    logging.getLogger("slack_sdk").setLevel(logging.DEBUG)
    return stream


def test_debug_logs_of_an_install_carry_no_code_state_client_secret_or_token(
    monkeypatch, engine, database_url, standin
):
    settings = oauth_settings(database_url)
    stream = start_debug_logging(monkeypatch, settings)
    code, bot_token, user_token = secrets.token_hex(10), realistic_token("xoxb"), realistic_token("xoxp")
    webhook = f"https://hooks.slack.com/services/T0LOGS/B0HOOK/{secrets.token_hex(12)}"
    standin.add_oauth_code(code, "T0LOGS", bot_token, user_token=user_token, incoming_webhook_url=webhook)

    with serve_app(settings, engine, standin) as slack:
        done = oauth_install(slack, code)
        assert done.status_code == 200
        state = done.request.url.params["state"]
        slack.team_id = "T0LOGS"
        slack.event({"type": "app_home_opened", "user": "U0BOB", "tab": "home"})
        [published] = slack.wait_for("views.publish")
        assert published.token == bot_token  # the install worked, with the token that must not be logged

    logged = stream.getvalue()
    assert "oauth.v2.access" in logged and "views.publish" in logged  # slack_sdk's bodies were logged
    for secret in (code, state, settings.secret("slack_client_secret"), bot_token, user_token, webhook):
        assert secret not in logged
    for key in settings.token_keys():
        assert key not in logged
    assert "xoxb-" + bot_token.split("-", 2)[1] not in logged  # not even a recognisable part of the token


def test_an_oauth_error_with_a_newline_cannot_forge_a_log_line(monkeypatch, engine, database_url, standin):
    settings = oauth_settings(database_url)
    stream = start_debug_logging(monkeypatch, settings)
    with serve_app(settings, engine, standin) as slack:
        answer = httpx.get(
            slack.server.url + "/slack/oauth_redirect", params={"error": "access_denied\nFAKE LOG LINE\r\u2028x"}
        )
        assert answer.status_code == 200  # Bolt's failure page

    lines = stream.getvalue().splitlines()
    assert lines
    assert all(RECORD_START.match(line) or line.startswith("    ") for line in lines), lines
    [failure] = [line for line in lines if "OAuth install failed" in line]
    assert failure.endswith("OAuth install failed: access_denied\\nFAKE LOG LINE\\r\\u2028x")


def test_a_traceback_keeps_its_lines_but_none_starts_like_a_log_line():
    formatter = SafeFormatter()
    try:
        raise ValueError("bad handle\n2026-01-01 00:00:00,000 ERROR creatorops: FAKE")
    except ValueError:
        record = logging.LogRecord("creatorops", logging.ERROR, __file__, 1, "failed: %s", ("x\nFAKE",), None)
        record.exc_info = sys.exc_info()
    lines = formatter.format(record).splitlines()
    assert RECORD_START.match(lines[0]) and lines[0].endswith("failed: x\\nFAKE")
    assert len(lines) > 2
    assert all(line.startswith("    ") for line in lines[1:])


@pytest.mark.parametrize(
    ("logged", "secret"),
    [
        ("GET /slack/oauth_redirect?code=4411.5522.abcdef&state=9a7c-41e2 HTTP/1.1", "4411.5522.abcdef"),
        ("GET /slack/oauth_redirect?code=4411.5522.abcdef&state=9a7c-41e2 HTTP/1.1", "9a7c-41e2"),
        ("Handling an OAuth callback success (request: {'code': ['c0de-77'], 'state': ['st-88']})", "c0de-77"),
        ("Handling an OAuth callback success (request: {'code': ['c0de-77'], 'state': ['st-88']})", "st-88"),
        ("Failed to fetch oauth.v2.access result with code: 4411.5522.abcdef - error: invalid_code", "4411.5522"),
        ("Failed to find any persistent data for state: 9a7c-41e2-b0b0 - gone", "9a7c-41e2-b0b0"),
        ("body_params: {'client_id': '1.2', 'client_secret': 'shh-123', 'code': 'c0de'}", "shh-123"),
        ('body: {"ok":true,"access_token":"xoxb-1-2-abc","refresh_token":"xoxe-1-xyz"}', "xoxb-1-2-abc"),
        ('body: {"ok":true,"access_token":"xoxb-1-2-abc","refresh_token":"xoxe-1-xyz"}', "xoxe-1-xyz"),
        ("rotated to xoxe.xoxp-1-Mi0yLTE in place", "Mi0yLTE"),
        ("Cookie: slack-app-oauth-state=9a7c-41e2; other=1", "9a7c-41e2"),
        ("{'Authorization': 'Basic MTExMTpzZWNyZXQ='}", "MTExMTpzZWNyZXQ="),
        ("posting to https://hooks.slack.com/services/T0/B0/xYz123 failed", "xYz123"),
        ("GET https://www.googleapis.com/youtube/v3/channels?part=statistics&key=AIzaSyA-123", "AIzaSyA-123"),
    ],
)
def test_secrets_are_blanked_out_in_every_form_the_libraries_log_them(logged, secret):
    assert secret not in redact(logged)
    assert "[redacted]" in redact(logged)


def test_what_is_not_a_secret_is_left_as_it_is():
    line = "chat.postMessage to C0CAMPAIGNS (state: draft_due), HTTP status code: 500, monkey=1, 'keys': 3"
    assert redact(line) == line


def test_a_secret_setting_is_blanked_out_wherever_it_shows_up():
    formatter = SafeFormatter(secrets=["s3cr3t-signing-value", "short"])
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "signed with %s, short", ("s3cr3t-signing-value",), None)
    assert formatter.format(record).endswith("signed with [redacted], short")


def test_each_link_key_of_several_is_kept_out_of_the_logs(monkeypatch):
    from bot.config import Settings

    new, old = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    settings = Settings(_env_file=None, creatorops_link_key=f"{new}, {old}")
    stream = start_debug_logging(monkeypatch, settings)
    logging.getLogger("creatorops.test").warning("keys %s and %s", new, old)
    logged = stream.getvalue()
    assert "keys" in logged and new not in logged and old not in logged
    assert [key.decode() for key in settings.require_link_keys().keys] == [new, old]
