"""bot.rasa.lock_store against a real Redis: Debian's redis-server, private to this module,
on a free port of 127.0.0.1 (make setup-test installs it: scripts/install-redis.sh).

Two stores, each with its own connection as two Rasa servers would have, take tickets
for one conversation at the same moment: every ticket is handed out once and in order,
a ticket one server gives back never takes another server's with it, and only one
server at a time holds the conversation. tests/scale/ repeats this with more servers
under `make test-scale`; this is the part every `make test` runs.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import pytest
import redis
from rasa.core.lock_store import LockError
from rasa.utils.endpoints import EndpointConfig

from bot.rasa.lock_store import AtomicRedisLockStore
from tests.e2e import free_port
from tests.scale.contention import at_once
from tests.scale.services import MissingService, Redis, private_redis

SERVERS = 2
DB = 2


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Redis]:
    """Started once for the module and stopped at its end, passed or failed."""
    try:
        with private_redis(tmp_path_factory.mktemp("redis") / "redis.log") as server:
            yield server
    except MissingService as exc:
        pytest.fail(f"{exc}; `make setup-test` installs it (scripts/install-redis.sh)")


@pytest.fixture
def client(redis_server: Redis) -> Iterator[redis.Redis]:
    """A plain client on the stores' database, emptied before each test."""
    plain = redis.Redis(host="127.0.0.1", port=redis_server.port, password=redis_server.password, db=DB)
    plain.flushdb()
    yield plain
    plain.close()


def store_for(server: Redis) -> AtomicRedisLockStore:
    """Built the way Rasa builds it from endpoints.yml (`type: bot.rasa.lock_store.AtomicRedisLockStore`)."""
    return AtomicRedisLockStore(
        endpoint_config=EndpointConfig(
            url="127.0.0.1",
            type="bot.rasa.lock_store.AtomicRedisLockStore",
            port=str(server.port),
            password=server.password,
            db=str(DB),
        )
    )


def test_endpoint_config_gives_host_port_password_and_database(redis_server: Redis) -> None:
    store = store_for(redis_server)
    kwargs = store.red.connection_pool.connection_kwargs
    assert (kwargs["host"], kwargs["port"], kwargs["db"]) == ("127.0.0.1", redis_server.port, DB)
    assert kwargs["password"] == redis_server.password
    assert store.red.ping()


def test_tickets_taken_at_once_by_two_servers_are_all_different_and_in_order(
    redis_server: Redis, client: redis.Redis
) -> None:
    stores = [store_for(redis_server) for _ in range(SERVERS)]
    taken: list[list[int]] = [[] for _ in range(SERVERS)]
    per_server = 100

    def take(n: int) -> None:
        for _ in range(per_server):
            taken[n].append(stores[n].issue_ticket("tickets"))

    assert at_once(take, SERVERS) == []
    assert all(mine == sorted(mine) for mine in taken), "each server's tickets come in order"
    numbers = sorted(t for mine in taken for t in mine)
    assert numbers == list(range(SERVERS * per_server)), "every ticket once, none lost, none doubled"
    assert len(stores[0].get_lock("tickets").tickets) == SERVERS * per_server
    assert client.exists(stores[0].key_prefix + "tickets")


def test_giving_a_ticket_back_keeps_the_one_another_server_took(redis_server: Redis, client: redis.Redis) -> None:
    first, second = store_for(redis_server), store_for(redis_server)
    mine = first.issue_ticket("shared")
    theirs = second.issue_ticket("shared")
    assert (mine, theirs) == (0, 1)
    first.cleanup("shared", mine)
    lock = second.get_lock("shared")
    assert lock is not None and [t.number for t in lock.tickets] == [theirs]
    assert lock.now_serving == theirs and not lock.is_locked(theirs)
    second.cleanup("shared", theirs)
    assert second.get_lock("shared") is None, "the last ticket given back removes the queue"
    assert not client.exists(first.key_prefix + "shared")


def test_finishing_removes_only_that_ticket_and_expired_tickets_are_dropped(redis_server: Redis) -> None:
    first, second = store_for(redis_server), store_for(redis_server)
    a = first.issue_ticket("queue")
    b = second.issue_ticket("queue")
    first.finish_serving("queue", a)
    assert [t.number for t in second.get_lock("queue").tickets] == [b]
    second.issue_ticket("queue", lock_lifetime=0.05)
    time.sleep(0.1)
    first.update_lock("queue")
    assert [t.number for t in second.get_lock("queue").tickets] == [b], "the expired ticket is gone"


def test_one_conversation_is_handled_by_one_server_at_a_time(redis_server: Redis, client: redis.Redis) -> None:
    """A read-change-write of a shared counter under the lock: no update is lost and no two
    holders overlap, although both servers take turns as fast as they can."""
    client.set("counter", 0)
    inside: list[int] = []  # how many servers were inside the lock at once, sampled by each holder
    rounds = 15

    async def serve(store: AtomicRedisLockStore) -> None:
        for _ in range(rounds):
            async with store.lock("conversation", wait_time_in_seconds=0.005):
                inside.append(int(client.incr("inside")))
                value = int(client.get("counter"))
                await asyncio.sleep(0.002)
                client.set("counter", value + 1)
                client.decr("inside")

    assert at_once(lambda n: asyncio.run(serve(store_for(redis_server))), SERVERS) == []
    assert int(client.get("counter")) == SERVERS * rounds
    assert max(inside) == 1
    assert store_for(redis_server).get_lock("conversation") is None, "the last holder removes the queue"


def test_an_unreachable_redis_is_a_lock_error_as_rasa_expects() -> None:
    store = AtomicRedisLockStore(host="127.0.0.1", port=free_port(), socket_timeout=1)
    with pytest.raises(LockError, match="Error while acquiring lock"):
        store.issue_ticket("anyone")
