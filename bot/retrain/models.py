"""The model files of a retrain: the one answering, the candidates, and the copies kept for a rollback.

The Rasa server is started on models/cma-advisor.tar.gz (the Procfile's RASA_MODEL), so the
model that is loaded is always moved to that name, atomically: a server restarted by its
supervisor comes back with the model that was answering, not an older one. Before that, the
model it replaces is copied to models/previous/, and a rollback copies it back.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from bot.tools.train import MODEL_NAME


def current_model(models_dir: Path) -> Path:
    """The model the Rasa server loads at start."""
    return models_dir / f"{MODEL_NAME}.tar.gz"


def fingerprint_file(models_dir: Path) -> Path:
    """bot.tools.train's record of what the current model learned from (so `make run` does not retrain)."""
    return models_dir / f"{MODEL_NAME}.fingerprint"


def candidates_dir(models_dir: Path) -> Path:
    return models_dir / "candidates"


def previous_dir(models_dir: Path) -> Path:
    return models_dir / "previous"


def _copy_atomically(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    shutil.copyfile(source, partial)
    os.replace(partial, target)


def keep_previous(models_dir: Path, run_id: int) -> Path | None:
    """Copy the current model aside before run `run_id` replaces it; None when there is none."""
    current = current_model(models_dir)
    if not current.exists():
        return None
    kept = previous_dir(models_dir) / f"before-run-{run_id}.tar.gz"
    _copy_atomically(current, kept)
    fingerprint = fingerprint_file(models_dir)
    if fingerprint.exists():
        _copy_atomically(fingerprint, kept.with_suffix("").with_suffix(".fingerprint"))
    return kept


def install(candidate: Path, models_dir: Path, fingerprint: str | None) -> Path:
    """Make `candidate` the current model (a rename, so never half a file) with its fingerprint."""
    current = current_model(models_dir)
    os.replace(candidate, current)
    if fingerprint is not None:
        fingerprint_file(models_dir).write_text(fingerprint + "\n")
    return current


def restore(kept: Path, models_dir: Path) -> Path:
    """Put a kept model back as the current one (its fingerprint too, when it was kept)."""
    current = current_model(models_dir)
    _copy_atomically(kept, current)
    fingerprint = kept.with_suffix("").with_suffix(".fingerprint")
    if fingerprint.exists():
        _copy_atomically(fingerprint, fingerprint_file(models_dir))
    return current
