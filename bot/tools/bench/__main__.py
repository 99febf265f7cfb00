"""`python -m bot.tools.bench` (`make bench`): train, serve and load both bots; print and write the report.

Exit status 1 when the run could not be carried out (training failed, a server did
not start); a missed target is printed as FAIL and still exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from bot.settings import PROJECT_ROOT, load_settings_or_exit
from bot.tools.bench import bots, report
from bot.tools.bench.bots import BenchError, Bot
from bot.tools.bench.load import LevelRun, run_level, warm_up

FULL_S = {1: 30.0, 10: 30.0, 50: 60.0}
QUICK_S = 5.0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot.tools.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="1,10,50", help="concurrent people per level (default 1,10,50)")
    parser.add_argument(
        "--duration", type=float, default=None, help="seconds per level (default 30 s, 60 s for 50 people)"
    )
    parser.add_argument("--quick", action="store_true", help=f"smoke run: {QUICK_S:.0f} s per level")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="keep the bots, models and logs here (default: a temporary folder, removed)",
    )
    parser.add_argument(
        "--no-train",
        action="store_true",
        help="reuse the models a previous run left in --workdir (training not measured)",
    )
    parser.add_argument("--reports", type=Path, default=PROJECT_ROOT / "reports")
    args = parser.parse_args(argv)
    try:
        args.levels = sorted({int(n) for n in args.levels.split(",")})
    except ValueError:
        parser.error(f"--levels takes whole numbers separated by commas, got {args.levels!r}")
    if not args.levels or min(args.levels) < 1:
        parser.error("--levels needs at least one level of 1 person or more")
    if args.no_train and args.workdir is None:
        parser.error("--no-train reuses the models in --workdir: name it")
    return args


def duration(args: argparse.Namespace, people: int) -> float:
    if args.quick:
        return QUICK_S
    return args.duration if args.duration else FULL_S.get(people, 30.0)


#: Part of every sender id, so a reused --workdir never continues an earlier run's conversations
#: (our bot greets a returning person with "welcome back" instead of starting afresh).
RUN_ID = uuid.uuid4().hex[:8]


def load_level(bot: Bot, people: int, seconds: float) -> LevelRun:
    """One level of load on one bot, sampling its servers' RSS about once a second."""
    peak: dict[str, float] = {}

    def sample() -> None:
        for role, mb in bot.running.rss_mb().items():
            peak[role] = max(peak.get(role, 0.0), mb)

    cpu_before = bot.running.cpu_s()
    run = asyncio.run(
        run_level(
            bot.webhook, bot.conversations, people, seconds, prefix=f"{bot.name}-{RUN_ID}-{people}", sampler=sample
        )
    )
    sample()
    cpu_after = bot.running.cpu_s()
    run.samples = {"peak_rss_mb": peak, "cpu_s": {r: cpu_after[r] - cpu_before[r] for r in cpu_after}}
    return run


def bot_result(bot: Bot, levels: dict[int, LevelRun]) -> dict[str, Any]:
    return {
        "train_s": None if bot.train_s is None else round(bot.train_s, 1),
        "startup_s": None if bot.startup_s is None else round(bot.startup_s, 1),
        "idle_rss_mb": bot.idle_rss_mb,
        "levels": {str(n): report.level_figures(run) for n, run in levels.items()},
    }


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def bench(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    started, wall = dt.datetime.now().isoformat(timespec="seconds"), time.monotonic()
    loadavg = os.getloadavg()[0]
    say(f"work folder {workdir}")
    both = [bots.prepare_baseline(workdir), bots.prepare_ours(workdir)]
    for bot in both:
        if args.no_train:
            if not bot.model.exists():
                raise BenchError(f"--no-train: no model at {bot.model}")
            continue
        say(f"training {bot.name} from scratch ...")
        say(f"trained {bot.name} in {bots.train(bot, workdir):.0f} s")
    runs: dict[str, dict[int, LevelRun]] = {bot.name: {} for bot in both}
    try:
        for bot in both:  # one after the other: start-up is CPU-bound and would skew the other's
            say(f"starting {bot.name} ...")
            say(f"{bot.name} answered {bots.start(bot):.1f} s after its processes started; RSS {bot.idle_rss_mb} MB")
            warm = asyncio.run(warm_up(bot.webhook, bot.conversations, prefix=f"{bot.name}-{RUN_ID}-warmup"))
            if warm.errors:
                raise BenchError(f"the {bot.name} bot failed while warming up: {dict(warm.errors)}; see {bot.log}")
        for people in args.levels:
            for bot in both:  # alternate bots level by level, so noise from other work hits both alike
                seconds = duration(args, people)
                say(f"{bot.name}: {people} people for {seconds:.0f} s ...")
                run = runs[bot.name][people] = load_level(bot, people, seconds)
                figures = report.level_figures(run)
                say(
                    f"  p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, {figures['msgs_per_s']} msg/s, "
                    f"errors {figures['errors']}, off-script {figures['off_script']}"
                )
    finally:
        for bot in both:
            bots.stop(bot)
    result: dict[str, Any] = {
        "meta": {
            "started": started,
            "cpus": os.cpu_count(),
            "loadavg_at_start": round(loadavg, 2),
            "levels": args.levels,
            "durations_s": [duration(args, n) for n in args.levels],
            "quick": args.quick,
            "trained": not args.no_train,
            "wall_s": round(time.monotonic() - wall, 1),
        },
        "bots": {bot.name: bot_result(bot, runs[bot.name]) for bot in both},
    }
    result["targets"] = report.targets(result["bots"]["ours"], result["bots"]["baseline"], args.levels)
    return result


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    load_settings_or_exit()  # our bot's content folder comes from them: a bad .env stops here, not mid-run
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="cma-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        result = bench(args, workdir.resolve())
    except BenchError as exc:
        print(f"\nThe benchmark could not be carried out: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    paths = report.write(result, args.reports)
    print("\n" + report.markdown(result))
    print(
        "Written: "
        + ", ".join(str(p.relative_to(PROJECT_ROOT) if p.is_relative_to(PROJECT_ROOT) else p) for p in paths.values())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
