"""The dashboard: four charts and the same figures as tables.

A page load asks for the figures once and then for four PNGs; drawing them is the
slow part (matplotlib), so the figures and the drawn charts are kept for a minute
per set of filters. Without dates the dashboard shows the last 30 days. matplotlib
is imported on the first dashboard visit, not at start-up.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import replace
from typing import TYPE_CHECKING

from sanic import Blueprint, Request
from sanic.exceptions import NotFound
from sanic.response import HTTPResponse, raw

from bot.console.filters import parse_filters
from bot.console.templating import render
from bot.review.logs import ConversationLog, Filters

if TYPE_CHECKING:
    from bot.review.dashboard import Stats

DEFAULT_DAYS = 30
MAX_DAYS = 366
CACHE_SECONDS = 60
CHARTS = (
    ("volume", "Conversations and messages per day"),
    ("fallback", "Fallback rate per day"),
    ("intents", "Question topics"),
    ("unanswered", "Most frequent unanswered messages"),
)

bp = Blueprint("dashboard")


class FigureCache:
    """Stats and chart PNGs per filter set, for CACHE_SECONDS; safe across handler threads."""

    def __init__(self, log: ConversationLog):
        self.log = log
        self._lock = threading.Lock()
        self._entries: dict[Filters, tuple[float, Stats, dict[str, bytes]]] = {}

    def stats(self, filters: Filters) -> Stats:
        return self._entry(filters, draw=False)[1]

    def charts(self, filters: Filters) -> dict[str, bytes]:
        return self._entry(filters, draw=True)[2]

    def _entry(self, filters: Filters, draw: bool) -> tuple[float, Stats, dict[str, bytes]]:
        from bot.review.dashboard import charts, stats

        with self._lock:
            now = time.monotonic()
            self._entries = {k: v for k, v in self._entries.items() if now - v[0] < CACHE_SECONDS}
            entry = self._entries.get(filters)
            if entry is None:
                entry = (now, stats(self.log, filters), {})
            if draw and not entry[2]:
                entry = (entry[0], entry[1], charts(entry[1]))
            self._entries[filters] = entry
            return entry


def _filters(request: Request) -> tuple[Filters, dict[str, str], list[str]]:
    """Dates default to the last 30 days and span at most MAX_DAYS (a chart of decades helps nobody)."""
    parsed = parse_filters(request.args)
    problems = list(parsed.problems)
    date_to = parsed.filters.date_to or dt.datetime.now(dt.timezone.utc).date()
    date_from = parsed.filters.date_from or date_to - dt.timedelta(days=DEFAULT_DAYS - 1)
    date_to = max(date_to, date_from)  # only a future "from" was given
    if (date_to - date_from).days >= MAX_DAYS:
        date_from = date_to - dt.timedelta(days=MAX_DAYS - 1)
        problems.append(f"The dashboard shows at most {MAX_DAYS} days: from {date_from} to {date_to}.")
    # The dashboard filters by dates and channel only.
    filters = replace(parsed.filters, date_from=date_from, date_to=date_to, flag=None, text=None)
    params = {"from": date_from.isoformat(), "to": date_to.isoformat(), "channel": parsed.params["channel"]}
    return filters, params, problems


@bp.get("/dashboard")
async def dashboard(request: Request) -> HTTPResponse:
    filters, params, problems = _filters(request)
    figures = request.app.ctx.figures.stats(filters)
    days = [
        row
        for row in zip(
            figures.days,
            figures.conversations_per_day,
            figures.messages_per_day,
            figures.fallback_rate_per_day,
            strict=True,
        )
        if row[2]
    ]
    return render(
        request,
        "dashboard.html",
        section="dashboard",
        stats=figures,
        days=days,
        params=params,
        problems=problems,
        channels=request.app.ctx.log.channels(),
        charts=CHARTS,
        totals=(sum(figures.conversations_per_day), sum(figures.messages_per_day)),
    )


@bp.get("/dashboard/<filename:str>")
async def chart(request: Request, filename: str) -> HTTPResponse:
    name = filename[: -len(".png")] if filename.endswith(".png") else ""
    if name not in dict(CHARTS):
        raise NotFound("There is no such chart.")
    filters, _, _ = _filters(request)
    return raw(
        request.app.ctx.figures.charts(filters)[name],
        content_type="image/png",
        headers={"Cache-Control": "private, max-age=60"},
    )
