"""Slack and Telegram end to end, offline: fake Slack and Telegram APIs on 127.0.0.1.

The Rasa server runs with a credentials file written by `bot.rasa.channels.config` from
the same variables a school puts in `.env`, pointing both connectors at the fakes.
Each channel must answer a question with the same text and buttons as REST.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from bot.rasa.channels import split_text, utf16_len
from bot.rasa.channels.config import ChannelConfigError, describe, write_credentials
from bot.rasa.channels.slack import SlackInput, reply_messages
from bot.rasa.channels.telegram import TelegramInput, derived_secret
from bot.settings import PROJECT_ROOT, Settings
from bot.tools.launch import server_env, tail, wait_until_up
from tests.e2e import free_port, say, server_settings

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
SLACK_TOKEN = "xoxb-test-token"
TELEGRAM_TOKEN = "123456789:AAtestTOKENforTHEfakeAPI_0123456789"
OTHER_TOKEN = "987654321:AAtokenOFanOTHERbot_0123456789abcdef"
BOT_NAME = "cma_advisor_bot"
WEBHOOK_URL = "https://advisor.example.org/webhooks/telegram/webhook"
QUESTION = "Do I need the USMLE?"
KEY_FACT = "licensing exam for physicians"
WAIT_S = 30
SERVER_LOG: dict[str, Path] = {}


# --- fake Slack and Telegram APIs ------------------------------------------------------


class FakeAPIs:
    """Slack's Web API and Telegram's Bot API on 127.0.0.1, recording every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, dict[str, Any]]] = []  # (service, method, params)
        self.lock = threading.Lock()
        self.slack_port, self.telegram_port = free_port(), free_port()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.runners: list[web.AppRunner] = []

    @property
    def slack_url(self) -> str:
        return f"http://127.0.0.1:{self.slack_port}/api/"

    @property
    def telegram_url(self) -> str:
        return f"http://127.0.0.1:{self.telegram_port}"

    def _record(self, service: str, method: str, params: dict[str, Any]) -> None:
        with self.lock:
            self.calls.append((service, method, params))

    def of(self, service: str, method: str, **match: Any) -> list[dict[str, Any]]:
        with self.lock:
            return [
                p
                for s, m, p in self.calls
                if s == service and m == method and all(str(p.get(k)) == str(v) for k, v in match.items())
            ]

    def wait_for(self, count: int, service: str, method: str, **match: Any) -> list[dict[str, Any]]:
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            found = self.of(service, method, **match)
            if len(found) >= count:
                time.sleep(0.5)  # anything more would arrive now
                return self.of(service, method, **match)
            time.sleep(0.1)
        raise AssertionError(f"{count} {service} {method} {match} never came; calls: {self.calls}")

    async def _slack(self, request: web.Request) -> web.Response:
        if request.content_type == "application/json":
            params = await request.json()
        else:
            params = dict(await request.post())
        params["_auth"] = request.headers.get("Authorization", "")
        self._record("slack", request.match_info["method"], params)
        return web.json_response({"ok": True, "channel": params.get("channel"), "ts": f"{time.time():.6f}"})

    async def _telegram(self, request: web.Request) -> web.Response:
        token, method = request.match_info["token"], request.match_info["method"]
        params = dict(await request.post())
        params["_token"] = token
        self._record("telegram", method, params)
        if method == "getMe":
            name = BOT_NAME if token == TELEGRAM_TOKEN else "some_other_bot"
            result: Any = {"id": int(token.split(":")[0]), "is_bot": True, "first_name": "CMA", "username": name}
        elif method == "sendMessage":
            result = {
                "message_id": len(self.calls),
                "date": int(time.time()),
                "text": params.get("text", ""),
                "chat": {"id": int(params["chat_id"]), "type": "private"},
            }
        else:
            result = True
        return web.json_response({"ok": True, "result": result})

    async def _start(self) -> None:
        slack = web.Application()
        slack.router.add_post("/api/{method}", self._slack)
        telegram = web.Application()
        telegram.router.add_post("/bot{token}/{method}", self._telegram)
        for app, port in ((slack, self.slack_port), (telegram, self.telegram_port)):
            runner = web.AppRunner(app)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", port).start()
            self.runners.append(runner)

    async def _stop(self) -> None:
        for runner in self.runners:
            await runner.cleanup()

    def __enter__(self) -> FakeAPIs:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(10)
        return self

    def __exit__(self, *exc: Any) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


@pytest.fixture(scope="module")
def fakes() -> Iterator[FakeAPIs]:
    with FakeAPIs() as apis:
        yield apis


# --- the servers, with our credentials file ---------------------------------------------


@contextmanager
def running_bot_with_credentials(
    settings: Settings, model: Path, credentials: Path, log_path: Path
) -> Iterator[Settings]:
    """Action server and Rasa server like the Procfile's, but with `--credentials <file>`
    (and the HTTP API on, on 127.0.0.1, to read trackers)."""
    env = server_env(settings, model)
    commands = [
        [sys.executable, "-m", "rasa", "run", "actions", "--actions", "actions", "--port", str(settings.action_port)],
        [
            sys.executable,
            "-m",
            "rasa",
            "run",
            "--model",
            str(model),
            "--endpoints",
            "endpoints.yml",
            "--credentials",
            str(credentials),
            "--interface",
            "127.0.0.1",
            "--port",
            str(settings.rasa_port),
            "--enable-api",
        ],
    ]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    procs: list[subprocess.Popen] = []
    with open(log_path, "w") as log:
        try:
            for command in commands:
                procs.append(
                    subprocess.Popen(
                        command,
                        cwd=PROJECT_ROOT,
                        env=env,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        stdin=subprocess.DEVNULL,
                    )
                )
            urls = [f"{settings.rasa_url}/", f"http://127.0.0.1:{settings.action_port}/health"]
            if not wait_until_up(urls, procs[1], 240) or procs[0].poll() is not None:
                raise RuntimeError("servers did not start:\n" + tail(log_path, 80))
            yield settings
        finally:
            for proc in procs:
                if proc.poll() is None:
                    proc.send_signal(signal.SIGTERM)
            for proc in procs:
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


@pytest.fixture(scope="module")
def channels_bot(
    model: Path, loaded_db_url: str, fakes: FakeAPIs, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Settings]:
    workdir = tmp_path_factory.mktemp("channels")
    credentials = workdir / "credentials.yml"
    names = write_credentials(
        credentials,
        {
            "SLACK_TOKEN": SLACK_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": fakes.slack_url,
            "TELEGRAM_TOKEN": TELEGRAM_TOKEN,
            "TELEGRAM_BOT_NAME": BOT_NAME,
            "TELEGRAM_WEBHOOK_URL": WEBHOOK_URL,
            "TELEGRAM_API_URL": fakes.telegram_url,
        },
    )
    assert describe(names) == "Channels on: rest, slack, telegram"
    started = time.monotonic()
    with running_bot_with_credentials(
        server_settings(loaded_db_url, workdir), model, credentials, workdir / "servers.log"
    ) as settings:
        print(f"servers with Slack and Telegram up in {time.monotonic() - started:.1f} s")
        SERVER_LOG["path"] = workdir / "servers.log"
        yield settings


def rest_replies(settings: Settings, message: str, sender: str) -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (r.get("text", ""), [(b["title"], b["payload"]) for b in r.get("buttons", [])])
        for r in say(settings, sender, message)
    ]


def words(text: str) -> str:
    return " ".join(text.split())


# --- Slack ----------------------------------------------------------------------------


def slack_post(
    settings: Settings,
    body: bytes,
    timestamp: int | None = None,
    secret: str = SIGNING_SECRET,
    content_type: str = "application/json",
) -> tuple[int, str]:
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()
    request = urllib.request.Request(
        f"{settings.rasa_url}/webhooks/slack/webhook",
        data=body,
        headers={
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": str(timestamp),
            "X-Slack-Signature": f"v0={digest}",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=WAIT_S) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def slack_event(text: str, user: str, channel: str) -> bytes:
    return json.dumps(
        {
            "token": "legacy",
            "team_id": "T1",
            "api_app_id": "A1",
            "type": "event_callback",
            "authorizations": [{"user_id": "UBOT"}],
            "event": {
                "type": "message",
                "channel_type": "im",
                "channel": channel,
                "user": user,
                "text": text,
                "ts": f"{time.time():.6f}",
                "event_ts": f"{time.time():.6f}",
            },
        }
    ).encode()


def slack_replies(posts: list[dict[str, Any]]) -> list[tuple[str, list[tuple[str, str]]]]:
    replies = []
    for post in posts:
        blocks = post["blocks"] if isinstance(post["blocks"], list) else json.loads(post["blocks"])
        text = "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")
        buttons = [(e["text"]["text"], e["value"]) for b in blocks if b["type"] == "actions" for e in b["elements"]]
        replies.append((text, buttons))
    return replies


@pytest.mark.e2e
def test_signed_slack_event_is_answered_like_rest(channels_bot: Settings, fakes: FakeAPIs) -> None:
    expected = rest_replies(channels_bot, QUESTION, "rest-usmle")
    started = time.monotonic()
    status, _ = slack_post(channels_bot, slack_event(QUESTION, "U_MARIA", "D_MARIA"))
    assert status == 200
    posts = fakes.wait_for(len(expected), "slack", "chat.postMessage", channel="D_MARIA")
    print(f"Slack answer posted {time.monotonic() - started:.2f} s after the event")
    assert all(p["_auth"] == f"Bearer {SLACK_TOKEN}" for p in posts)
    got = slack_replies(posts)
    assert KEY_FACT in " ".join(text for text, _ in got)
    assert [(words(t), b) for t, b in got] == [(words(t), b) for t, b in expected]
    assert "as_user" not in posts[0]


@pytest.mark.e2e
def test_slack_buttons_are_slack_buttons_and_a_click_is_the_payload(channels_bot: Settings, fakes: FakeAPIs) -> None:
    expected = rest_replies(channels_bot, "hi", "rest-hi")
    assert any(buttons for _, buttons in expected), "the greeting should offer buttons"
    slack_post(channels_bot, slack_event("hi", "U_JO", "D_JO"))
    got = slack_replies(fakes.wait_for(len(expected), "slack", "chat.postMessage", channel="D_JO"))
    assert [(words(t), b) for t, b in got] == [(words(t), b) for t, b in expected]

    title, payload = expected[-1][1][0]
    click = {
        "type": "block_actions",
        "user": {"id": "U_JO"},
        "channel": {"id": "D_JO"},
        "message": {"ts": "1.0"},
        "actions": [{"type": "button", "action_id": "button_0", "value": payload}],
    }
    body = urllib.parse.urlencode({"payload": json.dumps(click)}).encode()
    status, _ = slack_post(channels_bot, body, content_type="application/x-www-form-urlencoded")
    assert status == 200
    after_click = rest_replies(channels_bot, payload, "rest-click")
    got = slack_replies(fakes.wait_for(len(expected) + len(after_click), "slack", "chat.postMessage", channel="D_JO"))[
        len(expected) :
    ]
    assert [words(t) for t, _ in got] == [words(t) for t, _ in after_click]


@pytest.mark.e2e
@pytest.mark.parametrize("case", ["bad signature", "stale timestamp", "no signature"])
def test_unsigned_or_stale_slack_event_gets_400_and_no_answer(
    channels_bot: Settings, fakes: FakeAPIs, case: str
) -> None:
    channel = "D_" + case.replace(" ", "_").upper()
    body = slack_event(QUESTION, "U_EVE", channel)
    if case == "bad signature":
        status, _ = slack_post(channels_bot, body, secret="not-the-secret")
    elif case == "stale timestamp":  # correctly signed, but 6 minutes old: a replay
        status, _ = slack_post(channels_bot, body, timestamp=int(time.time()) - 360)
    else:
        request = urllib.request.Request(
            f"{channels_bot.rasa_url}/webhooks/slack/webhook", data=body, headers={"Content-Type": "application/json"}
        )
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(request, timeout=WAIT_S)
        status = error.value.code
    assert status == 400
    time.sleep(2)
    assert fakes.of("slack", "chat.postMessage", channel=channel) == []


@pytest.mark.e2e
def test_slack_url_verification_answers_the_challenge(channels_bot: Settings) -> None:
    body = json.dumps({"token": "legacy", "challenge": "3eZbrw1aBm2rZgRNFdxV", "type": "url_verification"}).encode()
    assert slack_post(channels_bot, body) == (200, "3eZbrw1aBm2rZgRNFdxV")
    assert slack_post(channels_bot, body, secret="wrong")[0] == 400


# --- Telegram -------------------------------------------------------------------------


def telegram_update(settings: Settings, chat_id: int, text: str, secret: str | None = None) -> tuple[int, str]:
    update = {
        "update_id": chat_id * 10 + len(text),
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "text": text,
            "from": {"id": chat_id, "is_bot": False, "first_name": "Maria"},
            "chat": {"id": chat_id, "type": "private", "first_name": "Maria"},
        },
    }
    request = urllib.request.Request(
        f"{settings.rasa_url}/webhooks/telegram/webhook",
        data=json.dumps(update).encode(),
        headers={
            "Content-Type": "application/json",
            "X-Telegram-Bot-Api-Secret-Token": derived_secret(TELEGRAM_TOKEN) if secret is None else secret,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=WAIT_S) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def telegram_replies(messages: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    replies = []
    for message in messages:
        markup = json.loads(message.get("reply_markup") or "{}")
        replies.append((message["text"], [b["text"] for row in markup.get("keyboard", []) for b in row]))
    return replies


@pytest.mark.e2e
def test_telegram_webhook_registered_at_start_with_a_secret(channels_bot: Settings, fakes: FakeAPIs) -> None:
    calls = fakes.wait_for(1, "telegram", "setWebhook")
    assert calls[0]["url"] == WEBHOOK_URL
    assert calls[0]["secret_token"] == derived_secret(TELEGRAM_TOKEN)
    assert calls[0]["_token"] == TELEGRAM_TOKEN


@pytest.mark.e2e
def test_telegram_update_is_answered_like_rest(channels_bot: Settings, fakes: FakeAPIs) -> None:
    expected = rest_replies(channels_bot, QUESTION, "rest-usmle-tg")
    started = time.monotonic()
    assert telegram_update(channels_bot, 4242, QUESTION)[0] == 200
    got = telegram_replies(fakes.wait_for(len(expected), "telegram", "sendMessage", chat_id=4242))
    print(f"Telegram answer sent {time.monotonic() - started:.2f} s after the update")
    assert KEY_FACT in " ".join(text for text, _ in got)
    assert [(words(t), b) for t, b in got] == [(words(t), [title for title, _ in b]) for t, b in expected]
    # getMe is asked once (at start-up), not for every update
    assert telegram_update(channels_bot, 4242, "thanks")[0] == 200
    assert len(fakes.of("telegram", "getMe")) == 1


@pytest.mark.e2e
def test_telegram_buttons_are_a_reply_keyboard_and_a_tap_sends_the_payload(
    channels_bot: Settings, fakes: FakeAPIs
) -> None:
    expected = rest_replies(channels_bot, "hi", "rest-hi-tg")
    assert telegram_update(channels_bot, 5151, "/start")[0] == 200  # what a Telegram client sends first
    sent = fakes.wait_for(len(expected), "telegram", "sendMessage", chat_id=5151)
    got = telegram_replies(sent)
    assert [(words(t), b) for t, b in got] == [(words(t), [title for title, _ in b]) for t, b in expected]
    markup = json.loads(sent[-1]["reply_markup"])
    assert markup["one_time_keyboard"] is True and "inline_keyboard" not in markup

    title, payload = expected[-1][1][-1]
    assert telegram_update(channels_bot, 5151, title)[0] == 200
    with urllib.request.urlopen(f"{channels_bot.rasa_url}/conversations/5151/tracker", timeout=WAIT_S) as response:
        tracker = json.load(response)
    user_texts = [e["text"] for e in tracker["events"] if e["event"] == "user"]
    assert user_texts[-1] == payload, "a tap on a reply-keyboard button must reach Rasa as its payload"
    assert tracker["latest_message"]["intent"]["name"] == payload.lstrip("/").split("{")[0]
    last = fakes.of("telegram", "sendMessage", chat_id=5151)[-1]
    assert "keyboard" in json.loads(last["reply_markup"]) or "remove_keyboard" in json.loads(last["reply_markup"])


@pytest.mark.e2e
@pytest.mark.parametrize("text", ["/start@other_bot", "@other_bot do I need the USMLE?"])
def test_telegram_update_for_another_bot_is_ignored(channels_bot: Settings, fakes: FakeAPIs, text: str) -> None:
    chat_id = 6000 + len(text)
    status, body = telegram_update(channels_bot, chat_id, text)
    assert (status, body) == (200, "ignored")
    assert telegram_update(channels_bot, chat_id, f"@{BOT_NAME} {QUESTION}")[0] == 200  # ours: answered
    answers = fakes.wait_for(1, "telegram", "sendMessage", chat_id=chat_id)
    assert KEY_FACT in " ".join(a["text"] for a in answers)
    assert len(answers) == len(say(channels_bot, f"rest-{chat_id}", QUESTION))


@pytest.mark.e2e
def test_telegram_update_without_the_secret_gets_403(channels_bot: Settings, fakes: FakeAPIs) -> None:
    assert telegram_update(channels_bot, 7070, QUESTION, secret="guessed")[0] == 403
    assert telegram_update(channels_bot, 7070, QUESTION, secret="")[0] == 403
    assert fakes.of("telegram", "sendMessage", chat_id=7070) == []


@pytest.mark.e2e
def test_server_log_is_free_of_event_loop_errors(channels_bot: Settings) -> None:
    log = SERVER_LOG["path"].read_text(errors="replace")
    assert "Event loop is closed" not in log
    assert "Traceback" not in log, tail(SERVER_LOG["path"], 60)


# --- connectors without the servers -----------------------------------------------------


def test_telegram_connector_starts_offline() -> None:
    """Building the channel (what `rasa run` does before serving) makes no network call, and
    a Bot API that cannot be reached is logged at start, not fatal."""
    dead = f"http://127.0.0.1:{free_port()}"
    channel = TelegramInput.from_credentials(
        {"access_token": TELEGRAM_TOKEN, "verify": BOT_NAME, "webhook_url": WEBHOOK_URL, "api_base_url": dead}
    )
    started = time.monotonic()
    channel.blueprint(lambda message: asyncio.sleep(0))
    assert time.monotonic() - started < 1

    async def start() -> str | None:
        try:
            await asyncio.wait_for(channel.start(), 15)
            return await channel.ignore_reason("hi")
        finally:
            await channel.get_output_channel().close_session()

    assert asyncio.run(start()) == "unreachable"


def test_telegram_token_of_another_bot_is_ignored(fakes: FakeAPIs) -> None:
    channel = TelegramInput.from_credentials(
        {
            "access_token": OTHER_TOKEN,
            "verify": BOT_NAME,
            "webhook_url": WEBHOOK_URL,
            "api_base_url": fakes.telegram_url,
        }
    )

    async def reason() -> str | None:
        try:
            return await channel.ignore_reason("hi")
        finally:
            await channel.get_output_channel().close_session()

    assert asyncio.run(reason()) == f"token belongs to @some_other_bot, not @{BOT_NAME}"


def test_long_answers_are_split_not_cut() -> None:
    paragraph = "The CMA (AAMA) exam has 200 questions & a 160-minute limit. " * 30
    text = "\n\n".join([paragraph] * 8)  # about 15,000 characters
    for limit, measure in ((3000, len), (4096, utf16_len)):
        parts = split_text(text, limit, measure)
        assert len(parts) > 1 and all(measure(p) <= limit for p in parts)
        assert words(" ".join(parts)) == words(text)
    emoji = "🩺" * 5000  # 2 UTF-16 units each: Telegram counts 10,000
    assert all(utf16_len(p) <= 4096 for p in split_text(emoji, 4096, utf16_len))
    assert "".join(split_text(emoji, 4096, utf16_len)) == emoji

    messages = reply_messages(text, [{"title": f"Option {i}", "payload": f"/opt{i}"} for i in range(30)])
    sections = [b for m in messages for b in m["blocks"] if b["type"] == "section"]
    assert all(len(b["text"]["text"]) <= 3000 for b in sections)
    assert words(" ".join(b["text"]["text"] for b in sections)) == words(text)
    buttons = [e for m in messages for b in m["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [e["value"] for e in buttons] == [f"/opt{i}" for i in range(30)]  # Rasa dropped all past 5
    assert all(len(m["blocks"]) <= 50 for m in messages)
    assert "&amp;" in messages[0]["text"]


def test_credentials_from_env(tmp_path: Path) -> None:
    path = tmp_path / "credentials.yml"
    assert write_credentials(path, {}) == ["rest"]
    assert write_credentials(path, {}, socketio=True) == ["rest", "socketio"]
    assert path.stat().st_mode & 0o077 == 0

    names = write_credentials(
        path,
        {
            "SLACK_TOKEN": "xoxb-1",
            "SLACK_SIGNING_SECRET": "s",
            "SLACK_CHANNEL": "C1",
            "SLACK_API_URL": "http://127.0.0.1:9/api/",
        },
    )
    assert describe(names) == "Channels on: rest, slack"
    import yaml

    written = yaml.safe_load(path.read_text())
    assert written["bot.rasa.channels.slack.SlackInput"] == {
        "slack_token": "xoxb-1",
        "slack_signing_secret": "s",
        "slack_channel": "C1",
        "api_base_url": "http://127.0.0.1:9/api/",
    }
    slack = SlackInput.from_credentials(written["bot.rasa.channels.slack.SlackInput"])
    assert slack.get_output_channel("D1").client.base_url == "http://127.0.0.1:9/api/"

    with pytest.raises(ChannelConfigError, match="SLACK_SIGNING_SECRET"):
        write_credentials(path, {"SLACK_TOKEN": "xoxb-1"})
    with pytest.raises(ChannelConfigError, match="TELEGRAM_BOT_NAME, TELEGRAM_WEBHOOK_URL"):
        write_credentials(path, {"TELEGRAM_TOKEN": TELEGRAM_TOKEN})
    telegram_env = {
        "TELEGRAM_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_BOT_NAME": "@" + BOT_NAME,
        "TELEGRAM_WEBHOOK_URL": WEBHOOK_URL,
    }
    with pytest.raises(ChannelConfigError, match="https"):
        write_credentials(path, {**telegram_env, "TELEGRAM_WEBHOOK_URL": "http://insecure/webhook"})
    with pytest.raises(ChannelConfigError, match="BotFather"):
        write_credentials(path, {**telegram_env, "TELEGRAM_TOKEN": "not-a-token"})
    assert write_credentials(path, telegram_env) == ["rest", "telegram"]
    assert yaml.safe_load(path.read_text())["bot.rasa.channels.telegram.TelegramInput"]["verify"] == BOT_NAME
