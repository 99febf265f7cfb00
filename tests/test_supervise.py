"""A server that dies is started again, one that cannot start is given up on, and a stop is
a stop (bot/tools/supervise.py); then the real thing: under the Procfile as `make run` starts it,
`kill -9` of the action server or the console leaves the Rasa server answering."""

from __future__ import annotations

import signal
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bot.tools import supervise as sv


def counting_command(tmp_path: Path, code: int, runs_before_staying_up: int) -> list[str]:
    """A child that appends a line to a file, then exits with `code` until it has run often enough."""
    log = tmp_path / "runs"
    script = (
        "import pathlib, sys, time\n"
        f"p = pathlib.Path({str(log)!r}); p.write_text(p.read_text() + 'x' if p.exists() else 'x')\n"
        f"sys.exit({code}) if len(p.read_text()) <= {runs_before_staying_up} else time.sleep(60)\n"
    )
    return [sys.executable, "-c", script]


def test_a_server_that_dies_is_started_again(tmp_path, monkeypatch):
    monkeypatch.setattr(sv, "FIRST_DELAY_S", 0.01)
    stopping = threading.Event()
    runner = threading.Thread(target=sv.supervise, args=("t", counting_command(tmp_path, -9 % 256, 3), stopping))
    runner.start()
    deadline = time.monotonic() + 30
    while (
        not (tmp_path / "runs").exists() or len((tmp_path / "runs").read_text()) < 4
    ) and time.monotonic() < deadline:
        time.sleep(0.1)
    stopping.set()
    runner.join(30)
    assert len((tmp_path / "runs").read_text()) == 4  # died three times, started again each time, then stayed
    assert not runner.is_alive()


def test_a_server_that_cannot_stay_up_is_given_up_on(tmp_path, monkeypatch):
    monkeypatch.setattr(sv, "FIRST_DELAY_S", 0.01)
    code = sv.supervise("t", counting_command(tmp_path, 3, 1000))
    assert code == 3 and len((tmp_path / "runs").read_text()) == sv.MAX_QUICK_DEATHS


def test_a_stop_stops_the_server_and_does_not_restart_it(tmp_path):
    stopping = threading.Event()
    threading.Timer(1.0, stopping.set).start()
    started = time.monotonic()
    sv.supervise("t", counting_command(tmp_path, 0, 0), stopping)
    assert time.monotonic() - started < 10 and len((tmp_path / "runs").read_text()) == 1


# --- under the Procfile, as `make run` starts it ------------------------------------------------


def server_pid(root: int, marker: str) -> int:
    """The process (not its supervisor) whose command line holds `marker`, among `root`'s descendants."""
    from tests.e2e import descendants

    for pid in descendants(root):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if marker in cmdline and "bot.tools.supervise" not in cmdline and not cmdline.startswith("/bin/sh"):
            return pid
    raise AssertionError(f"no process running {marker!r}")


def up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@pytest.mark.e2e
def test_kill_9_of_the_action_server_or_the_console_under_make_run_leaves_rasa_answering(
    model, loaded_db_url, tmp_path
):
    import os
    import shutil

    from bot.tools.launch import start_servers, stop_servers, wait_until_up
    from tests.e2e import STARTUP_TIMEOUT_S, health_urls, say, server_settings, widget_credentials

    app_db = tmp_path / "app.sqlite3"
    shutil.copy(loaded_db_url.removeprefix("sqlite:///"), app_db)
    settings = server_settings(f"sqlite:///{app_db}", tmp_path)
    proc = start_servers(settings, model, tmp_path / "servers.log", widget_credentials(tmp_path))
    try:
        assert wait_until_up(health_urls(settings), proc, STARTUP_TIMEOUT_S)
        for marker, health in (
            ("bot.rasa.action_server", f"http://127.0.0.1:{settings.action_port}/health"),
            ("bot.console", f"http://{settings.console_host}:{settings.console_port}/health"),
        ):
            os.kill(server_pid(proc.pid, marker), signal.SIGKILL)
            answered, refused, started = 0, 0, time.monotonic()
            while not up(health) and time.monotonic() - started < 120:
                try:
                    replies = say(settings, "supervised", "how long does it take?", timeout=30)
                    answered += bool(replies and replies[0].get("text"))
                except (urllib.error.URLError, OSError):
                    refused += 1
                time.sleep(0.5)
            back_after = time.monotonic() - started
            print(
                f"\nkill -9 of {marker!r}: back after {back_after:.0f} s; Rasa answered {answered}, refused {refused}"
            )
            assert up(health), f"{marker} was not started again"
            assert refused == 0 and proc.poll() is None
            assert "months" in "\n".join(
                r.get("text", "") for r in say(settings, "supervised", "how long does it take?")
            )
    finally:
        stop_servers(proc)
