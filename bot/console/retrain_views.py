"""Retraining from the console: the runs with their before/after figures, and for admins the
buttons that start one and roll the last one back.

The job runs as its own process (bot.retrain.job.start_in_background); this page only reads
its row, and reloads itself every few seconds while a run is under way (a meta refresh: the
console sends no script).
"""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, redirect
from sqlalchemy.engine import Engine

from bot.console.roles import admins_only
from bot.console.templating import render
from bot.db import get_engine
from bot.retrain.decision import FIGURES, percent
from bot.retrain.job import Project, roll_back, start_in_background
from bot.retrain.loading import LoadError
from bot.retrain.runs import RunRefused, RunStore

bp = Blueprint("retrain")

#: Seconds between reloads of the page while a run is under way.
REFRESH_S = 5


def project(request: Request) -> Project:
    """Where retraining works: from the settings, unless the app was given another (tests)."""
    app = request.app
    if getattr(app.ctx, "retrain_project", None) is None:
        app.ctx.retrain_project = Project.from_settings(app.ctx.settings)
    return app.ctx.retrain_project


def _engine(request: Request) -> Engine:
    return get_engine(project(request).database_url)


def _page(request: Request, status: int = 200, error: str = "") -> HTTPResponse:
    runs = RunStore(_engine(request))
    recent = runs.recent()
    last_loaded = runs.last_loaded()
    return render(
        request,
        "retrain.html",
        status=status,
        section="retrain",
        runs=recent,
        under_way=any(r.under_way for r in recent),
        refresh=REFRESH_S,
        approved=len(request.app.ctx.log.annotations.all(approved=True)),
        can_roll_back=bool(last_loaded and last_loaded.previous_model),
        figures=FIGURES,
        percent=percent,
        error=error,
    )


@bp.get("/retrain")
async def retrain_page(request: Request) -> HTTPResponse:
    return _page(request)


@bp.post("/retrain")
async def start(request: Request) -> HTTPResponse:
    refused = admins_only(request, "retrain the bot")
    if refused:
        return refused
    try:
        run = start_in_background(project(request), _engine(request), request.ctx.session.email)
    except RunRefused as exc:
        return _page(request, 409, str(exc))
    return redirect(f"/retrain#run-{run.id}", status=303)


@bp.post("/retrain/rollback")
async def rollback(request: Request) -> HTTPResponse:
    refused = admins_only(request, "roll back a retrain")
    if refused:
        return refused
    try:
        run = roll_back(project(request), _engine(request))
    except (LookupError, LoadError) as exc:
        return _page(request, 409, str(exc))
    return redirect(f"/retrain#run-{run.id}", status=303)
