"""`python -m bot.tools.supervise NAME -- COMMAND...`: run one server, and start it again when it dies.

Every line of the Procfiles runs its server through this. honcho, which `make run`
uses to start the action server, the Rasa server and the advisor console, stops all
of them as soon as one exits: a `kill -9` of the action server took the Rasa server
and the console down with it, and every port refused connections. Under this
supervisor a server that dies is started again after a short pause (1 s, doubling up
to 30 s while it keeps dying at once), and honcho never sees it go, so the others
keep serving: while the action server is down the Rasa server answers with its
apology (bot/rasa/channels/guard.py), and as soon as it is back, normally again.

A server that cannot stay up at all (it dies within RESTARTS_WINDOW_S of starting,
MAX_QUICK_DEATHS times in a row: a port in use, a broken configuration) is not
restarted for ever: the supervisor exits with its exit code, so `make run` fails and
prints the log as before. SIGTERM or SIGINT (honcho stopping, Ctrl-C) is passed on
and ends the supervisor once its server has stopped. systemd (deploy/systemd/) does
the same job for the units there with Restart=always.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence

FIRST_DELAY_S = 1.0
MAX_DELAY_S = 30.0
#: A run shorter than this counts as dying at once.
RESTARTS_WINDOW_S = 30.0
MAX_QUICK_DEATHS = 5


def say(name: str, line: str) -> None:
    print(f"supervise[{name}]: {line}", file=sys.stderr, flush=True)


def supervise(name: str, command: Sequence[str], stopping: threading.Event | None = None) -> int:
    """Run `command` until `stopping` is set, restarting it when it dies; its last exit code."""
    stopping = stopping or threading.Event()
    delay, quick_deaths = FIRST_DELAY_S, 0
    while True:
        started = time.monotonic()
        child = subprocess.Popen(list(command))
        while child.poll() is None:
            if stopping.wait(0.2):
                child.send_signal(signal.SIGTERM)
                try:
                    return child.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    child.kill()
                    return child.wait()
        code = child.returncode
        if stopping.wait(0.5):  # it died because we are all stopping (honcho signals the whole group)
            return code
        if time.monotonic() - started < RESTARTS_WINDOW_S:
            quick_deaths += 1
        else:
            delay, quick_deaths = FIRST_DELAY_S, 1
        if quick_deaths >= MAX_QUICK_DEATHS:
            say(name, f"exited with code {code} {quick_deaths} times in a row right after starting; giving up")
            return code or 1
        say(name, f"exited with code {code}; starting it again in {delay:.0f} s")
        if stopping.wait(delay):
            return code
        delay = min(delay * 2, MAX_DELAY_S)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.tools.supervise", description=__doc__.splitlines()[0])
    parser.add_argument("name", help="what the server is called in the log")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- then the server's command line")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the server's command after --")
    stopping = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stopping.set())
    return supervise(args.name, command, stopping)


if __name__ == "__main__":
    sys.exit(main())
