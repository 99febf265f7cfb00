"""Taking a conversation over, replying in the person's own chat, and handing it back to the bot.

From a transcript (or a handoff card) an advisor takes the conversation over: the bot
stays silent (bot/rasa/channels/held.py) and the person's messages appear in a pane of the
transcript that reloads itself every few seconds. The pane is a frame of its own, so the
reload never wipes a reply being typed below it (the console runs no scripts). A reply is
said in the person's channel by the Rasa server (bot/takeover/relay.py) and kept in the
conversation; sending one takes the conversation over if nobody holds it. "Hand back to
the bot" tells the person and ends the hold. Who held it and when is kept (bot/takeover/store.py).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from sanic import Blueprint, Request
from sanic.exceptions import NotFound
from sanic.response import HTTPResponse, redirect

from bot.console.templating import render
from bot.notify.compose import channel_name
from bot.takeover import relay
from bot.takeover.wording import HANDED_BACK, MAX_REPLY_CHARS

bp = Blueprint("takeover")

#: Seconds between reloads of the live pane.
LIVE_REFRESH_S = 5
#: Turns the live pane shows, newest last.
LIVE_TURNS = 30
#: Channels that cannot receive a message the person did not ask for.
NO_PUSH = ("rest", "cmdline")
#: What a redirect after a reply or a hand-back tells the advisor (a code in the URL, never their text).
OUTCOMES = {
    "taken": "You hold this conversation: the bot stays silent until you hand it back.",
    "delivered": "Sent in their chat and kept in the conversation.",
    "stored": "Kept in the conversation, but their channel cannot receive it: contact them another way.",
    "handed-back": "Handed back to the bot; the person was told.",
}
#: The console's policy (bot/console/app.py), except that its own pages may frame the live pane.
LIVE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'self'; base-uri 'none'",
    "X-Frame-Options": "SAMEORIGIN",
}


def _page(sender_id: str, outcome: str = "") -> str:
    return f"/c/{quote(sender_id, safe='')}" + (f"?said={outcome}" if outcome else "") + "#reply"


def _conversation(request: Request, sender_id: str) -> Any:
    found = request.app.ctx.log.transcript(sender_id)
    if found is None:
        raise NotFound("There is no conversation with that id (it may have been purged).")
    return found


def takeover_context(request: Request, sender_id: str, channel: str) -> dict[str, Any]:
    """What the transcript page shows about holding this conversation (its panel and the reply box)."""
    holds = request.app.ctx.holds
    return {
        "hold": holds.current(sender_id),
        "hold_history": holds.history(sender_id),
        "takeover_outcome": OUTCOMES.get(request.args.get("said", "")),
        "takeover_channel": channel_name(channel),
        "can_push": channel not in NO_PUSH,
        "max_reply": MAX_REPLY_CHARS,
    }


def _problem(request: Request, sender_id: str, status: int, message: str) -> HTTPResponse:
    return render(
        request,
        "message.html",
        status=status,
        title="That did not go through",
        message=message,
        link=(_page(sender_id), "Back to the conversation"),
    )


@bp.post("/c/<sender_id:str>/take", unquote=True)
async def take(request: Request, sender_id: str) -> HTTPResponse:
    _conversation(request, sender_id)
    request.app.ctx.holds.take(sender_id, request.ctx.session.email)
    return redirect(_page(sender_id, "taken"), status=303)


@bp.post("/c/<sender_id:str>/reply", unquote=True)
async def reply(request: Request, sender_id: str) -> HTTPResponse:
    _conversation(request, sender_id)
    text = (request.form.get("text") or "").strip()
    if not text:
        return _problem(request, sender_id, 400, "The reply was empty; nothing was sent.")
    if len(text) > MAX_REPLY_CHARS:
        return _problem(
            request, sender_id, 400, f"A reply may have at most {MAX_REPLY_CHARS} characters; nothing was sent."
        )
    advisor = request.ctx.session.email
    holds = request.app.ctx.holds
    hold = holds.current(sender_id)
    if hold is None or hold.held_by != advisor:
        holds.take(sender_id, advisor)  # an advisor who answers holds the conversation: the bot must not talk over them
    sent = await relay.say(request.app.ctx.settings, sender_id, text, advisor, kind="reply")
    if not sent.stored:
        return _problem(request, sender_id, 502, f"Nothing was sent: {sent.problem}. The conversation stays with you.")
    return redirect(_page(sender_id, "delivered" if sent.delivered else "stored"), status=303)


@bp.post("/c/<sender_id:str>/hand-back", unquote=True)
async def hand_back(request: Request, sender_id: str) -> HTTPResponse:
    _conversation(request, sender_id)
    advisor = request.ctx.session.email
    if request.app.ctx.holds.current(sender_id) is None:
        return redirect(_page(sender_id), status=303)
    told = await relay.say(request.app.ctx.settings, sender_id, HANDED_BACK, advisor, kind="handed_back")
    request.app.ctx.holds.release(sender_id, advisor)  # the bot answers again, whether or not they could be told
    if not told.delivered:
        return _problem(
            request,
            sender_id,
            200 if told.stored else 502,
            f"The bot answers again, but the person was not told ({told.problem}).",
        )
    return redirect(_page(sender_id, "handed-back"), status=303)


@bp.get("/c/<sender_id:str>/live", unquote=True)
async def live(request: Request, sender_id: str) -> HTTPResponse:
    """The latest messages, reloading every LIVE_REFRESH_S; shown in a frame of the transcript."""
    summary, turns = _conversation(request, sender_id)
    response = render(
        request,
        "live.html",
        summary=summary,
        turns=turns[-LIVE_TURNS:],
        hold=request.app.ctx.holds.current(sender_id),
        refresh=LIVE_REFRESH_S,
    )
    response.headers.update(LIVE_HEADERS)
    return response
