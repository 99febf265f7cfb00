"""Sending one mail over SMTP: TLS from the start for smtps://, STARTTLS whenever an smtp://
server offers it, a login when SMTP_URL names a user, and a bounded wait.

Python's smtplib does the protocol; this module only decides how to connect. A server
that offers no STARTTLS gets the mail in plain text, as SMTP_URL's smtp:// allows (a
local relay); say smtps:// to require TLS.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from bot.notify.config import SmtpServer

#: Seconds to wait for the mail server at each step: a hung server must not hold a delivery for long.
TIMEOUT_S = 15.0


class MailError(Exception):
    """The mail was not sent; the message says why, without the password."""


def send_mail(
    server: SmtpServer, mail: EmailMessage, timeout: float = TIMEOUT_S, context: ssl.SSLContext | None = None
) -> None:
    """Send `mail` through `server`, or raise MailError. `context` verifies the server's certificate
    (default: the system's trusted authorities)."""
    context = context or ssl.create_default_context()
    try:
        if server.tls:
            client: smtplib.SMTP = smtplib.SMTP_SSL(server.host, server.port, timeout=timeout, context=context)
        else:
            client = smtplib.SMTP(server.host, server.port, timeout=timeout)
        with client:
            client.ehlo()
            if not server.tls and client.has_extn("starttls"):
                client.starttls(context=context)
                client.ehlo()
            if server.username:
                client.login(server.username, server.password)
            client.send_message(mail)
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(f"the mail server refused the login for {server.username!r} ({exc.smtp_code})") from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailError(f"the mail server refused the recipients {', '.join(exc.recipients)}") from None
    except smtplib.SMTPResponseException as exc:
        raise MailError(f"the mail server answered {exc.smtp_code}: {_text(exc.smtp_error)}") from None
    except (smtplib.SMTPException, ssl.SSLError, OSError) as exc:
        raise MailError(f"could not reach the mail server {server.host}:{server.port} ({_reason(exc)})") from None


def _text(value: bytes | str) -> str:
    return (value.decode(errors="replace") if isinstance(value, bytes) else str(value)).strip()[:200]


def _reason(exc: BaseException) -> str:
    return (str(exc) or type(exc).__name__)[:200]
