"""/vet @handle …: an explainable card per creator, with one progress message while they are fetched.

Where the bot cannot post in the channel, the user is answered privately: a note and a summary through the
command's response_url, and the cards in their direct messages with the app (conversations.open works where the
bot is not in the channel, and a DM card's decision buttons update it with chat.update). Slack takes at most
RESPONSE_URL_USES posts to one response_url and refuses the rest without Bolt's respond() raising, so the run
counts its posts and never plans more than two.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.services import Services, services_of, vetting
from bot.sources.errors import SourceError
from bot.vetting.command import VetRequest, VetUsageError, parse_vet_command
from bot.vetting.report import VetReport
from bot.vocabulary import Platform
from handlers.blocks.text import escape
from handlers.blocks.vet_card import card_text, vet_card_blocks
from handlers.context import team_of

NO_CHANNEL = {"channel_not_found", "not_in_channel", "is_archived", "restricted_action"}
# A response_url takes at most 5 posts, within 30 minutes of the interaction:
# https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
RESPONSE_URL_USES = 5
NOT_HERE = (
    "_(I can't post in this channel, so only you see this and your cards come to you in a direct message from me; "
    "invite me here to share them.)_"
)

logger = logging.getLogger(__name__)


def handle_vet(
    ack: Ack,
    command: dict[str, Any],
    respond: Respond,
    client: WebClient,
    context: BoltContext,
    logger: logging.Logger,
) -> None:
    services = services_of(context)
    try:  # syntax only, no I/O: the workspace's default platform is read after the ack
        parse_vet_command(command.get("text") or "", services.settings.default_platform)
    except VetUsageError as error:
        ack(response_type="ephemeral", text=escape(str(error)))
        return
    ack()  # a replay stops here (handlers.replay)
    workspace = services.workspace(team_of(context))
    request = parse_vet_command(command.get("text") or "", workspace.default_platform)
    _VetRun(services, client, respond, team_of(context), command, workspace.default_jurisdiction).run(request)


class _VetRun:
    """Posts progress and cards into the channel, or privately when the bot cannot post there."""

    def __init__(
        self,
        services: Services,
        client: WebClient,
        respond: Respond,
        team_id: str,
        command: dict[str, Any],
        jurisdiction: str,
    ) -> None:
        self.services, self.client, self.respond = services, client, respond
        self.jurisdiction = jurisdiction  # the workspace's: disclosures are judged by its audience's rules
        self.team_id, self.user_id, self.channel = team_id, command["user_id"], command["channel_id"]
        self.progress_ts: str | None = None
        self.private = False
        self.responses = 0  # posts to the response_url so far
        self.dm_channel: str | None = None
        self.in_dm: list[str] = []  # handles whose card went to the user's DM
        self.shown_here: list[str] = []  # … or, the DM failing, privately in the channel
        self.not_shown: list[str] = []  # … or nowhere: the response_url was used up

    def run(self, request: VetRequest) -> None:
        targets = request.targets
        names = ", ".join(f"@{handle}" for handle, _ in targets)
        self._progress(f":mag: Vetting {names}… (0 of {len(targets)} done)")
        lines: list[str] = []
        for done, (handle, platform) in enumerate(targets, start=1):
            lines.append(self._vet_one(handle, platform, request, single=len(targets) == 1))
            if len(targets) > 1 and not self.private:  # privately, one summary at the end instead
                state = "done" if done == len(targets) else f"{done} of {len(targets)} done"
                self._progress(f":mag: Vetting {names}: {state}\n" + "\n".join(lines))
        if self.private:
            self._private_summary(names, lines)

    def _vet_one(self, handle: str, platform: Platform, request: VetRequest, *, single: bool) -> str:
        services = self.services
        try:
            report, run_id = vetting.vet_and_record(
                services.uow(),
                services.sources,
                self.team_id,
                (handle, platform),
                request,
                now=services.clock(),
                requested_by=self.user_id,
                jurisdiction=self.jurisdiction,
                audience_model=services.settings.audience_model,
            )
        except SourceError as error:
            line = f":x: @{handle} ({platform.value}): {escape(str(error))}"
            if single and not self.private:
                self._progress(line)
            return line
        self._post_card(report, run_id, replace_progress=single)
        score = f"{report.score}/100" if report.score is not None else "no score"
        return f":white_check_mark: @{report.handle}: {report.verdict.value} ({score})"

    def _post_card(self, report: VetReport, run_id: int, *, replace_progress: bool) -> None:
        decision = vetting.latest_decision(self.services.uow(), self.team_id, report)
        blocks, text = vet_card_blocks(report, run_id, decision=decision), card_text(report)
        if self.private:
            self._post_card_privately(report, run_id, text, blocks)
            return
        if replace_progress and self.progress_ts:
            answer = self.client.chat_update(channel=self.channel, ts=self.progress_ts, text=text, blocks=blocks)
        else:
            answer = self.client.chat_postMessage(channel=self.channel, text=text, blocks=blocks)
        vetting.remember_message(
            self.services.uow(), self.team_id, run_id, channel_id=answer["channel"], message_ts=answer["ts"]
        )

    def _post_card_privately(self, report: VetReport, run_id: int, text: str, blocks: list) -> None:
        """To the user's DM with the app; failing that, ephemeral through the response_url while it lasts."""
        try:
            if self.dm_channel is None:
                self.dm_channel = self.client.conversations_open(users=self.user_id)["channel"]["id"]
            answer = self.client.chat_postMessage(channel=self.dm_channel, text=text, blocks=blocks)
        except SlackApiError as error:
            logger.warning("could not DM the /vet card to %s: %s", self.user_id, error.response.get("error"))
            if self._respond(reserve=1, response_type="ephemeral", text=text, blocks=blocks):
                self.shown_here.append(f"@{report.handle}")
            else:
                self.not_shown.append(f"@{report.handle}")
            return
        self.in_dm.append(f"@{report.handle}")
        vetting.remember_message(
            self.services.uow(), self.team_id, run_id, channel_id=answer["channel"], message_ts=answer["ts"]
        )

    def _private_summary(self, names: str, lines: list[str]) -> None:
        where = []
        if self.in_dm:
            where.append(f":envelope_with_arrow: {_cards(self.in_dm)} in your direct messages with me.")
        if self.shown_here:
            where.append(f"{_cards(self.shown_here)} above, only for you (I could not DM you).")
        if self.not_shown:
            where.append(f":warning: I could not show {_cards(self.not_shown).lower()}; run /vet again for them.")
        self._respond(response_type="ephemeral", text=f":mag: Vetting {names}: done\n" + "\n".join(lines + where))

    def _respond(self, *, reserve: int = 0, **message: Any) -> bool:
        """Post to the response_url if that leaves `reserve` of Slack's posts for later; False if not sent."""
        if self.responses + reserve >= RESPONSE_URL_USES:
            return False
        self.responses += 1
        answer = self.respond(**message)
        if answer.status_code != 200:  # respond() does not raise: the message is lost, at least log it
            logger.warning("Slack refused a /vet response_url post: %s %s", answer.status_code, answer.body)
        return True

    def _progress(self, text: str) -> None:
        if self.private:
            self._respond(reserve=1, response_type="ephemeral", text=text)
            return
        try:
            if self.progress_ts:
                self.client.chat_update(channel=self.channel, ts=self.progress_ts, text=text, blocks=[])
            else:
                self.progress_ts = self.client.chat_postMessage(channel=self.channel, text=text)["ts"]
        except SlackApiError as error:
            if error.response.get("error") not in NO_CHANNEL:
                raise
            self.private = True  # e.g. a private channel or a DM the bot is not in: answer the user alone
            self._respond(reserve=1, response_type="ephemeral", text=f"{text}\n{NOT_HERE}")


def _cards(handles: list[str]) -> str:
    return f"The card for {handles[0]} is" if len(handles) == 1 else f"The {len(handles)} cards are"
