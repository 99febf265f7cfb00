"""The console's accounts, sessions, sign-in rate limit and CSRF checks.

First the stores on their own, pinning the edges that need a clock (session expiry,
the rate-limit window); then the same rules over HTTP, against the console app from
`create_app` driven in this process by Sanic's test client (tests/console_app.py).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.console.accounts import AccountError, AccountStore, check_password, hash_password, main_add_advisor
from bot.console.ratelimit import SignInLimiter
from bot.console.sessions import SessionStore
from bot.db import get_engine
from bot.settings import PROJECT_ROOT
from tests.console_app import ADVISOR, Console, console_with_conversations, csrf_token, flags_in_list
from tests.console_app import PASSWORD as ADVISOR_PASSWORD

PASSWORD = "correct horse battery"
T0 = dt.datetime(2026, 3, 2, 9, 0)


@pytest.fixture
def engine(tmp_path: Path):
    return get_engine(f"sqlite:///{tmp_path / 'app.sqlite3'}")


def test_passwords_are_hashed_with_scrypt_and_a_salt_of_their_own():
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first.startswith("scrypt$") and PASSWORD not in first
    assert first != second  # per-account salt
    assert check_password(PASSWORD, first) and check_password(PASSWORD, second)
    assert not check_password("correct horse batterz", first)
    assert not check_password(PASSWORD, "md5$abc") and not check_password(PASSWORD, "garbage")


def test_accounts_are_created_checked_and_refused_when_bad(engine):
    store = AccountStore(engine)
    store.create("Ana@School.edu ", PASSWORD)
    assert store.verify("ana@school.edu", PASSWORD).email == "ana@school.edu"
    assert store.verify("ANA@school.edu", PASSWORD) is not None  # emails compare case-insensitively
    assert store.verify("ana@school.edu", "wrong password!") is None
    assert store.verify("nobody@school.edu", PASSWORD) is None
    with pytest.raises(AccountError, match="at least 10 characters"):
        store.create("ben@school.edu", "short")
    with pytest.raises(AccountError, match="already an account"):
        store.create("ana@school.edu", "another long password")
    with pytest.raises(AccountError, match="not an email address"):
        store.create("ana", PASSWORD)
    store.create("ana@school.edu", "a brand new password", replace=True)
    assert store.verify("ana@school.edu", "a brand new password") and not store.verify("ana@school.edu", PASSWORD)
    assert [a.email for a in store.all()] == ["ana@school.edu"]


@pytest.mark.parametrize(
    "password, reason",
    [
        (" " * 10, "other than spaces"),
        ("a b c d e f g", "other than spaces"),
        ("aaaaaaaaaaaa", "repeats a few characters"),
        ("abababababab", "repeats a few characters"),
        ("qwertyuiop", "attackers try"),
        ("Password123!", "attackers try"),
        ("2024Welcome!!", "attackers try"),
        ("1234567890", "attackers try"),
        ("ana.souza2026", "attackers try"),  # the account's own email name
    ],
)
def test_a_password_an_attacker_would_try_early_is_refused(engine, password, reason):
    with pytest.raises(AccountError, match=reason):
        AccountStore(engine).create("ana.souza@school.edu", password)


def test_a_password_reset_or_disable_advisor_ends_every_session_at_once(engine, capsys):
    from bot.console.accounts import main_disable_advisor

    accounts, sessions = AccountStore(engine), SessionStore(engine, dt.timedelta(hours=12))
    accounts.create("ana@school.edu", PASSWORD)
    stolen, own = sessions.start("ana@school.edu"), sessions.start("ana@school.edu")
    other = sessions.start("ben@school.edu")
    accounts.create("ana@school.edu", "a brand new password", replace=True)
    assert sessions.get(stolen) is None and sessions.get(own) is None  # reset: everyone signs in again
    assert sessions.get(other) is not None  # other advisors are not touched

    again = sessions.start("ana@school.edu")
    assert main_disable_advisor(["ana@school.edu"], engine=engine) == 0
    assert "1 session ended" in capsys.readouterr().out
    assert sessions.get(again) is None
    assert accounts.verify("ana@school.edu", "a brand new password") is None  # no password opens it
    assert main_disable_advisor(["nobody@school.edu"], engine=engine) == 1
    accounts.create("ana@school.edu", "another new password", replace=True)  # opened again by a reset
    assert accounts.verify("ana@school.edu", "another new password") is not None


def test_add_advisor_command_reads_the_password_from_stdin_and_refuses_a_short_one(tmp_path: Path):
    """`python -m bot.console add-advisor` (the function `python -m bot.review add-advisor` calls)."""
    url = f"sqlite:///{tmp_path / 'app.sqlite3'}"
    env = {"PATH": str(Path(sys.executable).parent), "DATABASE_URL": url, "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
    run = lambda password: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "bot.console", "add-advisor", "cara@school.edu", "--password-stdin"],
        input=password + "\n",
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=env,
        timeout=60,
    )
    short = run("tooshort")
    assert short.returncode == 1 and "too short" in short.stderr and "Traceback" not in short.stderr
    made = run(PASSWORD)
    assert made.returncode == 0, made.stderr
    assert "Advisor account created: cara@school.edu" in made.stdout
    assert AccountStore(get_engine(url)).verify("cara@school.edu", PASSWORD)
    again = run(PASSWORD)
    assert again.returncode == 1 and "already an account" in again.stderr


def test_add_advisor_prompts_twice_and_refuses_when_the_two_differ(engine, monkeypatch, capsys):
    typed = iter(["first long password", "second long password"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    assert main_add_advisor(["dev@school.edu"], engine=engine) == 1
    assert "differ" in capsys.readouterr().err
    assert AccountStore(engine).count() == 0


def test_sessions_expire_and_end_at_sign_out(engine):
    store = SessionStore(engine, dt.timedelta(hours=12))
    token = store.start("ana@school.edu", now=T0)
    session = store.get(token, now=T0 + dt.timedelta(hours=11))
    assert session.email == "ana@school.edu" and len(session.csrf_token) >= 32
    assert store.get(token, now=T0 + dt.timedelta(hours=12, seconds=1)) is None
    assert store.get("not-a-token", now=T0) is None and store.get(None) is None
    other = store.start("ana@school.edu")
    assert store.get(other).csrf_token != session.csrf_token  # each session has its own CSRF token
    store.end(other)
    assert store.get(other) is None
    with engine.connect() as conn:  # only hashes are stored
        stored = [row[0] for row in conn.exec_driver_sql("SELECT token_hash FROM console_sessions")]
    assert token not in stored and other not in stored


def test_failures_from_one_address_make_it_wait_longer_each_time(engine):
    from bot.console.ratelimit import FREE, MAX_WAIT

    limiter = SignInLimiter(engine)
    at = T0
    for _ in range(FREE["pair"]):  # the first few cost nothing
        assert limiter.blocked("ana@school.edu", "10.0.0.1", now=at) is None
        limiter.record_failure("ana@school.edu", "10.0.0.1", now=at)
    waits = []
    for _ in range(6):
        blocked = limiter.blocked("ana@school.edu", "10.0.0.1", now=at)
        assert blocked is not None and blocked.by == "pair"
        waits.append(blocked.retry_after.total_seconds())
        at += blocked.retry_after  # a patient guesser tries again as soon as allowed
        assert limiter.blocked("ana@school.edu", "10.0.0.1", now=at) is None
        limiter.record_failure("ana@school.edu", "10.0.0.1", now=at)
    assert waits == [1, 2, 4, 8, 16, 32]  # exponential
    # The count lives in the database: another process (a restart) sees it.
    assert SignInLimiter(engine).blocked("ana@school.edu", "10.0.0.1", now=at) is not None
    for _ in range(30):
        limiter.record_failure("ana@school.edu", "10.0.0.1", now=at)
    assert limiter.blocked("ana@school.edu", "10.0.0.1", now=at).retry_after == MAX_WAIT  # capped


def test_an_attacker_cannot_lock_an_advisor_out(engine):
    """5 failures once locked the account for 15 minutes from every address, repeatably."""
    limiter = SignInLimiter(engine)
    for second in range(100):
        limiter.record_failure("ana@school.edu", "203.0.113.66", now=T0 + dt.timedelta(seconds=second))
    at = T0 + dt.timedelta(seconds=100)
    assert limiter.blocked("ana@school.edu", "203.0.113.66", now=at) is not None  # the attacker waits
    assert limiter.blocked("ana@school.edu", "10.0.0.7", now=at) is None  # the advisor, at school, does not
    assert (
        limiter.blocked("ben@school.edu", "203.0.113.66", now=at).by == "ip"
    )  # nor does the attacker get far elsewhere


def test_a_successful_sign_in_clears_the_pairs_failures_but_not_the_addresss(engine):
    from bot.console.ratelimit import FREE

    limiter = SignInLimiter(engine)
    for second in range(FREE["pair"] + 1):
        limiter.record_failure("ana@school.edu", "10.0.0.1", now=T0 + dt.timedelta(seconds=second))
    limiter.record_success("ana@school.edu", "10.0.0.1")
    assert limiter.blocked("ana@school.edu", "10.0.0.1", now=T0 + dt.timedelta(seconds=5)) is None
    for second in range(FREE["ip"]):
        limiter.record_failure(f"user{second}@school.edu", "10.0.0.9", now=T0 + dt.timedelta(seconds=second))
    assert limiter.blocked("cara@school.edu", "10.0.0.9", now=T0 + dt.timedelta(seconds=9.5)).by == "ip"


# --- over HTTP ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def console(loaded_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    with console_with_conversations(loaded_db_url, tmp_path_factory.mktemp("console")) as app:
        yield app


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
    request_id = console.handoffs().create(sender_id="console-human", name="Nobody", contact="n@example.com")
    for path in (f"/handoff/{request_id}", "/c/console-usmle/reviewed", "/c/console-usmle/annotate", "/logout"):
        reply = client.post(path, {"status": "resolved", "reviewed": "1", "csrf_token": "x"})
        assert (reply.status, reply.location) == (303, "/login"), path
    assert console.handoffs().get(request_id).status == "open"
    assert client.get("/health").status == 200
    assert "--accent" in client.get("/static/console.css").body  # the stylesheet is public
    login = client.get("/login")
    assert login.status == 200 and 'type="password"' in login.body
    assert "script-src" not in login.headers["Content-Security-Policy"]
    assert "default-src 'none'" in login.headers["Content-Security-Policy"]


def test_a_wrong_password_or_an_unknown_email_is_refused_the_same_way(console: Console):
    client = console.client()
    for email, password in ((ADVISOR, "not the password"), ("nobody@school.edu", ADVISOR_PASSWORD)):
        reply = client.sign_in(email, password)
        assert reply.status == 401 and "Wrong email or password." in reply.body
        assert reply.cookie("console_session") == ""
    assert client.get("/").status == 303


def test_sign_in_and_sign_out(console: Console):
    client = console.client()
    reply = client.sign_in()
    assert reply.status == 303
    cookie = reply.cookie("console_session")
    assert "console_session=" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert client.get("/").status == 200
    assert client.post("/logout", {"csrf_token": client.csrf()}).status == 303
    assert client.get("/").status == 303


def test_sign_in_goes_back_to_the_page_asked_for_but_never_to_another_site(console: Console):
    client = console.client()
    token = csrf_token(client.get("/login?next=%2Fhandoff").body)
    reply = client.post(
        "/login", {"csrf_token": token, "email": ADVISOR, "password": ADVISOR_PASSWORD, "next": "/handoff"}
    )
    assert reply.location == "/handoff"
    other = console.client()
    token = csrf_token(other.get("/login").body)
    reply = other.post(
        "/login", {"csrf_token": token, "email": ADVISOR, "password": ADVISOR_PASSWORD, "next": "//evil.example/"}
    )
    assert reply.location == "/"


def test_failed_sign_ins_slow_the_attacker_and_never_the_advisor(console: Console):
    from bot.console.ratelimit import FREE

    AccountStore(get_engine(console.settings.database_url)).create("locked@school.edu", ADVISOR_PASSWORD)
    AccountStore(get_engine(console.settings.database_url)).create("other@school.edu", ADVISOR_PASSWORD)
    attacker = console.client("10.66.0.1")
    for _ in range(FREE["pair"]):
        assert attacker.sign_in("locked@school.edu", "guess number n").status == 401
    blocked = attacker.sign_in("locked@school.edu", ADVISOR_PASSWORD)  # even the right password now waits
    assert blocked.status == 429
    assert re.search(r"Try again in \d+ seconds?", blocked.body), blocked.body
    assert int(blocked.headers["Retry-After"]) >= 1
    # The advisor, from another address, signs in at once; so do others.
    assert console.client("10.66.0.2").sign_in("locked@school.edu", ADVISOR_PASSWORD).status == 303
    assert console.client("10.66.0.3").sign_in("other@school.edu", ADVISOR_PASSWORD).status == 303


def test_forms_without_the_right_csrf_token_are_refused_and_change_nothing(console: Console):
    request_id = console.handoffs().create(sender_id="console-human", name="Dana Roe", contact="dana@example.com")
    client, other = console.signed_in(), console.signed_in()
    assert client.csrf() != other.csrf()
    for form in (
        {"status": "resolved"},
        {"status": "resolved", "csrf_token": "forged"},
        {"status": "resolved", "csrf_token": other.csrf()},
    ):
        reply = client.post(f"/handoff/{request_id}", form)
        assert reply.status == 403 and "Nothing was changed" in reply.body, form
    assert console.handoffs().get(request_id).status == "open"
    reply = client.post("/c/console-gibberish/reviewed", {"reviewed": "1", "csrf_token": "forged"})
    assert reply.status == 403
    assert "reviewed" not in flags_in_list(client, "console-gibberish")
    # The sign-in form has its own token.
    anonymous = console.client()
    reply = anonymous.post("/login", {"email": ADVISOR, "password": ADVISOR_PASSWORD})
    assert reply.status == 403 and reply.cookie("console_session") == ""


@pytest.mark.parametrize("path", ["/static/", "/static/%00", "/static/console.css%00", "/static/..%2fapp.py"])
def test_odd_static_paths_are_not_found_never_a_server_error(console: Console, path: str):
    """Sanic's static handler answered a folder or a NUL byte with 500 and a traceback; the
    console_in_process fixture also fails the module if anything was logged as an error."""
    for client in (console.client(), console.signed_in()):
        assert client.get(path).status == 404, path


def test_a_browser_signed_in_before_a_reset_or_a_disable_is_out_at_its_next_click(console: Console):
    accounts = AccountStore(get_engine(console.settings.database_url))
    accounts.create("leaked@school.edu", ADVISOR_PASSWORD)
    for lock in (
        lambda: accounts.create("leaked@school.edu", "a fresh long password", replace=True),
        lambda: accounts.disable("leaked@school.edu"),
    ):
        browser = console.client("10.77.0.1")
        password = (
            ADVISOR_PASSWORD if accounts.verify("leaked@school.edu", ADVISOR_PASSWORD) else "a fresh long password"
        )
        assert browser.sign_in("leaked@school.edu", password).status == 303
        assert browser.get("/").status == 200
        lock()
        assert browser.get("/").status == 303  # was: valid for up to 12 more hours


def test_what_is_typed_at_sign_in_never_forges_or_fills_a_log_line(console: Console, caplog):
    """A newline in the email field forged a log line, and a password typed there was logged."""
    forged = "x@school.edu\nconsole INFO bot.console.auth: admin@school.edu signed in from 10.0.0.1"
    password_in_the_email_field = "my secret pass phrase 42"
    with caplog.at_level(logging.INFO, logger="bot.console"):
        for typed in (forged, password_in_the_email_field):
            assert console.client("10.88.0.1").sign_in(typed, "not the password").status == 401
        assert console.client("10.88.0.2").sign_in(ADVISOR, "not the password").status == 401
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("bot.console")]
    assert lines and all("\n" not in line and "\r" not in line for line in lines)
    assert not any("admin@school.edu" in line or "secret pass phrase" in line for line in lines)
    assert any(ADVISOR in line for line in lines)  # a real account's failures are still told


def test_hsts_is_sent_when_the_console_is_served_over_https(loaded_db_url: str, tmp_path: Path):
    from dataclasses import replace

    from tests.console_app import console_in_process, console_settings

    for secure, expected in ((True, "max-age=31536000"), (False, None)):
        workdir = tmp_path / str(secure)
        workdir.mkdir()
        settings = replace(
            console_settings(workdir, f"sqlite:///{workdir / 'app.sqlite3'}", f"sqlite:///{workdir / 'c.sqlite3'}"),
            console_secure_cookie=secure,
        )
        with console_in_process(settings) as console:
            assert console.client().get("/login").headers.get("Strict-Transport-Security") == expected
