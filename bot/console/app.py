"""The console's Sanic app: stores, blueprints, security headers and error pages.

Every response carries a Content-Security-Policy that allows only our own
stylesheet and images (no scripts at all: the console works without JavaScript),
and pages are not cached, so a shared computer's back button shows nothing after
sign-out. Errors become a short page; a traceback never reaches the browser.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import lru_cache, partial
from pathlib import Path

from sanic import Request, Sanic
from sanic.exceptions import MethodNotSupported, NotFound, PayloadTooLarge, SanicException
from sanic.response import BaseHTTPResponse, HTTPResponse, raw
from sqlalchemy.exc import SQLAlchemyError

from bot.console import (
    account_views,
    auth,
    csv_views,
    dashboard_views,
    export_views,
    handoff_views,
    inbox_views,
    pages,
    retrain_views,
    takeover_views,
)
from bot.console.accounts import AccountStore
from bot.console.dashboard_views import FigureCache
from bot.console.ratelimit import SignInLimiter
from bot.console.sessions import SessionStore
from bot.console.templating import render
from bot.db import get_engine
from bot.handoff.store import HandoffStore
from bot.kb.queries import KnowledgeBase
from bot.notify.deliver import Notifier
from bot.review.handoff_notes import HandoffNotes
from bot.review.logs import ConversationLog
from bot.safe_log import printable, quiet_unreadable_requests
from bot.settings import Settings
from bot.takeover.store import HoldStore

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
#: frame-src 'self': a transcript frames its own live pane (bot/console/takeover_views.py), nothing else.
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; frame-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
#: Sent when CONSOLE_SECURE_COOKIE says the console is reached over HTTPS: a year, this host only.
HSTS = "max-age=31536000"
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def create_app(settings: Settings, name: str = "advisor_console") -> Sanic:
    """One app per process; the stores create their tables here, so a fresh database just works."""
    app = Sanic(name, configure_logging=False)
    app.config.update(
        REQUEST_MAX_SIZE=1_000_000,
        GRACEFUL_SHUTDOWN_TIMEOUT=2.0,
        ACCESS_LOG=False,
        PROXIES_COUNT=settings.console_trusted_proxies or None,
    )
    engine = get_engine(settings.database_url)
    app.ctx.settings = settings
    app.ctx.accounts = AccountStore(engine)
    app.ctx.sessions = SessionStore(engine, dt.timedelta(hours=settings.console_session_hours))
    app.ctx.limiter = SignInLimiter(engine)
    app.ctx.handoffs = HandoffStore(engine)
    app.ctx.handoff_notes = HandoffNotes(engine)
    app.ctx.notifier = Notifier(settings, engine)
    app.ctx.holds = HoldStore(engine)
    app.ctx.log = ConversationLog(settings.tracker_store_url, settings.database_url, settings.review_low_confidence)
    app.ctx.figures = FigureCache(app.ctx.log)
    app.ctx.retrain_project = None  # bot.console.retrain_views: from the settings when first needed
    app.ctx.background_name = lru_cache(maxsize=64)(partial(_background_name, KnowledgeBase(engine)))

    _serve_static(app)
    for module in (
        auth,
        pages,
        inbox_views,
        export_views,
        dashboard_views,
        handoff_views,
        csv_views,
        account_views,
        retrain_views,
        takeover_views,
    ):
        app.blueprint(module.bp)
    app.register_middleware(auth.check_request, "request")
    app.register_middleware(_security_headers, "response")
    app.error_handler.add(NotFound, _not_found)
    app.error_handler.add(MethodNotSupported, _not_allowed)
    app.error_handler.add(PayloadTooLarge, _too_large)
    app.error_handler.add(Exception, _server_error)
    quiet_unreadable_requests()
    return app


def _serve_static(app: Sanic) -> None:
    """The files of static/ by name, each read once; anything else under /static/ is a 404.

    Sanic's own static handler answered /static/ (a folder) and names with a NUL byte
    with a 500 and a traceback in the log."""
    files = {path.name: path.read_bytes() for path in STATIC.iterdir() if path.is_file()}
    types = {".css": "text/css; charset=utf-8", ".png": "image/png", ".svg": "image/svg+xml"}

    @app.get("/static/<name:str>", name="static")
    async def static_file(request: Request, name: str) -> HTTPResponse:
        content = files.get(name)
        if content is None:
            raise NotFound("There is no such file.")
        return raw(content, content_type=types.get(Path(name).suffix, "application/octet-stream"))


def _background_name(kb: KnowledgeBase, key: str) -> str:
    """The knowledge base's name for a background slot value (img: international medical graduate),
    so advisors read words, not keys; the key itself when the KB has none."""
    try:
        return kb.display_name("background", key) or key
    except SQLAlchemyError:
        return key


async def _security_headers(request: Request, response: BaseHTTPResponse) -> None:
    for header, value in SECURITY_HEADERS.items():
        response.headers.setdefault(header, value)
    if request.app.ctx.settings.console_secure_cookie:  # served over HTTPS: browsers must never fall back to HTTP
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    if not request.path.startswith("/static/"):
        response.headers.setdefault("Cache-Control", "no-store")


def _not_found(request: Request, exc: SanicException) -> HTTPResponse:
    message = str(exc) if str(exc) and not str(exc).startswith("Requested URL") else "There is no page at this address."
    return render(request, "message.html", status=404, title="Not found", message=message, link=("/", "Conversations"))


def _not_allowed(request: Request, exc: SanicException) -> HTTPResponse:
    return render(
        request,
        "message.html",
        status=405,
        title="Not allowed",
        message="This address does not accept that kind of request.",
        link=("/", "Conversations"),
    )


def _too_large(request: Request, exc: SanicException) -> HTTPResponse:
    return render(
        request,
        "message.html",
        status=413,
        title="Too much",
        message="That form sent more than the console accepts. Nothing was changed.",
        link=("/", "Conversations"),
    )


def _server_error(request: Request, exc: Exception) -> HTTPResponse:
    if isinstance(exc, SanicException) and exc.status_code < 500:
        return render(
            request,
            "message.html",
            status=exc.status_code,
            title="That did not work",
            message=str(exc) or "The request could not be handled.",
            link=("/", "Conversations"),
        )
    log.exception("console error on %s %s", printable(request.method), printable(request.path), exc_info=exc)
    return render(
        request,
        "message.html",
        status=500,
        title="Something went wrong",
        message="The console could not show this page; the error has been logged. "
        "Try again, and tell whoever runs the console if it keeps happening.",
        link=("/", "Conversations"),
    )
