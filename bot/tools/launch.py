"""Start the bot: action server and Rasa server under honcho, then a terminal chat.

`make run` ends here. The servers' output goes to var/log/servers.log so the chat
stays readable; if a server does not come up, the tail of that log is printed
and we exit non-zero instead of leaving a half-started bot behind.
"""

from __future__ import annotations

import argparse
import getpass
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bot.db.cli import upgrade_database
from bot.rasa.channels.config import ChannelConfigError, channel_env, describe, write_server_credentials
from bot.rasa.chat import chat
from bot.retrain.loading import api_token
from bot.settings import PROJECT_ROOT, Settings, load_settings_or_exit, safe_url
from bot.tools.train import MODEL_NAME

STARTUP_TIMEOUT_S = 300


def server_env(settings: Settings, model: Path, credentials: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(settings.server_environment())
    env.update(settings.console_environment())
    env.update(
        {
            "RASA_HOST": settings.rasa_host,
            "RASA_PORT": str(settings.rasa_port),
            "RASA_MODEL": str(model),
            # Written from .env by main(); the checked-in file (REST only) when the launcher is bypassed.
            "RASA_CREDENTIALS": str(credentials or settings.project_root / "credentials.yml"),
            # Other web origins (a school's own site) the widget may connect from; empty: same origin only.
            "WIDGET_ORIGINS": channel_env().get("WIDGET_ORIGINS", ""),
            # The key that signs widget sessions (empty: var/widget-session.key), and how many reverse
            # proxies in front of the Rasa server may say who the client is (bot/rasa/channels/clients.py).
            "WIDGET_SESSION_SECRET": channel_env().get("WIDGET_SESSION_SECRET", ""),
            "RASA_TRUSTED_PROXIES": channel_env().get("RASA_TRUSTED_PROXIES", "0"),
            # The Rasa server proves itself to the action server with it (bot/rasa/action_server.py).
            "ACTION_SERVER_TOKEN": channel_env().get("ACTION_SERVER_TOKEN") or action_server_token(settings.var_dir),
            # Rasa's HTTP API (the Procfile turns it on only with a token): the console's retrain loads models with it.
            "RASA_API_TOKEN": api_token(settings.project_root, settings.var_dir) or "",
            "RASA_TELEMETRY_ENABLED": "false",  # no calls home from a school's server
            "TF_CPP_MIN_LOG_LEVEL": env.get("TF_CPP_MIN_LOG_LEVEL", "2"),
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        }
    )
    return env


def action_server_token(var_dir: Path) -> str:
    """The token shared by the Rasa and action servers: made once, kept in var/ with mode 0600."""
    return made_token(var_dir / "action-server.token")


def made_token(path: Path) -> str:
    """A secret shared by our processes: read from `path`, or made once and kept there with mode 0600."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(token + "\n")
    return token


def port_free(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def is_up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def wait_until_up(urls: list[str], proc: subprocess.Popen, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if all(is_up(u) for u in urls):
            return True
        time.sleep(1)
    return False


def tail(path: Path, lines: int = 40) -> str:
    if not path.exists():
        return "(no log yet)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def start_servers(settings: Settings, model: Path, log_path: Path, credentials: Path | None = None) -> subprocess.Popen:
    """Start both servers under honcho (the Procfile), their output going to `log_path`."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w") as log:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "honcho",
                "start",
                "-f",
                "Procfile",
                "--no-prefix",
                "--env",
                os.devnull,
            ],  # settings already merged .env; honcho must not override them,
            cwd=settings.project_root,
            env=server_env(settings, model, credentials),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )


def console_address(settings: Settings) -> str:
    """Where to reach the console from this machine (a wildcard bind is reached on 127.0.0.1)."""
    host = "127.0.0.1" if settings.console_host in ("0.0.0.0", "::", "") else settings.console_host
    return f"http://{host}:{settings.console_port}"


def health_urls(settings: Settings) -> list[str]:
    return [
        f"{settings.rasa_url}/",
        f"http://127.0.0.1:{settings.action_port}/health",
        f"{console_address(settings)}/health",
    ]


def stop_servers(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)  # honcho passes it on to every server
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _webhooks(settings: Settings, channels: list[str]) -> str:
    """Where Slack and Telegram must send their events (through the school's public HTTPS proxy)."""
    lines = []
    if "slack" in channels:
        lines.append(
            f"\n  Slack events:  POST <public https address>/webhooks/slack/webhook "
            f"(here: {settings.rasa_url}/webhooks/slack/webhook)"
        )
    if "telegram" in channels:
        lines.append(f"\n  Telegram:      webhook {channel_env().get('TELEGRAM_WEBHOOK_URL')}")
    return "".join(lines)


def stored_in(url: str) -> str:
    """Where conversations are kept, as a person reads it: an SQLite file's path, else the URL without its password."""
    return url.split("///", 1)[1] if url.startswith("sqlite") and "///" in url else safe_url(url)


def ready_message(settings: Settings, channels: list[str], seconds: float) -> str:
    """What `make run` prints once every server answers: where to reach each part of the bot."""
    return (
        f"\ncma-advisor is up after {seconds:.0f} s.\n"
        f"  REST webhook:  POST {settings.rasa_url}/webhooks/rest/webhook  "
        '{"sender": "me", "message": "Do I need the USMLE?"}\n'
        f"  Action server: http://127.0.0.1:{settings.action_port}\n"
        f"  Web widget:    demo page {settings.rasa_url}/web/demo/  "
        f"(script for a school's site: {settings.rasa_url}/web/widget/webchat.js)\n"
        f"  Conversations are stored in {stored_in(settings.tracker_store_url)}\n"
        f"  Advisor console: {console_address(settings)}/ (create the first account: "
        ".venv/bin/python -m bot.review add-advisor you@school.edu)\n"
        f"  {describe(channels)}" + _webhooks(settings, channels) + "\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.tools.launch", description=__doc__.splitlines()[0])
    parser.add_argument("--no-chat", action="store_true", help="serve only, even in a terminal")
    args = parser.parse_args(argv)
    settings = load_settings_or_exit()
    model = settings.models_dir / f"{MODEL_NAME}.tar.gz"
    if not model.exists():
        print(f"No trained model at {model}; run `make train` first.", file=sys.stderr)
        return 1
    for name, host, port in (
        ("RASA_PORT", settings.rasa_host, settings.rasa_port),
        ("ACTION_PORT", "127.0.0.1", settings.action_port),
        ("CONSOLE_PORT", settings.console_host, settings.console_port),
    ):
        if not port_free(host, port):
            print(
                f"Port {port} is already in use (is the bot already running?). "
                f"Stop that process or set {name} in .env.",
                file=sys.stderr,
            )
            return 1

    credentials = settings.var_dir / "credentials.yml"
    try:
        channels = write_server_credentials(credentials, channel_env())
    except ChannelConfigError as exc:
        print(f"Channel configuration: {exc}", file=sys.stderr)
        return 1

    if upgrade_database(settings.database_url) != 0:  # the app tables, once, before any server uses them
        return 1

    # A service manager stops us with SIGTERM: exit through `finally` so both servers stop too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    log_path = settings.var_dir / "log" / "servers.log"
    print(
        "Starting the action server, the Rasa server and the advisor console "
        f"(logs: {log_path.relative_to(PROJECT_ROOT)}) ..."
    )
    started = time.monotonic()
    proc = start_servers(settings, model, log_path, credentials)
    try:
        if not wait_until_up(health_urls(settings), proc, STARTUP_TIMEOUT_S):
            print("The bot did not start. Last lines of the server log:\n" + tail(log_path), file=sys.stderr)
            return 1
        print(ready_message(settings, channels, time.monotonic() - started))
        if sys.stdin.isatty() and not args.no_chat:
            print("Chat below. Type /stop to end the chat (the servers stop with it).")
            chat(settings.rasa_url, f"terminal-{getpass.getuser()}")
        else:
            print("Serving. Press Ctrl-C to stop.")
            proc.wait()
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        stop_servers(proc)


if __name__ == "__main__":
    sys.exit(main())
