"""Pages from Jinja2 templates, with autoescaping always on.

Everything a person typed to the bot ends up in these pages, so escaping is not
optional: the environment escapes every `{{ }}` in every template (whatever the
file name), and nothing here marks user text as safe. The page's CSRF token,
the signed-in advisor and the open handoff count reach every template from the
request, so a view cannot forget them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sanic import Request
from sanic.response import HTTPResponse, html

from bot.review.privacy import mask
from bot.review.shown import channel_name

TEMPLATES = Path(__file__).resolve().parent / "templates"

environment = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def when(value: dt.datetime | None, with_date: bool = True) -> str:
    """Times in UTC, the way the tracker store keeps them; the pages say so once."""
    if value is None:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone(dt.timezone.utc)
    return value.strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M")


def percent(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.0f}%"


def query(params: dict, **changes: Any) -> str:
    """A query string with some parameters changed, for paging links that keep the filters."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


# `mask` for anything a client chose that may be a contact (a REST sender id can be an email address).
environment.filters.update(when=when, percent=percent, path_part=lambda s: quote(str(s), safe=""), mask=mask)
environment.globals.update(query=query, channel_name=channel_name, zip=zip)


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTTPResponse:
    session = getattr(request.ctx, "session", None)
    context.setdefault("advisor", session.email if session else None)
    context.setdefault("csrf_token", session.csrf_token if session else getattr(request.ctx, "login_csrf", ""))
    context.setdefault("open_handoffs", getattr(request.ctx, "open_handoffs", 0))
    context.setdefault("is_admin", getattr(request.ctx, "role", None) == "admin")
    context.setdefault("section", "")
    context.setdefault("background_name", request.app.ctx.background_name)
    return html(environment.get_template(template).render(**context), status=status)
