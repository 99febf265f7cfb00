"""bot.rasa.lock_store against a real Redis: several "servers" (one store and one connection
each, in their own threads) contend for one conversation. Run by `make test-scale`."""

from __future__ import annotations

import asyncio

import redis
from rasa.utils.endpoints import EndpointConfig

from bot.rasa.lock_store import AtomicRedisLockStore
from tests.scale.contention import at_once

SERVERS = 4


def store_for(server) -> AtomicRedisLockStore:
    """Built the way Rasa builds it from endpoints.yml (`type: bot.rasa.lock_store.AtomicRedisLockStore`)."""
    return AtomicRedisLockStore(
        endpoint_config=EndpointConfig(
            url="127.0.0.1",
            type="bot.rasa.lock_store.AtomicRedisLockStore",
            port=str(server.port),
            password=server.password,
            db="2",
        )
    )


def test_tickets_taken_at_once_by_several_servers_are_all_different(redis_server):
    stores = [store_for(redis_server) for _ in range(SERVERS)]
    taken: list[list[int]] = [[] for _ in range(SERVERS)]
    per_server = 50

    def take(n: int) -> None:
        for _ in range(per_server):
            taken[n].append(stores[n].issue_ticket("tickets"))

    assert at_once(take, SERVERS) == []
    numbers = sorted(t for mine in taken for t in mine)
    assert numbers == list(range(SERVERS * per_server)), "every ticket once, none lost, none doubled"
    assert len(stores[0].get_lock("tickets").tickets) == SERVERS * per_server


def test_one_conversation_is_handled_by_one_server_at_a_time(redis_server):
    """A read-change-write of a shared counter under the lock: no update is lost and no
    two holders overlap, although four servers take turns as fast as they can."""
    client = redis.Redis(host="127.0.0.1", port=redis_server.port, password=redis_server.password, db=3)
    client.set("counter", 0)
    inside = []  # how many servers were inside the lock at once, sampled by each holder
    rounds = 15

    async def serve(store: AtomicRedisLockStore) -> None:
        for _ in range(rounds):
            async with store.lock("conversation", wait_time_in_seconds=0.005):
                inside.append(int(client.incr("inside")))
                value = int(client.get("counter"))
                await asyncio.sleep(0.002)
                client.set("counter", value + 1)
                client.decr("inside")

    errors = at_once(lambda n: asyncio.run(serve(store_for(redis_server))), SERVERS)
    assert errors == []
    assert int(client.get("counter")) == SERVERS * rounds
    assert max(inside) == 1
    assert store_for(redis_server).get_lock("conversation") is None, "the last holder removes the queue"


def test_endpoint_config_gives_host_port_password_and_database(redis_server):
    store = store_for(redis_server)
    kwargs = store.red.connection_pool.connection_kwargs
    assert (kwargs["host"], kwargs["port"], kwargs["db"]) == ("127.0.0.1", redis_server.port, 2)
    assert store.red.ping()
