"""What exists in the content, for checks that ask whether a reference points at something real."""

from __future__ import annotations

from functools import cached_property

from bot.kb.catalog import NAMED_FILES, Content
from bot.kb.records import Fact, Topic


class Known:
    """Keys of the content by kind, each worked out once when a check first asks."""

    def __init__(self, content: Content):
        self.content = content

    @cached_property
    def sources(self) -> set[str]:
        return {s.key for s in self.content.sources}

    @cached_property
    def facts(self) -> dict[str, Fact]:
        return {f.key: f for f in self.content.facts}

    @cached_property
    def bodies(self) -> set[str]:
        return {b.key for b in self.content.bodies}

    @cached_property
    def credentials(self) -> set[str]:
        return {c.key for c in self.content.credentials}

    @cached_property
    def backgrounds(self) -> set[str]:
        return {b.key for b in self.content.backgrounds}

    @cached_property
    def states(self) -> set[str]:
        return {s.key for s in self.content.states}

    @cached_property
    def steps(self) -> set[str]:
        return {s.key for s in self.content.roadmap_steps}

    @cached_property
    def subjects(self) -> set[str]:
        """What a fact may be about: a body, credential, accreditor or role, or "general"."""
        content = self.content
        return (
            {"general"}
            | self.bodies
            | self.credentials
            | {a.key for a in content.accreditors}
            | {r.key for r in content.roles}
        )

    @cached_property
    def selectors(self) -> set[str]:
        """How a timeline part picks its fact for a person: "default", a program type or a credential."""
        return {"default"} | {p.key for p in self.content.program_types} | self.credentials

    @cached_property
    def topic_of(self) -> dict[str, Topic]:
        """intent -> the topic it is routed to (the last one read, if a mistake routes it twice)."""
        return {i: t for t in self.content.topics for i in t.intents}

    @cached_property
    def entity_keys(self) -> set[str]:
        return {item.key for _, item in self.content.named()}

    @cached_property
    def entity_kinds(self) -> set[str]:
        return set(NAMED_FILES)
