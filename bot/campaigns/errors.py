"""Typed errors whose message is a friendly sentence a Slack reply can show as it is."""

from __future__ import annotations


class CampaignError(ValueError):
    """Base for every error in this package; `str(error)` is written for the person who clicked or typed."""


class InvalidTimezone(CampaignError):
    pass


class DueInputError(CampaignError):
    """A due date or time the parser could not read, or one that is already in the past."""


class WorkflowError(CampaignError):
    """A deliverable state change that is not allowed."""


class InvalidTransition(WorkflowError):
    def __init__(self, message: str, *, current: str, target: str, allowed: tuple[str, ...]) -> None:
        super().__init__(message)
        self.current = current
        self.target = target
        self.allowed = allowed  # target state values allowed from `current`, for re-rendering the buttons


class RevisionLimitReached(WorkflowError):
    def __init__(self, message: str, *, rounds_used: int, max_rounds: int) -> None:
        super().__init__(message)
        self.rounds_used = rounds_used
        self.max_rounds = max_rounds


class NotAllowed(WorkflowError):
    """The user may not make this change (for example approving without being an approver)."""

    def __init__(self, message: str, *, allowed_user_ids: tuple[str, ...]) -> None:
        super().__init__(message)
        self.allowed_user_ids = allowed_user_ids


class NeedsConfirmation(CampaignError):
    """Nothing wrong enough to refuse, but worth a second look before saving (the warnings, in words)."""

    def __init__(self, warnings: tuple[str, ...], *, how_to_confirm: str = "confirm to save it anyway") -> None:
        super().__init__(f"Before I save this: {' '.join(warnings)} If that is what you meant, {how_to_confirm}.")
        self.warnings = warnings
