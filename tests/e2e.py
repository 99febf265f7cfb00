"""Helpers for tests that need the real servers: free ports, start/stop, REST calls."""

from __future__ import annotations

import json
import os
import re
import select
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from bot.rasa.channels.config import write_credentials
from bot.settings import PROJECT_ROOT, Settings, load_settings
from bot.tools.launch import health_urls, is_up, server_env, start_servers, stop_servers, tail, wait_until_up

STARTUP_TIMEOUT_S = 240


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_settings(kb_url: str, workdir: Path) -> Settings:
    """Settings for a private pair of servers: own ports, own conversation store, test KB."""
    return load_settings(
        env_file=workdir / "absent.env",
        environ={
            "DATABASE_URL": kb_url,
            "TRACKER_STORE_URL": f"sqlite:///{workdir / 'conversations.sqlite3'}",
            "RASA_HOST": "127.0.0.1",
            "RASA_PORT": str(free_port()),
            "ACTION_PORT": str(free_port()),
            "CONSOLE_PORT": str(free_port()),  # honcho starts the advisor console with them (Procfile)
        },
    )


def widget_credentials(workdir: Path) -> Path:
    """The channels `make run` opens with an empty .env: REST and the widget's Socket.IO."""
    path = workdir / "credentials.yml"
    write_credentials(path, {}, socketio=True, socketio_connector="bot.rasa.channels.socketio.SocketIOInput")
    return path


@contextmanager
def running_bot(settings: Settings, model: Path, log_path: Path) -> Iterator[Settings]:
    proc = start_servers(settings, model, log_path, widget_credentials(log_path.parent))
    try:
        if not wait_until_up(health_urls(settings), proc, STARTUP_TIMEOUT_S):
            raise RuntimeError("servers did not start:\n" + tail(log_path, 80))
        yield settings
    finally:
        stop_servers(proc)


def say(settings: Settings, sender: str, message: str, timeout: float = 30) -> list[dict[str, Any]]:
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(
        f"{settings.rasa_url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
    )
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
    """`python -m bot.rasa.chat` in a pseudo-terminal, as a person at a keyboard would run it."""
    master, slave = os.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.rasa.chat", "--url", settings.rasa_url, "--sender", sender],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=PROJECT_ROOT,
        env={**os.environ, "TERM": "xterm", "COLUMNS": "200"},
        start_new_session=True,
    )
    os.close(slave)
    try:
        yield proc, master, TerminalScreen(master)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)


def post_raw(settings: Settings, body: bytes, timeout: float = 60) -> tuple[int, Any]:
    """POST any bytes to the REST webhook: (status, parsed JSON body)."""
    request = urllib.request.Request(
        f"{settings.rasa_url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


async def widget_say(
    settings: Settings, session_id: str, *events: Any, quiet_s: float = 2.0, timeout: float = 60
) -> list[dict[str, Any]]:
    """Talk to the widget's Socket.IO channel as rasa-webchat does; return the bot's messages.

    Each of `events` is sent as a `user_uttered` payload: a string becomes
    {"message": s, "session_id": session_id}, anything else is sent as it is (to test
    malformed events). Collects `bot_uttered` until none came for `quiet_s` seconds.
    """
    import asyncio

    import socketio

    client = socketio.AsyncClient(reconnection=False)
    received: list[dict[str, Any]] = []
    confirmed = asyncio.Event()
    client.on("session_confirm", lambda *_: confirmed.set())
    client.on("bot_uttered", lambda data: received.append(data))
    await client.connect(settings.rasa_url, transports=["polling"], socketio_path="/socket.io")
    try:
        await client.emit("session_request", {"session_id": session_id})
        await asyncio.wait_for(confirmed.wait(), timeout)
        for event in events:
            payload = {"message": event, "session_id": session_id} if isinstance(event, str) else event
            before = len(received)
            await client.emit("user_uttered", payload)
            deadline = time.monotonic() + timeout
            while len(received) == before and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            count = -1
            while count != len(received):  # until the bot has been quiet for a while
                count = len(received)
                await asyncio.sleep(quiet_s)
    finally:
        await client.disconnect()
    return received


def start_one(settings: Settings, model: Path, process: str, log_path: Path) -> subprocess.Popen:
    """One Procfile process ("rasa" or "actions") on its own, in its own process group,
    so a test can stop, kill or restart it without touching the other."""
    env = server_env(settings, model, widget_credentials(log_path.parent))
    with open(log_path, "a") as log:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, "-m", "honcho", "start", "-f", "Procfile", "--no-prefix", "--env", os.devnull, process],
            cwd=settings.project_root,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )


def descendants(pid: int) -> list[int]:
    """Every process started, directly or not, by `pid` (honcho puts its children in
    sessions of their own, so signalling honcho's process group does not reach them)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def kill_group(proc: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 30) -> None:
    """Signal the server (and everything honcho started) and wait until all are gone.

    SIGTERM goes to honcho, which stops its servers cleanly. SIGKILL goes to the
    servers themselves first, as a crash would: nothing gets to clean up."""
    if proc.poll() is not None:
        return
    targets = descendants(proc.pid)[::-1] + [proc.pid] if sig == signal.SIGKILL else [proc.pid]
    for pid in targets:
        with suppress(ProcessLookupError):
            os.kill(pid, sig)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        for pid in descendants(proc.pid) + [proc.pid]:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + timeout
    while any(Path(f"/proc/{pid}").exists() and not _zombie(pid) for pid in targets) and time.monotonic() < deadline:
        time.sleep(0.2)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True


def wait_for(
    url: str, timeout: float = STARTUP_TIMEOUT_S, proc: subprocess.Popen | None = None, log_path: Path | None = None
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if is_up(url):
            return
        if proc is not None and proc.poll() is not None:
            break
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up:\n" + (tail(log_path, 60) if log_path else ""))
