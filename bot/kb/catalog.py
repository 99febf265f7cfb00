"""The content as a whole: which file holds which kind of record, and every record read with the file it came from."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.kb.records import (
    Accreditor,
    Body,
    Credential,
    Fact,
    Named,
    Phrase,
    RoadmapStep,
    Role,
    Source,
    Strict,
    Term,
    TimelinePart,
    Topic,
)

#: file name -> (top-level list name, record model). One file per kind keeps diffs readable;
#: a kind may span several files, and errors name the file an entry came from.
FILES: dict[str, tuple[str, type[Strict]]] = {
    "sources.yml": ("sources", Source),
    "facts.yml": ("facts", Fact),
    "bodies.yml": ("bodies", Body),
    "accreditors.yml": ("accreditors", Accreditor),
    "credentials.yml": ("credentials", Credential),
    "roles.yml": ("roles", Role),
    "roadmap.yml": ("roadmap_steps", RoadmapStep),
    "faq.yml": ("topics", Topic),
    # Credential-specific content has files of its own, so the two halves stay readable.
    "sources_credentials.yml": ("sources", Source),
    "facts_credentials.yml": ("facts", Fact),
    "faq_credentials.yml": ("topics", Topic),
    # Answers chosen by what a person said about themselves (bot.profile), not by an intent.
    "faq_profile.yml": ("topics", Topic),
    "states.yml": ("states", Term),
    "backgrounds.yml": ("backgrounds", Term),
    "program_types.yml": ("program_types", Term),
    "timeline.yml": ("timeline", TimelinePart),
    # Phrases only international medical graduates should read (bot.kb.checks.wording).
    "wording.yml": ("img_only_phrases", Phrase),
}
#: Each kind of record once, in the order of FILES (the order checks report in).
LIST_NAMES = tuple(dict.fromkeys(name for name, _ in FILES.values()))

#: Further files of a kind are found by their name: any "sources_*.yml", "facts_*.yml" or
#: "faq_*.yml" in the content folder is read as sources, facts or topics, so a new set of
#: topics is a new file and no code change. Errors name the file, as for the files above.
KIND_PREFIXES: dict[str, tuple[str, type[Strict]]] = {
    "sources_": ("sources", Source),
    "facts_": ("facts", Fact),
    "faq_": ("topics", Topic),
}


def content_files(content_dir: Path) -> dict[str, tuple[str, type[Strict]]]:
    """Every content file to read: FILES, then each other file of a kind in `content_dir`, by name."""
    found = dict(FILES)
    for prefix, kind in KIND_PREFIXES.items():
        for path in sorted(content_dir.glob(f"{prefix}*.yml")):
            found.setdefault(path.name, kind)
    return found


#: NLU entity type -> the file its entries live in (for error messages).
NAMED_FILES = {
    "credential": "credentials.yml",
    "certifying_body": "bodies.yml",
    "accreditor": "accreditors.yml",
    "role": "roles.yml",
    "us_state": "states.yml",
    "background": "backgrounds.yml",
    "program_type": "program_types.yml",
}


@dataclass
class Content:
    """Every record read, by kind, and the file each came from (which every problem names)."""

    sources: list[Source] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)
    accreditors: list[Accreditor] = field(default_factory=list)
    credentials: list[Credential] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    roadmap_steps: list[RoadmapStep] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    states: list[Term] = field(default_factory=list)
    backgrounds: list[Term] = field(default_factory=list)
    program_types: list[Term] = field(default_factory=list)
    timeline: list[TimelinePart] = field(default_factory=list)
    img_only_phrases: list[Phrase] = field(default_factory=list)
    fingerprint: str = ""
    #: id(record) -> the file it was read from, for error messages.
    origin: dict[int, str] = field(default_factory=dict)

    def add(self, file_name: str, list_name: str, records: Iterable[Strict]) -> None:
        """Add the records read from `file_name`, remembering where each came from."""
        kept: list[Strict] = getattr(self, list_name)
        for record in records:
            kept.append(record)
            self.origin[id(record)] = file_name

    def records(self, list_name: str) -> list[Any]:
        """The records of one kind (a name from LIST_NAMES), from every file of that kind."""
        found: list[Any] = getattr(self, list_name)
        return found

    def file_of(self, record: object) -> str:
        """The file `record` was read from, which every problem names."""
        return self.origin.get(id(record), "?")

    def named(self) -> Iterator[tuple[str, Named | Term]]:
        """Every entity users can name, with the entity type NLU tags it as."""
        for kind, items in (
            ("credential", self.credentials),
            ("certifying_body", self.bodies),
            ("accreditor", self.accreditors),
            ("role", self.roles),
            ("us_state", self.states),
            ("background", self.backgrounds),
            ("program_type", self.program_types),
        ):
            for item in items:
                yield kind, item
