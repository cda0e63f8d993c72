"""/campaign add in a workspace with many campaigns: the menu loads them as the user types, and the due date is
read in the picked campaign's own time zone, whichever of 150 it is."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.services.campaigns import CampaignForm, create_campaign
from handlers.ids import AddCreatorBlock, Suggest
from storage.campaigns import campaign_deliverables, find_campaign
from tests.databases import stored
from tests.slack.test_campaign_flow import add_creator, open_modal

OTHER_TEAM = "T0TEAMTWO"


def make_campaign(slack, name: str, *, timezone: str = "UTC", team_id: str | None = None, ends: date | None = None):
    form = CampaignForm(
        name=name,
        channel_id=slack.channel_id,
        owner_user_id=slack.user_id,
        start_date=date(2020, 1, 1),
        end_date=ends or date(2030, 3, 31),
        timezone=timezone,
    )
    return create_campaign(slack.services.uow(), team_id or slack.team_id, form, created_by=slack.user_id)


@pytest.fixture
def many(slack):
    """150 campaigns, created in order: "Campaign 150" is the newest, and reads its deadlines in Tokyo."""
    for n in range(1, 151):
        make_campaign(slack, f"Campaign {n}", timezone="Asia/Tokyo" if n == 150 else "UTC")
    return slack


def menu(slack, view: dict, typed: str) -> list[str]:
    """The names the campaign menu shows while the user types `typed`."""
    options = slack.suggest(view, AddCreatorBlock.campaign, Suggest.campaign, typed)
    return [option["text"]["text"] for option in options]


def test_with_150_campaigns_the_modal_opens_and_the_menu_lists_the_newest_100(many):
    view = open_modal(many, "add @mia")

    [campaign_block] = [b for b in view["blocks"] if b["block_id"] == AddCreatorBlock.campaign]
    assert campaign_block["element"]["type"] == "external_select"
    assert "initial_option" not in campaign_block["element"]  # none is picked for the user among 150
    assert "zones" not in (view.get("private_metadata") or "")
    shown = menu(many, view, "")
    assert len(shown) == 100
    assert shown[:3] == ["Campaign 150", "Campaign 149", "Campaign 148"]
    assert shown[-1] == "Campaign 51"


def test_the_menu_finds_campaigns_by_any_part_of_the_name_ignoring_case(many):
    view = open_modal(many, "add @mia")

    assert menu(many, view, "CAMPAIGN 15") == ["Campaign 150", "Campaign 15"]
    assert menu(many, view, "aign 99") == ["Campaign 99"]
    assert menu(many, view, "autumn") == []


def test_campaign_150_takes_a_deliverable_due_in_its_own_time_zone(many):
    response = add_creator(many, "mia", due="2030-02-10 17:00", campaign="Campaign 150")

    assert response is None  # no field errors: the modal closed
    campaign = stored(many.services.engine, find_campaign, many.team_id, "campaign 150")
    [added] = stored(many.services.engine, campaign_deliverables, many.team_id, int(campaign.id))
    assert added.creator.handle == "mia"
    assert added.deliverable.due_at == datetime(2030, 2, 10, 8, 0, tzinfo=UTC)  # 17:00 in Tokyo
    [posted] = many.wait_for("chat.postMessage", lambda c: "added to *Campaign 150*" in c.params.get("text", ""))
    assert "Sun 10 Feb 2030 at 17:00 (Asia/Tokyo)" in posted.params["text"]


def test_a_campaign_id_of_another_workspace_is_refused_on_the_campaign_field(slack):
    make_campaign(slack, "Ours")
    theirs = make_campaign(slack, "Theirs", team_id=OTHER_TEAM)
    view = open_modal(slack, "add @mia")

    forged = {"text": {"type": "plain_text", "text": "Theirs"}, "value": str(theirs.id)}
    answer = slack.submit(view, {"campaign": forged, "due": "2030-02-10 17:00"})

    assert answer.json() == {
        "response_action": "errors",
        "errors": {"campaign": "That campaign is not in this workspace (or no longer exists): pick another."},
    }
    assert stored(slack.services.engine, campaign_deliverables, OTHER_TEAM, int(theirs.id)) == []


def test_the_menu_shows_only_this_workspaces_open_campaigns_with_long_names_cut_between_words(slack):
    make_campaign(slack, "Spring Glow")
    make_campaign(slack, "Spring Glow in the other workspace", team_id=OTHER_TEAM)
    make_campaign(slack, "Spring that ended", ends=date(2020, 2, 1))
    long_name = "Spring limited edition summer glow collection launch, with our friends from the Nordic stores"
    assert 75 < len(long_name) <= 100  # as long as a campaign name may be
    make_campaign(slack, long_name)
    view = open_modal(slack, "add @mia")

    shown = menu(slack, view, "spring")

    assert shown == ["Spring limited edition summer glow collection launch, with our friends…", "Spring Glow"]
    assert len(shown[0]) <= 75


def test_the_one_open_campaign_is_picked_already(slack):
    make_campaign(slack, "Spring Glow")
    make_campaign(slack, "Winter that ended", ends=date(2020, 2, 1))

    view = open_modal(slack, "add @mia")

    [campaign_block] = [b for b in view["blocks"] if b["block_id"] == AddCreatorBlock.campaign]
    assert campaign_block["element"]["initial_option"]["text"]["text"] == "Spring Glow"


def test_without_an_open_campaign_the_user_is_told_to_create_one(slack):
    make_campaign(slack, "Winter that ended", ends=date(2020, 2, 1))

    slack.command("/campaign", "add @mia")

    [told] = slack.wait_for("response_url")
    assert told.params["text"] == "There is no open campaign: create one first with `/campaign new`."
