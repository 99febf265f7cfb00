"""Moving through a plan: next, back, repeat, jump, start over, mark done.

Pure functions from (plan, progress) to a Move: nothing here reads or writes the
database or knows about Rasa, so every navigation rule is unit-tested directly and
the conversation layer only loads progress, calls one of these and saves the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from bot.number_words import CARDINALS, ORDINALS
from bot.roadmap.plan import Plan
from bot.roadmap.progress import Progress

Outcome = Literal[
    "started",  # first step of a walk-through that had not begun
    "resumed",  # back at the step they were on
    "moved",  # on a different step than before
    "same",  # asked to repeat
    "at_end",  # "next" on the last step: stays there
    "at_start",  # "back" on the first step: stays there
    "not_found",  # could not tell which step they meant
    "not_in_plan",  # a real step, but not on this person's path
]


@dataclass(frozen=True)
class Move:
    progress: Progress
    outcome: Outcome
    #: For not_in_plan: the step they asked for.
    asked: str | None = None
    #: For mark_done: the steps this move marked done (that were not done before).
    marked: tuple[str, ...] = ()

    @property
    def current(self) -> str | None:
        return self.progress.current


def _first_open(plan: Plan, progress: Progress) -> str | None:
    return next((k for k in plan.keys if k not in progress.done), plan.keys[0] if plan.keys else None)


def begin(plan: Plan, progress: Progress) -> Move:
    """Start the walk-through, or resume it where they left off ("continue")."""
    if progress.current in plan.keys:
        return Move(progress, "resumed")
    outcome: Outcome = "started" if progress.current is None else "moved"
    return Move(replace(progress, current=_first_open(plan, progress)), outcome)


def _at(plan: Plan, progress: Progress) -> tuple[Progress, int | None]:
    """Progress placed on a step of this plan (the plan may have changed since it was saved)."""
    if progress.current not in plan.keys:
        progress = replace(progress, current=_first_open(plan, progress))
    return progress, plan.index(progress.current)


def advance(plan: Plan, progress: Progress) -> Move:
    progress, i = _at(plan, progress)
    if i is None or i + 1 >= len(plan):
        return Move(progress, "at_end")
    return Move(replace(progress, current=plan.keys[i + 1]), "moved")


def back(plan: Plan, progress: Progress) -> Move:
    progress, i = _at(plan, progress)
    if i is None or i == 0:
        return Move(progress, "at_start")
    return Move(replace(progress, current=plan.keys[i - 1]), "moved")


def repeat(plan: Plan, progress: Progress) -> Move:
    progress, _ = _at(plan, progress)
    return Move(progress, "same")


def start_over(plan: Plan, progress: Progress) -> Move:
    """Back to step one with nothing marked done; their answers about themselves are kept."""
    return Move(replace(progress, current=plan.keys[0] if plan.keys else None, done=()), "started")


def jump(plan: Plan, progress: Progress, name: str, every_step: list | None = None) -> Move:
    """Go to the step `name` points at ("the externship step", "step 3", "last step").

    `every_step` (all roadmap steps) lets us tell "not on your path" from "no such step".
    """
    key = find_step(plan, name, every_step)
    if key is None:
        return Move(progress, "not_found")
    if key not in plan.keys:
        return Move(progress, "not_in_plan", asked=key)
    return Move(replace(progress, current=key), "moved" if key != progress.current else "same")


def mark_done(plan: Plan, progress: Progress, name: str | None = None, every_step: list | None = None) -> Move:
    """ "I finished my program": that step and every step before it are done; move past them.

    Without a name, the current step is the one finished. Steps are done in order on
    this path, so finishing the program also means the earlier steps are behind them,
    and a step's `includes` (the externship is part of the program) are done with it.
    """
    progress, i = _at(plan, progress)
    here = i
    if name:
        key = find_step(plan, name, every_step)
        if key is None:
            return Move(progress, "not_found")
        if key not in plan.keys:
            return Move(progress, "not_in_plan", asked=key)
        i = plan.index(key)
    if i is None:
        return Move(progress, "not_found")
    included = [j for k in plan.steps[i].step.includes or [] if (j := plan.index(k)) is not None]
    i = max([i, *included])
    done = tuple(dict.fromkeys([*progress.done, *plan.keys[: i + 1]]))
    marked = tuple(k for k in done if k not in progress.done)
    after = next((k for k in plan.keys[i + 1 :] if k not in done), None)
    if here is not None and here > i and plan.keys[here] not in done:
        after = plan.keys[here]  # finishing an earlier step does not pull them back
    if after is None:
        return Move(replace(progress, done=done, current=plan.keys[-1]), "at_end", marked=marked)
    return Move(replace(progress, done=done, current=after), "moved", marked=marked)


_ORDINALS = {**ORDINALS, **CARDINALS}  # "the third step", "step two"
_NUMBERED = re.compile(r"\bstep\s+(?:number\s+)?(\d+|[a-z]+)\b|\b(\d+)(?:st|nd|rd|th)?\s+step\b|\b([a-z]+)\s+step\b")


def find_step(plan: Plan, text: str, every_step: list | None = None) -> str | None:
    """The step key a loose name points at, or None.

    Numbers and ordinals count on this person's plan ("step 3", "the last step");
    names match a step's title or aliases from the knowledge base, longest first, so
    "clinical externship" beats "clinical" and "job search" beats "search".
    """
    low = " ".join(re.sub(r"[^\w\s'-]", " ", text.lower()).split())
    if re.search(r"\b(last|final)\s+step\b", low) and plan.steps:
        return plan.keys[-1]
    match = _NUMBERED.search(low)
    if match:
        raw = next(g for g in match.groups() if g)
        number = int(raw) if raw.isdigit() else _ORDINALS.get(raw)
        if number and 1 <= number <= len(plan):
            return plan.keys[number - 1]
    candidates: list = list(every_step or []) or [s.step for s in plan.steps]
    on_plan = set(plan.keys)
    best: tuple[int, int, str] | None = None
    for step in candidates:
        for alias in [step.title, *(step.aliases or [])]:
            phrase = alias.lower()
            if re.search(rf"(?<![\w-]){re.escape(phrase)}s?(?![\w-])", low):
                # Longest name wins; on a tie, a step on their own path.
                rank = (len(phrase), step.key in on_plan, step.key)
                if best is None or rank[:2] > best[:2]:
                    best = rank
    return best[2] if best else None
