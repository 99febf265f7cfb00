"""Bounds on what one message may cost (bot/rasa/channels/limits.py), applied by the channel
guard before NLU: symbol runs cut, payloads bounded, JSON depth measured without recursion,
and NLU and policies off the event loop (bot/rasa/offload.py)."""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from bot.rasa.channels.guard import MAX_MESSAGE_CHARS, prepare_text
from bot.rasa.channels.limits import (
    MAX_JSON_DEPTH,
    MAX_PAYLOAD_CHARS,
    MAX_SYMBOL_RUN,
    bounded_payload,
    collapse_symbol_runs,
    json_depth,
    too_deep,
)
from bot.rasa.offload import off_loop


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("!" * 10_000, "!" * MAX_SYMBOL_RUN),
        ("{" * 8000, "{" * MAX_SYMBOL_RUN),
        ("why?!?!?!?!?!", "why?!?!?"),
        ("🙂" * 3000, "🙂" * MAX_SYMBOL_RUN),
        ("wait... what?!", "wait... what?!"),  # ordinary punctuation is left alone
        ("$37,190 (2021) and 12%", "$37,190 (2021) and 12%"),
        ("ana@example.com, +1 (555) 010-7788", "ana@example.com, +1 (555) 010-7788"),
    ],
)
def test_long_symbol_runs_are_cut_and_ordinary_text_is_untouched(raw, expected):
    assert collapse_symbol_runs(raw) == expected


@pytest.mark.parametrize(
    "payload",
    ["/greet", "/ask_salary", '/ask_eligibility{"credential":"cma"}', '/inform{"background": "img", "years": 3}'],
)
def test_real_payloads_pass_unchanged(payload):
    assert bounded_payload(payload) == payload
    assert prepare_text(payload) == payload


@pytest.mark.parametrize(
    "payload, expected",
    [
        ("/greet" + "{" * 10_000, "/greet"),
        ("/greet" + "{" * 30_000, "/greet"),
        ('/ask_eligibility{"credential":"cma"' + "}" * 50, "/ask_eligibility"),
        ("/greet" + '{"a":' * 5000 + "1" + "}" * 5000, "/greet"),
        ('/ask_eligibility{"credential":"' + "x" * MAX_PAYLOAD_CHARS + '"}', "/ask_eligibility"),
        ('/greet["not", "an", "object"]', "/greet"),
        ("/greet" + '{"a":' * (MAX_JSON_DEPTH + 1) + "1" + "}" * (MAX_JSON_DEPTH + 1), "/greet"),
    ],
)
def test_hostile_payloads_are_reduced_to_their_intent(payload, expected):
    assert bounded_payload(payload) == expected
    assert prepare_text(payload) == expected


def test_text_that_only_starts_with_a_slash_is_cleaned_as_text():
    assert bounded_payload("/ what is a cma") is None
    assert prepare_text("/ " + "?" * 5000) == "/ " + "?" * MAX_SYMBOL_RUN
    assert len(prepare_text("/ " + "word " * 2000)) <= MAX_MESSAGE_CHARS


def test_json_depth_is_measured_without_recursion():
    deep: object = 1
    for _ in range(100_000):  # far past Python's recursion limit
        deep = [deep]
    assert json_depth(deep) == 100_000 and too_deep(deep)
    assert json_depth({"a": [1, {"b": 2}]}) == 3 and not too_deep({"a": [1, {"b": 2}]})
    assert json_depth("text") == 0
    assert too_deep(json.loads("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1)))


def test_every_prepared_message_is_cheap_for_the_tokenizer():
    """The worst inputs found, after preparation, tokenize in well under a tenth of a second."""
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    hostile = [
        "/greet" + "{" * 30_000,
        "!" * 10_000,
        "!?" * 5000,
        "'\"" * 5000,
        "({[" * 3000,
        "🙂" * 5000,
        ("!" * 5 + "a") * 2000,
    ]
    for raw in hostile:
        text = prepare_text(raw)
        started = time.perf_counter()
        nlp(text)
        assert time.perf_counter() - started < 0.1, (raw[:20], len(text))


def test_work_handed_off_the_loop_leaves_the_loop_free():
    async def scenario() -> tuple[float, int]:
        ticks = 0

        async def tick() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        ticker = asyncio.create_task(tick())
        started = time.monotonic()
        await off_loop("A slow step", "someone", time.sleep, 0.5)
        ticker.cancel()
        return time.monotonic() - started, ticks

    took, ticks = asyncio.run(scenario())
    assert took >= 0.5 and ticks >= 20  # the loop kept running while the step slept
