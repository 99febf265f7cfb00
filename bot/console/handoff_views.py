"""The handoff queue: people who asked for a human advisor, and their status.

This is the one page that shows a person's contact details in full: an advisor
needs them to get in touch. Everything else they typed stays masked here as
everywhere else in the console.
"""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, redirect

from bot.console.filters import positive_int
from bot.console.templating import render
from bot.handoff.store import STATUSES
from bot.review.privacy import mask

bp = Blueprint("handoff")

#: Requests on one page of the queue: a few hundred on one page made it slow and hard to work through.
PER_PAGE = 25


@bp.get("/handoff")
async def queue(request: Request) -> HTTPResponse:
    status = request.args.get("status", "open")
    if status not in STATUSES:
        status = "open"
    page = request.app.ctx.handoffs.page(status, positive_int(request.args.get("page")), PER_PAGE)
    return render(
        request,
        "handoff.html",
        section="handoff",
        tab=status,
        statuses=STATUSES,
        counts=page.counts,
        page=page,
        requests=page.requests,
        masked={r.id: mask(r.message) for r in page.requests},
    )


@bp.post("/handoff/<request_id:int>")
async def set_status(request: Request, request_id: int) -> HTTPResponse:
    status = request.form.get("status", "")
    if status not in STATUSES:
        return render(
            request,
            "message.html",
            status=400,
            title="Unknown status",
            message=f"A request can be marked {', '.join(STATUSES)}; nothing was changed.",
            link=("/handoff", "Back to the handoff queue"),
        )
    if not request.app.ctx.handoffs.set_status(request_id, status, by=request.ctx.session.email):
        return render(
            request,
            "message.html",
            status=404,
            title="No such request",
            message="That handoff request does not exist (it may have been deleted by the retention purge).",
            link=("/handoff", "Back to the handoff queue"),
        )
    back = request.form.get("back", "open")
    return redirect(f"/handoff?status={back if back in STATUSES else 'open'}#request-{request_id}", status=303)
