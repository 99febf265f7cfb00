"""The widget as a visitor uses it, in headless Chromium at desktop (1280x800) and phone (390x844)
size: by keyboard only through a roadmap and a handoff (Tab, Enter, Space, Escape, visible
focus), checked by axe-core (no serious or critical WCAG 2.1 AA violation), the phone layout,
the "This didn't help" control, the offline notice, and no reply lost when the page is reloaded
0.1, 0.3 or 0.7 s after sending. Writes the screenshot set and the load-time measurements to
reports/ (widget-*.png, widget-metrics.json).

Servers of their own, for a school that states its name and reply time (SCHOOL_NAME,
SCHOOL_REPLY_TIME), as a school embedding the widget would."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from typing import Any

import pytest

from bot.school import sayings
from bot.school.profile import Advisors, School
from tests.widget_browser import (
    DESKTOP,
    PHONE,
    REPORTS,
    axe_problems,
    bot_texts_shown,
    chromium,
    require_browser,
    screenshot,
    stored_events,
    visit,
    widget_senders,
    widget_state,
)

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

SCHOOL_NAME = "Lakeside College of Allied Health"
REPLY_TIME = "within one business day"
SCHOOL = School(name=SCHOOL_NAME, advisors=Advisors(reply_time=REPLY_TIME))


@pytest.fixture(scope="module")
def school_bot(model, loaded_db_url, tmp_path_factory):
    from tests.e2e import running_bot, server_settings

    workdir = tmp_path_factory.mktemp("widget-school")
    app_db = workdir / "app.sqlite3"
    shutil.copy(loaded_db_url.removeprefix("sqlite:///"), app_db)
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(os.environ, "SCHOOL_NAME", SCHOOL_NAME)
        patch.setitem(os.environ, "SCHOOL_REPLY_TIME", REPLY_TIME)
        settings = server_settings(f"sqlite:///{app_db}", workdir)
        with running_bot(settings, model, workdir / "servers.log") as bot:
            yield bot


@pytest.fixture(scope="module")
def browser():
    require_browser()
    with chromium() as opened:
        yield opened


def _tracker_db(bot) -> Any:
    from pathlib import Path

    return Path(bot.tracker_store_url.removeprefix("sqlite:///"))


# --- keyboard -----------------------------------------------------------------------------------


def focused(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => { const a = document.activeElement; const s = getComputedStyle(a);
                   return {cls: a.getAttribute('class') || '', id: a.id || '', text: (a.textContent || '').trim(),
                           outline: s.outlineStyle, width: parseFloat(s.outlineWidth) || 0}; }"""
    )


def tab_to(page: Any, css_class: str, text: str | None = None, key: str = "Tab", tries: int = 60) -> None:
    """Press Tab (or Shift+Tab) until an element with `css_class` (and `text`) has the focus; it must show it."""
    for _ in range(tries):
        page.keyboard.press(key)
        now = focused(page)
        if css_class in now["cls"].split() and (text is None or now["text"] == text):
            assert now["outline"] != "none" and now["width"] >= 2, f"no visible focus on {css_class} {text}: {now}"
            return
    pytest.fail(f"{key} never reached {css_class} {text!r}")


def say(page: Any, text: str) -> None:
    """Type into the message box (focused by Tab when it is not) and press Enter."""
    if focused(page)["id"] != "rw-new-message":
        tab_to(page, "rw-new-message")
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def press_reply(page: Any, title: str, key: str) -> None:
    """Reach the bot's button `title` from the message box with Shift+Tab and press it with `key`."""
    from playwright.sync_api import expect

    expect(page.locator(".rw-reply", has_text=title)).to_be_visible()
    if focused(page)["id"] != "rw-new-message":
        tab_to(page, "rw-new-message")
    tab_to(page, "rw-reply", title, key="Shift+Tab")
    page.keyboard.press(key)


def starts_in_view(page: Any, text: str) -> bool:
    """Whether the pane shows the bot message containing `text` from its start: at the top of the
    pane, or, when what follows it is shorter than the pane, scrolled as far as it goes with it in view."""
    return page.evaluate(
        """(text) => { const list = document.querySelector('.rw-messages-container');
                       const pane = list.getBoundingClientRect();
                       const all = [...document.querySelectorAll('.rw-from-response')].filter(m => m.textContent.includes(text));
                       const top = all[all.length - 1].getBoundingClientRect().top;
                       const atEnd = list.scrollTop >= list.scrollHeight - list.clientHeight - 1;
                       return top >= pane.top - 1 && (top <= pane.top + 24 || (atEnd && top + 20 <= pane.bottom)); }""",
        text,
    )


@pytest.mark.parametrize("size, viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_keyboard_only_through_a_roadmap_and_a_handoff(school_bot, browser, size, viewport):
    from playwright.sync_api import expect

    seen = visit(browser, school_bot, viewport)
    page = seen.page
    problems: list[str] = []
    page.goto(f"{school_bot.rasa_url}/web/demo/")
    if size == "phone":
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], (
            "the demo page is wider than a phone"
        )

    # Tab reaches the launcher; Enter opens the chat with the focus in the message box.
    page.wait_for_selector(".rw-launcher", state="visible")
    tab_to(page, "rw-launcher")
    assert "Chat with CMA advisor" in page.get_attribute(".rw-launcher", "aria-label")
    page.keyboard.press("Enter")
    pane = page.locator(".rw-conversation-container")
    expect(pane).to_be_visible()
    assert focused(page)["id"] == "rw-new-message"
    expect(pane.get_by_text("Hi, I'm the CMA advisor", exact=False)).to_be_visible()
    if size == "phone":
        box = pane.bounding_box()
        assert box == {"x": 0, "y": 0, "width": PHONE["width"], "height": PHONE["height"]}, box
        assert page.locator(".rw-launcher").is_hidden()
    # Escape closes it and gives the focus back to the launcher; Space opens it again.
    page.keyboard.press("Escape")
    expect(pane).to_have_count(0)
    assert "rw-launcher" in focused(page)["cls"]
    page.keyboard.press("Space")
    expect(pane).to_be_visible()
    expect(pane.get_by_text("Hi, I'm the CMA advisor", exact=False)).to_be_visible()
    screenshot(page, f"{size}-greeting")
    problems += axe_problems(page, f"{size} greeting")

    # An answer with its sources: one bubble, the source line under it with real links.
    say(page, "What does a medical assistant earn?")
    sources = pane.locator(".rw-from-response").last.locator(".rw-sources")
    expect(sources).to_be_visible()
    expect(sources.get_by_role("link", name=re.compile(r"bls\.gov")).first).to_have_attribute("href", "https://bls.gov")
    assert starts_in_view(page, "median"), "the pane did not open at the start of the answer"
    screenshot(page, f"{size}-answer-with-sources")

    # A roadmap, by keyboard: Space and Enter on the bot's buttons.
    say(page, "walk me through the steps")
    press_reply(page, "International medical graduate", "Space")
    press_reply(page, "Recommend one", "Enter")
    press_reply(page, "Skip", "Space")
    press_reply(page, "Long-term career", "Enter")
    step = pane.locator(".rw-from-response", has_text="Step 1 of 6")
    expect(step).to_be_visible()
    expect(step.locator(".rw-step-heading")).to_have_count(1)
    expect(step.locator("strong", has_text="What to do:")).to_have_count(1)  # its lines kept apart
    page.wait_for_timeout(300)
    assert starts_in_view(page, "I picked the"), "the pane did not open at the start of the new answer"
    screenshot(page, f"{size}-roadmap-step")
    problems += axe_problems(page, f"{size} roadmap step")
    press_reply(page, "Next step", "Enter")
    expect(pane.locator(".rw-from-response", has_text="Step 2 of 6")).to_be_visible()
    press_reply(page, "Whole plan", "Space")
    plan = pane.locator(".rw-from-response", has_text="Your roadmap to the").last
    expect(plan.locator("li")).to_have_count(6)  # the whole plan is a list, one step a line

    # The handoff: a privacy line and the school's reply time before any contact is asked for.
    say(page, "I'd like to talk to a person")
    expect(pane.get_by_text("What name should the advisor use?")).to_be_visible()
    handoff = pane.locator(".rw-from-response", has_text=sayings.privacy(SCHOOL))
    expect(handoff).to_be_visible()
    expect(handoff).to_contain_text(sayings.about_advisors(SCHOOL))
    screenshot(page, f"{size}-handoff")
    say(page, "Ana")
    expect(pane.get_by_text("And the best email address or phone number", exact=False)).to_be_visible()
    say(page, "ana@example.com")
    press_reply(page, "Yes, send it", "Enter")
    expect(pane.get_by_text("your request is in the advisors' queue", exact=False)).to_be_visible()
    problems += axe_problems(page, f"{size} handoff")

    # Replies are announced: the live region holds the latest.
    live = page.locator(".rw-widget-container [aria-live='polite']")
    expect(live).to_contain_text("advisors' queue")
    # Nothing in the pane is wider than the screen.
    assert page.evaluate(
        "(() => { const m = document.querySelector('.rw-messages-container'); return m.scrollWidth <= m.clientWidth; })()"
    )
    seen.check_clean()
    assert not problems, "axe-core found serious or critical problems:\n" + "\n".join(problems)


# --- "This didn't help" -------------------------------------------------------------------------


def test_this_didnt_help_sends_feedback_without_a_bubble_and_shows_the_reply(school_bot, browser):
    from playwright.sync_api import expect

    seen = visit(browser, school_bot, DESKTOP)
    page = seen.page
    page.goto(f"{school_bot.rasa_url}/web/demo/")
    page.click("#ask-advisor")
    pane = page.locator(".rw-conversation-container")
    expect(pane.get_by_text("Hi, I'm the CMA advisor", exact=False)).to_be_visible()
    say(page, "Do I need the USMLE?")
    answer = pane.locator(".rw-from-response", has_text="USMLE").last
    expect(answer).to_be_visible()
    page.wait_for_timeout(1000)
    before_bot = pane.locator(".rw-from-response").count()
    before_mine = pane.locator(".rw-from-client").count()

    control = answer.get_by_role("button", name="This didn't help")
    control.focus()
    page.keyboard.press("Enter")
    expect(answer.get_by_role("button", name="Thanks for telling us")).to_be_disabled()
    expect(pane.locator(".rw-from-response")).to_have_count(before_bot + 1)  # the bot's reply is shown
    assert pane.locator(".rw-from-client").count() == before_mine, "the feedback showed as the visitor's message"
    expect(pane.get_by_text("/feedback_unhelpful")).to_have_count(0)

    (conversation,) = {
        s for s in widget_senders(_tracker_db(school_bot)) if _said(school_bot, s, "Do I need the USMLE?")
    }
    said = stored_events(_tracker_db(school_bot), conversation, "user")
    feedback = [e for e in said if e.get("text") == "/feedback_unhelpful"]
    assert len(feedback) == 1
    shown_ids = [m.get("id") for m in widget_state(page)["conversation"] if "USMLE" in m.get("text", "")]
    assert feedback[0]["metadata"].get("feedback_on") in shown_ids
    seen.check_clean()


def _said(bot, conversation: str, text: str) -> bool:
    return any(e.get("text") == text for e in stored_events(_tracker_db(bot), conversation, "user"))


# --- offline ------------------------------------------------------------------------------------


def test_offline_a_notice_shows_and_a_message_written_then_is_answered_once_back(school_bot, browser):
    from playwright.sync_api import expect

    seen = visit(browser, school_bot, DESKTOP)
    page = seen.page
    page.goto(f"{school_bot.rasa_url}/web/demo/")
    page.click("#ask-advisor")
    pane = page.locator(".rw-conversation-container")
    expect(pane.get_by_text("Hi, I'm the CMA advisor", exact=False)).to_be_visible()
    status = pane.get_by_role("status")
    expect(status).to_be_hidden()

    seen.context.set_offline(True)
    expect(status).to_contain_text("offline")
    say(page, "How long does it take?")
    expect(pane.locator(".rw-from-client", has_text="How long does it take?")).to_be_visible()
    seen.context.set_offline(False)
    expect(status).to_be_hidden()
    expect(pane.locator(".rw-from-response", has_text="months").last).to_be_visible()
    page.wait_for_timeout(2000)
    assert sum(t == "How long does it take?" for t in _client_texts(page)) == 1
    seen.check_clean()


def _client_texts(page: Any) -> list[str]:
    return [m["text"] for m in widget_state(page).get("conversation", []) if m.get("sender") == "client"]


# --- no reply lost on a reload ------------------------------------------------------------------

#: Three questions with different answers; each is sent, and the page reloaded that long after.
#: Three questions with different answers; each is sent, and the page reloaded that long after.
RELOADS = [(0.1, "How long does it take?"), (0.3, "Do I need the USMLE?"), (0.7, "What does a medical assistant earn?")]


class GoingAway:
    """The page's websocket, passed through Playwright, with the bot's messages to a page that is
    about to go away dropped on the way: the server answers and stores the reply, the page never
    shows it. (Our bot answers in a few tens of milliseconds, so without this the reply would
    reach the page before even the quickest reload.)"""

    def __init__(self) -> None:
        self.leaving = False
        self.dropped: list[str] = []
        self.upgrades = 0  # sockets that moved from long-polling to this websocket

    def route(self, ws: Any) -> None:
        server = ws.connect_to_server()
        ws.on_message(lambda frame: self._to_server(server, frame))
        server.on_message(lambda frame: self._to_page(ws, frame))

    def _to_server(self, server: Any, frame: Any) -> None:
        if frame == "5":  # engine.io's upgrade: from now on every message takes the websocket
            self.upgrades += 1
        server.send(frame)

    def wait_for_upgrade(self, page: Any, count: int) -> None:
        for _ in range(200):
            if self.upgrades >= count:
                return
            page.wait_for_timeout(50)
        pytest.fail("the widget's socket never moved to the websocket")

    def _to_page(self, ws: Any, frame: Any) -> None:
        if self.leaving and isinstance(frame, str) and frame.startswith('42["bot_uttered"'):
            self.dropped.append(frame)
            return
        ws.send(frame)


def test_a_reload_right_after_sending_loses_no_reply(school_bot, browser):
    from playwright.sync_api import expect

    seen = visit(browser, school_bot, DESKTOP)
    page = seen.page
    going = GoingAway()
    page.route_web_socket(re.compile(r".*/socket\.io/.*"), going.route)
    page.goto(f"{school_bot.rasa_url}/web/demo/")
    started = time.time()
    page.click("#ask-advisor")
    pane = page.locator(".rw-conversation-container")
    expect(pane.get_by_text("Hi, I'm the CMA advisor", exact=False)).to_be_visible()
    expect(pane.locator(".rw-typing-indication")).to_have_count(0)
    page.wait_for_function("window.WebChat && document.querySelector('.rw-status') && navigator.onLine")
    (conversation,) = widget_senders(_tracker_db(school_bot), since=started - 1)

    for n, (delay, question) in enumerate(RELOADS, start=1):
        going.wait_for_upgrade(page, n)
        before = len(going.dropped)
        going.leaving = True
        say(page, question)
        page.wait_for_timeout(int(delay * 1000))
        page.reload()
        going.leaving = False
        assert len(going.dropped) > before, f"the reply to {question!r} reached the page before the reload"
        pane = page.locator(".rw-conversation-container")
        expect(pane).to_be_visible()  # it was open: it opens again by itself
        _wait_until_caught_up(page, school_bot, conversation)

    stored = [e["text"] for e in stored_events(_tracker_db(school_bot), conversation, "bot")]
    shown = bot_texts_shown(page)
    # Every reply, in order, exactly once: a source line that came as a message of its own is
    # shown joined to the answer before it, so the texts are compared joined.
    assert "\n\n".join(shown) == "\n\n".join(stored)
    questions = [e["text"] for e in stored_events(_tracker_db(school_bot), conversation, "user")]
    assert [q for q in questions if not q.startswith("/")] == [q for _, q in RELOADS]  # each sent once
    on_screen = pane.locator(".rw-from-response")
    assert on_screen.count() == len(shown)
    ids = [on_screen.nth(i).get_attribute("data-id") for i in range(on_screen.count())]
    assert len(set(ids)) == len(ids)
    seen.check_clean()


def _wait_until_caught_up(page: Any, bot, conversation: str, limit_s: float = 45) -> None:
    """Until the widget shows as many bot messages as the store holds and the turn is over."""
    deadline = time.monotonic() + limit_s
    last = None
    while time.monotonic() < deadline:
        stored = "\n\n".join(e["text"] for e in stored_events(_tracker_db(bot), conversation, "bot"))
        shown = "\n\n".join(bot_texts_shown(page))
        state = (stored, shown)
        if stored == shown and state == last and not widget_state(page).get("outbox"):
            return
        last = state
        page.wait_for_timeout(1500)
    pytest.fail(
        f"the widget never caught up with the store:\nstored: {last[0] if last else ''}\nshown: {last[1] if last else ''}"
    )


# --- weight and speed ---------------------------------------------------------------------------


def test_the_launcher_is_usable_soon_after_the_page_loads(school_bot, browser):
    """Measured from navigation start to the launcher on screen and taking a click, cold and warm cache."""
    from playwright.sync_api import expect

    seen = visit(browser, school_bot, DESKTOP)
    page = seen.page
    figures: dict[str, Any] = {}
    for run in ("cold", "warm"):
        page.goto(f"{school_bot.rasa_url}/web/demo/") if run == "cold" else page.reload()
        page.wait_for_selector(".rw-launcher", state="visible")
        figures[run] = page.evaluate(
            """() => { const nav = performance.getEntriesByType('navigation')[0];
                       return {launcher_ms: Math.round(performance.now()), load_ms: Math.round(nav.loadEventEnd),
                               dom_ready_ms: Math.round(nav.domContentLoadedEventEnd)}; }"""
        )
        page.click(".rw-launcher")
        expect(page.locator(".rw-conversation-container")).to_be_visible()
        page.click(".rw-launcher")
    sizes = page.evaluate(
        """() => performance.getEntriesByType('resource').filter(r => r.name.includes('/web/widget/'))
                 .map(r => ({file: r.name.split('/').pop(), transferred: r.transferSize, encoded: r.encodedBodySize, decoded: r.decodedBodySize}))"""
    )
    figures["files_first_visit"] = sizes
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "widget-metrics.json").write_text(json.dumps(figures, indent=2) + "\n")
    print(f"\nwidget timing: {figures['cold']} (cold), {figures['warm']} (warm)")
    assert figures["cold"]["launcher_ms"] < 5000
    seen.check_clean()
