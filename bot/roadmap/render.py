"""What a person reads for a step, for "where am I?" and for the whole plan.

A step is one short message: what to do, how long, the facts for their credential
and state, and, where it matters, whether they can sit the exam now. It stays within
120 words and ends with one source line. The rest (why it matters, one tip, one
common mistake, advice for their background or goal) waits behind "Tell me more",
in a message of its own with its own source line. A line that would take the
step's message past the limit moves to the details rather than being cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.citing import Citation, Cited, as_of, unique
from bot.kb import schema
from bot.kb.queries import KnowledgeBase
from bot.roadmap import notes, standing
from bot.roadmap.navigate import Move
from bot.roadmap.plan import Plan, join, lower_first
from bot.roadmap.progress import Progress

#: Each message of a step stays within this many words, not counting its source line.
MAX_STEP_WORDS = 120


@dataclass(frozen=True)
class RenderedStep:
    key: str
    number: int
    total: int
    heading: str  # "Step 2 of 6: Enroll in an accredited medical assisting program"
    main: Cited  # the step's message
    details: Cited  # what "Tell me more" shows

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


@dataclass(frozen=True)
class _Line:
    """One line of a step, with what backs it; `keep` orders which lines stay when space runs out."""

    text: str
    citations: tuple[Citation | tuple[str, str | None], ...]
    fact_keys: tuple[str, ...] = ()
    keep: int = 9  # higher stays longer in the step's message; 9: never moves

    @property
    def words(self) -> int:
        return len(self.text.split())


class _Lines:
    """Builds the lines of one step, each filled and cited on its own so it can move between messages."""

    def __init__(self, kb: KnowledgeBase, step: schema.RoadmapStep, audience: notes.Audience):
        self.kb = kb
        self.step = step
        self.audience = audience
        self.own: tuple[tuple[str, str | None], ...] = (
            (step.source, as_of(step)),
            *((source, None) for source in step.also_sources or []),
        )

    def field(self, label: str, part: str, keep: int = 9) -> _Line:
        """ "What to do: …": the step's field, or the note that replaces it for this person."""
        note = notes.replacement(self.step, self.audience, part)
        if note is not None:
            return self.text(f"{label}: {note['text']}", ((note["source"], as_of(note)),), keep)
        return self.text(f"{label}: {getattr(self.step, part)}", self.own, keep)

    def note(self, note: notes.Note, keep: int = 9) -> _Line:
        return self.text(str(note["text"]), ((note["source"], as_of(note)),), keep)

    def text(self, text: str, cited: Sequence[Citation | tuple[str, str | None]], keep: int = 9) -> _Line:
        filled = self.kb.fill(text)
        return _Line(filled.body, (*cited, *filled.citations), filled.fact_keys, keep)


def _message(kb: KnowledgeBase, lines: list[_Line]) -> Cited:
    collector = _Collector(kb)
    for line in lines:
        collector.citations += line.citations
        collector.fact_keys += line.fact_keys
    return collector.done("\n".join(line.text for line in lines))


def _split(main: list[_Line], details: list[_Line], limit: int = MAX_STEP_WORDS) -> tuple[list[_Line], list[_Line]]:
    """The step's message and its details, each within `limit` words where the lines allow.

    Lines the message has no room for move to the details, least kept first; when the
    details are then too long, their most movable lines come into the message while it
    has room. Each message keeps the order the lines were written in.
    """
    order = {id(line): n for n, line in enumerate([*main, *details])}
    shown, more = list(main), list(details)

    def words(lines: list[_Line]) -> int:
        return sum(line.words for line in lines)

    while words(shown) > limit:
        movable = [line for line in shown if line.keep < 9]
        if not movable:
            break
        out = min(movable, key=lambda line: line.keep)
        shown.remove(out)
        more.append(out)
    while words(more) > limit:
        room = [line for line in more if line.keep < 9 and words(shown) + line.words <= limit]
        if not room:
            break
        back = max(room, key=lambda line: line.keep)
        more.remove(back)
        shown.append(back)
    shown.sort(key=lambda line: order[id(line)])
    more = more[:1] + sorted(more[1:], key=lambda line: order[id(line)])  # its heading stays first
    return shown, more


def render_step(kb: KnowledgeBase, plan: Plan, key: str) -> RenderedStep:
    """The step's message and its details for step `key` of `plan`, fitted to the person."""
    planned = plan.get(key)
    if planned is None:
        raise KeyError(f"step {key!r} is not on this plan")
    step = planned.step
    audience = plan.audience
    fitting = notes.fitting(step, audience)
    build = _Lines(kb, step, audience)
    heading = f"Step {planned.number} of {len(plan)}: {planned.title}"
    main, details = _split(
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
    return RenderedStep(key, planned.number, len(plan), heading, _message(kb, main), _message(kb, details))


def render_details(kb: KnowledgeBase, plan: Plan, key: str) -> Cited:
    """What "Tell me more" shows for step `key`."""
    return render_step(kb, plan, key).details


def _eligibility_lines(plan: Plan, key: str, build: _Lines) -> list[_Line]:
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
    lines = [f"Your roadmap to the {plan.target.abbreviation}" + (f" ({who}):" if who else ":")]
    collector = _Collector(kb)
    if plan.reason is not None:
        lines.append(plan.reason.body + " Tell me if you'd rather aim for another credential.")
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
        lines.append(f"{mark} {s.number}. {s.title}{state}")
    left_out = plan.left_out()
    if left_out is not None:
        lines.append(left_out.body)
        collector.citations += left_out.citations
    if plan.held:
        lines.append("Already behind you: " + join([lower_first(plan.title_of(s)) for s in plan.held]) + ".")
    return collector.done("\n".join(lines))


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
