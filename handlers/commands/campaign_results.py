"""/campaign report <name>, /campaign results <name> [@handle] and /campaign plan <budget> [platform]: results in
the channel, a live post's numbers as its creator reported them, and the budget planner."""

from __future__ import annotations

import logging
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.campaigns.errors import CampaignError
from bot.metrics.display import plan_text
from bot.services import Services, results
from bot.vocabulary import CREATOR_PLATFORMS, CURRENCY_SYMBOLS, MAX_AMOUNT, Money, Platform, plural
from handlers.blocks.campaign_edit import refusal_text, results_modal
from handlers.blocks.campaigns import CURRENCIES
from handlers.blocks.report import add_results_blocks, report_message
from handlers.blocks.report_view import ResultsButton
from handlers.blocks.results_view import report_view
from handlers.blocks.text import bold, error_text, escape

RESULTS_USAGE = (
    "Which campaign? `/campaign results <name> @handle` opens *Add results* for the creator's live post; "
    "without @handle it lists the campaign's live posts."
)

PLAN_USAGE = (
    "Usage: `/campaign plan $5000 [instagram|tiktok|youtube]`, e.g. `/campaign plan $5000 tiktok` "
    "or `/campaign plan 4000 EUR`."
)
_AMOUNT = re.compile(r"([$€£]?)\s?(\d{1,3}(?:,\d{3})+|\d{1,15})(?:\.(\d{1,2}))?\s?(k?)", re.IGNORECASE)
PLATFORM_NAMES = {p.value for p in CREATOR_PLATFORMS}
# The currencies a campaign can be in, typed as a word after the budget or as its symbol.
PLAN_CURRENCIES = {code.lower(): code for code in CURRENCIES}
SYMBOL_CURRENCY = {symbol: code for code, symbol in CURRENCY_SYMBOLS.items()}


def post_report(
    services: Services,
    client: WebClient,
    respond: Respond,
    *,
    team_id: str,
    user_id: str,
    channel_id: str,
    name: str,
    logger: logging.Logger,
) -> None:
    """The report goes to the campaign's channel, where the team works; whoever asked elsewhere is told where."""
    try:
        report = results.campaign_report(services.uow(), team_id, name, actor=user_id, where=channel_id)
    except CampaignError as error:
        respond(response_type="ephemeral", text=error_text(error))
        return
    text, blocks = report_message(report_view(report, services.clock()))
    campaign = report.campaign
    try:
        client.chat_postMessage(channel=campaign.channel_id, text=text, blocks=blocks, unfurl_links=False)
    except SlackApiError as error:
        logger.info("report for campaign %s not posted: %s", campaign.id, error.response.get("error"))
        respond(response_type="ephemeral", text=text, blocks=blocks)
        respond(
            response_type="ephemeral",
            text=f"I could not post it in <#{campaign.channel_id}>: invite me there with `/invite @CreatorOps`.",
        )
        return
    if channel_id != campaign.channel_id:
        respond(
            response_type="ephemeral", text=f"Posted the report of {escape(campaign.name)} in <#{campaign.channel_id}>."
        )


def open_results(
    services: Services, client: WebClient, respond: Respond, command: dict[str, Any], words: list[str], team_id: str
) -> None:
    """The *Add results* form for a creator's one live post; several live posts (or no @handle): a button each,
    those without results first."""
    handle = words[-1] if words and words[-1].startswith("@") else None
    name = " ".join(words[:-1] if handle else words)
    if not name:
        respond(response_type="ephemeral", text=RESULTS_USAGE)
        return
    channel = command["channel_id"]
    try:
        found = results.live_posts(services.uow(), team_id, name, handle, actor=command["user_id"], where=channel)
    except CampaignError as error:
        respond(response_type="ephemeral", text=refusal_text(error))
        return
    whose = f" by @{escape(handle.lstrip('@'))}" if handle else ""
    campaign = escape(found.campaign.name)
    if not found.posts:
        respond(
            response_type="ephemeral",
            text=f"No live post{whose} on {campaign} yet: mark the deliverable posted with its link "
            f"(its card in `/campaign show {campaign}`), then add its results.",
        )
        return
    if handle and len(found.posts) == 1:
        client.views_open(trigger_id=command["trigger_id"], view=results_modal(found.posts[0], channel_id=channel))
        return
    buttons = [
        ResultsButton(
            f"@{c.creator.handle}'s {c.deliverable.describe().removeprefix('a ')}"
            + (" (has results)" if found.has_results(c) else ""),
            c.deliverable.id,
        )
        for c in found.posts
    ]
    respond(
        response_type="ephemeral",
        text=f"{plural(len(found.posts), 'live post')}{whose} on {campaign}, {len(found.without_results)} without "
        "results: pick one to add its numbers.",
        blocks=[
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": f"Live posts{whose} on {bold(found.campaign.name)}:"},
            },
            *(block.to_dict() for block in add_results_blocks(buttons, found.campaign.name)),
        ],
    )


def read_plan_words(words: list[str]) -> tuple[Money, Platform]:
    """'$5000 tiktok', '5k', '5,000 youtube', '€5000', '5000 gbp' -> (budget, platform); ValueError with what to
    type instead. The currency is the one typed (a symbol or a code), USD when none is."""
    named = {w.lower() for w in words} & PLAN_CURRENCIES.keys()
    platform = next((Platform(w.lower()) for w in words if w.lower() in PLATFORM_NAMES), Platform.instagram)
    rest = " ".join(w for w in words if w.lower() not in PLATFORM_NAMES | named)[:40]
    found = _AMOUNT.fullmatch(rest.strip())
    if not found:
        digits = sum(ch.isdigit() for ch in rest)
        if digits > 15:
            raise ValueError(f"The budget must be above 0 and at most {MAX_AMOUNT:,}. {PLAN_USAGE}")
        if digits:
            raise ValueError(
                f"I cannot read “{rest[:20]}” as a budget: write it like $5000, 5k or 4000 EUR. {PLAN_USAGE}"
            )
        raise ValueError(f"I need a budget. {PLAN_USAGE}")
    symbol, whole, cents, thousands = found.groups()
    currencies = {PLAN_CURRENCIES[word] for word in named} | ({SYMBOL_CURRENCY[symbol]} if symbol else set())
    if len(currencies) > 1:
        raise ValueError(f"Give the budget in one currency, not {' and '.join(sorted(currencies))}. {PLAN_USAGE}")
    amount = Decimal(whole.replace(",", "") + (f".{cents}" if cents else "")) * (1000 if thousands else 1)
    if amount <= 0 or amount > MAX_AMOUNT:
        raise ValueError(f"The budget must be above 0 and at most {MAX_AMOUNT:,}. {PLAN_USAGE}")
    return Money(amount=amount, currency=currencies.pop() if currencies else "USD"), platform


def plan_usage_error(words: list[str]) -> str | None:
    """What is wrong with the budget typed (checked before the ack, without I/O), or None."""
    try:
        read_plan_words(words)
    except (ValueError, InvalidOperation) as error:
        return escape(str(error))
    return None


def answer_plan(services: Services, respond: Respond, *, team_id: str, words: list[str]) -> None:
    """The plan, after the ack: the team's finished campaigns are read to learn from its own creators."""
    budget, platform = read_plan_words(words)
    budget_plan = results.budget_plan(services.uow(), team_id, budget, platform, now=services.clock())
    respond(response_type="ephemeral", text="```" + escape(plan_text(budget_plan)) + "```")
