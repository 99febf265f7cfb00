"""When the bot is unsure, its best guesses as buttons instead of a generic menu.

NLU's ranking still says what it leaned toward when it gave up ("torn between the
exam fee and the exam format"). Offering those two or three topics, by their
plain-language titles and keeping what the person named, turns a dead end into one
click; "Something else" leads to a person.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

#: A guess below this confidence is noise.
MIN_GUESS_CONFIDENCE = 0.12
MAX_GUESSES = 3
SOMETHING_ELSE = {"title": "Something else (talk to a person)", "payload": "/request_human"}


def best_guesses(ranking: Sequence[dict[str, Any]], askable: Callable[[str], bool]) -> list[str]:
    """The intents worth offering, most likely first: askable ones above the noise floor."""
    out = []
    for entry in ranking:
        name, confidence = entry.get("name"), entry.get("confidence") or 0.0
        if isinstance(name, str) and confidence >= MIN_GUESS_CONFIDENCE and askable(name) and name not in out:
            out.append(name)
    return out[:MAX_GUESSES]


def payload(intent: str, entities: Sequence[tuple[str, str]]) -> str:
    """A button payload that asks `intent` about what the person named (first of each kind)."""
    named: dict[str, str] = {}
    for kind, value in entities:
        named.setdefault(kind, value)
    return f"/{intent}{json.dumps(named, ensure_ascii=False, separators=(',', ':'))}" if named else f"/{intent}"


def guess_buttons(
    guesses: Sequence[str], title_of: Callable[[str], str | None], entities: Sequence[tuple[str, str]]
) -> list[dict[str, str]]:
    """One button per guess with a title, then "Something else"."""
    buttons = []
    for intent in guesses:
        title = title_of(intent)
        if title:
            buttons.append({"title": title, "payload": payload(intent, entities)})
    return buttons + [SOMETHING_ELSE] if buttons else []
