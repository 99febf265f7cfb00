"""Helpers for tests that need the real servers: free ports, start/stop, REST calls."""
from __future__ import annotations

import json
import socket
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Dict, Iterator, List

from bot.launch import health_urls, start_servers, stop_servers, tail, wait_until_up
from bot.settings import Settings, load_settings

STARTUP_TIMEOUT_S = 240


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_settings(kb_url: str, workdir: Path) -> Settings:
    """Settings for a private pair of servers: own ports, own conversation store, test KB."""
    return load_settings(env_file=workdir / "absent.env", environ={
        "DATABASE_URL": kb_url,
        "TRACKER_STORE_URL": f"sqlite:///{workdir / 'conversations.sqlite3'}",
        "RASA_HOST": "127.0.0.1",
        "RASA_PORT": str(free_port()),
        "ACTION_PORT": str(free_port()),
    })


@contextmanager
def running_bot(settings: Settings, model: Path, log_path: Path) -> Iterator[Settings]:
    proc = start_servers(settings, model, log_path)
    try:
        if not wait_until_up(health_urls(settings), proc, STARTUP_TIMEOUT_S):
            raise RuntimeError("servers did not start:\n" + tail(log_path, 80))
        yield settings
    finally:
        stop_servers(proc)


def say(settings: Settings, sender: str, message: str, timeout: float = 30) -> List[Dict[str, Any]]:
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(f"{settings.rasa_url}/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.load(response)
