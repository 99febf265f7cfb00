"""Configuration from the environment and `.env`.

One place reads configuration so the launcher, the action server, the CLI tools
and the tests agree on paths and ports. Real environment variables win over
`.env`, which lets tests and deployments override single values.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dotenv import dotenv_values

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    project_root: Path
    database_url: str
    tracker_store_url: str
    rasa_host: str
    rasa_port: int
    action_port: int
    log_level: str
    content_dir: Path
    spacy_model_dir: Path
    models_dir: Path
    var_dir: Path
    # Advisor console (bot/console) and the review layer (bot/review).
    review_low_confidence: float = 0.5
    retention_days: int = 365
    console_host: str = "127.0.0.1"
    console_port: int = 5006
    console_secure_cookie: bool = False
    console_session_hours: int = 12
    console_trusted_proxies: int = 0
    # The school's own facts (bot/school): its profile file, and SCHOOL_* values that override it.
    school_file: Path = PROJECT_ROOT / "data" / "school.yml"
    school_env: tuple[tuple[str, str], ...] = ()
    # Telling advisors a request arrived (bot/notify): mail server, sender, recipients, Slack webhook,
    # and the console's address as advisors reach it, for the links in what is sent.
    smtp_url: str = ""
    smtp_from: str = ""
    advisor_emails: tuple[str, ...] = ()
    handoff_slack_webhook_url: str = ""
    console_public_url: str = ""
    # What the console shows the Rasa server to speak in a conversation (bot/takeover); empty: a
    # token made once in var/rasa-api.token by whoever starts the servers.
    rasa_api_token: str = ""

    @property
    def rasa_url(self) -> str:
        return f"http://{self.rasa_host}:{self.rasa_port}"

    def server_environment(self) -> dict:
        """Variables that endpoints.yml expands, for the Rasa and action servers we start."""
        return {
            "ACTION_PORT": str(self.action_port),
            "TRACKER_STORE_URL": self.tracker_store_url,
            "DATABASE_URL": self.database_url,
            "LOG_LEVEL": self.log_level,
            # The action server tells advisors of a new request (bot/notify).
            "SMTP_URL": self.smtp_url,
            "SMTP_FROM": self.smtp_from,
            "ADVISOR_EMAILS": ",".join(self.advisor_emails),
            "HANDOFF_SLACK_WEBHOOK_URL": self.handoff_slack_webhook_url,
            "CONSOLE_PUBLIC_URL": self.console_public_url,
        }

    @property
    def console_links_url(self) -> str:
        """The console's address in links that advisors open (mail, Slack): CONSOLE_PUBLIC_URL, else
        where it listens (a wildcard bind read as 127.0.0.1)."""
        if self.console_public_url:
            return self.console_public_url
        host = "127.0.0.1" if self.console_host in ("0.0.0.0", "::", "") else self.console_host
        return f"http://{host}:{self.console_port}"

    @property
    def console_url(self) -> str:
        return f"http://{self.console_host}:{self.console_port}"

    def console_environment(self) -> dict:
        """What the advisor console needs when started under honcho, so a test's or a
        launcher's settings reach it even when they did not come from `.env`."""
        return {
            "DATABASE_URL": self.database_url,
            "TRACKER_STORE_URL": self.tracker_store_url,
            "LOG_LEVEL": self.log_level,
            "CONSOLE_HOST": self.console_host,
            "CONSOLE_PORT": str(self.console_port),
            "CONSOLE_SECURE_COOKIE": "true" if self.console_secure_cookie else "false",
            "CONSOLE_SESSION_HOURS": str(self.console_session_hours),
            "CONSOLE_TRUSTED_PROXIES": str(self.console_trusted_proxies),
            "REVIEW_LOW_CONFIDENCE": str(self.review_low_confidence),
            "RETENTION_DAYS": str(self.retention_days),
            "SMTP_URL": self.smtp_url,
            "SMTP_FROM": self.smtp_from,
            "ADVISOR_EMAILS": ",".join(self.advisor_emails),
            "HANDOFF_SLACK_WEBHOOK_URL": self.handoff_slack_webhook_url,
            "CONSOLE_PUBLIC_URL": self.console_public_url,
        }


def safe_url(url: str) -> str:
    """`url` fit to print or log: a database URL's password never shows.

    SQLAlchemy reads the URL as the bot will; when it cannot, or when an unescaped `@`
    in the password makes it read part of the password as the host, everything between
    the user name and the last `@` is hidden instead.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # not a URL at all, or a port that is not a number
        return _hide_userinfo(url)
    if parsed.host and "@" in parsed.host:
        return _hide_userinfo(url)
    return parsed.render_as_string(hide_password=True)


def _hide_userinfo(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    userinfo, _, where = rest.rpartition("@")
    return f"{scheme}://{userinfo.split(':', 1)[0]}:***@{where}"


class SettingsError(ValueError):
    """A configuration value is present but unusable; the message names it."""


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    return _number(env, name, default, 1, 65535, what="a port")


def _number(env: Mapping[str, str], name: str, default: int, low: int, high: int, what: str = "a number") -> int:
    raw = env.get(name) or str(default)
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from None
    if not low <= value <= high:
        raise SettingsError(f"{name} must be {what} between {low} and {high}, got {value}")
    return value


def _fraction(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name) or str(default)
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number between 0 and 1, got {raw!r}") from None
    if not 0.0 <= value <= 1.0:
        raise SettingsError(f"{name} must be a number between 0 and 1, got {value}")
    return value


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = (env.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name} must be true or false, got {raw!r}")


def _path(root: Path, raw: str | None, default: str) -> Path:
    path = Path(raw or default)
    return path if path.is_absolute() else root / path


def _notify_settings(env: Mapping[str, str]) -> dict:
    """SMTP_URL, SMTP_FROM, ADVISOR_EMAILS, HANDOFF_SLACK_WEBHOOK_URL and CONSOLE_PUBLIC_URL, checked:
    mail is configured whole or not at all, and every address and URL is usable."""
    from bot.notify.config import ConfigError, check_notify_settings

    values = {
        name: (env.get(name) or "").strip()
        for name in ("SMTP_URL", "SMTP_FROM", "ADVISOR_EMAILS", "HANDOFF_SLACK_WEBHOOK_URL", "CONSOLE_PUBLIC_URL")
    }
    try:
        emails = check_notify_settings(values)
    except ConfigError as exc:
        raise SettingsError(str(exc)) from None
    return {
        "smtp_url": values["SMTP_URL"],
        "smtp_from": values["SMTP_FROM"],
        "advisor_emails": emails,
        "handoff_slack_webhook_url": values["HANDOFF_SLACK_WEBHOOK_URL"],
        "console_public_url": values["CONSOLE_PUBLIC_URL"].rstrip("/"),
    }


def load_settings(env_file: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Merge `.env` (if present) under the process environment and validate it."""
    root = PROJECT_ROOT
    env_path = env_file if env_file is not None else root / ".env"
    merged = {k: v for k, v in dotenv_values(env_path).items() if v is not None} if env_path.exists() else {}
    merged.update(os.environ if environ is None else environ)

    var_dir = root / "var"
    default_db = f"sqlite:///{var_dir / 'kb.sqlite3'}"
    return Settings(
        project_root=root,
        database_url=merged.get("DATABASE_URL") or default_db,
        tracker_store_url=merged.get("TRACKER_STORE_URL") or f"sqlite:///{var_dir / 'conversations.sqlite3'}",
        rasa_host=merged.get("RASA_HOST") or "127.0.0.1",
        rasa_port=_int(merged, "RASA_PORT", 5005),
        action_port=_int(merged, "ACTION_PORT", 5055),
        log_level=(merged.get("LOG_LEVEL") or "INFO").upper(),
        content_dir=_path(root, merged.get("KB_CONTENT_DIR"), "data/kb"),
        # config.yml names this path literally, so it is not configurable here.
        spacy_model_dir=var_dir / "spacy" / "en_cma_advisor",
        models_dir=_path(root, merged.get("MODELS_DIR"), "models"),
        var_dir=var_dir,
        review_low_confidence=_fraction(merged, "REVIEW_LOW_CONFIDENCE", 0.5),
        retention_days=_number(merged, "RETENTION_DAYS", 365, 1, 36500),
        console_host=merged.get("CONSOLE_HOST") or "127.0.0.1",
        console_port=_int(merged, "CONSOLE_PORT", 5006),
        console_secure_cookie=_flag(merged, "CONSOLE_SECURE_COOKIE", False),
        console_session_hours=_number(merged, "CONSOLE_SESSION_HOURS", 12, 1, 24 * 30),
        console_trusted_proxies=_number(merged, "CONSOLE_TRUSTED_PROXIES", 0, 0, 10),
        school_file=_path(root, merged.get("SCHOOL_FILE"), "data/school.yml"),
        school_env=tuple(sorted((k, v) for k, v in merged.items() if k.startswith("SCHOOL_") and k != "SCHOOL_FILE")),
        rasa_api_token=(merged.get("RASA_API_TOKEN") or "").strip(),
        **_notify_settings(merged),
    )


def load_settings_or_exit() -> Settings:
    """For a command-line tool: the settings, or the unusable value named on stderr and exit status 1.

    A typo in `.env` is the person's to fix, so it gets one line saying which value, not a traceback.
    """
    try:
        return load_settings()
    except SettingsError as exc:
        print(f"Configuration: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
