"""Helpers for the widget's browser tests: Debian's headless Chromium under Playwright, a page
that may reach only our own server, axe-core's checks, and the conversation as the widget
keeps it and as the tracker store holds it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from bot.settings import PROJECT_ROOT, Settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = PROJECT_ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
REPORTS = PROJECT_ROOT / "reports"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
STEP_TIMEOUT_MS = 30_000


def require_browser() -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: setup installs it (scripts/install-browser.sh, Debian package chromium)")
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: setup installs it (scripts/build-web.sh runs npm ci in web/)")


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Visit:
    """One browser context on the demo page: the page, and what went wrong in it."""

    page: Any
    context: Any
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def check_clean(self) -> None:
        assert not self.outside, f"the page tried to reach outside our server: {self.outside}"
        assert not self.errors, f"JavaScript errors on the page: {self.errors}"


def visit(browser: Any, bot: Settings, viewport: dict[str, int], **options: Any) -> Visit:
    """A new context of its own (its own storage: a new visitor) showing nothing from outside our server."""
    context = browser.new_context(viewport=viewport, **options)
    context.set_default_timeout(STEP_TIMEOUT_MS)
    own_host = urlparse(bot.rasa_url).netloc
    found = Visit(page=None, context=context)

    def only_our_server(route: Any) -> None:
        url = route.request.url
        if urlparse(url).netloc == own_host or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            found.outside.append(url)
            route.abort()

    context.route("**/*", only_our_server)
    found.page = context.new_page()
    found.page.on("pageerror", lambda exc: found.errors.append(str(exc)))
    return found


def axe_problems(page: Any, context: str) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the page, one line each."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}));
        }"""
    )
    return [
        f"{context}: {v['id']} ({v['impact']}) at {', '.join(v['nodes'][:3])}"
        for v in result
        if v["impact"] in ("serious", "critical")
    ]


def widget_state(page: Any) -> dict[str, Any]:
    """The conversation as the widget keeps it in the browser (localStorage, "chat_session")."""
    return json.loads(page.evaluate("localStorage.getItem('chat_session')") or "{}")


def bot_texts_shown(page: Any) -> list[str]:
    """The bot's messages the widget has shown, in order (a source line joined to its answer)."""
    return [m["text"] for m in widget_state(page).get("conversation", []) if m.get("sender") == "response"]


def stored_events(tracker_db: Path, sender: str, kind: str) -> list[dict[str, Any]]:
    """The conversation's events of one kind ("bot", "user") as the tracker store holds them, in order."""
    with sqlite3.connect(tracker_db) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = ? ORDER BY id", (sender, kind)
        ).fetchall()
    return [json.loads(row[0]) for row in rows]


def widget_senders(tracker_db: Path, since: float = 0) -> list[str]:
    """Widget conversations with a user message after `since` (epoch seconds)."""
    with sqlite3.connect(tracker_db) as db:
        rows = db.execute(
            "SELECT DISTINCT sender_id FROM events WHERE type_name = 'user' AND timestamp > ? "
            'AND data LIKE \'%"input_channel": "socketio"%\'',
            (since,),
        ).fetchall()
    return [r[0] for r in rows]


def screenshot(page: Any, name: str) -> Path:
    REPORTS.mkdir(parents=True, exist_ok=True)
    path = REPORTS / f"widget-{name}.png"
    page.screenshot(path=str(path))
    return path
