"""One retrain from start to end, and starting one in a background process.

1. Approved annotations are written to data/nlu/reviewed_examples.yml (bot.review.export).
2. `rasa train` trains a candidate on the project's data with that file, in a subprocess.
3. The current model and the candidate are scored on the held-out set (bot.tools.nlu_eval).
4. bot.retrain.decision: only if no figure falls is the current model copied aside, the
   candidate installed in its place and loaded into the running Rasa server (bot.retrain.loading).
   If loading fails, the previous model is put back. Every step is recorded (bot.retrain.runs).

Training takes minutes, so the console starts the job as its own process (`start_in_background`)
and shows its progress from the run's row; nothing of it runs in the console's event loop.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from bot.retrain import models
from bot.retrain.decision import decide, figures
from bot.retrain.loading import LoadError, api_token, hot_load
from bot.retrain.runs import FAILED, KEPT, LOADED, ROLLED_BACK, SCORING, TRAINING, Run, RunStore
from bot.review.annotations import AnnotationStore, domain_intents
from bot.review.export import write_reviewed_examples
from bot.settings import PROJECT_ROOT, Settings
from bot.tools.nlu_eval import examples, predict, report
from bot.tools.train import fingerprint, training_env, training_inputs

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Project:
    """Where a retrain reads its data, keeps its models and loads the result."""

    root: Path  # `rasa train` runs here
    config: Path
    domain: Path
    nlu_dir: Path  # reviewed_examples.yml is written here
    stories_dir: Path
    holdout_dir: Path
    models_dir: Path
    database_url: str  # annotations and runs
    rasa_url: str | None = None  # the running Rasa server; None: install the model only
    rasa_token: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> Project:
        root = settings.project_root
        return cls(
            root=root,
            config=root / "config.yml",
            domain=root / "domain.yml",
            nlu_dir=root / "data" / "nlu",
            stories_dir=root / "data" / "stories",
            holdout_dir=root / "tests" / "nlu_holdout",
            models_dir=settings.models_dir,
            database_url=settings.database_url,
            rasa_url=settings.rasa_url,
            rasa_token=api_token(root, settings.var_dir),
        )

    def to_json(self) -> str:
        return json.dumps({k: str(v) if isinstance(v, Path) else v for k, v in asdict(self).items()})

    @classmethod
    def from_json(cls, text: str) -> Project:
        data = json.loads(text)
        paths = ("root", "config", "domain", "nlu_dir", "stories_dir", "holdout_dir", "models_dir")
        values: dict[str, Any] = {k: Path(v) if k in paths else v for k, v in data.items()}
        return cls(**values)

    def log_path(self, run_id: int) -> Path:
        return models.candidates_dir(self.models_dir) / f"run-{run_id}.log"


#: Trains a model for a run: (project, run id) -> the model file.
Trainer = Callable[[Project, int], Path]
#: Scores a model on labelled examples: (model, [(intent, text)]) -> a bot.tools.nlu_eval report.
Scorer = Callable[[Path, Sequence[tuple[str, str]]], dict[str, Any]]
#: Loads a model into the running server: (rasa url, token, model file).
Loader = Callable[[str, str, Path], None]


def rasa_train(project: Project, run_id: int) -> Path:
    """`rasa train` on the project's config, domain, NLU (with the reviewed examples) and stories."""
    out = models.candidates_dir(project.models_dir)
    out.mkdir(parents=True, exist_ok=True)
    name = f"run-{run_id}"
    with open(project.log_path(run_id), "a", encoding="utf-8") as output:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "rasa",
                "train",
                "--force",
                "--fixed-model-name",
                name,
                "--out",
                str(out),
                "--config",
                str(project.config),
                "--domain",
                str(project.domain),
                "--data",
                str(project.nlu_dir),
                str(project.stories_dir),
            ],
            cwd=project.root,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=training_env(os.environ, in_terminal=False),
        )
    model = out / f"{name}.tar.gz"
    if result.returncode != 0 or not model.exists():
        tail = project.log_path(run_id).read_text(errors="replace").strip().splitlines()[-5:]
        raise RuntimeError(f"Training failed (exit {result.returncode}): " + " / ".join(tail))
    return model


def score(model: Path, labelled: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """bot.tools.nlu_eval's report of `model` on `labelled` (the model is parsed in this process)."""
    return report(predict(model, labelled))


def held_out(holdout_dir: Path) -> list[tuple[str, str]]:
    """(intent, text) of every held-out file."""
    return [pair for path in sorted(holdout_dir.glob("*.yml")) for pair in examples(path)]


def run_retrain(
    run_id: int,
    project: Project,
    engine: Engine,
    trainer: Trainer = rasa_train,
    scorer: Scorer = score,
    loader: Loader = hot_load,
) -> Run:
    """Carry out run `run_id` (already recorded as queued); every outcome is recorded, none raises."""
    runs = RunStore(engine)
    try:
        return _retrain(run_id, project, engine, runs, trainer, scorer, loader)
    except Exception as exc:  # recorded for the console; the traceback goes to the job's log
        log.error("retrain #%s failed:\n%s", run_id, traceback.format_exc())
        runs.update(run_id, status=FAILED, message=f"{type(exc).__name__}: {exc}"[:2000])
    run = runs.get(run_id)
    assert run is not None
    return run


def _retrain(
    run_id: int, project: Project, engine: Engine, runs: RunStore, trainer: Trainer, scorer: Scorer, loader: Loader
) -> Run:
    annotations = AnnotationStore(engine, project.domain).all(approved=True)
    made = write_reviewed_examples(annotations, project.nlu_dir, project.holdout_dir, domain_intents(project.domain))
    runs.update(run_id, status=TRAINING, examples=made.count, pid=os.getpid())
    learned_from = fingerprint(training_inputs(project.root), project.root) if project.root == PROJECT_ROOT else None
    candidate = trainer(project, run_id)
    runs.update(run_id, status=SCORING, model_path=str(candidate))
    labelled = held_out(project.holdout_dir)
    current = models.current_model(project.models_dir)
    before = figures(scorer(current, labelled)) if current.exists() else None
    after = figures(scorer(candidate, labelled))
    verdict = decide(before, after)
    runs.update(run_id, before=before, after=after)
    if not verdict.load:
        candidate.unlink(missing_ok=True)  # 20-odd MB that will never answer anyone
        runs.update(run_id, status=KEPT, model_path=None, message=verdict.reason)
        return _get(runs, run_id)
    kept = models.keep_previous(project.models_dir, run_id)
    installed = models.install(candidate, project.models_dir, learned_from)
    runs.update(run_id, model_path=str(installed), previous_model=str(kept) if kept else None)
    where = "installed for the next start of the Rasa server"
    if project.rasa_url and project.rasa_token:
        try:
            loader(project.rasa_url, project.rasa_token, installed)
        except LoadError as exc:
            if kept:
                models.restore(kept, project.models_dir)
            runs.update(run_id, status=FAILED, message=f"{exc} The previous model was put back.")
            return _get(runs, run_id)
        where = "loaded into the running Rasa server"
    runs.update(run_id, status=LOADED, message=f"{verdict.reason} The new model was {where}.")
    return _get(runs, run_id)


def _get(runs: RunStore, run_id: int) -> Run:
    run = runs.get(run_id)
    assert run is not None
    return run


def start_in_background(project: Project, engine: Engine, requested_by: str) -> Run:
    """Record a queued run and start `python -m bot.retrain job` for it; raises RunRefused while one runs."""
    runs = RunStore(engine)
    run = runs.start(requested_by)
    log_path = project.log_path(run.id)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(log_path, "w", encoding="utf-8") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "bot.retrain", "job", str(run.id), "--project", project.to_json()],
                cwd=PROJECT_ROOT,
                stdout=output,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # a console restart does not stop a training half-way
            )
    except OSError as exc:
        runs.update(run.id, status=FAILED, message=f"The retrain could not be started: {exc}")
        return _get(runs, run.id)
    runs.update(run.id, pid=process.pid)
    # Reaped when it ends, so its id is not taken for a live process (bot.retrain.runs.process_alive).
    threading.Thread(target=process.wait, name=f"retrain-{run.id}", daemon=True).start()
    return _get(runs, run.id)


def roll_back(project: Project, engine: Engine, loader: Loader = hot_load) -> Run:
    """Put back the model the last loaded run replaced, and load it; raises LookupError when there is none."""
    runs = RunStore(engine)
    last = runs.last_loaded()
    if last is None or not last.previous_model or not Path(last.previous_model).exists():
        raise LookupError("There is no loaded retrain with a previous model to go back to.")
    current = models.restore(Path(last.previous_model), project.models_dir)
    if project.rasa_url and project.rasa_token:
        loader(project.rasa_url, project.rasa_token, current)
    runs.update(last.id, status=ROLLED_BACK, message=last.message + " Rolled back to the model before it.")
    return _get(runs, last.id)
