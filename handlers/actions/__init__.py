"""Block actions: button clicks and pickers."""

from __future__ import annotations

import re

from slack_bolt import App

from handlers.actions.deliverable import handle_extend, handle_mark_posted, handle_move, handle_snooze
from handlers.actions.vet_decision import handle_vet_decision
from handlers.failures import reported_after_ack


def register(app: App) -> None:
    app.action(re.compile(r"^vet_decision_"))(reported_after_ack(handle_vet_decision))
    app.action(re.compile(r"^deliverable_move_"))(reported_after_ack(handle_move))
    app.action("deliverable_mark_posted")(reported_after_ack(handle_mark_posted))
    app.action("deliverable_extend")(reported_after_ack(handle_extend))
    app.action("deliverable_snooze")(reported_after_ack(handle_snooze))
