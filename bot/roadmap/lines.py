"""A roadmap step's lines, each with what backs it, fitted into two messages within the word limit.

Every line is filled (its `{fact:key}` placeholders) and cited on its own, so it
can move between the step's message and its details without losing a source: a
line the message has no room for moves to the details, least needed first, and
when the details are then too long, their most movable lines come back while the
message has room. Each message then gathers the sources of the lines it holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.citing import Citation, Cited, as_of, unique
from bot.kb import schema
from bot.kb.queries import KnowledgeBase
from bot.roadmap import notes

#: Each message of a step stays within this many words, not counting its source line.
MAX_STEP_WORDS = 120
#: `keep` of a line that never moves (a heading, what to do, the person's own verdict).
STAYS = 9

Cite = Citation | tuple[str, str | None]  # a citation, or a (source key, year) pair to look up


class Collector:
    """Gathers the citations and fact keys of one message, looking up the sources in one query."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        #: Citations, or (source key, year) pairs still to look up: all looked up in one query when done.
        self.citations: list[Cite] = []
        self.fact_keys: list[str] = []

    def done(self, body: str) -> Cited:
        looked_up = iter(self.kb.cite_many(c for c in self.citations if not isinstance(c, Citation)))
        citations = [c if isinstance(c, Citation) else next(looked_up) for c in self.citations]
        return Cited(body, unique(citations), tuple(dict.fromkeys(self.fact_keys)))


@dataclass(frozen=True)
class Line:
    """One line of a step, with what backs it; `keep` orders which lines stay when space runs out."""

    text: str
    citations: tuple[Cite, ...]
    fact_keys: tuple[str, ...] = ()
    keep: int = STAYS  # higher stays longer in the step's message

    @property
    def words(self) -> int:
        return len(self.text.split())


class StepLines:
    """Builds the lines of one step, each filled and cited on its own so it can move between messages."""

    def __init__(self, kb: KnowledgeBase, step: schema.RoadmapStep, audience: notes.Audience):
        self.kb = kb
        self.step = step
        self.audience = audience
        self.own: tuple[tuple[str, str | None], ...] = (
            (step.source, as_of(step)),
            *((source, None) for source in step.also_sources or []),
        )

    def field(self, label: str, part: str, keep: int = STAYS) -> Line:
        """ "What to do: …": the step's field, or the note that replaces it for this person."""
        note = notes.replacement(self.step, self.audience, part)
        if note is not None:
            return self.text(f"{label}: {note['text']}", ((note["source"], as_of(note)),), keep)
        return self.text(f"{label}: {getattr(self.step, part)}", self.own, keep)

    def note(self, note: notes.Note, keep: int = STAYS) -> Line:
        return self.text(str(note["text"]), ((note["source"], as_of(note)),), keep)

    def text(self, text: str, cited: Sequence[Cite], keep: int = STAYS) -> Line:
        filled = self.kb.fill(text)
        return Line(filled.body, (*cited, *filled.citations), filled.fact_keys, keep)


def message(kb: KnowledgeBase, lines: list[Line]) -> Cited:
    """The lines as one message, with every source they carry."""
    collector = Collector(kb)
    for line in lines:
        collector.citations += line.citations
        collector.fact_keys += line.fact_keys
    return collector.done("\n".join(line.text for line in lines))


def split(main: list[Line], details: list[Line], limit: int = MAX_STEP_WORDS) -> tuple[list[Line], list[Line]]:
    """The step's message and its details, each within `limit` words where the lines allow.

    Lines the message has no room for move to the details, least kept first; when the
    details are then too long, their most movable lines come into the message while it
    has room. Each message keeps the order the lines were written in.
    """
    order = {id(line): n for n, line in enumerate([*main, *details])}
    shown, more = list(main), list(details)

    def words(lines: list[Line]) -> int:
        return sum(line.words for line in lines)

    while words(shown) > limit:
        movable = [line for line in shown if line.keep < STAYS]
        if not movable:
            break
        out = min(movable, key=lambda line: line.keep)
        shown.remove(out)
        more.append(out)
    while words(more) > limit:
        room = [line for line in more if line.keep < STAYS and words(shown) + line.words <= limit]
        if not room:
            break
        back = max(room, key=lambda line: line.keep)
        more.remove(back)
        shown.append(back)
    shown.sort(key=lambda line: order[id(line)])
    more = more[:1] + sorted(more[1:], key=lambda line: order[id(line)])  # its heading stays first
    return shown, more
