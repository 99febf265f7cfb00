"""The console's side of the advisors' relay: ask the Rasa server to say something in a conversation.

The console does not run Rasa; the Rasa server holds the person's connection (the widget's
socket) and the Slack and Telegram clients. `say` posts to its `/webhooks/advisor/say`
(bot/rasa/channels/advisor.py) with RASA_API_TOKEN and reads back whether the message was
stored and delivered. Every failure becomes a sentence for the advisor, never an exception.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from bot.settings import Settings

#: Where `make run` keeps the token when RASA_API_TOKEN is empty (var/, mode 0600).
RASA_API_TOKEN_FILE = "rasa-api.token"
TIMEOUT_S = 20.0


@dataclass(frozen=True)
class Relayed:
    """What became of a message: kept in the conversation, delivered to the person, and if not, why."""

    stored: bool
    delivered: bool
    channel: str = ""
    problem: str | None = None


def api_token(settings: Settings) -> str:
    """RASA_API_TOKEN, else the token `make run` made in var/ ("" when there is neither)."""
    if settings.rasa_api_token:
        return settings.rasa_api_token
    try:
        return (Path(settings.var_dir) / RASA_API_TOKEN_FILE).read_text().strip()
    except OSError:
        return ""


def rasa_address(settings: Settings) -> str:
    """Where the console reaches the Rasa server (a wildcard bind is reached on 127.0.0.1)."""
    host = "127.0.0.1" if settings.rasa_host in ("0.0.0.0", "::", "") else settings.rasa_host
    return f"http://{host}:{settings.rasa_port}"


async def say(settings: Settings, sender_id: str, text: str, advisor: str, kind: str = "reply") -> Relayed:
    """Have the Rasa server say `text` in the conversation as `advisor` (`kind`: reply or handed_back)."""
    token = api_token(settings)
    if not token:
        return Relayed(False, False, problem="RASA_API_TOKEN is not set, so the console cannot reach the bot's server")
    body = {"sender_id": sender_id, "text": text, "advisor": advisor, "kind": kind}
    try:
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=TIMEOUT_S)) as session,
            session.post(
                f"{rasa_address(settings)}/webhooks/advisor/say",
                json=body,
                headers={"Authorization": f"Bearer {token}"},
            ) as response,
        ):
            raw = await response.text()
    except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as exc:
        return Relayed(False, False, problem=f"the bot's server could not be reached ({type(exc).__name__})")
    try:
        answer = json.loads(raw)
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        return Relayed(False, False, problem=f"the bot's server answered {response.status} with something unreadable")
    if response.status != 200:
        return Relayed(False, False, problem=str(answer.get("error") or f"the bot's server answered {response.status}"))
    return Relayed(
        stored=bool(answer.get("stored")),
        delivered=bool(answer.get("delivered")),
        channel=str(answer.get("channel") or ""),
        problem=answer.get("problem"),
    )
