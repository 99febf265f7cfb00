"""One turn of the guided roadmap: load the person's progress, apply what they said, save, reply.

This is the seam between the chat channels and the roadmap logic: Rasa actions
call it with the sender id and what the forms collected, and get messages back.
Progress is read and written on every turn (never kept in memory), so any server
process, before or after a restart, continues where the person left off.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from bot.eligibility.check import check
from bot.kb.queries import KnowledgeBase
from bot.roadmap import (
    Move,
    Plan,
    advance,
    back,
    begin,
    build_plan,
    jump,
    mark_done,
    overview,
    render_move,
    repeat,
    start_over,
    where,
)
from bot.roadmap.commands import Command, payload
from bot.roadmap.profile_reading import RECOMMEND, SKIP
from bot.roadmap.progress import Progress, ProgressStore
from bot.roadmap.timeline import estimate

NAV_BUTTONS = (
    {"title": "Next step", "payload": payload("next")},
    {"title": "Back", "payload": payload("back")},
    {"title": "Whole plan", "payload": payload("overview")},
)
START_BUTTON = {"title": "Walk me through it", "payload": "/start_roadmap"}


@dataclass(frozen=True)
class Said:
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)


def profile_changes(answers: dict[str, Any]) -> dict[str, Any]:
    """Form answers (slot values) as Profile fields; unknown or empty answers are left out."""
    changes: dict[str, Any] = {}
    if answers.get("background"):
        changes["background"] = answers["background"]
        if answers["background"] == "military":
            changes["military_training"] = True
    if answers.get("credential_goal"):
        changes["credential"] = None if answers["credential_goal"] == RECOMMEND else answers["credential_goal"]
    if answers.get("state"):
        changes["state"] = None if answers["state"] == SKIP else answers["state"]
    if answers.get("career_goal"):
        changes["goal"] = answers["career_goal"]
    if answers.get("program_type"):
        changes["program_type"] = answers["program_type"]
    if answers.get("start_date") and answers["start_date"] != SKIP:
        changes["start_date"] = dt.date.fromisoformat(answers["start_date"])
    if answers.get("education"):
        changes["education"] = answers["education"]
    if answers.get("work_years") is not None:
        changes["experience_years"] = float(answers["work_years"])
    return changes


class RoadmapTurns:
    def __init__(self, kb: KnowledgeBase, store: ProgressStore):
        self.kb = kb
        self.store = store

    def _load(self, sender: str, answers: dict[str, Any] | None = None) -> Progress:
        progress = self.store.load(sender)
        changes = profile_changes(answers or {})
        return progress.with_profile(**changes) if changes else progress

    def _reply(self, plan: Plan, move: Move) -> list[Said]:
        self.store.save(move.progress)
        said = [Said(r.text) for r in render_move(self.kb, plan, move)]
        if said:
            said[-1] = Said(said[-1].text, list(NAV_BUTTONS))
        return said

    def start(self, sender: str, answers: dict[str, Any]) -> list[Said]:
        """After the questions: build their plan and show the first step (or the one they were on)."""
        progress = self._load(sender, answers)
        plan = build_plan(self.kb, progress.profile)
        return self._reply(plan, begin(plan, progress))

    def navigate(self, sender: str, command: Command, text: str = "") -> list[Said]:
        """next/back/repeat/jump/where/restart/overview/done/continue on their stored plan."""
        progress = self._load(sender)
        if progress.current is None or progress.profile.background is None:
            return [
                Said(
                    "We haven't started your roadmap yet. I'll ask a few questions about you, then "
                    "take you through it step by step.",
                    [START_BUTTON],
                )
            ]
        plan = build_plan(self.kb, progress.profile)
        if command == "where":
            return [Said(where(plan, progress), list(NAV_BUTTONS))]
        if command == "overview":
            return [Said(overview(self.kb, plan, progress).text, list(NAV_BUTTONS))]
        steps = self.kb.roadmap_steps()
        move = {
            "next": lambda: advance(plan, progress),
            "back": lambda: back(plan, progress),
            "repeat": lambda: repeat(plan, progress),
            "continue": lambda: begin(plan, progress),
            "restart": lambda: start_over(plan, progress),
            "jump": lambda: jump(plan, progress, text, steps),
            "done": lambda: mark_done(plan, progress, text or None, steps),
        }[command]()
        return self._reply(plan, move)

    def eligibility(self, sender: str, answers: dict[str, Any]) -> list[Said]:
        """Which credentials they can sit for now, and what is missing for the others."""
        progress = self._load(sender, answers)
        self.store.save(progress)
        report = check(self.kb, progress.profile)
        buttons = [START_BUTTON] if progress.current is None else list(NAV_BUTTONS[:1])
        return [Said(report.render(), buttons)]

    def timeline(self, sender: str, answers: dict[str, Any]) -> list[Said]:
        """Their own estimate: the parts, and the months it could end if they gave a start date."""
        progress = self._load(sender, answers)
        self.store.save(progress)
        plan = build_plan(self.kb, progress.profile)
        return [Said(estimate(self.kb, plan).message.text, [START_BUTTON] if progress.current is None else [])]

    def resume_button(self, sender: str) -> dict[str, str] | None:
        """ "Back to step 3" after an answer given in the middle of a walk-through."""
        progress = self.store.load(sender)
        if progress.current is None or progress.profile.background is None:
            return None
        plan = build_plan(self.kb, progress.profile)
        number = plan.index(progress.current)
        if number is None:
            return None
        return {"title": f"Back to step {number + 1} of {len(plan)}", "payload": payload("continue")}
