"""What changed since a campaign's last digest (bot.metrics.changes), worded as the few short plain lines of the
report's "Since the last digest" section; report.py escapes and cuts them."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from bot.campaigns.localtime import zone
from bot.metrics import ResultsChanges, display
from bot.metrics.changes import Delta

LABELS = {
    "views": "views",
    "engagements": "engagements",
    "clicks": "link clicks",
    "conversions": "conversions",
    "spend": "spend",
    "revenue": "revenue",
}
MONEY = frozenset({"spend", "revenue"})
FIRST = "First digest of this campaign: the next ones say what changed since the one before."


def change_lines(changes: ResultsChanges | None, *, currency: str, since: datetime | None, tz: str) -> list[str]:
    """`changes` None: the first digest. `since`: when the last digest was taken, shown in the campaign's zone."""
    if changes is None:
        return [FIRST]
    when = f" ({since.astimezone(zone(tz)):%a %-d %b})" if since is not None else ""
    if changes.nothing_changed:
        return [f"Nothing changed since the last digest{when}."]
    lines = [_posts_line(changes.new_posts_live)] if changes.new_posts_live else []
    for name, label in LABELS.items():
        line = _campaign_line(label.capitalize(), changes.deltas[name], name in MONEY, currency)
        if line:
            lines.append(line)
    for creator in changes.creators:
        if creator.new:
            lines.append(f"@{creator.handle} ({creator.platform}) joined the campaign")
            continue
        line = _creator_line(creator.handle, creator.deltas, currency)
        if line:
            lines.append(line)
    return lines


def _creator_line(handle: str, deltas: dict[str, Delta], currency: str) -> str | None:
    """ "@mia: +7,000 views, +400 engagements"; figures known for the first time: "@mia, first results: …"."""
    moved, first = [], []
    for name, delta in deltas.items():
        if name not in LABELS:
            continue
        if delta.change:
            moved.append(f"{_signed(delta.change, name in MONEY, currency)} {LABELS[name]}")
        elif delta.before is None and delta.after is not None:
            first.append(f"{_plain(delta.after, name in MONEY, currency)} {LABELS[name]}")
    if not moved and not first:
        return None
    if not moved:
        return f"@{handle}, first results: " + ", ".join(first)
    return f"@{handle}: " + ", ".join(moved + [f"{part} (first known)" for part in first])


def _posts_line(new_live: int) -> str:
    if new_live < 0:
        return f"{-new_live} post{'s' if new_live < -1 else ''} fewer live"
    return f"{new_live} more post{'s' if new_live > 1 else ''} live"


def _campaign_line(label: str, delta: Delta, is_money: bool, currency: str) -> str | None:
    """ "Views +12,400 (now 82,187)"; a figure known for the first time says so; no change, no line."""
    if delta.change:
        return f"{label} {_signed(delta.change, is_money, currency)} (now {_plain(delta.after, is_money, currency)})"
    if delta.before is None and delta.after is not None:
        return f"{label} {_plain(delta.after, is_money, currency)}, known for the first time"
    return None


def _plain(value: Decimal | int | None, is_money: bool, currency: str) -> str:
    if value is None:
        return display.MISSING
    return display.money(value, currency) if is_money else f"{int(value):,}"


def _signed(value: Decimal | int | None, is_money: bool, currency: str) -> str:
    if value is None:
        return display.MISSING
    sign = "+" if value > 0 else "−"
    return sign + _plain(-value if value < 0 else value, is_money, currency)
