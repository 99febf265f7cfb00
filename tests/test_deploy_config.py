"""The files docs/deploy.md tells a school to use read as it says (quick; no servers).
`make test-scale` runs them for real against PostgreSQL and Redis."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rasa.core.utils import AvailableEndpoints
from rasa.shared.exceptions import RasaException

from bot.rasa.channels.config import REST_CONNECTOR, WIDGET_CONNECTOR
from bot.settings import PROJECT_ROOT

DEPLOY_ENV = {
    "ACTION_ENDPOINT_URL": "http://10.0.0.20:5055/webhook",
    "TRACKER_STORE_URL": "postgresql://advisor:secret@10.0.0.30:5432/cma_conversations",
    "REDIS_HOST": "10.0.0.31",
    "REDIS_PORT": "6380",
    "REDIS_PASSWORD": "s3cret",
    "REDIS_DB": "1",
}


def test_deploy_endpoints_take_every_shared_service_from_the_environment(monkeypatch):
    for name, value in DEPLOY_ENV.items():
        monkeypatch.setenv(name, value)
    endpoints = AvailableEndpoints.read_endpoints(str(PROJECT_ROOT / "deploy" / "endpoints.yml"))
    assert endpoints.action.url == DEPLOY_ENV["ACTION_ENDPOINT_URL"]
    assert (endpoints.tracker_store.type, endpoints.tracker_store.url) == ("SQL", DEPLOY_ENV["TRACKER_STORE_URL"])
    lock = endpoints.lock_store
    assert (lock.type, lock.url) == ("bot.rasa.lock_store.AtomicRedisLockStore", "10.0.0.31")
    assert (lock.kwargs["port"], lock.kwargs["password"], lock.kwargs["db"]) == ("6380", "s3cret", "1")


def test_a_missing_variable_stops_the_server_with_its_name(monkeypatch):
    for name, value in DEPLOY_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("REDIS_HOST")
    with pytest.raises(RasaException, match="REDIS_HOST"):
        AvailableEndpoints.read_endpoints(str(PROJECT_ROOT / "deploy" / "endpoints.yml"))


def _credentials_cli(path: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "TELEGRAM_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot.rasa.channels.config", str(path)],
        cwd=PROJECT_ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_credentials_command_writes_what_make_run_opens(tmp_path: Path):
    """systemd runs it before each Rasa server (docs/deploy.md): REST and the widget's channel."""
    path = tmp_path / "credentials.yml"
    done = _credentials_cli(path)
    assert done.returncode == 0, done.stderr
    assert "Channels on: rest, socketio" in done.stdout
    text = path.read_text()
    assert f"{REST_CONNECTOR}:" in text and f"{WIDGET_CONNECTOR}:" in text and "session_persistence: true" in text
    assert path.stat().st_mode & 0o777 == 0o600


def test_credentials_command_refuses_a_half_configured_channel_without_a_traceback(tmp_path: Path):
    done = _credentials_cli(tmp_path / "credentials.yml", SLACK_TOKEN="xoxb-1")
    assert done.returncode == 1
    assert "SLACK_SIGNING_SECRET" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "credentials.yml").exists()


def test_deployed_action_servers_listen_on_loopback_and_require_the_token_unless_told_otherwise():
    """deploy/ started the action server on every address (rasa-sdk's default), answering anyone."""
    unit = (PROJECT_ROOT / "deploy" / "systemd" / "cma-actions@.service").read_text()
    assert "Environment=SANIC_HOST=127.0.0.1" in unit
    assert unit.index("Environment=SANIC_HOST=127.0.0.1") < unit.index("EnvironmentFile=")  # .env may override
    assert "-m bot.rasa.action_server" in unit and "rasa run actions" not in unit
    for procfile in (PROJECT_ROOT / "Procfile", PROJECT_ROOT / "deploy" / "Procfile"):
        actions = next(line for line in procfile.read_text().splitlines() if line.startswith("actions:"))
        assert "bot.rasa.action_server" in actions and "bot.tools.supervise" in actions, procfile


@pytest.mark.parametrize("token", ["-leading-dash_token", "plainToken123", "--enable-api"])
def test_the_procfile_hands_rasa_any_api_token_even_one_that_starts_with_a_dash(token: str):
    """A token made by secrets.token_urlsafe starts with "-" once in 64 times; `--auth-token TOKEN`
    then read it as an option, and `make run` gave up after five failed starts."""
    from rasa.__main__ import create_argument_parser

    line = next(line for line in (PROJECT_ROOT / "Procfile").read_text().splitlines() if line.startswith("rasa:"))
    rasa_args = line.split("bot.rasa.run ", 1)[1]
    env = {
        "PATH": os.environ.get("PATH", ""),
        "RASA_MODEL": "models/m.tar.gz",
        "RASA_CREDENTIALS": "credentials.yml",
        "RASA_HOST": "127.0.0.1",
        "RASA_PORT": "5005",
        "RASA_API_TOKEN": token,
    }
    # honcho runs each line through the shell, so the shell's expansion is what Rasa receives.
    done = subprocess.run(["sh", "-c", f"printf '%s\\n' {rasa_args}"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    parsed = create_argument_parser().parse_args(done.stdout.splitlines())
    assert parsed.auth_token == token and parsed.enable_api
