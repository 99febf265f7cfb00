"""The conversation list and the transcript, with annotation (intent, entities, delete) and the reviewed mark.

Views only translate between HTTP and `bot.review`: filters from the query string,
forms into annotations. Text is shown masked; the unmasked text an annotation
keeps is looked up on the server from the event id, so it never travels through
the page.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import quote

from sanic import Blueprint, Request
from sanic.exceptions import NotFound
from sanic.response import HTTPResponse, redirect

from bot.console.filters import parse_filters, positive_int
from bot.console.takeover_views import takeover_context
from bot.console.templating import render
from bot.review.annotations import OUT_OF_SCOPE, AnnotationError, domain_intents, format_entities, parse_entities
from bot.review.intent_guide import guide_for
from bot.review.logs import FLAGS

PER_PAGE = 25
MAX_PER_PAGE = 200

bp = Blueprint("pages")


@bp.get("/")
async def conversation_list(request: Request) -> HTTPResponse:
    log = request.app.ctx.log
    parsed = parse_filters(request.args)
    per_page = min(positive_int(request.args.get("per_page"), PER_PAGE), MAX_PER_PAGE)
    params = {**parsed.params, "per_page": str(per_page) if per_page != PER_PAGE else ""}
    # Every page here is for signed-in advisors: the search also finds a full email address or phone number.
    filters = replace(parsed.filters, unmasked=True)
    page = log.conversations(filters, page=positive_int(request.args.get("page")), per_page=per_page)
    return render(
        request,
        "conversations.html",
        section="conversations",
        page=page,
        params=params,
        problems=parsed.problems,
        channels=log.channels(),
        flags=FLAGS,
    )


def _transcript_page(
    request: Request, sender_id: str, status: int = 200, error: str | None = None, error_event: int | None = None
) -> HTTPResponse:
    found = request.app.ctx.log.transcript(sender_id)
    if found is None:
        raise NotFound("There is no conversation with that id (it may have been purged).")
    summary, turns = found
    handoffs = request.app.ctx.handoffs.list(sender_id=sender_id)
    return render(
        request,
        "transcript.html",
        status=status,
        section="conversations",
        summary=summary,
        turns=turns,
        intent_groups=intent_groups(),
        format_entities=format_entities,
        handoffs=handoffs,
        error=error,
        error_event=error_event,
        low_confidence=request.app.ctx.settings.review_low_confidence,
        **takeover_context(request, sender_id, summary.channel),
    )


def intent_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """The picker's choices: (section, [(intent, plain-language label)]) in docs/intents.md's order."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for name in domain_intents():
        if name == OUT_OF_SCOPE:  # a checkbox of its own
            continue
        guide = guide_for(name)
        groups.setdefault(guide.section, []).append((name, guide.label))
    return list(groups.items())


def _back_to(sender_id: str, anchor: str = "") -> HTTPResponse:
    return redirect(f"/c/{quote(sender_id, safe='')}{anchor}", status=303)


@bp.get("/c/<sender_id:str>", unquote=True)
async def transcript(request: Request, sender_id: str) -> HTTPResponse:
    return _transcript_page(request, sender_id)


@bp.post("/c/<sender_id:str>/annotate", unquote=True)
async def annotate(request: Request, sender_id: str) -> HTTPResponse:
    form = request.form
    try:
        event_id = int(form.get("event_id", ""))
    except ValueError:
        return _transcript_page(request, sender_id, 400, "That form did not say which message it annotates.")
    found = request.app.ctx.log.transcript(sender_id, reveal=True)
    if found is None:
        raise NotFound("There is no conversation with that id (it may have been purged).")
    turn = next((t for t in found[1] if t.event_id == event_id and t.kind == "user"), None)
    if turn is None:
        return _transcript_page(request, sender_id, 400, "That message is not one of this person's messages.")
    store = request.app.ctx.log.annotations
    if form.get("delete") == "1":
        store.delete(event_id, sender_id)
        return _back_to(sender_id, f"#turn-{event_id}")
    try:
        entities = None
        if form.get("entities_shown") == "1":  # an empty field is not sent: this says it was on the form
            entities = parse_entities(form.get("entities", ""))
            if entities == list(turn.entities):  # as the model read them: not a correction
                entities = None
        store.annotate(
            event_id=event_id,
            sender_id=sender_id,
            text=turn.text,
            intent=form.get("intent") or None,
            out_of_scope=form.get("out_of_scope") == "1",
            note=form.get("note", ""),
            by=request.ctx.session.email,
            entities=entities,
        )
    except AnnotationError as exc:
        return _transcript_page(request, sender_id, 400, str(exc), error_event=event_id)
    return _back_to(sender_id, f"#turn-{event_id}")


@bp.post("/c/<sender_id:str>/reviewed", unquote=True)
async def mark_reviewed(request: Request, sender_id: str) -> HTTPResponse:
    if request.app.ctx.log.transcript(sender_id) is None:
        raise NotFound("There is no conversation with that id (it may have been purged).")
    request.app.ctx.log.annotations.set_reviewed(
        sender_id, request.ctx.session.email, reviewed=request.form.get("reviewed") != "0"
    )
    return _back_to(sender_id)


@bp.get("/intents")
async def intent_guide(request: Request) -> HTTPResponse:
    """Every intent an advisor can choose, with its description, two examples and its boundary."""
    sections: dict[str, list] = {}
    for name in domain_intents():
        guide = guide_for(name)
        sections.setdefault(guide.section, []).append(guide)
    return render(request, "intents.html", section="conversations", sections=list(sections.items()))
