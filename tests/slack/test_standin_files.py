"""The stand-in's file upload flow is at least as strict as Slack's: a positive length, the announced bytes to an
upload URL it handed out, each file completed once by the workspace that asked, and only into a channel the bot is
in (chat:write.public does not cover files)."""

from __future__ import annotations

import json

import httpx
import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.localslack.standin import SlackStandIn
from handlers.uploads import share_files
from tests.harness import BOT_TOKEN


@pytest.fixture
def client(standin: SlackStandIn) -> WebClient:
    return WebClient(base_url=standin.api_url, token=BOT_TOKEN)


def error_of(method, **arguments) -> str:
    """Slack's error for this call (it must fail)."""
    with pytest.raises(SlackApiError) as raised:
        method(**arguments)
    return str(raised.value.response["error"])


def upload(client: WebClient, data: bytes, name: str = "a.md") -> str:
    asked = client.files_getUploadURLExternal(filename=name, length=len(data))
    assert httpx.post(asked["upload_url"], content=data).status_code == 200
    return str(asked["file_id"])


def test_files_upload_v2_shares_the_bytes_in_the_channel(standin: SlackStandIn, client: WebClient) -> None:
    done = client.files_upload_v2(content=b"# hello\n", filename="hello.md", title="Hello", channel="C0CAMPAIGNS")
    assert done["file"]["name"] == "hello.md" and done["file"]["size"] == 8
    [shared] = standin.files
    assert (shared.name, shared.title, shared.data, shared.channels) == (
        "hello.md",
        "Hello",
        b"# hello\n",
        ("C0CAMPAIGNS",),
    )


def test_the_length_must_be_a_whole_number_above_zero(client: WebClient) -> None:
    assert error_of(client.files_getUploadURLExternal, filename="a.md", length=0) == "missing_argument"
    typed = {"filename": "a.md", "length": "3 bytes"}
    assert error_of(client.api_call, api_method="files.getUploadURLExternal", params=typed) == "invalid_arguments"


def test_the_upload_url_takes_exactly_the_announced_bytes_once(standin: SlackStandIn, client: WebClient) -> None:
    asked = client.files_getUploadURLExternal(filename="a.md", length=3)
    assert httpx.post(asked["upload_url"], content=b"four").status_code == 400
    assert httpx.post(standin.url + "/upload/F00000000", content=b"abc").status_code == 404  # never handed out
    assert error_of(client.files_completeUploadExternal, files=[{"id": asked["file_id"]}]) == "file_not_found"
    assert httpx.post(asked["upload_url"], content=b"abc").status_code == 200
    client.files_completeUploadExternal(files=[{"id": asked["file_id"], "title": "a"}], channel_id="C0CAMPAIGNS")
    again = {"files": [{"id": asked["file_id"]}], "channel_id": "C0CAMPAIGNS"}
    assert error_of(client.files_completeUploadExternal, **again) == "file_not_found"
    assert httpx.post(asked["upload_url"], content=b"abc").status_code == 404  # used up


def test_another_workspace_cannot_complete_a_file(standin: SlackStandIn, client: WebClient) -> None:
    file_id = upload(client, b"abc")
    standin.add_workspace("T0OTHER", "xoxb-other")
    other = WebClient(base_url=standin.api_url, token="xoxb-other")
    assert error_of(other.files_completeUploadExternal, files=[{"id": file_id}]) == "file_not_found"


def test_only_a_channel_with_the_bot_in_it_takes_files(standin: SlackStandIn, client: WebClient) -> None:
    standin.add_channel("C0PUBLIC", bot_member=False)
    standin.add_channel("G0PRIVATE", private=True, bot_member=False)
    standin.gone_channels.add("C0GONE")
    file_id = upload(client, b"abc")
    for channel, error in (
        ("C0PUBLIC", "not_in_channel"),
        ("G0PRIVATE", "channel_not_found"),
        ("C0GONE", "channel_not_found"),
    ):
        complete = {"files": [{"id": file_id}], "channel_id": channel}
        assert error_of(client.files_completeUploadExternal, **complete) == error
    assert not standin.files
    standin.invite_bot("G0PRIVATE")
    client.files_completeUploadExternal(files=[{"id": file_id}], channel_id="G0PRIVATE")
    assert standin.files[0].channels == ("G0PRIVATE",)


def test_more_than_fourteen_files_at_once_are_refused_as_slack_does(standin: SlackStandIn, client: WebClient) -> None:
    ids = [upload(client, b"abc", name=f"{n}.md") for n in range(15)]
    too_many = {"files": [{"id": i} for i in ids], "channel_id": "C0CAMPAIGNS"}
    assert error_of(client.files_completeUploadExternal, **too_many) == "internal_error"
    client.files_completeUploadExternal(files=[{"id": i} for i in ids[:14]], channel_id="C0CAMPAIGNS")
    assert len(standin.files) == 14


def test_the_app_shares_many_files_in_messages_of_ten(standin: SlackStandIn, client: WebClient) -> None:
    files = [(f"evidence-{n:02d}.md", f"# {n}\n".encode()) for n in range(25)]
    share_files(client, "C0CAMPAIGNS", files, comment="Evidence pack for Glow")
    messages = [m for m in standin.messages["C0CAMPAIGNS"] if m.get("files")]
    assert [m["text"] for m in messages] == [
        "Evidence pack for Glow (part 1 of 3)",
        "Evidence pack for Glow (part 2 of 3)",
        "Evidence pack for Glow (part 3 of 3)",
    ]
    assert [len(m["files"]) for m in messages] == [10, 10, 5]
    assert [f.name for f in standin.files] == [name for name, _ in files]


def test_an_alt_txt_past_1000_characters_is_refused_and_blocks_give_way_to_a_comment(
    standin: SlackStandIn, client: WebClient
) -> None:
    long = {"filename": "a.pdf", "length": 3, "alt_txt": "x" * 1001}
    assert error_of(client.api_call, api_method="files.getUploadURLExternal", params=long) == "alt_txt_too_large"
    blocks = [{"type": "section", "text": {"type": "plain_text", "text": "From blocks"}}]
    for comment in ("From the comment", None):
        file_id = upload(client, b"%PDF", "a.pdf")
        sent = {"files": json.dumps([{"id": file_id}]), "channel_id": "C0CAMPAIGNS", "blocks": json.dumps(blocks)}
        client.api_call("files.completeUploadExternal", params=sent | ({"initial_comment": comment} if comment else {}))
    with_comment, without = [m for m in standin.messages["C0CAMPAIGNS"] if m.get("files")]
    assert with_comment["text"] == "From the comment" and "blocks" not in with_comment  # Slack ignores the blocks
    assert without["blocks"] == blocks
