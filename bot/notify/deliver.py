"""Telling advisors: owe the notifications of a new request, send what is due, and the digest.

`Notifier.request_filed` is what the action server calls once a request is stored: it
writes the notifications the settings ask for (mail when SMTP_URL is set, a Slack post
when HANDOFF_SLACK_WEBHOOK_URL is) and sends them in a background thread, so the person's
answer never waits for a mail server. Whatever could not go is sent later by `deliver_due`
(the console runs it every RETRY_EVERY_S; `python -m bot.notify retry` runs it by hand).
"""

from __future__ import annotations

import datetime as dt
import logging
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.db import utcnow
from bot.handoff.store import HandoffRequest, HandoffStore
from bot.notify import compose
from bot.notify.config import SmtpServer, parse_smtp_url
from bot.notify.mail import MailError, send_mail
from bot.notify.outbox import Notification, Outbox
from bot.notify.webhook import WebhookError, post_json_blocking
from bot.settings import Settings

log = logging.getLogger(__name__)

#: How often the console sends what is due again.
RETRY_EVERY_S = 30.0

MailSender = Callable[[SmtpServer, EmailMessage], None]
PostSender = Callable[[str, dict[str, Any]], None]


@dataclass(frozen=True)
class Delivery:
    """What one round of sending did: counts of notifications sent and not sent."""

    sent: int = 0
    failed: int = 0
    errors: tuple[str, ...] = field(default=())


class Notifier:
    """Notifications per the settings, through the outbox in the app database at `engine`."""

    def __init__(
        self,
        settings: Settings,
        engine: Engine,
        mail_sender: MailSender | None = None,
        post_sender: PostSender | None = None,
        tls_context: ssl.SSLContext | None = None,
    ):
        self.settings = settings
        self.outbox = Outbox(engine)
        self.handoffs = HandoffStore(engine)
        self.links = compose.Links(settings.console_links_url)
        self.smtp = parse_smtp_url(settings.smtp_url) if settings.smtp_url else None
        self._tls_context = tls_context
        self._send_mail = mail_sender or self._smtp_send
        self._post = post_sender or post_json_blocking

    @property
    def kinds(self) -> tuple[str, ...]:
        """What a new request produces: ("email", "slack"), either, or nothing."""
        return (("email",) if self.smtp else ()) + (("slack",) if self.settings.handoff_slack_webhook_url else ())

    def _smtp_send(self, server: SmtpServer, mail: EmailMessage) -> None:
        send_mail(server, mail, context=self._tls_context)

    # --- a new request ---------------------------------------------------------------------

    def request_filed(self, request_id: int, sender_id: str, background: bool = True) -> list[int]:
        """Owe the notifications of a request just filed and start sending them; their ids.

        Never raises: the request is filed whatever happens here (a failure is logged)."""
        if not self.kinds:
            return []
        try:
            ids = self.outbox.add(request_id, sender_id, self.kinds)
        except SQLAlchemyError:
            log.exception(f"Could not record the notifications of handoff request {request_id}.")
            return []
        if background:
            threading.Thread(
                target=self.deliver_due, kwargs={"request_id": request_id}, name="notify", daemon=True
            ).start()
        else:
            self.deliver_due(request_id=request_id)
        return ids

    # --- sending -----------------------------------------------------------------------------

    def deliver_due(
        self, request_id: int | None = None, now: dt.datetime | None = None, due_only: bool = True
    ) -> Delivery:
        """Send the notifications that are due (of one request, when given); never raises."""
        now = now or utcnow()
        try:
            claimed = self.outbox.claim(now, request_id=request_id, due_only=due_only)
        except SQLAlchemyError as exc:
            log.warning(f"Could not read the notifications to send: {exc}")
            return Delivery(errors=(str(exc),))
        sent, errors = 0, []
        for notification in claimed:
            error = self._deliver(notification, now)
            if error is None:
                sent += 1
            else:
                errors.append(error)
        return Delivery(sent, len(errors), tuple(errors))

    def _deliver(self, notification: Notification, now: dt.datetime) -> str | None:
        """Send one claimed notification and record how it went; the error, or None once sent."""
        try:
            request = self.handoffs.get(notification.request_id)
            error: str | None
            if request is None:
                error = "the request no longer exists (deleted by the retention purge)"
            else:
                error = self._send(notification.kind, request)
            if error is None:
                self.outbox.sent(notification.id)
                log.info(f"Sent the {notification.kind} notification of handoff request {notification.request_id}.")
                return None
            status = self.outbox.failed(notification, error, now)
        except SQLAlchemyError as exc:
            log.warning(f"Could not record the {notification.kind} notification {notification.id}: {exc}")
            return str(exc)
        later = "gave up" if status == "failed" else "will try again"
        log.warning(
            f"The {notification.kind} notification of handoff request {notification.request_id} was not sent "
            f"({error}); {later}."
        )
        return error

    def _send(self, kind: str, request: HandoffRequest) -> str | None:
        """Send one notification of `request`; the reason it failed, or None."""
        try:
            if kind == "email":
                if self.smtp is None:
                    return "mail is not configured any more (SMTP_URL is empty)"
                self._send_mail(self.smtp, self._request_mail(request))
            elif kind == "slack":
                if not self.settings.handoff_slack_webhook_url:
                    return "Slack is not configured any more (HANDOFF_SLACK_WEBHOOK_URL is empty)"
                self._post(self.settings.handoff_slack_webhook_url, compose.request_post(request, self.links))
            else:
                return f"unknown kind of notification {kind!r}"
        except (MailError, WebhookError) as exc:
            return str(exc)
        except Exception as exc:  # a sender's bug must not stop the others; logged with its traceback
            log.exception(f"Sending the {kind} notification of handoff request {request.id} failed.")
            return f"{type(exc).__name__}: {str(exc)[:200]}"
        return None

    def _request_mail(self, request: HandoffRequest) -> EmailMessage:
        return compose.request_mail(request, self.links, self.settings.smtp_from, self.settings.advisor_emails)

    # --- the daily digest --------------------------------------------------------------------

    def digest(self, now: dt.datetime | None = None) -> tuple[int, list[str]]:
        """Send the open requests to every configured place; (how many requests, errors).

        Nothing is sent when no request is open: an empty digest every day teaches people to ignore it."""
        now = now or utcnow()
        requests = self.handoffs.list(status="open")
        if not requests:
            return 0, []
        errors = []
        if self.smtp:
            mail = compose.digest_mail(requests, now, self.links, self.settings.smtp_from, self.settings.advisor_emails)
            try:
                self._send_mail(self.smtp, mail)
            except MailError as exc:
                errors.append(f"mail: {exc}")
        if self.settings.handoff_slack_webhook_url:
            try:
                self._post(self.settings.handoff_slack_webhook_url, compose.digest_post(requests, now, self.links))
            except WebhookError as exc:
                errors.append(f"Slack: {exc}")
        return len(requests), errors
