"""Timeline parts must time real steps with facts whose numbers the arithmetic can use."""

from __future__ import annotations

from collections.abc import Iterator

from bot.kb.catalog import Content
from bot.kb.checks.known import Known
from bot.kb.checks.references import unknown_backgrounds
from bot.kb.problems import Place, Problem


def part_problems(content: Content, known: Known) -> Iterator[Problem]:
    """Each part's step, backgrounds and facts exist, and a part without a default range says so."""
    for part in content.timeline:
        at = Place(content.file_of(part), repr(part.key))
        if part.step is not None and part.step not in known.steps:
            yield at.problem("step", f"unknown roadmap step {part.step!r}")
        yield from unknown_backgrounds(at, part.backgrounds, known)
        for field, chosen in (("ranges", part.ranges), ("early", part.early)):
            for selector, fact_key in chosen.items():
                yield from _fact_choice(at, f"{field}.{selector}", selector, fact_key, known)
        if "default" not in part.ranges and not part.no_range:
            message = "needed unless ranges has a default: say what to tell people it has no figure for"
            yield at.problem("no_range", message)


def _fact_choice(at: Place, field: str, selector: str, fact_key: str, known: Known) -> Iterator[Problem]:
    """A selector is "default", a program type or a credential; the fact it picks exists and has a range."""
    if selector not in known.selectors:
        yield at.problem(field, "not default, a program type or a credential")
    fact = known.facts.get(fact_key)
    if fact is None:
        yield at.problem(field, f"unknown fact {fact_key!r}")
    elif fact.range is None:
        yield at.problem(field, f"fact {fact_key!r} has no range to calculate with")
