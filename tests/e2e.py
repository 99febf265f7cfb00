"""Helpers for tests that need the real servers: free ports, start/stop, REST calls."""
from __future__ import annotations

import json
import os
import re
import select
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Dict, Iterator, List

from bot.launch import health_urls, start_servers, stop_servers, tail, wait_until_up
from bot.settings import PROJECT_ROOT, Settings, load_settings

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
        "CONSOLE_PORT": str(free_port()),  # honcho starts the advisor console with them (Procfile)
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


def answer(settings: Settings, message: str, sender: str = "e2e") -> str:
    """All the text the bot replied to `message`, joined; fails if it said nothing."""
    replies = say(settings, sender, message)
    assert replies, f"no reply to {message!r}"
    return "\n".join(r.get("text", "") for r in replies)


class TerminalScreen:
    """What a program running in a pseudo-terminal has printed, without colour codes."""

    def __init__(self, fd: int):
        self.fd = fd
        self.raw = b""

    @property
    def text(self) -> str:
        return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", self.raw.decode(errors="replace"))

    def _read(self, wait: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], wait)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # the program exited and closed the terminal
            return False
        self.raw += chunk
        return bool(chunk)

    def read_until(self, pattern: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if re.search(pattern, self.text):
                return self.text
            self._read(0.5)
        raise AssertionError(f"never saw {pattern!r}; the terminal showed:\n{self.text[-2000:]}")

    def drain(self, quiet_for: float = 1.0) -> None:
        while self._read(quiet_for):
            pass


@contextmanager
def terminal_chat(settings: Settings, sender: str) -> Iterator[tuple]:
    """`python -m bot.chat` in a pseudo-terminal, as a person at a keyboard would run it."""
    master, slave = os.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "bot.chat", "--url", settings.rasa_url, "--sender", sender],
                            stdin=slave, stdout=slave, stderr=slave, cwd=PROJECT_ROOT,
                            env={**os.environ, "TERM": "xterm", "COLUMNS": "200"}, start_new_session=True)
    os.close(slave)
    try:
        yield proc, master, TerminalScreen(master)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
