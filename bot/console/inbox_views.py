"""The inbox page: what went wrong, grouped by message, each linking to the turn in its conversation.

Filters are the list's dates and channel, plus why (`reason`) and the order (`sort`);
a bad value is named above the results and dropped, like every filter here.
"""

from __future__ import annotations

from dataclasses import replace

from sanic import Blueprint, Request
from sanic.response import HTTPResponse

from bot.console.filters import parse_filters, positive_int
from bot.console.templating import render
from bot.review.inbox import REASON_LABELS, REASONS, SORTS, inbox

PER_PAGE = 50

bp = Blueprint("inbox")


@bp.get("/inbox")
async def inbox_page(request: Request) -> HTTPResponse:
    parsed = parse_filters(request.args)
    problems = list(parsed.problems)
    reason = (request.args.get("reason") or "").strip() or None
    if reason and reason not in REASONS:
        problems.append(f"There is no reason {reason!r}; it was ignored.")
        reason = None
    sort = (request.args.get("sort") or "").strip() or SORTS[0]
    if sort not in SORTS:
        problems.append(f"There is no order {sort!r}; showing the most frequent first.")
        sort = SORTS[0]
    filters = replace(parsed.filters, flag=None, text=None)
    entries = inbox(request.app.ctx.log, filters, reason=reason, sort=sort)
    pages = max(1, -(-len(entries) // PER_PAGE))
    page = positive_int(request.args.get("page"))
    params = {
        "from": parsed.params["from"],
        "to": parsed.params["to"],
        "channel": parsed.params["channel"],
        "reason": reason or "",
        "sort": sort if sort != SORTS[0] else "",
    }
    return render(
        request,
        "inbox.html",
        section="inbox",
        entries=entries[(page - 1) * PER_PAGE : page * PER_PAGE],
        total=len(entries),
        occurrences=sum(e.count for e in entries),
        page=page,
        pages=pages,
        params=params,
        problems=problems,
        channels=request.app.ctx.log.channels(),
        reasons=REASONS,
        reason_labels=REASON_LABELS,
        sort=sort,
    )
