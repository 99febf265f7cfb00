"""The advisor console over HTTP, on real conversations with the trained bot.

The session's `bot` fixture runs the servers; a few conversations are held with it
over REST, then `python -m bot.console` is started on a free port of 127.0.0.1,
reading that bot's tracker store and app database, and driven with urllib and a
cookie jar. It trusts one proxy (CONSOLE_TRUSTED_PROXIES=1) so each client can
give itself its own address in X-Forwarded-For, as a school's reverse proxy would:
that keeps the rate-limit tests apart from the others. The last test signs in with
headless Chromium and saves screenshots of the dashboard, the list and a transcript.
"""

from __future__ import annotations

import datetime as dt
import http.cookiejar
import itertools
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest

from bot.console.accounts import AccountStore
from bot.db import get_engine
from bot.handoff.store import HandoffStore
from bot.settings import PROJECT_ROOT, Settings
from bot.tools.launch import stop_servers, tail, wait_until_up
from tests.e2e import free_port, say

pytestmark = pytest.mark.e2e

PASSWORD = "a long advisor password"
ADVISOR = "advisor@school.edu"
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = PROJECT_ROOT / "reports"
XSS = ("<script>alert(1)</script>", "<img src=x onerror=alert(2)>")
VAGUE = "the thing about the stuff"
_addresses = itertools.count(1)


# --- the console and a client ------------------------------------------------------------


@dataclass
class Reply:
    status: int
    body: str
    headers: Message  # case-insensitive, as HTTP headers are

    @property
    def location(self) -> str:
        return self.headers.get("Location") or ""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """A browser-like client: its own cookies, its own client address, redirects not followed."""

    def __init__(self, base: str, ip: str | None = None):
        self.base = base
        number = next(_addresses)
        self.ip = ip or f"10.9.{number // 250}.{number % 250 + 1}"
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirects)

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Reply:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(
            self.base + path, data=data, method=method, headers={"X-Forwarded-For": self.ip}
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return Reply(response.status, response.read().decode(errors="replace"), response.headers)
        except urllib.error.HTTPError as exc:
            return Reply(exc.code, exc.read().decode(errors="replace"), exc.headers)

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def post(self, path: str, form: dict[str, str]) -> Reply:
        return self.request("POST", path, form)

    def csrf(self, path: str = "/") -> str:
        return csrf_token(self.get(path).body)

    def sign_in(self, email: str = ADVISOR, password: str = PASSWORD) -> Reply:
        token = csrf_token(self.get("/login").body)
        return self.post("/login", {"csrf_token": token, "email": email, "password": password, "next": "/"})


def csrf_token(page: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


@dataclass
class Console:
    url: str
    settings: Settings  # the bot's: its tracker store and app database
    senders: dict[str, str]
    log: Path

    def client(self, ip: str | None = None) -> Client:
        return Client(self.url, ip)

    def signed_in(self) -> Client:
        client = self.client()
        assert client.sign_in().status == 303
        return client


CONVERSATIONS: dict[str, list[str]] = {
    # Where the bot is sure of itself, with an email address that must be masked.
    "usmle": ["Do I need the USMLE? my email is ana.lopez@example.com"],
    # Words the model cannot place (NLU fallback with today's model), twice: the top unanswered message.
    "gibberish": [VAGUE, VAGUE],
    # Understood, but only just (below REVIEW_LOW_CONFIDENCE with today's model).
    "unsure": ["ok so"],
    # A person typing markup, which the console must show as text.
    "xss": list(XSS),
    # The guided roadmap, for a background and a step (and a rich transcript to look at).
    "roadmap": [
        "walk me through becoming a CMA",
        "I'm a doctor from Egypt",
        "recommend one for me",
        "Texas",
        "a stepping stone to residency",
        "Do I need the USMLE?",
    ],
    "human": ["can I talk to a real person"],
}


@contextmanager
def running_console(settings: Settings, workdir: Path) -> Iterator[str]:
    port = free_port()
    env = {
        **os.environ,
        **settings.console_environment(),
        "CONSOLE_PORT": str(port),
        "CONSOLE_HOST": "127.0.0.1",
        "CONSOLE_TRUSTED_PROXIES": "1",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    }
    log_path = workdir / "console.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot.console"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        if not wait_until_up([f"http://127.0.0.1:{port}/health"], proc, 60):
            raise RuntimeError("the console did not start:\n" + tail(log_path, 60))
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_servers(proc)


@pytest.fixture(scope="module")
def console(bot: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    senders = {}
    for name, messages in CONVERSATIONS.items():
        senders[name] = f"console-{name}"
        for message in messages:
            say(bot, senders[name], message)
    AccountStore(get_engine(bot.database_url)).create(ADVISOR, PASSWORD)
    workdir = tmp_path_factory.mktemp("console")
    with running_console(bot, workdir) as url:
        yield Console(url, bot, senders, workdir / "console.log")
    assert "Traceback" not in (workdir / "console.log").read_text(), tail(workdir / "console.log", 60)


def handoffs(console: Console) -> HandoffStore:
    return HandoffStore(get_engine(console.settings.database_url))


# --- signing in ----------------------------------------------------------------------------

PAGES = [
    "/",
    "/c/console-usmle",
    "/dashboard",
    "/dashboard/volume.png",
    "/handoff",
    "/export",
    "/export/console_annotations.yml",
    "/no/such/page",
]


def test_every_page_needs_a_signed_in_advisor(console: Console):
    client = console.client()
    for path in PAGES:
        reply = client.get(path)
        assert reply.status == 303, path
        assert reply.location == "/login?next=" + urllib.parse.quote(path, safe=""), path
        assert "console-usmle" not in reply.body and "USMLE" not in reply.body
    request_id = handoffs(console).create(sender_id="console-human", name="Nobody", contact="n@example.com")
    for path in (f"/handoff/{request_id}", "/c/console-usmle/reviewed", "/c/console-usmle/annotate", "/logout"):
        reply = client.post(path, {"status": "resolved", "reviewed": "1", "csrf_token": "x"})
        assert (reply.status, reply.location) == (303, "/login"), path
    assert handoffs(console).get(request_id).status == "open"
    assert client.get("/health").status == 200
    assert "--accent" in client.get("/static/console.css").body  # the stylesheet is public
    login = client.get("/login")
    assert login.status == 200 and 'type="password"' in login.body
    assert "script-src" not in login.headers["Content-Security-Policy"]
    assert "default-src 'none'" in login.headers["Content-Security-Policy"]


def test_a_wrong_password_or_an_unknown_email_is_refused_the_same_way(console: Console):
    client = console.client()
    for email, password in ((ADVISOR, "not the password"), ("nobody@school.edu", PASSWORD)):
        reply = client.sign_in(email, password)
        assert reply.status == 401 and "Wrong email or password." in reply.body
        assert "console_session" not in reply.headers.get("Set-Cookie", "")
    assert client.get("/").status == 303


def test_sign_in_and_sign_out(console: Console):
    client = console.client()
    reply = client.sign_in()
    assert reply.status == 303
    cookie = reply.headers["Set-Cookie"]
    assert "console_session=" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert client.get("/").status == 200
    assert client.post("/logout", {"csrf_token": client.csrf()}).status == 303
    assert client.get("/").status == 303


def test_sign_in_goes_back_to_the_page_asked_for_but_never_to_another_site(console: Console):
    client = console.client()
    token = csrf_token(client.get("/login?next=%2Fhandoff").body)
    reply = client.post("/login", {"csrf_token": token, "email": ADVISOR, "password": PASSWORD, "next": "/handoff"})
    assert reply.location == "/handoff"
    other = console.client()
    token = csrf_token(other.get("/login").body)
    reply = other.post(
        "/login", {"csrf_token": token, "email": ADVISOR, "password": PASSWORD, "next": "//evil.example/"}
    )
    assert reply.location == "/"


def test_five_failed_sign_ins_block_that_account_and_that_address(console: Console):
    AccountStore(get_engine(console.settings.database_url)).create("locked@school.edu", PASSWORD)
    AccountStore(get_engine(console.settings.database_url)).create("other@school.edu", PASSWORD)
    attacker = console.client("10.66.0.1")
    for _ in range(5):
        assert attacker.sign_in("locked@school.edu", "guess number n").status == 401
    blocked = attacker.sign_in("locked@school.edu", PASSWORD)  # even the right password now waits
    assert blocked.status == 429
    assert re.search(r"Try again in 15 minutes", blocked.body), blocked.body
    assert int(blocked.headers["Retry-After"]) > 800
    # The account is locked from every address, and that address for every account ...
    assert console.client("10.66.0.2").sign_in("locked@school.edu", PASSWORD).status == 429
    assert attacker.sign_in("other@school.edu", PASSWORD).status == 429
    # ... while other advisors elsewhere sign in as usual.
    assert console.client("10.66.0.3").sign_in("other@school.edu", PASSWORD).status == 303


# --- CSRF ------------------------------------------------------------------------------------


def test_forms_without_the_right_csrf_token_are_refused_and_change_nothing(console: Console):
    request_id = handoffs(console).create(sender_id="console-human", name="Dana Roe", contact="dana@example.com")
    client, other = console.signed_in(), console.signed_in()
    assert client.csrf() != other.csrf()
    for form in (
        {"status": "resolved"},
        {"status": "resolved", "csrf_token": "forged"},
        {"status": "resolved", "csrf_token": other.csrf()},
    ):
        reply = client.post(f"/handoff/{request_id}", form)
        assert reply.status == 403 and "Nothing was changed" in reply.body, form
    assert handoffs(console).get(request_id).status == "open"
    reply = client.post("/c/console-gibberish/reviewed", {"reviewed": "1", "csrf_token": "forged"})
    assert reply.status == 403
    assert "reviewed" not in flags_in_list(client, "console-gibberish")
    # The sign-in form has its own token.
    anonymous = console.client()
    reply = anonymous.post("/login", {"email": ADVISOR, "password": PASSWORD})
    assert reply.status == 403 and "console_session" not in reply.headers.get("Set-Cookie", "")


# --- the conversation list -------------------------------------------------------------------


def listed(client: Client, query: str = "") -> str:
    reply = client.get("/?" + query)
    assert reply.status == 200, reply.body
    return reply.body


def row_of(page: str, sender: str) -> str:
    """`sender`'s row of a conversation list page ("" when it is not on the page)."""
    row = re.search(rf'<tr>(?:(?!</tr>).)*?href="/c/{re.escape(sender)}"(?:(?!</tr>).)*</tr>', page, re.S)
    return row.group(0) if row else ""


def flags_in_list(client: Client, sender: str) -> list[str]:
    """The badges on `sender`'s row of the list."""
    return re.findall(r'class="badge badge-(\w+)"', row_of(listed(client, "per_page=200"), sender))


def test_filters_narrow_the_list(console: Console):
    client = console.signed_in()
    everything = listed(client, "per_page=200")
    for sender in ("console-usmle", "console-gibberish", "console-roadmap"):
        assert f'href="/c/{sender}"' in everything

    fallback = listed(client, "flag=fallback&per_page=200")
    assert 'href="/c/console-gibberish"' in fallback, f"{VAGUE!r} is no longer an NLU fallback: pick another"
    assert 'href="/c/console-usmle"' not in fallback
    low = listed(client, "flag=low_confidence&per_page=200")
    assert 'href="/c/console-unsure"' in low, "'ok so' is no longer understood with low confidence: pick another"
    assert 'href="/c/console-usmle"' not in low and 'href="/c/console-gibberish"' not in low
    handoff = listed(client, "flag=handoff&per_page=200")
    assert 'href="/c/console-human"' in handoff and 'href="/c/console-usmle"' not in handoff
    search = listed(client, "q=usmle")
    assert 'href="/c/console-usmle"' in search and 'href="/c/console-gibberish"' not in search
    assert 'href="/c/console-roadmap"' in search  # its last question, and the bot's answers
    today = dt.datetime.now(dt.timezone.utc).date()
    assert 'href="/c/console-usmle"' in listed(client, f"from={today}&to={today}&channel=rest")
    assert "No conversations match" in listed(client, f"from={today + dt.timedelta(days=1)}")
    assert "No conversations match" in listed(client, "channel=slack")
    # Bad input is named, not a crash; the rest of the filters still apply.
    page = listed(client, "from=yesterday&flag=nonsense&page=abc&q=usmle")
    assert "is not a date like" in page and "There is no flag" in page
    assert 'href="/c/console-usmle"' in page and 'href="/c/console-gibberish"' not in page
    past_the_end = listed(client, "page=9999")
    assert past_the_end.count('href="/c/') == 0 and "Page 9999 is past the end" in past_the_end


def test_list_shows_background_roadmap_step_and_masked_contacts(console: Console):
    client = console.signed_in()
    row = row_of(listed(client, "q=walk+me+through"), "console-roadmap")
    assert "<td>international medical graduate</td>" in row and "step 1 of 6" in row
    usmle = listed(client, "q=usmle")
    assert "a***@example.com" in usmle and "ana.lopez@example.com" not in usmle


# --- transcripts, annotation, reviewed ---------------------------------------------------------


def user_turns(page: str) -> list[tuple[int, str]]:
    """(event id, text) of each user message in a transcript page."""
    return [
        (int(i), html_text)
        for i, html_text in re.findall(
            r'<li class="turn user[^"]*" id="turn-(\d+)">.*?<p class="text">(.*?)</p>', page, re.S
        )
    ]


def test_transcript_shows_intents_confidence_entities_and_the_bots_buttons(console: Console):
    client = console.signed_in()
    page = client.get("/c/console-roadmap")
    assert page.status == 200
    turns = user_turns(page.body)
    assert [text for _, text in turns][:2] == ["walk me through becoming a CMA", "I&#39;m a doctor from Egypt"]
    assert "<code>start_roadmap</code>" in page.body
    assert re.search(r"<dt>Confidence</dt><dd>\d+%</dd>", page.body)
    assert re.search(r'<span class="chip-kind">us_state</span> Texas', page.body)
    assert 'class="chip button-chip"' in page.body  # the bot's buttons
    assert "Step 1 of 6" in page.body
    masked = client.get("/c/console-usmle").body
    assert "a***@example.com" in masked and "ana.lopez@example.com" not in masked
    missing = client.get("/c/nobody-at-all")
    assert missing.status == 404 and "no conversation with that id" in missing.body


def test_annotation_is_saved_shown_and_checked(console: Console):
    client = console.signed_in()
    page = client.get("/c/console-gibberish").body
    event_id = user_turns(page)[0][0]
    token = csrf_token(page)
    bad = client.post(
        "/c/console-gibberish/annotate",
        {"csrf_token": token, "event_id": str(event_id), "intent": "no_such_intent", "note": ""},
    )
    assert bad.status == 400 and "Unknown intent" in bad.body and "Nothing was saved" in bad.body
    assert "Traceback" not in bad.body
    saved = client.post(
        "/c/console-gibberish/annotate",
        {
            "csrf_token": token,
            "event_id": str(event_id),
            "intent": "greet",
            "note": "a greeting in a <b>made-up</b> language",
        },
    )
    assert saved.status == 303 and saved.location == f"/c/console-gibberish#turn-{event_id}"
    page = client.get("/c/console-gibberish").body
    assert "should be <code>greet</code>" in page
    assert "a greeting in a &lt;b&gt;made-up&lt;/b&gt; language" in page
    assert f"({ADVISOR}," in page
    not_a_user_turn = client.post(
        "/c/console-gibberish/annotate", {"csrf_token": token, "event_id": "1", "intent": "greet"}
    )
    assert not_a_user_turn.status == 400


def test_marking_a_conversation_reviewed_and_back(console: Console):
    client = console.signed_in()
    token = client.csrf("/c/console-usmle")
    assert client.post("/c/console-usmle/reviewed", {"csrf_token": token, "reviewed": "1"}).status == 303
    assert "reviewed" in flags_in_list(client, "console-usmle")
    assert 'href="/c/console-usmle"' in listed(client, "flag=reviewed")
    assert 'href="/c/console-usmle"' not in listed(client, "flag=unreviewed")
    assert "Mark as not reviewed" in client.get("/c/console-usmle").body
    assert client.post("/c/console-usmle/reviewed", {"csrf_token": token, "reviewed": "0"}).status == 303
    assert 'href="/c/console-usmle"' in listed(client, "flag=unreviewed")


def test_export_downloads_training_data_that_rasa_accepts(console: Console, tmp_path: Path):
    client = console.signed_in()
    page = client.get("/c/console-xss").body
    token = csrf_token(page)
    for event_id, _ in user_turns(page):
        assert (
            client.post(
                "/c/console-xss/annotate",
                {"csrf_token": token, "event_id": str(event_id), "out_of_scope": "1", "note": ""},
            ).status
            == 303
        )
    usmle_page = client.get("/c/console-usmle").body
    ((usmle_id, _),) = user_turns(usmle_page)
    assert (
        client.post(
            "/c/console-usmle/annotate", {"csrf_token": token, "event_id": str(usmle_id), "intent": "ask_usmle"}
        ).status
        == 303
    )
    assert "Download console_annotations.yml" in client.get("/export").body
    download = client.get("/export/console_annotations.yml")
    assert download.status == 200
    assert 'attachment; filename="console_annotations.yml"' in download.headers["Content-Disposition"]
    yaml_text = download.body
    assert "- intent: out_of_scope" in yaml_text and "a***@example.com" in yaml_text
    assert "ana.lopez@example.com" not in yaml_text

    nlu = tmp_path / "nlu"
    shutil.copytree(PROJECT_ROOT / "data" / "nlu", nlu)
    (nlu / "console_annotations.yml").write_text(yaml_text)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "rasa",
            "data",
            "validate",
            "--fail-on-warnings",
            "--data",
            str(nlu),
            "data/stories",
            "--domain",
            "domain.yml",
            "--config",
            "config.yml",
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
    )
    assert result.returncode == 0, yaml_text + "\n" + result.stdout[-3000:] + result.stderr[-3000:]


# --- the handoff queue ---------------------------------------------------------------------


def test_handoff_queue_shows_the_contact_and_moves_requests_along(console: Console):
    request_id = handoffs(console).create(
        sender_id="console-human",
        name="Maria Lopez",
        channel="rest",
        contact="maria.lopez@example.com",
        message="please call me at (555) 123-4567 about evening programs",
    )
    client = console.signed_in()
    queue = client.get("/handoff").body
    card = re.search(rf'id="request-{request_id}">.*?</article>', queue, re.S).group(0)
    assert "maria.lopez@example.com" in card  # in full, here only
    assert "(***) ***-**67" in card and "123-4567" not in card
    assert 'href="/c/console-human"' in card
    reply = client.post(
        f"/handoff/{request_id}", {"csrf_token": csrf_token(queue), "status": "contacted", "back": "open"}
    )
    assert reply.status == 303
    stored = handoffs(console).get(request_id)
    assert (stored.status, stored.updated_by) == ("contacted", ADVISOR)
    assert f'id="request-{request_id}"' not in client.get("/handoff").body
    assert f'id="request-{request_id}"' in client.get("/handoff?status=contacted").body
    bad = client.post(f"/handoff/{request_id}", {"csrf_token": csrf_token(queue), "status": "deleted"})
    assert bad.status == 400 and handoffs(console).get(request_id).status == "contacted"
    assert client.post("/handoff/999999", {"csrf_token": csrf_token(queue), "status": "resolved"}).status == 404
    assert "maria.lopez@example.com" not in client.get("/c/console-human").body


# --- what people type is shown, never run --------------------------------------------------------


def test_markup_typed_by_a_person_is_escaped_in_the_list_and_the_transcript(console: Console):
    client = console.signed_in()
    listing = listed(client, "q=script")
    transcript = client.get("/c/console-xss")
    for page in (listing, transcript.body):
        assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listing
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in transcript.body
    assert "&lt;img src=x onerror=alert(2)&gt;" in transcript.body
    assert "<script" not in transcript.body  # the console sends no script at all
    assert "default-src 'none'" in transcript.headers["Content-Security-Policy"]


# --- dashboard and the browser --------------------------------------------------------------------


def test_dashboard_shows_four_charts_and_their_figures(console: Console):
    client = console.signed_in()
    page = client.get("/dashboard")
    assert page.status == 200
    charts = re.findall(r'<img src="(/dashboard/\w+\.png\?[^"]*)"', page.body)
    assert len(charts) == 4
    for src in charts:
        png = client.get(src.replace("&amp;", "&"))
        assert png.status == 200 and png.headers["Content-Type"] == "image/png", src
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    row = re.search(rf'<td class="nowrap">{today}</td><td class="num">(\d+)</td><td class="num">(\d+)</td>', page.body)
    sent = sum(len(messages) for messages in CONVERSATIONS.values())
    assert row and int(row.group(1)) >= len(CONVERSATIONS) and int(row.group(2)) >= sent, row
    assert re.search(r'<tr><td><code>\w+</code></td><td class="num">\d+</td></tr>', page.body)  # top intents
    unanswered = page.body[page.body.index("Most frequent unanswered messages</h2>") :]
    assert re.search(rf'<tr><td>{VAGUE}</td><td class="num">2</td></tr>', unanswered)
    assert client.get("/dashboard/nothing.png").status == 404
    assert "is not a date like" in client.get("/dashboard?from=31/12/2025").body
    assert "at most 366 days" in client.get("/dashboard?from=1900-01-01").body


def test_in_a_browser_sign_in_dashboard_and_transcript(console: Console):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: setup installs it (scripts/install-browser.sh)")
    from playwright.sync_api import expect, sync_playwright

    from tests.test_widget_browser import CHROMIUM_ARGS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    own_host = urllib.parse.urlparse(console.url).netloc
    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(
                viewport={"width": 1280, "height": 900}, extra_http_headers={"X-Forwarded-For": "10.77.0.1"}
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
            page.goto(console.url + "/dashboard")
            expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
            page.get_by_label("Email").fill(ADVISOR)
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
            for img in page.locator(".chart img").all():
                expect(img).to_have_js_property("complete", True)
                assert img.evaluate("i => i.naturalWidth") > 0
            page.screenshot(path=str(SCREENSHOTS / "console-dashboard.png"), full_page=True)

            page.get_by_role("link", name="Conversations").click()
            expect(page.get_by_role("heading", name="Conversations")).to_be_visible()
            page.screenshot(path=str(SCREENSHOTS / "console-list.png"), full_page=True)
            page.get_by_label("Search").fill("walk me through")
            page.get_by_role("button", name="Apply").click()
            # Other tests of the session may have started a roadmap too: open this module's one.
            page.locator("a[href='/c/console-roadmap']", has_text="walk me through becoming a CMA").click()
            expect(page.get_by_text("Step 1 of 6").first).to_be_visible()
            first = page.locator("li.turn.user").first
            first.locator("summary").click()
            first.get_by_label("Correct intent").select_option("start_roadmap")
            first.get_by_label("Note").fill("right intent, kept as an example")
            first.get_by_role("button", name="Save").click()
            expect(page.get_by_text("right intent, kept as an example").first).to_be_visible()
            page.screenshot(path=str(SCREENSHOTS / "console-transcript.png"), full_page=True)
        finally:
            browser.close()
    assert not outside, f"the console made the browser reach outside: {outside}"
    for name in ("console-dashboard.png", "console-transcript.png"):
        assert (SCREENSHOTS / name).stat().st_size > 20_000, name
