"""Parse messages with a trained model in-process, for scoring the NLU without any server."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

from rasa.core.agent import Agent


def parse_all(model: Path, texts: Sequence[str]) -> list[tuple[str, float]]:
    """The predicted intent name and its confidence for each text, in order."""
    agent = Agent.load(str(model))

    async def parse() -> list[tuple[str, float]]:
        out = []
        for text in texts:
            parsed = await agent.parse_message(text)
            out.append((parsed["intent"]["name"], parsed["intent"]["confidence"]))
        return out

    return asyncio.run(parse())
