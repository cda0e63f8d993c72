"""The creator's private link: a small Flask app served under /c/ beside /slack/events (same WSGI process).

Server-rendered pages that work without JavaScript; /c/static/creator.js adds the disclosure check as the creator
types. No cookies: each form carries a key signed for its link (bot.review.creator_link.form_key). Every answer
has a strict Content-Security-Policy (no inline script or style), nosniff, no referrer and no caching. An unknown,
revoked or expired link gets the same page (404, or 410 once expired) and nothing else.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from bot.campaigns.errors import CampaignError
from bot.review.creator_link import LinkKeys, form_key, form_key_ok
from bot.review.models import MAX_LINKS, DraftFile
from bot.services import Services, creator_links
from bot.services.creator_links import LinkUnavailable
from bot.web.limits import SUBMISSION_COST, Limits, TokenBuckets
from bot.web.uploads import MAX_NAME, MAX_UPLOAD, UploadRefused, discard_upload, store_upload, stored_path
from bot.web.view import CheckView, page_view

MOUNT = "/c"
logger = logging.getLogger("creatorops.web")
MAX_CAPTION_CHARS = 10_000  # well above any platform's caption; the checker refuses what it cannot read
MAX_LINKS_TEXT = 6_000

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        "form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


@dataclass
class WebConfig:
    keys: LinkKeys
    upload_dir: Path
    trusted_proxy: bool = False
    limits: Limits = field(default_factory=Limits)


class _Refused(Exception):
    """A form that cannot go through as sent: shown again with the message, what was typed kept."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


def create_web(services: Services, config: WebConfig) -> Flask:
    web = Flask(__name__, static_url_path="/static")
    web.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD + 256 * 1024  # the file and the form around it
    web.jinja_env.autoescape = True
    per_ip, per_link = TokenBuckets(config.limits.per_ip), TokenBuckets(config.limits.per_link)
    clock: Callable[[], datetime] = services.clock

    def ip() -> str:
        return (request.remote_addr or "unknown")[:64]

    @web.before_request
    def rate_limit() -> Any:
        if request.endpoint == "static":
            return None
        cost = SUBMISSION_COST if request.endpoint in ("submit", "live") else 1
        wait = per_ip.take(ip(), cost)
        token = (request.view_args or {}).get("token")
        if not wait and isinstance(token, str):
            wait = per_link.take(hashlib.sha256(token.encode()).hexdigest(), cost)
        if wait:
            if request.endpoint == "check":
                answer = _json({"error": _wait_words(wait)}, 429)
            else:
                answer = _page("error.html", 429, title="Too many requests", message=_wait_words(wait))
            answer.headers["Retry-After"] = str(max(1, int(wait + 0.999)))
            return answer
        return None

    @web.after_request
    def secure(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.endpoint == "static":
            response.headers["Cache-Control"] = "public, max-age=3600"
        return response

    @web.errorhandler(LinkUnavailable)
    def unavailable(error: LinkUnavailable) -> Response:
        return _page("gone.html", 410 if error.expired else 404)

    @web.errorhandler(Exception)
    def failed(error: Exception) -> Response:
        if isinstance(error, HTTPException):
            return http_error(error)
        # Flask's own log line names the path, which holds the link's token: say which page, never the path.
        logger.error("a creator's page failed (%s %s)", request.method, request.endpoint, exc_info=error)
        return _page("error.html", 500, title="Something went wrong on our side", message=OUR_FAULT)

    @web.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        if error.code == 413:
            return _page("error.html", 413, title="That file is too large", message=TOO_LARGE)
        if (error.code or 500) >= 500:
            return _page("error.html", 500, title="Something went wrong on our side", message=OUR_FAULT)
        return _page("gone.html", 404 if error.code in (404, 405) else int(error.code or 400))

    def render(token: str, *, status: int = 200, errors: dict[int, str] | None = None, typed: dict | None = None):
        page = creator_links.open_page(services.uow(), config.keys, token, now=clock())
        return _page(
            "page.html",
            status,
            view=page_view(page),
            token=token,
            csrf=form_key(config.keys, token, clock()),
            errors=errors or {},
            typed=typed or {},
            max_links=MAX_LINKS,
        )

    @web.get("/<token>")
    def page(token: str) -> Response:
        return render(token)

    def check_form(token: str) -> None:
        sent = request.form.get("csrf") or request.headers.get("X-CSRF-Token") or ""
        if not form_key_ok(config.keys, token, sent, clock()):
            raise _Refused("This page was open too long (or came from elsewhere): reload it and send again.", 403)

    @web.post("/<token>/draft/<int:deliverable_id>")
    def submit(token: str, deliverable_id: int) -> Response:
        sent_caption = _typed("caption")
        caption = sent_caption[:MAX_CAPTION_CHARS]
        sent_links = _typed("links")
        links_text = sent_links[:MAX_LINKS_TEXT]
        typed = {deliverable_id: {"caption": caption, "links": links_text}}
        try:
            check_form(token)
            if len(sent_caption) > MAX_CAPTION_CHARS:
                raise _Refused(f"A caption has at most {MAX_CAPTION_CHARS:,} characters: shorten it and send again.")
            if len(sent_links) > MAX_LINKS_TEXT:
                raise _Refused(f"Up to {MAX_LINKS} links, one a line: put the rest in a folder and link that.")
            links = tuple(line.strip() for line in links_text.splitlines() if line.strip())[: MAX_LINKS + 1]
            stored, files = _uploaded(config, token, deliverable_id)
            try:
                _, submitted = creator_links.submit_from_link(
                    services.uow(),
                    config.keys,
                    token,
                    deliverable_id,
                    caption=caption,
                    links=links,
                    files=files,
                    ip=ip(),
                    now=clock(),
                )
            except BaseException:
                # a refused (or failed) draft keeps nothing: an orphan file would fill the disk at every retry
                discard_upload(stored)
                raise
        except (CampaignError, UploadRefused) as error:
            return render(token, status=422, errors={deliverable_id: str(error)}, typed=typed)
        except _Refused as refused:
            return render(token, status=refused.status, errors={deliverable_id: str(refused)}, typed=typed)
        version = submitted.view.version  # its card and files are the dispatcher's to post (an outbox row)
        return _page(
            "result.html",
            200,
            token=token,
            campaign=submitted.view.context.campaign.name,
            version=version.name,
            check=CheckView.of(version.check),
            caption=version.caption,
        )

    def _uploaded(config: WebConfig, token: str, deliverable_id: int) -> tuple[Path | None, tuple[DraftFile, ...]]:
        """The file written to disk (None without one) and the draft's files naming it."""
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            return None, ()
        # The link must open, on its own creator's deliverable, before anything is written to disk.
        team_id = creator_links.workspace_of(services.uow(), config.keys, token, deliverable_id, now=clock())
        name, _ = store_upload(upload.stream, config.upload_dir, team_id)
        return stored_path(config.upload_dir, team_id, name), (DraftFile(id=name, name=upload.filename[:MAX_NAME]),)

    @web.post("/<token>/check")
    def check(token: str) -> Response:
        data = request.get_json(silent=True) or {}
        sent = request.headers.get("X-CSRF-Token") or ""
        if not form_key_ok(config.keys, token, sent, clock()):
            return _json({"error": "Reload the page to keep checking as you type."}, 403)
        deliverable = data.get("deliverable")
        caption = data.get("caption")
        caption = caption.replace("\x00", "") if isinstance(caption, str) else caption
        if type(deliverable) is not int or not isinstance(caption, str) or len(caption) > MAX_CAPTION_CHARS:
            return _json({"error": "Send the deliverable's number and the caption."}, 400)
        try:
            result = creator_links.check_caption(services.uow(), config.keys, token, deliverable, caption, now=clock())
        except LinkUnavailable as error:
            return _json({"error": "This link does not work any more."}, 410 if error.expired else 404)
        except CampaignError as error:
            return _json({"error": str(error)}, 422)
        return _json(CheckView.of(result).as_json(), 200)

    @web.post("/<token>/live/<int:deliverable_id>")
    def live(token: str, deliverable_id: int) -> Response:
        url = _typed("url")[:1000]
        typed = {deliverable_id: {"url": url}}
        try:
            check_form(token)
            _, moved = creator_links.mark_live_from_link(
                services.uow,
                config.keys,
                token,
                deliverable_id,
                url=url,
                ip=ip(),
                now=clock(),
                owner_check=services.sources.is_creators_post if services.sources else None,
            )
        except CampaignError as error:
            return render(token, status=422, errors={deliverable_id: str(error)}, typed=typed)
        except _Refused as refused:
            return render(token, status=refused.status, errors={deliverable_id: str(refused)}, typed=typed)
        # the channel is told by the dispatcher, from the row planned with the live link
        return _page("live.html", 200, token=token, url=moved.deliverable.post_url, campaign=moved.campaign.name)

    if config.trusted_proxy:
        web.wsgi_app = ProxyFix(web.wsgi_app, x_for=1)  # type: ignore[method-assign]
    return web


OUR_FAULT = "Nothing you did: try again in a minute. If it keeps happening, tell the team you work with."
TOO_LARGE = f"Files up to {MAX_UPLOAD // (1024 * 1024)} MB can be uploaded: send a smaller one, or paste a link to it."


def _wait_words(wait: float) -> str:
    seconds = max(1, int(wait + 0.999))
    return f"That was a lot of requests at once. Wait {seconds} second(s), then reload the page."


def _typed(name: str) -> str:
    """A form field as the creator typed it, without NUL (PostgreSQL refuses it in text; SQLite keeps it)."""
    return request.form.get(name, "").replace("\x00", "")


def _page(template: str, status: int, **values: Any) -> Response:
    response = Response(render_template(template, **values), status=status, mimetype="text/html")
    return response


def _json(body: dict[str, Any], status: int) -> Response:
    response = jsonify(body)
    response.status_code = status
    return response
