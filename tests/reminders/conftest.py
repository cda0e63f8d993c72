from tests.reminders.dispatching import clock, services

__all__ = ["clock", "services"]
