"""A figure of the last reply, quoted back: which of its answers the message is about.

"38k?? thats less than i made driving" after Ohio's pay and the program's length, "250 dollars?? my
friend paid only 125" after the exam's format and fee, "2k per test is that per attempt": people
react to a number they just read. The words around it often belong to another topic (driving,
a friend, failing), so NLU and the cue words guess wrong; the number itself says which answer
they mean, because it is printed in that answer. Marked figures count (a price, a "k", "thousand", a
percentage, "dollars"); a bare number only when its sentence is little more than the number ("430
from how much?"): in a longer one ("the 720 hrs", "4 years") it is in too many answers, and asked
about too often, to point at one. A message that asks something new in a sentence of its
own ("ok and $4000 probably won't cover everything. what do programs cost out in california?")
asks that, whatever figure it quotes first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.understanding.cues import looks_like_question

#: A figure as people type it: "$38,280", "38k", "40 thousand", "250 dollars", "12%", "2 grand", "125".
_TYPED = re.compile(
    r"(?<![\w.,])(?P<dollar>\$)?\s?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?"
    r"(?:\s?(?P<k>k|grand|thousand)\b|\s?(?P<pct>%|percent\b)|\s?(?P<cur>dollars?|bucks|usd)\b)?",
    re.I,
)
#: Where a sentence ends: a question in a sentence of its own is a new question.
_SENTENCES = re.compile(r"(?<=[.!?])\s+")
#: "38k" quotes "$38,280": a figure in thousands matches an answer's figure within this much.
ROUNDING = 1000.0


#: A bare number quotes a printed one only in a sentence of at most this many words, which is little more than the
#: number ("430 from how much?" after the exam's passing score); in a longer one it is a count of their own ("can
#: my mbbs courses count towards the 720 hrs", "why would i pay 250 to some association").
BARE_NUMBER_WORDS = 4
#: Bare numbers that are no figure quoted: small counts, years ("from 2021?"), and numbers with a unit after them.
_NOT_A_FIGURE = re.compile(
    r"^\s*(hrs?|hours?|years?|yrs?|months?|weeks?|wks?|days?|questions?|points?|times?|ceu?s?)\b", re.I
)
SMALLEST_BARE = 100


def _bare_figure(m: re.Match[str], value: float, sentence: str) -> bool:
    """A bare number that quotes a printed figure: short sentence, not a year, not a count of a unit."""
    return (
        len(sentence.split()) <= BARE_NUMBER_WORDS
        and value >= SMALLEST_BARE
        and not (1900 <= value <= 2100 and not m["dec"])
        and not _NOT_A_FIGURE.match(sentence[m.end() :])
    )


def _figures(text: str, *, typed: bool) -> list[tuple[float, bool, bool]]:
    """(value, in thousands, a percentage) of each figure in `text`; for what people typed, marked figures and a
    bare number standing almost alone."""
    found = []
    for m in _TYPED.finditer(text):
        value = float(m["num"].replace(",", "") + (f".{m['dec']}" if m["dec"] else ""))
        thousands = bool(m["k"])
        if typed and not (m["dollar"] or m["k"] or m["pct"] or m["cur"]) and not _bare_figure(m, value, text):
            continue
        found.append((value * 1000 if thousands else value, thousands, bool(m["pct"])))
    return found


def _same(typed: tuple[float, bool, bool], printed: tuple[float, bool, bool]) -> bool:
    value, thousands, pct = typed
    if pct and not printed[2]:
        return False
    if thousands:
        return abs(value - printed[0]) < ROUNDING
    return value == printed[0]


def topic_quoted(text: str, said: Sequence[tuple[str, str]]) -> str | None:
    """The topic of the last reply's answer (`said`: topic and text) that prints a figure the message quotes; None
    when none does, when the figure is in answers of two topics (it points at neither), or when a sentence without
    a figure asks something."""
    typed = [f for sentence in _SENTENCES.split(text.strip()) for f in _figures(sentence, typed=True)]
    if not typed or any(not _figures(s, typed=True) and looks_like_question(s) for s in _SENTENCES.split(text.strip())):
        return None
    topics = {topic for topic, reply in said if any(_same(t, p) for t in typed for p in _figures(reply, typed=False))}
    if len(topics) != 1:
        return None
    return topics.pop()
