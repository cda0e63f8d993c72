"""/campaign digest <name> [monday 09:00 | off | none]: when a campaign's results digests go to its channel.

Without a schedule it says when they go; with one, the campaign's owner and approvers change it (`off`: the
final report only; `none`: no digests at all) and the pending digests are planned again."""

from __future__ import annotations

import re

from bot.campaigns.errors import CampaignError
from bot.services import Services, digests
from handlers.blocks.text import bold, error_text, escape

USAGE = "`/campaign digest <name> monday 09:00` (a weekday and a time), `off` (the final report only) or `none`"
ALONE = frozenset({"off", "final", "none", "never"})
_CLOCK = re.compile(r"\d{1,2}:\d{2}")


def split_digest_words(words: list[str]) -> tuple[str, str | None]:
    """'glow sample monday 09:00' -> ('glow sample', 'monday 09:00'); 'glow off' -> ('glow', 'off');
    'glow' -> ('glow', None): the schedule is at the end, the campaign's name is the rest."""
    if len(words) >= 2 and words[-1].lower() in ALONE:
        return " ".join(words[:-1]), words[-1]
    if len(words) >= 3 and _CLOCK.fullmatch(words[-1]):
        return " ".join(words[:-2]), " ".join(words[-2:])
    return " ".join(words), None


def unreadable_schedule(services: Services, team_id: str, words: list[str]) -> str | None:
    """'glow someday' names no campaign, but 'glow' does: the last word or two were meant as the schedule and
    could not be read, which is what to say (rather than that no campaign is called 'glow someday')."""
    for cut in (1, 2):
        if len(words) <= cut:
            break
        name, tail = " ".join(words[:-cut]), " ".join(words[-cut:])
        try:
            plan = digests.digest_plan(services.uow(), team_id, name, now=services.clock())
        except CampaignError:
            continue
        return (
            f"I can't read '{escape(tail[:40])}' as when the digests of {bold(plan.campaign.name)} go out."
            f"\nUsage: {USAGE}."
        )
    return None


def digest_answer(services: Services, *, team_id: str, user_id: str, words: list[str]) -> str:
    """The answer to the command, in mrkdwn."""
    name, schedule = split_digest_words(words)
    now = services.clock()
    try:
        if schedule is None:
            plan = digests.digest_plan(services.uow(), team_id, name, now=now)
        else:
            plan = digests.set_digest_schedule(services.uow(), team_id, name, schedule, now=now, actor=user_id)
    except CampaignError as error:
        unread = unreadable_schedule(services, team_id, words) if schedule is None else None
        return unread or f"{error_text(error)}\nUsage: {USAGE}."
    return f"Results digests of {bold(plan.campaign.name)} {escape(plan.predicate(changed=schedule is not None))}."
