"""Figures, ratios to the baseline, the targets, and the three report files.

Targets are ratios to the baseline measured in the same run (the issue's wording),
except training time, which has an absolute limit. A missed target is printed as
FAIL, never raised: the run itself succeeded and its figures are worth reading.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.tools.bench.load import LevelRun

TRAIN_LIMIT_S = 300.0
SOAK_PEOPLE, SOAK_MIN_S = 50, 60.0
SLOWEST_KEPT = 6  # turns with the highest median latency, kept in bench.json to show where time goes


def level_figures(run: LevelRun) -> dict[str, Any]:
    """Latency percentiles in ms, throughput, errors and CPU per answered message."""
    lat = np.array(run.latencies_s) * 1000
    answered = len(lat)
    figures: dict[str, Any] = {
        "people": run.people,
        "duration_s": run.duration_s,
        "elapsed_s": round(run.elapsed_s, 1),
        "messages": answered,
        "conversations": run.conversations,
        "msgs_per_s": round(answered / run.elapsed_s, 2) if run.elapsed_s else 0.0,
        "errors": sum(run.errors.values()),
        "errors_by_kind": dict(run.errors),
        "off_script": run.off_script,
        "off_script_samples": run.off_script_samples,
    }
    for p in (50, 95, 99):
        figures[f"p{p}_ms"] = round(float(np.percentile(lat, p)), 1) if answered else None
    cpu = run.samples.get("cpu_s", {})
    for role, seconds in cpu.items():
        figures[f"cpu_ms_per_msg_{role}"] = round(seconds * 1000 / answered, 1) if answered else None
    figures["peak_rss_mb"] = run.samples.get("peak_rss_mb", {})
    slowest = sorted(run.by_message.items(), key=lambda kv: -float(np.median(kv[1])))[:SLOWEST_KEPT]
    figures["slowest_messages_p50_ms"] = {m: round(float(np.median(v)) * 1000, 1) for m, v in slowest}
    return figures


@dataclass(frozen=True)
class Row:
    label: str
    get: Callable[[dict[str, Any]], float | None]


def _level(people: int, key: str) -> Callable[[dict[str, Any]], float | None]:
    return lambda bot: bot["levels"].get(str(people), {}).get(key)


def _idle_rss(role: str) -> Callable[[dict[str, Any]], float | None]:
    return lambda bot: (bot.get("idle_rss_mb") or {}).get(role)


def _peak_rss(role: str) -> Callable[[dict[str, Any]], float | None]:
    """The highest RSS sampled at any level."""

    def peak(bot: dict[str, Any]) -> float | None:
        seen = [level["peak_rss_mb"][role] for level in bot["levels"].values() if role in level["peak_rss_mb"]]
        return max(seen) if seen else None

    return peak


def rows(levels: list[int]) -> list[Row]:
    table = [
        Row("training time (s)", lambda b: b.get("train_s")),
        Row("start-up time, process start to first answer (s)", lambda b: b.get("startup_s")),
        Row("RSS Rasa server, idle (MB)", _idle_rss("rasa")),
        Row("RSS Rasa server, peak under load (MB)", _peak_rss("rasa")),
        Row("RSS action server, idle (MB)", _idle_rss("actions")),
        Row("RSS action server, peak under load (MB)", _peak_rss("actions")),
    ]
    for n in levels:
        table += [
            Row(f"{n} people: p50 latency (ms)", _level(n, "p50_ms")),
            Row(f"{n} people: p95 latency (ms)", _level(n, "p95_ms")),
            Row(f"{n} people: p99 latency (ms)", _level(n, "p99_ms")),
            Row(f"{n} people: messages/s", _level(n, "msgs_per_s")),
            Row(f"{n} people: errors", _level(n, "errors")),
            Row(f"{n} people: off-script replies", _level(n, "off_script")),
            Row(f"{n} people: CPU per message, Rasa server (ms)", _level(n, "cpu_ms_per_msg_rasa")),
            Row(f"{n} people: CPU per message, action server (ms)", _level(n, "cpu_ms_per_msg_actions")),
        ]
    return table


def ratio(ours: float | None, baseline: float | None) -> float | None:
    if ours is None or baseline is None or baseline == 0:
        return None
    return round(ours / baseline, 2)


def targets(ours: dict[str, Any], base: dict[str, Any], levels: list[int]) -> list[dict[str, Any]]:
    """Each target with the figures it was judged on; 'result' is PASS, FAIL or n/a (not measured)."""
    found: list[dict[str, Any]] = []

    def judge(name: str, value: float | None, ok: Callable[[float], bool], **figures: Any) -> None:
        result = "n/a" if value is None else ("PASS" if ok(value) else "FAIL")
        found.append({"target": name, "value": value, "result": result, **figures})

    for n in (1, 10):
        if n in levels:
            o, b = _level(n, "p95_ms")(ours), _level(n, "p95_ms")(base)
            judge(f"p95 latency at {n} people <= 1.0x baseline", ratio(o, b), lambda r: r <= 1.0, ours=o, baseline=b)
    for n in levels:
        o, b = _level(n, "msgs_per_s")(ours), _level(n, "msgs_per_s")(base)
        judge(f"messages/s at {n} people >= 1.0x baseline", ratio(o, b), lambda r: r >= 1.0, ours=o, baseline=b)
    if SOAK_PEOPLE in levels:
        soak = ours["levels"][str(SOAK_PEOPLE)]
        long_enough = soak["duration_s"] >= SOAK_MIN_S
        judge(
            f"zero errors at {SOAK_PEOPLE} people for {soak['duration_s']:.0f} s"
            + ("" if long_enough else f" (the target asks for {SOAK_MIN_S:.0f} s)"),
            soak["errors"],
            lambda e: e == 0 and long_enough,
        )
    judge(f"training our bot from scratch < {TRAIN_LIMIT_S:.0f} s", ours.get("train_s"), lambda s: s < TRAIN_LIMIT_S)
    return found


def _fmt(value: float | None, suffix: str = "") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float):
        return f"{value:.2f}{suffix}" if abs(value) < 10 else f"{value:.0f}{suffix}"
    return f"{value}{suffix}"


def markdown(result: dict[str, Any]) -> str:
    ours, base, levels = result["bots"]["ours"], result["bots"]["baseline"], result["meta"]["levels"]
    lines = ["| figure | ours | baseline | ours / baseline |", "|---|---:|---:|---:|"]
    for row in rows(levels):
        o, b = row.get(ours), row.get(base)
        lines.append(f"| {row.label} | {_fmt(o)} | {_fmt(b)} | {_fmt(ratio(o, b), '×')} |")
    lines += ["", "| target | value | result |", "|---|---:|---|"]
    for t in result["targets"]:
        lines.append(f"| {t['target']} | {_fmt(t['value'])} | **{t['result']}** |")
    meta = result["meta"]
    lines += [
        "",
        f"Run of {meta['started']}: {meta['cpus']} cores, load average {meta['loadavg_at_start']} at "
        f"start; levels {levels} people for {meta['durations_s']} s; whole run {meta['wall_s']:.0f} s"
        + (" (quick mode: a smoke run, not a measurement)." if meta["quick"] else "."),
    ]
    return "\n".join(lines) + "\n"


def plot(result: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    levels = result["meta"]["levels"]
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for name, colour in (("ours", "tab:blue"), ("baseline", "tab:orange")):
        bot = result["bots"][name]
        for key, style in (("p50_ms", "-o"), ("p95_ms", "--s")):
            values = [_level(n, key)(bot) for n in levels]
            ax.plot(
                levels, [np.nan if v is None else v for v in values], style, color=colour, label=f"{name} {key[:3]}"
            )
    ax.set_xscale("log")
    ax.set_xticks(levels)
    ax.set_xticklabels([str(n) for n in levels])
    ax.set_yscale("log")
    ax.set_xlabel("concurrent people")
    ax.set_ylabel("latency per message (ms)")
    ax.set_title("REST webhook latency against concurrency")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write(result: dict[str, Any], reports: Path) -> dict[str, Path]:
    reports.mkdir(parents=True, exist_ok=True)
    paths = {"json": reports / "bench.json", "md": reports / "bench.md", "png": reports / "bench-latency.png"}
    paths["json"].write_text(json.dumps(result, indent=2) + "\n")
    paths["md"].write_text("# Benchmark: cma-advisor against Rasa's sample bot\n\n" + markdown(result))
    plot(result, paths["png"])
    return paths
