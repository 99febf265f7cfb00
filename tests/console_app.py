"""The advisor console for tests, and people browsing it.

`console_in_process` builds the app with `create_app` and drives it in this process
through Sanic's ASGI test client (sanic-testing): no port, no server, no model.
`Console.at(settings, url)` browses a console that runs as a server (`python -m bot.console`),
for the few tests that are about the server itself. Either way each `Browser` has its
own cookies and its own client address, given in X-Forwarded-For as a school's reverse
proxy would (the console trusts one proxy here), which keeps the sign-in rate limit of
one test apart from the others. Redirects are not followed: tests look at them.

`hold_conversations` writes the conversations the console tests read into a tracker
store, row by row as Rasa writes them (tests/review_store.py), with the bot's side
produced by the same code the actions call (answers, roadmap) and domain.yml's questions.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import logging
import re
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import yaml
from sanic_testing.testing import SanicASGITestClient

from bot.answers.reply import reply_for
from bot.console.accounts import AccountStore
from bot.console.app import create_app
from bot.db import get_engine
from bot.handoff.store import HandoffStore
from bot.kb.queries import KnowledgeBase
from bot.roadmap.progress import ProgressStore
from bot.roadmap.turns import RoadmapTurns
from bot.settings import PROJECT_ROOT, Settings, load_settings
from tests.review_store import Conversation, TrackerStore

ADVISOR = "advisor@school.edu"
PASSWORD = "a long advisor password"
VAGUE = "qqq www eee"  # no words of ours: the trained bot cannot read it (an NLU fallback)
XSS = ("<script>alert(1)</script>", "<img src=x onerror=alert(2)>")
ROADMAP = [
    "walk me through becoming a CMA",
    "I'm a doctor from Egypt",
    "recommend one for me",
    "Texas",
    "a stepping stone to residency",
    "Do I need the USMLE?",
]
#: Who says what: sender "console-<name>". The same people the end-to-end test has talk to the bot.
CONVERSATIONS: dict[str, list[str]] = {
    "usmle": ["Do I need the USMLE? my email is ana.lopez@example.com"],  # an address to mask
    "gibberish": [VAGUE, VAGUE],  # not understood, twice: the top unanswered message
    "unsure": ["zzz yyy xxx"],  # understood (out of scope), but below REVIEW_LOW_CONFIDENCE
    "xss": list(XSS),  # markup, to be shown as text
    "roadmap": ROADMAP,  # the guided roadmap up to its first step, then a question
    "human": ["can I talk to a real person"],  # a request for a person
}
#: How NLU read each message in these conversations: intent, confidence, entities.
UNDERSTOOD: dict[str, tuple[str, float, tuple[tuple[str, str], ...]]] = {
    CONVERSATIONS["usmle"][0]: ("ask_usmle", 0.98, ()),
    VAGUE: ("nlu_fallback", 0.31, ()),
    "zzz yyy xxx": ("out_of_scope", 0.47, ()),
    XSS[0]: ("nlu_fallback", 0.22, ()),
    XSS[1]: ("nlu_fallback", 0.27, ()),
    "walk me through becoming a CMA": ("start_roadmap", 0.99, (("credential", "CMA"),)),
    "I'm a doctor from Egypt": ("inform", 0.93, ()),
    "recommend one for me": ("inform", 0.88, ()),
    "Texas": ("inform", 0.95, (("us_state", "Texas"),)),
    "a stepping stone to residency": ("inform", 0.91, ()),
    "Do I need the USMLE?": ("ask_usmle", 0.99, ()),
    "can I talk to a real person": ("request_human", 0.97, ()),
}
#: The roadmap form's questions and the slot each answer fills.
ROADMAP_FORM = [
    ("background", "img"),
    ("credential_goal", "recommend"),
    ("state", "texas"),
    ("career_goal", "residency"),
]
_addresses = itertools.count(1)
_apps = itertools.count(1)


# --- pages as a browser gets them ----------------------------------------------------------------


@dataclass
class Reply:
    status: int
    body: str
    headers: httpx.Headers  # case-insensitive, as HTTP headers are

    @property
    def location(self) -> str:
        return self.headers.get("location", "")

    def cookie(self, name: str) -> str:
        """The Set-Cookie header that sets `name` ("" when there is none)."""
        return next((c for c in self.headers.get_list("set-cookie") if c.startswith(f"{name}=")), "")


def csrf_token(page: str) -> str:
    """The CSRF token of the page's form."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


class Browser:
    """One person's browser: its own cookies and client address; redirects not followed."""

    def __init__(self, console: Console, ip: str | None = None):
        self.console = console
        number = next(_addresses)
        self.ip = ip or f"10.9.{number // 250}.{number % 250 + 1}"
        options: dict[str, Any] = {"transport": console.transport} if console.transport else {}
        self.http = httpx.AsyncClient(base_url=console.url, headers={"X-Forwarded-For": self.ip}, timeout=60, **options)

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Reply:
        body: dict[str, Any] = {"data": form} if form is not None else {}
        response = self.console.run(self.http.request(method, path, allow_redirects=False, **body))
        return Reply(response.status_code, response.text, response.headers)

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def post(self, path: str, form: dict[str, str]) -> Reply:
        return self.request("POST", path, form)

    def csrf(self, path: str = "/") -> str:
        return csrf_token(self.get(path).body)

    def sign_in(self, email: str = ADVISOR, password: str = PASSWORD, next_path: str = "/") -> Reply:
        token = csrf_token(self.get("/login").body)
        return self.post("/login", {"csrf_token": token, "email": email, "password": password, "next": next_path})


def listed(client: Browser, query: str = "") -> str:
    """The conversation list for a query string (it must load)."""
    reply = client.get("/?" + query)
    assert reply.status == 200, reply.body
    return reply.body


def row_of(page: str, sender: str) -> str:
    """`sender`'s row of a conversation list page ("" when it is not on the page)."""
    row = re.search(rf'<tr>(?:(?!</tr>).)*?href="/c/{re.escape(sender)}"(?:(?!</tr>).)*</tr>', page, re.S)
    return row.group(0) if row else ""


def flags_in_list(client: Browser, sender: str) -> list[str]:
    """The badges on `sender`'s row of the list."""
    return re.findall(r'class="badge badge-(\w+)"', row_of(listed(client, "per_page=200"), sender))


class Console:
    """A console to browse, in this process (`transport`) or over HTTP (`at`)."""

    def __init__(self, settings: Settings, url: str, transport: httpx.AsyncBaseTransport | None = None):
        self.settings = settings
        self.url = url
        self.transport = transport
        self.loop = asyncio.new_event_loop()
        self.browsers: list[Browser] = []

    @classmethod
    def at(cls, settings: Settings, url: str) -> Console:
        return cls(settings, url)

    def run(self, work: Any) -> Any:
        return self.loop.run_until_complete(work)

    def client(self, ip: str | None = None) -> Browser:
        browser = Browser(self, ip)
        self.browsers.append(browser)
        return browser

    def signed_in(self) -> Browser:
        browser = self.client()
        assert browser.sign_in().status == 303
        return browser

    def handoffs(self) -> HandoffStore:
        return HandoffStore(get_engine(self.settings.database_url))

    def close(self) -> None:
        for browser in self.browsers:
            self.run(browser.http.aclose())
        self.loop.close()


class _Errors(logging.Handler):
    """Errors the console logs (a view that crashed is logged with its traceback, then a 500)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.seen: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.append(self.format(record))


@contextmanager
def console_in_process(settings: Settings) -> Iterator[Console]:
    """The console app from `create_app(settings)`, served in this process, with the advisor's
    account; fails at the end if the console logged an error meanwhile."""
    AccountStore(get_engine(settings.database_url)).create(ADVISOR, PASSWORD)
    app = create_app(settings, name=f"console_test_{next(_apps)}")
    console = Console(settings, "http://console.test", httpx.ASGITransport(app=app, client=("127.0.0.1", 50000)))
    errors = _Errors()
    loggers = [logging.getLogger(name) for name in ("bot.console", "sanic.error")]
    for logger in loggers:
        logger.addHandler(errors)
    try:
        # Sanic's test client starts the app (routes, signals) as an ASGI server would; it
        # would do that again before every request (0.15 s), and the app does not change.
        _, health = console.run(SanicASGITestClient(app).request("GET", "/health", gather_request=False))
        assert health.status == 200
        yield console
    finally:
        console.close()
        for logger in loggers:
            logger.removeHandler(errors)
    assert errors.seen == [], "the console logged errors:\n" + "\n".join(errors.seen)


@contextmanager
def console_with_conversations(kb_url: str, workdir: Path) -> Iterator[Console]:
    """An in-process console on its own copy of the knowledge base (the app database) and a
    tracker store holding CONVERSATIONS."""
    app_db = workdir / "app.sqlite3"
    shutil.copy(kb_url.removeprefix("sqlite:///"), app_db)
    app_url = f"sqlite:///{app_db}"
    store = TrackerStore(f"sqlite:///{workdir / 'conversations.sqlite3'}")
    hold_conversations(store, app_url)
    with console_in_process(console_settings(workdir, app_url, store.url)) as console:
        yield console


def console_settings(workdir: Path, database_url: str, tracker_store_url: str) -> Settings:
    """Settings for a console on these databases, trusting one proxy (see the module's docstring)."""
    return load_settings(
        env_file=workdir / "absent.env",
        environ={
            "DATABASE_URL": database_url,
            "TRACKER_STORE_URL": tracker_store_url,
            "CONSOLE_TRUSTED_PROXIES": "1",
        },
    )


# --- conversations as the bot would have held them ---------------------------------------------------


@cache
def _domain_response(name: str) -> tuple[str, tuple[str, ...]]:
    """A response of domain.yml: its text and its buttons' titles."""
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())
    response = domain["responses"][name][0]
    return response["text"], tuple(b["title"] for b in response.get("buttons", []))


def _say(talk: Conversation, text: str, buttons: Sequence[dict[str, str]] | Sequence[str] = ()) -> None:
    talk.bot(text, [b["title"] if isinstance(b, dict) else b for b in buttons])


def _user(talk: Conversation, text: str) -> None:
    intent, confidence, entities = UNDERSTOOD[text]
    talk.user(text, intent, confidence, entities=entities)


def _answer(talk: Conversation, kb: KnowledgeBase, text: str, extra: Sequence[dict[str, str]] = ()) -> None:
    """A question answered by action_answer from the knowledge base."""
    _user(talk, text)
    intent, _, entities = UNDERSTOOD[text]
    reply = reply_for(kb, intent, entities)
    talk.action("action_answer")
    _say(talk, reply.text, [*reply.buttons, *extra])
    talk.action("action_listen")


def _roadmap(talk: Conversation, kb: KnowledgeBase, turns: RoadmapTurns) -> None:
    """The roadmap form's four questions, the first step, and a question in the middle."""
    first, *answers, question = CONVERSATIONS["roadmap"]
    _user(talk, first)
    talk.action("roadmap_form")
    talk.active_loop("roadmap_form")
    _say(talk, *_domain_response(f"utter_ask_{ROADMAP_FORM[0][0]}"))
    talk.action("action_listen")
    for n, (answer, (slot, value)) in enumerate(zip(answers, ROADMAP_FORM, strict=True), start=1):
        _user(talk, answer)
        talk.action("roadmap_form")
        talk.slot(slot, value)
        if n < len(ROADMAP_FORM):
            _say(talk, *_domain_response(f"utter_ask_{ROADMAP_FORM[n][0]}"))
            talk.action("action_listen")
    talk.active_loop(None)
    talk.action("action_roadmap_start")
    for said in turns.start(talk.sender_id, dict(ROADMAP_FORM)):
        _say(talk, said.text, said.buttons)
    talk.action("action_listen")
    resume = turns.resume_button(talk.sender_id)
    _answer(talk, kb, question, [resume] if resume else [])


def _handoff(talk: Conversation, text: str) -> None:
    """A request for a person: the handoff form asks for a name (and the person stops there)."""
    _user(talk, text)
    talk.action("handoff_form")
    talk.active_loop("handoff_form")
    _say(talk, *_domain_response("utter_ask_handoff_name"))
    talk.action("action_listen")


def hold_conversations(store: TrackerStore, app_url: str, start: dt.datetime | None = None) -> dict[str, str]:
    """CONVERSATIONS in the tracker store (and the roadmap's progress in the app database),
    from `start` (now); returns each conversation's sender id."""
    engine = get_engine(app_url)
    kb = KnowledgeBase(engine)
    turns = RoadmapTurns(kb, ProgressStore(engine))
    when = start or dt.datetime.now(dt.timezone.utc)
    senders = {}
    for name, messages in CONVERSATIONS.items():
        senders[name] = f"console-{name}"
        talk = store.conversation(senders[name], channel="rest", start=when, step=0.01)
        if name == "roadmap":
            _roadmap(talk, kb, turns)
        elif name == "human":
            _handoff(talk, messages[0])
        else:
            for message in messages:
                _answer(talk, kb, message)
    return senders
