"""The inbox and the lists in headless Chromium (Playwright driving Debian's /usr/bin/chromium),
against the console as a server (`python -m bot.console` on a free port of 127.0.0.1) reading
recorded conversations (tests/console_app.py) plus a week of misses: no trained bot needed.

Saves reports/console-inbox.png (the inbox), reports/console-inbox-turn.png (the turn one
click opens), reports/console-phone.png and console-phone-handoff.png (the conversation list
and the handoff queue 390 px wide).
"""

from __future__ import annotations

import datetime as dt
import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.console.accounts import AccountStore
from bot.db import get_engine
from bot.handoff.store import HandoffStore
from bot.kb.queries import KnowledgeBase
from bot.review.inbox import FEEDBACK_INTENT
from bot.settings import PROJECT_ROOT
from tests.console_app import ADVISOR, PASSWORD, console_settings, hold_conversations
from tests.review_store import TrackerStore

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = PROJECT_ROOT / "reports"
NOW = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
#: A week of what goes wrong: (days ago, sender, text, intent, confidence, runner-up confidence)
MISSES = [
    (6, "w-1", "what's the salary?", "out_of_scope", 0.62, None),
    (4, "w-2", "what's the salary", "out_of_scope", 0.58, None),
    (1, "w-3", "What's the salary?", "out_of_scope", 0.66, None),
    (3, "w-4", "is it hard", "ask_exam_format", 0.52, 0.41),
    (2, "w-5", "can i do it while working nights", "ask_online_program", 0.47, None),
    (0, "w-6", "is it hard", "ask_exam_format", 0.55, 0.44),
]


def week_of_misses(store: TrackerStore, app_url: str) -> None:
    not_understood = KnowledgeBase(get_engine(app_url)).answer("fallback").text
    for days, sender, text, intent, confidence, runner_up in MISSES:
        talk = store.conversation(sender, channel="socketio", start=NOW - dt.timedelta(days=days), step=1)
        talk.user(text, intent, confidence, ranking=[("ask_eligibility", runner_up)] if runner_up else ())
        talk.action("action_answer")
        talk.bot(not_understood if intent == "nlu_fallback" else "That's outside what I can help with ...")
        talk.action("action_listen")
    helped = store.conversation("w-7", channel="socketio", start=NOW - dt.timedelta(hours=2), step=1)
    helped.exchange("how much does the RMA renewal cost", "ask_renewal", "To keep the RMA (AMT) ...")
    helped.exchange(f"/{FEEDBACK_INTENT}", FEEDBACK_INTENT, "Sorry that didn't help.", confidence=1.0)


@pytest.fixture(scope="module")
def console_url(loaded_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from tests.test_console_web import running_console

    workdir = tmp_path_factory.mktemp("console-browser")
    app_db = workdir / "app.sqlite3"
    shutil.copy(loaded_db_url.removeprefix("sqlite:///"), app_db)
    app_url = f"sqlite:///{app_db}"
    store = TrackerStore(f"sqlite:///{workdir / 'conversations.sqlite3'}")
    hold_conversations(store, app_url, start=NOW - dt.timedelta(days=5))
    week_of_misses(store, app_url)
    handoffs = HandoffStore(get_engine(app_url))
    handoffs.create(sender_id="console-human", name="Ana Souza", contact="+1 555 010 7788", channel="socketio")
    handoffs.create(
        sender_id="w-7",
        name="Maria Fernanda de los Santos Oliveira",
        contact="maria.fernanda.delossantos.oliveira@university-of-example.edu",
        channel="telegram",
        message="I'd like to talk about evening programs and whether my nursing degree from Brazil counts",
    )
    AccountStore(get_engine(app_url)).create(ADVISOR, PASSWORD)
    with running_console(console_settings(workdir, app_url, store.url), workdir) as url:
        yield url


@pytest.mark.browser
def test_in_a_browser_the_inbox_opens_the_turn_and_the_list_fits_a_phone(console_url: str):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: setup installs it (scripts/install-browser.sh)")
    from playwright.sync_api import expect, sync_playwright

    from tests.test_widget_browser import CHROMIUM_ARGS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    own_host = urllib.parse.urlparse(console_url).netloc
    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(
                viewport={"width": 1280, "height": 900}, extra_http_headers={"X-Forwarded-For": "10.78.0.1"}
            )
            context.set_default_timeout(30_000)

            def only_our_server(route):
                if urllib.parse.urlparse(route.request.url).netloc == own_host:
                    route.continue_()
                else:
                    outside.append(route.request.url)
                    route.abort()

            context.route("**/*", only_our_server)
            page = context.new_page()
            page.goto(console_url + "/inbox")
            page.get_by_label("Email").fill(ADVISOR)
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            expect(page.get_by_role("heading", name="Inbox: where the bot fell short")).to_be_visible()
            first = page.locator("tr.inbox-entry").first
            expect(first.locator("a.entry-link")).to_have_text("What's the salary?")  # 3 times: the most frequent
            expect(page.locator("tr.inbox-entry", has_text="how much does the RMA renewal cost")).to_contain_text(
                "didn't help"
            )
            page.screenshot(path=str(SCREENSHOTS / "console-inbox.png"), full_page=True)

            first.locator("a.entry-link").click()
            target = page.locator("li.turn:target")
            expect(target).to_contain_text("What's the salary?")
            expect(target).to_be_in_viewport()
            page.screenshot(path=str(SCREENSHOTS / "console-inbox-turn.png"))

            phone = browser.new_context(
                viewport={"width": 390, "height": 844},
                device_scale_factor=2,
                extra_http_headers={"X-Forwarded-For": "10.78.0.1"},
                storage_state=context.storage_state(),
            )
            phone.route("**/*", only_our_server)
            small = phone.new_page()
            for path in ("/", "/inbox", "/dashboard", "/c/w-7", "/handoff"):
                small.goto(console_url + path)
                overflow = small.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, f"{path} scrolls sideways on a phone by {overflow}px"
            small.screenshot(path=str(SCREENSHOTS / "console-phone-handoff.png"), full_page=True)
            expect(small.locator("article.request")).to_have_count(2)  # the queue checked above had its cards
            small.goto(console_url + "/")
            small.screenshot(path=str(SCREENSHOTS / "console-phone.png"), full_page=True)
            phone.close()
        finally:
            browser.close()
    assert not outside, f"the console made the browser reach outside: {outside}"
    for name in ("console-inbox.png", "console-inbox-turn.png", "console-phone.png", "console-phone-handoff.png"):
        assert (SCREENSHOTS / name).stat().st_size > 20_000, name
