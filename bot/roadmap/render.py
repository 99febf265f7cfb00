"""What a person reads for a step, for "where am I?" and for the whole plan.

A step is two short messages: the main one (what to do, why, how long, and the
facts for their credential) and the details (one tip, one common mistake, advice
for their background or goal). Each stays within about 120 words and ends with a
source line naming every source of what it says, with the year of each figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.citing import Citation, Cited, as_of, unique
from bot.kb.queries import KnowledgeBase
from bot.roadmap.navigate import Move
from bot.roadmap.plan import Plan
from bot.roadmap.progress import Progress

#: Each message of a step stays within this many words, not counting its source line.
MAX_STEP_WORDS = 120


@dataclass(frozen=True)
class RenderedStep:
    key: str
    number: int
    total: int
    heading: str  # "Step 2 of 6: Enroll in an accredited medical assisting program"
    main: Cited
    details: Cited

    @property
    def text(self) -> str:
        return self.main.text

    @property
    def citations(self) -> tuple[Citation, ...]:
        return unique([*self.main.citations, *self.details.citations])


class _Collector:
    """Fills placeholders and gathers citations and fact keys for one message."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        #: Citations, or (source key, year) pairs still to look up: all looked up in one query when done.
        self.citations: list[Citation | tuple[str, str | None]] = []
        self.fact_keys: list[str] = []

    def fill(self, text: str) -> str:
        filled = self.kb.fill(text)
        self.citations += filled.citations
        self.fact_keys += filled.fact_keys
        return filled.body

    def cite(self, source: str, when: str | None) -> None:
        self.citations.append((source, when))

    def done(self, body: str) -> Cited:
        looked_up = iter(self.kb.cite_many(c for c in self.citations if not isinstance(c, Citation)))
        citations = [c if isinstance(c, Citation) else next(looked_up) for c in self.citations]
        return Cited(body, unique(citations), tuple(dict.fromkeys(self.fact_keys)))


def _fits(note: dict, plan: Plan) -> bool:
    p = plan.profile
    wanted = {"credential": plan.credential, "background": p.background, "goal": p.goal, "state": p.state}
    return all(note.get(k) is None or note.get(k) == v for k, v in wanted.items())


def render_step(kb: KnowledgeBase, plan: Plan, key: str) -> RenderedStep:
    """The two messages for step `key` of `plan`, fitted to the person's credential and background."""
    planned = plan.get(key)
    if planned is None:
        raise KeyError(f"step {key!r} is not on this plan")
    step = planned.step
    notes = [n for n in step.notes or [] if _fits(n, plan)]
    heading = f"Step {planned.number} of {len(plan)}: {step.title}"

    main = _Collector(kb)
    main.cite(step.source, as_of(step))
    lines = [
        heading,
        f"What to do: {main.fill(step.what)}",
        f"Why it matters: {main.fill(step.why)}",
        f"How long: {main.fill(step.duration)}",
    ]
    for note in notes:
        if note.get("part") == "main":
            lines.append(main.fill(note["text"]))
            main.cite(note["source"], as_of(note))
    if key == "experience_check":
        lines += _eligibility_lines(plan, main)

    details = _Collector(kb)
    tip = next((n for n in notes if n.get("part") == "tip"), None)
    mistake = next((n for n in notes if n.get("part") == "mistake"), None)
    extra: list[str] = []
    for label, override, default in (("Tip", tip, step.tip), ("Common mistake", mistake, step.mistake)):
        if override:
            extra.append(f"{label}: {details.fill(override['text'])}")
            details.cite(override["source"], as_of(override))
        else:
            extra.append(f"{label}: {details.fill(default)}")
            details.cite(step.source, as_of(step))
            for source in step.also_sources or []:
                details.cite(source, None)
    for note in notes:
        if note.get("part") == "details":
            extra.append(details.fill(note["text"]))
            details.cite(note["source"], as_of(note))
    for source in step.also_sources or []:
        main.cite(source, None)
    return RenderedStep(
        key, planned.number, len(plan), heading, main.done("\n".join(lines)), details.done("\n".join(extra))
    )


def _eligibility_lines(plan: Plan, main: _Collector) -> list[str]:
    """On the experience check, their own answer: can they sit for their credential now?"""
    result = plan.eligibility.result(plan.credential)
    if result is None:
        return []
    main.citations += result.citations
    lines = [f"For you: {result.text}"]
    others = [r.abbreviation for r in plan.eligibility.results if r.eligible and r.credential != plan.credential]
    if others:
        lines.append("Already open to you: " + _join([f"the {a}" for a in others]) + ".")
    return lines


def _recommendation_line(plan: Plan) -> str:
    because = ", because you can sit for it now" if plan.eligible_now else ""
    return (
        f"I planned this for the {plan.target.abbreviation}{because}; "
        "tell me if you'd rather aim for another credential."
    )


def where(plan: Plan, progress: Progress) -> str:
    """ "Which step am I on?" in one or two sentences."""
    planned = plan.get(progress.current)
    if planned is None:
        return "We haven't started your roadmap yet. Say \"start\" and I'll take you through it step by step."
    done = [s.number for s in plan.steps if s.key in progress.done]
    text = f"You're on step {planned.number} of {len(plan)}: {planned.title}."
    if done:
        text += " Done so far: step" + ("s " if len(done) > 1 else " ") + _join([str(n) for n in done]) + "."
    return text


def overview(kb: KnowledgeBase, plan: Plan, progress: Progress) -> Cited:
    """The whole plan as a compact checklist: done, you are here, next."""
    current = plan.index(progress.current)
    who = kb.display_name("background", plan.profile.background) if plan.profile.background else None
    lines = [f"Your roadmap to the {plan.target.abbreviation}" + (f" ({who}):" if who else ":")]
    if plan.recommended:
        lines.append(_recommendation_line(plan))
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
        lines.append(f"{mark} {s.number}. {s.title}{state}")
    if plan.skipped:
        lines.append(
            "Left out, because you can already sit for the exam: "
            + _join([s.title[0].lower() + s.title[1:] for s in plan.skipped])
            + "."
        )
    collector = _Collector(kb)
    if plan.skipped:
        collector.citations += plan.target.citations
    return collector.done("\n".join(lines))


def render_move(kb: KnowledgeBase, plan: Plan, move: Move) -> list[Cited]:
    """The messages to send after a navigation move.

    A move onto a step shows that step (main message, then details); a move that
    could not happen says why in one line and where they still are.
    """
    if move.outcome == "not_found":
        return [Cited("I couldn't tell which step you mean. Here is your plan:"), overview(kb, plan, move.progress)]
    if move.outcome == "not_in_plan":
        asked = next((s for s in kb.roadmap_steps() if s.key == move.asked), None)
        title = asked.title if asked else move.asked
        return [Cited(f'"{title}" isn\'t a step on your path, so you can skip it. {where(plan, move.progress)}')]
    done_note = _marked_note(plan, move)
    if move.outcome == "at_end":
        return [
            Cited(
                done_note + 'That\'s the last step of your plan. Say "show me the whole plan" to '
                "review it, or ask me anything about it."
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
        step = render_step(kb, plan, move.current)
        said += [step.main, step.details]
    return said


def _marked_note(plan: Plan, move: Move) -> str:
    """ "Great, I've marked step 2 (…) done." for a mark-done move, else ''."""
    steps = [s for s in plan.steps if s.key in move.marked]
    if not steps:
        return ""
    names = _join([f"{s.number} ({s.title[0].lower()}{s.title[1:]})" for s in steps])
    return f"Great, I've marked step{'s' if len(steps) > 1 else ''} {names} done. "


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
