"""`python -m bot.rasa.action_server --actions actions --port N`: rasa-sdk's action server, answering
only the Rasa servers.

The action server runs any action for any conversation for whoever can reach it, and
rasa-sdk 3.6 has no way to ask for credentials (it even allows every CORS origin).
When ACTION_SERVER_TOKEN is set, every request but the health check must carry it in
the X-Action-Token header (compared in constant time), else 401; the Rasa server sends
it (`bot.rasa.hardening` adds the header to the action endpoint). `make run` sets a
token kept in var/action-server.token; several servers share one through .env
(docs/security.md). CORS is off: no web page has any business calling actions. It
listens on 127.0.0.1 unless SANIC_HOST says otherwise (rasa-sdk's default: every address).

Every argument is passed to rasa-sdk's command line unchanged.
"""

from __future__ import annotations

import hmac
import os
import sys
from typing import Any

TOKEN_HEADER = "X-Action-Token"


def guard(app: Any, token: str) -> Any:
    """Make `app` (rasa-sdk's Sanic app) refuse requests without `token`; returns it."""
    from sanic import response

    @app.middleware("request")
    async def require_token(request: Any) -> Any:
        if request.path == "/health":
            return None
        sent = request.headers.get(TOKEN_HEADER, "")
        if not hmac.compare_digest(sent.encode(), token.encode()):
            return response.json({"error": "This action server answers only its Rasa servers."}, status=401)
        return None

    return app


def main() -> None:
    import rasa_sdk.endpoint
    from rasa_sdk.__main__ import main as sdk_main

    create_app = rasa_sdk.endpoint.create_app
    token = os.environ.get("ACTION_SERVER_TOKEN", "")
    os.environ.setdefault("SANIC_HOST", "127.0.0.1")  # rasa-sdk's own default is every address

    def create_guarded_app(*args: Any, **kwargs: Any) -> Any:
        kwargs["cors_origins"] = []
        app = create_app(*args, **kwargs)
        return guard(app, token) if token else app

    rasa_sdk.endpoint.create_app = create_guarded_app
    sys.argv[0] = "rasa_sdk"
    sdk_main()


if __name__ == "__main__":
    main()
