"""Configuration: .env is read, the environment wins, bad values are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT, SettingsError, load_settings, safe_url


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
    for name in (
        "DATABASE_URL",
        "TRACKER_STORE_URL",
        "RASA_HOST",
        "RASA_PORT",
        "ACTION_PORT",
        "LOG_LEVEL",
        "MODELS_DIR",
        "KB_CONTENT_DIR",
        "CONSOLE_HOST",
        "CONSOLE_PORT",
        "CONSOLE_SECURE_COOKIE",
        "CONSOLE_SESSION_HOURS",
        "CONSOLE_TRUSTED_PROXIES",
        "REVIEW_LOW_CONFIDENCE",
        "RETENTION_DAYS",
    ):
        assert f"\n{name}=" in documented, name


def test_console_and_review_settings_are_read_and_checked(tmp_path: Path):
    s = load_settings(env_file=tmp_path / "absent.env", environ={})
    assert (s.console_host, s.console_port, s.console_url) == ("127.0.0.1", 5006, "http://127.0.0.1:5006")
    assert (s.review_low_confidence, s.retention_days, s.console_secure_cookie) == (0.5, 365, False)
    s = load_settings(
        env_file=tmp_path / "absent.env",
        environ={
            "CONSOLE_PORT": "7006",
            "REVIEW_LOW_CONFIDENCE": "0.3",
            "RETENTION_DAYS": "30",
            "CONSOLE_SECURE_COOKIE": "true",
            "CONSOLE_TRUSTED_PROXIES": "1",
        },
    )
    assert (s.console_port, s.review_low_confidence, s.retention_days) == (7006, 0.3, 30)
    assert s.console_secure_cookie and s.console_trusted_proxies == 1
    assert s.console_environment()["CONSOLE_PORT"] == "7006"


@pytest.mark.parametrize(
    "name,value",
    [
        ("REVIEW_LOW_CONFIDENCE", "1.5"),
        ("REVIEW_LOW_CONFIDENCE", "high"),
        ("RETENTION_DAYS", "0"),
        ("CONSOLE_SECURE_COOKIE", "maybe"),
    ],
)
def test_bad_console_setting_is_named(tmp_path: Path, name: str, value: str):
    with pytest.raises(SettingsError, match=name):
        load_settings(env_file=tmp_path / "absent.env", environ={name: value})


@pytest.mark.parametrize(
    "url, shown",
    [
        (
            "postgresql+psycopg2://advisor:s3cret@127.0.0.1:5432/cma",
            "postgresql+psycopg2://advisor:***@127.0.0.1:5432/cma",
        ),
        ("postgresql://advisor:p%40ss@db.school.edu/kb", "postgresql://advisor:***@db.school.edu/kb"),
        # An unescaped @ makes SQLAlchemy read "cret@db" as the host: the whole password is still hidden.
        ("postgresql://advisor:s3@cret@db/kb", "postgresql://advisor:***@db/kb"),
        # Unreadable by SQLAlchemy (the port is not a number): hidden all the same.
        ("postgresql://advisor:s3cret@db:port/kb", "postgresql://advisor:***@db:port/kb"),
        ("postgresql://advisor@db/kb", "postgresql://advisor@db/kb"),
        ("sqlite:////srv/cma/var/kb.sqlite3", "sqlite:////srv/cma/var/kb.sqlite3"),
        ("not a url", "not a url"),
    ],
)
def test_safe_url_never_shows_a_password(url: str, shown: str):
    assert safe_url(url) == shown
