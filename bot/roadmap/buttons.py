"""The buttons under a roadmap message: what the person can do next from where they are.

Under a step: "Tell me more" (its details), then moving on. On the last step there is
no "Next step": what comes next is their timeline or a talk with a person, so those
are offered instead (the payloads of the estimate_timeline and request_human intents).
"""

from __future__ import annotations

from bot.roadmap.commands import payload
from bot.roadmap.plan import Plan

Button = dict[str, str]

TELL_ME_MORE: Button = {"title": "Tell me more", "payload": payload("details")}
NEXT: Button = {"title": "Next step", "payload": payload("next")}
BACK: Button = {"title": "Back", "payload": payload("back")}
WHOLE_PLAN: Button = {"title": "Whole plan", "payload": payload("overview")}
TIMELINE: Button = {"title": "My timeline", "payload": "/estimate_timeline"}
PERSON: Button = {"title": "Talk to a person", "payload": "/request_human"}
START: Button = {"title": "Walk me through it", "payload": "/start_roadmap"}

#: What comes after the last step, in place of "Next step".
AFTER_THE_LAST = (TIMELINE, PERSON)


def for_step(plan: Plan, key: str | None, details_shown: bool = False) -> list[Button]:
    """The buttons under step `key` of `plan` (under its details, without "Tell me more")."""
    onward = list(AFTER_THE_LAST) if plan.is_last(key) else [NEXT]
    more = [] if details_shown or key not in plan.keys else [TELL_ME_MORE]
    return [*more, *onward, BACK, WHOLE_PLAN]


def at_end() -> list[Button]:
    """After "next" on the last step."""
    return [*AFTER_THE_LAST, WHOLE_PLAN]
