"""Posting to a Slack incoming webhook with aiohttp: one JSON body, a bounded wait, and an
error that says what went wrong (the webhook's URL is a secret and is never in it)."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp

TIMEOUT_S = 15.0


class WebhookError(Exception):
    """The post did not go through; the message says why."""


async def post_json(url: str, body: dict[str, Any], timeout: float = TIMEOUT_S) -> None:
    """POST `body` to the webhook; WebhookError unless Slack answered 2xx."""
    try:
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as session,
            session.post(url, json=body) as response,
        ):
            if response.status // 100 != 2:
                said = (await response.text())[:200]
                raise WebhookError(f"Slack answered {response.status}: {said}")
    except aiohttp.ClientConnectorError as exc:  # names the host and port only, not the secret path
        raise WebhookError(f"could not reach Slack's webhook ({str(exc)[:200]})") from None
    except aiohttp.ClientError as exc:  # other errors may quote the whole URL: their kind only
        raise WebhookError(f"could not post to Slack's webhook ({type(exc).__name__})") from None
    except asyncio.TimeoutError:
        raise WebhookError(f"Slack's webhook did not answer within {timeout:.0f} s") from None


def post_json_blocking(url: str, body: dict[str, Any], timeout: float = TIMEOUT_S) -> None:
    """`post_json` from code that is not async (a delivery thread, a command)."""
    asyncio.run(post_json(url, body, timeout))
