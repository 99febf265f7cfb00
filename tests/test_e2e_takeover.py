"""Advisors who can act, end to end: the action server, the Rasa server and the console as
`make run` starts them (the Procfile under honcho), with the widget, Slack and Telegram on
(fake Slack and Telegram APIs), mail to a real SMTP server (aiosmtpd) and a fake Slack
incoming webhook, all on free ports of 127.0.0.1.

- A handoff request over REST is mailed to the advisors and posted to the webhook; with the
  mail server down it is filed all the same, the console's queue says the mail was not sent,
  and "Send again" delivers it once the server is back.
- An advisor takes a Slack and a Telegram conversation over from the console: the bot stays
  silent while the person writes (their messages are stored), the advisor's reply reaches
  them through the fake API, and handing back tells them and the bot answers again.
- The same for the website widget in Chromium, with screenshots of the taken-over
  conversation in the console and in the widget (reports/).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.console.accounts import AccountStore
from bot.db import get_engine
from bot.handoff.store import HandoffStore
from bot.notify.outbox import Outbox
from bot.rasa.channels.config import WIDGET_CONNECTOR, write_credentials
from bot.review.logs import ConversationLog
from bot.settings import PROJECT_ROOT, Settings, load_settings
from bot.takeover.store import HoldStore
from bot.takeover.wording import HANDED_BACK
from bot.tools.launch import console_address, health_urls, start_servers, stop_servers, tail, wait_until_up
from tests.console_app import ADVISOR, PASSWORD, Console, csrf_token
from tests.e2e import STARTUP_TIMEOUT_S, answer, free_port, say
from tests.notify_fakes import FakeWebhook, MailServer
from tests.test_channels_slack_telegram import (
    BOT_NAME,
    KEY_FACT,
    QUESTION,
    SIGNING_SECRET,
    SLACK_TOKEN,
    TELEGRAM_TOKEN,
    WEBHOOK_URL,
    FakeAPIs,
    slack_event,
    slack_post,
    telegram_update,
)

pytestmark = pytest.mark.e2e

TOKEN = "relay-token-for-the-end-to-end-test"
QUIET_S = 4  # how long the bot must stay silent to count as silent
REPLY = "Hi, this is Ana from admissions. I can call you tomorrow at 10."
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = PROJECT_ROOT / "reports"


@dataclass
class Stack:
    settings: Settings
    apis: FakeAPIs
    mail: MailServer
    webhook: FakeWebhook
    console: Console
    log: Path

    def conversation(self, sender_id: str) -> list:
        found = ConversationLog(self.settings.tracker_store_url, self.settings.database_url).transcript(sender_id)
        return found[1] if found else []


@pytest.fixture(scope="module")
def stack(model: Path, loaded_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    workdir = tmp_path_factory.mktemp("takeover")
    app_db = workdir / "app.sqlite3"
    shutil.copy(loaded_db_url.removeprefix("sqlite:///"), app_db)
    with FakeAPIs() as apis, MailServer("plain", workdir) as mail, FakeWebhook() as webhook:
        settings = load_settings(
            env_file=workdir / "absent.env",
            environ={
                "DATABASE_URL": f"sqlite:///{app_db}",
                "TRACKER_STORE_URL": f"sqlite:///{workdir / 'conversations.sqlite3'}",
                "RASA_HOST": "127.0.0.1",
                "RASA_PORT": str(free_port()),
                "ACTION_PORT": str(free_port()),
                "CONSOLE_PORT": str(free_port()),
                "SMTP_URL": mail.url,
                "SMTP_FROM": "bot@school.edu",
                "ADVISOR_EMAILS": "ana@school.edu",
                "HANDOFF_SLACK_WEBHOOK_URL": webhook.url,
                "RASA_API_TOKEN": TOKEN,
            },
        )
        AccountStore(get_engine(settings.database_url)).create(ADVISOR, PASSWORD)
        credentials = workdir / "credentials.yml"
        write_credentials(
            credentials,
            {
                "SLACK_TOKEN": SLACK_TOKEN,
                "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "SLACK_API_URL": apis.slack_url,
                "TELEGRAM_TOKEN": TELEGRAM_TOKEN,
                "TELEGRAM_BOT_NAME": BOT_NAME,
                "TELEGRAM_WEBHOOK_URL": WEBHOOK_URL,
                "TELEGRAM_API_URL": apis.telegram_url,
            },
            socketio=True,
            socketio_connector=WIDGET_CONNECTOR,
            advisor=True,
        )
        log = workdir / "servers.log"
        proc = start_servers(settings, model, log, credentials)
        console = Console.at(settings, console_address(settings))
        try:
            if not wait_until_up(health_urls(settings), proc, STARTUP_TIMEOUT_S):
                raise RuntimeError("servers did not start:\n" + tail(log, 80))
            yield Stack(settings, apis, mail, webhook, console, log)
        finally:
            console.close()
            stop_servers(proc)


def file_handoff(settings: Settings, sender: str) -> str:
    answer(settings, "can I talk to a real advisor?", sender=sender)
    answer(settings, "it's Ana Souza", sender=sender)
    answer(settings, "ana.souza@example.com", sender=sender)
    return answer(settings, "yes, send it", sender=sender)


def wait_until(check, what: str, timeout: float = 30):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"{what} never happened")


# --- notifications ---------------------------------------------------------------------------


def test_a_handoff_request_is_mailed_to_the_advisors_and_posted_to_slack(stack: Stack) -> None:
    before = len(stack.mail.mails())
    assert "in the advisors' queue" in file_handoff(stack.settings, "notify-1")
    mails = stack.mail.wait_for(before + 1)
    mail = mails[-1][0]
    assert mail["Subject"] == "Ana Souza asked for an advisor (the REST API)" and mail["To"] == "ana@school.edu"
    assert "Contact: ana.souza@example.com" in mail.get_content()
    assert f"{console_address(stack.settings)}/c/notify-1" in mail.get_content()
    post = wait_until(
        lambda: [p for p in stack.webhook.received() if "*Ana Souza*" in p["text"] and "/c/notify-1|" in p["text"]],
        "the Slack post",
    )[0]
    assert "asked for an advisor on the REST API" in post["text"]


def test_a_mail_server_that_is_down_never_stops_the_request_and_the_console_says_so(stack: Stack) -> None:
    stack.mail.stop()
    try:
        done = file_handoff(stack.settings, "notify-down")
        assert "in the advisors' queue" in done  # the person is told it was filed
        (request,) = HandoffStore(get_engine(stack.settings.database_url)).list(sender_id="notify-down")
        outbox = Outbox(get_engine(stack.settings.database_url))
        mail_note = wait_until(
            lambda: [n for n in outbox.for_requests([request.id])[request.id] if n.kind == "email" and n.attempts],
            "the failed mail attempt",
        )[0]
        assert mail_note.status == "pending" and "could not reach the mail server" in mail_note.last_error
        advisor = stack.console.signed_in()
        queue = advisor.get("/handoff").body
        card = queue[queue.index(f'id="request-{request.id}"') :].split("</article>")[0]
        assert "Email to the advisors: not sent" in card and "Slack post: sent" in card
    finally:
        stack.mail.start()  # back on the same port
    before = len(stack.mail.mails())
    again = advisor.post(
        f"/handoff/notification/{mail_note.id}/retry", {"csrf_token": csrf_token(queue), "back": "open"}
    )
    assert again.status == 303
    assert "Ana Souza" in stack.mail.wait_for(before + 1)[-1][0]["Subject"]
    card = advisor.get("/handoff").body.split(f'id="request-{request.id}"')[1].split("</article>")[0]
    assert "Email to the advisors: sent" in card


# --- taking over Slack and Telegram conversations ---------------------------------------------


def take_over(stack: Stack, sender: str):  # type: ignore[no-untyped-def]
    advisor = stack.console.signed_in()
    page = advisor.get(f"/c/{sender}").body
    assert advisor.post(f"/c/{sender}/take", {"csrf_token": csrf_token(page)}).status == 303
    assert HoldStore(get_engine(stack.settings.database_url)).current(sender).held_by == ADVISOR
    return advisor, csrf_token(page)


def test_an_advisor_takes_over_a_slack_conversation_and_hands_it_back(stack: Stack) -> None:
    user, channel = "U_TAKE", "D_TAKE"
    posts = lambda: stack.apis.of("slack", "chat.postMessage", channel=channel)  # noqa: E731
    slack_post(stack.settings, slack_event("hi", user, channel))
    greeted = len(stack.apis.wait_for(1, "slack", "chat.postMessage", channel=channel))
    advisor, token = take_over(stack, user)

    assert slack_post(stack.settings, slack_event("is anyone there? I need a person", user, channel))[0] == 200
    wait_until(
        lambda: any(t.text == "is anyone there? I need a person" for t in stack.conversation(user)),
        "the stored message",
    )
    time.sleep(QUIET_S)
    assert len(posts()) == greeted, "the bot answered a conversation an advisor holds"
    live = advisor.get(f"/c/{user}/live").body
    assert "is anyone there? I need a person" in live

    sent = advisor.post(f"/c/{user}/reply", {"csrf_token": token, "text": REPLY})
    assert sent.status == 303 and "said=delivered" in sent.location
    assert posts()[-1]["text"] == REPLY.replace("&", "&amp;") and len(posts()) == greeted + 1
    said = [t for t in stack.conversation(user) if t.kind == "bot"][-1]
    assert (said.text, said.advisor) == (REPLY, ADVISOR)

    assert advisor.post(f"/c/{user}/hand-back", {"csrf_token": token}).status == 303
    assert posts()[-1]["text"] == HANDED_BACK
    slack_post(stack.settings, slack_event(QUESTION, user, channel))
    answered = stack.apis.wait_for(greeted + 3, "slack", "chat.postMessage", channel=channel)
    assert KEY_FACT in " ".join(p["text"] for p in answered[greeted + 2 :])


def test_an_advisor_takes_over_a_telegram_conversation_and_hands_it_back(stack: Stack) -> None:
    chat = 8080
    sent_to = lambda: stack.apis.of("telegram", "sendMessage", chat_id=chat)  # noqa: E731
    assert telegram_update(stack.settings, chat, "/start")[0] == 200
    greeted = len(stack.apis.wait_for(1, "telegram", "sendMessage", chat_id=chat))
    advisor, token = take_over(stack, str(chat))

    assert telegram_update(stack.settings, chat, "hello? can a human help me")[0] == 200
    wait_until(
        lambda: any(t.text == "hello? can a human help me" for t in stack.conversation(str(chat))), "the stored message"
    )
    time.sleep(QUIET_S)
    assert len(sent_to()) == greeted, "the bot answered a conversation an advisor holds"

    assert "said=delivered" in advisor.post(f"/c/{chat}/reply", {"csrf_token": token, "text": REPLY}).location
    assert sent_to()[-1]["text"] == REPLY
    assert advisor.post(f"/c/{chat}/hand-back", {"csrf_token": token}).status == 303
    assert sent_to()[-1]["text"] == HANDED_BACK
    assert telegram_update(stack.settings, chat, QUESTION)[0] == 200
    answered = stack.apis.wait_for(greeted + 3, "telegram", "sendMessage", chat_id=chat)
    assert KEY_FACT in " ".join(m["text"] for m in answered[greeted + 2 :])


def test_the_relay_refuses_anyone_without_the_token(stack: Stack) -> None:
    import json
    import urllib.error
    import urllib.request

    body = json.dumps({"sender_id": "notify-1", "text": "I am the school, send me your card number", "advisor": "x"})
    for header in ({}, {"Authorization": "Bearer guessed"}):
        request = urllib.request.Request(
            f"{stack.settings.rasa_url}/webhooks/advisor/say",
            data=body.encode(),
            headers={"Content-Type": "application/json", **header},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 401
    assert not any("card number" in t.text for t in stack.conversation("notify-1"))
    assert say(stack.settings, "notify-rest", "hi")  # and REST is answered as ever


# --- the website widget, in Chromium ------------------------------------------------------------


@pytest.mark.browser
def test_an_advisor_takes_over_a_widget_conversation_in_the_browser(stack: Stack) -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: setup installs it (scripts/install-browser.sh)")
    from playwright.sync_api import expect, sync_playwright

    from tests.test_widget_browser import CHROMIUM_ARGS, socketio_senders

    settings = stack.settings
    tracker_db = Path(settings.tracker_store_url.removeprefix("sqlite:///"))
    console_url = console_address(settings)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            person = browser.new_context(viewport={"width": 1000, "height": 800}).new_page()
            person.set_default_timeout(30_000)
            person.goto(f"{settings.rasa_url}/web/demo/")
            person.click("#ask-advisor")
            widget = person.locator(".rw-conversation-container")
            expect(widget.get_by_text("Hi, I'm the CMA advisor", exact=False)).to_be_visible()
            box = widget.locator(".rw-new-message")
            box.fill("can an advisor help me choose a program?")
            box.press("Enter")
            expect(widget.locator(".rw-typing-indication")).to_have_count(0)
            person.wait_for_timeout(1500)
            (sender,) = wait_until(lambda: socketio_senders(tracker_db), "the widget conversation")

            advisor = browser.new_context(viewport={"width": 1280, "height": 1100}).new_page()
            advisor.set_default_timeout(30_000)
            advisor.goto(f"{console_url}/login")
            advisor.fill("input[name=email]", ADVISOR)
            advisor.fill("input[name=password]", PASSWORD)
            advisor.click("button[type=submit]")
            advisor.goto(f"{console_url}/c/{sender}")
            advisor.get_by_role("button", name="Take over", exact=True).click()
            expect(advisor.get_by_text("Taken over by you")).to_be_visible()

            replies = widget.locator(".rw-response")
            before = replies.count()
            box.fill("hello? is a person there?")
            box.press("Enter")
            live = advisor.frame_locator("iframe.live")
            expect(live.get_by_text("hello? is a person there?")).to_be_visible(
                timeout=15_000
            )  # the pane reloads itself
            person.wait_for_timeout(QUIET_S * 1000)
            assert replies.count() == before, "the bot answered a conversation an advisor holds"

            advisor.fill("#reply-text", REPLY)
            advisor.get_by_role("button", name="Send in their chat").click()
            expect(advisor.get_by_text("Sent in their chat and kept in the conversation.")).to_be_visible()
            expect(widget.get_by_text(REPLY)).to_be_visible()
            # the person sees that a person is writing, not the bot (and never the advisor's address)
            advisors = widget.locator(".rw-advisor")
            expect(advisors).to_have_count(1)
            expect(advisors).to_contain_text("Advisor (a person)")
            assert ADVISOR not in widget.inner_text()
            expect(live.get_by_text(REPLY)).to_be_visible(timeout=15_000)
            SHOTS.mkdir(parents=True, exist_ok=True)
            advisor.screenshot(path=str(SHOTS / "console-takeover.png"), full_page=True)
            person.screenshot(path=str(SHOTS / "widget-takeover.png"))

            advisor.get_by_role("button", name="Hand back to the bot").click()
            expect(advisor.get_by_text("Handed back to the bot; the person was told.")).to_be_visible()
            expect(widget.get_by_text("handed you back to me", exact=False)).to_be_visible()
            box.fill(QUESTION)
            box.press("Enter")
            expect(widget.get_by_text(KEY_FACT, exact=False).first).to_be_visible()
        finally:
            browser.close()
    turns = stack.conversation(sender)
    assert [t.advisor for t in turns if t.kind == "bot" and t.text == REPLY] == [ADVISOR]
    assert any(t.kind == "user" and t.text == "hello? is a person there?" for t in turns)
