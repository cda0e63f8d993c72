"""Block actions: button clicks and pickers."""

from __future__ import annotations

import re

from slack_bolt import App

from handlers.actions.vet_decision import handle_vet_decision


def register(app: App) -> None:
    app.action(re.compile(r"^vet_decision_"))(handle_vet_decision)
