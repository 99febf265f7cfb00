"""Which channels the Rasa server opens, from `.env`: writes the credentials file.

REST is always on (the terminal chat and the tests use it); the web widget's
Socket.IO channel when the caller asks for it; Slack and Telegram only when their
secrets are set. A half-configured channel is an error that names what is missing,
never a silently absent channel.

    from bot.rasa.channels.config import channel_env, write_credentials, describe
    names = write_credentials(settings.var_dir / "credentials.yml", channel_env(), socketio=True)
    print(describe(names))            # "Channels on: rest, socketio, slack"

The file holds secrets: it is written with mode 0600 (put it under var/, git-ignored).
`make run` writes it at every start; servers started another way (systemd,
docs/deploy.md) write it first with `python -m bot.rasa.channels.config`.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from dotenv import dotenv_values

from bot.settings import PROJECT_ROOT, load_settings_or_exit

REST_CONNECTOR = "bot.rasa.channels.rest.RestInput"  # Rasa's REST webhook with input checks
SLACK_CONNECTOR = "bot.rasa.channels.slack.SlackInput"
#: Our Socket.IO channel for the widget (it fixes Rasa 3.6's lost replies, see socketio.py).
WIDGET_CONNECTOR = "bot.rasa.channels.socketio.SocketIOInput"
TELEGRAM_CONNECTOR = "bot.rasa.channels.telegram.TelegramInput"
#: Not a channel people talk on: the console's way to speak in a conversation (RASA_API_TOKEN).
ADVISOR_CONNECTOR = "bot.rasa.channels.advisor.AdvisorInput"
SOCKETIO_OPTIONS = {"user_message_evt": "user_uttered", "bot_message_evt": "bot_uttered", "session_persistence": True}

SLACK_REQUIRED = ("SLACK_TOKEN", "SLACK_SIGNING_SECRET")
TELEGRAM_REQUIRED = ("TELEGRAM_TOKEN", "TELEGRAM_BOT_NAME", "TELEGRAM_WEBHOOK_URL")
_TELEGRAM_TOKEN = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
_BOT_NAME = re.compile(r"^@?[A-Za-z0-9_]{3,64}$")


class ChannelConfigError(ValueError):
    """A channel is configured only in part, or with an unusable value; the message names it."""


def channel_env(env_file: Path | None = None, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """`.env` under the process environment, as `bot.settings.load_settings` merges them."""
    env_path = env_file if env_file is not None else PROJECT_ROOT / ".env"
    merged = {k: v for k, v in dotenv_values(env_path).items() if v is not None} if env_path.exists() else {}
    merged.update(os.environ if environ is None else environ)
    return {k: v.strip() for k, v in merged.items() if isinstance(v, str)}


def _wanted(env: Mapping[str, str], service: str, required: tuple) -> bool:
    present = [name for name in required if env.get(name)]
    if not present:
        return False
    missing = [name for name in required if not env.get(name)]
    if missing:
        raise ChannelConfigError(
            f"{service} is half configured: {', '.join(present)} set but "
            f"{', '.join(missing)} empty. Set {'it' if len(missing) == 1 else 'them'} in .env, "
            f"or empty {', '.join(present)} to turn {service} off."
        )
    return True


def _url(env: Mapping[str, str], name: str, https: bool = False) -> str | None:
    value = env.get(name) or None
    if value is None:
        return None
    if not re.match(r"^https://" if https else r"^https?://", value):
        raise ChannelConfigError(f"{name} must be an {'https' if https else 'http(s)'}:// URL, got {value!r}")
    return value


def channel_credentials(
    env: Mapping[str, str],
    socketio: bool = False,
    socketio_connector: str = "socketio",
    socketio_options: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The credentials mapping for `rasa run --credentials` (channel or class path -> options)."""
    credentials: dict[str, Any] = {REST_CONNECTOR: None}
    if socketio:
        credentials[socketio_connector] = dict(socketio_options if socketio_options is not None else SOCKETIO_OPTIONS)
    if _wanted(env, "Slack", SLACK_REQUIRED):
        slack: dict[str, Any] = {"slack_token": env["SLACK_TOKEN"], "slack_signing_secret": env["SLACK_SIGNING_SECRET"]}
        if env.get("SLACK_CHANNEL"):
            slack["slack_channel"] = env["SLACK_CHANNEL"]
        if _url(env, "SLACK_API_URL"):
            slack["api_base_url"] = env["SLACK_API_URL"]
        credentials[SLACK_CONNECTOR] = slack
    if _wanted(env, "Telegram", TELEGRAM_REQUIRED):
        if not _TELEGRAM_TOKEN.match(env["TELEGRAM_TOKEN"]):
            raise ChannelConfigError("TELEGRAM_TOKEN does not look like a BotFather token (digits:letters)")
        if not _BOT_NAME.match(env["TELEGRAM_BOT_NAME"]):
            raise ChannelConfigError(
                f"TELEGRAM_BOT_NAME must be the bot's username (e.g. cma_advisor_bot), got {env['TELEGRAM_BOT_NAME']!r}"
            )
        telegram: dict[str, Any] = {
            "access_token": env["TELEGRAM_TOKEN"],
            "verify": env["TELEGRAM_BOT_NAME"].lstrip("@"),
            "webhook_url": _url(env, "TELEGRAM_WEBHOOK_URL", https=True),
        }
        if _url(env, "TELEGRAM_API_URL"):
            telegram["api_base_url"] = env["TELEGRAM_API_URL"]
        if env.get("TELEGRAM_WEBHOOK_SECRET"):
            if not re.match(r"^[A-Za-z0-9_-]{1,256}$", env["TELEGRAM_WEBHOOK_SECRET"]):
                raise ChannelConfigError("TELEGRAM_WEBHOOK_SECRET may hold only A-Z, a-z, 0-9, _ and - (1-256)")
            telegram["webhook_secret"] = env["TELEGRAM_WEBHOOK_SECRET"]
        credentials[TELEGRAM_CONNECTOR] = telegram
    return credentials


def channel_names(credentials: Mapping[str, Any]) -> list[str]:
    """Short names of the channels in a credentials mapping, in order: rest, socketio, slack, telegram
    (the advisors' relay is not a channel people talk on and is left out)."""
    short = {REST_CONNECTOR: "rest", SLACK_CONNECTOR: "slack", TELEGRAM_CONNECTOR: "telegram"}
    return [
        short.get(key, key.rsplit(".", 1)[-1].lower().replace("input", "") or key)
        for key in credentials
        if key != ADVISOR_CONNECTOR
    ]


def write_credentials(
    path: Path,
    env: Mapping[str, str] | None = None,
    socketio: bool = False,
    socketio_connector: str = "socketio",
    socketio_options: Mapping[str, Any] | None = None,
    advisor: bool = False,
) -> list[str]:
    """Write the credentials file for the channels `env` enables; return their names.

    Written atomically with mode 0600 (it holds tokens). `env` defaults to `.env`
    merged under the process environment. `advisor` adds the console's relay
    (bot/rasa/channels/advisor.py), which reads RASA_API_TOKEN from the environment.
    """
    credentials = channel_credentials(
        channel_env() if env is None else env, socketio, socketio_connector, socketio_options
    )
    if advisor:
        credentials[ADVISOR_CONNECTOR] = None
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = (
        "# Written by bot/rasa/channels/config.py from .env at every start; edit .env, not this file.\n"
        + yaml.safe_dump(credentials, sort_keys=False, default_flow_style=False)
    )
    fd, tmp = tempfile.mkstemp(prefix=".credentials-", dir=path.parent)
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(text)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return channel_names(credentials)


def write_server_credentials(path: Path, env: Mapping[str, str] | None = None) -> list[str]:
    """What every Rasa server of ours opens: REST, the widget, and Slack and Telegram when `.env` sets them,
    plus the advisors' relay."""
    return write_credentials(path, env, socketio=True, socketio_connector=WIDGET_CONNECTOR, advisor=True)


def describe(names: list[str]) -> str:
    """The start-up line: "Channels on: rest, slack"."""
    return "Channels on: " + ", ".join(names)


def main(argv: list[str] | None = None) -> int:
    """`python -m bot.rasa.channels.config [PATH]`: write the credentials file as `make run` does."""
    parser = argparse.ArgumentParser(
        prog="python -m bot.rasa.channels.config", description="Write the Rasa server's credentials file from .env."
    )
    parser.add_argument("path", nargs="?", type=Path, help="default: var/credentials.yml")
    args = parser.parse_args(argv)
    path = args.path or load_settings_or_exit().var_dir / "credentials.yml"
    try:
        names = write_server_credentials(path)
    except (ChannelConfigError, OSError) as exc:
        print(f"Channel configuration: {exc}", file=sys.stderr)
        return 1
    print(f"{path}: {describe(names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
