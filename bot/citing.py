"""Citing: how every figure the bot states names its source and its year.

One home for the pieces every feature uses to cite: a `Citation`, the "as of"
label of a sourced knowledge-base row, the source line under a message, and
`Cited`, a message together with what backs it. Plain Python, no database: the
knowledge base builds citations, the features put them under what they say.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class Citation:
    """One source of one statement, as a person reads it in the source line."""

    label: str
    when: str | None  # "2021 data", "May 2024": None for undated claims
    tier: str
    confirm_with: str | None


class Sourced(Protocol):
    """A knowledge-base row that carries the year its figure describes."""

    as_of: Any
    as_of_label: Any


def as_of(row: Sourced | Mapping[str, Any]) -> str:
    """The year a sourced row describes as it is cited: its label ("May 2024") if it has one, else the year.

    Roadmap notes are stored as plain dicts, so a mapping with the same keys works too.
    """
    if isinstance(row, Mapping):
        return row.get("as_of_label") or str(row["as_of"])
    return row.as_of_label or str(row.as_of)


def source_line(citations: Iterable[Citation]) -> str:
    """One line naming each source once, with the years of the figures taken from it.

    e.g. "Sources: BLS, quoted by career sites (May 2024 data; 2024–34 projection;
    as reported, confirm with bls.gov); IMG-to-CMA career guide."
    """
    grouped: dict[Citation, list[str]] = {}
    for c in citations:
        key = Citation(c.label, None, c.tier, c.confirm_with)
        whens = grouped.setdefault(key, [])
        if c.when and c.when not in whens:
            whens.append(c.when)
    parts = []
    for source, whens in grouped.items():
        # "retrieved 2026" adds nothing next to "policy since 2010, retrieved 2026"
        notes = [w for w in whens if not any(w != other and w in other for other in whens)]
        if source.tier == "secondary":
            notes.append(f"as reported, confirm with {source.confirm_with}")
        parts.append(f"{source.label} ({'; '.join(notes)})" if notes else source.label)
    if not parts:
        return ""
    return ("Source: " if len(parts) == 1 else "Sources: ") + "; ".join(parts) + "."


def with_source_line(text: str, citations: Iterable[Citation]) -> str:
    """`text` as a person reads it: followed by its source line, if it cites anything."""
    line = source_line(citations)
    return f"{text}\n\n{line}" if line else text


def unique(citations: Iterable[Citation]) -> tuple[Citation, ...]:
    """Each citation once, in the order first cited: the source line lists them in that order."""
    return tuple(dict.fromkeys(citations))


@dataclass(frozen=True)
class Cited:
    """A message and what backs it: `body` is what it says, `text` adds the source line.

    `fact_keys` names the knowledge-base facts whose figures the body states, so a
    test can check that every figure in it is one of theirs.
    """

    body: str
    citations: tuple[Citation, ...] = ()
    fact_keys: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return with_source_line(self.body, self.citations)

    @property
    def words(self) -> int:
        """Length of what it says, not counting the source line."""
        return len(self.body.split())
