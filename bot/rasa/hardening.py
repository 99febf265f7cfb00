"""The Rasa server's Sanic app, refusing requests it cannot read with 400 instead of 500, with
security headers on the widget's demo page, and its calls to the action server carrying the token.

Rasa builds its app in `rasa.core.run.configure_app`; `apply()` wraps that function so
every app it returns gets our error handler, before the server starts. A request that
fails before it reaches any route (a Content-Length that is not a number, a body that
cannot be decoded, JSON nested past Python's recursion limit) is the client's mistake:
it gets 400 and a sentence, and the log a single line without a traceback. An error
inside a route is still the server's, and keeps Sanic's 500 and its logged traceback.

When ACTION_SERVER_TOKEN is set, the action endpoint read from endpoints.yml gets the
X-Action-Token header, which our action server (`bot.rasa.action_server`) requires:
no endpoints file has to name the secret.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.rasa import require_supported
from bot.safe_log import quiet_unreadable_requests

logger = logging.getLogger(__name__)

#: Errors that, raised before any route was chosen, mean the request itself could not be read.
UNREADABLE = (ValueError, RecursionError)
_applied = False


def _refuse_unreadable(request: Any, exception: Exception) -> Any:
    from sanic import response

    if getattr(request, "route", None) is not None:  # raised by a route: the server's own error
        return request.app.error_handler.default(request, exception)
    logger.warning(f"Refused a request that could not be read ({type(exception).__name__}).")
    return response.json({"error": "The request could not be read."}, status=400)


def harden(app: Any) -> Any:
    """Add our error handling to a Sanic app Rasa built; returns the app."""
    for error in UNREADABLE:
        app.error_handler.add(error, _refuse_unreadable)
    quiet_unreadable_requests()
    return app


def apply() -> None:
    """Have every app `rasa.core.run.configure_app` builds hardened (once)."""
    global _applied
    require_supported("bot.rasa.hardening (the Rasa server's error handling)")
    if _applied:
        return
    import rasa.core.run

    configure_app = rasa.core.run.configure_app

    def configure_hardened_app(*args: Any, **kwargs: Any) -> Any:
        return harden(configure_app(*args, **kwargs))

    rasa.core.run.configure_app = configure_hardened_app
    _send_action_token()
    _applied = True


def _send_action_token() -> None:
    import os

    from rasa.core.utils import AvailableEndpoints

    from bot.rasa.action_server import TOKEN_HEADER

    read_endpoints = AvailableEndpoints.read_endpoints.__func__

    def read_endpoints_with_token(cls: type, endpoint_file: str) -> Any:
        endpoints = read_endpoints(cls, endpoint_file)
        token = os.environ.get("ACTION_SERVER_TOKEN")
        if token and endpoints.action is not None:
            endpoints.action.headers[TOKEN_HEADER] = token
        return endpoints

    AvailableEndpoints.read_endpoints = classmethod(read_endpoints_with_token)
