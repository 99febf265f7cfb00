"""The handoff queue: people who asked for a human advisor, and their status.

This is the one page that shows a person's contact details in full: an advisor
needs them to get in touch. Everything else they typed stays masked here as
everywhere else in the console.
"""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, redirect

from bot.console.templating import render
from bot.handoff.store import STATUSES
from bot.review.privacy import mask

bp = Blueprint("handoff")


@bp.get("/handoff")
async def queue(request: Request) -> HTTPResponse:
    status = request.args.get("status", "open")
    if status not in STATUSES:
        status = "open"
    requests = request.app.ctx.handoffs.list()
    counts = {s: sum(1 for r in requests if r.status == s) for s in STATUSES}
    shown = [r for r in requests if r.status == status]
    return render(
        request,
        "handoff.html",
        section="handoff",
        tab=status,
        statuses=STATUSES,
        counts=counts,
        requests=shown,
        masked={r.id: mask(r.message) for r in shown},
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
