"""A state named by its postal code where the words around it make it a place ("here in PA",
"what about in VA?", "I moved from OH").

The entity ruler never matches bare codes: PA is also a physician assistant and MA a medical
assistant, IN, OR, ME and OK are English words, and "pa", "va" and "la" everyday Spanish. After a
word of place, though, a code in capitals is a state, and so is a lower-case one that is no word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

#: A two-letter word ("PA?", "PA,", not "PAs" or "PA-C") that no role word follows ("PA school").
_CODE = re.compile(r"\b([A-Za-z]{2})\b(?![’'\w-])(?!\s+(?:school|programs?|students?|degrees?)\b)")
#: The word of place just before it.
_PLACE_WORD_BEFORE = re.compile(r"\b(in|from|to|near|around|outside|about|of|across)\s+$", re.I)
#: Where "in" is a field, not a place: "interested in PA", "a career in PA", "a degree in MA".
_FIELD_BEFORE = re.compile(
    r"\b(interest(ed)?|careers?|degrees?|major(ed)?|bachelor'?s|master'?s|stud(y|ies|ying))\s*$", re.I
)
#: Codes that are English or Spanish words after "in" ("in or out", "in me", "in la casa"): a place
#: only when written in capitals.
_WORDS = frozenset({"in", "or", "me", "hi", "oh", "ok", "id", "de", "la", "al", "co", "mi", "ms", "mo", "ne"})
#: Never a place by code: MA is a medical assistant far more often than Massachusetts (which people
#: name, or call Boston), and "in LA" is Los Angeles, not Louisiana.
_NEVER = frozenset({"MA", "LA"})


class CodePlace(NamedTuple):
    name: str
    start: int
    end: int


def might_name_a_code(text: str) -> bool:
    """A two-letter word after a word of place: worth looking the codes up (most messages have none)."""
    return any(_PLACE_WORD_BEFORE.search(text[: m.start()]) for m in _CODE.finditer(text))


def states_by_code(text: str, codes: Mapping[str, str]) -> list[CodePlace]:
    """The states `text` names by postal code after a place word; `codes` maps "PA" to "Pennsylvania"."""
    found = []
    for match in _CODE.finditer(text):
        written, before = match.group(1), text[: match.start()]
        code = written.upper()
        if code not in codes or code in _NEVER or not _PLACE_WORD_BEFORE.search(before):
            continue
        if _FIELD_BEFORE.search(_PLACE_WORD_BEFORE.sub("", before)):
            continue
        if written != code and written.lower() in _WORDS:
            continue
        found.append(CodePlace(codes[code], match.start(1), match.end(1)))
    return found
