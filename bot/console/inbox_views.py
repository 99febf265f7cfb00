"""The inbox page: what went wrong, grouped by message, each linking to the turn in its conversation.

Filters are the list's dates and channel, plus why (`reason`) and the order (`sort`);
a bad value is named above the results and dropped, like every filter here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sqlalchemy.exc import SQLAlchemyError

from bot.console.filters import parse_filters, positive_int
from bot.console.templating import render
from bot.kb.queries import KnowledgeBase
from bot.review.inbox import REASON_LABELS, REASONS, SORTS, inbox
from bot.review.logs import FALLBACK_INTENT

PER_PAGE = 50

bp = Blueprint("inbox")


def _titles(kb: KnowledgeBase, intents: Iterable[str]) -> dict[str, str]:
    """What each intent means in plain words (its topic's title), so the page is not read in intent names."""
    titles = {FALLBACK_INTENT: "not understood"}
    for intent in set(intents) - set(titles):
        try:
            titles[intent] = kb.title_for_intent(intent) or intent.replace("_", " ")
        except SQLAlchemyError:
            titles[intent] = intent.replace("_", " ")
    return titles


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
    shown = entries[(page - 1) * PER_PAGE : page * PER_PAGE]
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
        entries=shown,
        titles=_titles(
            KnowledgeBase(request.app.ctx.log.app_engine), (e.latest.intent for e in shown if e.latest.intent)
        ),
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
