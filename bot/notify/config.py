"""The notification settings, read and checked: where mail goes out, who gets it, the Slack webhook.

A deployment relies on these names (`.env`): SMTP_URL (`smtp://user:pass@host:port`,
STARTTLS when the server offers it; `smtps://` for TLS from the start), SMTP_FROM,
ADVISOR_EMAILS (comma-separated) and HANDOFF_SLACK_WEBHOOK_URL; CONSOLE_PUBLIC_URL is the
console's address in the links. Mail is configured whole or not at all: half of it is an
error that names what is missing, never a request that nobody hears of.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from bot.contacts import EMAIL_PATTERN

#: Ports when SMTP_URL names none: submission with STARTTLS, and implicit TLS.
DEFAULT_PORTS = {"smtp": 587, "smtps": 465}
MAIL_NAMES = ("SMTP_URL", "SMTP_FROM", "ADVISOR_EMAILS")


class ConfigError(ValueError):
    """A notification setting is unusable or only half there; the message names it."""


@dataclass(frozen=True)
class SmtpServer:
    """Where mail goes out: `tls` is True for smtps:// (TLS from the start); smtp:// upgrades with
    STARTTLS whenever the server offers it."""

    host: str
    port: int
    tls: bool
    username: str = ""
    password: str = ""

    def __repr__(self) -> str:  # never print the password
        return f"SmtpServer({'smtps' if self.tls else 'smtp'}://{self.host}:{self.port}, user={self.username!r})"


def parse_smtp_url(url: str) -> SmtpServer:
    """SMTP_URL as a server; ConfigError saying what is wrong with it (the password never shown)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise ConfigError("SMTP_URL must look like smtp://user:password@host:port (its port is not a number)") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise ConfigError(f"SMTP_URL must start with smtp:// or smtps://, got {scheme or 'no scheme'}")
    if not parts.hostname:
        raise ConfigError("SMTP_URL names no mail server: smtp://user:password@host:port")
    return SmtpServer(
        host=parts.hostname,
        port=port or DEFAULT_PORTS[scheme],
        tls=scheme == "smtps",
        username=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
    )


def parse_emails(raw: str, name: str = "ADVISOR_EMAILS") -> tuple[str, ...]:
    """A comma-separated list of email addresses, each checked; duplicates dropped, order kept."""
    emails: list[str] = []
    for item in raw.replace(";", ",").split(","):
        item = item.strip()
        if not item:
            continue
        if not EMAIL_PATTERN.fullmatch(item):
            raise ConfigError(f"{name} holds {item!r}, which is not an email address")
        if item.lower() not in {e.lower() for e in emails}:
            emails.append(item)
    return tuple(emails)


def check_url(raw: str, name: str) -> str:
    """An http(s) URL with a host, or ConfigError naming the setting."""
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{name} must be an http(s):// address, got {raw!r}")
    return raw


def check_notify_settings(values: Mapping[str, str]) -> tuple[str, ...]:
    """Check the five settings (already stripped); returns ADVISOR_EMAILS as a tuple."""
    present = [name for name in MAIL_NAMES if values.get(name)]
    if present and len(present) < len(MAIL_NAMES):
        missing = [name for name in MAIL_NAMES if not values.get(name)]
        raise ConfigError(
            f"Mail to advisors is half configured: {', '.join(present)} set but {', '.join(missing)} empty. "
            f"Set {'it' if len(missing) == 1 else 'them'} in .env, or empty {', '.join(present)} to send no mail."
        )
    emails = parse_emails(values.get("ADVISOR_EMAILS", ""))
    if values.get("SMTP_URL"):
        parse_smtp_url(values["SMTP_URL"])
        if not EMAIL_PATTERN.fullmatch(values.get("SMTP_FROM", "")):
            raise ConfigError(f"SMTP_FROM must be one email address, got {values.get('SMTP_FROM')!r}")
    for name in ("HANDOFF_SLACK_WEBHOOK_URL", "CONSOLE_PUBLIC_URL"):
        if values.get(name):
            check_url(values[name], name)
    return emails
