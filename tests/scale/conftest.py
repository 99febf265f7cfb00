"""Fixtures for `make test-scale`: PostgreSQL, Redis, one action server and two Rasa servers.

Everything runs on 127.0.0.1 on free ports and is stopped when the session ends,
failed or not. Their logs stay in reports/scale/ (servers.log: honcho and all three servers).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.rasa.channels.config import write_server_credentials
from bot.settings import PROJECT_ROOT
from bot.tools.launch import tail, wait_until_up
from tests.e2e import free_port
from tests.scale.services import Postgres, Redis, private_postgres, private_redis

STARTUP_TIMEOUT_S = 300
LOG_DIR = PROJECT_ROOT / "reports" / "scale"


@dataclass(frozen=True)
class Cluster:
    rasa_urls: list[str]  # two Rasa servers sharing one tracker store and one lock store
    action_url: str
    kb_url: str
    tracker_url: str
    redis: Redis


@pytest.fixture(scope="session")
def log_dir() -> Path:
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    return LOG_DIR


@pytest.fixture(scope="session")
def postgres(log_dir: Path) -> Iterator[Postgres]:
    with private_postgres(log_dir / "postgresql.log") as server:
        yield server


@pytest.fixture(scope="session")
def redis_server(log_dir: Path) -> Iterator[Redis]:
    with private_redis(log_dir / "redis.log") as server:
        yield server


def _base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_", "TRACKER_STORE", "DATABASE_URL"))}
    env.update(
        {
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        }
    )
    return env


@pytest.fixture(scope="session")
def kb_url(postgres: Postgres) -> str:
    """The knowledge base loaded into PostgreSQL the way docs/deploy.md says: `python -m bot.kb load`."""
    url = postgres.create_database("cma_advisor")
    done = subprocess.run(
        [sys.executable, "-m", "bot.kb", "load"],
        cwd=PROJECT_ROOT,
        env={**_base_env(), "DATABASE_URL": url},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout
    assert "knowledge base loaded into postgresql" in done.stdout, done.stdout
    assert postgres.password not in done.stdout  # the URL is printed without its password
    return url


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM to honcho's process group (honcho passes it on to every server), then SIGKILL if it lingers."""
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=40)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


@pytest.fixture(scope="session")
def cluster(model: Path, postgres: Postgres, redis_server: Redis, kb_url: str, log_dir: Path) -> Iterator[Cluster]:
    """deploy/Procfile under honcho: one action server and two Rasa servers with deploy/endpoints.yml."""
    tracker_url = postgres.create_database("cma_conversations", driver="postgresql")
    action_port, rasa_ports = free_port(), [free_port(), free_port()]
    action_url = f"http://127.0.0.1:{action_port}"
    credentials = log_dir / "credentials.yml"
    write_server_credentials(credentials, {})  # REST and the widget, as `python -m bot.rasa.channels.config` writes it
    env = {
        **_base_env(),
        "DATABASE_URL": kb_url,
        "TRACKER_STORE_URL": tracker_url,
        "ACTION_PORT": str(action_port),
        "ACTION_ENDPOINT_URL": f"{action_url}/webhook",
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": str(redis_server.port),
        "REDIS_PASSWORD": redis_server.password,
        "REDIS_DB": "1",
        "SQL_POOL_SIZE": "5",
        "SQL_MAX_OVERFLOW": "5",
        "RASA_MODEL": str(model),
        "RASA_CREDENTIALS": str(credentials),
        "RASA_PORT": str(rasa_ports[0]),
        "RASA_PORT_2": str(rasa_ports[1]),
    }
    log_path = log_dir / "servers.log"
    with open(log_path, "w") as log:
        # deploy/Procfile as docs/deploy.md runs it; honcho must not read .env over our values.
        proc = subprocess.Popen(
            [sys.executable, "-m", "honcho", "start", "-f", "deploy/Procfile", "--env", os.devnull],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        urls = [f"{action_url}/health"] + [f"http://127.0.0.1:{port}/" for port in rasa_ports]
        if not wait_until_up(urls, proc, STARTUP_TIMEOUT_S):
            raise RuntimeError(f"the servers did not start; last lines of {log_path}:\n" + tail(log_path, 80))
        yield Cluster(
            rasa_urls=[url.rstrip("/") for url in urls[1:]],
            action_url=action_url,
            kb_url=kb_url,
            tracker_url=tracker_url,
            redis=redis_server,
        )
    finally:
        _stop(proc)
