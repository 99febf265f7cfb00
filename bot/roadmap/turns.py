"""One turn of the guided roadmap: load the person's progress, apply what they said, save, reply.

This is the seam between the chat channels and the roadmap logic: Rasa actions
call it with the sender id and what the forms collected, and get messages back.
Progress is read and written on every turn (never kept in memory), so any server
process, before or after a restart, continues where the person left off.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from bot.eligibility.personal import verdict_for
from bot.kb.queries import KnowledgeBase
from bot.profile import Profile
from bot.roadmap import buttons
from bot.roadmap.changes import opening
from bot.roadmap.commands import Command, payload
from bot.roadmap.navigate import Move, advance, back, begin, jump, mark_done, repeat, start_over
from bot.roadmap.plan import Plan, build_plan
from bot.roadmap.profile_reading import RECOMMEND, SKIP
from bot.roadmap.progress import Progress, ProgressStore
from bot.roadmap.render import overview, render_details, render_move, where
from bot.roadmap.timeline import estimate

#: Before a roadmap, these show the usual path instead of saying there is none yet.
SHOWS_THE_PATH: frozenset[Command] = frozenset({"overview", "next", "where", "details"})
USUAL_PATH = (
    'Here is the usual path, before I know much about you. Tap "Walk me through it" and I\'ll fit it to '
    "you with a few questions, then take you through it step by step."
)


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
        if answers["education"] != "none":  # the question asks which kind of program, so the answer says
            changes["program_accredited"] = answers["education"] == "accredited_program_graduate"
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

    def _reply(self, plan: Plan, move: Move, first: list[Said] | None = None) -> list[Said]:
        """Save the move and say it: `first` (what changed, why) and then the step, one message each."""
        self.store.save(replace(move.progress, planned_for=plan.profile))
        said = [*(first or []), *(Said(r.text) for r in render_move(self.kb, plan, move))]
        if said:
            shown = buttons.at_end() if move.outcome == "at_end" else buttons.for_step(plan, move.current)
            said[-1] = Said(said[-1].text, shown)
        return said

    def _previous(self, progress: Progress) -> Profile | None:
        """The profile of the plan they last saw, if they have one and it was built for another profile."""
        if progress.current is None:
            return None
        before = progress.planned_for
        return None if before is None or before == progress.profile else before

    def _changed(self, plan: Plan, before: Profile | None) -> list[Said]:
        """What changed since the plan they last saw, as a message of its own (nothing if nothing did)."""
        if before is None or before.background is None:
            return []
        said = opening(self.kb, plan, build_plan(self.kb, before))
        return [Said(said.text)] if said else []

    def start(self, sender: str, answers: dict[str, Any], profile: Profile | None = None) -> list[Said]:
        """After the questions, or when what they said changes their plan: build it and show their step.

        `profile`, when given, is the person's profile as the conversation now knows it;
        otherwise the stored one, which every turn keeps up to date with what they say
        ("I'd rather aim for the RMA", "actually I'm in Ohio"). `answers` from the forms
        apply on top. A plan built for another profile than the one they last saw is
        rebuilt, and the first reply says what changed.
        """
        stored = self.store.load(sender)
        progress = stored if profile is None else replace(stored, profile=profile)
        changes = profile_changes(answers or {})
        if changes:
            progress = progress.with_profile(**changes)
        plan = build_plan(self.kb, progress.profile)
        had_plan = stored.current is not None and stored.profile.background is not None
        move = begin(plan, progress)
        if not had_plan:
            said = opening(self.kb, plan)
            return self._reply(plan, move, [Said(said.text)] if said else [])
        # A row saved before plans kept their profile: the stored profile is the best we know.
        before = stored.planned_for or stored.profile
        changed = self._changed(plan, None if before == progress.profile else before)
        if changed and move.outcome == "resumed":
            move = replace(move, outcome="same")  # not "welcome back": their plan has changed
        return self._reply(plan, move, changed)

    def navigate(
        self, sender: str, command: Command, text: str = "", answers: dict[str, Any] | None = None
    ) -> list[Said]:
        """next/back/repeat/jump/where/restart/overview/done/continue/details on their stored plan.

        If what they said since changed their plan, the reply first says what changed. `answers`
        (what a form collected before it was left) count only before a roadmap exists: someone who
        has told who they are and asks "what's my next step" or "show me the whole plan" gets
        their own plan, from its first step, not the usual path.
        """
        progress = self._load(sender)
        if progress.current is None and command in SHOWS_THE_PATH:
            told = self._load(sender, answers)
            if told.profile.background is not None:
                if command == "next":
                    return self.start(sender, answers or {})
                plan = build_plan(self.kb, told.profile)
                progress = begin(plan, told).progress
                self.store.save(replace(progress, planned_for=plan.profile))
        if (progress.current is None or progress.profile.background is None) and command in SHOWS_THE_PATH:
            # "show me the whole plan", "ok, then what?" before any roadmap: the usual path, then theirs.
            usual = overview(self.kb, build_plan(self.kb, progress.profile), progress)
            return [Said(f"{USUAL_PATH}\n{usual.text}", [buttons.START])]
        if progress.current is None or progress.profile.background is None:
            return [
                Said(
                    "We haven't started your roadmap yet. I'll ask a few questions about you, then "
                    "take you through it step by step.",
                    [buttons.START],
                )
            ]
        plan = build_plan(self.kb, progress.profile)
        changed = self._changed(plan, self._previous(progress))
        if command in ("where", "overview", "details"):
            progress = repeat(plan, progress).progress  # placed on this plan: it may have changed
            self.store.save(replace(progress, planned_for=plan.profile))
        if command == "where":
            return [*changed, Said(where(plan, progress), buttons.for_step(plan, progress.current, details_shown=True))]
        if command == "overview":
            shown = buttons.for_step(plan, progress.current, details_shown=True)
            return [*changed, Said(overview(self.kb, plan, progress).text, shown)]
        if command == "details":
            return [*changed, *self._details(plan, progress)]
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
        if changed and move.outcome == "resumed":
            move = replace(move, outcome="same")
        return self._reply(plan, move, changed)

    def _details(self, plan: Plan, progress: Progress) -> list[Said]:
        """ "Tell me more": the current step's details, then the same ways on."""
        if progress.current is None:
            return [Said(where(plan, progress))]
        details = render_details(self.kb, plan, progress.current)
        return [Said(details.text, buttons.for_step(plan, progress.current, details_shown=True))]

    def eligibility(self, sender: str, answers: dict[str, Any]) -> list[Said]:
        """Which credentials they can sit for now, and what is missing for the others."""
        progress = self._load(sender, answers)
        self.store.save(progress)
        verdict = verdict_for(self.kb, progress.profile)
        shown = [buttons.START] if progress.current is None else [buttons.NEXT]
        return [Said(verdict.text, shown)]

    def timeline(self, sender: str, answers: dict[str, Any]) -> list[Said]:
        """Their own estimate: the parts, and the months it could end if they gave a start date."""
        progress = self._load(sender, answers)
        self.store.save(progress)
        plan = build_plan(self.kb, progress.profile)
        return [Said(estimate(self.kb, plan).message.text, [buttons.START] if progress.current is None else [])]

    def skips_program(self, sender: str) -> bool:
        """True when the sender's plan leaves the program out (they can sit their exam now)."""
        profile = self.store.load(sender).profile
        return profile.background is not None and build_plan(self.kb, profile).eligible_now

    def started(self, sender: str) -> bool:
        """True once the sender has a roadmap to move through (a step, and who they are)."""
        progress = self.store.load(sender)
        return progress.current is not None and progress.profile.background is not None

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
