"""What `/healthz` reports: each dependency the app cannot work without, and whether it answers."""

from __future__ import annotations

from storage.db import database_unavailable, ping
from storage.uow import UnitOfWork


def check(uow: UnitOfWork) -> dict[str, str]:
    """{"database": "ok"} or {"database": "unavailable: <why>"}; never raises for an outage."""
    try:
        with uow:
            ping(uow.session)
    except Exception as error:
        if not database_unavailable(error):
            raise
        reason = getattr(error, "orig", None) or type(error).__name__
        return {"database": f"unavailable: {str(reason).splitlines()[0][:200]}"}
    return {"database": "ok"}
