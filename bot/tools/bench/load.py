"""The load generator: N simulated people talking to a bot's REST webhook at once.

Each person holds a whole conversation under a fresh sender id, then the next
person takes their place, with no think-time, until the time is up. One aiohttp
session with a keep-alive connector serves all of them, so we measure the bot and
not our own connection set-up. A message is an error on a status other than 200,
a timeout, a broken connection or an empty reply; the conversation it belonged to
is then abandoned, since the turns after it would be out of step.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from bot.tools.bench.conversations import Conversation, Turn

TIMEOUT_S = 30.0
SAMPLES_KEPT = 5  # off-script replies kept verbatim for the report


@dataclass
class LevelRun:
    """What one level of load produced; the report turns it into figures."""

    people: int
    duration_s: float
    latencies_s: list[float] = field(default_factory=list)
    by_message: dict[str, list[float]] = field(default_factory=dict)  # which turns are the slow ones
    errors: Counter = field(default_factory=Counter)
    off_script: int = 0
    off_script_samples: list[dict[str, str]] = field(default_factory=list)
    elapsed_s: float = 0.0
    conversations: int = 0
    samples: dict[str, Any] = field(default_factory=dict)  # RSS/CPU figures filled in by the caller


def reply_text(replies: Any) -> str:
    if not isinstance(replies, list):
        return ""
    return "\n".join(str(r.get("text", "")) for r in replies if isinstance(r, dict))


async def _send(session: aiohttp.ClientSession, url: str, sender: str, turn: Turn, run: LevelRun) -> bool:
    """One message; records its latency or its error. False when the conversation must stop."""
    started = time.perf_counter()
    try:
        async with session.post(url, json={"sender": sender, "message": turn.message}) as response:
            body = await response.read()
            if response.status != 200:
                run.errors[f"HTTP {response.status}"] += 1
                return False
            replies = await response.json(content_type=None)
    except asyncio.TimeoutError:
        run.errors["timeout"] += 1
        return False
    except (aiohttp.ClientError, ValueError, OSError) as exc:
        run.errors[type(exc).__name__] += 1
        return False
    latency = time.perf_counter() - started
    text = reply_text(replies)
    if not replies or not text.strip() and not any(r.get("image") for r in replies if isinstance(r, dict)):
        run.errors["empty reply"] += 1
        return False
    run.latencies_s.append(latency)
    run.by_message.setdefault(turn.message, []).append(latency)
    if turn.expect.lower() not in text.lower():
        run.off_script += 1
        if len(run.off_script_samples) < SAMPLES_KEPT:
            run.off_script_samples.append(
                {
                    "message": turn.message,
                    "expected": turn.expect,
                    "reply": text[:300],
                    "body": body[:300].decode(errors="replace"),
                }
            )
    return True


async def _converse(
    session: aiohttp.ClientSession, url: str, sender: str, conversation: Conversation, deadline: float, run: LevelRun
) -> None:
    """One whole conversation, unless the time runs out or a message fails first."""
    for turn in conversation:
        if time.monotonic() >= deadline or not await _send(session, url, sender, turn, run):
            return
    run.conversations += 1


async def _person(
    session: aiohttp.ClientSession,
    url: str,
    name: str,
    conversations: Sequence[Conversation],
    first: int,
    deadline: float,
    run: LevelRun,
) -> None:
    n = 0
    while time.monotonic() < deadline:
        await _converse(session, url, f"{name}-c{n}", conversations[(first + n) % len(conversations)], deadline, run)
        n += 1


async def warm_up(url: str, conversations: Sequence[Conversation], prefix: str) -> LevelRun:
    """Each conversation once, one after the other, so first-use costs stay out of the figures."""
    run = LevelRun(people=1, duration_s=0.0)
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=TIMEOUT_S)) as session:
        for n, conversation in enumerate(conversations):
            await _converse(session, url, f"{prefix}-c{n}", conversation, float("inf"), run)
    return run


async def run_level(
    url: str,
    conversations: Sequence[Conversation],
    people: int,
    duration_s: float,
    prefix: str,
    timeout_s: float = TIMEOUT_S,
    sampler: Callable[[], None] | None = None,
) -> LevelRun:
    """Drive `people` simulated people for `duration_s`; `sampler` is called about once a second."""
    run = LevelRun(people=people, duration_s=duration_s)
    connector = aiohttp.TCPConnector(limit=people, keepalive_timeout=75)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=timeout_s)) as session:
        started = time.monotonic()
        deadline = started + duration_s
        people_done = asyncio.gather(
            *(_person(session, url, f"{prefix}-p{i}", conversations, i, deadline, run) for i in range(people))
        )
        while not people_done.done():
            if sampler:
                sampler()
            await asyncio.wait([people_done], timeout=1.0)
        await people_done
        run.elapsed_s = time.monotonic() - started
    return run
