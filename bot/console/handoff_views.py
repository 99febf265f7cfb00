"""The handoff queue: people who asked for a human advisor, their status, notes and assignee.

This is the one page that shows a person's contact details in full, as links an advisor
can tap (mailto:, tel:): an advisor needs them to get in touch. Everything else they
typed stays masked here as everywhere else in the console. A status change says what it
did, with a button to undo it, because the card then leaves the tab it was on. Each card
also shows how long the request has waited and whether the advisors were told of it, and
the queue reloads itself.
"""

from __future__ import annotations

import asyncio
import logging
import re

from sanic import Blueprint, Request, Sanic
from sanic.response import HTTPResponse, redirect

from bot.console.filters import positive_int
from bot.console.templating import render
from bot.contacts import find_email, phone_matches
from bot.db import utcnow
from bot.handoff.age import waiting
from bot.handoff.store import STATUSES, HandoffRequest
from bot.notify.compose import channel_name
from bot.notify.deliver import RETRY_EVERY_S
from bot.review.handoff_notes import NoteError
from bot.review.privacy import mask

log = logging.getLogger(__name__)

bp = Blueprint("handoff")

#: Requests on one page of the queue: a few hundred on one page made it slow and hard to work through.
PER_PAGE = 25
#: The queue reloads itself this often (a meta refresh: the console runs no scripts), unless turned off.
REFRESH_S = 60
STATUS_DONE = {"open": "reopened", "contacted": "marked contacted", "resolved": "marked resolved"}


def contact_link(contact: str) -> str:
    """mailto: for an email address, tel: (digits, a leading + kept, the extension after ;ext=) for a
    phone number, read with the bot's own patterns; "" when it is neither."""
    email = find_email(contact)
    if email:
        return f"mailto:{email}"
    match = next(phone_matches(contact), None)
    if match is None:
        return ""
    number = match["number"].strip()
    digits = re.sub(r"\D", "", number)
    extension = re.sub(r"\D", "", match["extension"] or "")
    plus = "+" if number.startswith("+") else ""
    return f"tel:{plus}{digits}" + (f";ext={extension}" if extension else "")


def _back(request: Request) -> str:
    back = request.form.get("back", "open")
    return back if back in STATUSES else "open"


@bp.get("/handoff")
async def queue(request: Request) -> HTTPResponse:
    status = request.args.get("status", "open")
    if status not in STATUSES:
        status = "open"
    page = request.app.ctx.handoffs.page(status, positive_int(request.args.get("page")), PER_PAGE)
    ids = [r.id for r in page.requests]
    notes = request.app.ctx.handoff_notes
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
        links={r.id: contact_link(r.contact) for r in page.requests},
        notes=notes.notes(ids),
        assignments=notes.assignments(ids),
        advisors=[a.email for a in request.app.ctx.accounts.all()],
        changed=_changed(request),
        note_error=request.args.get("note_error", ""),
        ages={r.id: waiting(r.created_at, now) for r in page.requests},
        channel_name=channel_name,
        notifications=request.app.ctx.notifier.outbox.for_requests([r.id for r in page.requests]),
        holds=request.app.ctx.holds.held(sorted({r.sender_id for r in page.requests})),
        refresh=REFRESH_S if refresh else None,
    )


def _changed(request: Request) -> tuple[HandoffRequest, str, str] | None:
    """(request, what was done, its status before) after a status change, for the confirmation."""
    try:
        changed_id = int(request.args.get("changed", ""))
    except ValueError:
        return None
    was = request.args.get("was", "")
    found = request.app.ctx.handoffs.get(changed_id)
    if found is None or was not in STATUSES or was == found.status:
        return None
    return found, STATUS_DONE[found.status], was


def _no_such_request() -> dict:
    return {
        "status": 404,
        "title": "No such request",
        "message": "That handoff request does not exist (it may have been deleted by the retention purge).",
        "link": ("/handoff", "Back to the handoff queue"),
    }


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
    before = request.app.ctx.handoffs.get(request_id)
    if before is None or not request.app.ctx.handoffs.set_status(request_id, status, by=request.ctx.session.email):
        return render(request, "message.html", **_no_such_request())
    return redirect(
        f"/handoff?status={_back(request)}&changed={request_id}&was={before.status}#request-{request_id}", status=303
    )


@bp.post("/handoff/<request_id:int>/note")
async def add_note(request: Request, request_id: int) -> HTTPResponse:
    found = request.app.ctx.handoffs.get(request_id)
    if found is None:
        return render(request, "message.html", **_no_such_request())
    try:
        request.app.ctx.handoff_notes.add(
            request_id=request_id,
            sender_id=found.sender_id,
            text=request.form.get("note", ""),
            by=request.ctx.session.email,
        )
    except NoteError as exc:
        return render(
            request,
            "message.html",
            status=400,
            title="The note was not saved",
            message=str(exc),
            link=(f"/handoff?status={_back(request)}#request-{request_id}", "Back to the request"),
        )
    return redirect(f"/handoff?status={_back(request)}#request-{request_id}", status=303)


@bp.post("/handoff/<request_id:int>/assign")
async def assign(request: Request, request_id: int) -> HTTPResponse:
    found = request.app.ctx.handoffs.get(request_id)
    if found is None:
        return render(request, "message.html", **_no_such_request())
    me = request.ctx.session.email
    assignee = (request.form.get("assignee") or "").strip()
    assignee = me if assignee == "me" else assignee
    if assignee and not request.app.ctx.accounts.exists(assignee):
        return render(
            request,
            "message.html",
            status=400,
            title="No such advisor",
            message="A request can be given only to an advisor with a console account; nothing was changed.",
            link=(f"/handoff?status={_back(request)}#request-{request_id}", "Back to the request"),
        )
    request.app.ctx.handoff_notes.assign(request_id=request_id, sender_id=found.sender_id, assignee=assignee, by=me)
    return redirect(f"/handoff?status={_back(request)}#request-{request_id}", status=303)
