"""What an admin may do that an advisor may not: one check every such view makes first.

Advisors read conversations, work the handoff queue and annotate; admins also manage
accounts, approve annotations for training and retrain the model. The role comes from
the database on every request (bot.console.auth), never from the page.
"""

from __future__ import annotations

from sanic import Request
from sanic.response import HTTPResponse

from bot.console.accounts import ADMIN
from bot.console.templating import render


def is_admin(request: Request) -> bool:
    """Whether the signed-in account is an admin now."""
    return getattr(request.ctx, "role", None) == ADMIN


def admins_only(request: Request, what: str) -> HTTPResponse | None:
    """A 403 page saying `what` needs an admin, or None when the account is one."""
    if is_admin(request):
        return None
    return render(
        request,
        "message.html",
        status=403,
        title="For admins only",
        message=f"Only an admin can {what}. Nothing was changed. Ask an admin of the console, "
        "or whoever runs it (`python -m bot.review set-role EMAIL admin`).",
        link=("/", "Conversations"),
    )
