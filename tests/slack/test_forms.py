"""handlers.forms: each modal's mistakes land on the right block, with the exact words the user sees."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from bot.campaigns.reminder_policy import ReminderPolicy
from handlers.forms import AddCreatorModal, InvalidModal, MarkPostedModal, NewCampaignModal, fit_error

NOW = datetime(2030, 1, 10, 9, 0, tzinfo=UTC)
OFFSET_HELP = 'Write offsets like "-3d" (3 days before), "-2h", "0" (the deadline) or "+1d" (1 day overdue).'


def submitted(values: dict[str, Any], metadata: str | None = None) -> dict[str, Any]:
    """A view_submission's view, with each value in the element shape Slack sends for it."""
    shapes = {
        "start": "selected_date",
        "end": "selected_date",
        "channel": "selected_conversation",
        "approvers": "selected_users",
    }
    state: dict[str, Any] = {}
    for block, answer in values.items():
        if block == "terms":
            element = {"type": "checkboxes", "selected_options": [{"value": v} for v in answer]}
        elif block in ("campaign", "currency", "jurisdiction", "platform", "kind"):
            element = {"type": "static_select", "selected_option": {"value": answer} if answer else None}
        else:
            element = {"type": "x", shapes.get(block, "value"): answer}
        state[block] = {"value": element}
    return {"state": {"values": state}, "private_metadata": metadata}


GOOD_CAMPAIGN = {
    "name": " Spring Glow ",
    "channel": "C0PICKED",
    "start": "2030-01-01",
    "end": "2030-03-31",
    "budget": "5000",
    "currency": "GBP",
    "timezone": " Europe/London ",
    "jurisdiction": "UK",
    "approvers": ["U0A", "U0B"],
    "reminders": "-3d, -1d, 0, +1d",
    "escalation": "+3d",
}


def campaign_errors(**changes: Any) -> dict[str, str]:
    with pytest.raises(InvalidModal) as raised:
        NewCampaignModal.from_view(submitted({**GOOD_CAMPAIGN, **changes}))
    return raised.value.errors


# --- new campaign --------------------------------------------------------------------------------------------
def test_a_good_new_campaign_becomes_the_service_form() -> None:
    form = NewCampaignModal.from_view(submitted(GOOD_CAMPAIGN)).to_form(owner_user_id="U0ME")
    assert (form.name, form.channel_id, form.owner_user_id) == ("Spring Glow", "C0PICKED", "U0ME")
    assert (form.start_date, form.end_date) == (date(2030, 1, 1), date(2030, 3, 31))
    assert (form.budget, form.currency, form.timezone, form.jurisdiction) == (
        Decimal(5000),
        "GBP",
        "Europe/London",
        "UK",
    )
    assert form.approver_user_ids == ("U0A", "U0B")
    assert form.reminder_policy == ReminderPolicy(offsets=("-3d", "-1d", "0", "+1d"), owner_escalation_at="+3d")


def test_empty_optional_fields_take_their_defaults() -> None:
    view = submitted(
        {"name": "Quick", "start": "2030-01-01", "end": "2030-01-01", "timezone": "UTC"}, '{"channel": "C0"}'
    )
    form = NewCampaignModal.from_view(view).to_form(owner_user_id="U0ME")
    assert (form.channel_id, form.budget, form.currency, form.jurisdiction) == ("C0", Decimal(0), "USD", "US")
    assert form.approver_user_ids == ()
    assert form.reminder_policy == ReminderPolicy(owner_escalation_at=None)


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"name": "   "}, {"name": "Give the campaign a name."}),
        ({"end": "2029-12-31"}, {"end": "The campaign must end on or after its start."}),
        (
            {"timezone": "Mars/Base"},
            {
                "timezone": "'Mars/Base' is not a time zone I know. Use an IANA name such as Europe/London, "
                "America/New_York or UTC."
            },
        ),
        ({"name": "A" * 5000}, {"name": "Keep the name under 100 characters (5000 now)."}),
        ({"budget": "lots"}, {"budget": "Type the budget as a number, e.g. 5000."}),
        ({"budget": "-5"}, {"budget": "The budget cannot be negative."}),
        ({"budget": "1e15"}, {"budget": "The budget must be under 1,000,000,000,000."}),
        ({"budget": "NaN"}, {"budget": "Type the budget as a number, e.g. 5000."}),
        (
            {"reminders": "-2h, banana"},
            {"reminders": fit_error(f"offsets: 'banana' is not a reminder offset. {OFFSET_HELP}")},
        ),
        ({"reminders": "+20d"}, {"reminders": "offset +20d is later than the overdue cap of 14 days"}),
        (
            {"escalation": "-1d"},
            {"escalation": "owner escalation at: the owner escalation must be after the deadline, like +3d, not '-1d'"},
        ),
        (
            {"escalation": "soon"},
            {"escalation": fit_error(f"owner escalation at: 'soon' is not a reminder offset. {OFFSET_HELP}")},
        ),
    ],
)
def test_each_new_campaign_mistake_lands_on_its_block(changes: dict[str, Any], errors: dict[str, str]) -> None:
    assert campaign_errors(**changes) == errors


def test_every_new_campaign_mistake_is_reported_at_once() -> None:
    errors = campaign_errors(name="", end="2029-01-01", timezone="Nowhere", budget="x", reminders="banana")
    assert set(errors) == {"name", "end", "timezone", "budget", "reminders"}
    assert all(len(message) <= 150 for message in errors.values())


def test_the_channel_defaults_to_where_the_modal_was_opened() -> None:
    view = submitted({**GOOD_CAMPAIGN, "channel": None}, '{"channel": "C0OPENED"}')
    assert NewCampaignModal.from_view(view).channel == "C0OPENED"


# --- add a creator -------------------------------------------------------------------------------------------
GOOD_CREATOR = {"campaign": "5", "handle": " @mia ", "platform": "tiktok", "kind": "reel", "due": "2030-02-10 17:00"}


def zones(**by_id: str):
    """The workspace's campaigns as the listener looks them up: campaign id -> its zone (None: not ours)."""
    return lambda campaign_id: by_id.get(f"c{campaign_id}")


IN_LONDON = zones(c5="Europe/London")


def add_creator(values: dict[str, Any], zone_of=IN_LONDON) -> AddCreatorModal:
    return AddCreatorModal.from_view(submitted(values), now=NOW, zone_of=zone_of)


def creator_errors(**changes: Any) -> dict[str, str]:
    with pytest.raises(InvalidModal) as raised:
        add_creator({**GOOD_CREATOR, **changes})
    return raised.value.errors


def test_a_good_creator_becomes_the_service_form() -> None:
    values = {**GOOD_CREATOR, "count": "3", "fee": "450.50", "terms": ["exclusivity"], "usage": "paid", "rounds": "1"}
    form = add_creator(values).to_form()
    assert (form.campaign_id, form.handle, form.platform, form.kind, form.count) == (5, "mia", "tiktok", "reel", 3)
    assert (form.due_text, form.fee, form.exclusivity, form.usage_rights) == (
        "2030-02-10 17:00",
        Decimal("450.50"),
        True,
        "paid",
    )
    assert form.max_revision_rounds == 1


def test_a_creator_without_extras_takes_the_defaults() -> None:
    form = add_creator({"campaign": "5", "handle": "mia", "due": "2030-02-10"})
    assert form.to_form() == form.to_form().__class__(
        campaign_id=5, handle="mia", platform="instagram", kind="post", due_text="2030-02-10"
    )


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"campaign": None}, {"campaign": "Pick the campaign."}),
        (
            {"campaign": "6"},
            {"campaign": "That campaign is not in this workspace (or no longer exists): pick another."},
        ),
        (
            {"campaign": "9" * 40},
            {"campaign": "That campaign is not in this workspace (or no longer exists): pick another."},
        ),
        ({"handle": " @ "}, {"handle": "Type the creator's handle, like @name."}),
        ({"fee": "-1"}, {"fee": "The fee cannot be negative."}),
        ({"usage": "x" * 201}, {"usage": "Keep the usage rights under 200 characters (201 now)."}),
        (
            {"handle": "<!here>&<b>"},
            {"handle": "'<!here>&<b>' is not a creator handle; write it like @name (letters, digits, . _ -)"},
        ),
        (
            {"handle": "x" * 300},
            {"handle": f"'{'x' * 40}…' is not a creator handle; write it like @name (letters, digits, . _ -)"},
        ),
    ],
)
def test_each_creator_mistake_lands_on_its_block(changes: dict[str, Any], errors: dict[str, str]) -> None:
    assert creator_errors(**changes) == errors


def test_an_unreadable_due_date_lands_on_due_with_the_parsers_words() -> None:
    errors = creator_errors(due="whenever")
    assert list(errors) == ["due"]
    assert errors["due"].startswith("I couldn't read 'whenever' as a due date.")
    assert len(errors["due"]) <= 150 and errors["due"].endswith("A date alone…")  # cut between words


def test_the_due_date_is_read_in_the_picked_campaigns_zone() -> None:
    past_in_london = "2030-01-10 08:30"  # 08:30 GMT is before NOW (09:00 UTC); in New York it is still ahead
    assert "due" in creator_errors(due=past_in_london)
    add_creator({**GOOD_CREATOR, "due": past_in_london}, zones(c5="America/New_York"))


def test_only_a_campaign_id_that_can_be_a_database_id_is_looked_up() -> None:
    asked: list[int] = []
    with pytest.raises(InvalidModal):
        add_creator({**GOOD_CREATOR, "campaign": "9" * 40}, lambda campaign_id: asked.append(campaign_id))
    assert asked == []


# --- mark posted ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("url", ["", "not a link", "www.instagram.com/p/abc", "ftp://host/x", "https://"])
def test_a_link_that_is_not_http_with_a_host_lands_on_url(url: str) -> None:
    with pytest.raises(InvalidModal) as raised:
        MarkPostedModal.from_view(submitted({"url": url}, '{"deliverable": 7}'))
    assert raised.value.errors == {"url": "Paste the full link, starting with https://"}


def test_a_good_link_is_kept_with_its_deliverable() -> None:
    posted = MarkPostedModal.from_view(submitted({"url": " https://www.instagram.com/p/abc/ "}, '{"deliverable": 7}'))
    assert (posted.url, posted.deliverable) == ("https://www.instagram.com/p/abc/", 7)


def test_a_long_error_is_cut_between_words_within_slacks_limit() -> None:
    message = "word " * 40 + "end"
    fitted = fit_error(message)
    assert len(fitted) <= 150 and fitted.endswith("word…")
    assert fit_error("short") == "short"


def test_the_channel_picker_offers_channels_only_and_starts_empty_in_a_dm() -> None:
    from handlers.blocks.campaigns import new_campaign_modal

    def picker(channel: str) -> dict[str, Any]:
        view = new_campaign_modal(channel_id=channel, timezone="UTC", jurisdiction="US", today=NOW.date()).to_dict()
        [block] = [b for b in view["blocks"] if b["block_id"] == "channel"]
        return block["element"]

    in_channel, in_dm = picker("C0CAMPAIGNS"), picker("D0ALICE")
    assert in_channel["filter"] == {"include": ["public", "private"], "exclude_bot_users": True}
    assert in_channel["initial_conversation"] == "C0CAMPAIGNS"
    assert "initial_conversation" not in in_dm  # the bot could not post reminders into someone's DM
