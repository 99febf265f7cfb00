"""What happened to the conversation store during one turn, shared by the channel guard and
the tracker store without either importing the other.

Rasa wraps every tracker store in a FailSafeTrackerStore: when a save fails it logs
"Falling back to InMemoryTrackerStore" and carries on, and the person gets a normal
answer for a turn that was never stored (a hole in the log that nothing fills later).
Our tracker store (`bot.rasa.tracker_store`) records a failed read or write on the
turn's record instead, and the channel guard (`bot.rasa.channels.guard`), which holds
back the turn's replies until the turn is over, then sends "I couldn't save that"
in place of answers that were never stored.

The record travels in a context variable: the guard awaits Rasa's handler, which
awaits the store, all in one task, so both see the same record. Outside a guarded
turn (a script, a test) there is no record and the store raises as Rasa's does.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

_current: ContextVar[Turn | None] = ContextVar("cma_advisor_turn", default=None)


@dataclass
class Turn:
    """One message's handling; `stored` turns false once its conversation could not be read or written."""

    stored: bool = True


@contextmanager
def recording_turn() -> Iterator[Turn]:
    """Handle one message inside this block; the store reports on the record it yields."""
    turn = Turn()
    token = _current.set(turn)
    try:
        yield turn
    finally:
        _current.reset(token)


def current_turn() -> Turn | None:
    """The record of the turn being handled, or None outside a guarded turn."""
    return _current.get()
