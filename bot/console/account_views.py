"""Accounts, for admins: who can sign in, with which role; new accounts, roles, disabling.

An admin types a new account's first password (checked like any other) and passes it on;
the advisor can have it reset from the command line. An admin cannot demote or disable
the last admin who can sign in, so the console always has someone who can manage it.
"""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, redirect

from bot.console.accounts import ROLES, AccountError
from bot.console.roles import admins_only
from bot.console.templating import render

bp = Blueprint("accounts")

WHAT = "manage accounts"


def _page(request: Request, status: int = 200, error: str = "", done: str = "") -> HTTPResponse:
    return render(
        request,
        "accounts.html",
        status=status,
        section="accounts",
        accounts=request.app.ctx.accounts.all(),
        roles=ROLES,
        error=error,
        done=done or request.args.get("done", ""),
    )


@bp.get("/accounts")
async def accounts(request: Request) -> HTTPResponse:
    return admins_only(request, WHAT) or _page(request)


@bp.post("/accounts")
async def create_account(request: Request) -> HTTPResponse:
    refused = admins_only(request, WHAT)
    if refused:
        return refused
    form = request.form
    try:
        advisor = request.app.ctx.accounts.create(
            form.get("email", ""), form.get("password", ""), role=form.get("role") or None
        )
    except AccountError as exc:
        return _page(request, 400, str(exc))
    return redirect(f"/accounts?done=Created+{advisor.email}+({advisor.role})", status=303)


@bp.post("/accounts/role")
async def change_role(request: Request) -> HTTPResponse:
    refused = admins_only(request, WHAT)
    if refused:
        return refused
    try:
        advisor = request.app.ctx.accounts.set_role(request.form.get("email", ""), request.form.get("role", ""))
    except AccountError as exc:
        return _page(request, 400, str(exc))
    return redirect(f"/accounts?done={advisor.email}+is+now+an+{advisor.role}", status=303)


@bp.post("/accounts/disable")
async def disable_account(request: Request) -> HTTPResponse:
    refused = admins_only(request, WHAT)
    if refused:
        return refused
    email = request.form.get("email", "")
    try:
        ended = request.app.ctx.accounts.disable(email, keep_an_admin=True)
    except AccountError as exc:
        return _page(request, 400, str(exc))
    if ended is None:
        return _page(request, 404, "There is no such account.")
    return redirect("/accounts?done=Disabled+the+account;+its+sessions+ended", status=303)
