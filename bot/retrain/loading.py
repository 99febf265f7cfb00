"""Loading a model into the running Rasa server, over its HTTP API, with its token.

The Rasa server's own API (`--enable-api --auth-token`) replaces the model it answers with
while it keeps serving: `PUT /model` with the file's path. The Procfile turns the API on
only with RASA_API_TOKEN set, and the launcher always sets it (from .env, else a token made
once in var/rasa-api.token, like the action server's), so the API is never open without one.
"""

from __future__ import annotations

import json
import os
import secrets
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from dotenv import dotenv_values

TOKEN_FILE = "rasa-api.token"
#: Loading a full model takes the server tens of seconds on two cores.
LOAD_TIMEOUT_S = 600


class LoadError(RuntimeError):
    """The Rasa server did not load the model; the message says what it answered."""


def api_token(project_root: Path, var_dir: Path, create: bool = True) -> str | None:
    """RASA_API_TOKEN from the environment or .env, else var/rasa-api.token (made once, mode 0600)."""
    token = os.environ.get("RASA_API_TOKEN") or dotenv_values(project_root / ".env").get("RASA_API_TOKEN")
    if token:
        return token
    path = var_dir / TOKEN_FILE
    try:
        return path.read_text().strip() or None
    except FileNotFoundError:
        if not create:
            return None
    path.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(token + "\n")
    return token


def _call(method: str, url: str, token: str, body: dict[str, Any] | None, timeout: float) -> tuple[int, bytes]:
    query = urllib.parse.urlencode({"token": token})
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        f"{url.rstrip('/')}{'' if '?' in url else '?'}{query}",
        data=data,
        method=method,
        headers={"Content-Type": "application/json"} if data else {},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except (urllib.error.URLError, OSError) as exc:
        raise LoadError(f"The Rasa server at {url} could not be reached ({getattr(exc, 'reason', exc)}).") from exc


def hot_load(rasa_url: str, token: str, model: Path, timeout: float = LOAD_TIMEOUT_S) -> None:
    """Have the Rasa server at `rasa_url` answer with `model` from now on; raises LoadError if it did not."""
    status, body = _call("PUT", f"{rasa_url}/model", token, {"model_file": str(model.resolve())}, timeout)
    if status != 204:
        raise LoadError(f"The Rasa server refused the model (HTTP {status}: {body[:300].decode(errors='replace')}).")


def loaded_model(rasa_url: str, token: str, timeout: float = 30) -> str | None:
    """The file name of the model the Rasa server answers with (its /status), or None."""
    status, body = _call("GET", f"{rasa_url}/status", token, None, timeout)
    if status != 200:
        raise LoadError(f"The Rasa server did not say which model it runs (HTTP {status}).")
    return json.loads(body).get("model_file")
