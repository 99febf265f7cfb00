"""The handoff queue: people who asked for a human advisor, and their status.

This is the one page that shows a person's contact details in full: an advisor
needs them to get in touch. Everything else they typed stays masked here as
everywhere else in the console.
"""

from __future__ import annotations

import asyncio
import logging

from sanic import Blueprint, Request, Sanic
from sanic.response import HTTPResponse, redirect

from bot.console.filters import positive_int
from bot.console.templating import render
from bot.db import utcnow
from bot.handoff.age import waiting
from bot.handoff.store import STATUSES
from bot.notify.compose import channel_name
from bot.notify.deliver import RETRY_EVERY_S
from bot.review.privacy import mask

log = logging.getLogger(__name__)

bp = Blueprint("handoff")

#: Requests on one page of the queue: a few hundred on one page made it slow and hard to work through.
PER_PAGE = 25
#: The queue reloads itself this often (a meta refresh: the console runs no scripts), unless turned off.
REFRESH_S = 60


@bp.get("/handoff")
async def queue(request: Request) -> HTTPResponse:
    status = request.args.get("status", "open")
    if status not in STATUSES:
        status = "open"
    page = request.app.ctx.handoffs.page(status, positive_int(request.args.get("page")), PER_PAGE)
    now = utcnow()
    refresh = request.args.get("refresh") != "off"
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
        ages={r.id: waiting(r.created_at, now) for r in page.requests},
        channel_name=channel_name,
        notifications=request.app.ctx.notifier.outbox.for_requests([r.id for r in page.requests]),
        holds=request.app.ctx.holds.held(sorted({r.sender_id for r in page.requests})),
        refresh=REFRESH_S if refresh else None,
    )


@bp.post("/handoff/notification/<notification_id:int>/retry")
async def send_again(request: Request, notification_id: int) -> HTTPResponse:
    """An advisor's "send again" for a notification that did not go: tried now, in the background."""
    notifier = request.app.ctx.notifier
    found = notifier.outbox.get(notification_id)
    if found is None or not notifier.outbox.retry(notification_id):
        return render(
            request,
            "message.html",
            status=404,
            title="Nothing to send",
            message="That notification does not exist or has already been sent.",
            link=("/handoff", "Back to the handoff queue"),
        )
    await asyncio.get_running_loop().run_in_executor(None, lambda: notifier.deliver_due(request_id=found.request_id))
    back = request.form.get("back", "open")
    return redirect(f"/handoff?status={back if back in STATUSES else 'open'}#request-{found.request_id}", status=303)


async def retry_notifications(app: Sanic) -> None:
    """Every RETRY_EVERY_S, send the notifications that are due again (the console's process runs it)."""
    loop = asyncio.get_running_loop()
    while True:
        await asyncio.sleep(RETRY_EVERY_S)
        try:
            await loop.run_in_executor(None, app.ctx.notifier.deliver_due)
        except Exception:  # keep the loop alive whatever one round does
            log.exception("Sending the notifications that were due failed.")


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
