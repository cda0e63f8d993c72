"""handlers.ids: the wire values stay what posted messages carry, every encoder has its decoder, and every id
the block builders emit is one the app listens for."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

import handlers.actions
import handlers.commands
import handlers.events
import handlers.options
import handlers.shortcuts
import handlers.views
from bot.campaigns.read_models import CampaignBoard, DeliverableContext
from bot.campaigns.states import DeliverableState
from bot.vetting.history import Decision
from bot.vetting.report import vet
from handlers import ids
from handlers.blocks.campaign_edit import creator_terms_modal, edit_campaign_modal, results_modal
from handlers.blocks.campaigns import (
    add_deliverable_modal,
    campaign_show_blocks,
    mark_posted_modal,
    new_campaign_modal,
)
from handlers.blocks.reminders import reminder_blocks, reminder_text_for
from handlers.blocks.vet_card import vet_card_blocks
from handlers.forms import (
    AddCreatorModal,
    CreatorTermsModal,
    EditCampaignModal,
    MarkPostedModal,
    NewCampaignModal,
    ResultsModal,
)
from tests.campaigns.factories import make_campaign, make_creator, make_deliverable
from tests.vetting.builders import NOW as VET_NOW
from tests.vetting.builders import rule_fake_scorer, sample

MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


# --- wire values: what messages already in Slack carry -----------------------------------------------------
def test_wire_values_are_unchanged() -> None:
    assert {a.value for a in ids.Action} == {
        "deliverable_mark_posted",
        "deliverable_extend",
        "deliverable_snooze",
        "deliverable_add_results",
        "deliverable_undo_drop",
        "deliverable_verify_confirmed",
        "deliverable_edit",
        "deliverable_creator_link",
    }
    assert {a.value for a in ids.ReviewAction} == {
        "review_approve",
        "review_approve_confirmed",
        "review_corrections",
        "review_changes",
        "review_another_round",
    }
    assert {c.value for c in ids.Callback} == {
        "campaign_new",
        "campaign_add",
        "deliverable_posted",
        "campaign_edit",
        "creator_terms",
        "deliverable_results",
        "deliverable_edit",
        "draft_submit",
        "review_corrections",
        "review_changes",
    }
    assert ids.Shortcut.check_disclosure == "check_disclosure"
    assert ids.Shortcut.submit_draft == "submit_draft"
    assert ids.move_action(DeliverableState.draft_submitted) == "deliverable_move_draft_submitted"
    assert ids.vet_decision_action(Decision.needs_human) == "vet_decision_needs_human"
    assert ids.reminder_block(7) == "reminder:7"
    assert ids.deliverable_block("7") == "deliverable:7"
    assert ids.vet_decision_block(12) == "vet_decision:12"
    assert ids.deliverable_value(7) == "7"
    assert ids.move_value("7", DeliverableState.approved) == "7:approved"
    assert ids.vet_run_value(12) == "12"
    assert ids.REMINDER_EVENT == "deliverable_reminder"
    assert ids.new_campaign_metadata("C1") == '{"channel": "C1"}'
    assert {s.value for s in ids.Suggest} == {"campaign_suggest"}
    assert ids.mark_posted_metadata(7) == '{"deliverable": 7}'
    assert ids.edit_metadata(campaign="3", creator=None, channel="C1") == '{"campaign": "3", "channel": "C1"}'


def test_modal_block_ids_are_unchanged() -> None:
    assert [b.value for b in ids.NewCampaignBlock] == [
        "name",
        "channel",
        "start",
        "end",
        "budget",
        "currency",
        "timezone",
        "jurisdiction",
        "approvers",
        "reminders",
        "escalation",
    ]
    assert [b.value for b in ids.AddCreatorBlock] == [
        "campaign",
        "handle",
        "platform",
        "kind",
        "count",
        "due",
        "fee",
        "terms",
        "usage",
        "rounds",
        "draft_due",
        "timezone",
        "confirm",
    ]
    assert [b.value for b in ids.MarkPostedBlock] == ["url"]
    assert [b.value for b in ids.EditCampaignBlock] == [
        "budget",
        "currency",
        "start",
        "end",
        "attribution",
        "approvers",
        "reminders",
        "escalation",
        "digest",
        "review_sla",
        "emv",
        "required_tags",
        "legal_approvers",
    ]
    assert [b.value for b in ids.CreatorTermsBlock] == [
        "fee",
        "gift",
        "extras",
        "code",
        "link",
        "usage",
        "terms",
        "rounds",
    ]
    assert [b.value for b in ids.ResultsBlock] == [
        "views",
        "likes",
        "comments",
        "shares",
        "saves",
        "reach",
        "impressions",
        "link_clicks",
        "proof",
    ]


def test_the_manifest_declares_exactly_the_shortcuts_the_app_handles() -> None:
    features = yaml.safe_load(MANIFEST.read_text())["features"]
    declared = {s["callback_id"] for s in features.get("shortcuts", [])}
    assert declared == {s.value for s in ids.Shortcut}


# --- round trips --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("target", list(DeliverableState))
def test_move_action_round_trips(target: DeliverableState) -> None:
    assert ids.parse_move_action(ids.move_action(target)) is target
    assert ids.parse_move_action(ids.move_action(target.value)) is target


@pytest.mark.parametrize("action_id", ["deliverable_move_", "deliverable_move_flying", "deliverable_extend", ""])
def test_anything_else_is_no_move(action_id: str) -> None:
    assert ids.parse_move_action(action_id) is None


@pytest.mark.parametrize("decision", list(Decision))
def test_vet_decision_action_round_trips(decision: Decision) -> None:
    assert ids.parse_vet_decision_action(ids.vet_decision_action(decision)) is decision


@pytest.mark.parametrize("action_id", ["vet_decision_", "vet_decision_maybe", "deliverable_move_live"])
def test_anything_else_is_no_vet_decision(action_id: str) -> None:
    assert ids.parse_vet_decision_action(action_id) is None


@pytest.mark.parametrize("deliverable_id", [1, 7, 123456, "42"])
def test_deliverable_ids_round_trip_through_blocks_and_values(deliverable_id: int | str) -> None:
    expected = int(deliverable_id)
    assert ids.deliverable_from_block(ids.reminder_block(deliverable_id)) == expected
    assert ids.parse_deliverable_value(ids.deliverable_value(deliverable_id)) == expected
    for target in DeliverableState:
        assert ids.parse_deliverable_value(ids.move_value(deliverable_id, target)) == expected
    assert ids.parse_mark_posted_metadata(ids.mark_posted_metadata(expected)) == expected


@pytest.mark.parametrize("block_id", ["", "reminder:", "reminder:abc", "deliverable:7", "7", "vet_decision:7"])
def test_a_block_that_is_no_reminder_names_no_deliverable(block_id: str) -> None:
    assert ids.deliverable_from_block(block_id) is None


@pytest.mark.parametrize("value", ["", "abc", ":approved", "-3", None])
def test_a_broken_value_names_no_deliverable(value: Any) -> None:
    assert ids.parse_deliverable_value(value) is None


def test_vet_run_values_round_trip() -> None:
    assert ids.parse_vet_run_value(ids.vet_run_value(12)) == 12
    assert ids.parse_vet_run_value("") is None
    assert ids.parse_vet_run_value("x12") is None


def test_modal_metadata_round_trips() -> None:
    assert ids.parse_new_campaign_metadata(ids.new_campaign_metadata("C0CHAN")) == "C0CHAN"
    assert ids.parse_new_campaign_metadata(None) is None
    assert ids.parse_mark_posted_metadata("{}") == 0


# --- what the app registers against what the builders emit ----------------------------------------------
class RecordingApp:
    """Stands in for slack_bolt.App in the handlers' register(): records each listener's constraint."""

    def __init__(self) -> None:
        self.registered: dict[str, list[Any]] = {}

    def __getattr__(self, kind: str) -> Callable[..., Callable[[Any], Any]]:
        def constraint(matcher: Any, *args: Any, **kwargs: Any) -> Callable[[Any], Any]:
            self.registered.setdefault(kind, []).append(matcher)
            return lambda listener: listener

        return constraint

    def handles(self, kind: str, value: str) -> bool:
        return any(c.match(value) if isinstance(c, re.Pattern) else c == value for c in self.registered.get(kind, []))


@pytest.fixture(scope="module")
def app() -> RecordingApp:
    recording = RecordingApp()
    for module in (
        handlers.commands,
        handlers.actions,
        handlers.options,
        handlers.views,
        handlers.shortcuts,
        handlers.events,
    ):
        module.register(recording)  # type: ignore[arg-type]
    return recording


def _dicts(blocks: list[Any]) -> list[dict[str, Any]]:
    return [b if isinstance(b, dict) else b.to_dict() for b in blocks]


def _action_ids(blocks: list[Any]) -> list[str]:
    return [e["action_id"] for b in _dicts(blocks) if b["type"] == "actions" for e in b["elements"]]


def _context(state: DeliverableState, n: int, *, due_in: timedelta = timedelta(days=3)) -> DeliverableContext:
    return DeliverableContext(
        campaign=make_campaign(id="5", approver_user_ids=("U0APPROVER",)),
        creator=make_creator(id=str(n), campaign_id="5"),
        deliverable=make_deliverable(id=str(n), campaign_id="5", creator_id=str(n), state=state, due_at=NOW + due_in),
    )


def _board() -> CampaignBoard:
    contexts = [_context(state, n) for n, state in enumerate(DeliverableState, start=1)]
    # Posted ones carry their link, as marking them posted leaves them: their cards offer Add results.
    contexts = [
        replace(c, deliverable=c.deliverable.model_copy(update={"post_url": f"https://www.instagram.com/p/{n}/"}))
        if c.deliverable.state in POSTED
        else c
        for n, c in enumerate(contexts)
    ]
    return CampaignBoard.of(contexts[0].campaign, contexts, NOW)


POSTED = (DeliverableState.live, DeliverableState.verified, DeliverableState.paid, DeliverableState.complete)


def test_every_move_a_board_offers_is_a_registered_action(app: RecordingApp) -> None:
    emitted = _action_ids(campaign_show_blocks(_board(), NOW))
    targets = {
        ids.parse_move_action(a)
        for a in emitted
        if a not in (ids.Action.add_results, ids.Action.edit_deliverable, ids.Action.creator_link)
    }
    assert len(targets) >= 5 and None not in targets  # many states offer moves: the board is a real sample
    assert emitted.count(ids.Action.add_results) == len(POSTED)
    assert [a for a in emitted if not app.handles("action", a)] == []


def test_the_board_encodes_each_deliverable_in_its_buttons(app: RecordingApp) -> None:
    board = _dicts(campaign_show_blocks(_board(), NOW))
    for block in (b for b in board if b["type"] == "actions"):
        deliverable = int(block["block_id"].removeprefix("deliverable:"))
        for button in block["elements"]:
            assert ids.parse_deliverable_value(button["value"]) == deliverable
            if button["action_id"] not in (
                ids.Action.add_results,
                ids.Action.edit_deliverable,
                ids.Action.creator_link,
            ):
                assert button["value"].endswith(f":{ids.parse_move_action(button['action_id'])}")


@pytest.mark.parametrize(
    ("state", "first"),
    [
        (DeliverableState.draft_due, ids.move_action(DeliverableState.draft_submitted)),  # the draft form
        (DeliverableState.approved, ids.Action.mark_posted.value),
    ],
)
def test_every_reminder_control_is_a_registered_action(app: RecordingApp, state: DeliverableState, first: str) -> None:
    context = _context(state, 9)
    blocks = _dicts(reminder_blocks(context, reminder_text_for(context, "due", NOW)))
    emitted = _action_ids(blocks)
    # What the deliverable waits for first (its draft, or its post once approved), then extend and snooze.
    assert emitted == [first, ids.Action.extend.value, ids.Action.snooze.value]
    assert all(app.handles("action", a) for a in emitted)
    [actions] = [b for b in blocks if b["type"] == "actions"]
    assert ids.deliverable_from_block(actions["block_id"]) == 9
    assert {ids.parse_deliverable_value(e["value"]) for e in actions["elements"] if "value" in e} == {9}


def test_every_vet_card_button_is_a_registered_action(app: RecordingApp) -> None:
    report = vet(sample("bella_bought_sample"), now=VET_NOW, fake_scorer=rule_fake_scorer)
    blocks = _dicts(vet_card_blocks(report, 31))
    emitted = _action_ids(blocks)
    assert {ids.parse_vet_decision_action(a) for a in emitted} == set(Decision)
    assert all(app.handles("action", a) for a in emitted)
    [actions] = [b for b in blocks if b["type"] == "actions"]
    assert {ids.parse_vet_run_value(e["value"]) for e in actions["elements"]} == {31}


def test_a_listener_is_registered_for_every_action_id(app: RecordingApp) -> None:
    for action in ids.Action:
        assert app.handles("action", action)
    assert not app.handles("action", "deliverable_unknown")


def _modals() -> list[tuple[dict[str, Any], type]]:
    campaign = make_campaign(id="5")
    return [
        (
            new_campaign_modal(channel_id="C1", timezone="UTC", jurisdiction="US", today=NOW.date()).to_dict(),
            NewCampaignModal,
        ),
        (add_deliverable_modal(campaign, handle="mia", platform="instagram").to_dict(), AddCreatorModal),
        (mark_posted_modal(7, "a reel").to_dict(), MarkPostedModal),
        (edit_campaign_modal(campaign, currency_fixed=False, channel_id="C1").to_dict(), EditCampaignModal),
        (creator_terms_modal(campaign, make_creator(), channel_id="C1").to_dict(), CreatorTermsModal),
        (results_modal(_context(DeliverableState.live, 3), channel_id="C1").to_dict(), ResultsModal),
    ]


@pytest.mark.parametrize(("modal", "form"), _modals(), ids=["new", "add", "posted", "edit", "terms", "results"])
def test_each_modal_is_registered_and_its_blocks_are_its_forms(
    app: RecordingApp, modal: dict[str, Any], form: type
) -> None:
    assert app.handles("view", modal["callback_id"])
    inputs = [b["block_id"] for b in modal["blocks"] if b["type"] == "input"]
    assert inputs == [b.value for b in form.blocks]
    elements = [b["element"] for b in modal["blocks"] if b["type"] == "input"]
    # Inputs are read by block id (action id INPUT); a menu that loads its options has its own, for its listener.
    assert {e["action_id"] for e in elements if e["type"] != "external_select"} == {ids.INPUT}
    assert all(app.handles("options", e["action_id"]) for e in elements if e["type"] == "external_select")


def test_every_callback_and_shortcut_is_registered(app: RecordingApp) -> None:
    assert all(app.handles("view", c) for c in ids.Callback)
    assert all(app.handles("shortcut", s) for s in ids.Shortcut)
    assert len(app.registered["view"]) == len(ids.Callback)


def test_every_review_card_control_is_a_registered_action(app: RecordingApp) -> None:
    from bot.review.models import DraftCheck, DraftSource, DraftVersion, Step
    from bot.review.view import ReviewView
    from handlers.blocks.review import confirm_missing_blocks, review_card

    context = _context(DeliverableState.draft_submitted, 9)
    check = DraftCheck(verdict="missing", fixed_caption="#ad hi")
    version = DraftVersion(
        id="4", deliverable_id="9", version=1, caption="hi", platform="instagram", format="reel",
        submitted_by="U0X", submitted_at=NOW, source=DraftSource.slack, check=check,
    )  # fmt: skip
    emitted = set()
    for left in (1, 0):  # with a revision round left (Request changes) and without (Allow another round)
        view = ReviewView(context, version, (Step.brand,), Step.brand, ("U0A",), 2 - left, 2, 1)
        emitted |= set(_action_ids(_dicts(review_card(view)[1])))
    emitted |= set(_action_ids(_dicts(confirm_missing_blocks(version, "sure?"))))
    assert emitted == {a.value for a in ids.ReviewAction}
    assert all(app.handles("action", a) for a in emitted)
