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
#: A city between them, for a code in capitals: "in cherry hill NJ", "from Austin, TX".
_NOT_A_CITY = r"(?!(?:a|an|the|be|become|my|our|your|get|go|do|work|school|and|or|take|talk|see|start)\b)"
_PLACE_AND_CITY_BEFORE = re.compile(
    rf"\b(in|from|to|near|around|outside)\s+{_NOT_A_CITY}[A-Za-z][A-Za-z.']*(\s+{_NOT_A_CITY}[A-Za-z][A-Za-z.']*)?,?\s+$",
    re.IGNORECASE,
)
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
#: Mount, Saint and Fort before a name ("a family doctor in Mt. Lebanon", "in Ft Worth"): part of a city's name.
_NAME_ABBREVIATION = re.compile(r"^(?i:mt|ft|st)\.?\s+[A-Z]")


#: Cities people call by two letters ("n in la", "sf??"): named by the city, which the content's
#: aliases place in its state.
_CITIES = {"LA": "Los Angeles", "SF": "San Francisco"}
#: A message that is only such a city, after a word or two ("n in la", "and SF?", "sf??", "sf pay?").
_ONLY_A_CITY = re.compile(
    r"^\W*((and|n|&|what about|how about|ok|so)\W+)?((just|only) )?((pay|salary|wages?|jobs?) )?((in|for)\W+)?"
    r"((just|only) )?(la|sf)( (only|alone|itself|area|metro|specifically))?( (pay|salary|wages?|jobs?))?\W*$",
    re.I,
)


class CodePlace(NamedTuple):
    name: str
    start: int
    end: int


def _after_place(written: str, before: str) -> bool:
    """A word of place just before the code, or (for a code in capitals) a word of place and a city."""
    return bool(_PLACE_WORD_BEFORE.search(before)) or (
        written.isupper() and bool(_PLACE_AND_CITY_BEFORE.search(before))
    )


def might_name_a_code(text: str) -> bool:
    """A two-letter word after a word of place, or a city's two letters alone: worth looking the codes
    up (most messages have none)."""
    return bool(_ONLY_A_CITY.match(text)) or any(
        _after_place(m.group(1), text[: m.start()]) for m in _CODE.finditer(text)
    )


def states_by_code(text: str, codes: Mapping[str, str]) -> list[CodePlace]:
    """The states `text` names by postal code after a place word; `codes` maps "PA" to "Pennsylvania"."""
    found = []
    for match in _CODE.finditer(text):
        written, before = match.group(1), text[: match.start()]
        code = written.upper()
        if code in _CITIES and (_ONLY_A_CITY.match(text) or (written.isupper() and _after_place(written, before))):
            found.append(CodePlace(_CITIES[code], match.start(1), match.end(1)))  # "in LA": Los Angeles
            continue
        if code not in codes or code in _NEVER or not _after_place(written, before):
            continue
        if _FIELD_BEFORE.search(_PLACE_WORD_BEFORE.sub("", before)):
            continue
        if written != code and written.lower() in _WORDS:
            continue
        if written != code and _NAME_ABBREVIATION.match(text[match.start() :]):
            continue
        found.append(CodePlace(codes[code], match.start(1), match.end(1)))
    return found


#: The state someone leaves ("moving from tx to spokane", "from Ohio, moving to Florida") and the one
#: they go to ("starting a new job in cherry hill NJ"), in a message about a move.
_MOVING = re.compile(
    r"\b(mov(e|es|ed|ing)|relocat\w*|pcs\w*|transferr?(ing|ed)?|new job|stationed|head(ed|ing))\b", re.I
)
#: The nearest word of place within the last three words before a state, and whether it leaves or goes.
_LAST_PLACE_WORD = re.compile(r"\b(from|leaving|left|to|in)\s+(?:(?!(?:from|leaving|left|to|in)\s)\S+\s+){0,2}$", re.I)
_LEAVING_WORDS = frozenset({"from", "leaving", "left"})
#: "a new job in cherry hill NJ": "in" goes somewhere only after what is new there.
_NEW_THERE = re.compile(r"\bnew (job|position|role|clinic|office|place|home)\w* (in|at)\s+(\S+\s+){0,2}$", re.I)


#: A sentence that ends in a question mark.
_QUESTION_SENTENCE = re.compile(r"[^.!?\n]*\?")


def _asked_about(text: str, places: list[tuple[int, str]]) -> set[str]:
    """The states named in the message's last question, which asks about them whatever the story says."""
    questions = list(_QUESTION_SENTENCE.finditer(text))
    if not questions:
        return set()
    last = questions[-1]
    return {state for start, state in places if last.start() <= start < last.end()}


def where_they_go(text: str, places: list[tuple[int, str]]) -> set[str]:
    """Of the states a message about a move names (start offset, state), the ones left behind:
    "moving from tx to spokane, do i need something to work in washington" asks about Washington
    only. Empty when the message names no move, or nothing to leave behind."""
    states = {state for _, state in places}
    if len(states) < 2 or not _MOVING.search(text):
        return set()
    asked = _asked_about(text, places)
    if asked and asked != states:
        return states - asked  # "moving from buffalo to phoenix. first, can MAs give shots in NY?": New York
    words = {(start, state): _LAST_PLACE_WORD.search(text[:start]) for start, state in places}
    leaving = {state for (_, state), m in words.items() if m and m.group(1).lower() in _LEAVING_WORDS}
    going = {
        state
        for (start, state), m in words.items()
        if m and (m.group(1).lower() == "to" or _NEW_THERE.search(text[:start]))
    } - leaving
    if leaving and leaving != states:
        return leaving
    if going and going != states:
        return states - going
    return set()
