"""The retrain loop: approved annotations retrain the model, and it is loaded into the running
Rasa server only when the held-out figures do not fall; the model it replaces is kept for a rollback.

The decision and the file handling are tested with stand-ins for training and scoring (fast).
Then, marked e2e, the whole loop for real on a fixture-sized project (tests/fixtures/retrain:
the real classifier on a few dozen examples, so each model trains in seconds): a Rasa server
started with its HTTP API and a token, an advisor's annotations approved by an admin in the
console, "Retrain now" pressed, the background job training with `rasa train` and scoring with
bot.tools.nlu_eval. Helpful examples are loaded (the server answers with the new model);
examples that teach it to greet weather questions make out-of-scope recall fall, and the server
keeps the model it had. Headless Chromium then saves reports/console-retrain.png.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.console.accounts import AccountStore
from bot.db import get_engine
from bot.retrain import models
from bot.retrain.decision import decide
from bot.retrain.job import Project, held_out, rasa_train, roll_back, run_retrain
from bot.retrain.loading import LoadError, loaded_model
from bot.retrain.runs import FAILED, KEPT, LOADED, ROLLED_BACK, RunRefused, RunStore
from bot.settings import PROJECT_ROOT
from bot.tools.launch import stop_servers, tail, wait_until_up
from tests.console_app import PASSWORD, Console, console_in_process, console_settings, csrf_token
from tests.e2e import free_port
from tests.review_store import TrackerStore

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "retrain"
ADMIN = "admin@school.edu"
#: Phrasings of pay the fixture's training data lacks: an advisor teaches them.
HELPFUL = ["what is the hourly wage for a medical assistant", "what pay can an MA expect"]
#: Weather, jokes and sports labelled as greetings: a mistake the held-out set must catch.
HARMFUL = [
    "what's the weather like tomorrow",
    "tell me a funny story",
    "who won the game on sunday",
    "what's the weather in Spain",
    "tell me another joke",
    "what's the capital of Italy",
    "weather forecast please",
    "say something funny",
]


# --- the decision ----------------------------------------------------------------------------------


def test_a_model_is_loaded_only_when_no_held_out_figure_falls():
    before = {"examples": 100, "intent_accuracy": 0.95, "out_of_scope_recall": 0.9}
    assert decide(before, {**before}).load  # equal is enough
    assert decide(before, {**before, "intent_accuracy": 0.97}).load
    fell = decide(before, {**before, "out_of_scope_recall": 0.89})
    assert not fell.load and "out-of-scope recall would fall from 90.0% to 89.0%" in fell.reason
    both = decide(before, {**before, "intent_accuracy": 0.9499, "out_of_scope_recall": 0.5})
    assert not both.load and "intent accuracy" in both.reason and "out-of-scope recall" in both.reason
    assert decide(None, before).load  # no model answering yet


# --- the job with stand-ins for training, scoring and loading ---------------------------------------


def small_project(tmp_path: Path, rasa_url: str | None = None, token: str | None = None) -> Project:
    """A private copy of tests/fixtures/retrain, its models and its app database."""
    root = tmp_path / "project"
    if not root.exists():
        shutil.copytree(FIXTURE, root)
    return Project(
        root=root,
        config=root / "config.yml",
        domain=root / "domain.yml",
        nlu_dir=root / "data" / "nlu",
        stories_dir=root / "data" / "stories",
        holdout_dir=root / "holdout",
        models_dir=tmp_path / "models",
        database_url=f"sqlite:///{tmp_path / 'app.sqlite3'}",
        rasa_url=rasa_url,
        rasa_token=token,
    )


class Stand_ins:
    """A trainer that writes a file, a scorer that reads figures from it, a loader that records."""

    def __init__(self, accuracy: float, out_of_scope: float, load_error: str | None = None):
        self.figures = {"intent_accuracy": accuracy, "out_of_scope_recall": out_of_scope}
        self.loaded: list[bytes] = []
        self.load_error = load_error

    def train(self, project: Project, run_id: int) -> Path:
        path = models.candidates_dir(project.models_dir) / f"run-{run_id}.tar.gz"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.figures))
        return path

    @staticmethod
    def score(model: Path, labelled: Any) -> dict[str, Any]:
        return {"examples": len(labelled), **json.loads(model.read_text())}

    def load(self, url: str, token: str, model: Path) -> None:
        if self.load_error:
            raise LoadError(self.load_error)
        self.loaded.append(model.read_bytes())


def current_figures(project: Project) -> dict[str, float]:
    return json.loads(models.current_model(project.models_dir).read_text())


def test_the_job_keeps_the_model_when_figures_fall_and_can_roll_back(tmp_path: Path):
    project = small_project(tmp_path, "http://127.0.0.1:9", "token")
    engine = get_engine(project.database_url)
    project.models_dir.mkdir()
    models.current_model(project.models_dir).write_text(
        json.dumps({"intent_accuracy": 0.9, "out_of_scope_recall": 0.8})
    )
    runs = RunStore(engine)

    better = Stand_ins(0.92, 0.8)
    first = run_retrain(runs.start(ADMIN).id, project, engine, better.train, better.score, better.load)
    assert first.status == LOADED and first.before["intent_accuracy"] == 0.9 and first.after["intent_accuracy"] == 0.92
    assert current_figures(project)["intent_accuracy"] == 0.92 and len(better.loaded) == 1
    assert json.loads(Path(first.previous_model).read_text())["intent_accuracy"] == 0.9  # kept for a rollback
    assert first.examples == 0 and (project.nlu_dir / "reviewed_examples.yml").exists()

    worse = Stand_ins(0.95, 0.7)  # more accurate, but out-of-scope recall falls
    second = run_retrain(runs.start(ADMIN).id, project, engine, worse.train, worse.score, worse.load)
    assert second.status == KEPT and "out-of-scope recall would fall from 80.0% to 70.0%" in second.message
    assert worse.loaded == [] and current_figures(project)["intent_accuracy"] == 0.92
    assert not list(models.candidates_dir(project.models_dir).glob("*.tar.gz"))  # the refused model is gone

    down = Stand_ins(0.99, 0.99, load_error="The Rasa server could not be reached.")
    third = run_retrain(runs.start(ADMIN).id, project, engine, down.train, down.score, down.load)
    assert third.status == FAILED and "put back" in third.message
    assert current_figures(project)["intent_accuracy"] == 0.92  # what the server still answers with

    rolled = roll_back(project, engine, better.load)
    assert rolled.id == first.id and rolled.status == ROLLED_BACK
    assert (
        current_figures(project)["intent_accuracy"] == 0.9 and json.loads(better.loaded[-1])["intent_accuracy"] == 0.9
    )
    with pytest.raises(LookupError):
        roll_back(project, engine, better.load)


def test_one_run_at_a_time_unless_the_other_ones_process_died(tmp_path: Path):
    runs = RunStore(get_engine(f"sqlite:///{tmp_path / 'app.sqlite3'}"))
    first = runs.start(ADMIN)
    runs.update(first.id, pid=os.getpid())  # alive: this very process
    with pytest.raises(RunRefused, match=f"#{first.id} is still under way"):
        runs.start(ADMIN)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    runs.update(first.id, pid=dead.pid)
    second = runs.start(ADMIN)
    assert runs.get(first.id).status == FAILED and second.status == "queued"


# --- for real: a Rasa server, the console, `rasa train`, the held-out figures ---------------------------


def call(url: str, token: str, path: str, body: dict | None = None) -> dict:
    request = urllib.request.Request(
        f"{url}{path}?{urllib.parse.urlencode({'token': token})}",
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def small_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Project, str]]:
    """The fixture project's first model, served by our Rasa command line with its API and a token."""
    workdir = tmp_path_factory.mktemp("retrain")
    token = "a-test-api-token"
    port = free_port()
    project = small_project(workdir, f"http://127.0.0.1:{port}", token)
    started = time.monotonic()
    first = rasa_train(project, 0)
    models.install(first, project.models_dir, None)
    print(f"\n  the small model trained in {time.monotonic() - started:.0f} s")
    log_path = workdir / "rasa.log"
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "RASA_TELEMETRY_ENABLED": "false"}
    command = [sys.executable, "-m", "bot.rasa.run", "run", "--model", str(models.current_model(project.models_dir))]
    command += ["--interface", "127.0.0.1", "--port", str(port), "--enable-api", "--auth-token", token]
    with open(log_path, "w") as log:
        proc = subprocess.Popen(command, cwd=project.root, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        if not wait_until_up([f"{project.rasa_url}/"], proc, 180):
            raise RuntimeError("the Rasa server did not start:\n" + tail(log_path, 60))
        yield project, token
    finally:
        stop_servers(proc)


@pytest.fixture(scope="module")
def console(small_bot, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    """The console on the project's app database, with a conversation holding what advisors correct."""
    project, _ = small_bot
    workdir = tmp_path_factory.mktemp("retrain-console")
    store = TrackerStore(f"sqlite:///{workdir / 'conversations.sqlite3'}")
    talk = store.conversation("retrain-person", channel="rest")
    for text in HELPFUL + HARMFUL:
        talk.user(text, "nlu_fallback", 0.2)
    AccountStore(get_engine(project.database_url)).create(ADMIN, PASSWORD, role="admin")
    with console_in_process(console_settings(workdir, project.database_url, store.url)) as app:
        app.transport.app.ctx.retrain_project = project  # type: ignore[union-attr]
        yield app


def annotate_and_approve(console: Console, texts: list[str], intent: str) -> None:
    """An advisor labels the messages; an admin approves exactly those."""
    advisor = console.signed_in()
    page = advisor.get("/c/retrain-person").body
    token = csrf_token(page)
    turns = {
        text: event_id for event_id, text in re.findall(r'id="turn-(\d+)">.*?<p class="text">(.*?)</p>', page, re.S)
    }
    ids = []
    for text in texts:
        event_id = turns[text.replace("'", "&#39;")]
        form = {"csrf_token": token, "event_id": event_id, "intent": intent, "note": ""}
        assert advisor.post("/c/retrain-person/annotate", form).status == 303
        ids.append(event_id)
    admin = console.client()
    assert admin.sign_in(ADMIN).status == 303
    page = admin.get("/export?state=waiting").body
    reply = admin.post("/export/approve", {"csrf_token": csrf_token(page), "event_id": ids})  # type: ignore[dict-item]
    assert reply.status == 303


def retrain_in_the_console(console: Console, timeout: float = 300) -> Any:
    admin = console.client()
    assert admin.sign_in(ADMIN).status == 303
    page = admin.get("/retrain").body
    started = admin.post("/retrain", {"csrf_token": csrf_token(page)})
    assert started.status == 303, started.body
    run_id = int(started.location.rsplit("-", 1)[1])
    runs = RunStore(get_engine(console.settings.database_url))
    deadline = time.monotonic() + timeout
    while runs.get(run_id).under_way and time.monotonic() < deadline:
        time.sleep(2)
    run = runs.get(run_id)
    assert not run.under_way, f"retrain #{run_id} still {run.status} after {timeout} s"
    return run


@pytest.mark.e2e
def test_approved_annotations_retrain_and_hot_load_only_when_the_held_out_figures_do_not_fall(small_bot, console):
    project, token = small_bot
    url = project.rasa_url
    first_model = call(url, token, "/status")["model_id"]
    assert loaded_model(url, token) == models.current_model(project.models_dir).name
    labelled = held_out(project.holdout_dir)

    # An advisor cannot press the button.
    advisor = console.signed_in()
    assert advisor.post("/retrain", {"csrf_token": advisor.csrf("/retrain")}).status == 403

    annotate_and_approve(console, HELPFUL, "ask_salary")
    started = time.monotonic()
    loaded = retrain_in_the_console(console)
    print(
        f"\n  retrain #{loaded.id} (helpful examples): {loaded.status} in {time.monotonic() - started:.0f} s; "
        f"before {loaded.before}, after {loaded.after}"
    )
    assert loaded.status == LOADED, loaded.message
    assert loaded.examples == len(HELPFUL) and loaded.after["examples"] == len(labelled)
    assert loaded.after["intent_accuracy"] >= loaded.before["intent_accuracy"]
    assert loaded.after["out_of_scope_recall"] >= loaded.before["out_of_scope_recall"]
    second_model = call(url, token, "/status")["model_id"]
    assert second_model != first_model  # the running server answers with the new model
    assert call(url, token, "/model/parse", {"text": HELPFUL[0]})["intent"]["name"] == "ask_salary"
    assert Path(loaded.previous_model).exists()  # the model it replaced, for a rollback
    written = (project.nlu_dir / "reviewed_examples.yml").read_text()
    assert all(f"    - {text}" in written for text in HELPFUL)

    annotate_and_approve(console, HARMFUL, "greet")
    kept = retrain_in_the_console(console)
    print(f"  retrain #{kept.id} (weather as greetings): {kept.status}; before {kept.before}, after {kept.after}")
    assert kept.status == KEPT, kept.message
    assert kept.after["out_of_scope_recall"] < kept.before["out_of_scope_recall"]
    assert "out-of-scope recall would fall" in kept.message
    assert call(url, token, "/status")["model_id"] == second_model  # not loaded
    assert call(url, token, "/model/parse", {"text": "what's the weather tomorrow"})["intent"]["name"] != "greet"
    # The figures the run recorded are the held-out set's, as bot.tools.nlu_eval scores them.
    page = console.signed_in().get("/retrain").body
    assert f'id="run-{kept.id}"' in page and "kept" in page and "loaded" in page


@pytest.mark.e2e
@pytest.mark.browser
def test_the_retrain_result_in_a_browser(small_bot, console):
    from tests.test_console_web import CHROMIUM, SCREENSHOTS, running_console
    from tests.test_widget_browser import CHROMIUM_ARGS

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: setup installs it (scripts/install-browser.sh)")
    runs = RunStore(get_engine(console.settings.database_url)).recent()
    assert {r.status for r in runs} >= {LOADED, KEPT}, "run the retrain test first (same module)"
    from playwright.sync_api import expect, sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    workdir = Path(console.settings.tracker_store_url.removeprefix("sqlite:///")).parent
    with running_console(console.settings, workdir) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(
                viewport={"width": 1280, "height": 800}, extra_http_headers={"X-Forwarded-For": "10.78.0.1"}
            )
            page.goto(url + "/retrain")
            page.get_by_label("Email").fill(ADMIN)
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            expect(page.get_by_role("heading", name="Retrain the bot")).to_be_visible()
            expect(page.locator("tr.run-kept")).to_be_visible()
            expect(page.locator("tr.run-loaded")).to_be_visible()
            page.screenshot(path=str(SCREENSHOTS / "console-retrain.png"), full_page=True)
        finally:
            browser.close()
    assert (SCREENSHOTS / "console-retrain.png").stat().st_size > 20_000
