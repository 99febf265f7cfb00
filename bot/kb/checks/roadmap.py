"""Roadmap steps and their notes may only name facts, sources, steps and kinds of people that exist."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from bot.kb.catalog import Content
from bot.kb.checks.known import Known
from bot.kb.checks.references import unknown_backgrounds, unknown_facts, unknown_source
from bot.kb.problems import Place, Problem
from bot.kb.records import RoadmapStep, StepNote
from bot.kb.text_rules import PLACEHOLDER

#: The fields of a step whose text people read, with `{fact:key}` placeholders filled in.
TEXT_FIELDS = ("what", "why", "duration", "tip", "mistake")


def step_problems(content: Content, known: Known) -> Iterator[Problem]:
    """Each step's problems together, in the order its fields are written."""
    owners = _alias_owners(content.roadmap_steps)
    for step in content.roadmap_steps:
        at = Place(content.file_of(step), repr(step.key))
        for field in TEXT_FIELDS:
            yield from unknown_facts(at, field, getattr(step, field), known)
        yield from unknown_backgrounds(at, step.backgrounds, known)
        yield from _links(step, at, known)
        yield from _taken_aliases(step, at, owners)
        for number, note in enumerate(step.notes, 1):
            yield from _note_problems(note, at, f"notes.{number}", known)


def _links(step: RoadmapStep, at: Place, known: Known) -> Iterator[Problem]:
    """Steps a step includes are other steps; its further sources exist."""
    for key in step.includes:
        if key not in known.steps or key == step.key:
            yield at.problem("includes", f"not another roadmap step: {key!r}")
    for key in step.also_sources:
        yield from unknown_source(at, "also_sources", key, known)


def _alias_owners(steps: Iterable[RoadmapStep]) -> dict[str, str]:
    """Lower-cased title or alias -> the first step that uses it; that step keeps it."""
    owners: dict[str, str] = {}
    for step in steps:
        for alias in [step.title, *step.aliases]:
            owners.setdefault(alias.lower(), step.key)
    return owners


def _taken_aliases(step: RoadmapStep, at: Place, owners: dict[str, str]) -> Iterator[Problem]:
    """ "Go to the externship step" must mean one step: a title or alias an earlier step uses is reported."""
    for alias in [step.title, *step.aliases]:
        owner = owners[alias.lower()]
        if owner != step.key:
            yield at.problem("aliases", f"{alias!r} already names step {owner!r}")


def _note_problems(note: StepNote, at: Place, where: str, known: Known) -> Iterator[Problem]:
    """A note's source and facts exist, the people it is for (credential, background, state) do too,
    and a note that replaces a step's title states no figure."""
    if note.source not in known.sources:
        yield at.problem(f"{where}.source", f"unknown source {note.source!r}")
    for field, value, keys in (
        ("credential", note.credential, known.credentials),
        ("background", note.background, known.backgrounds),
        ("state", note.state, known.states),
    ):
        if value is not None and value not in keys:
            yield at.problem(f"{where}.{field}", f"unknown {field} {value!r}")
    yield from unknown_facts(at, f"{where}.text", note.text, known)
    if note.part == "title" and PLACEHOLDER.search(note.text):
        # Titles are listed as they are (the plan's overview, "go to the … step"): no figures in them.
        yield at.problem(f"{where}.text", "a title note names the step: no {fact:…} placeholders")
