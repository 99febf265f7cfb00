"""Signing in and out, and the checks every request passes before a page sees it.

Nothing but the sign-in page, the stylesheet and the health check answers without
a session. Every POST must carry the CSRF token of its session (or, for the
sign-in form, the one in its own short-lived cookie: there is no session yet);
a missing or wrong token is refused with 403 before the view runs, so nothing
changes. Wrong passwords are counted per account and client address together and per
client address, each with an exponential back-off and never a lock on an account
(bot.console.ratelimit); a sign-in that must wait gets 429 with the wait.
"""

from __future__ import annotations

import functools
import hmac
import logging
import secrets
from typing import Any
from urllib.parse import quote

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, redirect, text

from bot.console.accounts import ADVISOR, normalize_email
from bot.console.templating import render
from bot.safe_log import printable

log = logging.getLogger(__name__)

SESSION_COOKIE = "console_session"
LOGIN_CSRF_COOKIE = "console_login_csrf"
PUBLIC_PATHS = ("/login", "/health")

bp = Blueprint("auth")


def client_ip(request: Request) -> str:
    """The address behind CONSOLE_TRUSTED_PROXIES proxies (Sanic's PROXIES_COUNT), else the peer's."""
    if not request.app.ctx.settings.console_trusted_proxies and "x-forwarded-for" in request.headers:
        _warn_untrusted_proxy()
    return request.remote_addr or request.ip or "unknown"


@functools.lru_cache(maxsize=1)
def _warn_untrusted_proxy() -> None:
    """Once: behind a proxy that is not declared, every sign-in seems to come from the proxy's address."""
    log.warning(
        "Requests carry X-Forwarded-For but CONSOLE_TRUSTED_PROXIES is 0: every advisor seems to sign in "
        "from the proxy's address, so one person's failed sign-ins slow everyone down. Set "
        "CONSOLE_TRUSTED_PROXIES to the number of proxies in front of the console."
    )


def _set_cookie(request: Request, response: HTTPResponse, name: str, value: str, max_age: int, path: str) -> None:
    response.cookies[name] = value
    cookie = response.cookies[name]
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["path"] = path
    cookie["max-age"] = max_age
    if request.app.ctx.settings.console_secure_cookie:
        cookie["secure"] = True


def _clear_cookie(request: Request, response: HTTPResponse, name: str, path: str) -> None:
    _set_cookie(request, response, name, "", 0, path)


def _is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith("/static/")


def _safe_next(target: str | None) -> str:
    """Only a path on this console: never another site (`//evil`, `https://…`, `/\\evil`)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def forbidden(request: Request) -> HTTPResponse:
    return render(
        request,
        "message.html",
        status=403,
        title="This form could not be accepted",
        message="The form was missing its security token or it no longer matches your sign-in "
        "(for example after signing out in another tab). Nothing was changed. "
        "Go back, reload the page and try again.",
    )


def _token_matches(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))


async def check_request(request: Request) -> HTTPResponse | None:
    """Request middleware: attach the session, send strangers to /login, refuse bad CSRF tokens."""
    app = request.app
    request.ctx.session = app.ctx.sessions.get(request.cookies.get(SESSION_COOKIE))
    if _is_public(request.path):
        return None
    if request.ctx.session is None:
        if request.method == "GET":
            target = request.path + (f"?{request.query_string}" if request.query_string else "")
            return redirect("/login?next=" + quote(target, safe=""), status=303)
        return redirect("/login", status=303)
    if request.method == "POST" and not _token_matches(request.ctx.session.csrf_token, request.form.get("csrf_token")):
        log.warning("CSRF token missing or wrong: %s %s from %s", request.method, request.path, client_ip(request))
        return forbidden(request)
    # Read on every request, so a role changed by an admin or from the command line applies at once.
    request.ctx.role = app.ctx.accounts.role_of(request.ctx.session.email) or ADVISOR
    request.ctx.open_handoffs = app.ctx.handoffs.count("open")
    return None


@bp.get("/health")
async def health(request: Request) -> HTTPResponse:
    return text("ok")


def _login_page(
    request: Request, status: int = 200, error: str = "", email: str = "", next_path: str = "/"
) -> HTTPResponse:
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
    request.ctx.login_csrf = token
    response = render(
        request,
        "login.html",
        status=status,
        error=error,
        email=email,
        next_path=next_path,
        no_accounts=request.app.ctx.accounts.count() == 0,
    )
    _set_cookie(request, response, LOGIN_CSRF_COOKIE, token, 3600, "/login")
    return response


@bp.get("/login")
async def login_form(request: Request) -> HTTPResponse:
    if request.ctx.session is not None:
        return redirect(_safe_next(request.args.get("next")), status=303)
    return _login_page(request, next_path=_safe_next(request.args.get("next")))


@bp.post("/login")
async def login(request: Request) -> HTTPResponse:
    app = request.app
    if not _token_matches(request.cookies.get(LOGIN_CSRF_COOKIE), request.form.get("csrf_token")):
        return forbidden(request)
    email = normalize_email(request.form.get("email", ""))[:200]
    password = request.form.get("password", "")
    next_path = _safe_next(request.form.get("next"))
    ip = client_ip(request)
    blocked = app.ctx.limiter.blocked(email, ip)
    if blocked:
        log.warning("sign-in blocked (%s) for %s from %s", blocked.by, _who(app, email), printable(ip))
        if blocked.seconds < 60:
            wait = f"{blocked.seconds} second{'s' if blocked.seconds != 1 else ''}"
        else:
            wait = f"{blocked.minutes} minute{'s' if blocked.minutes != 1 else ''}"
        response = render(
            request,
            "message.html",
            status=429,
            title="Too many failed sign-ins",
            message=f"Too many sign-ins have failed from your network. Try again in {wait}.",
            link=("/login", "Back to sign-in"),
        )
        response.headers["Retry-After"] = str(blocked.seconds)
        return response
    advisor = app.ctx.accounts.verify(email, password) if email and password else None
    if advisor is None:
        app.ctx.limiter.record_failure(email, ip)
        log.info("failed sign-in for %s from %s", _who(app, email), printable(ip))
        return _login_page(request, status=401, error="Wrong email or password.", email=email, next_path=next_path)
    app.ctx.limiter.record_success(advisor.email, ip)
    token = app.ctx.sessions.start(advisor.email)
    response = redirect(next_path, status=303)
    _set_cookie(request, response, SESSION_COOKIE, token, int(app.ctx.sessions.lifetime.total_seconds()), "/")
    _clear_cookie(request, response, LOGIN_CSRF_COOKIE, "/login")
    log.info("%s signed in from %s", advisor.email, printable(ip))
    return response


def _who(app: Any, typed: str) -> str:
    """What a log line may say about the email typed at sign-in: the account when there is one.

    What was typed is never logged as such: a newline in it would forge a log line, and people
    type their password into the email field more often than one would think."""
    return typed if typed and app.ctx.accounts.exists(typed) else "an unknown account"


@bp.post("/logout")
async def logout(request: Request) -> HTTPResponse:
    request.app.ctx.sessions.end(request.cookies.get(SESSION_COOKIE))
    response = redirect("/login", status=303)
    _clear_cookie(request, response, SESSION_COOKIE, "/")
    return response
