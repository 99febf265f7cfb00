"""The benchmark's own parts: the load generator's error accounting, the /proc readings,
the report's figures and verdicts, and the ports its servers would start on. No Rasa
here: a fake webhook on 127.0.0.1, and servers that are never started."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import ExitStack, asynccontextmanager, suppress
from pathlib import Path

import pytest
from aiohttp import web

from bot.settings import load_settings
from bot.tools.bench import bots, ports, procs, report
from bot.tools.bench.conversations import BASELINE, OURS, Turn
from bot.tools.bench.load import LevelRun, run_level, warm_up
from bot.tools.launch import server_env

REPLIES = {
    "ok": lambda: web.json_response([{"text": "fine, thanks"}]),
    "off": lambda: web.json_response([{"text": "Sorry, I didn't get that"}]),
    "empty": lambda: web.json_response([]),
    "boom": lambda: web.Response(status=500, text="Internal Server Error"),
}


@asynccontextmanager
async def fake_webhook(handler) -> AsyncIterator[str]:
    """A webhook on a free port of 127.0.0.1, stopped afterwards; yields its URL."""
    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}/webhooks/rest/webhook"
    finally:
        await runner.cleanup()


async def _drive(conversations, people: int = 2, duration_s: float = 0.6, timeout_s: float = 0.3) -> LevelRun:
    """Run the load generator against a fake webhook whose reply depends on the message."""

    async def webhook(request: web.Request) -> web.StreamResponse:
        message = (await request.json())["message"]
        if message == "slow":
            await asyncio.sleep(timeout_s * 3)
        return REPLIES.get(message, REPLIES["ok"])()

    async with fake_webhook(webhook) as url:
        return await run_level(url, conversations, people, duration_s, prefix="t", timeout_s=timeout_s)


def test_answers_are_timed_and_replies_without_the_expected_text_are_off_script():
    run = asyncio.run(_drive([(Turn("ok", "fine"), Turn("off", "fine"))]))
    assert run.errors == Counter()
    assert run.conversations >= 2
    # Each finished conversation had one answer off script; an unfinished one may have its "ok" answered.
    assert run.off_script == run.conversations
    assert 2 * run.conversations <= len(run.latencies_s) <= 2 * run.conversations + 2
    assert run.off_script_samples[0]["message"] == "off" and "didn't get that" in run.off_script_samples[0]["reply"]
    assert 0.6 <= run.elapsed_s < 2


@pytest.mark.parametrize("message, kind", [("boom", "HTTP 500"), ("empty", "empty reply"), ("slow", "timeout")])
def test_errors_are_counted_by_kind_and_end_that_conversation(message, kind):
    run = asyncio.run(_drive([(Turn("ok", "fine"), Turn(message, "fine"), Turn("never sent", "fine"))], people=1))
    assert set(run.errors) == {kind} and run.errors[kind] >= 1
    assert run.conversations == 0  # none finished: each stopped at its error
    # Only the first turn of each was answered (the time may run out between the first and the second).
    assert run.errors[kind] <= len(run.latencies_s) <= run.errors[kind] + 1
    assert run.elapsed_s < 0.6 + 0.3 + 1  # a timed-out message ends within its timeout


def test_a_refused_connection_is_an_error_not_a_crash():
    async def nobody_listening() -> LevelRun:
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        return await run_level(f"http://127.0.0.1:{port}/", [(Turn("hi", "x"),)], 1, 0.2, prefix="t")

    run = asyncio.run(nobody_listening())
    assert sum(run.errors.values()) >= 1 and not run.latencies_s


def test_every_scripted_turn_expects_something():
    for conversation in OURS + BASELINE:
        assert conversation and all(turn.message.strip() and turn.expect.strip() for turn in conversation)


@pytest.mark.parametrize(
    "args, role",
    [
        (["/venv/bin/python3.10", "/venv/bin/rasa", "run", "actions", "--actions", "actions"], "actions"),
        (["/venv/bin/python3.10", "/venv/bin/rasa", "run", "--model", "m.tar.gz", "--port", "5005"], "rasa"),
        (["/venv/bin/python", "-m", "bot.rasa.run", "run", "--model", "m.tar.gz"], "rasa"),
        (["/bin/sh", "-c", "rasa run actions --actions actions --port 5055"], None),
        (["/venv/bin/python3.10", "-m", "honcho", "start"], None),
    ],
)
def test_the_servers_are_told_apart_by_their_command_line(args, role):
    assert procs.role_of(args) == role


def test_rss_and_cpu_of_each_server_are_read_from_proc():
    sleeper = "import time; x = bytearray(64 * 2**20); time.sleep(30)"  # 64 MB the RSS must show
    started = [
        subprocess.Popen([sys.executable, "-c", sleeper, "rasa", "run", *extra])
        for extra in (["actions"], ["--model", "m"])
    ]
    try:
        for _ in range(50):
            tree = procs.ServerTree.find(os.getpid())
            if all(v > 60 for v in tree.rss_mb().values()):
                break
            asyncio.run(asyncio.sleep(0.1))
        assert tree.roles["actions"] == {started[0].pid} and tree.roles["rasa"] == {started[1].pid}
        assert all(60 < mb < 200 for mb in tree.rss_mb().values())
        assert all(seconds >= 0 for seconds in tree.cpu_s().values())
    finally:
        for proc in started:
            proc.kill()
            proc.wait()
    with pytest.raises(RuntimeError, match="no rasa or actions server"):
        procs.ServerTree.find(started[0].pid)


def _bot(p95_1: float, rate: float, errors_50: int = 0, train_s: float = 100.0) -> dict:
    def level(people: int, p95: float) -> dict:
        return {
            "people": people,
            "duration_s": 60.0 if people == 50 else 30.0,
            "p50_ms": p95 / 2,
            "p95_ms": p95,
            "p99_ms": p95 * 1.5,
            "msgs_per_s": rate,
            "errors": errors_50 if people == 50 else 0,
            "off_script": 0,
            "peak_rss_mb": {"rasa": 700.0, "actions": 120.0},
        }

    return {
        "train_s": train_s,
        "startup_s": 30.0,
        "idle_rss_mb": {"rasa": 650.0, "actions": 110.0},
        "levels": {str(n): level(n, p95_1 * n) for n in (1, 10, 50)},
    }


def test_level_figures_percentiles_and_rate():
    run = LevelRun(
        people=1,
        duration_s=10,
        latencies_s=[i / 1000 for i in range(1, 101)],
        elapsed_s=10.0,
        samples={"cpu_s": {"rasa": 2.0}, "peak_rss_mb": {"rasa": 500.0}},
    )
    figures = report.level_figures(run)
    assert figures["p50_ms"] == pytest.approx(50.5) and figures["p95_ms"] == pytest.approx(95.05, abs=0.1)
    assert figures["msgs_per_s"] == 10.0 and figures["cpu_ms_per_msg_rasa"] == 20.0
    assert report.level_figures(LevelRun(people=1, duration_s=1))["p95_ms"] is None  # nothing answered


def test_targets_pass_and_fail_on_ratios_to_the_baseline():
    baseline = _bot(p95_1=100, rate=20)
    verdicts = {t["target"]: t["result"] for t in report.targets(_bot(80, 25), baseline, [1, 10, 50])}
    assert set(verdicts.values()) == {"PASS"} and len(verdicts) == 7
    worse = {t["target"]: t for t in report.targets(_bot(150, 10, errors_50=3, train_s=400), baseline, [1, 10, 50])}
    assert {t["result"] for t in worse.values()} == {"FAIL"}
    assert worse["p95 latency at 1 people <= 1.0x baseline"]["value"] == 1.5


def test_a_short_soak_cannot_pass_the_60_second_target():
    ours = _bot(80, 25)
    ours["levels"]["50"]["duration_s"] = 5.0
    soak = [t for t in report.targets(ours, _bot(100, 20), [1, 10, 50]) if "zero errors" in t["target"]][0]
    assert soak["result"] == "FAIL" and "asks for 60 s" in soak["target"]


def test_the_report_files_hold_the_table_and_a_plot(tmp_path: Path):
    ours, baseline = _bot(80, 25), _bot(100, 20)
    result = {
        "meta": {
            "levels": [1, 10, 50],
            "started": "now",
            "cpus": 2,
            "loadavg_at_start": 0.1,
            "durations_s": [30, 30, 60],
            "wall_s": 600.0,
            "quick": False,
        },
        "bots": {"ours": ours, "baseline": baseline},
        "targets": report.targets(ours, baseline, [1, 10, 50]),
    }
    paths = report.write(result, tmp_path)
    table = paths["md"].read_text()
    assert "| 1 people: p95 latency (ms) | 80 | 100 | 0.80× |" in table
    assert "| messages/s at 50 people >= 1.0x baseline | 1.25 | **PASS** |" in table
    assert paths["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and paths["png"].stat().st_size > 10_000
    assert '"targets"' in paths["json"].read_text()


def test_warming_up_holds_each_conversation_once():
    async def warm() -> LevelRun:
        async with fake_webhook(lambda request: REPLIES["ok"]()) as url:
            return await warm_up(url, [(Turn("a", "fine"),) * 3, (Turn("b", "fine"),)], "w")

    run = asyncio.run(warm())
    assert run.conversations == 2 and len(run.latencies_s) == 4 and not run.errors


class _WouldStart(Exception):
    """Raised instead of starting servers: the test only looks at what they would be given."""


def test_every_server_would_start_on_a_free_port_of_its_own_beside_a_running_bot(tmp_path: Path, monkeypatch):
    defaults = load_settings(env_file=tmp_path / "absent.env", environ={})
    default_ports = {getattr(defaults, name) for name in ports.port_fields()}
    assert len(default_ports) >= 3  # the Rasa server, the action server and the advisor console
    given: dict[str, dict[str, str]] = {}

    def would_start(settings, model, log_path, credentials=None):
        given[log_path.name] = server_env(settings, model, credentials)
        raise _WouldStart

    monkeypatch.setattr(bots, "start_servers", would_start)
    with ExitStack() as held:
        for port in default_ports:  # as `make run` holds them (any already taken stays taken)
            sock = held.enter_context(socket.socket())
            with suppress(OSError):
                sock.bind(("127.0.0.1", port))
                sock.listen()
        both = [bots.prepare_baseline(tmp_path), bots.prepare_ours(tmp_path)]
        for bot in both:
            with pytest.raises(_WouldStart):
                bots.start(bot)
        chosen = []
        for bot in both:
            env = given[bot.log.name]
            port_vars = {name.upper() for name in ports.port_fields()}
            procfile = (bot.settings.project_root / "Procfile").read_text()
            port_vars |= set(re.findall(r"\$\{?([A-Z_]*PORT)\b", procfile))  # any port the Procfile passes on
            assert (env["RASA_HOST"], env["CONSOLE_HOST"]) == ("127.0.0.1", "127.0.0.1")
            assert bot.webhook.startswith(f"http://127.0.0.1:{env['RASA_PORT']}/")
            chosen += [int(env[name]) for name in sorted(port_vars)]
        assert not default_ports & set(chosen)
        assert len(set(chosen)) == len(chosen), "the two bots run at the same time: no port may be shared"
        for port in chosen:
            with socket.socket() as sock:
                sock.bind(("127.0.0.1", port))  # free: nothing else took it
