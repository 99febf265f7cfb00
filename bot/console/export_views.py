"""Annotations as NLU training data: the list to approve, filtered by date, and the file itself.

Any advisor can read the annotations and download them; approving one for training is
an admin's (bot.console.roles). Only approved annotations reach the reviewed-examples
file that the retrain job (bot/retrain) trains on, so a slip is caught before the model
learns it. Dates are the annotations' own (UTC), from the form or the address bar; a bad
one is named and ignored, never an error page.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, raw, redirect

from bot.console.roles import admins_only
from bot.console.templating import render
from bot.review.annotations import Annotation
from bot.review.export import nlu_yaml
from bot.review.privacy import mask

FILENAME = "console_annotations.yml"
STATES = {"": "all", "approved": "approved", "waiting": "not approved yet"}

bp = Blueprint("export")


@dataclass(frozen=True)
class ExportFilter:
    since: dt.date | None
    until: dt.date | None
    state: str  # a key of STATES
    problems: tuple[str, ...]

    @property
    def params(self) -> dict[str, str]:
        return {
            "from": self.since.isoformat() if self.since else "",
            "to": self.until.isoformat() if self.until else "",
            "state": self.state,
        }

    @property
    def query(self) -> str:
        return urlencode({k: v for k, v in self.params.items() if v})


def _date(raw: str, label: str, problems: list[str]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        problems.append(f"The {label} date {raw!r} is not a date like 2025-03-31; it was ignored.")
        return None


def read_filter(args: Mapping[str, str]) -> ExportFilter:
    """The export's filter from a query string or a form; never raises."""
    problems: list[str] = []
    since = _date((args.get("from") or "").strip(), "from", problems)
    until = _date((args.get("to") or "").strip(), "to", problems)
    if since and until and since > until:
        problems.append(f"The dates were the wrong way round; showing {until} to {since}.")
        since, until = until, since
    state = (args.get("state") or "").strip()
    if state not in STATES:
        problems.append(f"There is no state {state!r}; showing all annotations.")
        state = ""
    return ExportFilter(since, until, state, tuple(problems))


def selected(request: Request, chosen: ExportFilter) -> list[Annotation]:
    approved = {"approved": True, "waiting": False}.get(chosen.state)
    return request.app.ctx.log.annotations.all(chosen.since, chosen.until, approved)


@bp.get("/export")
async def export_page(request: Request) -> HTTPResponse:
    chosen = read_filter(request.args)
    annotations = selected(request, chosen)
    labels = Counter(a.label for a in annotations if a.label)
    return render(
        request,
        "export.html",
        section="export",
        total=len(annotations),
        labels=[("out of scope" if label == "out_of_scope" else label, n) for label, n in labels.most_common()],
        notes_only=sum(1 for a in annotations if not a.label),
        annotations=annotations,
        masked={a.event_id: mask(a.text) for a in annotations},
        chosen=chosen,
        states=STATES,
        preview=nlu_yaml(annotations),
        filename=FILENAME,
    )


@bp.get(f"/export/{FILENAME}")
async def export_file(request: Request) -> HTTPResponse:
    body = nlu_yaml(selected(request, read_filter(request.args)))
    return raw(
        body.encode(),
        content_type="application/x-yaml; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{FILENAME}"'},
    )


@bp.post("/export/approve")
async def approve(request: Request) -> HTTPResponse:
    """Approve the ticked annotations for training, or take their approval back (admins only)."""
    refused = admins_only(request, "approve annotations for training")
    if refused:
        return refused
    ids = []
    for raw_id in request.form.getlist("event_id") or []:
        try:
            ids.append(int(raw_id))
        except ValueError:
            continue
    approving = request.form.get("approve") != "0"
    request.app.ctx.log.annotations.approve(ids, by=request.ctx.session.email, approved=approving)
    back = read_filter(request.form).query
    return redirect("/export" + (f"?{back}" if back else ""), status=303)
