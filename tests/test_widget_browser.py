"""The website widget in a real browser: Debian's headless Chromium, driven by Playwright,
opens the demo page served by our Rasa server, chats over Socket.IO, clicks a bot button,
reloads the page and finds the conversation still there (and still going).

Needs /usr/bin/chromium (scripts/install-browser.sh) and the built widget
(scripts/build-web.sh); both are setup's job, so their absence fails the test.
No request may leave 127.0.0.1: every other address is blocked and reported.
A screenshot of the page with the conversation goes to reports/widget.png.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

from bot.settings import PROJECT_ROOT, Settings
from bot.tools.launch import health_urls, server_env, stop_servers, tail, wait_until_up
from tests.e2e import STARTUP_TIMEOUT_S, server_settings

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BUNDLE = PROJECT_ROOT / "web" / "dist" / "webchat.js"  # the loader; it names the versioned widget files
SCREENSHOT = PROJECT_ROOT / "reports" / "widget.png"
STEP_TIMEOUT_MS = 30_000
HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>"

CREDENTIALS = """\
bot.rasa.channels.rest.RestInput:
bot.rasa.channels.socketio.SocketIOInput:
  user_message_evt: user_uttered
  bot_message_evt: bot_uttered
  session_persistence: true
"""


@contextmanager
def running_bot_with_widget(settings: Settings, model: Path, workdir: Path) -> Iterator[Settings]:
    """Both servers under honcho as `make run` starts them, but with credentials that
    turn the widget's channel on (the Procfile's own, with another credentials file)."""
    credentials = workdir / "credentials.yml"
    credentials.write_text(CREDENTIALS)
    procfile = workdir / "Procfile"
    original = (PROJECT_ROOT / "Procfile").read_text()
    patched = re.sub(r"--credentials\s+\S+", f"--credentials {credentials}", original)
    assert patched != original, "the Procfile's rasa command no longer names --credentials"
    procfile.write_text(patched)
    log_path = workdir / "servers.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "honcho",
                "start",
                "-f",
                str(procfile),
                "-d",
                str(PROJECT_ROOT),
                "--no-prefix",
                "--env",
                "/dev/null",
            ],
            cwd=PROJECT_ROOT,
            env=server_env(settings, model),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        urls = health_urls(settings) + [f"{settings.rasa_url}/web/demo/"]
        if not wait_until_up(urls, proc, STARTUP_TIMEOUT_S):
            raise RuntimeError("servers did not start:\n" + tail(log_path, 80))
        yield settings
    finally:
        stop_servers(proc)


def socketio_senders(tracker_db: Path) -> list[str]:
    with sqlite3.connect(tracker_db) as db:
        rows = db.execute(
            "SELECT DISTINCT sender_id FROM events WHERE type_name = 'user' "
            'AND data LIKE \'%"input_channel": "socketio"%\''
        ).fetchall()
    return [r[0] for r in rows]


def test_widget_chats_clicks_a_button_and_survives_a_reload(model, loaded_db_url, tmp_path):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: setup installs it (scripts/install-browser.sh, Debian package chromium)")
    if not BUNDLE.exists():
        pytest.fail(f"{BUNDLE} is missing: setup builds it (scripts/build-web.sh)")
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        pytest.fail("the Python package playwright is missing: setup installs it (requirements.txt)")

    started = time.monotonic()
    settings = server_settings(loaded_db_url, tmp_path)
    with running_bot_with_widget(settings, model, tmp_path), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 860})
            context.set_default_timeout(STEP_TIMEOUT_MS)
            outside: list[str] = []
            own_host = urlparse(settings.rasa_url).netloc

            def only_our_server(route):
                url = route.request.url
                if urlparse(url).netloc == own_host or url.startswith(("data:", "blob:")):
                    route.continue_()
                else:
                    outside.append(url)
                    route.abort()

            context.route("**/*", only_our_server)
            page = context.new_page()
            page_errors: list[str] = []
            page.on("pageerror", lambda exc: page_errors.append(str(exc)))

            licence = context.request.get(f"{settings.rasa_url}/web/widget/LICENSE")
            # The licences of what the widget bundles (socket.io-client, MIT).
            assert licence.ok and "socket.io-client" in licence.text() and "MIT" in licence.text(), (
                "the widget's licence is not served"
            )

            page.goto(f"{settings.rasa_url}/web/demo/")
            expect(page.get_by_role("heading", name="Become a Certified Medical Assistant")).to_be_visible()

            # One click on the page's button opens the widget; initPayload /greet brings the menu.
            page.click("#ask-advisor")
            widget = page.locator(".rw-conversation-container")
            expect(widget).to_be_visible()
            expect(widget.get_by_text("Hi, I'm the CMA advisor", exact=False)).to_be_visible()

            box = widget.locator(".rw-new-message")
            box.fill("Do I need the USMLE?")
            box.press("Enter")
            expect(widget.get_by_text("licensing exam for physicians", exact=False)).to_be_visible()

            # A button from the bot: the USMLE answer offers "How long does it take?".
            widget.locator(".rw-reply", has_text="How long does it take?").last.click()
            expect(widget.get_by_text("9–12 months", exact=False).first).to_be_visible()

            page.reload()
            widget = page.locator(".rw-conversation-container")
            if not widget.is_visible():
                page.click("#ask-advisor")
            expect(widget).to_be_visible()
            for seen in ("Do I need the USMLE?", "licensing exam for physicians", "9–12 months"):
                expect(widget.get_by_text(seen, exact=False).first).to_be_visible()

            # The reloaded page is still in the same conversation, and replies still arrive.
            box = widget.locator(".rw-new-message")
            box.fill("What does a medical assistant earn?")
            box.press("Enter")
            expect(widget.get_by_text("$44,200", exact=False).first).to_be_visible()
            expect(widget.locator(".rw-reply", has_text="Job outlook")).to_be_visible()  # its last part
            expect(widget.locator(".rw-typing-indication")).to_have_count(0)

            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOT))

            # Markup typed by a person is shown as text, never run: no dialog, no element made from it.
            dialogs: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            box.fill(HOSTILE)
            box.press("Enter")
            expect(widget.get_by_text(HOSTILE, exact=False).first).to_be_visible()
            expect(widget.locator(".rw-typing-indication")).to_have_count(0)
            page.wait_for_timeout(1000)
            assert widget.locator("img[src='x'], script:has-text('alert')").count() == 0
            assert dialogs == [], f"typed markup ran as code: {dialogs}"
        finally:
            browser.close()

    assert not outside, f"the page tried to reach outside our server: {outside}"
    assert not page_errors, f"JavaScript errors on the page: {page_errors}"
    senders = socketio_senders(tmp_path / "conversations.sqlite3")
    assert len(senders) == 1, f"expected one widget conversation across the reload, got {senders}"
    print(f"widget browser test: {time.monotonic() - started:.0f} s, screenshot {SCREENSHOT}")


def test_the_browser_keeps_a_short_recent_conversation_only(bot):
    """rasa-webchat stored the whole conversation, contact details included, in localStorage
    for ever; the served widget keeps the last 20 messages and forgets a day-old one. An entry
    rasa-webchat left (100 messages) is cut to its last 20 as soon as the widget loads it."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: setup installs it (scripts/install-browser.sh, Debian package chromium)")
    from playwright.sync_api import sync_playwright

    write = """([age_hours, count]) => {
        const conversation = Array.from({length: count}, (_, i) => ({type: 'text', text: 'message ' + i, sender: 'response'}));
        localStorage.setItem('school-own-entry', JSON.stringify(conversation));
        localStorage.setItem('chat_session', JSON.stringify(
            {session_id: 'old-session', conversation: conversation, lastUpdate: Date.now() - age_hours * 3600 * 1000}));
        return JSON.parse(localStorage.getItem('chat_session')).conversation.map(m => m.text);
    }"""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{bot.rasa_url}/web/demo/")
            page.wait_for_selector(".rw-launcher")
            page.evaluate(write, [0, 100])
            page.reload()  # a visitor coming back with the long conversation stored
            page.wait_for_selector(".rw-launcher")
            kept = page.evaluate("JSON.parse(localStorage.getItem('chat_session')).conversation.map(m => m.text)")
            assert kept == [f"message {i}" for i in range(80, 100)]
            # The page's own entries are left as they are.
            assert len(page.evaluate("JSON.parse(localStorage.getItem('school-own-entry'))")) == 100

            # Last used more than a day ago, and written where no widget is running (as when a visitor
            # comes back the next day): a widget still open in the page would write its own state back.
            page.goto(f"{bot.rasa_url}/")
            page.evaluate(write, [25, 10])
            page.goto(f"{bot.rasa_url}/web/demo/")
            page.wait_for_timeout(1000)
            stored = page.evaluate("localStorage.getItem('chat_session')")
            assert stored is None or "message 0" not in stored, stored
        finally:
            browser.close()
