"""Two Rasa servers, one conversation: state kept in PostgreSQL, order kept by Redis.

Run by `make test-scale` (scripts/test-scale.sh), not by `make test`: it needs
PostgreSQL and Redis installed and starts three servers. Every message of one
conversation goes to the other server than the one before, as a load balancer
without sticky sessions would send them; then a burst of messages for one
conversation reaches both servers at once.
"""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tests.e2e import say
from tests.scale.conversation import WALK_THROUGH, Reply, Server, text_of, tracker_events, turns


def test_one_conversation_alternating_between_two_servers_keeps_its_state(cluster):
    sender = "scale-walk"
    servers = [Server(url) for url in cluster.rasa_urls]
    for n, (message, expected) in enumerate(WALK_THROUGH):
        replies = say(servers[n % 2], sender, message, timeout=60)
        assert expected in text_of(replies), (
            f"server {n % 2 + 1} answered {message!r} without {expected!r}:\n{text_of(replies)}"
        )
        if message.startswith("wait"):
            offered = [b for r in replies for b in r.get("buttons", [])]
            assert {"title": "Back to step 2 of 6", "payload": "/roadmap_continue"} in offered

    stored = turns(tracker_events(cluster.tracker_url, sender))
    assert [m for m, _ in stored] == [m for m, _ in WALK_THROUGH], f"every message once, in order: {stored}"
    for (message, said), (_, expected) in zip(stored, WALK_THROUGH, strict=True):
        assert expected in said, f"the stored reply to {message!r} lacks {expected!r}:\n{said}"

    progress = _progress_row(cluster.kb_url, sender)
    assert progress["current"] is not None and progress["profile"]["background"] == "img"


def _progress_row(kb_url: str, sender: str) -> dict[str, Any]:
    """The roadmap progress the action server saved in the shared PostgreSQL database."""
    from bot.db import get_engine
    from bot.roadmap.progress import ProgressStore

    progress = ProgressStore(get_engine(kb_url)).load(sender)
    assert progress.updated_at is not None, f"no progress saved for {sender!r}"
    return json.loads(progress.to_json())


# Questions whose answers do not overlap: the phrase identifies the message it answers.
BURST: list[tuple[str, str]] = [
    ("Do I need the USMLE to become a CMA?", "licensing exam for physicians"),
    ("How long does it take to become a medical assistant?", "9–12 months"),
    ("What does a medical assistant earn?", "$44,200"),
    ("Will employers look down on my medical degree?", "asset"),
    ("how much do LPNs make compared to medical assistants?", "$59,730"),
    ("What is an externship?", "externship"),
]


def test_a_burst_to_both_servers_is_processed_one_message_at_a_time(cluster):
    """Six messages of one conversation sent at the same moment, three to each server.

    The Redis lock store queues them: each is read from, answered and saved to the
    tracker before the next one starts, so the stored conversation is six clean
    turns, each reply right after its own question, and nothing is lost or doubled.
    """
    import redis

    sender = "scale-burst"
    servers = [Server(url) for url in cluster.rasa_urls]
    watcher = LockWatcher(
        redis.Redis(host="127.0.0.1", port=cluster.redis.port, password=cluster.redis.password, db=1), f"lock:{sender}"
    )
    start = threading.Barrier(len(BURST))

    def send(n: int) -> Reply:
        start.wait()
        return say(servers[n % 2], sender, BURST[n][0], timeout=120)

    watcher.start()
    try:
        with ThreadPoolExecutor(max_workers=len(BURST)) as pool:
            replies = list(pool.map(send, range(len(BURST))))
    finally:
        watcher.stop()

    for (message, expected), reply in zip(BURST, replies, strict=True):
        assert expected in text_of(reply), f"the reply to {message!r} lacks {expected!r}:\n{text_of(reply)}"

    stored = turns(tracker_events(cluster.tracker_url, sender))
    assert sorted(m for m, _ in stored) == sorted(m for m, _ in BURST), f"every message stored exactly once: {stored}"
    expected_for = dict(BURST)
    for message, said in stored:
        assert expected_for[message] in said, f"the reply stored after {message!r} is not its own:\n{said}"
    assert watcher.most_waiting >= 2, "both servers should have queued on the conversation's lock in Redis"
    assert watcher.client.exists(f"lock:{sender}") == 0, "the lock is given back when the last message is done"


class LockWatcher(threading.Thread):
    """Polls the conversation's lock in Redis and remembers how many tickets it held at most."""

    def __init__(self, client, key: str):
        super().__init__(daemon=True)
        self.client, self.key = client, key
        self.most_waiting = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            raw = self.client.get(self.key)
            if raw:
                self.most_waiting = max(self.most_waiting, len(json.loads(raw).get("tickets", [])))
            time.sleep(0.01)

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=5)
