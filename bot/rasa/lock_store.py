"""A Redis lock store whose tickets stay correct when several Rasa servers share it.

Rasa 3.6's `RedisLockStore` reads a conversation's ticket queue, changes it in
Python and writes it back. Within one server that is safe (the event loop runs one
coroutine at a time), but two servers, or two Sanic workers, can read the same
queue at the same moment: both take ticket 0 and process the same conversation at
once, and the SQL tracker store then drops the events of whichever saves second
(it appends only the events past the count already stored). A server that gives
its ticket back can likewise erase a ticket another server has just taken.
`make test-scale` lost two of six messages that way. Rasa's fix for this
(`ConcurrentRedisLockStore`) is not in the open-source edition.

Here every read-change-write of a queue is one Redis transaction (WATCH, MULTI,
EXEC, retried when another server changed the queue in between), so tickets are
unique and handed out in order across servers. Configure it in endpoints.yml as
`lock_store: {type: bot.rasa.lock_store.AtomicRedisLockStore, url: <redis host>, port: …}`,
with the same keys as Rasa's `type: redis`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from bot.rasa import require_supported

require_supported("the atomic Redis lock store (RedisLockStore's internals)")

T = TypeVar("T")
#: What a change returns: the queue to store (None: remove it) and a value for the caller.
Change = Callable[[TicketLock | None], tuple[TicketLock | None, T]]


class AtomicRedisLockStore(RedisLockStore):
    """`RedisLockStore` with each change of a ticket queue made atomic in Redis."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        # Rasa builds a custom lock store from its endpoints.yml entry: `url` is the Redis host.
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    def _change(self, conversation_id: str, change: Change[T]) -> T:
        key = self.key_prefix + conversation_id

        def attempt(pipe: Any) -> T:
            raw = pipe.get(key)  # WATCHed: EXEC fails, and we try again, if anyone writes the key meanwhile
            lock = TicketLock.from_dict(json.loads(raw)) if raw else None
            new_lock, result = change(lock)
            pipe.multi()
            if new_lock is None:
                pipe.delete(key)
            else:
                pipe.set(key, new_lock.dumps())
            return result

        return self.red.transaction(attempt, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as exc:  # as Rasa's own: the caller expects a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{exc}") from exc

    def update_lock(self, conversation_id: str) -> None:
        def drop_expired(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def finish(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._change(conversation_id, finish)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Give the ticket back and remove the queue if it is empty, in one step: a ticket
        another server takes in between is never removed with it."""

        def give_back(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._change(conversation_id, give_back)
