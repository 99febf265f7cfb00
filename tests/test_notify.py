"""Telling advisors of a new request: settings, what is sent, sending it to a real SMTP server
(aiosmtpd) and a fake Slack webhook, retrying what could not go, the digest, and the queue
that shows each request's age and whether its notifications went."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update

from bot.db import get_engine, utcnow
from bot.handoff.age import waiting
from bot.handoff.store import HandoffStore, handoff_table
from bot.notify import cli
from bot.notify.config import ConfigError, parse_smtp_url
from bot.notify.deliver import Notifier
from bot.notify.mail import MailError, send_mail
from bot.notify.outbox import GIVE_UP_AFTER, RETRY_AFTER
from bot.settings import Settings, SettingsError, load_settings
from tests.console_app import console_in_process, csrf_token
from tests.e2e import free_port
from tests.notify_fakes import FakeWebhook, MailServer

ADVISORS = "ana@school.edu, ben@school.edu"


def notify_settings(tmp_path: Path, db_url: str, **env: str) -> Settings:
    return load_settings(
        env_file=tmp_path / "absent.env",
        environ={
            "DATABASE_URL": db_url,
            "TRACKER_STORE_URL": f"sqlite:///{tmp_path / 'conversations.sqlite3'}",
            "CONSOLE_PUBLIC_URL": "https://advisors.example.edu/",
            "CONSOLE_TRUSTED_PROXIES": "1",
            **env,
        },
    )


def mail_env(server: MailServer | None = None, url: str | None = None) -> dict[str, str]:
    return {
        "SMTP_URL": url or (server.url if server else ""),
        "SMTP_FROM": "bot@school.edu",
        "ADVISOR_EMAILS": ADVISORS,
    }


@pytest.fixture
def app_db(loaded_db_url: str, tmp_path: Path) -> str:
    """A private copy of the session's knowledge base, as the app database."""
    path = tmp_path / "app.sqlite3"
    shutil.copy(loaded_db_url.removeprefix("sqlite:///"), path)
    return f"sqlite:///{path}"


@pytest.fixture
def webhook() -> Iterator[FakeWebhook]:
    with FakeWebhook() as fake:
        yield fake


def file_request(db_url: str, **fields: str) -> int:
    values = {"sender_id": "web-abc123", "name": "Ana Souza", "contact": "+1 555 010 7788", "channel": "socketio"}
    values.update(fields)
    return HandoffStore(get_engine(db_url)).create(message="can I talk to a real advisor? I'm at ana@x.org", **values)


# --- settings -------------------------------------------------------------------------------


def test_smtp_urls_are_read_with_their_defaults_and_wrong_ones_named():
    server = parse_smtp_url("smtp://mailer:p%40ss%20word@mail.school.edu:2525")
    assert (server.host, server.port, server.tls, server.username, server.password) == (
        "mail.school.edu",
        2525,
        False,
        "mailer",
        "p@ss word",
    )
    assert "p@ss" not in repr(server)
    assert parse_smtp_url("smtps://mail.school.edu").port == 465 and parse_smtp_url("smtps://m.edu").tls
    assert parse_smtp_url("smtp://mail.school.edu").port == 587
    for bad, said in (
        ("http://mail.school.edu", "smtp://"),
        ("smtp://", "names no mail server"),
        ("smtp://h:x", "port"),
    ):
        with pytest.raises(ConfigError, match=said):
            parse_smtp_url(bad)


def test_half_configured_mail_stops_start_up_naming_what_is_missing(tmp_path):
    with pytest.raises(SettingsError, match="SMTP_FROM, ADVISOR_EMAILS empty"):
        notify_settings(tmp_path, "sqlite://", SMTP_URL="smtp://127.0.0.1:25")
    with pytest.raises(SettingsError, match="not an email address"):
        notify_settings(tmp_path, "sqlite://", **{**mail_env(url="smtp://127.0.0.1"), "ADVISOR_EMAILS": "ana, ben"})
    with pytest.raises(SettingsError, match="HANDOFF_SLACK_WEBHOOK_URL"):
        notify_settings(tmp_path, "sqlite://", HANDOFF_SLACK_WEBHOOK_URL="hooks.slack.com/services/x")
    settings = notify_settings(tmp_path, "sqlite://", **mail_env(url="smtp://127.0.0.1"))
    assert settings.advisor_emails == ("ana@school.edu", "ben@school.edu")
    assert settings.console_links_url == "https://advisors.example.edu"


def test_waiting_times_read_at_a_glance():
    now = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.timezone.utc)
    ago = [dt.timedelta(seconds=20), dt.timedelta(minutes=12), dt.timedelta(hours=3, minutes=59), dt.timedelta(days=3)]
    assert [waiting(now - a, now) for a in ago] == ["under a minute", "12 min", "3 h", "3 days"]


# --- sending ----------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["plain", "starttls", "smtps"])
def test_a_new_request_is_mailed_to_every_advisor(app_db, tmp_path, mode):
    with MailServer(mode, tmp_path) as server:
        settings = notify_settings(tmp_path, app_db, **mail_env(server))
        notifier = Notifier(settings, get_engine(app_db), tls_context=server.client_context())
        request_id = file_request(app_db)
        assert notifier.request_filed(request_id, "web-abc123", background=False)
        ((mail, over_tls, logged_in),) = server.wait_for(1)
    assert (over_tls, logged_in) == (mode != "plain", mode != "plain")  # STARTTLS whenever offered, and the login
    assert mail["To"] == ADVISORS and mail["From"] == "bot@school.edu"
    assert mail["Subject"] == "Ana Souza asked for an advisor (website chat)"
    body = mail.get_content()
    assert "Contact: +1 555 010 7788" in body and "Channel: website chat" in body
    assert "https://advisors.example.edu/c/web-abc123" in body
    assert f"https://advisors.example.edu/handoff#request-{request_id}" in body
    assert "a***@x.org" in body and "ana@x.org" not in body  # what they typed is masked, as in the console
    (sent,) = notifier.outbox.list()
    assert (sent.kind, sent.status, sent.attempts, sent.last_error) == ("email", "sent", 1, None)


def test_a_server_whose_certificate_is_not_trusted_gets_no_mail(tmp_path):
    with MailServer("smtps", tmp_path) as server:
        with pytest.raises(MailError, match="could not reach the mail server"):
            send_mail(parse_smtp_url(server.url), _any_mail(), timeout=5)
        assert server.mails() == []


def _any_mail():
    from email.message import EmailMessage

    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "bot@school.edu", "ana@school.edu", "test"
    mail.set_content("test")
    return mail


def test_a_new_request_is_posted_to_the_slack_webhook(app_db, tmp_path, webhook):
    settings = notify_settings(tmp_path, app_db, HANDOFF_SLACK_WEBHOOK_URL=webhook.url)
    notifier = Notifier(settings, get_engine(app_db))
    request_id = file_request(app_db, name="Ana <b>&</b> Souza", channel="telegram")
    notifier.request_filed(request_id, "123456")  # in the background, as the action server does
    (post,) = webhook.wait_for(1)
    assert post["text"].startswith("*Ana &lt;b&gt;&amp;&lt;/b&gt; Souza* asked for an advisor on Telegram.")
    assert "Contact: +1 555 010 7788" in post["text"]
    assert f"<https://advisors.example.edu/handoff#request-{request_id}|The handoff queue>" in post["text"]


def test_a_mail_server_that_is_down_is_retried_until_it_is_back_and_the_queue_says_so(app_db, tmp_path, webhook):
    port = free_port()
    down = MailServer("plain", tmp_path, port=port)  # not started: nothing listens on the port
    settings = notify_settings(tmp_path, app_db, **mail_env(down), HANDOFF_SLACK_WEBHOOK_URL=webhook.url)
    notifier = Notifier(settings, get_engine(app_db))
    request_id = file_request(app_db)
    notifier.request_filed(request_id, "web-abc123", background=False)
    assert HandoffStore(get_engine(app_db)).get(request_id).status == "open"  # filed whatever the mail server does
    webhook.wait_for(1)  # Slack was told all the same
    mail_note = next(n for n in notifier.outbox.list() if n.kind == "email")
    assert (mail_note.status, mail_note.attempts) == ("pending", 1)
    assert f"could not reach the mail server 127.0.0.1:{port}" in mail_note.last_error
    assert mail_note.next_attempt_at - utcnow() <= RETRY_AFTER[0]

    # Not due yet: nothing is tried again before the back-off has passed.
    assert notifier.deliver_due().sent == 0 and notifier.outbox.get(mail_note.id).attempts == 1

    with console_in_process(settings) as console:
        client = console.signed_in()
        queue = client.get("/handoff").body
        card = re.search(rf'id="request-{request_id}">.*?</article>', queue, re.S).group(0)
        assert "Email to the advisors: not sent" in card and "could not reach the mail server" in card
        assert "Slack post: sent" in card
        with down:  # the mail server is back; an advisor asks for it to be sent now
            again = client.post(
                f"/handoff/notification/{mail_note.id}/retry", {"csrf_token": csrf_token(queue), "back": "open"}
            )
            assert again.status == 303
            ((mail, _, _),) = down.wait_for(1)
        assert mail["Subject"] == "Ana Souza asked for an advisor (website chat)"
        card = re.search(rf'id="request-{request_id}">.*?</article>', client.get("/handoff").body, re.S).group(0)
        assert "Email to the advisors: sent" in card and "not sent" not in card
        assert (
            client.post(f"/handoff/notification/{mail_note.id}/retry", {"csrf_token": csrf_token(queue)}).status == 404
        )


def test_retries_back_off_and_give_up_after_a_day(app_db, tmp_path):
    settings = notify_settings(tmp_path, app_db, **mail_env(url=f"smtp://127.0.0.1:{free_port()}"))
    notifier = Notifier(settings, get_engine(app_db))
    notifier.request_filed(file_request(app_db), "web-abc123", background=False)
    (first,) = notifier.outbox.list()
    later = first.next_attempt_at + dt.timedelta(seconds=1)
    assert notifier.deliver_due(now=later).failed == 1
    (second,) = notifier.outbox.list()
    assert second.attempts == 2 and second.next_attempt_at - later == RETRY_AFTER[1]
    a_day_later = first.created_at + GIVE_UP_AFTER + dt.timedelta(minutes=1)
    assert notifier.deliver_due(now=a_day_later).failed == 1
    (given_up,) = notifier.outbox.list()
    assert (given_up.status, given_up.attempts) == ("failed", 3)
    assert notifier.deliver_due(now=a_day_later + dt.timedelta(days=1)).failed == 0  # not tried any more
    assert notifier.outbox.retry(given_up.id)  # until an advisor asks for it again
    assert notifier.deliver_due().failed == 1


def test_the_daily_digest_lists_the_open_requests_oldest_first(app_db, tmp_path, webhook, monkeypatch, capsys):
    with MailServer("plain", tmp_path) as server:
        env = {**mail_env(server), "HANDOFF_SLACK_WEBHOOK_URL": webhook.url}
        store = HandoffStore(get_engine(app_db))
        old = file_request(app_db, name="Old Request", sender_id="old")
        file_request(app_db, name="New Request", sender_id="new", channel="slack")
        closed = file_request(app_db, name="Done Already", sender_id="done")
        store.set_status(closed, "resolved")
        with get_engine(app_db).begin() as conn:
            conn.execute(
                update(handoff_table)
                .where(handoff_table.c.id == old)
                .values(created_at=utcnow() - dt.timedelta(days=2))
            )
        monkeypatch.setattr(cli, "load_settings_or_exit", lambda: notify_settings(tmp_path, app_db, **env))
        assert cli.main(["digest"]) == 0
        ((mail, _, _),) = server.wait_for(1)
    assert mail["Subject"] == "2 people are waiting for an advisor (the longest for 2 days)"
    lines = [line for line in mail.get_content().splitlines() if line.startswith("- ")]
    assert [line.split(",")[0] for line in lines] == ["- Old Request", "- New Request"]
    assert "Done Already" not in mail.get_content() and "waiting 2 days" in lines[0]
    (post,) = webhook.wait_for(1)
    assert post["text"].index("Old Request") < post["text"].index("New Request")
    assert "Digest of 2 open requests sent." in capsys.readouterr().out


def test_the_queue_shows_how_long_each_request_has_waited_and_refreshes_itself(app_db, tmp_path):
    settings = notify_settings(tmp_path, app_db)
    request_id = file_request(app_db)
    with get_engine(app_db).begin() as conn:
        conn.execute(
            update(handoff_table)
            .where(handoff_table.c.id == request_id)
            .values(created_at=utcnow() - dt.timedelta(hours=3, minutes=10))
        )
    with console_in_process(settings) as console:
        client = console.signed_in()
        queue = client.get("/handoff").body
        card = re.search(rf'id="request-{request_id}">.*?</article>', queue, re.S).group(0)
        assert "Waiting 3 h" in card and "on website chat" in card
        assert re.search(r'<meta http-equiv="refresh" content="60">', queue)
        assert "Stop refreshing" in queue
        still = client.get("/handoff?refresh=off").body
        assert 'http-equiv="refresh"' not in still and "Refresh every minute" in still
