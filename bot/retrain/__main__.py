"""`python -m bot.retrain run|list|rollback` (and `job`, which the console starts in the background).

`run` retrains now in this process (for cron or an operator), `list` shows the recent runs
with their figures, `rollback` puts back the model the last loaded run replaced. Settings
come from .env like everything else; failures end with one sentence, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from bot.db import get_engine
from bot.retrain.decision import percent
from bot.retrain.job import Project, roll_back, run_retrain
from bot.retrain.loading import LoadError
from bot.retrain.runs import RunRefused, RunStore
from bot.settings import load_settings_or_exit


def _figures(values: dict | None) -> str:
    if not values:
        return "-"
    return (
        f"accuracy {percent(values.get('intent_accuracy'))}, out of scope {percent(values.get('out_of_scope_recall'))}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.retrain", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="retrain now from the approved annotations, in this process")
    run.add_argument("--by", default="command line", help="who asked (shown in the console)")
    commands.add_parser("list", help="the recent retrain runs and their figures")
    commands.add_parser("rollback", help="put back the model the last loaded retrain replaced")
    job = commands.add_parser("job", help=argparse.SUPPRESS)
    job.add_argument("run_id", type=int)
    job.add_argument("--project", required=True)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    if args.command == "job":
        project = Project.from_json(args.project)
        result = run_retrain(args.run_id, project, get_engine(project.database_url))
        return 0 if result.status != "failed" else 1
    settings = load_settings_or_exit()
    project = Project.from_settings(settings)
    engine = get_engine(settings.database_url)
    if args.command == "list":
        for r in RunStore(engine).recent():
            print(
                f"#{r.id} {r.requested_at:%Y-%m-%d %H:%M} {r.status:11} {r.examples:>3} examples  "
                f"before: {_figures(r.before)}; after: {_figures(r.after)}  {r.message}"
            )
        return 0
    if args.command == "rollback":
        try:
            done = roll_back(project, engine)
        except (LookupError, LoadError) as exc:
            print(exc, file=sys.stderr)
            return 1
        print(f"Rolled back retrain #{done.id}: the model before it is answering again.")
        return 0
    try:
        started = RunStore(engine).start(args.by)
    except RunRefused as exc:
        print(exc, file=sys.stderr)
        return 1
    result = run_retrain(started.id, project, engine)
    print(f"Retrain #{result.id}: {result.status}. {result.message}")
    return 0 if result.status != "failed" else 1


if __name__ == "__main__":
    sys.exit(main())
