"""The launcher's own output: what `make run` prints never holds a database password;
and every developer command names a bad setting instead of ending in a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import load_settings
from bot.tools import launch

PASSWORD = "Tr4cker-s3cret"


def test_the_ready_message_names_the_conversation_database_without_its_password(tmp_path: Path):
    url = f"postgresql://advisor:{PASSWORD}@db.school.edu:5432/cma_conversations"
    settings = load_settings(env_file=tmp_path / "absent.env", environ={"TRACKER_STORE_URL": url})
    message = launch.ready_message(settings, ["rest"], 12.0)
    assert PASSWORD not in message
    assert "Conversations are stored in postgresql://advisor:***@db.school.edu:5432/cma_conversations" in message


def test_the_ready_message_names_an_sqlite_conversation_store_by_its_file(tmp_path: Path):
    store = tmp_path / "conversations.sqlite3"
    settings = load_settings(env_file=tmp_path / "absent.env", environ={"TRACKER_STORE_URL": f"sqlite:///{store}"})
    assert f"Conversations are stored in {store}\n" in launch.ready_message(settings, ["rest"], 12.0)


@pytest.mark.parametrize(
    "command",
    [
        ["bot.tools.launch", "--no-chat"],
        ["bot.tools.train"],
        ["bot.tools.nlp_build"],
        ["bot.tools.bench", "--quick"],
        ["bot.rasa.chat"],
        ["bot.rasa.channels.config"],
    ],
)
def test_a_bad_setting_is_named_not_a_traceback(command: list[str]):
    env = {**os.environ, "RASA_PORT": "not-a-port"}
    done = subprocess.run([sys.executable, "-m", *command], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == "Configuration: RASA_PORT must be a whole number, got 'not-a-port'"
    assert "Traceback" not in done.stderr
