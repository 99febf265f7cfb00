"""Memory and CPU of a bot's two servers, read from /proc (psutil is not installed).

Both servers run under one honcho process, each behind a `/bin/sh -c` wrapper, so
the servers are found among honcho's descendants by their command line: the action
server is `rasa run actions`, the Rasa server any other `rasa run` (ours starts it as
`python -m bot.rasa.run run`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROC = Path("/proc")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
ROLES = ("rasa", "actions")


def _stat_fields(pid: int) -> list[str] | None:
    """Fields of /proc/<pid>/stat after the command name (which may contain spaces)."""
    try:
        raw = (PROC / str(pid) / "stat").read_text()
    except OSError:  # the process has gone
        return None
    return raw[raw.rindex(")") + 2 :].split()


def children() -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields:
                found.setdefault(int(fields[1]), []).append(int(entry.name))
    return found


def descendants(pid: int, tree: dict[int, list[int]] | None = None) -> list[int]:
    tree = children() if tree is None else tree
    found, todo = [], list(tree.get(pid, []))
    while todo:
        child = todo.pop()
        found.append(child)
        todo.extend(tree.get(child, []))
    return found


def argv(pid: int) -> list[str]:
    try:
        return [a for a in (PROC / str(pid) / "cmdline").read_bytes().decode(errors="replace").split("\0") if a]
    except OSError:
        return []


def role_of(args: list[str]) -> str | None:
    """'actions', 'rasa' or None; a shell wrapper (`sh -c "rasa run ..."`) is None."""
    for i, arg in enumerate(args[:-1]):
        if os.path.basename(arg) in ("rasa", "bot.rasa.run") and args[i + 1] == "run":
            return "actions" if args[i + 2 : i + 3] == ["actions"] else "rasa"
    return None


def rss_mb(pid: int) -> float:
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_s(pid: int) -> float:
    fields = _stat_fields(pid)
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS if fields else 0.0


@dataclass
class ServerTree:
    """The processes of each server of one bot, found once both servers are up."""

    roles: dict[str, set[int]] = field(default_factory=dict)

    @classmethod
    def find(cls, root_pid: int) -> ServerTree:
        tree = children()
        roles: dict[str, set[int]] = {}
        for pid in descendants(root_pid, tree):
            role = role_of(argv(pid))
            if role:
                roles.setdefault(role, set()).update([pid, *descendants(pid, tree)])
        missing = [r for r in ROLES if r not in roles]
        if missing:
            raise RuntimeError(f"no {' or '.join(missing)} server among the processes of pid {root_pid}")
        return cls(roles)

    def rss_mb(self) -> dict[str, float]:
        return {role: round(sum(rss_mb(p) for p in pids), 1) for role, pids in self.roles.items()}

    def cpu_s(self) -> dict[str, float]:
        return {role: sum(cpu_s(p) for p in pids) for role, pids in self.roles.items()}
