"""A real SMTP server (aiosmtpd) and a fake Slack incoming webhook on free ports of 127.0.0.1.

`MailServer` receives mail as a school's relay would: plain, with STARTTLS (a certificate made
here for 127.0.0.1, which the test trusts) and a login, or with TLS from the start (smtps).
It can be stopped and started again on the same port, to play a mail server that is down.
`FakeWebhook` records every JSON body posted to it and answers 200 (or what it is told to).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import email.policy
import ipaddress
import ssl
import threading
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiohttp import web
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.e2e import free_port

USER, PASSWORD = "mailer", "mail password"
WAIT_S = 30


def make_certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (and localhost): (certificate file, key file)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "smtp-cert.pem", directory / "smtp-key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


class _Inbox:
    """aiosmtpd's handler: keeps each mail with whether it came over TLS and who logged in."""

    def __init__(self) -> None:
        self.mails: list[tuple[EmailMessage, bool, bool]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        mail = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            over_tls = server.transport.get_extra_info("ssl_object") is not None  # STARTTLS or smtps alike
            self.mails.append((mail, over_tls, bool(session.authenticated)))
        return "250 OK"


def _authenticate(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)


class MailServer:
    """aiosmtpd on 127.0.0.1: mode "plain" (no STARTTLS offered), "starttls" (TLS and a login
    required) or "smtps" (TLS from the first byte)."""

    def __init__(self, mode: str, workdir: Path, port: int | None = None):
        self.mode = mode
        self.port = port or free_port()
        self.inbox = _Inbox()
        self.cert, self.key = make_certificate(workdir)
        self.controller: Controller | None = None

    @property
    def url(self) -> str:
        scheme = "smtps" if self.mode == "smtps" else "smtp"
        login = f"{USER}:{PASSWORD.replace(' ', '%20')}@" if self.mode != "plain" else ""
        return f"{scheme}://{login}127.0.0.1:{self.port}"

    def client_context(self) -> ssl.SSLContext:
        """A TLS context that trusts this server's certificate (as a school's trusts its relay's)."""
        return ssl.create_default_context(cafile=str(self.cert))

    def _server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(self.cert), str(self.key))
        return context

    def start(self) -> MailServer:
        options: dict[str, Any] = {"hostname": "127.0.0.1", "port": self.port}
        if self.mode == "starttls":
            options.update(tls_context=self._server_context(), require_starttls=True, authenticator=_authenticate)
        elif self.mode == "smtps":
            # aiosmtpd offers AUTH only after STARTTLS unless told otherwise; here TLS came first.
            options.update(ssl_context=self._server_context(), authenticator=_authenticate, auth_require_tls=False)
        self.controller = Controller(self.inbox, **options)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def mails(self) -> list[tuple[EmailMessage, bool, bool]]:
        with self.inbox.lock:
            return list(self.inbox.mails)

    def wait_for(self, count: int, timeout: float = WAIT_S) -> list[tuple[EmailMessage, bool, bool]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.mails()) >= count:
                return self.mails()
            time.sleep(0.1)
        raise AssertionError(f"{count} mail(s) never came; got {len(self.mails())}")

    def __enter__(self) -> MailServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


class FakeWebhook:
    """An incoming-webhook endpoint on 127.0.0.1 that records the JSON posted to it."""

    def __init__(self, status: int = 200) -> None:
        self.port = free_port()
        self.status = status
        self.posts: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/services/T000/B000/secret"

    async def _post(self, request: web.Request) -> web.Response:
        body = await request.json()
        with self.lock:
            self.posts.append(body)
        return web.Response(text="ok" if self.status == 200 else "invalid_payload", status=self.status)

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_post("/services/{a}/{b}/{c}", self._post)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.port).start()

    def received(self) -> list[dict[str, Any]]:
        with self.lock:
            return list(self.posts)

    def wait_for(self, count: int, timeout: float = WAIT_S) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.received()) >= count:
                return self.received()
            time.sleep(0.1)
        raise AssertionError(f"{count} webhook post(s) never came; got {self.received()}")

    def __enter__(self) -> FakeWebhook:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(10)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.runner is not None:
            asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
