"""One conversation's messages handled one at a time, in the order they came, with a bounded wait.

Plain Python (asyncio only), used by the channel guard for every channel.

Rasa serialises a conversation with a ticket lock whose waiters poll once a second and
whose tickets expire after 60 s: a burst of 300 widget messages on one conversation
had 59 handled and 241 dropped, with no reply and no log line. Here each
conversation has a first-come, first-served lock in front of Rasa's, so Rasa's lock
is never contended within one server (its polling costs nothing), and at most
MAX_WAITING messages of one conversation wait their turn. A message beyond that is
refused at once (`Busy`), and the guard tells the person to slow down: nothing is
dropped silently, and what is handled is handled in order.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

#: Messages of one conversation that may wait while another of its messages is handled.
MAX_WAITING = 20


class Busy(Exception):
    """The conversation already has MAX_WAITING messages waiting; this one is refused."""


@dataclass
class _Line:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    inside: int = 0  # the message being handled plus those waiting


class ConversationQueue:
    """First come, first served per conversation, with at most `max_waiting` in line."""

    def __init__(self, max_waiting: int = MAX_WAITING):
        self.max_waiting = max_waiting
        self._lines: dict[str, _Line] = {}

    def waiting(self, conversation_id: str) -> int:
        """How many messages of this conversation are in line (the one being handled included)."""
        line = self._lines.get(conversation_id)
        return line.inside if line else 0

    @asynccontextmanager
    async def turn(self, conversation_id: str) -> AsyncIterator[None]:
        """Wait for this conversation's earlier messages, then hold its turn; Busy if the line is full."""
        line = self._lines.setdefault(conversation_id, _Line())
        if line.inside > self.max_waiting:
            raise Busy(conversation_id)
        line.inside += 1
        try:
            async with line.lock:  # asyncio.Lock wakes its waiters in the order they came
                yield
        finally:
            line.inside -= 1
            if line.inside == 0:
                self._lines.pop(conversation_id, None)
