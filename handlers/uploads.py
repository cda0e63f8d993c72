"""Sharing files in Slack with its current upload flow (files.getUploadURLExternal, the bytes to the upload URL,
files.completeUploadExternal; files.upload is retired), through slack_sdk's files_upload_v2.

Sharing a file needs the bot in the channel: chat:write.public lets it post in public channels it is not in, but
not share files there (Slack answers not_in_channel). It joins a public channel then (channels:join) and tries
once more; a private channel needs /invite @CreatorOps.
https://docs.slack.dev/reference/methods/files.completeUploadExternal

One completion takes a handful of files: Slack answers internal_error past 14 (python-slack-sdk issue 1653), so
more go in several messages of at most FILES_PER_MESSAGE.
"""

from __future__ import annotations

from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

NOT_THERE = {"channel_not_found", "not_in_channel"}
FILES_PER_MESSAGE = 10


class NotInChannel(Exception):
    """The bot may not share files in the channel (private and not invited, or it could not join)."""


def share_files(client: WebClient, channel_id: str, files: list[tuple[str, bytes]], *, comment: str) -> None:
    """All `files` ((name, bytes)) in the channel under `comment` (mrkdwn, already escaped): one message, or one
    per FILES_PER_MESSAGE files ("part 2 of 3")."""
    batches = [files[start : start + FILES_PER_MESSAGE] for start in range(0, len(files), FILES_PER_MESSAGE)]
    for number, batch in enumerate(batches, start=1):
        part = f" (part {number} of {len(batches)})" if len(batches) > 1 else ""
        _share_batch(client, channel_id, batch, comment=comment + part)


def _share_batch(client: WebClient, channel_id: str, files: list[tuple[str, bytes]], *, comment: str) -> None:
    uploads = [{"filename": name, "content": data, "title": name} for name, data in files]
    try:
        joining_if_needed(
            client,
            channel_id,
            lambda: client.files_upload_v2(file_uploads=uploads, channel=channel_id, initial_comment=comment),
        )
    except SlackApiError as error:
        if error.response.get("error") in NOT_THERE:
            raise NotInChannel(channel_id) from None
        raise


def joining_if_needed(client: WebClient, channel_id: str, share: Callable[[], object]) -> None:
    """Run `share`; when Slack answers not_in_channel (it showed nothing), join the public channel and run it once
    more. A join Slack refuses (a private channel) raises the first refusal."""
    try:
        share()
        return
    except SlackApiError as error:
        if error.response.get("error") != "not_in_channel":
            raise
        refused = error
    try:
        client.conversations_join(channel=channel_id)
    except SlackApiError:
        raise refused from None
    share()


def share_with_user(client: WebClient, user_id: str, files: list[tuple[str, bytes]], *, comment: str) -> None:
    """The files in the app's DM with the user (the campaign's channel would not take them)."""
    dm = client.conversations_open(users=user_id)["channel"]["id"]
    share_files(client, dm, files, comment=comment)
