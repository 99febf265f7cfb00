"""Texting shorthand that looks like one of our names.

"money is really tight rn", "im a receptionist at a clinic rn": in texting, a lowercase
"rn" at the end of a clause means "right now", and read as the registered-nurse role it
turned a money question into a nurse comparison. A nurse is written "RN", or "rn" after
the words that introduce a role ("an rn", "become rn", "rn program"). Dollar signs written as a word
("and $$ difference?") are money.
"""

from __future__ import annotations

import re

#: Words before "rn" that make it the role: "an rn", "to become rn", "or rn", "vs rn".
ROLE_BEFORE = re.compile(
    r"\b(a|an|the|my|as|be|become|becoming|became|to|for|or|vs|versus|and|than|like|registered|an?other|"
    r"ma|lpn|cna|lvn|nurse|from|into|of)\W*$",
    re.IGNORECASE,
)
#: Words after "rn" that make it the role: "rn program", "rn pay", "rn vs ma", "rn and lpn" (not "rn
#: and im tired", where a new clause starts).
ROLE_AFTER = re.compile(
    r"^\W*(program|school|license|licence|degree|pay|pays|paid|salary|job|jobs|vs|or|bridge|nclex|nurse|make|makes|"
    r"earn|earns|and(?!\s+(i|im|i'm|i'?ve|my|it|its|we|they|he|she|u|you)\b)|work|level)\b",
    re.IGNORECASE,
)


#: "im a CNA rn at a nursing home": after one's own role, "rn" and then where or how is "right now".
#: "can i start working as ma rn and get certified later": the article may be left out.
OWN_ROLE_BEFORE = re.compile(r"\b(i'?m|im|i am|work as|working as) (an? )?(ma|lpn|cna|lvn)\W*$", re.IGNORECASE)
#: "im a senior rn graduating in may": a school year, "rn", then school: a student right now, no nurse.
SCHOOL_YEAR_BEFORE = re.compile(r"\b(senior|junior|sophomore|freshman)\W*$", re.IGNORECASE)
SCHOOL_AFTER = re.compile(r"^\W*(graduating|gradu?ate|in (high ?school|hs|school)|at \w+ (high|hs)\b)", re.IGNORECASE)
CLAUSE_GOES_ON = re.compile(
    r"^\W*(at|in|with|but|lol|tho|though|btw|making|and (i|im|i'm|my|get|then|later))\b|^\W*$", re.IGNORECASE
)


def means_right_now(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is a lowercase "rn" used as "right now", not the nurse."""
    if text[start:end] != "rn":
        return False
    if not re.search(r"\w", text[:start] + text[end:]):
        return False  # "rn?" on its own after a pay comparison: the nurse, the only thing it names
    if OWN_ROLE_BEFORE.search(text[:start]) and CLAUSE_GOES_ON.search(text[end:]):
        return True
    if SCHOOL_YEAR_BEFORE.search(text[:start]) and SCHOOL_AFTER.search(text[end:]):
        return True
    return not ROLE_BEFORE.search(text[:start]) and not ROLE_AFTER.search(text[end:])


RN = re.compile(r"\brn\b")


def spelled_out(text: str) -> str:
    """The text with each "rn" that means "right now" written out, so that words matched against a
    topic's cues ("can i start working as ma rn and get certified later") do not read a nurse in it."""
    text = MONEY_SIGNS.sub("money", text)  # "and $$ difference?": the pay difference
    return RN.sub(lambda m: "right now" if means_right_now(text, m.start(), m.end()) else m.group(), text)


#: Dollar signs as a word ("and $$ difference?", "is it good $$$"), not an amount ("$125").
MONEY_SIGNS = re.compile(r"(?<![\w$])\${2,}(?![\d$])")
