"""`python -m bot.review`: what it prints, and exit codes (2 for bad arguments, 1 for what
cannot be found or read), never a traceback."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.db import get_engine
from bot.review.__main__ import main
from bot.review.annotations import AnnotationStore
from bot.settings import PROJECT_ROOT
from tests.review_store import TrackerStore

NOW = dt.datetime.now(dt.timezone.utc)


@pytest.fixture
def env(tmp_path: Path, loaded_db_url: str, monkeypatch: pytest.MonkeyPatch) -> dict:
    """A tracker store with three conversations and a private app database, set as the environment."""
    app = tmp_path / "app.sqlite3"
    shutil.copy(loaded_db_url.replace("sqlite:///", ""), app)
    store = TrackerStore(f"sqlite:///{tmp_path / 'conversations.sqlite3'}")
    ana = store.conversation("ana", channel="telegram", start=NOW - dt.timedelta(hours=3))
    event = ana.exchange("my number is (555) 123-4567, do I need the USMLE?", "ask_usmle", "No.", confidence=0.45)
    store.conversation("bo", channel="slack", start=NOW - dt.timedelta(hours=2)).exchange(
        "zzqx", "nlu_fallback", "Sorry, I didn't get that.", confidence=0.3
    )
    store.conversation("ancient", start=NOW - dt.timedelta(days=400)).exchange("hi", "greet", "Hello")
    values = {"TRACKER_STORE_URL": store.url, "DATABASE_URL": f"sqlite:///{app}", "RETENTION_DAYS": "365"}
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    AnnotationStore(get_engine(values["DATABASE_URL"])).annotate(
        event_id=event,
        sender_id="ana",
        text="my number is (555) 123-4567, do I need the USMLE?",
        intent="ask_usmle",
        out_of_scope=False,
        note="",
        by="adv@school.edu",
    )
    return {**values, "store": store}


def run(capsys, *argv: str):
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's own exit on a bad argument
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_list_with_filters_and_paging(env, capsys):
    code, out, _ = run(capsys, "list")
    assert code == 0 and "Page 1 of 1 (3 conversations)" in out
    assert "(***) ***-**67" in out and "123-4567" not in out
    lines = [line for line in out.splitlines() if line.split()[-1:] and line[:4].isdigit()]
    assert [line.split()[5] for line in lines] == ["bo", "ana", "ancient"]  # most recent first
    code, out, _ = run(capsys, "list", "--flag", "fallback")
    assert code == 0 and " bo " in out and "ana" not in out
    code, out, _ = run(capsys, "list", "--channel", "telegram", "--search", "usmle")
    assert code == 0 and "ana" in out and "(1 conversation)" in out
    code, out, _ = run(capsys, "list", "--since", (NOW - dt.timedelta(days=1)).date().isoformat())
    assert "ancient" not in out and "(2 conversations)" in out
    code, out, _ = run(capsys, "list", "--per-page", "1", "--page", "2")
    assert "Page 2 of 3" in out and " ana " in out
    code, out, _ = run(capsys, "list", "--search", "nothing like this")
    assert (code, out.strip()) == (0, "No conversations match.")


def test_show_masks_unless_revealed(env, capsys):
    code, out, _ = run(capsys, "show", "ana")
    assert code == 0 and "intent ask_usmle (0.45)" in out and "LOW CONFIDENCE" in out
    assert "(***) ***-**67" in out and "123-4567" not in out
    assert "annotated by adv@school.edu: ask_usmle" in out
    code, out, _ = run(capsys, "show", "ana", "--reveal")
    assert code == 0 and "(555) 123-4567" in out
    code, out, err = run(capsys, "show", "nobody")
    assert code == 1 and "No conversation with sender id 'nobody'" in err and out == ""


def test_export_to_stdout_and_file(env, capsys, tmp_path):
    code, out, _ = run(capsys, "export")
    assert code == 0
    assert yaml.safe_load(out)["nlu"] == [
        {"intent": "ask_usmle", "examples": "- my number is (***) ***-**67, do I need the USMLE?\n"}
    ]
    target = tmp_path / "review.yml"
    code, _, err = run(capsys, "export", "-o", str(target))
    assert code == 0 and target.read_text() == out and "from 1 annotation" in err


def test_purge_dry_run_then_for_real(env, capsys):
    code, out, _ = run(capsys, "purge", "--dry-run")
    assert code == 0 and out.startswith("Would delete 1 conversation(s) with no activity for 365 days")
    assert {r.sender_id for r in env["store"].rows()} == {"ana", "bo", "ancient"}
    code, out, _ = run(capsys, "purge", "--days", "1")  # the two from a few hours ago stay
    assert code == 0 and out.startswith("Deleted 1 conversation(s) with no activity for 1 days")
    assert {r.sender_id for r in env["store"].rows()} == {"ana", "bo"}


@pytest.mark.parametrize(
    "argv, message",
    [
        ([], "required: COMMAND"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["list", "--flag", "angry"], "invalid choice: 'angry'"),
        (["list", "--since", "2026-02-30"], "'2026-02-30' is not a date"),
        (["list", "--since", "2026-03-09", "--until", "2026-03-01"], "backwards"),
        (["list", "--page", "0"], "'0' is not a whole number of 1 or more"),
        (["purge", "--days", "-5"], "'-5' is not a whole number of 1 or more"),
        (["show"], "required: sender"),
    ],
)
def test_bad_arguments_exit_2_with_one_sentence(env, capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_as_a_program_no_traceback_for_an_unreadable_database(env, tmp_path):
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    result = subprocess.run(
        [sys.executable, "-m", "bot.review", "list"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "TRACKER_STORE_URL": f"sqlite:///{broken}"},
    )
    assert result.returncode == 1 and "cannot be read" in result.stderr and "Traceback" not in result.stderr
    result = subprocess.run(
        [sys.executable, "-m", "bot.review", "list", "--page", "two"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_inbox_groups_what_went_wrong(env, capsys):
    env["store"].conversation("cy", channel="slack", start=NOW - dt.timedelta(hours=1)).exchange(
        "ZZQX!", "nlu_fallback", "Sorry, I didn't get that.", confidence=0.3
    )
    code, out, _ = run(capsys, "inbox")
    assert code == 0
    lines = out.splitlines()
    assert "    2 " in lines[1] and "fallback" in lines[1] and lines[1].rstrip().endswith("ZZQX!")
    assert "cy#" in lines[1]  # the newest occurrence opens
    assert any("low confidence" in line and "(***) ***-**67" in line for line in lines)  # masked
    assert "4567" not in out
    code, out, _ = run(capsys, "inbox", "--reason", "out_of_scope")
    assert (code, out.strip()) == (0, "Nothing went wrong with these filters.")
    code, _, err = run(capsys, "inbox", "--reason", "angry")
    assert code == 2 and "invalid choice" in err
