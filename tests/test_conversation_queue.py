"""One conversation's messages one at a time, in order, with a bounded line
(bot/rasa/channels/queue.py), and the channel guard's "slow down" for the rest."""

from __future__ import annotations

import asyncio

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.rasa.channels.guard import SLOW_DOWN, guarded
from bot.rasa.channels.queue import Busy, ConversationQueue


def test_a_conversations_messages_are_handled_one_at_a_time_in_the_order_they_came():
    queue = ConversationQueue(max_waiting=100)
    handled: list[int] = []
    at_once = 0
    inside = 0

    async def message(n: int) -> None:
        nonlocal at_once, inside
        async with queue.turn("maria"):
            inside += 1
            at_once = max(at_once, inside)
            await asyncio.sleep(0.001 * (n % 3))  # uneven work must not reorder anything
            handled.append(n)
            inside -= 1

    async def burst() -> None:
        await asyncio.gather(*(message(n) for n in range(50)))

    asyncio.run(burst())
    assert handled == list(range(50)) and at_once == 1
    assert queue.waiting("maria") == 0 and not queue._lines  # nothing kept once the line is empty


def test_other_conversations_do_not_wait_for_a_busy_one():
    queue = ConversationQueue()
    order: list[str] = []

    async def slow() -> None:
        async with queue.turn("busy"):
            await asyncio.sleep(0.2)
            order.append("busy")

    async def quick() -> None:
        async with queue.turn("calm"):
            order.append("calm")

    async def both() -> None:
        await asyncio.gather(slow(), quick())

    asyncio.run(both())
    assert order == ["calm", "busy"]


def test_a_full_line_refuses_at_once():
    queue = ConversationQueue(max_waiting=2)

    async def scenario() -> list[str]:
        release = asyncio.Event()
        outcomes: list[str] = []

        async def message(n: int) -> None:
            try:
                async with queue.turn("maria"):
                    await release.wait()
                    outcomes.append(f"handled {n}")
            except Busy:
                outcomes.append(f"refused {n}")

        tasks = [asyncio.create_task(message(n)) for n in range(5)]
        await asyncio.sleep(0.05)
        release.set()
        await asyncio.gather(*tasks)
        return outcomes

    outcomes = asyncio.run(scenario())
    assert outcomes == ["refused 3", "refused 4", "handled 0", "handled 1", "handled 2"]


@pytest.mark.parametrize("burst", [300])
def test_a_burst_gets_answers_in_order_and_a_slow_down_for_the_rest_never_silence(burst):
    seen: list[str] = []

    async def rasa(message: UserMessage) -> None:
        await asyncio.sleep(0.002)
        seen.append(message.text)
        await message.output_channel.send_response(message.sender_id, {"text": f"answer to {message.text}"})

    handle = guarded(rasa, ConversationQueue(max_waiting=20))

    async def scenario() -> list[list[dict]]:
        outputs = [CollectingOutputChannel() for _ in range(burst)]
        await asyncio.gather(*(handle(UserMessage(f"question {n}", out, "flooder")) for n, out in enumerate(outputs)))
        return [out.messages for out in outputs]

    replies = asyncio.run(scenario())
    assert all(len(r) == 1 for r in replies)  # every message got exactly one reply
    answered = [n for n, r in enumerate(replies) if r[0]["text"] == f"answer to question {n}"]
    slowed = [n for n, r in enumerate(replies) if r[0]["text"] == SLOW_DOWN["text"]]
    assert len(answered) + len(slowed) == burst and len(answered) == 21
    assert seen == [f"question {n}" for n in answered]  # handled in the order they came
