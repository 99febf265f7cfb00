"""Prepare, train, start and stop the two bots, each in its own folder under the work dir.

Both are served the same way, by bot.tools.launch.start_servers (honcho: an action server
and a Rasa server on free ports of 127.0.0.1), so the only differences measured are
the bots themselves. The baseline is Rasa's stock sample project (what `rasa init`
writes) run with stock `rasa run` commands, its action endpoint switched on and its
default in-memory tracker store; ours runs from the project's own Procfile with its
own SQLite tracker store and a freshly loaded copy of the knowledge base, so nothing
under var/ or models/ is touched.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bot.db import get_engine
from bot.kb.loader import load
from bot.settings import PROJECT_ROOT, Settings, load_settings
from bot.tools.bench.conversations import BASELINE, OURS, Conversation
from bot.tools.bench.ports import on_free_ports
from bot.tools.bench.procs import ServerTree
from bot.tools.launch import start_servers, stop_servers, tail
from bot.tools.train import MODEL_NAME, training_env

STARTUP_TIMEOUT_S = 300
TRAIN_TIMEOUT_S = 1800
BASELINE_ENDPOINTS = """\
# rasa init's endpoints.yml with its action endpoint switched on; tracker store: the default (in memory).
action_endpoint:
  url: http://127.0.0.1:${ACTION_PORT}/webhook
"""
#: Stock `rasa run` for both servers (never our Procfile, whose launcher may add our own changes).
BASELINE_PROCFILE = """\
actions: rasa run actions --actions actions --port $ACTION_PORT
rasa: rasa run --model $RASA_MODEL --endpoints endpoints.yml --credentials $RASA_CREDENTIALS --interface $RASA_HOST --port $RASA_PORT
"""


class BenchError(RuntimeError):
    """The run could not be carried out (training failed, a server did not start)."""


@dataclass
class Bot:
    """One bot under test: where it lives, what it was given and, once started, its processes."""

    name: str
    settings: Settings  # project_root is the folder its Procfile, endpoints and actions live in
    model: Path
    conversations: list[Conversation]
    log: Path
    train_s: float | None = None
    startup_s: float | None = None
    idle_rss_mb: dict[str, float] | None = None
    proc: subprocess.Popen[bytes] | None = None
    servers: ServerTree | None = None

    @property
    def webhook(self) -> str:
        """Where the load generator posts messages (Rasa's REST channel)."""
        return f"{self.settings.rasa_url}/webhooks/rest/webhook"

    @property
    def running(self) -> ServerTree:
        """The servers' processes; only a started bot has them."""
        if self.servers is None:
            raise BenchError(f"the {self.name} bot has not been started")
        return self.servers


def _settings(project_root: Path, workdir: Path, kb_url: str = "") -> Settings:
    """Own stores; .env is not read, so a developer's settings never leak in. Ports are chosen by `start`."""
    settings = load_settings(
        env_file=workdir / "absent.env",
        environ={
            "DATABASE_URL": kb_url or f"sqlite:///{workdir / 'unused-kb.sqlite3'}",
            "TRACKER_STORE_URL": f"sqlite:///{workdir / 'conversations.sqlite3'}",
        },
    )
    return dataclasses.replace(settings, project_root=project_root)


def prepare_baseline(workdir: Path) -> Bot:
    """Rasa's sample project, copied from the installed package as `rasa init` does."""
    spec = importlib.util.find_spec("rasa")  # found, not imported: only bot/rasa/ imports Rasa
    if spec is None or not spec.submodule_search_locations:
        raise BenchError("Rasa is not installed in this Python: run `make setup` first")
    template = Path(list(spec.submodule_search_locations)[0]) / "cli" / "initial_project"
    project = workdir / "baseline"
    if not project.exists():
        shutil.copytree(template, project, ignore=shutil.ignore_patterns("__pycache__"))
    (project / "endpoints.yml").write_text(BASELINE_ENDPOINTS)
    (project / "Procfile").write_text(BASELINE_PROCFILE)
    return Bot(
        "baseline",
        _settings(project, workdir / "baseline-run"),
        workdir / "models" / "baseline.tar.gz",
        BASELINE,
        workdir / "logs" / "servers-baseline.log",
    )


def prepare_ours(workdir: Path) -> Bot:
    run_dir = workdir / "ours-run"
    run_dir.mkdir(parents=True, exist_ok=True)
    kb_url = f"sqlite:///{run_dir / 'kb.sqlite3'}"
    load(get_engine(kb_url), load_settings().content_dir, force=True)
    return Bot(
        "ours",
        _settings(PROJECT_ROOT, run_dir, kb_url),
        workdir / "models" / f"{MODEL_NAME}.tar.gz",
        OURS,
        workdir / "logs" / "servers-ours.log",
    )


def train(bot: Bot, workdir: Path) -> float:
    """Train from scratch into the work dir; seconds taken. Output goes to a log file."""
    models = bot.model.parent
    models.mkdir(parents=True, exist_ok=True)
    # Both bots alike: no progress bars in the log file, our trainer or stock `rasa train`.
    env = {**training_env(os.environ, in_terminal=False), "TF_CPP_MIN_LOG_LEVEL": "2"}
    if bot.name == "ours":  # our own trainer, as `make train` runs it, pointed at the work dir
        command, env["MODELS_DIR"] = [sys.executable, "-m", "bot.tools.train", "--force"], str(models)
    else:
        command = [
            sys.executable,
            "-m",
            "rasa",
            "train",
            "--fixed-model-name",
            bot.model.name[: -len(".tar.gz")],
            "--out",
            str(models),
        ]
    log = workdir / "logs" / f"train-{bot.name}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with open(log, "w") as out:
        try:
            done = subprocess.run(
                command,
                cwd=bot.settings.project_root,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                timeout=TRAIN_TIMEOUT_S,
            )
        except subprocess.TimeoutExpired:
            raise BenchError(f"training {bot.name} took over {TRAIN_TIMEOUT_S} s; see {log}") from None
    seconds = time.monotonic() - started
    if done.returncode != 0 or not bot.model.exists():
        raise BenchError(f"training {bot.name} failed (exit {done.returncode}):\n{tail(log, 30)}")
    bot.train_s = seconds
    return seconds


def _answers(webhook: str, message: str) -> bool:
    body = json.dumps({"sender": "bench-startup", "message": message}).encode()
    request = urllib.request.Request(webhook, data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status == 200 and bool(json.load(response))
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError, ValueError):
        return False


def start(bot: Bot) -> float:
    """Start the bot's servers on ports free now; seconds from process start to the first answer over REST."""
    bot.log.parent.mkdir(parents=True, exist_ok=True)
    bot.settings = on_free_ports(bot.settings)  # chosen late: training took minutes, ports may have been taken
    started = time.monotonic()
    bot.proc = start_servers(bot.settings, bot.model, bot.log)
    first = bot.conversations[0][0].message
    while not _answers(bot.webhook, first):
        if bot.proc.poll() is not None or time.monotonic() - started > STARTUP_TIMEOUT_S:
            raise BenchError(f"the {bot.name} bot did not start; last lines of {bot.log}:\n{tail(bot.log, 40)}")
        time.sleep(0.2)
    bot.startup_s = time.monotonic() - started
    bot.servers = ServerTree.find(bot.proc.pid)
    bot.idle_rss_mb = bot.servers.rss_mb()
    return bot.startup_s


def stop(bot: Bot) -> None:
    if bot.proc is not None:
        stop_servers(bot.proc)
        bot.proc = None
