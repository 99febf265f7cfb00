"""The guided roadmap: a plan fitted to each person, navigation over it, and what they read.

Plain Python over the knowledge base, with no Rasa in it: the conversation layer
loads a person's Progress (bot.roadmap.progress), builds their Plan (which credential and
why: `choice`; which steps: `plan`), applies one navigation function and renders the result
(`render`, with the notes that fit the person: `notes`; what changed: `changes`; the
buttons under it: `buttons`).
"""

from bot.roadmap.navigate import Move, advance, back, begin, find_step, jump, mark_done, repeat, start_over
from bot.roadmap.plan import Plan, PlanStep, build_plan
from bot.roadmap.render import (
    MAX_STEP_WORDS,
    RenderedStep,
    overview,
    render_details,
    render_move,
    render_step,
    where,
)

__all__ = [
    "Move",
    "Plan",
    "PlanStep",
    "RenderedStep",
    "MAX_STEP_WORDS",
    "advance",
    "back",
    "begin",
    "build_plan",
    "find_step",
    "jump",
    "mark_done",
    "overview",
    "render_details",
    "render_move",
    "render_step",
    "repeat",
    "start_over",
    "where",
]
