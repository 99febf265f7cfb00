"""The inbox: what went wrong, grouped by what people said, the most frequent and recent first.

A message lands here when the bot answered it with the fallback ("Sorry, I'm not sure I
understood that"), read it as out of scope, understood it below the low-confidence
threshold, or was torn between its two best guesses (a small margin in NLU's intent
ranking, read from the tracker's parse data). The person's own "this didn't help"
(the `feedback_unhelpful` intent) points at an answer: the one the widget's control was
under (its `metadata.feedback_on`), or, typed, the answer before it; the entry is the
message that got that answer.

Answers to a form's questions (a name, an email address, "Texas") are never here: the
form reads them whatever NLU made of them. Messages are grouped as the dashboard
groups them (case, spacing and end punctuation aside); each group keeps its
occurrences, newest first, so one click opens the turn in its conversation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.review.logs import FALLBACK_INTENT, ConversationLog, Filters, UserMessage
from bot.review.privacy import mask

FEEDBACK_INTENT = "feedback_unhelpful"
OUT_OF_SCOPE_INTENT = "out_of_scope"
#: Why a message is in the inbox, in the order the page lists them.
REASONS = ("unhelpful", "fallback", "out_of_scope", "low_confidence", "small_margin")
REASON_LABELS = {
    "unhelpful": "didn't help",
    "fallback": "fallback",
    "out_of_scope": "out of scope",
    "low_confidence": "low confidence",
    "small_margin": "torn between two",
}
#: NLU's best guess led its runner-up by less than this: it was close to choosing the other.
#: The fallback classifier already gives up below 0.1 (config.yml, ambiguity_threshold).
SMALL_MARGIN = 0.2
SORTS = ("frequent", "recent")


@dataclass(frozen=True)
class Occurrence:
    """One time it happened: where to open it (the turn's event id) and why it is here."""

    sender_id: str
    event_id: int  # the turn to open: the message, or for "didn't help" the answer it was about
    timestamp: dt.datetime
    channel: str
    reasons: frozenset[str]
    intent: str | None
    confidence: float | None


@dataclass(frozen=True)
class Entry:
    """Every occurrence of one message (masked), newest first."""

    text: str
    occurrences: tuple[Occurrence, ...]

    @property
    def count(self) -> int:
        return len(self.occurrences)

    @property
    def last_at(self) -> dt.datetime:
        return self.occurrences[0].timestamp

    @property
    def latest(self) -> Occurrence:
        return self.occurrences[0]

    @property
    def conversations(self) -> int:
        return len({o.sender_id for o in self.occurrences})

    @property
    def reasons(self) -> list[tuple[str, int]]:
        """(reason, how many occurrences have it), in REASONS order."""
        counts = Counter(r for o in self.occurrences for r in o.reasons)
        return [(r, counts[r]) for r in REASONS if counts[r]]


def canonical(text: str) -> str:
    """Messages that differ only in case, spacing or end punctuation are one entry."""
    return re.sub(r"[\s.!?,;:]+$", "", " ".join(text.split()).lower())


def reasons_of(message: UserMessage, low_confidence: float, small_margin: float = SMALL_MARGIN) -> frozenset[str]:
    """Why the bot fell short on `message` (empty when it did not, or when it answered a form)."""
    if message.form_answer or message.intent == FEEDBACK_INTENT:
        return frozenset()
    found = set()
    if message.fallback:
        found.add("fallback")
    if message.intent == OUT_OF_SCOPE_INTENT:
        found.add("out_of_scope")
    understood = not message.fallback and message.intent not in (None, FALLBACK_INTENT)
    if understood and message.confidence is not None and message.confidence < low_confidence:
        found.add("low_confidence")
    if understood and message.margin is not None and message.margin < small_margin:
        found.add("small_margin")
    return frozenset(found)


def _occurrences(
    messages: Sequence[UserMessage], low_confidence: float, small_margin: float
) -> Iterable[tuple[UserMessage, Occurrence]]:
    """(the message the entry is about, its occurrence) for every miss among `messages`."""
    previous: dict[str, UserMessage] = {}  # sender -> their latest message that was not feedback
    by_id = {m.event_id: m for m in messages}
    for m in sorted(messages, key=lambda m: (m.sender_id, m.event_id)):
        if m.intent == FEEDBACK_INTENT and not m.form_answer:
            # The widget names the answer it was under; typed, it is about the latest answer.
            named = by_id.get(m.feedback_about) if m.feedback_about is not None else None
            about = named or previous.get(m.sender_id)
            target = about or m
            if named is not None and m.feedback_on is not None:
                anchor = m.feedback_on
            else:
                anchor = (about.reply_event or about.event_id) if about else m.event_id
            yield target, _occurrence(target, anchor, m.timestamp, frozenset({"unhelpful"}))
            continue
        previous[m.sender_id] = m
        why = reasons_of(m, low_confidence, small_margin)
        if why:
            yield m, _occurrence(m, m.event_id, m.timestamp, why)


def _occurrence(m: UserMessage, anchor: int, when: dt.datetime, reasons: frozenset[str]) -> Occurrence:
    return Occurrence(m.sender_id, anchor, when, m.channel, reasons, m.intent, m.confidence)


def inbox(
    log: ConversationLog,
    filters: Filters | None = None,
    *,
    reason: str | None = None,
    sort: str = "frequent",
    small_margin: float = SMALL_MARGIN,
) -> list[Entry]:
    """The inbox for the conversations and dates of `filters`, optionally one `reason` only.

    `sort` "frequent": most occurrences first, then the most recent; "recent": the most recent first.
    """
    if reason is not None and reason not in REASONS:
        raise ValueError(f"Unknown reason {reason!r}: use one of {', '.join(REASONS)}.")
    if sort not in SORTS:
        raise ValueError(f"Unknown order {sort!r}: use one of {', '.join(SORTS)}.")
    groups: dict[str, list[Occurrence]] = {}
    shown: dict[str, tuple[dt.datetime, str]] = {}  # the newest wording of each group
    for message, occurrence in _occurrences(log.messages(filters or Filters()), log.low_confidence, small_margin):
        if reason and reason not in occurrence.reasons:
            continue
        text = message.shown or message.text
        key = canonical(text)
        groups.setdefault(key, []).append(occurrence)
        if key not in shown or occurrence.timestamp >= shown[key][0]:
            shown[key] = (occurrence.timestamp, mask(" ".join(text.split())) or "(an empty message)")
    entries = [
        Entry(shown[key][1], tuple(sorted(found, key=lambda o: (o.timestamp, o.event_id), reverse=True)))
        for key, found in groups.items()
    ]
    if sort == "recent":
        entries.sort(key=lambda e: (e.last_at, e.count, e.text), reverse=True)
    else:
        entries.sort(key=lambda e: (e.count, e.last_at, e.text), reverse=True)
    return entries
