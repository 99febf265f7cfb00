"""What a person reads for a step, for "where am I?" and for the whole plan.

A step is one short message: what to do, how long, the facts for their credential
and state, and, where it matters, whether they can sit the exam now. It stays within
120 words and ends with one source line. The rest (why it matters, one tip, one
common mistake, advice for their background or goal) waits behind "Tell me more",
in a message of its own with its own source line. A line that would take the
step's message past the limit moves to the details rather than being cut.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.citing import Citation, Cited, unique
from bot.kb.queries import KnowledgeBase
from bot.roadmap import lines, notes, standing
from bot.roadmap.navigate import Move
from bot.roadmap.plan import Plan, join, lower_first
from bot.roadmap.progress import Progress

#: Each message of a step stays within this many words, not counting its source line.
MAX_STEP_WORDS = lines.MAX_STEP_WORDS


@dataclass(frozen=True)
class RenderedStep:
    key: str
    number: int
    total: int
    heading: str  # "Step 2 of 6: Enroll in a CAAHEP- or ABHES-accredited medical assisting program"
    main: Cited  # the step's message
    details: Cited  # what "Tell me more" shows

    @property
    def text(self) -> str:
        return self.main.text

    @property
    def citations(self) -> tuple[Citation, ...]:
        return unique([*self.main.citations, *self.details.citations])


def render_step(kb: KnowledgeBase, plan: Plan, key: str) -> RenderedStep:
    """The step's message and its details for step `key` of `plan`, fitted to the person."""
    planned = plan.get(key)
    if planned is None:
        raise KeyError(f"step {key!r} is not on this plan")
    step = planned.step
    audience = plan.audience
    fitting = notes.fitting(step, audience)
    build = lines.StepLines(kb, step, audience)
    heading = f"Step {planned.number} of {len(plan)}: {planned.title}"
    main, details = lines.split(
        [
            build.text(heading, build.own if planned.title == step.title else ()),
            build.field("What to do", "what"),
            build.field("How long", "duration", keep=1),
            *(build.note(n) for n in fitting if n.get("part") == "main"),
            *_eligibility_lines(plan, key, build),
        ],
        [
            build.text(f"More on step {planned.number}: {planned.title}", ()),
            build.field("Why it matters", "why", keep=5),
            build.field("Tip", "tip"),
            build.field("Common mistake", "mistake"),
            *(build.note(n) for n in fitting if n.get("part") == "details"),
        ],
    )
    return RenderedStep(key, planned.number, len(plan), heading, lines.message(kb, main), lines.message(kb, details))


def render_details(kb: KnowledgeBase, plan: Plan, key: str) -> Cited:
    """What "Tell me more" shows for step `key`."""
    return render_step(kb, plan, key).details


def _eligibility_lines(plan: Plan, key: str, build: lines.StepLines) -> list[lines.Line]:
    """Their own standing on the step where it matters; the first line always stays in the message."""
    return [build.text(said.body, said.citations, keep) for said, keep in standing.lines(plan, key)]


def where(plan: Plan, progress: Progress) -> str:
    """ "Which step am I on?" in one or two sentences."""
    planned = plan.get(progress.current)
    if planned is None:
        return "We haven't started your roadmap yet. Say \"start\" and I'll take you through it step by step."
    done = [s.number for s in plan.steps if s.key in progress.done]
    text = f"You're on step {planned.number} of {len(plan)}: {planned.title}."
    if done:
        text += " Done so far: step" + ("s " if len(done) > 1 else " ") + join([str(n) for n in done]) + "."
    return text


def overview(kb: KnowledgeBase, plan: Plan, progress: Progress) -> Cited:
    """The whole plan as a compact checklist: done, you are here, next."""
    current = plan.index(progress.current)
    who = kb.display_name("background", plan.profile.background) if plan.profile.background else None
    rows = [f"Your roadmap to the {plan.target.abbreviation}" + (f" ({who}):" if who else ":")]
    collector = lines.Collector(kb)
    if plan.reason is not None:
        rows.append(plan.reason.body + " Tell me if you'd rather aim for another credential.")
        collector.citations += plan.reason.citations
    for s in plan.steps:
        i = s.number - 1
        if s.key in progress.done:
            mark = "✓"
            state = " (done)"
        elif current is not None and i == current:
            mark, state = "▶", " (you are here)"
        elif current is not None and i == current + 1:
            mark, state = "•", " (next)"
        else:
            mark, state = "•", ""
        rows.append(f"{mark} {s.number}. {s.title}{state}")
    left_out = plan.left_out()
    if left_out is not None:
        rows.append(left_out.body)
        collector.citations += left_out.citations
    if plan.held:
        rows.append("Already behind you: " + join([lower_first(plan.title_of(s)) for s in plan.held]) + ".")
    return collector.done("\n".join(rows))


def render_move(kb: KnowledgeBase, plan: Plan, move: Move) -> list[Cited]:
    """The messages to send after a navigation move.

    A move onto a step shows that step's message (its details wait for "Tell me
    more"); a move that could not happen says why in one line and where they still are.
    """
    if move.outcome == "not_found":
        return [Cited("I couldn't tell which step you mean. Here is your plan:"), overview(kb, plan, move.progress)]
    if move.outcome == "not_in_plan":
        asked = next((s for s in kb.roadmap_steps() if s.key == move.asked), None)
        title = plan.title_of(asked) if asked else move.asked
        return [Cited(f'"{title}" isn\'t a step on your path, so you can skip it. {where(plan, move.progress)}')]
    done_note = _marked_note(plan, move)
    if move.outcome == "at_end":
        return [
            Cited(
                done_note + "That's the last step of your plan. What comes next: your timeline, or a talk "
                "with a person about your plan."
            )
        ]
    if move.outcome == "at_start":
        return [Cited(f"You're already at the first step. {where(plan, move.progress)}")]
    said: list[Cited] = []
    if move.outcome == "resumed":
        said.append(Cited("Welcome back! Here's where you left off."))
    if done_note:
        said.append(Cited(done_note + "Here's what comes next."))
    if move.current in plan.keys:
        said.append(render_step(kb, plan, move.current).main)
    return said


def _marked_note(plan: Plan, move: Move) -> str:
    """ "Great, I've marked step 2 (…) done." for a mark-done move, else ''."""
    steps = [s for s in plan.steps if s.key in move.marked]
    if not steps:
        return ""
    names = join([f"{s.number} ({lower_first(s.title)})" for s in steps])
    return f"Great, I've marked step{'s' if len(steps) > 1 else ''} {names} done. "
