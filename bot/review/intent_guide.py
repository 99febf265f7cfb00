"""What each intent means, in plain language, for advisors who correct the bot.

docs/intents.md is the contract every data set is written from; its tables give each
intent a description ("the person asks… whether they need the USMLE") and a boundary,
and its last table two example messages. Read here so the console's intent picker shows
an advisor words and examples instead of 60 raw names, from the one place they are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.settings import PROJECT_ROOT

INTENTS_DOC = PROJECT_ROOT / "docs" / "intents.md"
_NAME = re.compile(r"^`([a-z_]+)`$")
#: Past this many characters a picker's line is cut at a word (the guide page has it whole).
LABEL_WIDTH = 70


@dataclass(frozen=True)
class IntentGuide:
    name: str
    section: str  # the heading it is listed under, e.g. "The guided roadmap"
    description: str  # a sentence: "Asks whether they need the USMLE ..."
    boundary: str  # where it ends and a neighbour begins ("" when the doc says nothing)
    examples: tuple[str, ...]

    @property
    def label(self) -> str:
        """One line for a picker: the description, shortened, and the first example."""
        words = self.description
        if len(words) > LABEL_WIDTH:
            words = words[: words.rfind(" ", 0, LABEL_WIDTH)].rstrip(" ,:;(") + "…"
        example = f" — “{self.examples[0]}”" if self.examples else ""
        return f"{words}{example}"


def plain(markdown: str) -> str:
    """A table cell as text: no backticks, bold or escaped pipes."""
    return " ".join(markdown.replace("**", "").replace("`", "").replace("\\|", "|").split())


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip().strip("|"))]


def _sentence(lead: str, text: str) -> str:
    """'the person asks…' + 'whether ...' -> 'Asks whether ...'; 'the person…' + 'says hello' -> 'Says hello'."""
    verb = lead.removeprefix("the person").strip(" ….").strip()
    words = f"{verb} {text}".strip() if verb else text
    return words[:1].upper() + words[1:]


def parse(text: str) -> dict[str, IntentGuide]:
    """Every intent the document describes, in its order, with the examples of its example table."""
    descriptions: dict[str, tuple[str, str, str]] = {}
    examples: dict[str, tuple[str, ...]] = {}
    section, header = "", list[str]()
    for line in text.splitlines():
        if line.startswith("## "):
            section, header = line[3:].strip(), []
            continue
        if not line.startswith("|"):
            header = []
            continue
        cells = _cells(line)
        if not header:
            header = [c.lower() for c in cells]
            continue
        match = _NAME.match(cells[0])
        if header[0] != "intent" or not match or set(line) <= set("|-: "):
            continue
        name = match.group(1)
        if header[1:3] == ["example", "example"]:
            examples[name] = tuple(plain(c) for c in cells[1:] if plain(c))
        elif len(cells) >= 2:
            boundary = plain(cells[2]) if len(cells) > 2 else ""
            descriptions[name] = (section, _sentence(header[1], plain(cells[1])), boundary)
    return {
        name: IntentGuide(name, section, description, boundary, examples.get(name, ()))
        for name, (section, description, boundary) in descriptions.items()
    }


@lru_cache(maxsize=2)
def _load(path: Path, mtime: float) -> dict[str, IntentGuide]:
    return parse(path.read_text(encoding="utf-8"))


def intent_guides(path: Path = INTENTS_DOC) -> dict[str, IntentGuide]:
    """docs/intents.md's intents by name (re-read when the file changes; empty when it is missing)."""
    try:
        return _load(path, path.stat().st_mtime)
    except FileNotFoundError:
        return {}


def guide_for(name: str, path: Path = INTENTS_DOC) -> IntentGuide:
    """The guide of one intent; an intent the document lacks is shown by its name alone."""
    return intent_guides(path).get(name) or IntentGuide(name, "Other", name.replace("_", " "), "", ())
