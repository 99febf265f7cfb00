"""A mistake in the content, said where an advisor can fix it: the file, the entry and the field."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: entry {self.entry}: field {self.field}: {self.message}"


@dataclass(frozen=True)
class Place:
    """An entry of a file, for checks that may find several problems in one entry."""

    file: str
    entry: str

    def problem(self, field: str, message: str) -> Problem:
        """The problem with `field` of this entry."""
        return Problem(self.file, self.entry, field, message)


class ContentError(Exception):
    """The content is not loadable; `problems` lists each mistake with its location."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("knowledge-base content has errors:\n" + "\n".join(f"  - {p}" for p in problems))
