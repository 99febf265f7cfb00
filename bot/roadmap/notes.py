"""Which of a step's notes fit a person, and the step's fields as that person reads them.

A note is a line of a step written for some people only (roadmap.yml: `credential`,
`background`, `goal`, `state`, `accredited_program`). Some notes add a line; others
replace a field of the step, so a CCMA plan reads "Enroll in a medical assisting
program" where a CMA plan reads "Enroll in a CAAHEP- or ABHES-accredited medical assisting program".
The plan (its title for each step) and the renderer (everything else) both ask here,
so the two never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.kb import schema

Note = Mapping[str, Any]


@dataclass(frozen=True)
class Audience:
    """What a note may be written for: the plan's credential and the person's situation."""

    credential: str | None
    background: str | None
    goal: str | None
    state: str | None
    #: Whether the plan's credential requires a CAAHEP- or ABHES-accredited program.
    accredited_program: bool

    def fits(self, note: Note) -> bool:
        """Every filter the note sets matches (an unset filter matches everyone)."""
        wanted = {
            "credential": self.credential,
            "background": self.background,
            "goal": self.goal,
            "state": self.state,
            "accredited_program": self.accredited_program,
        }
        return all(note.get(name) is None or note.get(name) == value for name, value in wanted.items())


def fitting(step: schema.RoadmapStep, audience: Audience) -> list[Note]:
    """The step's notes for this audience, in the order the content lists them."""
    return [n for n in step.notes or [] if audience.fits(n)]


def replacement(step: schema.RoadmapStep, audience: Audience, part: str) -> Note | None:
    """The first fitting note that replaces `part` (title, what, why, duration, tip, mistake), if any."""
    return next((n for n in fitting(step, audience) if n.get("part") == part), None)


def title(step: schema.RoadmapStep, audience: Audience) -> str:
    """The step's title for this audience: a title note's text, else the step's own."""
    found = replacement(step, audience, "title")
    return str(found["text"]) if found else step.title
