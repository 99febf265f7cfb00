"""Annotations as NLU training data: a page that explains the file, and the file itself."""

from __future__ import annotations

from collections import Counter

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, raw

from bot.console.templating import render
from bot.review.export import nlu_yaml

FILENAME = "console_annotations.yml"

bp = Blueprint("export")


@bp.get("/export")
async def export_page(request: Request) -> HTTPResponse:
    annotations = request.app.ctx.log.annotations.all()
    labels = Counter("out of scope" if a.out_of_scope else a.intent for a in annotations if a.out_of_scope or a.intent)
    return render(
        request,
        "export.html",
        section="export",
        total=len(annotations),
        labels=labels.most_common(),
        notes_only=sum(1 for a in annotations if not a.out_of_scope and not a.intent),
        preview=nlu_yaml(annotations),
        filename=FILENAME,
    )


@bp.get(f"/export/{FILENAME}")
async def export_file(request: Request) -> HTTPResponse:
    body = nlu_yaml(request.app.ctx.log.annotations.all())
    return raw(
        body.encode(),
        content_type="application/x-yaml; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{FILENAME}"'},
    )
