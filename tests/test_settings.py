"""Configuration: .env is read, the environment wins, bad values are named."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT, SettingsError, load_settings


def test_defaults_without_env_file(tmp_path: Path):
    s = load_settings(env_file=tmp_path / "absent.env", environ={})
    assert s.database_url == f"sqlite:///{PROJECT_ROOT / 'var' / 'kb.sqlite3'}"
    assert s.tracker_store_url.endswith("var/conversations.sqlite3")
    assert (s.rasa_port, s.action_port, s.log_level) == (5005, 5055, "INFO")
    assert s.rasa_url == "http://127.0.0.1:5005"


def test_env_file_is_read_and_environment_overrides_it(tmp_path: Path):
    env = tmp_path / ".env"
    env.write_text("RASA_PORT=6000\nDATABASE_URL=postgresql://u:p@127.0.0.1/kb\nLOG_LEVEL=debug\n")
    s = load_settings(env_file=env, environ={"RASA_PORT": "7000"})
    assert s.rasa_port == 7000
    assert s.database_url == "postgresql://u:p@127.0.0.1/kb"
    assert s.log_level == "DEBUG"


def test_empty_values_in_env_file_mean_default(tmp_path: Path):
    env = tmp_path / ".env"
    env.write_text("DATABASE_URL=\nRASA_PORT=\n")
    s = load_settings(env_file=env, environ={})
    assert s.database_url.startswith("sqlite:///") and s.rasa_port == 5005


@pytest.mark.parametrize("value", ["abc", "0", "70000"])
def test_bad_port_is_named(tmp_path: Path, value: str):
    with pytest.raises(SettingsError, match="ACTION_PORT"):
        load_settings(env_file=tmp_path / "absent.env", environ={"ACTION_PORT": value})


def test_env_example_documents_every_setting():
    documented = (PROJECT_ROOT / ".env.example").read_text()
    for name in ("DATABASE_URL", "TRACKER_STORE_URL", "RASA_HOST", "RASA_PORT", "ACTION_PORT", "LOG_LEVEL", "MODELS_DIR", "KB_CONTENT_DIR"):
        assert f"\n{name}=" in documented, name
