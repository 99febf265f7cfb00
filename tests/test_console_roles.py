"""Roles in the console: an advisor reads, works handoffs and annotates; an admin also manages
accounts and approves annotations for training. Checked over HTTP against the in-process app,
and on the command line (`python -m bot.review add-advisor ... --role admin`, `set-role`)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.console.accounts import AccountError, AccountStore
from bot.db import get_engine
from bot.settings import PROJECT_ROOT
from tests.console_app import ADVISOR, PASSWORD, Browser, Console, console_with_conversations, csrf_token

ADMIN = "admin@school.edu"


@pytest.fixture(scope="module")
def console(loaded_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    with console_with_conversations(loaded_db_url, tmp_path_factory.mktemp("roles")) as app:
        AccountStore(get_engine(app.settings.database_url)).create(ADMIN, PASSWORD, role="admin")
        yield app


def admin(console: Console) -> Browser:
    browser = console.client()
    assert browser.sign_in(ADMIN).status == 303
    return browser


def accounts(console: Console) -> AccountStore:
    return AccountStore(get_engine(console.settings.database_url))


def test_an_advisor_cannot_open_or_change_accounts(console: Console):
    advisor = console.signed_in()
    assert 'href="/accounts"' not in advisor.get("/").body  # not offered
    page = advisor.get("/accounts")
    assert page.status == 403 and "Only an admin can manage accounts" in page.body
    token = advisor.csrf()
    for path, form in (
        ("/accounts", {"email": "new@school.edu", "password": "another long password", "role": "admin"}),
        ("/accounts/role", {"email": ADVISOR, "role": "admin"}),
        ("/accounts/disable", {"email": ADMIN}),
    ):
        assert advisor.post(path, {"csrf_token": token, **form}).status == 403, path
    assert not accounts(console).exists("new@school.edu")
    assert accounts(console).role_of(ADVISOR) == "advisor" and accounts(console).role_of(ADMIN) == "admin"


def test_an_admin_creates_promotes_and_disables_accounts(console: Console):
    browser = admin(console)
    page = browser.get("/accounts")
    assert page.status == 200 and ADVISOR in page.body and 'href="/accounts"' in page.body
    token = csrf_token(page.body)
    weak = browser.post("/accounts", {"csrf_token": token, "email": "dana@school.edu", "password": "password1"})
    assert weak.status == 400 and "too short" in weak.body and not accounts(console).exists("dana@school.edu")
    made = browser.post(
        "/accounts", {"csrf_token": token, "email": "dana@school.edu", "password": "ferns under a quiet bridge"}
    )
    assert made.status == 303 and accounts(console).role_of("dana@school.edu") == "advisor"
    dana = console.client()
    assert dana.sign_in("dana@school.edu", "ferns under a quiet bridge").status == 303
    assert dana.get("/accounts").status == 403
    # Promoted: the next page she opens already knows, without signing in again.
    assert (
        browser.post("/accounts/role", {"csrf_token": token, "email": "dana@school.edu", "role": "admin"}).status == 303
    )
    assert dana.get("/accounts").status == 200
    bad_role = browser.post("/accounts/role", {"csrf_token": token, "email": "dana@school.edu", "role": "owner"})
    assert bad_role.status == 400 and "not a role" in bad_role.body
    assert browser.post("/accounts/disable", {"csrf_token": token, "email": "dana@school.edu"}).status == 303
    assert dana.get("/").status == 303  # signed out at once
    assert "disabled" in browser.get("/accounts").body


def test_the_last_admin_cannot_be_demoted_or_disabled(tmp_path: Path):
    store = AccountStore(get_engine(f"sqlite:///{tmp_path / 'app.sqlite3'}"))
    store.create("only@school.edu", PASSWORD, role="admin")
    store.create("helper@school.edu", PASSWORD)
    with pytest.raises(AccountError, match="only admin"):
        store.set_role("only@school.edu", "advisor")
    with pytest.raises(AccountError, match="only admin"):
        store.disable("only@school.edu", keep_an_admin=True)
    store.set_role("helper@school.edu", "admin")
    assert store.set_role("only@school.edu", "advisor").role == "advisor"
    assert store.verify("helper@school.edu", PASSWORD).is_admin


def test_an_advisor_cannot_approve_annotations_but_an_admin_can(console: Console):
    advisor = console.signed_in()
    page = advisor.get("/c/console-usmle").body
    event_id = re.search(r'id="turn-(\d+)"', page).group(1)
    token = csrf_token(page)
    form = {"csrf_token": token, "event_id": event_id, "intent": "ask_usmle", "note": ""}
    assert advisor.post("/c/console-usmle/annotate", form).status == 303
    export = advisor.get("/export").body
    assert "An admin approves annotations" in export and "Approve the chosen" not in export
    assert advisor.post("/export/approve", {"csrf_token": token, "event_id": event_id}).status == 403
    store = console_annotations(console)
    assert not store[int(event_id)].approved

    boss = admin(console)
    page = boss.get("/export").body
    assert "Approve the chosen ones for training" in page
    assert boss.post("/export/approve", {"csrf_token": csrf_token(page), "event_id": event_id}).status == 303
    assert console_annotations(console)[int(event_id)].approved_by == ADMIN
    assert "approved" in boss.get("/export?state=approved").body
    assert f'id="annotation-{event_id}"' not in boss.get("/export?state=waiting").body


def console_annotations(console: Console) -> dict:
    from bot.review.annotations import AnnotationStore

    return {a.event_id: a for a in AnnotationStore(get_engine(console.settings.database_url)).all()}


def run_cli(console: Console, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {"DATABASE_URL": console.settings.database_url, "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "bot.review", *args],
        cwd=PROJECT_ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_the_command_line_creates_an_admin_and_changes_roles(console: Console):
    made = run_cli(console, "add-advisor", "eve@school.edu", "--password-stdin", "--role", "admin", stdin=PASSWORD)
    assert made.returncode == 0 and "(admin)" in made.stdout, made.stderr
    assert accounts(console).role_of("eve@school.edu") == "admin"
    assert run_cli(console, "set-role", "eve@school.edu", "advisor").returncode == 0
    assert accounts(console).role_of("eve@school.edu") == "advisor"
    wrong = run_cli(console, "set-role", "eve@school.edu", "owner")
    assert wrong.returncode == 2 and "invalid choice" in wrong.stderr and "Traceback" not in wrong.stderr
    nobody = run_cli(console, "set-role", "nobody@school.edu", "admin")
    assert nobody.returncode == 1 and "no account" in nobody.stderr
