"""What a plan tells a person about their own eligibility, and on which step.

The eligibility check (bot.eligibility.check) weighs every route; here we pick what a
step should say of it: on the experience check, the verdict for their credential,
the others already open to them, and military routes their training ended too long
ago for; on the exam step, when they can sit it now, the same verdict with what must
also be true (CPR, a diploma, the sources' disagreement), since the check is behind them.
"""

from __future__ import annotations

from bot.citing import Cited, unique
from bot.roadmap.lines import STAYS
from bot.roadmap.plan import EXAM_STEP, Plan, join

#: How strongly each line holds its place in the step's message when space runs short
#: (bot.roadmap.lines moves the lowest first): the verdict never moves.
VERDICT, OPEN_ALREADY, CLOSED_ROUTES = STAYS, 3, 2


def lines(plan: Plan, key: str) -> list[tuple[Cited, int]]:
    """The eligibility lines for step `key`, each with how strongly it keeps its place."""
    step = plan.get(key)
    checks = step is not None and step.step.gives == "eligibility"
    if not checks and not (key == EXAM_STEP and plan.eligible_now):
        return []
    result = plan.target
    said = [(Cited(f"For you: {result.text}", result.citations), VERDICT)]
    others = [r.abbreviation for r in plan.eligibility.results if r.eligible and r.credential != plan.credential]
    if others:
        said.append((Cited("Already open to you: " + join([f"the {a}" for a in others]) + "."), OPEN_ALREADY))
    closed = closed_military_routes(plan)
    if closed is not None:
        said.append((closed, CLOSED_ROUTES))
    return said


def closed_military_routes(plan: Plan) -> Cited | None:
    """ "Closed to you: the military routes of the RMA (…) and the NCMA (…); yours ended 6 years ago"."""
    ago = plan.profile.military_years_ago
    if not plan.profile.has_military_training or ago is None:
        return None
    closed = [
        (result.abbreviation, gap)
        for result in plan.eligibility.results
        if not result.eligible
        for gap in result.gaps
        if gap.requires == "military" and gap.within_years is not None and ago > gap.within_years
    ]
    if not closed:
        return None
    named = join(
        [f"the {abbreviation} (training within the last {gap.within_years:g} years)" for abbreviation, gap in closed]
    )
    which = "route" if len(closed) == 1 else "routes"
    text = f"Closed to you: the military {which} of {named}; yours ended {ago:g} years ago."
    return Cited(text, unique(gap.citation for _, gap in closed))
