"""Several "servers" doing the same thing at the same moment, as threads released together."""

from __future__ import annotations

import threading
from collections.abc import Callable

JOIN_TIMEOUT_S = 120


def at_once(work: Callable[[int], None], count: int) -> list[str]:
    """Run `work(0)` … `work(count - 1)` in threads that start together; return their errors.

    Each thread should build its own engine or Redis client, as a separate server
    process would, so the contention is between connections, not inside one.
    """
    errors: list[str] = []
    start = threading.Barrier(count)

    def run(n: int) -> None:
        start.wait()
        try:
            work(n)
        except Exception as exc:  # reported by the test, not lost in the thread
            errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_TIMEOUT_S)
    return errors
