"""CSV downloads: the conversation list (with its filters) and the handoff requests."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, raw

from bot.console.filters import parse_filters
from bot.handoff.store import STATUSES
from bot.review.csv_export import conversations_csv, handoffs_csv

bp = Blueprint("csv")


def _download(body: str, name: str) -> HTTPResponse:
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d")
    return raw(
        # A byte-order mark, so a spreadsheet opened by double-click reads accents and "§" as UTF-8.
        ("\ufeff" + body).encode("utf-8"),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}-{stamp}.csv"'},
    )


@bp.get("/conversations.csv")
async def conversations(request: Request) -> HTTPResponse:
    """The conversations the list shows for the same filters (every page), masked as on the page."""
    filters = replace(parse_filters(request.args).filters, unmasked=True)
    return _download(conversations_csv(request.app.ctx.log, filters, request.app.ctx.background_name), "conversations")


@bp.get("/handoff.csv")
async def handoffs(request: Request) -> HTTPResponse:
    """Every handoff request, or those of one status, with their notes and assignee."""
    status = request.args.get("status") or None
    requests = request.app.ctx.handoffs.list(status=status if status in STATUSES else None)
    ids = [r.id for r in requests]
    notes = request.app.ctx.handoff_notes
    written = {
        request_id: [f"{n.by}, {n.at:%Y-%m-%d %H:%M}: {n.text}" for n in found]
        for request_id, found in notes.notes(ids).items()
    }
    assignees = {request_id: a.assignee for request_id, a in notes.assignments(ids).items()}
    return _download(handoffs_csv(requests, assignees, written), "handoff-requests")
