"""Block actions: button clicks and pickers."""

from __future__ import annotations

from slack_bolt import App

from handlers.actions.creator_link import handle_creator_link
from handlers.actions.deliverable import (
    handle_add_results,
    handle_edit_deliverable,
    handle_extend,
    handle_mark_posted,
    handle_move,
    handle_snooze,
    handle_undo_drop,
    handle_verify_confirmed,
)
from handlers.actions.review import handle_another_round, handle_approve, handle_open_decision
from handlers.actions.vet_decision import handle_vet_decision
from handlers.failures import reported_after_ack
from handlers.ids import ADD_RESULTS_ACTIONS, MOVE_ACTIONS, VET_DECISION_ACTIONS, Action, ReviewAction


def register(app: App) -> None:
    app.action(VET_DECISION_ACTIONS)(reported_after_ack(handle_vet_decision))
    app.action(MOVE_ACTIONS)(reported_after_ack(handle_move))
    app.action(Action.mark_posted)(reported_after_ack(handle_mark_posted))
    app.action(Action.extend)(reported_after_ack(handle_extend))
    app.action(Action.snooze)(reported_after_ack(handle_snooze))
    app.action(ADD_RESULTS_ACTIONS)(reported_after_ack(handle_add_results))
    app.action(Action.edit_deliverable)(reported_after_ack(handle_edit_deliverable))
    app.action(Action.creator_link)(reported_after_ack(handle_creator_link))
    app.action(Action.undo_drop)(reported_after_ack(handle_undo_drop))
    app.action(Action.verify_confirmed)(reported_after_ack(handle_verify_confirmed))
    app.action(ReviewAction.approve)(reported_after_ack(handle_approve))
    app.action(ReviewAction.approve_confirmed)(reported_after_ack(handle_approve))
    app.action(ReviewAction.corrections)(reported_after_ack(handle_open_decision))
    app.action(ReviewAction.changes)(reported_after_ack(handle_open_decision))
    app.action(ReviewAction.another_round)(reported_after_ack(handle_another_round))
